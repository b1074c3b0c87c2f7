"""Data: real numbers in (Statistikbanken, helper counts, surveys), previewed first, and where every number came from."""

import streamlit as st

from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.data_view import (
    HELPERS,
    SURVEY,
    imports_table,
    table_upload_section,
    undo_section,
    upload_section,
)
from ui.downloads import table_download
from ui.page import guarded


def render(actor: Actor) -> None:
    """The page body."""
    st.title("Data")
    st.markdown(
        "Indlæs tal fra Danmarks Statistik, nabohjælpertal og tryghedsmålinger. Hver fil kontrolleres helt, før noget gemmes; ved fejl gemmes intet."
    )
    upload_section(actor)
    undo_section(actor)
    table_upload_section(actor, HELPERS)
    table_upload_section(actor, SURVEY)
    st.subheader("Indlæsninger og kilder")
    sources = loaders.load_sources(loaders.current_version())
    imports = imports_table(sources)
    st.dataframe(imports, hide_index=True, key="sources")
    table_download(imports, title="Indlæsninger og kilder", key="sources_download")


guard = require("data", title="Data")
guarded(lambda: render(guard.actor))
