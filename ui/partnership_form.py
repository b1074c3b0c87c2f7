"""Administration's "Partnerskaber" tab: the partnership municipalities and their start dates,
and the form that sets, changes or clears one, or makes a municipality a partnership.

The save carries the start the person saw (`dataio.store.areas`): the table as drawn on
the run before the button was pressed is kept in the session, so a colleague's save in between
is refused instead of silently overwritten.
"""

from datetime import date

import streamlit as st

from dataio.errors import DomainError
from dataio.store.areas import NOT_A_PARTNERSHIP, Seen, set_partnership_start
from models.formatting import fmt_date
from models.permissions import Actor
from ui import flash, loaders
from ui.tables import partnerships_for_display

AREA = "partnerships"  # where the tab's messages are shown (ui.flash)
SEEN_KEY = "partnership_seen"  # {code: partner_since} as the form showed it on the last run


def _seen_now(version: int) -> dict[int, str | None]:
    table = loaders.load_partnerships(version)
    return {
        int(code): since if isinstance(since, str) else None
        for code, since in zip(table["code"], table["partner_since"], strict=True)
    }


def _label(code: int, names: dict[int, str], seen: dict[int, str | None]) -> str:
    if code not in seen:
        return f"{names[code]} ({code}) – ikke partnerskabskommune"
    return f"{names[code]} ({code}) – start {seen[code] or 'ukendt'}"


def partnership_tab(actor: Actor, version: int, names: dict[int, str]) -> None:
    """The table and the form (the page checks that only the administrator gets here)."""
    flash.show(AREA)
    current = _seen_now(version)
    shown_before: dict[int, str | None] = st.session_state.get(SEEN_KEY, current)
    st.dataframe(
        partnerships_for_display(loaders.load_partnerships(version), names=names),
        hide_index=True,
        key="partnerships_table",
    )
    st.caption(
        "Startdatoen bruges i sammenligningen på siden Effekt og i statusdokumentet. En kommune "
        "bliver partnerskabskommune, når den får en startdato her."
    )
    today = date.today()
    with st.form("partnership_start"):
        code = st.selectbox(
            "Kommune",
            list(names),
            format_func=lambda c: _label(c, names, current),
            key="partnership_code",
        )
        start = st.date_input(
            "Startdato",
            value=None,
            min_value=date(2007, 1, 1),
            max_value=today,
            format="DD.MM.YYYY",
            key="partnership_date",
        )
        clear = st.checkbox("Ryd startdatoen (kommunen forbliver partnerskabskommune)")
        pressed = st.form_submit_button("Gem startdato")
    if not pressed:
        st.session_state[SEEN_KEY] = current
        return
    st.session_state[SEEN_KEY] = current  # the next try starts from what is stored now
    seen: Seen = shown_before.get(code, NOT_A_PARTNERSHIP)
    if not clear and start is None:
        st.error("Vælg en startdato, eller sæt flueben i »Ryd startdatoen«. Intet er gemt.")
        return
    try:
        saved = set_partnership_start(
            loaders.engine(),
            actor=actor,
            municipality_code=int(code),
            start=None if clear else start,
            seen=seen,
            today=today,
        )
    except DomainError as refused:  # invalid, or a colleague saved first: said here, by the form
        st.error(str(refused), icon=":material/error:")
        return
    st.session_state.pop(SEEN_KEY, None)
    if not saved.changed:
        message = f"Intet at gemme: {names[code]} har allerede den startdato."
        flash.done(message, kind="info", area=AREA)
    elif saved.partner_since is None:
        flash.done(f"Startdatoen for {names[code]} er ryddet.", area=AREA)
    else:
        started = date.fromisoformat(saved.partner_since)
        flash.done(f"{names[code]} er partnerskabskommune fra {fmt_date(started)}.", area=AREA)
