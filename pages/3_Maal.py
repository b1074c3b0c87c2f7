"""Mål: the goals this user may change (administrators: all; project leaders: their municipality's;
police: their district's helper goals), and new helper goals."""

from datetime import date

import streamlit as st

from dataio.store.goals import create_local_goal, goals_for_editing
from models.permissions import Actor, Role
from ui import flash, loaders
from ui.auth import require
from ui.goal_check_in_view import goal_check_in_section
from ui.goal_form import (
    CHOSEN_KEY,
    goal_form,
    goal_name,
    helper_goal_candidates,
    helper_goal_form,
)
from ui.goal_views import helper_card
from ui.i18n import _, active_language, pgettext
from ui.page import guarded


def render(actor: Actor) -> None:
    """The page body."""
    lang = active_language()
    st.title(pgettext("menu", "Mål"))
    flash.show()
    version = loaders.current_version()
    municipalities = loaders.load_municipalities(version)
    names = dict(zip(*municipalities[["code", "name"]].T.values, strict=True))
    goals = goals_for_editing(loaders.engine(), actor=actor)
    if (
        actor.role is Role.PROJECT_LEADER
        and actor.municipality_code is not None
        and not any(
            g.scope_code == actor.municipality_code and g.indicator == "burglaries" for g in goals
        )
    ):
        st.info(
            _("{name} har intet eget indbrudsmål og følger det nationale mål omregnet.").format(
                name=names[actor.municipality_code]
            )
        )
        if st.button(_("Opret eget indbrudsmål"), key="create_local_goal"):
            create_local_goal(
                loaders.engine(), actor=actor, municipality_code=actor.municipality_code
            )
            loaders.after_write()
            st.rerun()
    candidates = helper_goal_candidates(actor, municipalities)
    if candidates:
        with st.expander(_("Opret mål for nabohjælpere"), expanded=actor.role is not Role.ADMIN):
            helper_goal_form(actor, candidates, year=date.today().year)
    if not goals:
        return
    nation = _("hele landet")
    labels = {
        g.id: goal_name(
            indicator=g.indicator,
            scope_name=names.get(g.scope_code, nation) if g.scope_code else nation,
            lang=lang,
        )
        for g in goals
    }
    if st.session_state.get(CHOSEN_KEY) not in labels:
        st.session_state.pop(CHOSEN_KEY, None)
    chosen = st.selectbox(
        pgettext("menu", "Mål"), list(labels), format_func=lambda i: labels[i], key=CHOSEN_KEY
    )
    goal = next(g for g in goals if g.id == chosen)
    goal_form(goal, names.get(goal.scope_code, nation) if goal.scope_code else nation, actor)
    if goal.indicator == "helpers" and goal.scope_code is not None:
        helper_card(loaders.load_helper_overview(version, actor, goal.scope_code), lang=lang)
    districts = dict(
        zip(municipalities["code"], municipalities["police_district_number"], strict=True)
    )
    goal_check_in_section(
        goal, actor=actor, version=version, district=districts.get(goal.scope_code)
    )


guard = require("maal", title="Mål")
guarded(lambda: render(guard.actor))
