"""Min konto: who you are, your language, your e-mail and the monthly brief, your calendar feed, a
new password (the sections are ui.account's)."""

import streamlit as st

from ui.account import calendar_section, email_form, language_form, password_form, who_you_are
from ui.auth import Guarded, require
from ui.i18n import _
from ui.page import guarded


def render(guard: Guarded) -> None:
    """The page body."""
    st.title(_("Min konto"))
    who_you_are(guard)
    language_form(guard)
    email_form(guard)
    calendar_section(guard)
    password_form(guard)


guard = require("konto", title="Min konto")
guarded(lambda: render(guard))
