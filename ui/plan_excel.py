"""The Handlingsplan page's Excel section: download the plan, and replace it from a workbook."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.files.action_plan_import import import_plan
from dataio.files.action_plan_reading import PlanRow, read_plan
from dataio.files.action_plan_workbook import COLUMNS, export_plan
from dataio.files.spreadsheet import XLSX_MIME
from models.actionplan import goal_label, value_label
from models.formatting import fmt_date, fmt_int
from models.i18n import DANISH, N_, translate
from models.permissions import Actor
from models.safe_text import for_markdown
from ui import loaders
from ui.i18n import _, active_language, error_text
from ui.plan_view import refusals_in_language
from ui.uploads import read_once

PREVIEW_COLUMNS = {"track": "Spor"} | {key: heading for key, heading, _ in COLUMNS}
# the workbook's headings (dataio.files.action_plan_workbook, Danish in the file), as the preview
# shows them in another language
PREVIEW_HEADINGS = (
    N_("Spor"),
    N_("Aktivitet"),
    N_("Aktivitetsgruppe"),
    N_("Ansvarlig"),
    N_("Organisation"),
    N_("Start"),
    N_("Frist"),
    N_("Status"),
    N_("Fremdrift (%)"),
    N_("Mål"),
    N_("Noter"),
)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def _workbook(version: int, viewer: Actor, code: int, name: str, district_name: str) -> bytes:
    """The plan as .xlsx, per data version (the viewer is part of the key: scope)."""
    return export_plan(
        loaders.engine(),
        viewer=viewer,
        municipality_code=code,
        municipality_name=name,
        police_district_name=district_name,
    )


def preview_frame(rows: list[PlanRow], *, lang: str = DANISH) -> pd.DataFrame:
    """The parsed rows with the workbook's headings and words (Danish, as in the file; in
    another language, translated)."""
    headings = {key: translate(lang, heading) for key, heading in PREVIEW_COLUMNS.items()}

    def shown(key: str, value: object) -> object:
        if isinstance(value, date):
            return fmt_date(value, lang=lang)
        if key == "goal":
            return goal_label(value, lang=lang) if value is not None else value
        if lang != DANISH and key in ("track", "status", "organisation"):
            return value_label(value, lang=lang)
        return value

    return pd.DataFrame(
        [{headings[k]: shown(k, v) for k, v in row.values().items()} for row in rows],
        columns=list(headings.values()),
    )


def excel_section(
    actor: Actor, code: int, name: str, district_name: str, *, may_import: bool
) -> None:
    """Download the plan in the guide's Excel layout; with may_import, replace it from a workbook."""
    lang = active_language()
    st.subheader(_("Handlingsplanen i Excel"))
    st.download_button(
        _("Hent som Excel"),
        data=_workbook(loaders.current_version(), actor, code, name, district_name),
        file_name=f"handlingsplan-{code}.xlsx",
        mime=XLSX_MIME,
        key="plan_excel_download",
    )
    done = st.session_state.pop("plan_excel_result", None)
    if done is not None:
        st.success(done)
    if not may_import:
        return
    generation = st.session_state.get("plan_excel_generation", 0)
    upload = st.file_uploader(
        _("Indlæs handlingsplan fra Excel"),
        type=["xlsx"],
        key=f"plan_excel_upload_{generation}",
        help=_(
            "Hent planen som Excel, ret den, og indlæs den her. Alle planens aktiviteter erstattes af filens."
        ),
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        rows = read_once(upload, purpose="plan_workbook", read=lambda: read_plan(data))
    except DomainError as error:
        st.error(error_text(error), icon=":material/error:")
        return
    st.caption(
        _(
            "{file}: {count} aktiviteter. Indlæsningen erstatter alle aktiviteter i {name}s plan med filens og skrives i ændringsloggen."
        ).format(file=for_markdown(upload.name), count=fmt_int(len(rows), lang=lang), name=name)
    )
    st.dataframe(preview_frame(rows, lang=lang), hide_index=True, key="plan_excel_preview")
    if st.button(
        _("Erstat planen med filens aktiviteter"), type="primary", key="plan_excel_import"
    ):
        with refusals_in_language():
            count = import_plan(loaders.engine(), actor=actor, municipality_code=code, data=data)
        loaders.after_write()
        # a fresh uploader (the file is used), and the message shown after the rerun
        st.session_state["plan_excel_generation"] = generation + 1
        st.session_state["plan_excel_result"] = _(
            "Handlingsplanen er erstattet med {count} aktiviteter fra {file}."
        ).format(count=fmt_int(count, lang=lang), file=for_markdown(upload.name))
        st.success(st.session_state["plan_excel_result"])
        st.rerun()
