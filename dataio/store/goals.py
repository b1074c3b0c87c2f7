"""Goals as data: editing them is checked against the rule book, validated and audited."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import DomainError, NotFound, ValidationFailed
from models.domain import INDICATOR_LABELS, Indicator, ScopeKind
from models.formatting import fmt_datetime, fmt_int, fmt_percent
from models.i18n import M_, N_, Message
from models.neighbour_help import TARGET_UNIT_LABELS, TargetUnit
from models.numbers import MAX_COUNT
from models.permissions import Action, Actor, Target, allows, require
from models.tables import (
    Goal,
    Municipality,
)


@dataclass(frozen=True)
class GoalChange:
    """The editable fields of a goal, as entered."""

    baseline: float | None
    baseline_year: int
    target: float | None
    target_reduction: float | None
    target_year: int
    source_note: str
    target_unit: str = (
        "level"  # helpers: level, increase or household_share (models.neighbour_help)
    )


def validate_goal(change: GoalChange, *, indicator: str, national: bool) -> None:
    """Raise ValidationFailed naming the field when a goal cannot be drawn or assessed."""
    if national and change.baseline is None:
        # municipalities without a goal of their own inherit the national relative fall
        raise ValidationFailed(M_("Et nationalt mål skal have et udgangspunkt (fx 29.000 i 2017)"))
    if change.target_year <= change.baseline_year:
        raise ValidationFailed(
            M_(
                "Målåret ({target_year}) skal ligge efter udgangsåret ({baseline_year})",
                target_year=change.target_year,
                baseline_year=change.baseline_year,
            )
        )
    if not 1990 <= change.baseline_year <= 2100 or not 1990 <= change.target_year <= 2100:
        raise ValidationFailed(M_("Årstal skal ligge mellem 1990 og 2100"))
    if (change.target is None) == (change.target_reduction is None):
        raise ValidationFailed(
            M_("Angiv enten et målniveau eller en procentvis reduktion, ikke begge")
        )
    if change.target_reduction is not None and not 0 < change.target_reduction < 1:
        raise ValidationFailed(M_("Reduktionen skal ligge mellem 0 og 100 %"))
    if change.baseline is not None and change.baseline <= 0:
        raise ValidationFailed(M_("Udgangspunktet skal være større end 0"))
    if change.target is not None and change.target < 0:
        raise ValidationFailed(M_("Målniveauet kan ikke være negativt"))
    for label, value in (
        (N_("Udgangspunktet"), change.baseline),
        (N_("Målniveauet"), change.target),
    ):
        if value is not None and value > MAX_COUNT:
            raise ValidationFailed(
                M_(
                    "{label} er for stort (højst {limit})",
                    label=Message(label),
                    limit=fmt_int(MAX_COUNT),
                )
            )
    if indicator == Indicator.HELPERS and change.target_reduction is not None:
        raise ValidationFailed(
            M_(
                "Et mål for nabohjælpere er et antal eller en andel af husstandene, ikke en reduktion"
            )
        )
    if indicator == Indicator.INSECURITY and change.target is not None and change.target > 1:
        raise ValidationFailed(
            M_("Et mål for utryghed er en andel mellem 0 og 1 (fx 0,10 for 10 %)")
        )
    if indicator != Indicator.HELPERS and change.target_unit != TargetUnit.LEVEL:
        raise ValidationFailed(
            M_("Kun et mål for nabohjælpere kan angives som nye hjælpere eller andel")
        )
    if change.target_unit not in set(TargetUnit):
        raise ValidationFailed(M_("Ukendt måltype «{unit}»", unit=change.target_unit))
    if change.target_unit == TargetUnit.HOUSEHOLD_SHARE and (
        change.target is None or not 0 < change.target <= 1
    ):
        raise ValidationFailed(
            M_("En andel af husstandene er et tal mellem 0 og 1 (fx 0,10 for 10 %)")
        )


def _target_of(session: Session, goal: Goal) -> tuple[Action, Target, str]:
    if goal.scope_kind == ScopeKind.NATIONAL or goal.scope_code is None:
        return Action.EDIT_NATIONAL_GOALS, Target(), "hele landet"
    municipality = session.get(Municipality, goal.scope_code)
    district = municipality.police_district_number if municipality else None
    name = municipality.name if municipality else str(goal.scope_code)
    # the police may edit their district's helper goals: the helper goal has its own right
    action = (
        Action.EDIT_HELPER_GOALS if goal.indicator == Indicator.HELPERS else Action.EDIT_LOCAL_GOALS
    )
    return action, Target(goal.scope_code, district), name


GOAL_FIELD_LABELS = {
    "baseline": N_("udgangspunkt"),
    "baseline_year": N_("udgangsår"),
    "target": N_("målniveau"),
    "target_reduction": N_("reduktion"),
    "target_year": N_("målår"),
    "source_note": N_("kilde og begrundelse"),
    "target_unit": N_("måltype"),
}


@dataclass(frozen=True)
class GoalSaved:
    """What a save did: the goal as stored now, and whether anything changed."""

    goal: Goal
    changed: bool


class GoalConflict(DomainError):
    """Someone else saved the goal after the person loaded it: nothing is written, and the message
    names what is stored now beside what the person wanted."""

    def __init__(self, *, where: str, current: Goal, change: GoalChange) -> None:
        share = (
            current.indicator == Indicator.INSECURITY or current.target_unit == "household_share"
        )
        differences = [
            M_(
                "{label} er nu {now} (du ville gemme {wanted})",
                label=Message(label),
                now=_shown(key, getattr(current, key), share),
                wanted=_shown(key, getattr(change, key), share),
            )
            for key, label in GOAL_FIELD_LABELS.items()
            if not _same_value(getattr(current, key), getattr(change, key))
        ]
        # the differences joined: a template of their own fields ("{d0}; {d1}"), each rendered
        joined = Message("; ".join(f"{{d{i}}}" for i in range(len(differences))))
        joined = Message(joined.template, {f"d{i}": d for i, d in enumerate(differences)})
        super().__init__(
            M_(
                "Målet for {where} er ændret af {who} den {when}, efter du hentede det, så din "
                "ændring er ikke gemt: {differences}. Se det gemte mål og ret igen, hvis din "
                "ændring stadig skal med.",
                where=where,
                who=current.updated_by or M_("en anden"),
                when=fmt_datetime(current.updated_at),
                differences=joined,
            )
        )
        self.current, self.change = current, change


# models.domain.INDICATOR_LABELS' words, marked here for the refusals that name them
_INDICATOR_WORDS = (N_("indbrud"), N_("utryghed"), N_("nabohjælpere"))


def _shown(key: str, value: Any, share: bool) -> str | Message:
    """A goal field's value as the person reads it (a unit's words rendered in the language)."""
    if value is None:
        return M_("fra data") if key == "baseline" else "ingen"
    if key == "target_reduction":
        return fmt_percent(float(value), digits=1)
    if key in ("baseline", "target"):
        number = float(value)
        return fmt_percent(number, digits=1) if share else fmt_int(number)
    if key == "source_note":
        return f"«{value}»"
    if key == "target_unit":
        unit = TARGET_UNIT_LABELS.get(TargetUnit(str(value)))
        return str(value) if unit is None else Message(unit)
    return str(value)


def _same_value(stored: object, wanted: object) -> bool:
    if isinstance(stored, float | int) and isinstance(wanted, float | int):
        return math.isclose(stored, wanted, rel_tol=1e-9, abs_tol=1e-12)
    return stored == wanted


def unchanged(goal: Goal, change: GoalChange) -> bool:
    """Whether saving the change would leave the goal as it is."""
    return all(_same_value(getattr(goal, key), value) for key, value in vars(change).items())


class _Unchanged(Exception):
    """Raised inside the transaction so that a save without changes writes nothing at all."""


def update_goal(
    engine: Engine, *, actor: Actor, goal_id: int, change: GoalChange, loaded_version: int
) -> GoalSaved:
    """Change a goal; refused unless the actor may, validated, audited in the same transaction.

    `loaded_version` is the goal's row_version the person saw: if it moved since, GoalConflict
    (nothing written). A change that changes nothing writes nothing, not even an audit row."""
    try:
        with transaction(engine) as session:
            goal = session.get(Goal, goal_id)
            if goal is None:
                raise NotFound(M_("Ukendt mål: {goal_id}", goal_id=goal_id))
            action, target, where = _target_of(session, goal)
            require(actor, action, target, where=where)
            validate_goal(
                change, indicator=goal.indicator, national=action is Action.EDIT_NATIONAL_GOALS
            )
            if unchanged(goal, change):
                raise _Unchanged
            before: dict[str, Any] = goal.model_dump()
            values: dict[str, Any] = {
                **vars(change),
                "updated_at": datetime.now(UTC),
                "updated_by": actor.username,
            }
            if change.target_year != goal.target_year:
                values["target_year_is_default"] = False  # now someone's decision, not our default
            if goal.row_version != loaded_version or not write_if_unchanged(
                session, Goal, key=goal_id, loaded_version=loaded_version, values=values
            ):
                current = session.get(Goal, goal_id, populate_existing=True)
                assert current is not None
                if unchanged(current, change):
                    raise _Unchanged  # someone else saved just this meanwhile
                raise GoalConflict(where=where, current=current, change=change)
            session.refresh(goal)
            audit.record(
                session,
                actor=actor,
                action="goal.update",
                entity="goal",
                entity_key=str(goal_id),
                summary=f"Mål for {where} ({INDICATOR_LABELS[Indicator(goal.indicator)]}) ændret",
                before=before,
                after=goal.model_dump(),
                municipality_code=target.municipality_code,
                police_district_number=target.police_district_number,
            )
            return GoalSaved(goal, changed=True)
    except _Unchanged:
        with Session(engine, expire_on_commit=False) as session:
            goal = session.get(Goal, goal_id)
            assert goal is not None
            session.expunge(goal)
        return GoalSaved(goal, changed=False)


def goals_for_editing(engine: Engine, *, actor: Actor) -> list[Goal]:
    """The goals the actor may edit (administrators: all)."""
    with Session(engine) as session:
        goals = list(
            session.exec(
                # national goals first, the same on SQLite and PostgreSQL (NULLs sort differently)
                select(Goal).order_by(
                    col(Goal.scope_code).is_not(None), col(Goal.scope_code), col(Goal.indicator)
                )
            ).all()
        )
        editable = []
        for goal in goals:
            action, target, _ = _target_of(session, goal)
            if allows(actor, action, target):
                editable.append(goal)
        session.expunge_all()
        return editable


def create_local_goal(
    engine: Engine, *, actor: Actor, municipality_code: int, indicator: str = Indicator.BURGLARIES
) -> Goal:
    """A municipality's own goal, starting from the national goal's relative fall; then edit it."""
    with transaction(engine) as session:
        municipality = session.get(Municipality, municipality_code)
        if municipality is None:
            raise NotFound(M_("Ukendt kommunekode: {code}", code=municipality_code))
        target = Target(municipality_code, municipality.police_district_number)
        require(actor, Action.EDIT_LOCAL_GOALS, target, where=municipality.name)
        exists = session.exec(
            select(Goal).where(Goal.scope_code == municipality_code, Goal.indicator == indicator)
        ).first()
        if exists is not None:
            raise ValidationFailed(
                M_(
                    "{name} har allerede et mål for {indicator}",
                    name=municipality.name,
                    indicator=Message(INDICATOR_LABELS[Indicator(indicator)]),
                )
            )
        national = session.exec(
            select(Goal).where(col(Goal.scope_code).is_(None), Goal.indicator == indicator)
        ).first()
        if national is None or not national.baseline or national.target is None:
            raise ValidationFailed(M_("Der er intet nationalt mål at tage udgangspunkt i"))
        goal = Goal(
            scope_kind=ScopeKind.MUNICIPALITY,
            scope_code=municipality_code,
            indicator=indicator,
            baseline=None,
            baseline_year=national.baseline_year,
            target=None,
            target_reduction=round(1 - national.target / national.baseline, 4),
            target_year=national.target_year,
            source_note=f"Lokalt mål oprettet af {actor.username}",
            updated_at=datetime.now(UTC),
            updated_by=actor.username,
        )
        session.add(goal)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="goal.create",
            entity="goal",
            entity_key=str(goal.id),
            summary=f"Lokalt mål for {municipality.name} ({INDICATOR_LABELS[Indicator(indicator)]}) oprettet",
            before=None,
            after=goal.model_dump(),
            municipality_code=municipality_code,
            police_district_number=municipality.police_district_number,
        )
        return goal


def create_helper_goal(
    engine: Engine, *, actor: Actor, municipality_code: int, change: GoalChange
) -> Goal:
    """A municipality's neighbour-helper goal (a level, new helpers or a share of households);
    the project leader's and the district police's, validated and audited."""
    with transaction(engine) as session:
        municipality = session.get(Municipality, municipality_code)
        if municipality is None:
            raise NotFound(M_("Ukendt kommunekode: {code}", code=municipality_code))
        target = Target(municipality_code, municipality.police_district_number)
        require(actor, Action.EDIT_HELPER_GOALS, target, where=municipality.name)
        validate_goal(change, indicator=Indicator.HELPERS, national=False)
        if change.target is None:
            raise ValidationFailed(M_("Angiv målet for nabohjælpere"))
        exists = session.exec(
            select(Goal).where(
                Goal.scope_code == municipality_code, Goal.indicator == Indicator.HELPERS
            )
        ).first()
        if exists is not None:
            raise ValidationFailed(
                M_("{name} har allerede et mål for nabohjælpere", name=municipality.name)
            )
        goal = Goal(
            scope_kind=ScopeKind.MUNICIPALITY,
            scope_code=municipality_code,
            indicator=Indicator.HELPERS,
            **vars(change),
            updated_at=datetime.now(UTC),
            updated_by=actor.username,
        )
        session.add(goal)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="goal.create",
            entity="goal",
            entity_key=str(goal.id),
            summary=f"Mål for nabohjælpere i {municipality.name} oprettet",
            before=None,
            after=goal.model_dump(),
            municipality_code=municipality_code,
            police_district_number=municipality.police_district_number,
        )
        return goal


def goal_table(con: Connectable) -> pd.DataFrame:
    """All goals as stored."""
    return read_frame(con, select(Goal))


def find_goal(con: Connectable, *, indicator: str, code: int | None) -> Goal | None:
    """The goal for a scope (national when code is None), as a detached Goal object."""
    query = select(Goal).where(col(Goal.indicator) == indicator)
    query = (
        query.where(col(Goal.scope_code) == code)
        if code is not None
        else query.where(col(Goal.scope_code).is_(None))
    )
    if isinstance(con, Session):
        return con.execute(query).scalars().first()
    with Session(con) as session:
        row = session.execute(query).scalars().first()
        if row is not None:
            session.expunge(row)
        return row


def municipal_goals(con: Connectable, *, indicator: str) -> dict[int, Goal]:
    """Every municipality's own goal for an indicator, by municipality code (detached objects)."""
    query = select(Goal).where(col(Goal.indicator) == indicator, col(Goal.scope_code).is_not(None))
    if isinstance(con, Session):
        return {g.scope_code: g for g in con.execute(query).scalars()}
    with Session(con) as session:
        goals = list(session.execute(query).scalars())
        session.expunge_all()
    return {g.scope_code: g for g in goals}
