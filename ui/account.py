"""Min konto's sections (pages/9_Min_konto.py): who you are, language, e-mail and the monthly
brief, the calendar feed, a new password; every word in the user's language (ui.i18n)."""

import streamlit as st

from dataio.errors import DomainError, ValidationFailed
from dataio.store.users import (
    MIN_PASSWORD_LENGTH,
    change_own_password,
    find_user,
    set_email,
    set_language,
)
from dataio.tasks.calendar import has_calendar, new_calendar_token
from models.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translate
from models.permissions import ROLE_LABELS, Actor
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.auth import Guarded
from ui.i18n import _, active_language, error_text, use_language
from ui.session import renew_after_password_change
from ui.web import feed_url

CALENDAR_KEY = "calendar_address"  # the address just made, shown in this session only
BRIEF_LABEL = N_("Modtag månedsbrevet 'status for måltal'")
LANGUAGE_SAVED = N_("Dit sprog er gemt. Menuen og siderne vises nu på dansk.")


def describe(actor: Actor) -> str:
    """'projektleder for kommune 183' in the active language."""
    role = _(ROLE_LABELS[actor.role])
    if actor.municipality_code is not None:
        return _("{role} for kommune {code}").format(role=role, code=actor.municipality_code)
    if actor.police_district_number is not None:
        return _("{role} for politikreds {number}").format(
            role=role, number=actor.police_district_number
        )
    return role


def who_you_are(guard: Guarded) -> None:
    """The name, the user name and the role."""
    st.markdown(
        f"**{for_markdown(guard.display_name)}** ({for_markdown(guard.actor.username)}), "
        f"{describe(guard.actor)}."
    )


def language_form(guard: Guarded) -> None:
    """The interface language, stored on the user (every page and every session follows it)."""
    current = active_language()
    with st.form("own_language", enter_to_submit=False):
        st.subheader(_("Sprog"))
        chosen = st.radio(
            "Sprog / Language",  # both, so that whoever cannot read the current one finds it
            LANGUAGES,
            index=LANGUAGES.index(current),
            format_func=lambda code: LANGUAGE_NAMES[code],
            horizontal=True,
            key="own_language_choice",
        )
        if st.form_submit_button(_("Gem sprog"), key="own_language_save"):
            set_language(
                loaders.engine(),
                actor=guard.actor,
                username=guard.actor.username,
                language=chosen,
            )
            use_language(chosen)
            # said in the language just chosen
            flash.done(translate(chosen, LANGUAGE_SAVED), area="language")
    flash.show("language")


def email_form(guard: Guarded) -> None:
    """One's own e-mail address and whether the monthly brief comes."""
    user = find_user(loaders.engine(), username=guard.actor.username)
    if user is None:
        return
    with st.form("own_email", enter_to_submit=False):
        st.subheader(_("E-mail og månedsbrev"))
        address = st.text_input(_("E-mailadresse"), value=user.email or "", key="own_email_address")
        subscribed = st.checkbox(_(BRIEF_LABEL), value=user.brief_subscribed, key="own_brief")
        if st.form_submit_button(_("Gem e-mail"), key="own_email_save"):
            try:
                set_email(
                    loaders.engine(),
                    actor=guard.actor,
                    username=guard.actor.username,
                    email=address,
                    brief_subscribed=subscribed,
                )
            except ValidationFailed as refused:
                st.error(
                    _("E-mailen er ikke gemt: {reason}.").format(
                        reason=for_markdown(error_text(refused))
                    )
                )
                return
            flash.done(_("Din e-mail og dit valg om månedsbrevet er gemt."), area="email")
    flash.show("email")


def calendar_section(guard: Guarded) -> None:
    """The secret address of one's own calendar feed: made (or made anew) here, shown once."""
    st.subheader(_("Kalender"))
    st.caption(
        _(
            "Abonnér på fristerne for dine aktiviteter i Outlook eller en anden kalender. "
            "Adressen er hemmelig: del den ikke."
        )
    )
    made = st.session_state.get(CALENDAR_KEY)
    if made:
        st.code(made, language=None)
        st.caption(
            _("Kopiér adressen nu: af sikkerhedshensyn gemmes den ikke og kan ikke vises igen.")
        )
    elif has_calendar(loaders.engine(), username=guard.actor.username):
        st.caption(
            _(
                "Du har en kalenderadresse. Har du mistet den, så lav en ny; den gamle holder da "
                "op med at virke."
            )
        )
    if st.button(_("Ny kalenderadresse"), key="new_calendar"):
        token = new_calendar_token(loaders.engine(), actor=guard.actor)
        st.session_state[CALENDAR_KEY] = feed_url(token)
        loaders.after_write()
        st.rerun()


def password_form(guard: Guarded) -> None:
    """A new password; every other session of the user ends."""
    with st.form("change_password", clear_on_submit=True, enter_to_submit=False):
        st.subheader(_("Skift adgangskode"))
        old = st.text_input(_("Nuværende adgangskode"), type="password", key="own_password_old")
        new = st.text_input(
            _("Ny adgangskode (mindst {length} tegn)").format(length=MIN_PASSWORD_LENGTH),
            type="password",
            key="own_password_new",
        )
        repeat = st.text_input(
            _("Gentag ny adgangskode"), type="password", key="own_password_repeat"
        )
        if st.form_submit_button(_("Skift adgangskode"), key="own_password_save"):
            if new != repeat:
                st.error(_("De to nye adgangskoder er ikke ens."))
                return
            try:
                change_own_password(
                    loaders.engine(), actor=guard.actor, old_password=old, new_password=new
                )
            except DomainError as refused:  # the same words as the page's own handling, translated
                st.error(error_text(refused), icon=":material/error:")
                return
            loaders.after_write()
            # every other session of this user has just ended; this one goes on
            renew_after_password_change(loaders.engine(), username=guard.actor.username)
            st.success(_("Adgangskoden er skiftet. Du er logget ud alle andre steder."))
