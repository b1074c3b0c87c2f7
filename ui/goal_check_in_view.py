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
from models.i18n import DANISH, N_, translate
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from models.tables import Goal
from models.vocabulary import status_label, status_mark, status_shape
from ui import flash, loaders
from ui.i18n import _, active_language, error_text
from ui.loaders import TTL_SECONDS

NO_OVERRIDE = N_("(ingen egen vurdering)")


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_goal_override(version: int, indicator: str, code: int | None) -> GoalOverride | None:
    """The project leader's own status for the goal, if any."""
    return goal_override(loaders.engine(), indicator=indicator, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_goal_history(version: int, goal_id: int) -> pd.DataFrame:
    """A goal's check-ins, newest first."""
    return goal_check_in_history(loaders.engine(), goal_id=goal_id)


def _mark(status: str | None, lang: str) -> str:
    """Shape and word ('● På rette vej') in the language (models.vocabulary.status_mark's)."""
    if lang == DANISH:
        return status_mark(status)
    return f"{status_shape(status)} {status_label(status, lang=lang)}"


def override_text(*, computed: str | None, override: str, reason: str, lang: str = DANISH) -> str:
    """models.check_ins.override_line in the language (the reason is the person's own words)."""
    if lang == DANISH:
        return override_line(computed=computed, override=override, reason=reason)
    return translate(
        lang, "Beregnet: {computed} · Projektlederens vurdering: {override} — »{reason}«"
    ).format(computed=_mark(computed, lang), override=_mark(override, lang), reason=reason)


def override_caption(
    version: int, *, indicator: str, code: int | None, computed: str | None
) -> None:
    """'Beregnet: … · Projektlederens vurdering: … — »…«' under a status, where there is one."""
    override = load_goal_override(version, indicator, code)
    if override is not None:
        st.caption(
            for_markdown(
                override_text(
                    computed=computed,
                    override=override.status,
                    reason=override.reason,
                    lang=active_language(),
                )
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
    lang = active_language()
    st.subheader(_("Kommentar og egen vurdering"))
    flash.show("goal_check_in")
    computed = computed_status(actor, version, goal)
    override = load_goal_override(version, goal.indicator, goal.scope_code)
    if override is None:
        st.markdown(_("Beregnet: {status}").format(status=_mark(computed, lang)))
    else:
        st.markdown(
            for_markdown(
                override_text(
                    computed=computed,
                    override=override.status,
                    reason=override.reason,
                    lang=lang,
                )
            )
        )
    if allows(actor, Action.EDIT_LOCAL_GOALS, Target(goal.scope_code, district)):
        _form(goal, actor=actor, current=override)
    _history(version, goal.id)


def _form(goal: Goal, *, actor: Actor, current: GoalOverride | None) -> None:
    choices: list[str | None] = [None, *OVERRIDE_CHOICES]
    lang = active_language()
    with st.form(f"goal_check_in_{goal.id}", enter_to_submit=False):
        period = st.text_input(
            _("Periode (kvartal som 2026-K3, eller en dato)"),
            value=quarter_label(date.today()),
            key=f"goal_period_{goal.id}",
        )
        comment = st.text_area(_("Kommentar"), max_chars=MAX_TEXT, key=f"goal_comment_{goal.id}")
        status = st.selectbox(
            _("Egen vurdering af status (beregnet status vises fortsat ved siden af)"),
            choices,
            index=choices.index(current.status) if current else 0,
            format_func=lambda s: _(NO_OVERRIDE) if s is None else _mark(s, lang),
            key=f"goal_override_{goal.id}",
        )
        reason = st.text_input(
            _("Begrundelse for egen vurdering (skal udfyldes)"),
            value=current.reason if current else "",
            max_chars=MAX_TEXT,
            key=f"goal_reason_{goal.id}",
        )
        if st.form_submit_button(_("Gem kommentar"), key=f"goal_check_in_save_{goal.id}"):
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
                st.error(
                    _("Kommentaren er ikke gemt: {reason}").format(
                        reason=for_markdown(error_text(error))
                    )
                )
                return
            flash.done(_("Kommentaren er gemt og skrevet i ændringsloggen."), area="goal_check_in")


def _history(version: int, goal_id: int) -> None:
    frame = load_goal_history(version, goal_id)
    lang = active_language()
    with st.expander(_("Tidligere kommentarer ({count})").format(count=len(frame))):
        if frame.empty:
            st.caption(_("Ingen kommentarer endnu."))
            return
        st.dataframe(
            pd.DataFrame(
                {
                    _("Tidspunkt"): [
                        fmt_datetime(pd.Timestamp(t).to_pydatetime(), lang=lang)
                        for t in frame["at"]
                    ],
                    _("Periode"): frame["period"],
                    _("Af"): frame["username"],
                    _("Kommentar"): frame["comment"],
                    _("Egen vurdering"): [
                        "" if s is None or pd.isna(s) else _mark(s, lang)
                        for s in frame["override_status"]
                    ],
                    _("Begrundelse"): frame["override_reason"],
                }
            ),
            hide_index=True,
            key=f"goal_history_{goal_id}",
        )
