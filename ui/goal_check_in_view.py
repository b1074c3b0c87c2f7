"""Goal check-ins on the pages: the project leader's own status beside the computed one (Min
kommune, Kommune, Mål), and on Mål the form for a period's comment and own status, and the history."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.tasks.goal_check_ins import (
    MAX_TEXT,
    GoalOverride,
    goal_check_in_history,
    goal_override,
    record_goal_check_in,
)
from models.check_ins import OVERRIDE_CHOICES, override_line, quarter_label
from models.formatting import fmt_datetime
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from models.tables import Goal
from models.vocabulary import status_mark
from ui import flash, loaders
from ui.loaders import TTL_SECONDS

NO_OVERRIDE = "(ingen egen vurdering)"


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_goal_override(version: int, indicator: str, code: int | None) -> GoalOverride | None:
    """The project leader's own status for the goal, if any."""
    return goal_override(loaders.engine(), indicator=indicator, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_goal_history(version: int, goal_id: int) -> pd.DataFrame:
    """A goal's check-ins, newest first."""
    return goal_check_in_history(loaders.engine(), goal_id=goal_id)


def override_caption(
    version: int, *, indicator: str, code: int | None, computed: str | None
) -> None:
    """'Beregnet: … · Projektlederens vurdering: … — »…«' under a status, where there is one."""
    override = load_goal_override(version, indicator, code)
    if override is not None:
        st.caption(
            for_markdown(
                override_line(computed=computed, override=override.status, reason=override.reason)
            )
        )


def computed_status(actor: Actor, version: int, goal: Goal) -> str | None:
    """The goal's computed status, as its own page shows it (None: not assessed)."""
    code = goal.scope_code
    if code is None:
        return None
    if goal.indicator == "burglaries":
        return loaders.load_municipality_overview(version, code).assessment.status
    if goal.indicator == "helpers":
        return loaders.load_helper_overview(version, actor, code).assessment.status
    return loaders.load_insecurity(version, actor, code).assessment.status


def goal_check_in_section(goal: Goal, *, actor: Actor, version: int, district: int | None) -> None:
    """The computed status, the own status beside it, the check-in form and the history."""
    if goal.id is None or goal.scope_code is None:
        return
    st.subheader("Kommentar og egen vurdering")
    flash.show("goal_check_in")
    computed = computed_status(actor, version, goal)
    override = load_goal_override(version, goal.indicator, goal.scope_code)
    if override is None:
        st.markdown(f"Beregnet: {status_mark(computed)}")
    else:
        st.markdown(
            for_markdown(
                override_line(computed=computed, override=override.status, reason=override.reason)
            )
        )
    if allows(actor, Action.EDIT_LOCAL_GOALS, Target(goal.scope_code, district)):
        _form(goal, actor=actor, current=override)
    _history(version, goal.id)


def _form(goal: Goal, *, actor: Actor, current: GoalOverride | None) -> None:
    choices: list[str | None] = [None, *OVERRIDE_CHOICES]
    with st.form(f"goal_check_in_{goal.id}", enter_to_submit=False):
        period = st.text_input(
            "Periode (kvartal som 2026-K3, eller en dato)",
            value=quarter_label(date.today()),
            key=f"goal_period_{goal.id}",
        )
        comment = st.text_area("Kommentar", max_chars=MAX_TEXT, key=f"goal_comment_{goal.id}")
        status = st.selectbox(
            "Egen vurdering af status (beregnet status vises fortsat ved siden af)",
            choices,
            index=choices.index(current.status) if current else 0,
            format_func=lambda s: NO_OVERRIDE if s is None else status_mark(s),
            key=f"goal_override_{goal.id}",
        )
        reason = st.text_input(
            "Begrundelse for egen vurdering (skal udfyldes)",
            value=current.reason if current else "",
            max_chars=MAX_TEXT,
            key=f"goal_reason_{goal.id}",
        )
        if st.form_submit_button("Gem kommentar"):
            try:
                record_goal_check_in(
                    loaders.engine(),
                    actor=actor,
                    goal_id=goal.id or 0,
                    period=period,
                    comment=comment,
                    override_status=status,
                    override_reason=reason,
                )
            except DomainError as error:
                st.error(f"Kommentaren er ikke gemt: {for_markdown(str(error))}")
                return
            flash.done("Kommentaren er gemt og skrevet i ændringsloggen.", area="goal_check_in")


def _history(version: int, goal_id: int) -> None:
    frame = load_goal_history(version, goal_id)
    with st.expander(f"Tidligere kommentarer ({len(frame)})"):
        if frame.empty:
            st.caption("Ingen kommentarer endnu.")
            return
        st.dataframe(
            pd.DataFrame(
                {
                    "Tidspunkt": [
                        fmt_datetime(pd.Timestamp(t).to_pydatetime()) for t in frame["at"]
                    ],
                    "Periode": frame["period"],
                    "Af": frame["username"],
                    "Kommentar": frame["comment"],
                    "Egen vurdering": [
                        "" if s is None or pd.isna(s) else status_mark(s)
                        for s in frame["override_status"]
                    ],
                    "Begrundelse": frame["override_reason"],
                }
            ),
            hide_index=True,
            key=f"goal_history_{goal_id}",
        )
