"""Data: real numbers in (Statistikbanken, helper counts, surveys, the police's incident extract), previewed first, and where every number came from."""

import streamlit as st

from models.permissions import Action, Actor
from ui import loaders
from ui.auth import require
from ui.data_view import (
    HELPERS,
    SURVEY,
    imports_table,
    may_import,
    table_upload_section,
    undo_section,
    upload_section,
)
from ui.downloads import table_download
from ui.i18n import _, active_language
from ui.incident_upload import incident_upload_section
from ui.page import guarded


def render(actor: Actor) -> None:
    """The page body."""
    st.title("Data")
    st.markdown(
        _(
            "Indlæs tal fra Danmarks Statistik, nabohjælpertal, tryghedsmålinger og politiets udtræk af indbrud. Hver fil kontrolleres helt, før noget gemmes; ved fejl gemmes intet."
        )
    )
    if may_import(actor, Action.IMPORT_DATA):  # the police come for their own extract
        upload_section(actor)
        undo_section(actor)
    table_upload_section(actor, HELPERS)
    table_upload_section(actor, SURVEY)
    incident_upload_section(actor)
    st.subheader(_("Indlæsninger og kilder"))
    sources = loaders.load_sources(loaders.current_version(), actor)
    imports = imports_table(sources, lang=active_language())
    st.dataframe(imports, hide_index=True, key="sources")
    table_download(imports, title=_("Indlæsninger og kilder"), key="sources_download")


guard = require("data", title="Data")
guarded(lambda: render(guard.actor))
