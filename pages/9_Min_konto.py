"""Min konto: who you are, your e-mail and the monthly brief, your calendar feed, a new password."""

import streamlit as st

from dataio.errors import ValidationFailed
from dataio.store.users import MIN_PASSWORD_LENGTH, change_own_password, find_user, set_email
from dataio.tasks.calendar import has_calendar, new_calendar_token
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.auth import Guarded, require
from ui.page import guarded
from ui.session import renew_after_password_change
from ui.web import feed_url

CALENDAR_KEY = "calendar_address"  # the address just made, shown in this session only
BRIEF_LABEL = "Modtag månedsbrevet 'status for måltal'"


def email_form(guard: Guarded) -> None:
    """One's own e-mail address and whether the monthly brief comes."""
    user = find_user(loaders.engine(), username=guard.actor.username)
    if user is None:
        return
    with st.form("own_email", enter_to_submit=False):
        st.subheader("E-mail og månedsbrev")
        address = st.text_input("E-mailadresse", value=user.email or "", key="own_email_address")
        subscribed = st.checkbox(BRIEF_LABEL, value=user.brief_subscribed, key="own_brief")
        if st.form_submit_button("Gem e-mail"):
            try:
                set_email(
                    loaders.engine(),
                    actor=guard.actor,
                    username=guard.actor.username,
                    email=address,
                    brief_subscribed=subscribed,
                )
            except ValidationFailed as refused:
                st.error(f"E-mailen er ikke gemt: {for_markdown(str(refused))}.")
                return
            flash.done("Din e-mail og dit valg om månedsbrevet er gemt.", area="email")
    flash.show("email")


def calendar_section(guard: Guarded) -> None:
    """The secret address of one's own calendar feed: made (or made anew) here, shown once."""
    st.subheader("Kalender")
    st.caption(
        "Abonnér på fristerne for dine aktiviteter i Outlook eller en anden kalender. "
        "Adressen er hemmelig: del den ikke."
    )
    made = st.session_state.get(CALENDAR_KEY)
    if made:
        st.code(made, language=None)
        st.caption(
            "Kopiér adressen nu: af sikkerhedshensyn gemmes den ikke og kan ikke vises igen."
        )
    elif has_calendar(loaders.engine(), username=guard.actor.username):
        st.caption(
            "Du har en kalenderadresse. Har du mistet den, så lav en ny; den gamle holder da op "
            "med at virke."
        )
    if st.button("Ny kalenderadresse", key="new_calendar"):
        token = new_calendar_token(loaders.engine(), actor=guard.actor)
        st.session_state[CALENDAR_KEY] = feed_url(token)
        loaders.after_write()
        st.rerun()


def render(guard: Guarded) -> None:
    """The page body."""
    st.title("Min konto")
    st.markdown(
        f"**{for_markdown(guard.display_name)}** ({for_markdown(guard.actor.username)}), "
        f"{guard.actor.describe()}."
    )
    email_form(guard)
    calendar_section(guard)
    with st.form("change_password", clear_on_submit=True, enter_to_submit=False):
        st.subheader("Skift adgangskode")
        old = st.text_input("Nuværende adgangskode", type="password")
        new = st.text_input(f"Ny adgangskode (mindst {MIN_PASSWORD_LENGTH} tegn)", type="password")
        repeat = st.text_input("Gentag ny adgangskode", type="password")
        if st.form_submit_button("Skift adgangskode"):
            if new != repeat:
                st.error("De to nye adgangskoder er ikke ens.")
                return
            change_own_password(
                loaders.engine(), actor=guard.actor, old_password=old, new_password=new
            )
            loaders.after_write()
            # every other session of this user has just ended; this one goes on
            renew_after_password_change(loaders.engine(), username=guard.actor.username)
            st.success("Adgangskoden er skiftet. Du er logget ud alle andre steder.")


guard = require("konto", title="Min konto")
guarded(lambda: render(guard))
