"""The frame every page starts with: config, menu, demo banner and a friendly error edge."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from dataio.errors import DomainError
from dataio.settings import Settings
from ui.text import DEMO_BANNER


@dataclass(frozen=True)
class MenuItem:
    """One page in the menu."""

    path: str
    label: str
    icon: str


MENU = [
    MenuItem("app.py", "Forside", ":material/home:"),
    MenuItem("pages/1_Kommune.py", "Kommune", ":material/location_city:"),
]


def start_page(title: str) -> Settings:
    """Set up the page: title, sidebar menu, and the demo banner when data is demo."""
    st.set_page_config(
        page_title=f"{title} · Bo trygt", page_icon=":material/shield:", layout="wide"
    )
    settings = Settings.from_env()
    with st.sidebar:
        st.markdown("### Bo trygt · styringsdashboard")
        for item in MENU:
            st.page_link(item.path, label=item.label, icon=item.icon)
        if settings.demo_mode:
            st.caption("Demo-tilstand")
    return settings


def demo_notice(demo: bool) -> None:
    """The visible 'Eksempeldata' warning wherever demo data is shown."""
    if demo:
        st.warning(DEMO_BANNER, icon=":material/science:")


def guarded(render: Callable[[], None]) -> None:
    """Run a page body; a domain error becomes a Danish message, never a traceback."""
    try:
        render()
    except DomainError as error:
        st.error(str(error), icon=":material/error:")
    except Exception:
        # Logged in full for the operator; the person at the screen gets a plain Danish message.
        logging.getLogger("botrygt").exception("Uventet fejl på siden")
        st.error(
            "Der opstod en uventet fejl. Den er logget; prøv igen, eller kontakt administratoren.",
            icon=":material/error:",
        )
