"""Rapport: the monthly meeting's pack (PDF, Excel and PowerPoint) from the dashboard's own numbers."""

from datetime import date
from functools import partial

import streamlit as st

from ui import loaders
from ui.auth import Guarded, require
from ui.i18n import _, active_language
from ui.meeting_view import pack_since
from ui.page import guarded
from ui.report_view import choose_scope, load_pack, load_slides, show_pack
from ui.session import current_settings

PACK_BUTTON = "make_pack"
PACK_WANTED = "meeting_pack_wanted"  # the session asked for a pack: keep it current


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    lang = active_language()  # the pack is made in the page's language
    st.title(_("Rapport: mødepakken"))
    code, district = choose_scope(actor, version)
    since = st.date_input(
        _("Sidste møde"),
        value=pack_since(actor, version, code, today),  # the last registered meeting, else 30 days
        max_value=today,
        format="DD.MM.YYYY",
        key="report_since",
    )
    # made on request: a pack costs seconds of the server's CPU (a PDF and its preview), which
    # every visit to the page paid for; once asked for, it follows the choices above
    if st.button(_("Dan mødepakken"), type="primary", key=PACK_BUTTON):
        st.session_state[PACK_WANTED] = True
    if not st.session_state.get(PACK_WANTED):
        st.info(
            _(
                "Mødepakken er en PDF, en Excel-fil og en PowerPoint-præsentation med tallene fra "
                "dashboardet for den valgte kommune og perioden siden sidste møde. "
                "Tryk «Dan mødepakken»."
            )
        )
        return
    min_count = current_settings().hotspot_min_count  # hotspot squares shown in the pack
    with st.status(_("Danner mødepakken …")) as progress:
        pack = load_pack(version, actor, code, district, since, today, min_count, lang)
        progress.update(
            label=_("{title} er klar").format(title=pack.report.title),
            state="complete",
            expanded=False,
        )
    show_pack(
        pack,
        slides=partial(load_slides, version, actor, code, district, since, today, min_count, lang),
    )


guard = require("rapport", title="Rapport")
guarded(lambda: render(guard))
