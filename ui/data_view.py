"""The Data page's parts: upload with a preview, the rejected file's problems, the list of imports."""

import pandas as pd
import streamlit as st

from dataio.dst import DstRejected, DstTable
from dataio.dst_import import import_dst, preview_dst
from dataio.import_undo import last_import, undo_last_import
from models.formatting import fmt_date, fmt_datetime, fmt_int
from models.permissions import Actor
from ui import loaders

TABLE_CHOICES = {"": "Genkend ud fra indholdet", **{t.value: t.value for t in DstTable}}
MAX_UPLOAD_MB = 100


def problems_table(rejected: DstRejected) -> pd.DataFrame:
    """What is wrong with a file, one row per problem, as a person reads it."""
    return pd.DataFrame(
        [
            {"Linje": p.line or "", "Kolonne": p.column, "Værdi": p.value, "Fejl": p.why}
            for p in rejected.problems
        ]
    )


def upload_section(actor: Actor) -> None:
    """Upload a Statistikbanken CSV, see what would change, then import it."""
    uploaded = st.file_uploader(
        "Statistikbanken-fil (CSV, semikolonsepareret)", type=["csv", "txt"]
    )
    table = st.selectbox("Tabel", list(TABLE_CHOICES), format_func=lambda t: TABLE_CHOICES[t])
    if uploaded is None:
        st.caption(
            "Hent fx STRAF11 (indbrud pr. kommune og kvartal) fra statistikbanken.dk som CSV med koder."
        )
        return
    data = uploaded.getvalue()
    try:
        with st.spinner("Læser og kontrollerer filen …"):
            report = preview_dst(
                loaders.engine(),
                actor=actor,
                data=data,
                file_name=uploaded.name,
                table=table or None,
            )
    except DstRejected as rejected:
        st.error(str(rejected).splitlines()[0] + " Intet er indlæst.")
        st.dataframe(problems_table(rejected), hide_index=True, key="problems")
        return
    st.info(f"Forhåndsvisning: {report.text()}.")
    if st.button("Indlæs filen", type="primary"):
        with st.spinner("Indlæser …"):
            done = import_dst(
                loaders.engine(),
                actor=actor,
                data=data,
                file_name=uploaded.name,
                table=table or None,
            )
        loaders.after_write()
        st.success(f"Indlæst: {done.text()}.")


def imports_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Every batch of data with its provenance, newest first."""
    return pd.DataFrame(
        {
            "Indlæst": [
                fmt_datetime(pd.Timestamp(t).to_pydatetime()) for t in sources["loaded_at"]
            ],
            "Kilde": sources["name"],
            "Fil": sources["file_name"].fillna(""),
            "Perioder": sources["periods"].fillna(""),
            "Rækker": [fmt_int(r) for r in sources["rows"]],
            "Nye/ændrede": [fmt_int(r) for r in sources["rows_changed"]],
            "Af": sources["loaded_by"].fillna(""),
            "Pr.": [fmt_date(pd.Timestamp(d).date()) for d in sources["as_of"]],
            "Eksempeldata": ["ja" if d else "" for d in sources["is_demo"]],
        }
    )


def undo_section(actor: Actor) -> None:
    """Offer to undo the newest import (refused by dataio if the actor may not)."""
    source = last_import(loaders.engine())
    if source is None:
        return
    when = fmt_datetime(source.loaded_at)
    with st.expander(f"Fortryd seneste indlæsning: {source.name} ({source.file_name}, {when})"):
        st.caption(
            "Sætter de tal tilbage, som indlæsningen erstattede (også eksempeldata). Kun den nyeste indlæsning kan fortrydes."
        )
        if st.button("Fortryd indlæsningen"):
            message = undo_last_import(loaders.engine(), actor=actor)
            loaders.after_write()
            st.success(message)
