"""After a write: say what was saved on the next run, which reads everything fresh.

A write stores its message here, clears the cached reads and reruns the script, so every list,
counter, picker and table on the page is drawn from the new state; the message is shown once,
where the person acted (an area of the page), so nothing above it moves.
"""

from typing import Literal

import streamlit as st

from models.i18n import Message
from ui import loaders
from ui.i18n import active_language

Kind = Literal["success", "info", "warning"]
_KEY = "flash_messages"


def done(message: str | Message, *, kind: Kind = "success", area: str = "page") -> None:
    """The write succeeded: keep its message, drop the cached reads and run the page again.
    A Message (models.i18n.M_) is shown in the session's language; a str as given."""
    st.session_state.setdefault(_KEY, []).append((area, kind, message))
    loaders.after_write()
    st.rerun()


def ask(message: str | Message, *, area: str = "page") -> None:
    """Nothing was written: run the page again (to show what the person must do) with a warning."""
    st.session_state.setdefault(_KEY, []).append((area, "warning", message))
    st.rerun()


def show(area: str = "page") -> None:
    """The messages of the writes since the last run in this area, once."""
    waiting = st.session_state.get(_KEY, [])
    lang = active_language()
    for kind, message in [(k, m) for a, k, m in waiting if a == area]:
        shown = message.render(lang) if isinstance(message, Message) else message
        {"success": st.success, "info": st.info, "warning": st.warning}[kind](shown)
    st.session_state[_KEY] = [w for w in waiting if w[0] != area]
