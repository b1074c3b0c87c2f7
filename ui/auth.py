"""The guard every page begins with: login (streamlit-authenticator), our users table, our rules."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from dataio.seed.demo_users import DEMO_USERS, demo_passwords_in_use
from dataio.settings import Settings
from dataio.store.users import (
    LockoutPolicy,
    actor_of,
    all_users,
    end_sessions,
    find_user,
    has_active_admin,
    hash_password,
    is_locked,
    record_login_failure,
    record_login_success,
)
from models.permissions import ROLE_LABELS, Actor
from ui import loaders
from ui.page import PAGES, draw_menu, start_page

LOGIN_FIELDS = {
    "Form name": "Log ind",
    "Username": "Brugernavn",
    "Password": "Adgangskode",
    "Login": "Log ind",
}


@dataclass(frozen=True)
class Guarded:
    """Who is logged in, and the settings in force."""

    actor: Actor
    display_name: str
    settings: Settings


@st.cache_resource
def _unusable_hash() -> str:
    """A hash no password matches: locked accounts keep their name so failures still count."""
    return hash_password(secrets.token_urlsafe(32))


def _settings() -> Settings:
    try:
        secret = st.secrets.get("cookie_key")
    except Exception:  # no secrets.toml is normal; the environment then decides
        secret = None
    return Settings.from_env(secret_cookie_key=secret)


def _credentials() -> dict[str, Any]:
    """The library's credentials dict, built from our users table on every run."""
    users = {}
    for user in all_users(loaders.engine()):
        if not user.active:
            continue  # a disabled user cannot log in, not even by cookie
        password = _unusable_hash() if is_locked(user) else user.password_hash
        users[user.username] = {
            "name": user.display_name,
            "password": password,
            "email": "",
            "roles": [user.role],
        }
    return {"usernames": users}


def _refuse_unsafe_start(settings: Settings) -> None:
    problems = settings.security_problems(
        has_active_admin=has_active_admin(loaders.engine()),
        demo_accounts=[] if settings.demo_mode else demo_passwords_in_use(loaders.engine()),
    )
    if problems:
        st.error(
            "Appen kan ikke starte sikkert: " + "; ".join(problems) + ".", icon=":material/gpp_bad:"
        )
        st.stop()


def _record_attempts(credentials: dict[str, Any], settings: Settings) -> None:
    """Carry the library's in-memory failure count over to our table (lockout survives restarts)."""
    st.session_state.pop("_botrygt_failed", None)
    policy = LockoutPolicy(
        max_failures=settings.lockout_max_failures, minutes=settings.lockout_minutes
    )
    for username, entry in credentials["usernames"].items():
        if entry.get("failed_login_attempts"):
            locked = record_login_failure(loaders.engine(), username=username, policy=policy)
            st.session_state["_botrygt_failed"] = (username, locked)


def _login_form(settings: Settings) -> None:
    """The login form; stops the page unless someone is logged in."""
    credentials = _credentials()
    authenticator = stauth.Authenticate(
        credentials,
        settings.cookie_name,
        settings.cookie_key,
        settings.cookie_expiry_days,
        auto_hash=False,
    )
    try:
        authenticator.login(
            location="main", fields=LOGIN_FIELDS, key="login_form", callback=_mark_form_login
        )
    except LoginError:
        # a cookie for a user who has since been disabled: forget it, and show the form
        _forget_cookie(authenticator)
        st.warning("Din tidligere login er ikke længere gyldig. Log ind igen.")
        authenticator.login(
            location="main", fields=LOGIN_FIELDS, key="login_form", callback=_mark_form_login
        )
    _record_attempts(credentials, settings)
    st.session_state["_botrygt_authenticator"] = authenticator
    if st.session_state.get("authentication_status"):
        return
    _login_feedback(settings)
    st.stop()


def _mark_form_login(*_details: object) -> None:
    """The library calls this only when the login form was used (never for a cookie)."""
    st.session_state["_botrygt_form_login"] = True


def _forget_cookie(authenticator: stauth.Authenticate) -> None:
    """Log out this session and delete the login cookie in the browser."""
    st.session_state["authentication_status"] = None
    st.session_state["logout"] = True  # the library then stops reading the cookie
    authenticator.cookie_controller.delete_cookie()


def _cookie_predates_credentials(settings: Settings, *, valid_from: datetime | None) -> bool:
    """A new session from a cookie issued before the last logout, password change or re-enabling."""
    if valid_from is None:
        return False
    token = st.context.cookies.get(settings.cookie_name)
    if not isinstance(token, str) or not token:
        return False  # no cookie (only a real cookie string can be judged)
    try:
        claims = jwt.decode(token, settings.cookie_key, algorithms=["HS256"])
        issued = float(claims["exp_date"]) - settings.cookie_expiry_days * 86400
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return True
    changed = valid_from if valid_from.tzinfo else valid_from.replace(tzinfo=UTC)
    return issued < changed.timestamp() - 5  # seconds of slack for clocks and the cookie round trip


def _login_feedback(settings: Settings) -> None:
    failed = st.session_state.get("_botrygt_failed")
    if st.session_state.get("authentication_status") is False:
        if failed and failed[1]:
            st.error(
                f"Kontoen er låst i {settings.lockout_minutes} minutter efter for mange forkerte forsøg."
            )
        else:
            st.error("Forkert brugernavn eller adgangskode.")
    if settings.demo_mode:
        lines = [f"- **{d.username}** / `{d.password}`: {d.display_name}" for d in DEMO_USERS]
        st.info(
            "**Demo-tilstand.** Log ind som en af demo-brugerne:\n\n" + "\n".join(lines),
            icon=":material/science:",
        )


def _logout_button() -> None:
    authenticator = st.session_state.get("_botrygt_authenticator")
    if authenticator is None:
        return
    username = st.session_state.get("username")
    authenticator.logout("Log ud", location="sidebar", key="logout_btn")
    if not st.session_state.get("authentication_status"):
        # the browser deletes the cookie a moment later; until then, and if it never does (a
        # reload, a closed tab), the server refuses it: cookies issued before now are dead
        if username:
            end_sessions(loaders.engine(), username=username)
        st.session_state.pop("_botrygt_seen", None)
        st.session_state.pop("_botrygt_form_login", None)
        st.success("Du er logget ud.")
        st.stop()  # no rerun here: the cookie deletion must reach the browser first


def require(page: str, *, title: str) -> Guarded:
    """Start a page: login, the user's current rights from the database, menu; stop if not allowed."""
    start_page(title)
    settings = _settings()
    _refuse_unsafe_start(settings)
    _login_form(settings)
    user = find_user(loaders.engine(), username=st.session_state["username"])
    authenticator = st.session_state.get("_botrygt_authenticator")
    if user is None or not user.active:
        if authenticator is not None:
            authenticator.logout(location="unrendered")
        st.error("Din bruger er deaktiveret eller findes ikke længere. Kontakt administratoren.")
        st.stop()
    fresh_from_cookie = not st.session_state.get(
        "_botrygt_form_login"
    ) and not st.session_state.get("_botrygt_seen")
    if (
        authenticator is not None
        and fresh_from_cookie
        and _cookie_predates_credentials(settings, valid_from=user.sessions_valid_from)
    ):
        _forget_cookie(authenticator)
        st.warning("Du er logget ud (eller adgangskoden er ændret) siden sidst. Log ind igen.")
        authenticator.login(
            location="main", fields=LOGIN_FIELDS, key="login_form", callback=_mark_form_login
        )
        st.stop()
    if st.session_state.get("_botrygt_seen") != user.username:
        record_login_success(loaders.engine(), username=user.username)
        st.session_state["_botrygt_seen"] = user.username
    actor = actor_of(user)
    draw_menu(
        actor=actor,
        display_name=user.display_name,
        role_label=ROLE_LABELS[actor.role],
        demo=settings.demo_mode,
    )
    _logout_button()
    if not PAGES[page].visible(actor):
        st.error(
            "Ingen adgang: din rolle giver ikke adgang til denne side.", icon=":material/block:"
        )
        st.stop()
    return Guarded(actor=actor, display_name=user.display_name, settings=settings)
