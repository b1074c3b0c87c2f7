"""The Handlingsplan page's sections: creation, the editable table, conflicts, follow-ups and walks."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.store.action_plans import (
    COLUMN_LABELS,
    EDITABLE,
    SaveResult,
    create_plan,
    save_changes,
    template,
)
from dataio.store.walks import NewObservation, add_walk, follow_up_to_item
from models.actionplan import GOAL_CHOICES, ItemStatus, Organisation, PlanSummary, Track
from models.formatting import fmt_count, fmt_date, fmt_int, fmt_percent
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from ui import loaders
from ui.downloads import table_download
from ui.editing import edits_from_editor


def may_edit_plan(actor: Actor, target: Target) -> bool:
    """Whether the actor may change anything in this plan (police: their own items)."""
    return allows(actor, Action.EDIT_ACTION_PLAN, target) or allows(
        actor, Action.EDIT_POLICE_ACTION_ITEMS, target
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
            loaders.after_write()
            st.success(f"Handlingsplanen er oprettet med {count} aktiviteter.")
            st.rerun()


def summary_metrics(summary: PlanSummary) -> None:
    """The plan at a glance."""
    columns = st.columns(5)
    columns[0].metric("Aktiviteter", fmt_int(summary.items))
    columns[1].metric("Færdige", fmt_int(summary.done))
    columns[2].metric("Forsinkede", fmt_int(summary.overdue))
    columns[3].metric("Ikke rørt i 90 dage", fmt_int(summary.stale))
    columns[4].metric("Fremdrift", fmt_percent(summary.progress, digits=0))


def _column_config() -> dict[str, object]:
    return {
        "track": st.column_config.SelectboxColumn(
            COLUMN_LABELS["track"], options=[t.value for t in Track], required=True
        ),
        "activity_group": st.column_config.TextColumn(COLUMN_LABELS["activity_group"]),
        "title": st.column_config.TextColumn(COLUMN_LABELS["title"], required=True, width="large"),
        "owner_name": st.column_config.TextColumn(COLUMN_LABELS["owner_name"]),
        "organisation": st.column_config.SelectboxColumn(
            COLUMN_LABELS["organisation"], options=[o.value for o in Organisation], required=True
        ),
        "start_date": st.column_config.DateColumn(COLUMN_LABELS["start_date"], format="DD.MM.YYYY"),
        "due_date": st.column_config.DateColumn(COLUMN_LABELS["due_date"], format="DD.MM.YYYY"),
        "status": st.column_config.SelectboxColumn(
            COLUMN_LABELS["status"], options=[s.value for s in ItemStatus], required=True
        ),
        "progress": st.column_config.NumberColumn(
            COLUMN_LABELS["progress"], min_value=0, max_value=100, step=5
        ),
        "goal": st.column_config.SelectboxColumn(COLUMN_LABELS["goal"], options=list(GOAL_CHOICES)),
        "notes": st.column_config.TextColumn(COLUMN_LABELS["notes"]),
        "advarsel": st.column_config.TextColumn("Advarsel", disabled=True, width="medium"),
    }


COLUMNS = ["advarsel", *EDITABLE]  # the warning first, then what a person edits


def plan_table(shown: pd.DataFrame, *, editable: bool, actor: Actor, code: int) -> None:
    """The plan as an editable table with one Save (read-only for those who may not edit)."""
    visible = [c for c in COLUMNS if c in shown.columns]
    table_download(
        shown[visible].rename(columns=COLUMN_LABELS), title="Handlingsplan", key="plan_download"
    )
    if not editable:
        st.dataframe(
            shown,
            column_order=COLUMNS,
            column_config=_column_config(),
            hide_index=True,
            height=520,
            key="plan_view",
        )  # type: ignore[arg-type]
        return
    # On the Save run the page has already reloaded the plan; the edits refer to the rows (and
    # versions) the person was looking at, so map them against that frame, kept in the session.
    saving = bool(st.session_state.get("plan_save"))
    base = st.session_state.get("plan_base", shown) if saving else shown
    st.session_state["plan_base"] = base
    editor_key = editor_key_now()
    with st.form("plan_form"):
        st.data_editor(
            base,
            column_order=COLUMNS,
            column_config=_column_config(),
            hide_index=True,
            num_rows="dynamic",
            height=520,
            key=editor_key,
        )  # type: ignore[arg-type]
        saved = st.form_submit_button("Gem ændringer", type="primary", key="plan_save")
    if saved:
        edits = edits_from_editor(st.session_state.get(editor_key, {}), base)
        result = save_changes(loaders.engine(), actor=actor, municipality_code=code, edits=edits)
        loaders.after_write()
        # a fresh editor for the fresh data (old edits must not be replayed onto it); the
        # result, conflicts included, is shown on the next run so nothing the person typed is lost
        st.session_state["plan_generation"] = st.session_state.get("plan_generation", 0) + 1
        st.session_state["plan_result"] = result
        st.rerun()
    result = st.session_state.pop("plan_result", None)
    if result is not None:
        report_save(result)


def editor_key_now() -> str:
    """The editor's key; it changes after every save."""
    return f"plan_editor_{st.session_state.get('plan_generation', 0)}"


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


def follow_ups_section(follow_ups: pd.DataFrame, *, actor: Actor, target: Target) -> None:
    """Open follow-ups from safety walks, and turning one into a plan item."""
    st.subheader("Åbne opfølgninger fra tryghedsvandringer")
    if follow_ups.empty:
        st.caption("Ingen åbne opfølgninger.")
        return
    shown = follow_ups.assign(
        walk_date=[fmt_date(pd.Timestamp(d).date()) for d in follow_ups["walk_date"]],
        in_plan=["ja" if pd.notna(i) else "nej" for i in follow_ups["action_item_id"]],
    )
    follow_up_frame = shown[
        [
            "walk_date",
            "area",
            "number",
            "description",
            "responsible",
            "follow_up",
            "status",
            "in_plan",
        ]
    ].rename(
        columns={
            "walk_date": "Dato",
            "area": "Område",
            "number": "Nr.",
            "description": "Beskrivelse",
            "responsible": "Ansvarlig",
            "follow_up": "Opfølgning",
            "status": "Status",
            "in_plan": "I planen",
        }
    )
    st.dataframe(follow_up_frame, hide_index=True, key="follow_ups")
    table_download(follow_up_frame, title="Åbne opfølgninger", key="follow_ups_download")
    candidates = follow_ups[follow_ups["action_item_id"].isna()]
    if allows(actor, Action.EDIT_ACTION_PLAN, target) and not candidates.empty:
        with st.form("to_plan"):
            descriptions = dict(zip(candidates["id"], candidates["description"], strict=True))
            chosen = st.selectbox(
                "Sæt en opfølgning i handlingsplanen",
                list(candidates["id"]),
                format_func=lambda i: str(descriptions[i]),  # options are plain text
            )
            if st.form_submit_button("Sæt i handlingsplanen"):
                follow_up_to_item(loaders.engine(), actor=actor, observation_id=int(chosen))
                loaders.after_write()
                st.success("Opfølgningen er nu en aktivitet i handlingsplanen.")


def walk_form(actor: Actor, code: int) -> None:
    """Register a walk with its observations (the guide's registration table)."""
    with (
        st.expander("Registrér en tryghedsvandring"),
        st.form("walk_form", clear_on_submit=True, enter_to_submit=False),
    ):
        walk_date = st.date_input("Dato", value=date.today(), format="DD.MM.YYYY")
        area = st.text_input("Område")
        participants = st.text_input("Deltagere")
        lat = st.number_input("Breddegrad (valgfri)", value=None, format="%.4f")
        lon = st.number_input("Længdegrad (valgfri)", value=None, format="%.4f")
        observations = st.data_editor(
            pd.DataFrame({"Beskrivelse": [""], "Ansvarlig": [""], "Opfølgning": [""]}),
            num_rows="dynamic",
            hide_index=True,
            key="observations_editor",
        )
        if st.form_submit_button("Registrér vandring"):
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
            loaders.after_write()
            st.success(
                f"Vandringen i {for_markdown(area)} er registreret med {len(rows)} observationer."
            )
