"""The Data page's parts: uploads with a preview (Statistikbanken, helper counts, surveys), the list of imports."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dataio.errors import DomainError
from dataio.files.neighbour_help import HelperImportReport, import_helpers, preview_helpers
from dataio.files.statistikbanken.importer import import_dst, preview_dst
from dataio.files.statistikbanken.reader import DstRejected, DstTable
from dataio.files.surveys import SurveyImportReport, import_survey, preview_survey
from dataio.files.undo import last_import, undo_last_import
from dataio.store.sources import source_label
from models.formatting import fmt_date, fmt_datetime, fmt_int
from models.i18n import DANISH, N_, translate, translator
from models.import_diff import (
    ImportDiff,
    quarter_spans,
    removal_confirmation,
    summary_columns,
    summary_rows,
)
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from ui import loaders
from ui.i18n import _, active_language, error_text
from ui.import_charts import before_after_chart
from ui.uploads import read_once

TABLE_CHOICES = {"": N_("Genkend ud fra indholdet"), **{t.value: t.value for t in DstTable}}
MAX_UPLOAD_MB = 100


def problems_table(rejected: DstRejected, *, lang: str = DANISH) -> pd.DataFrame:
    """What is wrong with a file, one row per problem, as a person reads it (in `lang`)."""
    _ = translator(lang)
    return pd.DataFrame(
        [
            {
                _("Linje"): p.line or "",
                _("Kolonne"): p.column,
                _("Værdi"): p.value,
                _("Fejl"): translate(lang, p.why) if p.why else "",
            }
            for p in rejected.problems
        ]
    )


def upload_section(actor: Actor) -> None:
    """Upload a Statistikbanken CSV, see per municipality what would change, then import it."""
    lang = active_language()
    done = st.session_state.pop("dst_result", None)
    if done is not None:
        st.success(for_markdown(done))
    generation = st.session_state.get("dst_generation", 0)
    uploaded = st.file_uploader(
        _("Statistikbanken-fil (CSV, semikolonsepareret)"),
        type=["csv", "txt"],
        key=f"dst_upload_{generation}",
    )
    table = st.selectbox(
        _("Tabel"),
        list(TABLE_CHOICES),
        format_func=lambda t: translate(lang, TABLE_CHOICES[t]),
        key="dst_table",
    )
    if uploaded is None:
        st.caption(
            _(
                "Hent fx STRAF11 (indbrud pr. kommune og kvartal) fra statistikbanken.dk som CSV med koder. "
                "En fil erstatter de kvartaler, den dækker; tidligere indlæste kvartaler bevares, "
                "og en kommunes eksempeldata fjernes helt, når rigtige tal kommer."
            )
        )
        return
    data = uploaded.getvalue()
    try:
        with st.spinner(_("Læser og kontrollerer filen …")):
            report = read_once(
                uploaded,
                purpose=f"statistikbanken_{table}",
                version=loaders.current_version(),
                read=lambda: preview_dst(
                    loaders.engine(),
                    actor=actor,
                    data=data,
                    file_name=uploaded.name,
                    table=table or None,
                ),
            )
    except DstRejected as rejected:
        st.error(rejected.headline(lang=lang) + " " + _("Intet er indlæst."))
        st.dataframe(problems_table(rejected, lang=lang), hide_index=True, key="problems")
        return
    except DomainError as refused:  # e.g. a project leader's file with another municipality
        st.error(for_markdown(f"{error_text(refused)} {_('Intet er indlæst.')}"))
        return
    st.info(
        for_markdown(
            _("Forhåndsvisning: {report}.").format(report=report.text(planned=True, lang=lang))
        )
    )
    confirmed = diff_section(report.diff, generation=generation)
    clicked = st.button(_("Importér"), type="primary", disabled=not confirmed, key="dst_import")
    # a click counts only with the tick of this run: a preview recomputed since (new data) may
    # name other quarters, and its new tick box starts empty
    if clicked and confirmed:
        try:
            with st.spinner(_("Indlæser …")):
                done_report = import_dst(
                    loaders.engine(),
                    actor=actor,
                    data=data,
                    file_name=uploaded.name,
                    table=table or None,
                    # exactly what the person saw and ticked; dataio refuses any other removal
                    confirmed_removals=report.diff.removed if report.diff else None,
                )
        except DomainError as refused:
            st.error(for_markdown(error_text(refused)))
            return
        loaders.after_write()
        st.session_state["dst_generation"] = generation + 1
        st.session_state["dst_result"] = _("Indlæst: {report}.").format(
            report=done_report.text(lang=lang)
        )
        st.rerun()


def diff_section(diff: ImportDiff | None, *, generation: int) -> bool:
    """Per municipality what the import adds, replaces and removes, a before/after chart, and
    the tick box when quarters would be removed; whether the import may go ahead."""
    if diff is None or not diff.municipalities:
        return True
    lang = active_language()
    names = dict(zip(*_names(), strict=True))
    st.dataframe(
        pd.DataFrame(
            summary_rows(diff, names=names, lang=lang), columns=summary_columns(lang=lang)
        ),
        hide_index=True,
        key="dst_diff",
    )
    codes = [m.code for m in diff.municipalities]
    removing = [c for c in codes if diff.of(c).removed_demo]
    chosen = st.selectbox(
        _("Vis før og efter for"),
        codes,
        index=codes.index(removing[0]) if removing else 0,
        format_func=lambda c: names.get(c, str(c)),
        key="dst_diff_municipality",
    )
    st.plotly_chart(
        before_after_chart(diff.of(chosen), name=names.get(chosen, str(chosen)), lang=lang),
        key="dst_diff_chart",
    )
    sentence = removal_confirmation(diff, lang=lang)
    if sentence is None:
        return True
    st.warning(
        for_markdown(
            _("Indlæsningen fjerner kvartaler uden nyt tal i stedet: {quarters}.").format(
                quarters="; ".join(
                    _("{municipality} {quarters} (eksempeldata)").format(
                        municipality=names.get(c, str(c)),
                        quarters=quarter_spans(diff.of(c).removed_demo),
                    )
                    for c in removing
                )
            )
        )
    )
    # the key follows exactly what is removed: a changed preview needs a new tick
    digest = hashlib.sha256(repr(sorted(diff.removed)).encode()).hexdigest()[:12]
    return st.checkbox(sentence, key=f"dst_confirm_{generation}_{digest}")


def _names() -> tuple[list[int], list[str]]:
    """Municipality codes and names for the preview's table."""
    table = loaders.load_municipalities(loaders.current_version())
    return [int(c) for c in table["code"]], [str(n) for n in table["name"]]


def imports_table(sources: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """Every batch of data with its provenance, newest first (headings and values in `lang`)."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("Indlæst"): [
                fmt_datetime(pd.Timestamp(v).to_pydatetime(), lang=lang)
                for v in sources["loaded_at"]
            ],
            _("Kilde"): [source_label(str(n), lang=lang) for n in sources["name"]],
            _("Fil"): sources["file_name"].fillna(""),
            _("Perioder"): sources["periods"].fillna(""),
            _("Rækker"): [fmt_int(r, lang=lang) for r in sources["rows"]],
            _("Nye/ændrede"): [fmt_int(r, lang=lang) for r in sources["rows_changed"]],
            _("Af"): sources["loaded_by"].fillna(""),
            _("Pr."): [fmt_date(pd.Timestamp(d).date(), lang=lang) for d in sources["as_of"]],
            _("Eksempeldata"): [_("ja") if d else "" for d in sources["is_demo"]],
        }
    )


def undo_section(actor: Actor) -> None:
    """Offer to undo the newest import (refused by dataio if the actor may not)."""
    source = last_import(loaders.engine())
    if source is None:
        return
    visible = loaders.load_sources(loaders.current_version(), actor)["id"]
    if source.id not in set(visible):  # someone else's import: not even its file name
        return
    lang = active_language()
    when = fmt_datetime(source.loaded_at, lang=lang)
    label = _("Fortryd seneste indlæsning: {name} ({file}, {when})").format(
        name=source.name, file=source.file_name, when=when
    )
    with st.expander(for_markdown(label)):
        st.caption(
            _(
                "Sætter de tal tilbage, som indlæsningen erstattede (også eksempeldata). Kun den nyeste indlæsning kan fortrydes."
            )
        )
        if st.button(_("Fortryd indlæsningen"), key="undo_import"):
            message = undo_last_import(loaders.engine(), actor=actor, lang=lang)
            loaders.after_write()
            st.success(message)


# ------------------------------------------------- neighbour-helper counts and survey answers


@dataclass(frozen=True)
class FilePreview:
    """What an uploaded helper or survey file would do: a line, and the rows, or why it is refused."""

    ok: bool
    message: str
    table: pd.DataFrame | None = None


@dataclass(frozen=True)
class TableImport:
    """One kind of table file the page takes: its words, its preview, its import."""

    key: str
    title: str
    action: Action
    caption: str
    preview: Callable[..., Any]
    run: Callable[..., Any]
    table: Callable[..., pd.DataFrame]  # (report, *, lang=) -> the preview's rows


def helper_preview_table(report: HelperImportReport, *, lang: str = DANISH) -> pd.DataFrame:
    """The rows a helper import would write, as a person reads them (in `lang`)."""
    _ = translator(lang)
    return pd.DataFrame(
        [
            {
                _("Række"): line.number,
                _("Kommune"): f"{line.municipality_name} ({line.municipality_code})",
                _("Dato"): fmt_date(line.count_date, lang=lang),
                _("Nabohjælpere"): fmt_int(line.helpers, lang=lang),
                _("Nabovenner"): fmt_int(line.nabovenner, lang=lang),
                _("Kilde"): line.source,
                _("Ændring"): _(line.change) if line.change else "",
            }
            for line in report.lines
        ]
    )


def survey_preview_table(report: SurveyImportReport, *, lang: str = DANISH) -> pd.DataFrame:
    """The rounds a survey import would write, one row per municipality, year and measure."""
    _ = translator(lang)
    return pd.DataFrame(
        [
            {
                _("Rækker"): f"{group.rows[0]}-{group.rows[-1]}"
                if len(group.rows) > 1
                else str(group.rows[0]),
                _("Kommune"): f"{group.municipality_name} ({group.municipality_code})",
                _("År"): str(group.year),
                _("Måling"): group.measure_code,
                _("Besvarelser"): fmt_int(group.respondents, lang=lang),
                _("Svar"): ", ".join(
                    f"{c} {fmt_int(n, lang=lang)}" for c, n in group.answers.items()
                ),
                _("Ændring"): _(group.change) if group.change else "",
            }
            for group in report.groups
        ]
    )


HELPERS = TableImport(
    "helpers",
    N_("Nabohjælpere"),
    Action.EDIT_HELPERS,
    N_(
        "CSV eller Excel med kolonnerne kommune;dato;nabohjælpere;nabovenner;kilde. "
        "Tal for samme kommune og dato erstattes; eksempeldata for filens kommuner fjernes."
    ),
    preview_helpers,
    import_helpers,
    helper_preview_table,
)
SURVEY = TableImport(
    "survey",
    N_("Tryghedsmålinger"),
    Action.EDIT_SURVEYS,
    N_(
        "CSV eller Excel med kolonnerne kommune;år;måling;kategori;antal (én række pr. svarkategori). "
        "En måling for samme kommune, år og spørgsmål erstattes helt."
    ),
    preview_survey,
    import_survey,
    survey_preview_table,
)


def build_preview(
    kind: TableImport,
    engine: Engine,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    lang: str = DANISH,
) -> FilePreview:
    """Run the import and roll it back: what it would write, or the reason it is refused (in
    `lang`, Danish by default)."""
    _ = translator(lang)
    try:
        report = kind.preview(engine, actor=actor, data=data, file_name=file_name)
    except DomainError as error:
        return FilePreview(False, f"{error.text(lang)} {_('Intet er indlæst.')}")
    return FilePreview(
        True,
        _("Forhåndsvisning: {report}.").format(report=report.text(lang=lang)),
        kind.table(report, lang=lang),
    )


def may_import(actor: Actor, action: Action) -> bool:
    """Whether the actor may import such a file for some municipality (admin, or in their scope)."""
    if allows(actor, action):
        return True
    if actor.municipality_code is not None:
        return allows(actor, action, Target(actor.municipality_code, None))
    # the police: any municipality of their district
    return allows(actor, action, Target(0, actor.police_district_number))


def table_upload_section(actor: Actor, kind: TableImport) -> None:
    """Upload a helper or survey file, see what would be written, then import it."""
    if not may_import(actor, kind.action):
        return
    lang = active_language()
    title = _(kind.title)
    st.subheader(title)
    done = st.session_state.pop(f"{kind.key}_result", None)
    if done is not None:
        st.success(done)
    generation = st.session_state.get(f"{kind.key}_generation", 0)
    uploaded = st.file_uploader(
        _("{title}: CSV eller Excel").format(title=title),
        type=["csv", "txt", "xlsx"],
        key=f"{kind.key}_upload_{generation}",
    )
    st.caption(_(kind.caption))
    if uploaded is None:
        return
    data = uploaded.getvalue()
    with st.spinner(_("Læser og kontrollerer filen …")):
        preview = read_once(
            uploaded,
            purpose=f"{kind.key}_{lang}",  # the preview's words are in the reader's language
            version=loaders.current_version(),
            read=lambda: build_preview(
                kind, loaders.engine(), actor=actor, data=data, file_name=uploaded.name, lang=lang
            ),
        )
    if not preview.ok:
        st.error(for_markdown(preview.message))
        return
    st.info(for_markdown(preview.message))
    st.dataframe(preview.table, hide_index=True, key=f"{kind.key}_preview")
    if st.button(_("Indlæs filen"), type="primary", key=f"{kind.key}_import"):
        report = kind.run(loaders.engine(), actor=actor, data=data, file_name=uploaded.name)
        loaders.after_write()
        st.session_state[f"{kind.key}_generation"] = generation + 1
        st.session_state[f"{kind.key}_result"] = _("Indlæst: {report}.").format(
            report=report.text(lang=lang)
        )
        st.rerun()
