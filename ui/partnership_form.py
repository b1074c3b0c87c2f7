"""Administration's "Partnerskaber" tab: the partnership municipalities and their start dates,
and the form that sets, changes or clears one, or makes a municipality a partnership; and the
page's tables (users, partnerships) in the reader's language.

The save carries the start the person saw (`dataio.store.areas`): the table as drawn on
the run before the button was pressed is kept in the session, so a colleague's save in between
is refused instead of silently overwritten.
"""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.store.areas import NOT_A_PARTNERSHIP, Seen, set_partnership_start
from models.formatting import MISSING, fmt_date, fmt_datetime
from models.i18n import DANISH, N_, translator
from models.permissions import ROLE_LABELS, Actor, Role
from ui import flash, loaders
from ui.i18n import _, active_language, error_text
from ui.tables import partnerships_for_display

AREA = "partnerships"  # where the tab's messages are shown (ui.flash)
SEEN_KEY = "partnership_seen"  # {code: partner_since} as the form showed it on the last run
# The column headings of ui.tables' users and partnerships tables (Danish there), marked here
USER_COLUMNS = (
    N_("Brugernavn"),
    N_("Navn"),
    N_("Rolle"),
    N_("Område"),
    N_("E-mail"),
    N_("Aktiv"),
    N_("Låst til"),
)
PARTNERSHIP_COLUMNS = (N_("Kommune"), N_("Kode"), N_("Partnerskab siden"), N_("Første dag"))
ALL_OF_DENMARK, YES, NO, UNKNOWN = N_("hele landet"), N_("ja"), N_("nej"), N_("ukendt")


def users_in_language(
    shown: pd.DataFrame, users: pd.DataFrame, *, lang: str = DANISH
) -> pd.DataFrame:
    """ui.tables.users_for_display's table (`shown`, of `users`) in `lang`: headings, role names,
    yes/no, "hele landet" and the lock's time; Danish unchanged."""
    if lang == DANISH:
        return shown
    tr = translator(lang)
    table = shown.copy()
    table["Rolle"] = [tr(ROLE_LABELS[Role(r)]) for r in users["role"]]
    table["Område"] = [tr(a) if a == ALL_OF_DENMARK else a for a in table["Område"]]
    table["Aktiv"] = [tr(YES) if a else tr(NO) for a in users["active"]]
    table["Låst til"] = [
        "" if pd.isna(t) else fmt_datetime(pd.Timestamp(t).to_pydatetime(), lang=lang)
        for t in users["locked_until"]
    ]
    return table.rename(columns={c: tr(c) for c in USER_COLUMNS})


def partnerships_in_language(
    shown: pd.DataFrame, partnerships: pd.DataFrame, *, lang: str = DANISH
) -> pd.DataFrame:
    """ui.tables.partnerships_for_display's table (`shown`, of `partnerships`) in `lang`: headings,
    "ukendt" and the first day; Danish unchanged."""
    if lang == DANISH:
        return shown
    tr = translator(lang)
    starts = {
        f"{int(r.code):03d}": pd.to_datetime(r.start_date)
        if isinstance(r.partner_since, str)
        else None
        for r in partnerships.itertuples()
    }
    table = shown.copy()
    table["Partnerskab siden"] = [tr(s) if s == UNKNOWN else s for s in table["Partnerskab siden"]]
    table["Første dag"] = [
        MISSING
        if (start := starts.get(c)) is None or pd.isna(start)
        else fmt_date(start, lang=lang)
        for c in table["Kode"]
    ]
    return table.rename(columns={c: tr(c) for c in PARTNERSHIP_COLUMNS})


def _seen_now(version: int) -> dict[int, str | None]:
    table = loaders.load_partnerships(version)
    return {
        int(code): since if isinstance(since, str) else None
        for code, since in zip(table["code"], table["partner_since"], strict=True)
    }


def _label(code: int, names: dict[int, str], seen: dict[int, str | None]) -> str:
    if code not in seen:
        return _("{name} ({code}) – ikke partnerskabskommune").format(name=names[code], code=code)
    start = seen[code] or _(UNKNOWN)
    return _("{name} ({code}) – start {start}").format(name=names[code], code=code, start=start)


def partnership_tab(actor: Actor, version: int, names: dict[int, str]) -> None:
    """The table and the form (the page checks that only the administrator gets here)."""
    flash.show(AREA)
    current = _seen_now(version)
    shown_before: dict[int, str | None] = st.session_state.get(SEEN_KEY, current)
    st.dataframe(
        partnerships_in_language(
            partnerships_for_display(loaders.load_partnerships(version), names=names),
            loaders.load_partnerships(version),
            lang=active_language(),
        ),
        hide_index=True,
        key="partnerships_table",
    )
    st.caption(
        _(
            "Startdatoen bruges i sammenligningen på siden Effekt og i statusdokumentet. En "
            "kommune bliver partnerskabskommune, når den får en startdato her."
        )
    )
    today = date.today()
    labels = {c: _label(c, names, current) for c in names}
    with st.form("partnership_start"):
        code = st.selectbox(
            _("Kommune"),
            list(names),
            format_func=labels.__getitem__,  # the words of this run (AppTest calls it outside one)
            key="partnership_code",
        )
        start = st.date_input(
            _("Startdato"),
            value=None,
            min_value=date(2007, 1, 1),
            max_value=today,
            format="DD.MM.YYYY",
            key="partnership_date",
        )
        clear = st.checkbox(
            _("Ryd startdatoen (kommunen forbliver partnerskabskommune)"), key="partnership_clear"
        )
        pressed = st.form_submit_button(_("Gem startdato"), key="partnership_save")
    if not pressed:
        st.session_state[SEEN_KEY] = current
        return
    st.session_state[SEEN_KEY] = current  # the next try starts from what is stored now
    seen: Seen = shown_before.get(code, NOT_A_PARTNERSHIP)
    if not clear and start is None:
        st.error(_("Vælg en startdato, eller sæt flueben i »Ryd startdatoen«. Intet er gemt."))
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
        st.error(error_text(refused), icon=":material/error:")
        return
    st.session_state.pop(SEEN_KEY, None)
    if not saved.changed:
        message = _("Intet at gemme: {name} har allerede den startdato.").format(name=names[code])
        flash.done(message, kind="info", area=AREA)
    elif saved.partner_since is None:
        flash.done(_("Startdatoen for {name} er ryddet.").format(name=names[code]), area=AREA)
    else:
        started = date.fromisoformat(saved.partner_since)
        day = fmt_date(started, lang=active_language())
        done = _("{name} er partnerskabskommune fra {day}.").format(name=names[code], day=day)
        flash.done(done, area=AREA)
