"""The guard every page begins with: the login form, the session (ui.session), our rules.

`require(page, title=...)` is the first call of every page (a deep link runs only that page's
script). On every run it refuses to start unsafely outside demo mode, holds the tab's session
against the users table (ui.session), shows the login form when there is none, draws the role's
menu and the logout button, and refuses pages the role may not open. Any failure on the way,
the database being down or locked included, is a Danish message (ui.page.fenced).
"""

from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine
from streamlit.delta_generator import DeltaGenerator

from dataio.seed.demo_users import DEMO_USERS, demo_passwords_in_use
from dataio.settings import Settings
from dataio.store.users import LockoutPolicy, actor_of, attempt_login, has_active_admin
from models.i18n import DANISH, N_, translate
from models.permissions import ROLE_LABELS, Actor, Role
from models.tables import AppUser
from ui import loaders, session, web
from ui.i18n import _, active_language, use_language
from ui.page import PAGES, draw_menu, fenced, start_page

NO_ACCESS = N_("Ingen adgang: din rolle giver ikke adgang til denne side.")


@dataclass(frozen=True)
class Guarded:
    """Who is logged in, and the settings in force."""

    actor: Actor
    display_name: str
    settings: Settings


def login_failed_text(settings: Settings, lang: str = DANISH) -> str:
    """The one answer to every failed login: it never tells whether the name exists or is locked."""
    return translate(
        lang,
        "Forkert brugernavn eller adgangskode. Efter {failures} forkerte forsøg i træk låses "
        "kontoen i {minutes} minutter.",
    ).format(failures=settings.lockout_max_failures, minutes=settings.lockout_minutes)


def _refuse_unsafe_start(settings: Settings, engine: Engine) -> None:
    problems = settings.security_problems(
        has_active_admin=has_active_admin(engine),
        demo_accounts=[] if settings.demo_mode else demo_passwords_in_use(engine),
        server_routes=web.routes_mounted(),
    )
    if problems:
        st.error(
            _("Appen kan ikke starte sikkert: {problems}.").format(problems="; ".join(problems)),
            icon=":material/gpp_bad:",
        )
        st.stop()


def _login_form(settings: Settings, engine: Engine, top: DeltaGenerator) -> AppUser:
    """The login form in the top placeholder; returns the user who just logged in (the
    placeholder then empty again, for the page below it), else stops the page."""
    with top.container():
        session.send_pending(st.container())  # a cookie to delete, when a session just ended
        reason = session.notice()
        if reason is not None:
            text, tone = reason
            {"success": st.success, "warning": st.warning, "error": st.error}[tone](_(text))
        with st.form("login_form"):  # Enter logs in; its English hint is hidden (ui.web)
            st.subheader(_("Log ind"))
            username = st.text_input(_("Brugernavn"), autocomplete="username")
            password = st.text_input(
                _("Adgangskode"), type="password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(_("Log ind"))
        user = None
        if submitted:
            policy = LockoutPolicy(
                max_failures=settings.lockout_max_failures, minutes=settings.lockout_minutes
            )
            user = attempt_login(engine, username=username, password=password, policy=policy)
            if user is None:
                st.error(login_failed_text(settings, active_language()))
        if user is None and settings.demo_mode:
            lines = [f"- **{d.username}** / `{d.password}`: {d.display_name}" for d in DEMO_USERS]
            st.info(
                _("**Demo-tilstand.** Log ind som en af demo-brugerne:")
                + "\n\n"
                + "\n".join(lines),
                icon=":material/science:",
            )
    if user is None:
        st.stop()
    top.empty()
    session.start(settings, user)
    return user


def lands_on_own_municipality(actor: Actor) -> bool:
    """Roles bound to one municipality start on Min kommune after logging in at the front page
    (a deep link keeps its page); the others start on the national Forside."""
    return (
        actor.role in (Role.PROJECT_LEADER, Role.COUNCIL, Role.BUSINESS)
        and actor.municipality_code is not None
    )


def require(page: str, *, title: str) -> Guarded:
    """Start a page: login, the user's current rights from the database, menu; stop if not allowed."""
    start_page(title)
    # Every run begins with this placeholder: the login form and the cookie's ticket go in it,
    # so the page below keeps its place (and its widgets their state) from run to run.
    top = st.empty()
    settings = session.current_settings()
    with fenced():
        engine = loaders.engine()
        _refuse_unsafe_start(settings, engine)
        session.logout_if_requested(settings, engine)
        user = session.current_user(settings, engine)
        just_logged_in = user is None
        if user is None:
            user = _login_form(settings, engine, top)
        actor = actor_of(user)
        use_language(user.language)  # the user's own choice (Min konto), read on every run
        if just_logged_in and page == "forside" and lands_on_own_municipality(actor):
            # the cookie's ticket stays queued for the landing page's run (send_pending)
            st.switch_page(PAGES["min_kommune"].path)
        session.send_pending(top)
        draw_menu(
            actor=actor,
            display_name=user.display_name,
            role_label=_(ROLE_LABELS[actor.role]),
            demo=settings.demo_mode,
        )
        st.sidebar.button(_("Log ud"), key="logout_btn", on_click=session.request_logout)
        if not PAGES[page].visible(actor):
            st.error(_(NO_ACCESS), icon=":material/block:")
            st.stop()
    return Guarded(actor=actor, display_name=user.display_name, settings=settings)
