"""Rapport: the monthly meeting's pack (PDF and Excel) from the dashboard's own numbers."""

from datetime import date

import streamlit as st

from models.report import default_since
from ui import loaders
from ui.auth import Guarded, require
from ui.page import guarded
from ui.report_view import choose_scope, load_pack, show_pack


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    st.title("Rapport: mødepakken")
    code, district = choose_scope(actor, version)
    since = st.date_input(
        "Sidste møde", value=default_since(today), max_value=today, format="DD.MM.YYYY"
    )
    with st.status("Danner mødepakken …") as progress:
        pack = load_pack(version, actor, code, district, since, today)
        progress.update(label=f"{pack.report.title} er klar", state="complete", expanded=False)
    show_pack(pack)


guard = require("rapport", title="Rapport")
guarded(lambda: render(guard))
