"""The active language of a page run, and `_()` for the pages and ui/ (models.i18n underneath).

A logged-in user's language is their own choice (Min konto, `app_user.language`), put in the
session by the login guard (ui.auth) on every run; before login, `?lang=en` chooses it. Danish is
the default. The public page does not use the session: it passes `?lang=` down itself.
"""

import streamlit as st

from models.errors import DomainError
from models.i18n import (
    DEFAULT_LANGUAGE,
    language_of,
    translate,
    translate_context,
    translate_plural,
)

LANGUAGE_KEY = "botrygt_language"


def active_language() -> str:
    """The language of this run: the session's, else ?lang=, else Danish."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    if chosen is not None:
        return language_of(chosen)
    return requested_language()


def requested_language() -> str:
    """The language asked for in the address (?lang=en), else Danish."""
    return language_of(st.query_params.get("lang", DEFAULT_LANGUAGE))


def use_language(lang: str) -> None:
    """Make `lang` the session's language (the login guard, after reading the user's choice)."""
    st.session_state[LANGUAGE_KEY] = language_of(lang)


def _(message: str) -> str:
    """The Danish `message` in the active language."""
    return translate(active_language(), message)


def pgettext(context: str, message: str) -> str:
    """The Danish `message`, as meant in `context`, in the active language."""
    return translate_context(active_language(), context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Singular or plural (Danish msgids) in the active language."""
    return translate_plural(active_language(), singular, plural, count)


def error_text(error: DomainError) -> str:
    """A domain error's message in the active language (Danish when it has no template)."""
    return error.text(active_language())
