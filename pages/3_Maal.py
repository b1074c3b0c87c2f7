"""Mål: the goals this user may change (administrators: all; project leaders: their municipality's)."""

import streamlit as st

from dataio.store.goals import create_local_goal, goals_for_editing
from models.permissions import Actor, Role
from ui import loaders
from ui.auth import require
from ui.goal_form import goal_form
from ui.page import guarded
from ui.tables import goal_label


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
