"""The Handlingsplan page's sections: creation, the editable table, conflicts, follow-ups and walks."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dataio.store.action_plans import (
    COLUMN_LABELS,
    EDITABLE,
    ItemEdit,
    SaveResult,
    create_plan,
    save_changes,
    template,
)
from dataio.store.walks import (
    NewObservation,
    add_walk,
    follow_up_to_item,
    set_observation_status,
)
from models.actionplan import GOAL_CHOICES, ItemStatus, Organisation, PlanSummary, Track
from models.formatting import fmt_count, fmt_date, fmt_int, fmt_percent
from models.numbers import NumberRefused, parse_decimal
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.downloads import table_download
from ui.editing import apply_editor_state, edits_between, same_rows


def may_edit_plan(actor: Actor, target: Target) -> bool:
    """Whether the actor may change anything in this plan (police: their own items)."""
    return (
        allows(actor, Action.EDIT_ACTION_PLAN, target)
        or allows(actor, Action.EDIT_BUSINESS_ACTION_ITEMS, target)
        or allows(actor, Action.EDIT_POLICE_ACTION_ITEMS, target)
    )


def creation_form(actor: Actor, code: int, name: str) -> None:
    """No plan yet: offer the guide's template to trim."""
    rows = template()
    with st.form("create_plan"):
        st.markdown(
            f"**{name} har ingen handlingsplan.** Vælg aktiviteterne fra Bo trygts skabelon (alle er valgt); datoer og ansvarlige sætter I bagefter."
        )
        chosen = st.multiselect(
            "Aktiviteter fra skabelonen",
            list(rows.index),
            default=list(rows.index),
            format_func=lambda i: f"{rows.track[i]} · {rows.title[i]}",
            placeholder="Vælg aktiviteter",
            select_all=False,  # its "Select all" cannot be said in Danish
        )
        if st.form_submit_button("Opret handlingsplan"):
            count = create_plan(
                loaders.engine(), actor=actor, municipality_code=code, template_rows=chosen
            )
            flash.done(f"Handlingsplanen er oprettet med {count} aktiviteter.")


def summary_metrics(summary: PlanSummary) -> None:
    """The plan at a glance."""
    columns = st.columns(5)
    columns[0].metric("Aktiviteter", fmt_int(summary.items))
    columns[1].metric("Færdige", fmt_int(summary.done))
    columns[2].metric("Forsinkede", fmt_int(summary.overdue))
    columns[3].metric("Ikke rørt i 90 dage", fmt_int(summary.stale))
    columns[4].metric("Fremdrift", fmt_percent(summary.progress, digits=0))


# Pixels of the columns a project leader works in: together with the row marker they fit the
# page's 820 px at a 1280 px window, so nothing of them is behind a horizontal scroll
WIDTHS = {"title": 210, "owner_name": 120, "due_date": 88, "status": 92, "progress": 110,
          "advarsel": 150}  # fmt: skip


def _column_config() -> dict[str, object]:
    return {
        "track": st.column_config.SelectboxColumn(
            COLUMN_LABELS["track"], options=[t.value for t in Track], required=True
        ),
        "activity_group": st.column_config.TextColumn(COLUMN_LABELS["activity_group"]),
        "title": st.column_config.TextColumn(
            COLUMN_LABELS["title"], required=True, width=WIDTHS["title"]
        ),
        "owner_name": st.column_config.TextColumn(
            COLUMN_LABELS["owner_name"], width=WIDTHS["owner_name"]
        ),
        "organisation": st.column_config.SelectboxColumn(
            COLUMN_LABELS["organisation"], options=[o.value for o in Organisation], required=True
        ),
        "start_date": st.column_config.DateColumn(COLUMN_LABELS["start_date"], format="DD.MM.YYYY"),
        "due_date": st.column_config.DateColumn(
            COLUMN_LABELS["due_date"], format="DD.MM.YYYY", width=WIDTHS["due_date"]
        ),
        "status": st.column_config.SelectboxColumn(
            COLUMN_LABELS["status"],
            options=[s.value for s in ItemStatus],
            required=True,
            width=WIDTHS["status"],
        ),
        "progress": st.column_config.NumberColumn(
            COLUMN_LABELS["progress"],
            min_value=0,
            max_value=100,
            step=5,
            width=WIDTHS["progress"],
        ),
        "goal": st.column_config.SelectboxColumn(COLUMN_LABELS["goal"], options=list(GOAL_CHOICES)),
        "notes": st.column_config.TextColumn(COLUMN_LABELS["notes"]),
        "advarsel": st.column_config.TextColumn(
            "Advarsel", disabled=True, width=WIDTHS["advarsel"]
        ),
    }


COLUMNS = ["advarsel", *EDITABLE]  # the warning first, then what a person edits
# What a project leader works in, visible at 1280 px without scrolling; the rest behind a toggle
COMPACT = ["title", "owner_name", "due_date", "status", "progress", "advarsel"]
MORE = ["title", "owner_name", "due_date", "status", "progress", "advarsel", "track",
        "activity_group", "organisation", "start_date", "goal", "notes"]  # fmt: skip
DRAFTS = "plan_drafts"  # municipality code -> Draft: unsaved edits, kept when the person leaves
GENERATION = "plan_generation"  # bumped whenever the editor must start over from new rows
SHOW_MORE = "plan_show_more"  # set by a run that needs the wider editor on the next run
EDITOR_KEY = "plan_editor_key"  # the live editor's key (the page tests write its state)


@dataclass
class Draft:
    """The editor's rows as loaded (ids, versions), the rows it was drawn from, and its edits."""

    base: pd.DataFrame
    data: pd.DataFrame
    state: dict[str, Any] = field(default_factory=dict)
    restored: bool = False  # carried over from an earlier visit: say so in a banner

    def seen(self) -> pd.DataFrame:
        """The rows as the person sees them now."""
        return apply_editor_state(self.data, self.state)

    def edits(self) -> list[ItemEdit]:
        """What saving would write (nothing, without a comparison of every cell, when the editor
        shows the rows as loaded and the person has not touched it: most runs of the page)."""
        untouched = not any(
            self.state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
        )
        if untouched and self.data is self.base:
            return []
        return edits_between(self.base, self.seen())


def _draft(code: int, shown: pd.DataFrame, key: str) -> tuple[Draft, str]:
    """This run's draft and editor key: carry unsaved edits over to a fresh editor (back from
    another page, columns toggled), or start over from the rows as stored when nothing is unsaved."""
    state = st.session_state
    drafts: dict[int, Draft] = state.setdefault(DRAFTS, {})
    draft, live = drafts.get(code), state.get(key)
    if draft is not None and live is not None:
        draft.state = dict(live)
    if draft is not None and live is None and draft.edits():
        draft = Draft(base=draft.base, data=draft.seen(), restored=True)
    elif draft is None or (not draft.edits() and not same_rows(draft.base, shown)):
        if draft is not None:  # new rows: a new editor (old positions must not be replayed)
            state[GENERATION] = state.get(GENERATION, 0) + 1
            key = editor_key_now(more=key.endswith("more"))
        draft = Draft(base=shown, data=shown)
    drafts[code] = draft
    return draft, key


def plan_table(shown: pd.DataFrame, *, editable: bool, actor: Actor, code: int) -> None:
    """The plan as an editable table with one Save (read-only for those who may not edit)."""
    visible = [c for c in COLUMNS if c in shown.columns]
    top = st.columns([3, 1])
    if st.session_state.pop(SHOW_MORE, False):  # asked for by the last run (a new row needs Spor)
        st.session_state["plan_more_columns"] = True
    more = top[1].toggle("Flere kolonner", key="plan_more_columns")
    with top[0]:
        table_download(
            shown[visible].rename(columns=COLUMN_LABELS), title="Handlingsplan", key="plan_download"
        )
    order = MORE if more else COMPACT
    if not editable:
        st.dataframe(
            shown,
            column_order=order,
            column_config=_column_config(),
            hide_index=True,
            height=520,
            key="plan_view",
        )  # type: ignore[arg-type]
        return
    draft, key = _draft(code, shown, editor_key_now(more=more))
    st.session_state[EDITOR_KEY] = key
    if draft.restored:
        unsaved_banner(draft, actor=actor, code=code)
    with st.container(key="plan_table"):  # a fixed handle for the browser tests
        st.data_editor(
            draft.data,
            column_order=order,
            column_config=_column_config(),
            hide_index=True,
            num_rows="dynamic",
            height=520,
            key=key,
        )  # type: ignore[arg-type]
    draft.state = dict(st.session_state.get(key) or {})
    save, discard, _ = st.columns([1, 1, 3])
    if save.button("Gem ændringer", type="primary", key="plan_save"):
        if not more and (untracked := new_rows_without_track(draft.edits())):
            ask_for_track(untracked)
        save_draft(draft, actor=actor, code=code)
    if draft.edits() and discard.button("Kassér ændringer", key="plan_discard"):
        discard_draft(code)
    flash.show("plan")
    result = st.session_state.pop("plan_result", None)
    if result is not None:
        report_save(result)  # below the table: the table itself does not move


def new_rows_without_track(edits: list[ItemEdit]) -> list[str]:
    """The titles of new rows that have no Spor (a column the compact view hides)."""
    return [e.label for e in edits if e.id is None and "track" not in (e.values or {})]


def ask_for_track(titles: list[str]) -> None:
    """Show the Spor column (the edits carry over to the wider editor) and say what is missing."""
    st.session_state[SHOW_MORE] = True
    named = ", ".join(f"«{for_markdown(t)}»" for t in titles)
    flash.ask(
        f"Vælg Spor for {named} i kolonnen Spor, og gem igen. Intet er gemt endnu.", area="plan"
    )


def unsaved_banner(draft: Draft, *, actor: Actor, code: int) -> None:
    """Back on the page with edits that were never saved: say so, and offer Gem and Kassér."""
    count = len(draft.edits())
    with st.container(border=True):
        st.warning(
            f"Du har ændringer, der ikke er gemt ({fmt_count(count, one='række', many='rækker')}). "
            "De står i tabellen herunder.",
            icon=":material/edit_note:",
        )
        left, right, _ = st.columns([1, 1, 3])
        if left.button("Gem", type="primary", key="plan_banner_save"):
            save_draft(draft, actor=actor, code=code)
        if right.button("Kassér", key="plan_banner_discard"):
            discard_draft(code)


def save_draft(draft: Draft, *, actor: Actor, code: int) -> None:
    """Save the edits; the result (conflicts included) is shown on the next run, which draws a
    fresh editor from the stored rows, so nothing the person typed is replayed onto new data."""
    result = save_changes(
        loaders.engine(), actor=actor, municipality_code=code, edits=draft.edits()
    )
    st.session_state[DRAFTS].pop(code, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state["plan_result"] = result
    loaders.after_write()
    st.rerun()


def discard_draft(code: int) -> None:
    """Drop the unsaved edits and show the plan as stored."""
    st.session_state[DRAFTS].pop(code, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    flash.done(
        "Dine ændringer er kasseret; tabellen viser planen, som den er gemt.",
        kind="info",
        area="plan",
    )


def editor_key_now(*, more: bool = False) -> str:
    """The editor's key; it changes after every save, and with the columns shown."""
    return f"plan_editor_{st.session_state.get(GENERATION, 0)}_{'more' if more else 'few'}"


def report_save(result: SaveResult) -> None:
    """Say what was saved, and show both versions of every row someone else changed meanwhile."""
    if result.saved:
        st.success(
            f"{fmt_count(result.saved, one='ændring', many='ændringer')} gemt og skrevet i ændringsloggen."
        )
    if not result.conflicts:
        return
    st.warning(
        f"{len(result.conflicts)} række(r) blev ikke gemt, fordi en anden har ændret dem, siden du hentede siden. Dine værdier står herunder: indtast dem igen, hvis de stadig skal gælde."
    )
    rows = [
        {
            "Aktivitet": c.title,
            "Dine ændringer": ", ".join(
                f"{COLUMN_LABELS.get(k, k)}: {v}" for k, v in c.yours.items()
            ),
            "Gemt af": f"{c.changed_by}, {fmt_date(c.changed_at)}",
            "Gemte værdier": ", ".join(
                f"{COLUMN_LABELS.get(k, k)}: {v}" for k, v in c.theirs.items() if k in c.yours
            ),
        }
        for c in result.conflicts
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="conflicts")


FOLLOW_UP_HEADINGS = {
    "walk_date": "Dato",
    "area": "Område",
    "number": "Nr.",
    "description": "Beskrivelse",
    "responsible": "Ansvarlig",
    "follow_up": "Opfølgning",
    "status": "Status",
    "in_plan": "I planen",
}


def _follow_up_label(row: Any) -> str:
    """'Vejleåparken 1. okt. 2026, nr. 2: Mørk sti' (options are plain text)."""
    day = fmt_date(pd.Timestamp(row.walk_date).date())
    return f"{row.area} {day}, nr. {row.number}: {row.description}"


def follow_ups_section(
    follow_ups: pd.DataFrame, closed: pd.DataFrame, *, actor: Actor, target: Target
) -> None:
    """Open follow-ups from safety walks: turn one into a plan item, close one, reopen one."""
    st.subheader("Åbne opfølgninger fra tryghedsvandringer")
    flash.show("follow_ups")
    if follow_ups.empty:
        st.caption("Ingen åbne opfølgninger.")
    else:
        shown = follow_ups.assign(
            walk_date=[fmt_date(pd.Timestamp(d).date()) for d in follow_ups["walk_date"]],
            in_plan=["ja" if pd.notna(i) else "nej" for i in follow_ups["action_item_id"]],
        )
        follow_up_frame = shown[list(FOLLOW_UP_HEADINGS)].rename(columns=FOLLOW_UP_HEADINGS)
        with st.container(key="follow_ups_table"):
            st.dataframe(follow_up_frame, hide_index=True, key="follow_ups")
        table_download(follow_up_frame, title="Åbne opfølgninger", key="follow_ups_download")
    candidates = follow_ups[follow_ups["action_item_id"].isna()]
    if allows(actor, Action.EDIT_ACTION_PLAN, target) and not candidates.empty:
        to_plan_form(candidates, actor=actor)
    if allows(actor, Action.EDIT_SAFETY_WALKS, target):
        if not follow_ups.empty:
            close_form(follow_ups, actor=actor)
        if not closed.empty:
            reopen_form(closed, actor=actor)


def to_plan_form(candidates: pd.DataFrame, *, actor: Actor) -> None:
    """Turn an open follow-up into a plan item (the counters above change at once)."""
    with st.form("to_plan"):
        labels = {int(r.id): _follow_up_label(r) for r in candidates.itertuples()}
        chosen = st.selectbox(
            "Sæt en opfølgning i handlingsplanen",
            list(labels),
            format_func=labels.__getitem__,
            key="to_plan_choice",
        )
        if st.form_submit_button("Sæt i handlingsplanen"):
            follow_up_to_item(loaders.engine(), actor=actor, observation_id=int(chosen))
            flash.done("Opfølgningen er nu en aktivitet i handlingsplanen.", area="follow_ups")


def close_form(follow_ups: pd.DataFrame, *, actor: Actor) -> None:
    """Close an open follow-up, with a note saying why (audited: who and when are recorded)."""
    with st.form("close_follow_up", clear_on_submit=True):
        labels = {int(r.id): _follow_up_label(r) for r in follow_ups.itertuples()}
        versions = dict(zip(follow_ups["id"].astype(int), follow_ups["row_version"], strict=True))
        chosen = st.selectbox(
            "Luk en opfølgning", list(labels), format_func=labels.__getitem__, key="close_choice"
        )
        note = st.text_input("Note (hvad er gjort?)", key="close_note")
        if st.form_submit_button("Luk opfølgning"):
            set_observation_status(
                loaders.engine(),
                actor=actor,
                observation_id=int(chosen),
                loaded_version=int(versions[int(chosen)]),
                status="lukket",
                note=note,
            )
            flash.done(
                f"Opfølgningen er lukket: {for_markdown(labels[int(chosen)])}.", area="follow_ups"
            )


def reopen_form(closed: pd.DataFrame, *, actor: Actor) -> None:
    """The follow-ups closed lately, with note, who and when; reopen one with a note."""
    with st.expander(f"Lukkede opfølgninger ({fmt_int(len(closed))} senest lukkede)"):
        st.dataframe(
            pd.DataFrame(
                {
                    "Opfølgning": [_follow_up_label(r) for r in closed.itertuples()],
                    "Note": closed["status_note"],
                    "Lukket af": closed["changed_by"],
                    "Lukket": [fmt_date(pd.Timestamp(d).date()) for d in closed["changed_at"]],
                }
            ),
            hide_index=True,
            key="closed_follow_ups",
        )
        with st.form("reopen_follow_up", clear_on_submit=True):
            labels = {int(r.id): _follow_up_label(r) for r in closed.itertuples()}
            versions = dict(zip(closed["id"].astype(int), closed["row_version"], strict=True))
            chosen = st.selectbox(
                "Genåbn en opfølgning", list(labels), format_func=labels.__getitem__
            )
            note = st.text_input("Note (hvorfor genåbnes den?)", key="reopen_note")
            if st.form_submit_button("Genåbn opfølgning"):
                set_observation_status(
                    loaders.engine(),
                    actor=actor,
                    observation_id=int(chosen),
                    loaded_version=int(versions[int(chosen)]),
                    status="åben",
                    note=note,
                )
                flash.done(
                    f"Opfølgningen er genåbnet: {for_markdown(labels[int(chosen)])}.",
                    area="follow_ups",
                )


def walk_form(actor: Actor, code: int) -> None:
    """Register a walk with its observations (the guide's registration table)."""
    with (
        st.expander("Registrér en tryghedsvandring"),
        st.form("walk_form", clear_on_submit=True, enter_to_submit=False),
    ):
        walk_date = st.date_input("Dato", value=date.today(), format="DD.MM.YYYY")
        area = st.text_input("Område")
        participants = st.text_input("Deltagere")
        # text read the Danish way ("55,6123"), not a browser number field
        lat_text = st.text_input("Breddegrad (valgfri)", placeholder="fx 55,6123")
        lon_text = st.text_input("Længdegrad (valgfri)", placeholder="fx 12,3512")
        observations = st.data_editor(
            pd.DataFrame({"Beskrivelse": [""], "Ansvarlig": [""], "Opfølgning": [""]}),
            num_rows="dynamic",
            hide_index=True,
            key="observations_editor",
        )
        if st.form_submit_button("Registrér vandring"):
            try:
                lat = parse_decimal(lat_text) if lat_text.strip() else None
                lon = parse_decimal(lon_text) if lon_text.strip() else None
            except NumberRefused as refused:
                st.error(f"Vandringen er ikke registreret: {for_markdown(str(refused))}.")
                return
            rows = [
                NewObservation(str(r.Beskrivelse), str(r.Ansvarlig or ""), str(r.Opfølgning or ""))
                for r in observations.itertuples()
                if str(r.Beskrivelse or "").strip()
            ]
            add_walk(
                loaders.engine(),
                actor=actor,
                municipality_code=code,
                walk_date=walk_date,
                area=area,
                participants=participants,
                lat=lat,
                lon=lon,
                observations=rows,
            )
            flash.done(
                f"Vandringen i {for_markdown(area)} er registreret med "
                f"{fmt_count(len(rows), one='observation', many='observationer')}.",
                area="follow_ups",
            )
