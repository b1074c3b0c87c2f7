"""Administration: add, disable, re-scope users and reset passwords, and set the partnership
municipalities' start dates (administrators only)."""

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
from models.permissions import ROLE_LABELS, Actor, Role
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.auth import require
from ui.downloads import table_download
from ui.page import guarded
from ui.partnership_form import partnership_tab
from ui.tables import users_for_display


def scope_inputs(
    prefix: str, municipalities: dict[int, str], districts: dict[int, str]
) -> tuple[str, int | None, int | None]:
    """Role and, for the bound roles, the municipality or police district."""
    role = st.selectbox(
        "Rolle", list(Role), format_func=lambda r: ROLE_LABELS[r], key=f"{prefix}_role"
    )
    municipality = st.selectbox(
        "Kommune (projektleder, byråd, erhvervsforening)",
        [None, *municipalities],
        format_func=lambda c: "–" if c is None else f"{municipalities[c]} ({c})",
        key=f"{prefix}_municipality",
    )
    district = st.selectbox(
        "Politikreds (politi)",
        [None, *sorted(districts)],
        format_func=lambda n: "–" if n is None else districts[n],
        key=f"{prefix}_district",
    )
    return str(role), municipality, district


def email_form(actor: Actor, users: pd.DataFrame) -> None:
    """Set any user's e-mail address (where reminders and the monthly brief go)."""
    emails = {r.username: r.email if isinstance(r.email, str) else "" for r in users.itertuples()}
    who = st.selectbox("Bruger", list(emails), key="email_user")
    with st.form("set_email", enter_to_submit=False):
        address = st.text_input(
            "E-mailadresse (tom: ingen e-mail)", value=emails.get(who, ""), key=f"email_{who}"
        )
        if st.form_submit_button("Gem e-mail"):
            try:
                set_email(loaders.engine(), actor=actor, username=who, email=address)
            except ValidationFailed as refused:
                st.error(f"E-mailen er ikke gemt: {for_markdown(str(refused))}.")
                return
            flash.done(f"E-mail for {who} er gemt.")


def render(actor: Actor) -> None:
    """The page body."""
    st.title("Administration")
    flash.show()  # after a write the table, the pickers and the message show the new state
    version = loaders.current_version()
    municipalities = dict(
        zip(*loaders.load_municipalities(version)[["code", "name"]].T.values, strict=True)
    )
    districts = loaders.load_police_districts(version)
    users = loaders.load_users(version)
    shown = users_for_display(users, municipality_names=municipalities, district_names=districts)
    st.dataframe(shown, hide_index=True, key="users_table")
    table_download(shown, title="Brugere", key="users_download")
    engine, names = loaders.engine(), list(users["username"])
    add, activity, scope, password, mail, partnerships = st.tabs(
        [
            "Opret bruger",
            "Deaktivér/aktivér",
            "Rolle og område",
            "Nulstil adgangskode",
            "E-mail",
            "Partnerskaber",
        ],
        key="admin_tab",  # tracked, so the rerun after a write stays on the tab the person used
        on_change="rerun",
    )
    with add, st.form("add_user", clear_on_submit=True, enter_to_submit=False):
        username = st.text_input("Brugernavn (små bogstaver)")
        display_name = st.text_input("Navn")
        role, municipality, district = scope_inputs("add", municipalities, districts)
        first_password = st.text_input(
            f"Adgangskode (mindst {MIN_PASSWORD_LENGTH} tegn)", type="password"
        )
        if st.form_submit_button("Opret bruger"):
            add_user(
                engine,
                actor=actor,
                username=username,
                display_name=display_name,
                role=role,
                password=first_password,
                municipality_code=municipality,
                police_district_number=district,
            )
            flash.done(f"Brugeren {username.strip().lower()} er oprettet.")
    with activity, st.form("activity"):
        who = st.selectbox("Bruger", names, key="activity_user")
        disable, enable = st.columns(2)
        if disable.form_submit_button("Deaktivér"):
            set_active(engine, actor=actor, username=who, active=False)
            flash.done(f"{who} er deaktiveret og kan ikke logge ind.")
        if enable.form_submit_button("Aktivér"):
            set_active(engine, actor=actor, username=who, active=True)
            flash.done(f"{who} er aktiveret.")
    with scope, st.form("rescope"):
        who = st.selectbox("Bruger", names, key="rescope_user")
        role, municipality, district = scope_inputs("rescope", municipalities, districts)
        if st.form_submit_button("Gem rolle og område"):
            rescope_user(
                engine,
                actor=actor,
                username=who,
                role=role,
                municipality_code=municipality,
                police_district_number=district,
            )
            flash.done(f"{who} har fået ny rolle/område.")
    with password, st.form("reset_password", clear_on_submit=True, enter_to_submit=False):
        who = st.selectbox("Bruger", names, key="password_user")
        new = st.text_input(f"Ny adgangskode (mindst {MIN_PASSWORD_LENGTH} tegn)", type="password")
        if st.form_submit_button("Nulstil adgangskode"):
            set_password(engine, actor=actor, username=who, password=new)
            flash.done(f"Adgangskoden for {who} er nulstillet, og en eventuel spærring er ophævet.")
    with mail:
        email_form(actor, users)
    with partnerships:
        partnership_tab(actor, version, municipalities)


guard = require("administration", title="Administration")
guarded(lambda: render(guard.actor))
