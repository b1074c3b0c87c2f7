"""Erhverv: the cached reads, the business groups' table, the checked share's chart, and the forms.

The business association (Erhvervsforening), the project leader and the administrator keep the
groups, their events and the walks linked to them; the police and the council read. Every write
goes through `dataio.business.store` with the actor; a refusal, a stale version or an invalid value
is shown where the person acted, in Danish, and nothing is half-written.
"""

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dataio.business.store import (
    add_event,
    business_events,
    business_groups,
    business_walks,
    checked_totals,
    create_group,
    delete_event,
    delete_group,
    edit_group,
    link_walk,
    unlink_walk,
)
from dataio.errors import DomainError, ValidationFailed
from models.business import (
    NO_INTERVAL_NOTE,
    CheckedShare,
    EventKind,
    checked_share,
    event_kind_label,
)
from models.formatting import MISSING, fmt_date, fmt_int, fmt_percent
from models.i18n import DANISH, M_, N_, translator
from models.permissions import Actor
from models.safe_text import for_markdown
from models.vocabulary import LIGHT_GREY, SERIES_BLUE
from ui import flash, loaders
from ui.described import cached_chart
from ui.figures import danish_layout, number_axis
from ui.i18n import _, active_language, error_text

NEW = 0  # the group picker's "Ny gruppe"
PICK = "business_group_choice"  # the group picker's key
PICK_NEXT = "business_group_next"  # the group to show after a write (set before the picker)
AREA = "business"  # flash messages' place on the page
# ui.text.DEMO_BUSINESS_BANNER (not marked there), marked here with the very same text so that its
# English is in the catalogue; the page shows ui.text's in the reader's language (demo_notice)
DEMO_BANNER = N_(
    "**Eksempeldata.** Erhvervsgrupperne med kontakten «Eksempeldata: …», deres aktiviteter og "
    "tal er genererede eksempler, ikke erhvervsforeningens. De må ikke citeres."
)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_groups(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's business groups."""
    return business_groups(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_events(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The groups' events, newest first."""
    return business_events(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_business_walks(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The safety walks linked to the groups."""
    return business_walks(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_totals(version: int, viewer: Actor, code: int) -> CheckedShare:
    """The groups' members and those with a security check."""
    return checked_totals(loaders.engine(), viewer=viewer, code=code)


def _day(value: object) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type,unused-ignore]


def _share_text(members: int, checked: int, lang: str = DANISH) -> str:
    share = checked_share([(members, checked)]).share
    return MISSING if members == 0 else fmt_percent(share, lang=lang)


def groups_table(groups: pd.DataFrame) -> None:
    """The groups as everyone reads them."""
    if groups.empty:
        st.info(_("Der er ikke registreret nogen erhvervsnabohjælpsgrupper endnu."))
        return
    lang = active_language()
    table = pd.DataFrame(
        {
            _("Gruppe"): groups["name"],
            _("Erhvervsområde"): groups["area"].replace("", MISSING),
            _("Virksomheder"): [fmt_int(m, lang=lang) for m in groups["members"]],
            _("Med sikringstjek"): [fmt_int(c, lang=lang) for c in groups["businesses_checked"]],
            _("Andel med sikringstjek"): [
                _share_text(int(m), int(c), lang)
                for m, c in zip(groups["members"], groups["businesses_checked"], strict=True)
            ],
            _("Kontakt"): groups["contact"].replace("", MISSING),
            _("Start"): [
                MISSING if (d := _day(v)) is None else fmt_date(d, lang=lang)
                for v in groups["start_date"]
            ],
            _("Aktiviteter"): groups["events"].astype(int),
            _("Vandringer"): groups["walks"].astype(int),
        }
    )
    with st.container(key="business_group_table"):  # a fixed handle for the browser test
        st.dataframe(table, hide_index=True, width="stretch")


def share_figure(groups: pd.DataFrame, *, name: str, lang: str = DANISH) -> go.Figure:
    """The groups' businesses with and without a security check, stacked per group, in `lang`."""
    _ = translator(lang)  # this figure's language, not the session's
    shown = groups[groups["members"] > 0]
    names = list(shown["name"])
    checked = [int(c) for c in shown["businesses_checked"]]
    unchecked = [int(m) - int(c) for m, c in zip(shown["members"], checked, strict=True)]
    figure = go.Figure(
        [
            go.Bar(
                name=_("Med sikringstjek"),
                y=names,
                x=checked,
                orientation="h",
                marker_color=SERIES_BLUE.hex,
            ),
            go.Bar(
                name=_("Uden sikringstjek"),
                y=names,
                x=unchecked,
                orientation="h",
                marker_color=LIGHT_GREY.hex,
            ),
        ]
    )
    danish_layout(
        figure,
        y_title="",
        height=max(220, 60 + 40 * len(names)),
        lang=lang,
        barmode="stack",
        hovermode="y unified",
        xaxis_title=_("Virksomheder i grupperne i {name}").format(name=name),
        # above the bars: below, a short chart's legend would sit on the axis title
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    number_axis(figure)
    return figure


def share_section(
    totals: CheckedShare, groups: pd.DataFrame, *, name: str, version: int = 0
) -> None:
    """The share of the groups' businesses with a security check, in numbers and per group."""
    lang = active_language()
    st.subheader(_("Andel af virksomhederne med sikringstjek"))
    if totals.share is None:
        st.caption(_("Ingen virksomheder i grupperne endnu: ingen andel at vise."))
        return
    left, middle, right = st.columns(3)
    left.metric(_("Andel med sikringstjek"), fmt_percent(totals.share, lang=lang))
    middle.metric(_("Virksomheder med sikringstjek"), fmt_int(totals.checked, lang=lang))
    right.metric(_("Virksomheder i grupperne"), fmt_int(totals.members, lang=lang))
    st.caption(for_markdown(_(NO_INTERVAL_NOTE)))
    counts = tuple(
        zip(groups["name"], groups["members"], groups["businesses_checked"], strict=True)
    )
    cached_chart(
        lambda: share_figure(groups, name=name, lang=lang),
        key="business_share_chart",
        version=version,
        cache_key=(name, counts),  # the figure is a function of these (and the language)
        lang=lang,
    )


def _int(text: str, label: str) -> int:
    """A count typed the Danish way ("1.200"); a Danish refusal otherwise."""
    cleaned = text.strip().replace(".", "")
    if not cleaned.lstrip("-").isdigit():
        raise ValidationFailed(
            M_("{label} skal være et helt tal (fik «{text}»)", label=M_(label), text=text)
        )
    return int(cleaned)


def group_form(actor: Actor, code: int, groups: pd.DataFrame, *, today: date) -> None:
    """Create a group, or edit or delete one (refused when someone else saved it meanwhile)."""
    flash.show(AREA)
    labels = {NEW: _("Ny gruppe")} | {int(r.id): str(r.name) for r in groups.itertuples()}
    if PICK_NEXT in st.session_state:  # a write of the last run: show the group it wrote
        st.session_state[PICK] = st.session_state.pop(PICK_NEXT)
    if st.session_state.get(PICK, NEW) not in labels:  # deleted by someone else meanwhile
        st.session_state[PICK] = NEW
    chosen = int(st.selectbox(_("Gruppe"), list(labels), format_func=labels.__getitem__, key=PICK))
    row = None if chosen == NEW else groups.set_index("id").loc[chosen]
    # the version the person opened, kept across runs: a save compares against it, so a save of
    # someone else's in between is refused rather than silently written over (dropped after a
    # save or a refusal: then the form shows the group as it is now)
    remembered = f"bg_loaded_{chosen}"
    loaded = 0 if row is None else int(st.session_state.setdefault(remembered, row["row_version"]))
    suffix = f"{chosen}_{loaded}"
    with st.form(f"business_group_{suffix}", enter_to_submit=False):
        name = st.text_input(
            _("Navn"), value="" if row is None else str(row["name"]), key=f"bg_name_{suffix}"
        )
        area = st.text_input(
            _("Erhvervsområde"),
            value="" if row is None else str(row["area"]),
            key=f"bg_area_{suffix}",
        )
        left, right = st.columns(2)
        members = left.text_input(
            _("Antal virksomheder"),
            value="0" if row is None else fmt_int(int(row["members"])),
            key=f"bg_members_{suffix}",
        )
        checked = right.text_input(
            _("Heraf med sikringstjek"),
            value="0" if row is None else fmt_int(int(row["businesses_checked"])),
            key=f"bg_checked_{suffix}",
        )
        contact = st.text_input(
            _("Kontakt"),
            value="" if row is None else str(row["contact"]),
            key=f"bg_contact_{suffix}",
        )
        start = st.date_input(
            _("Startdato"),
            value=None if row is None else _day(row["start_date"]),
            format="DD.MM.YYYY",
            key=f"bg_start_{suffix}",
        )
        saved = st.form_submit_button(
            _("Opret gruppen") if row is None else _("Gem gruppen"),
            type="primary",
            key=f"bg_save_{suffix}",
        )
    if saved:
        try:
            values: dict[str, Any] = {
                "name": name,
                "area": area,
                "members": _int(members, N_("Antal virksomheder")),
                "checked": _int(checked, N_("Antal med sikringstjek")),
                "contact": contact,
                "start_date": start if isinstance(start, date) else None,
                "today": today,
            }
            if row is None:
                made = create_group(loaders.engine(), actor=actor, code=code, **values)
                st.session_state[PICK_NEXT] = made
                message = _("Gruppen «{name}» er oprettet.").format(name=for_markdown(name.strip()))
            else:
                changed = edit_group(
                    loaders.engine(), actor=actor, group_id=chosen, loaded_version=loaded, **values
                )
                message = (
                    _("Gruppen «{name}» er gemt.").format(name=for_markdown(name.strip()))
                    if changed
                    else _("Intet at gemme: gruppen er uændret.")
                )
        except DomainError as refused:
            if "ændret af en anden" in str(refused):  # str(): the Danish text, whatever is shown
                st.session_state.pop(remembered, None)
            st.error(error_text(refused))
            return
        st.session_state.pop(remembered, None)
        flash.done(message, area=AREA)
    if row is not None:
        with st.popover(_("Slet gruppen"), icon=":material/delete:"):
            st.caption(_("Gruppens aktiviteter slettes med; tryghedsvandringerne bliver."))
            if st.button(_("Ja, slet gruppen"), key=f"bg_delete_{suffix}"):
                try:
                    delete_group(
                        loaders.engine(), actor=actor, group_id=chosen, loaded_version=loaded
                    )
                except DomainError as refused:
                    st.session_state.pop(remembered, None)
                    st.error(error_text(refused))
                    return
                st.session_state[PICK_NEXT] = NEW
                done = _("Gruppen «{name}» er slettet.").format(name=for_markdown(str(row["name"])))
                flash.done(done, area=AREA)


def events_table(events: pd.DataFrame) -> None:
    """The groups' events, newest first."""
    if events.empty:
        st.caption(_("Ingen aktiviteter registreret endnu."))
        return
    lang = active_language()
    table = pd.DataFrame(
        {
            _("Dato"): [fmt_date(pd.Timestamp(d).date(), lang=lang) for d in events["event_date"]],
            _("Gruppe"): events["group_name"],
            _("Type"): [event_kind_label(str(k), lang=lang) for k in events["kind"]],
            _("Note"): events["note"].replace("", MISSING),
        }
    )
    with st.container(key="business_event_table"):
        st.dataframe(table, hide_index=True, width="stretch")


def event_form(actor: Actor, groups: pd.DataFrame, events: pd.DataFrame, *, today: date) -> None:
    """Register an event of a group, or delete one."""
    flash.show("business_events")
    names = {int(r.id): str(r.name) for r in groups.itertuples()}
    # the words of this run, looked up (AppTest calls a format_func outside the run)
    kinds = {k.value: event_kind_label(k.value, lang=active_language()) for k in EventKind}
    with st.form("business_event", clear_on_submit=True, enter_to_submit=False):
        st.markdown(_("**Ny aktivitet**"))
        left, middle, right = st.columns(3)
        group = left.selectbox(
            _("Gruppe"), list(names), format_func=names.__getitem__, key="be_group"
        )
        day = middle.date_input(_("Dato"), value=today, format="DD.MM.YYYY", key="be_date")
        kind = right.selectbox(
            _("Type"),
            [k.value for k in EventKind],
            format_func=kinds.__getitem__,
            key="be_kind",
        )
        note = st.text_input(_("Note"), key="be_note")
        if st.form_submit_button(_("Registrér aktiviteten"), type="primary", key="be_save"):
            try:
                add_event(
                    loaders.engine(),
                    actor=actor,
                    group_id=int(group),
                    event_date=day if isinstance(day, date) else None,
                    kind=str(kind),
                    note=note,
                    today=today,
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Aktiviteten er registreret."), area="business_events")
    if events.empty:
        return
    lang = active_language()
    labels = {
        int(r.id): (
            f"{fmt_date(pd.Timestamp(r.event_date).date(), lang=lang)} · {r.group_name} · "
            f"{r.kind if lang == DANISH else event_kind_label(str(r.kind), lang=lang)}"
        )
        for r in events.itertuples()
    }
    with st.expander(_("Slet en aktivitet")):
        which = st.selectbox(
            _("Aktivitet"), list(labels), format_func=labels.__getitem__, key="be_delete_choice"
        )
        if st.button(_("Slet aktiviteten"), key="be_delete"):
            try:
                delete_event(loaders.engine(), actor=actor, event_id=int(which))
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Aktiviteten er slettet."), area="business_events")


def walks_table(walks: pd.DataFrame) -> None:
    """The safety walks in the groups' business areas."""
    if walks.empty:
        st.caption(
            _(
                "Ingen tryghedsvandringer knyttet til grupperne endnu. Vandringer registreres på "
                "siden Handlingsplan og knyttes til en gruppe her."
            )
        )
        return
    lang = active_language()
    table = pd.DataFrame(
        {
            _("Dato"): [fmt_date(pd.Timestamp(d).date(), lang=lang) for d in walks["walk_date"]],
            _("Gruppe"): walks["group_name"],
            _("Område"): walks["area"],
            _("Deltagere"): walks["participants"].replace("", MISSING),
        }
    )
    with st.container(key="business_walk_table"):
        st.dataframe(table, hide_index=True, width="stretch")


def walk_form(
    actor: Actor, groups: pd.DataFrame, walks: pd.DataFrame, linked: pd.DataFrame
) -> None:
    """Link one of the municipality's safety walks to a group, or take a link off."""
    flash.show("business_walks")
    if walks.empty:
        return
    lang = active_language()
    names = {int(r.id): str(r.name) for r in groups.itertuples()}
    labels = {
        int(r.id): f"{fmt_date(pd.Timestamp(r.walk_date).date(), lang=lang)} · {r.area}"
        for r in walks.itertuples()
    }
    with st.form("business_walk", enter_to_submit=False):
        st.markdown(_("**Knyt en tryghedsvandring til en gruppe**"))
        left, right = st.columns(2)
        group = left.selectbox(
            _("Gruppe"), list(names), format_func=names.__getitem__, key="bw_group"
        )
        walk = right.selectbox(
            _("Tryghedsvandring"), list(labels), format_func=labels.__getitem__, key="bw_walk"
        )
        if st.form_submit_button(_("Knyt vandringen til gruppen"), key="bw_save"):
            try:
                link_walk(loaders.engine(), actor=actor, group_id=int(group), walk_id=int(walk))
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Vandringen er knyttet til gruppen."), area="business_walks")
    if linked.empty:
        return
    pairs = {
        f"{int(r.group_id)}:{int(r.walk_id)}": (
            f"{r.group_name} · {fmt_date(pd.Timestamp(r.walk_date).date(), lang=lang)} · {r.area}"
        )
        for r in linked.itertuples()
    }
    with st.expander(_("Fjern en vandring fra en gruppe")):
        which = st.selectbox(
            _("Vandring"), list(pairs), format_func=pairs.__getitem__, key="bw_unlink"
        )
        if st.button(_("Fjern vandringen fra gruppen"), key="bw_unlink_button"):
            group_id, walk_id = (int(part) for part in str(which).split(":"))
            try:
                unlink_walk(loaders.engine(), actor=actor, group_id=group_id, walk_id=walk_id)
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Vandringen er fjernet fra gruppen."), area="business_walks")
