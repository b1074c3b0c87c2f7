"""Erhverv: the cached reads, the business groups' table, the checked share's chart, and the forms.

The business association (Erhvervsforening), the project leader and the administrator keep the
groups, their events and the walks linked to them; the police and the council read. Every write
goes through `dataio.business.store` with the actor; a refusal, a stale version or an invalid value
is shown where the person acted, in Danish, and nothing is half-written.
"""

from datetime import date

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
from models.business import NO_INTERVAL_NOTE, CheckedShare, EventKind, checked_share
from models.formatting import MISSING, fmt_date, fmt_int, fmt_percent
from models.permissions import Actor
from models.safe_text import for_markdown
from models.vocabulary import LIGHT_GREY, SERIES_BLUE
from ui import flash, loaders
from ui.described import chart
from ui.figures import danish_layout, number_axis

NEW = 0  # the group picker's "Ny gruppe"
PICK = "business_group_choice"  # the group picker's key
PICK_NEXT = "business_group_next"  # the group to show after a write (set before the picker)
AREA = "business"  # flash messages' place on the page


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
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def _share_text(members: int, checked: int) -> str:
    return MISSING if members == 0 else fmt_percent(checked_share([(members, checked)]).share)


def groups_table(groups: pd.DataFrame) -> None:
    """The groups as everyone reads them."""
    if groups.empty:
        st.info("Der er ikke registreret nogen erhvervsnabohjælpsgrupper endnu.")
        return
    table = pd.DataFrame(
        {
            "Gruppe": groups["name"],
            "Erhvervsområde": groups["area"].replace("", MISSING),
            "Virksomheder": [fmt_int(m) for m in groups["members"]],
            "Med sikringstjek": [fmt_int(c) for c in groups["businesses_checked"]],
            "Andel med sikringstjek": [
                _share_text(int(m), int(c))
                for m, c in zip(groups["members"], groups["businesses_checked"], strict=True)
            ],
            "Kontakt": groups["contact"].replace("", MISSING),
            "Start": [
                MISSING if (d := _day(v)) is None else fmt_date(d) for v in groups["start_date"]
            ],
            "Aktiviteter": groups["events"].astype(int),
            "Vandringer": groups["walks"].astype(int),
        }
    )
    with st.container(key="business_group_table"):  # a fixed handle for the browser test
        st.dataframe(table, hide_index=True, width="stretch")


def share_section(totals: CheckedShare, groups: pd.DataFrame, *, name: str) -> None:
    """The share of the groups' businesses with a security check, in numbers and per group."""
    st.subheader("Andel af virksomhederne med sikringstjek")
    if totals.share is None:
        st.caption("Ingen virksomheder i grupperne endnu: ingen andel at vise.")
        return
    left, middle, right = st.columns(3)
    left.metric("Andel med sikringstjek", fmt_percent(totals.share))
    middle.metric("Virksomheder med sikringstjek", fmt_int(totals.checked))
    right.metric("Virksomheder i grupperne", fmt_int(totals.members))
    st.caption(for_markdown(NO_INTERVAL_NOTE))
    shown = groups[groups["members"] > 0]
    names = list(shown["name"])
    checked = [int(c) for c in shown["businesses_checked"]]
    unchecked = [int(m) - int(c) for m, c in zip(shown["members"], checked, strict=True)]
    figure = go.Figure(
        [
            go.Bar(
                name="Med sikringstjek",
                y=names,
                x=checked,
                orientation="h",
                marker_color=SERIES_BLUE.hex,
            ),
            go.Bar(
                name="Uden sikringstjek",
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
        barmode="stack",
        hovermode="y unified",
        xaxis_title=f"Virksomheder i grupperne i {name}",
        # above the bars: below, a short chart's legend would sit on the axis title
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "traceorder": "normal"},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    number_axis(figure)
    chart(figure, key="business_share_chart")


def _int(text: str, label: str) -> int:
    """A count typed the Danish way ("1.200"); a Danish refusal otherwise."""
    cleaned = text.strip().replace(".", "")
    if not cleaned.lstrip("-").isdigit():
        raise ValidationFailed(f"{label} skal være et helt tal (fik «{text}»)")
    return int(cleaned)


def group_form(actor: Actor, code: int, groups: pd.DataFrame, *, today: date) -> None:
    """Create a group, or edit or delete one (refused when someone else saved it meanwhile)."""
    flash.show(AREA)
    labels = {NEW: "Ny gruppe"} | {int(r.id): str(r.name) for r in groups.itertuples()}
    if PICK_NEXT in st.session_state:  # a write of the last run: show the group it wrote
        st.session_state[PICK] = st.session_state.pop(PICK_NEXT)
    if st.session_state.get(PICK, NEW) not in labels:  # deleted by someone else meanwhile
        st.session_state[PICK] = NEW
    chosen = int(st.selectbox("Gruppe", list(labels), format_func=labels.__getitem__, key=PICK))
    row = None if chosen == NEW else groups.set_index("id").loc[chosen]
    # the version the person opened, kept across runs: a save compares against it, so a save of
    # someone else's in between is refused rather than silently written over (dropped after a
    # save or a refusal: then the form shows the group as it is now)
    remembered = f"bg_loaded_{chosen}"
    loaded = 0 if row is None else int(st.session_state.setdefault(remembered, row["row_version"]))
    suffix = f"{chosen}_{loaded}"
    with st.form(f"business_group_{suffix}", enter_to_submit=False):
        name = st.text_input(
            "Navn", value="" if row is None else str(row["name"]), key=f"bg_name_{suffix}"
        )
        area = st.text_input(
            "Erhvervsområde", value="" if row is None else str(row["area"]), key=f"bg_area_{suffix}"
        )
        left, right = st.columns(2)
        members = left.text_input(
            "Antal virksomheder",
            value="0" if row is None else fmt_int(int(row["members"])),
            key=f"bg_members_{suffix}",
        )
        checked = right.text_input(
            "Heraf med sikringstjek",
            value="0" if row is None else fmt_int(int(row["businesses_checked"])),
            key=f"bg_checked_{suffix}",
        )
        contact = st.text_input(
            "Kontakt", value="" if row is None else str(row["contact"]), key=f"bg_contact_{suffix}"
        )
        start = st.date_input(
            "Startdato",
            value=None if row is None else _day(row["start_date"]),
            format="DD.MM.YYYY",
            key=f"bg_start_{suffix}",
        )
        saved = st.form_submit_button(
            "Opret gruppen" if row is None else "Gem gruppen", type="primary"
        )
    if saved:
        try:
            values = {
                "name": name,
                "area": area,
                "members": _int(members, "Antal virksomheder"),
                "checked": _int(checked, "Antal med sikringstjek"),
                "contact": contact,
                "start_date": start if isinstance(start, date) else None,
                "today": today,
            }
            if row is None:
                made = create_group(loaders.engine(), actor=actor, code=code, **values)
                st.session_state[PICK_NEXT] = made
                message = f"Gruppen «{for_markdown(name.strip())}» er oprettet."
            else:
                changed = edit_group(
                    loaders.engine(), actor=actor, group_id=chosen, loaded_version=loaded, **values
                )
                message = (
                    f"Gruppen «{for_markdown(name.strip())}» er gemt."
                    if changed
                    else "Intet at gemme: gruppen er uændret."
                )
        except DomainError as refused:
            if "ændret af en anden" in str(refused):
                st.session_state.pop(remembered, None)
            st.error(str(refused))
            return
        st.session_state.pop(remembered, None)
        flash.done(message, area=AREA)
    if row is not None:
        with st.popover("Slet gruppen", icon=":material/delete:"):
            st.caption("Gruppens aktiviteter slettes med; tryghedsvandringerne bliver.")
            if st.button("Ja, slet gruppen", key=f"bg_delete_{suffix}"):
                try:
                    delete_group(
                        loaders.engine(), actor=actor, group_id=chosen, loaded_version=loaded
                    )
                except DomainError as refused:
                    st.session_state.pop(remembered, None)
                    st.error(str(refused))
                    return
                st.session_state[PICK_NEXT] = NEW
                flash.done(f"Gruppen «{for_markdown(str(row['name']))}» er slettet.", area=AREA)


def events_table(events: pd.DataFrame) -> None:
    """The groups' events, newest first."""
    if events.empty:
        st.caption("Ingen aktiviteter registreret endnu.")
        return
    table = pd.DataFrame(
        {
            "Dato": [fmt_date(pd.Timestamp(d).date()) for d in events["event_date"]],
            "Gruppe": events["group_name"],
            "Type": [str(k).capitalize() for k in events["kind"]],
            "Note": events["note"].replace("", MISSING),
        }
    )
    with st.container(key="business_event_table"):
        st.dataframe(table, hide_index=True, width="stretch")


def event_form(actor: Actor, groups: pd.DataFrame, events: pd.DataFrame, *, today: date) -> None:
    """Register an event of a group, or delete one."""
    flash.show("business_events")
    names = {int(r.id): str(r.name) for r in groups.itertuples()}
    with st.form("business_event", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**Ny aktivitet**")
        left, middle, right = st.columns(3)
        group = left.selectbox("Gruppe", list(names), format_func=names.__getitem__, key="be_group")
        day = middle.date_input("Dato", value=today, format="DD.MM.YYYY", key="be_date")
        kind = right.selectbox(
            "Type",
            [k.value for k in EventKind],
            format_func=lambda k: str(k).capitalize(),
            key="be_kind",
        )
        note = st.text_input("Note", key="be_note")
        if st.form_submit_button("Registrér aktiviteten", type="primary"):
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
                st.error(str(refused))
                return
            flash.done("Aktiviteten er registreret.", area="business_events")
    if events.empty:
        return
    labels = {
        int(r.id): f"{fmt_date(pd.Timestamp(r.event_date).date())} · {r.group_name} · {r.kind}"
        for r in events.itertuples()
    }
    with st.expander("Slet en aktivitet"):
        which = st.selectbox(
            "Aktivitet", list(labels), format_func=labels.__getitem__, key="be_delete_choice"
        )
        if st.button("Slet aktiviteten", key="be_delete"):
            try:
                delete_event(loaders.engine(), actor=actor, event_id=int(which))
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done("Aktiviteten er slettet.", area="business_events")


def walks_table(walks: pd.DataFrame) -> None:
    """The safety walks in the groups' business areas."""
    if walks.empty:
        st.caption(
            "Ingen tryghedsvandringer knyttet til grupperne endnu. Vandringer registreres på "
            "siden Handlingsplan og knyttes til en gruppe her."
        )
        return
    table = pd.DataFrame(
        {
            "Dato": [fmt_date(pd.Timestamp(d).date()) for d in walks["walk_date"]],
            "Gruppe": walks["group_name"],
            "Område": walks["area"],
            "Deltagere": walks["participants"].replace("", MISSING),
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
    names = {int(r.id): str(r.name) for r in groups.itertuples()}
    labels = {
        int(r.id): f"{fmt_date(pd.Timestamp(r.walk_date).date())} · {r.area}"
        for r in walks.itertuples()
    }
    with st.form("business_walk", enter_to_submit=False):
        st.markdown("**Knyt en tryghedsvandring til en gruppe**")
        left, right = st.columns(2)
        group = left.selectbox("Gruppe", list(names), format_func=names.__getitem__, key="bw_group")
        walk = right.selectbox(
            "Tryghedsvandring", list(labels), format_func=labels.__getitem__, key="bw_walk"
        )
        if st.form_submit_button("Knyt vandringen til gruppen"):
            try:
                link_walk(loaders.engine(), actor=actor, group_id=int(group), walk_id=int(walk))
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done("Vandringen er knyttet til gruppen.", area="business_walks")
    if linked.empty:
        return
    pairs = {
        f"{int(r.group_id)}:{int(r.walk_id)}": (
            f"{r.group_name} · {fmt_date(pd.Timestamp(r.walk_date).date())} · {r.area}"
        )
        for r in linked.itertuples()
    }
    with st.expander("Fjern en vandring fra en gruppe"):
        which = st.selectbox(
            "Vandring", list(pairs), format_func=pairs.__getitem__, key="bw_unlink"
        )
        if st.button("Fjern vandringen fra gruppen", key="bw_unlink_button"):
            group_id, walk_id = (int(part) for part in str(which).split(":"))
            try:
                unlink_walk(loaders.engine(), actor=actor, group_id=group_id, walk_id=walk_id)
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done("Vandringen er fjernet fra gruppen.", area="business_walks")
