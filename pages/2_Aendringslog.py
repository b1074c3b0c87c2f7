"""Ændringslog: every change, who made it and the values before and after, within the viewer's scope."""

from datetime import date, timedelta

import streamlit as st

from models.formatting import danish_midnight, fmt_count, fmt_date
from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.page import guarded
from ui.tables import audit_for_display


def render(actor: Actor) -> None:
    """The page body."""
    st.title("Ændringslog")
    since_day = st.date_input(
        "Ændringer siden (fx sidste møde)",
        value=date.today() - timedelta(days=30),
        format="DD.MM.YYYY",
    )
    since = danish_midnight(since_day)
    entries = loaders.load_audit(loaders.current_version(), actor, since)
    st.caption(
        f"{fmt_count(len(entries), one='ændring', many='ændringer')} siden {fmt_date(since_day)}, som din rolle må se."
    )
    if entries.empty:
        st.info("Ingen ændringer i perioden.")
        return
    st.dataframe(audit_for_display(entries), hide_index=True, key="audit_table")


guard = require("aendringslog", title="Ændringslog")
guarded(lambda: render(guard.actor))
