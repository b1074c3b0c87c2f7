"""The Mål page's form: one goal, saved from the version the person saw.

On the run the person presses "Gem mål" the goal has already been read again, and it may have
moved since the form was drawn (another administrator saved). The form is then drawn from the goal
as it was shown (new defaults would reset the widgets and replace the person's numbers with the
stored ones) and saved with that version, so dataio refuses it with both values instead of
overwriting, or silently saving nothing. The outcome is shown on the next run, above the form,
which is then drawn from the goal as stored.
"""

import streamlit as st

from dataio.store.goals import GoalChange, GoalConflict, update_goal
from models.permissions import Actor
from models.safe_text import for_markdown
from models.tables import Goal
from ui import loaders
from ui.tables import goal_label, goal_target_text

SAVED = "Målet er gemt og skrevet i ændringsloggen."
UNCHANGED = "Intet at gemme: målet er uændret."


def unit_hint(indicator: str, unit: str) -> str:
    """What the number in the target field means."""
    if indicator == "helpers":
        return " (nye nabohjælpere)" if unit == "increase" else " (aktive nabohjælpere)"
    return " (antal pr. år)"


def _shown_goal(goal: Goal) -> Goal:
    """The goal the form is drawn from: as it was shown when its button was pressed, else as now."""
    seen_key, button_key = f"goal_seen_{goal.id}", f"goal_save_{goal.id}"
    seen = st.session_state.get(seen_key)
    shown = seen if st.session_state.get(button_key) and isinstance(seen, Goal) else goal
    st.session_state[seen_key] = shown.model_copy()
    return shown


def _show_outcome(goal_id: int | None) -> None:
    outcome = st.session_state.pop(f"goal_outcome_{goal_id}", None)
    if outcome is None:
        return
    kind, message = outcome
    # the conflict quotes the source note, which people type
    {"success": st.success, "info": st.info, "error": st.error}[kind](for_markdown(message))


def goal_form(current: Goal, scope_name: str, actor: Actor) -> None:
    """Edit one goal: baseline, target (a level or a reduction), years, source note."""
    _show_outcome(current.id)
    goal = _shown_goal(current)
    share = goal.indicator == "insecurity" or goal.target_unit == "household_share"
    with st.form(f"goal_{goal.id}", enter_to_submit=False):
        st.subheader(goal_label(indicator=goal.indicator, scope_name=scope_name))
        st.caption(
            "Nu: "
            + goal_target_text(
                indicator=goal.indicator,
                target=goal.target,
                reduction=goal.target_reduction,
                unit=goal.target_unit,
            )
            + f" i {goal.target_year}"
            + (" (standardmålår)" if goal.target_year_is_default else "")
        )
        left, right = st.columns(2)
        baseline_year = left.number_input("Udgangsår", 1990, 2100, goal.baseline_year, step=1)
        from_data = left.checkbox(
            "Udgangspunkt fra data (udgangsårets tal)", value=goal.baseline is None
        )
        baseline = left.number_input(
            "Udgangspunkt" + (" (andel, fx 0,25)" if share else " (antal)"),
            value=float(goal.baseline or 0),
            min_value=0.0,
            format="%.2f" if share else "%.0f",
        )
        kind = right.radio(
            "Måltype",
            # a helper target is a number or a share of households, never a reduction
            ["Niveau"] if goal.indicator == "helpers" else ["Niveau", "Reduktion i %"],
            index=1 if goal.target_reduction is not None and goal.indicator != "helpers" else 0,
            horizontal=True,
        )
        target = right.number_input(
            "Målniveau"
            + (" (andel, fx 0,10)" if share else unit_hint(goal.indicator, goal.target_unit)),
            value=float(goal.target or 0),
            min_value=0.0,
            format="%.2f" if share else "%.0f",
        )
        reduction = right.number_input(
            "Reduktion i %",
            value=float((goal.target_reduction or 0) * 100),
            min_value=0.0,
            max_value=99.9,
            format="%.1f",
        )
        target_year = right.number_input("Målår", 1990, 2100, goal.target_year, step=1)
        note = st.text_area("Kilde og begrundelse", value=goal.source_note)
        if st.form_submit_button("Gem mål", key=f"goal_save_{goal.id}"):
            change = GoalChange(
                baseline=None if from_data else baseline,
                baseline_year=int(baseline_year),
                target=target if kind == "Niveau" else None,
                target_reduction=reduction / 100 if kind != "Niveau" else None,
                target_year=int(target_year),
                source_note=note,
            )
            try:
                saved = update_goal(
                    loaders.engine(),
                    actor=actor,
                    goal_id=goal.id or 0,
                    change=change,
                    loaded_version=goal.row_version,
                )
            except GoalConflict as conflict:
                outcome = ("error", str(conflict))
            else:
                outcome = ("success", SAVED) if saved.changed else ("info", UNCHANGED)
                if saved.changed:
                    loaders.after_write()
            st.session_state[f"goal_outcome_{goal.id}"] = outcome
            st.session_state.pop(f"goal_seen_{goal.id}", None)
            st.rerun()  # the form is drawn again from the goal as stored now
