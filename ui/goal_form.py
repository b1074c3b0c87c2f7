"""The Mål page's form: one goal, saved from the version the person saw.

On the run the person presses "Gem mål" the goal has already been read again, and it may have
moved since the form was drawn (another administrator saved). The form is then drawn from the goal
as it was shown (new defaults would reset the widgets and replace the person's numbers with the
stored ones) and saved with that version, so dataio refuses it with both values instead of
overwriting, or silently saving nothing. The outcome is shown on the next run, above the form,
which is then drawn from the goal as stored.
"""

import pandas as pd
import streamlit as st

from dataio.errors import ValidationFailed
from dataio.store.goals import (
    GoalChange,
    GoalConflict,
    create_helper_goal,
    municipal_goals,
    update_goal,
)
from models.formatting import fmt_decimal, fmt_int
from models.i18n import DANISH, N_, translate, translator
from models.neighbour_help import TARGET_UNIT_LABELS, TargetUnit
from models.numbers import NumberRefused, parse_decimal
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from models.tables import Goal
from models.vocabulary import status_label, status_mark, status_shape
from ui import flash, loaders
from ui.i18n import _, active_language, error_text
from ui.tables import goal_label, goal_target_text

SAVED = N_("Målet er gemt og skrevet i ændringsloggen.")
UNCHANGED = N_("Intet at gemme: målet er uændret.")
# models.neighbour_help.TARGET_UNIT_LABELS' words, marked here so that the form can show them in
# the page's language (the module that owns them does not mark them)
_UNIT_WORDS = (
    N_("antal aktive nabohjælpere"),
    N_("nye nabohjælpere ud over udgangspunktet"),
    N_("andel af husstandene"),
)


def unit_label(unit: str, *, lang: str = DANISH) -> str:
    """A helper target's unit in words ('antal aktive nabohjælpere'), in the language."""
    return translate(lang, TARGET_UNIT_LABELS[TargetUnit(unit)])


def goal_name(*, indicator: str, scope_name: str, lang: str = DANISH) -> str:
    """'Indbrud · Ishøj' in the language (ui.tables.goal_label); `scope_name` as given."""
    return goal_label(indicator=indicator, scope_name=scope_name, lang=lang)


def target_words(
    *,
    indicator: str,
    target: float | None,
    reduction: float | None,
    unit: str = "level",
    lang: str = DANISH,
) -> str:
    """What the target is, in words, in the language (ui.tables.goal_target_text)."""
    return goal_target_text(
        indicator=indicator, target=target, reduction=reduction, unit=unit, lang=lang
    )


def _mark(status: str | None, lang: str) -> str:
    if lang == DANISH:
        return status_mark(status)
    return f"{status_shape(status)} {status_label(status, lang=lang)}"


def unit_hint(indicator: str, unit: str, *, lang: str = DANISH) -> str:
    """What the number in the target field means."""
    _ = translator(lang)
    if indicator == "helpers":
        return _(" (nye nabohjælpere)") if unit == "increase" else _(" (aktive nabohjælpere)")
    return _(" (antal pr. år)")


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


def _number_text(value: float | None, *, share: bool) -> str:
    """A stored number as the person types it back: "10.000", "0,25" (Danish in every language:
    the field is read the Danish way, models.numbers.parse_decimal)."""
    if value is None:
        return ""
    return fmt_decimal(value, digits=2) if share else fmt_int(value)


def _parse(label: str, text: str) -> float | None:
    """A typed decimal the Danish way ("10.000", "0,25", "17,3"); empty: None. `label` is a
    marked Danish msgid, said in the page's language."""
    if not text.strip():
        return None
    try:
        return parse_decimal(text)
    except NumberRefused as refused:
        raise ValidationFailed(f"{_(label)}: {refused}") from refused


UNIT_CHOICES = [u.value for u in TargetUnit]
LEVEL, REDUCTION = N_("Niveau"), N_("Reduktion i %")  # the burglary and insecurity target kinds
CHOSEN_KEY = "goal_choice"  # the Mål page's goal picker


def goal_form(current: Goal, scope_name: str, actor: Actor) -> None:
    """Edit one goal: baseline, target (a level or a reduction), years, source note."""
    _show_outcome(current.id)
    goal = _shown_goal(current)
    helpers = goal.indicator == "helpers"
    lang = active_language()
    with st.form(f"goal_{goal.id}", enter_to_submit=False):
        st.subheader(goal_name(indicator=goal.indicator, scope_name=scope_name, lang=lang))
        st.caption(
            _("Nu: {target} i {year}").format(
                target=target_words(
                    indicator=goal.indicator,
                    target=goal.target,
                    reduction=goal.target_reduction,
                    unit=goal.target_unit,
                    lang=lang,
                ),
                year=goal.target_year,
            )
            + (_(" (standardmålår)") if goal.target_year_is_default else "")
        )
        left, right = st.columns(2)
        # no explicit keys: a widget drawn from a goal saved by someone else must take its new
        # value (a key would keep the old); a change of language only resets an unsaved edit
        baseline_year = left.number_input(_("Udgangsår"), 1990, 2100, goal.baseline_year, step=1)
        from_data = left.checkbox(
            _("Udgangspunkt fra data (udgangsårets tal)"),
            value=goal.baseline is None,
        )
        base_share = goal.indicator == "insecurity"
        # text, not st.number_input: a browser's number field reads "1.450" as 1,45
        baseline_text = left.text_input(
            _("Udgangspunkt (andel, fx 0,25)") if base_share else _("Udgangspunkt (antal)"),
            value=_number_text(goal.baseline, share=base_share),
        )
        unit = (
            right.selectbox(
                _("Måltype"),
                UNIT_CHOICES,
                index=UNIT_CHOICES.index(goal.target_unit),
                format_func=lambda u: unit_label(u, lang=lang),
                key=f"goal_unit_{goal.id}",
            )
            if helpers
            else "level"
        )
        # a helper target is a number or a share of households (the unit), never a reduction
        # the kinds' words as the options themselves (a format_func would hide them from tests)
        kinds = {_(LEVEL): LEVEL, _(REDUCTION): REDUCTION}
        kind = (
            LEVEL
            if helpers
            else kinds[
                str(
                    right.radio(
                        _("Måltype"),
                        list(kinds),
                        index=1 if goal.target_reduction is not None else 0,
                        horizontal=True,
                    )
                )
            ]
        )
        share = base_share or goal.target_unit == "household_share"
        target_text = right.text_input(
            _("Målniveau")
            + (
                _(" (andel, fx 0,10)")
                if share
                else unit_hint(goal.indicator, goal.target_unit, lang=lang)
            ),
            value=_number_text(goal.target, share=share),
        )
        reduction_text = (
            ""
            if helpers
            else right.text_input(
                _("Reduktion i %"),
                value=fmt_decimal((goal.target_reduction or 0) * 100, digits=1),
            )
        )
        target_year = right.number_input(_("Målår"), 1990, 2100, goal.target_year, step=1)
        note = st.text_area(_("Kilde og begrundelse"), value=goal.source_note)
        if st.form_submit_button(_("Gem mål"), key=f"goal_save_{goal.id}"):
            try:
                baseline = _parse(N_("Udgangspunktet"), baseline_text)
                target = _parse(N_("Målniveauet"), target_text)
                reduction = _parse(N_("Reduktionen"), reduction_text)
                change = GoalChange(
                    baseline=None if from_data else baseline,
                    baseline_year=int(baseline_year),
                    target=target if kind == LEVEL else None,
                    target_reduction=(reduction or 0) / 100 if kind != LEVEL else None,
                    target_year=int(target_year),
                    source_note=note,
                    target_unit=str(unit),
                )
                saved = update_goal(
                    loaders.engine(),
                    actor=actor,
                    goal_id=goal.id or 0,
                    change=change,
                    loaded_version=goal.row_version,
                )
            except (GoalConflict, ValidationFailed) as refused:
                outcome = ("error", error_text(refused))
            else:
                outcome = ("success", _(SAVED)) if saved.changed else ("info", _(UNCHANGED))
                if saved.changed:
                    loaders.after_write()
            st.session_state[f"goal_outcome_{goal.id}"] = outcome
            st.session_state.pop(f"goal_seen_{goal.id}", None)
            st.rerun()  # the form is drawn again from the goal as stored now


def helper_goal_form(actor: Actor, municipalities: dict[int, str], *, year: int) -> None:
    """Create a neighbour-helper goal for a municipality that has none (a level, new helpers or
    a share of the households), then show its status on the next run."""
    lang = active_language()
    with st.form("new_helper_goal", clear_on_submit=True):
        st.markdown("**" + _("Opret mål for nabohjælpere") + "**")
        code = st.selectbox(
            _("Kommune"),
            list(municipalities),
            format_func=lambda c: municipalities[c],
            key="helper_goal_code",
        )
        left, right = st.columns(2)
        unit = left.selectbox(
            _("Hvad måles"),
            UNIT_CHOICES,
            format_func=lambda u: unit_label(u, lang=lang),
            key="helper_goal_unit",
        )
        target_text = left.text_input(
            _("Mål (antal, nye hjælpere eller andel, fx 1.500 eller 0,10)"),
            key="helper_goal_target",
        )
        # labels of their own: the goal form below has "Udgangsår" and "Målår" too
        baseline_year = right.number_input(
            _("Udgangsår (tallet dette år er udgangspunktet)"),
            1990,
            2100,
            year - 1,
            step=1,
            key="helper_goal_baseline_year",
        )
        target_year = right.number_input(
            _("Målår for nabohjælpere"), 1990, 2100, year + 4, step=1, key="helper_goal_target_year"
        )
        note = st.text_input(_("Kilde og begrundelse"), key="helper_goal_note")
        if st.form_submit_button(
            _("Opret mål for nabohjælpere"), type="primary", key="helper_goal_create"
        ):
            try:
                target = _parse(N_("Målet"), target_text)
                created = create_helper_goal(
                    loaders.engine(),
                    actor=actor,
                    municipality_code=int(code),
                    change=GoalChange(
                        baseline=None,  # from the data: the baseline year's count
                        baseline_year=int(baseline_year),
                        target=target,
                        target_reduction=None,
                        target_year=int(target_year),
                        source_note=note.strip() or f"Mål oprettet af {actor.username}",
                        target_unit=str(unit),
                    ),
                )
            except ValidationFailed as refused:
                st.error(
                    _("Målet er ikke oprettet: {reason}").format(
                        reason=for_markdown(error_text(refused))
                    )
                )
                return
            st.session_state[CHOSEN_KEY] = created.id  # the new goal is shown, with its status
            overview = loaders.load_helper_overview(loaders.current_version(), actor, int(code))
            flash.done(
                _("Målet for nabohjælpere i {name} er oprettet. Status nu: {status}.").format(
                    name=municipalities[int(code)], status=_mark(overview.assessment.status, lang)
                )
            )


def helper_goal_candidates(actor: Actor, municipalities: pd.DataFrame) -> dict[int, str]:
    """The municipalities the actor may give a helper goal and that have none yet (code: name)."""
    have = set(municipal_goals(loaders.engine(), indicator="helpers"))
    return {
        int(m.code): str(m.name)
        for m in municipalities.itertuples()
        if int(m.code) not in have
        and allows(
            actor, Action.EDIT_HELPER_GOALS, Target(int(m.code), int(m.police_district_number))
        )
    }
