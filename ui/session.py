"""The login session of one browser tab, checked against the users table on every script run.

The session lives in `st.session_state` (server side). It starts from the login form, or once per
tab from the login cookie the browser sent when the tab connected (`st.context.cookies`, verified
by `dataio.sessions`: HS256 with our key, nothing else). On every run it is held against the
user's record: disabled, expired, or `sessions_valid_from` moved (logout, password change or reset,
disabling, re-enabling) ends it at once, whichever server or tab caused it.

The cookie itself is written and deleted by the server (`ui.web`, HttpOnly): the page trades a
one-minute ticket for it with one request, so no cookie component (and no rerun of its own)
is needed, and a view costs one script run.
"""

import json
from typing import Literal

import streamlit as st
from sqlalchemy import Engine
from streamlit.delta_generator import DeltaGenerator

from dataio.sessions import (
    LoginSession,
    Purpose,
    check_session,
    decode_cookie,
    encode_ticket,
    new_session,
)
from dataio.settings import Settings
from dataio.store.users import end_sessions, find_user
from models.i18n import N_
from models.tables import AppUser

SESSION_KEY = "_botrygt_session"
_COOKIE_READ = "_botrygt_cookie_read"
_NOTICE = "_botrygt_notice"
_LOGOUT = "_botrygt_logout"
_TICKETS = "_botrygt_tickets"
COOKIE_ROUTE = "api/session"  # POST a ticket: set the login cookie; .../end: delete it

# marked for translation (models.i18n.N_): the login form shows them in the active language
LOGGED_OUT = N_("Du er logget ud.")
DISABLED = N_("Din bruger er deaktiveret eller findes ikke længere. Kontakt administratoren.")
ENDED = {
    "unknown": DISABLED,
    "disabled": DISABLED,
    "expired": N_("Din login er udløbet. Log ind igen."),
    "revoked": N_(
        "Du er logget ud, fordi din bruger er logget ud et andet sted, eller fordi adgangskoden "
        "er skiftet eller nulstillet. Log ind igen."
    ),
}
Tone = Literal["success", "warning", "error"]


def base_path() -> str:
    """The app's URL prefix: "/" or "/<server.baseUrlPath>/" (every route of ours lives under it)."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def current_settings() -> Settings:
    """The settings in force (the environment; st.secrets' cookie_key as a fallback)."""
    try:
        secret = st.secrets.get("cookie_key")
    except Exception:  # no secrets.toml is normal; the environment then decides
        secret = None
    return Settings.from_env(secret_cookie_key=secret if isinstance(secret, str) else None)


def current_user(settings: Settings, engine: Engine) -> AppUser | None:
    """The logged-in user, read afresh; None (and the reason kept for the login form) when there
    is no session or it has just ended."""
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, LoginSession):
        session = None
    from_cookie = session is None and not st.session_state.get(_COOKIE_READ)
    if from_cookie:
        token = st.context.cookies.get(settings.cookie_name)
        session = decode_cookie(token, key=settings.cookie_key)
    if session is None:
        st.session_state[_COOKIE_READ] = True
        return None
    user, ended = check_session(engine, session)  # a database error leaves everything as it was
    st.session_state[_COOKIE_READ] = True  # a tab adopts its cookie once, when it connects
    if ended is not None:
        tone: Tone = "error" if ended in ("unknown", "disabled") else "warning"
        _forget(settings, session, notice=ENDED[ended], tone=tone)
        return None
    st.session_state[SESSION_KEY] = session
    return user


def start(settings: Settings, user: AppUser) -> None:
    """A session for a user who has just given the right password, and its cookie."""
    session = new_session(user, hours=settings.session_hours)
    st.session_state[SESSION_KEY] = session
    st.session_state.pop(_NOTICE, None)
    _send_ticket(settings, session, purpose="set-cookie")


def renew_after_password_change(engine: Engine, *, username: str) -> None:
    """Changing one's own password ends every session of the user but this one: it gets a new
    session and cookie at once (the old cookie is dead; a reload must not log the user out)."""
    user = find_user(engine, username=username)
    if user is not None:
        start(current_settings(), user)
        send_pending(st.container())


def request_logout() -> None:
    """The "Log ud" button's callback (runs before the script run it causes)."""
    st.session_state[_LOGOUT] = True


def logout_if_requested(settings: Settings, engine: Engine) -> None:
    """Log out here at once, then end the user's sessions everywhere (sessions_valid_from)."""
    if not st.session_state.pop(_LOGOUT, False):
        return
    session = st.session_state.get(SESSION_KEY)
    if not isinstance(session, LoginSession):
        return
    _forget(settings, session, notice=LOGGED_OUT, tone="success")
    end_sessions(engine, username=session.username)


def notice() -> tuple[str, Tone] | None:
    """Why the login form is shown (logged out, session ended), if there is a reason."""
    value = st.session_state.get(_NOTICE)
    return value if isinstance(value, tuple) else None


def _forget(settings: Settings, session: LoginSession, *, notice: str, tone: Tone) -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state[_NOTICE] = (notice, tone)
    _send_ticket(settings, session, purpose="end-cookie")


def _send_ticket(settings: Settings, session: LoginSession, *, purpose: Purpose) -> None:
    """Queue a ticket for `send_pending`: the server sets or deletes the HttpOnly cookie for it."""
    ticket = encode_ticket(session, key=settings.cookie_key, purpose=purpose)
    route = base_path() + (COOKIE_ROUTE if purpose == "set-cookie" else f"{COOKIE_ROUTE}/end")
    st.session_state.setdefault(_TICKETS, []).append((route, ticket))


def send_pending(where: DeltaGenerator) -> None:
    """One request from the page to the server per queued ticket, drawn as one script element
    in `where` (the placeholder every run has at the top, so that nothing below it shifts)."""
    tickets = st.session_state.pop(_TICKETS, [])
    if not tickets:
        return
    calls = "".join(
        f"fetch({json.dumps(route)}, {{method: 'POST', body: {json.dumps(ticket)}, "
        "credentials: 'same-origin', headers: {'Content-Type': 'text/plain'}});"
        for route, ticket in tickets
    )
    where.html(f"<script>{calls}</script>", unsafe_allow_javascript=True)
