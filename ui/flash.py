"""After a write: say what was saved on the next run, which reads everything fresh.

A write stores its message here, clears the cached reads and reruns the script, so every list,
counter, picker and table on the page is drawn from the new state; the message is shown once.
"""

from typing import Literal

import streamlit as st

from ui import loaders

Kind = Literal["success", "info", "warning"]
_KEY = "flash_messages"


def done(message: str, *, kind: Kind = "success") -> None:
    """The write succeeded: keep its message, drop the cached reads and run the page again."""
    st.session_state.setdefault(_KEY, []).append((kind, message))
    loaders.after_write()
    st.rerun()


def show() -> None:
    """The messages of the writes since the last run, once (call near the top of the page)."""
    for kind, message in st.session_state.pop(_KEY, []):
        {"success": st.success, "info": st.info, "warning": st.warning}[kind](message)
