"""Mål: the goals this user may change (administrators: all; project leaders: their municipality's)."""

import streamlit as st

from dataio.store.goals import GoalChange, create_local_goal, goals_for_editing, update_goal
from models.permissions import Actor, Role
from models.tables import Goal
from ui import loaders
from ui.auth import require
from ui.page import guarded
from ui.tables import goal_label, goal_target_text


def unit_hint(indicator: str, unit: str) -> str:
    """What the number in the target field means."""
    if indicator == "helpers":
        return " (nye nabohjælpere)" if unit == "increase" else " (aktive nabohjælpere)"
    return " (antal pr. år)"


def goal_form(goal: Goal, scope_name: str, actor: Actor) -> None:
    """Edit one goal: baseline, target (a level or a reduction), years, source note."""
    share = goal.indicator == "insecurity" or goal.target_unit == "household_share"
    with st.form(f"goal_{goal.id}"):
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
        if st.form_submit_button("Gem mål"):
            change = GoalChange(
                baseline=None if from_data else baseline,
                baseline_year=int(baseline_year),
                target=target if kind == "Niveau" else None,
                target_reduction=reduction / 100 if kind != "Niveau" else None,
                target_year=int(target_year),
                source_note=note,
            )
            update_goal(loaders.engine(), actor=actor, goal_id=goal.id or 0, change=change)
            loaders.after_write()
            st.success("Målet er gemt og skrevet i ændringsloggen.")


def render(actor: Actor) -> None:
    """The page body."""
    st.title("Mål")
    names = dict(
        zip(
            *loaders.load_municipalities(loaders.current_version())[["code", "name"]].T.values,
            strict=True,
        )
    )
    goals = goals_for_editing(loaders.engine(), actor=actor)
    if (
        actor.role is Role.PROJECT_LEADER
        and actor.municipality_code is not None
        and not any(g.scope_code == actor.municipality_code for g in goals)
    ):
        st.info(
            f"{names[actor.municipality_code]} har intet eget indbrudsmål og følger det nationale mål omregnet."
        )
        if st.button("Opret eget indbrudsmål"):
            create_local_goal(
                loaders.engine(), actor=actor, municipality_code=actor.municipality_code
            )
            loaders.after_write()
            st.rerun()
    if not goals:
        return
    labels = {
        g.id: goal_label(
            indicator=g.indicator,
            scope_name=names.get(g.scope_code, "hele landet") if g.scope_code else "hele landet",
        )
        for g in goals
    }
    chosen = st.selectbox("Mål", list(labels), format_func=lambda i: labels[i])
    goal = next(g for g in goals if g.id == chosen)
    goal_form(
        goal, names.get(goal.scope_code, "hele landet") if goal.scope_code else "hele landet", actor
    )


guard = require("maal", title="Mål")
guarded(lambda: render(guard.actor))
