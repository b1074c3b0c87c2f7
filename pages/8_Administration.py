"""Administration: add, disable, re-scope users and reset passwords, and set the partnership
municipalities' start dates (administrators only)."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dataio.errors import ValidationFailed
from dataio.store.users import (
    MIN_PASSWORD_LENGTH,
    add_user,
    rescope_user,
    set_active,
    set_email,
    set_password,
)
from models.errors import DomainError
from models.permissions import ROLE_LABELS, Actor, Role
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.auth import require
from ui.downloads import table_download
from ui.i18n import _, active_language, error_text, pgettext
from ui.page import guarded
from ui.partnership_form import partnership_tab, users_in_language
from ui.tables import users_for_display


def scope_inputs(
    prefix: str, municipalities: dict[int, str], districts: dict[int, str]
) -> tuple[str, int | None, int | None]:
    """Role and, for the bound roles, the municipality or police district."""
    roles = {r: _(ROLE_LABELS[r]) for r in Role}
    role = st.selectbox(
        _("Rolle"),
        list(Role),
        format_func=roles.__getitem__,  # the words of this run (AppTest calls it outside one)
        key=f"{prefix}_role",
    )
    municipality = st.selectbox(
        _("Kommune (projektleder, byråd, erhvervsforening)"),
        [None, *municipalities],
        format_func=lambda c: "–" if c is None else f"{municipalities[c]} ({c})",
        key=f"{prefix}_municipality",
    )
    district = st.selectbox(
        _("Politikreds (politi)"),
        [None, *sorted(districts)],
        format_func=lambda n: "–" if n is None else districts[n],
        key=f"{prefix}_district",
    )
    return str(role), municipality, district


def email_form(actor: Actor, users: pd.DataFrame) -> None:
    """Set any user's e-mail address (where reminders and the monthly brief go)."""
    emails = {r.username: r.email if isinstance(r.email, str) else "" for r in users.itertuples()}
    who = st.selectbox(_("Bruger"), list(emails), key="email_user")
    with st.form("set_email", enter_to_submit=False):
        address = st.text_input(
            _("E-mailadresse (tom: ingen e-mail)"), value=emails.get(who, ""), key=f"email_{who}"
        )
        if st.form_submit_button(_("Gem e-mail"), key="email_save"):
            try:
                set_email(loaders.engine(), actor=actor, username=who, email=address)
            except ValidationFailed as refused:
                reason = for_markdown(error_text(refused))
                st.error(_("E-mailen er ikke gemt: {reason}.").format(reason=reason))
                return
            flash.done(_("E-mail for {who} er gemt.").format(who=who))


def _attempt(write: Callable[..., object], *args: object, **kwargs: object) -> bool:
    """Do the write; a refusal is shown in the reader's language (the same words in Danish as the
    page's own error handling) and nothing more happens."""
    try:
        write(*args, **kwargs)
    except DomainError as refused:
        st.error(error_text(refused), icon=":material/error:")
        return False
    return True


def render(actor: Actor) -> None:
    """The page body."""
    st.title(pgettext("menu", "Administration"))
    flash.show()  # after a write the table, the pickers and the message show the new state
    version = loaders.current_version()
    municipalities = dict(
        zip(*loaders.load_municipalities(version)[["code", "name"]].T.values, strict=True)
    )
    districts = loaders.load_police_districts(version)
    users = loaders.load_users(version)
    lang = active_language()
    shown = users_in_language(
        users_for_display(users, municipality_names=municipalities, district_names=districts),
        users,
        lang=lang,
    )
    st.dataframe(shown, hide_index=True, key="users_table")
    table_download(shown, title=_("Brugere"), key="users_download")
    engine, names = loaders.engine(), list(users["username"])
    add, activity, scope, password, mail, partnerships = st.tabs(
        [
            _("Opret bruger"),
            _("Deaktivér/aktivér"),
            _("Rolle og område"),
            _("Nulstil adgangskode"),
            _("E-mail"),
            _("Partnerskaber"),
        ],
        key="admin_tab",  # tracked, so the rerun after a write stays on the tab the person used
        on_change="rerun",
    )
    with add, st.form("add_user", clear_on_submit=True, enter_to_submit=False):
        username = st.text_input(_("Brugernavn (små bogstaver)"), key="add_username")
        display_name = st.text_input(_("Navn"), key="add_display_name")
        role, municipality, district = scope_inputs("add", municipalities, districts)
        first_password = st.text_input(
            _("Adgangskode (mindst {length} tegn)").format(length=MIN_PASSWORD_LENGTH),
            type="password",
            key="add_password",
        )
        if st.form_submit_button(_("Opret bruger"), key="add_save") and _attempt(
            add_user,
            engine,
            actor=actor,
            username=username,
            display_name=display_name,
            role=role,
            password=first_password,
            municipality_code=municipality,
            police_district_number=district,
        ):
            done = _("Brugeren {username} er oprettet.")
            flash.done(done.format(username=username.strip().lower()))
    with activity, st.form("activity"):
        who = st.selectbox(_("Bruger"), names, key="activity_user")
        disable, enable = st.columns(2)
        if disable.form_submit_button(_("Deaktivér"), key="activity_disable") and _attempt(
            set_active, engine, actor=actor, username=who, active=False
        ):
            flash.done(_("{who} er deaktiveret og kan ikke logge ind.").format(who=who))
        if enable.form_submit_button(_("Aktivér"), key="activity_enable") and _attempt(
            set_active, engine, actor=actor, username=who, active=True
        ):
            flash.done(_("{who} er aktiveret.").format(who=who))
    with scope, st.form("rescope"):
        who = st.selectbox(_("Bruger"), names, key="rescope_user")
        role, municipality, district = scope_inputs("rescope", municipalities, districts)
        if st.form_submit_button(_("Gem rolle og område"), key="rescope_save") and _attempt(
            rescope_user,
            engine,
            actor=actor,
            username=who,
            role=role,
            municipality_code=municipality,
            police_district_number=district,
        ):
            flash.done(_("{who} har fået ny rolle/område.").format(who=who))
    with password, st.form("reset_password", clear_on_submit=True, enter_to_submit=False):
        who = st.selectbox(_("Bruger"), names, key="password_user")
        new = st.text_input(
            _("Ny adgangskode (mindst {length} tegn)").format(length=MIN_PASSWORD_LENGTH),
            type="password",
            key="password_new",
        )
        if st.form_submit_button(_("Nulstil adgangskode"), key="password_save") and _attempt(
            set_password, engine, actor=actor, username=who, password=new
        ):
            done = _("Adgangskoden for {who} er nulstillet, og en eventuel spærring er ophævet.")
            flash.done(done.format(who=who))
    with mail:
        email_form(actor, users)
    with partnerships:
        partnership_tab(actor, version, municipalities)


guard = require("administration", title="Administration")
guarded(lambda: render(guard.actor))
