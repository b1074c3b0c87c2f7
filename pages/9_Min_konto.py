"""Min konto: who you are, and a new password."""

import streamlit as st

from dataio.store.users import MIN_PASSWORD_LENGTH, change_own_password
from models.safe_text import for_markdown
from ui import loaders
from ui.auth import Guarded, require
from ui.page import guarded
from ui.session import renew_after_password_change


def render(guard: Guarded) -> None:
    """The page body."""
    st.title("Min konto")
    st.markdown(
        f"**{for_markdown(guard.display_name)}** ({for_markdown(guard.actor.username)}), "
        f"{guard.actor.describe()}."
    )
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
