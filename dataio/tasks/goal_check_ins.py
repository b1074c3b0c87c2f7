"""Goal check-ins: the project leader's comment on a goal for a period and, with a written
reason, their own status for it; pages show it beside the computed status (never instead)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import NotFound, ValidationFailed
from dataio.store.goals import find_goal
from models.change_text import goal_check_in_summary
from models.check_ins import OVERRIDE_CHOICES, clean_period
from models.domain import INDICATOR_LABELS, Indicator, ScopeKind
from models.i18n import M_
from models.permissions import Action, Actor, Target, require
from models.tables import Goal, GoalCheckIn, Municipality

MAX_TEXT = 500


@dataclass(frozen=True)
class GoalOverride:
    """The project leader's status for a goal, with why, for which period, by whom and when."""

    status: str
    reason: str
    period: str
    comment: str
    username: str
    at: datetime


def _where(session: Session, goal: Goal) -> tuple[Action, Target, str]:
    """National goals are the administrator's; a municipality's are its project leader's."""
    if goal.scope_kind == ScopeKind.NATIONAL or goal.scope_code is None:
        return Action.EDIT_NATIONAL_GOALS, Target(), "hele landet"
    municipality = session.get(Municipality, goal.scope_code)
    if municipality is None:
        raise NotFound(M_("Ukendt kommunekode: {code}", code=goal.scope_code))
    target = Target(goal.scope_code, municipality.police_district_number)
    return Action.EDIT_LOCAL_GOALS, target, municipality.name


def _validate(*, period: str, comment: str, override_status: str | None, reason: str) -> str:
    cleaned = clean_period(period)
    if cleaned is None:
        raise ValidationFailed(
            M_(
                "Perioden »{period}« er hverken et kvartal (fx 2026-K3) eller en dato (fx 2026-11-23)",
                period=period,
            )
        )
    if len(comment) > MAX_TEXT or len(reason) > MAX_TEXT:
        raise ValidationFailed(
            M_("Kommentar og begrundelse må højst være {count} tegn", count=MAX_TEXT)
        )
    if override_status is not None and override_status not in OVERRIDE_CHOICES:
        raise ValidationFailed(M_("Ukendt status: {value}", value=repr(override_status)))
    if override_status is not None and not reason:
        raise ValidationFailed(
            M_("En egen vurdering af status skal have en skriftlig begrundelse: skriv, hvorfor")
        )
    if override_status is None and not comment:
        raise ValidationFailed(M_("Skriv en kommentar eller en egen vurdering af status"))
    return cleaned


def record_goal_check_in(
    engine: Engine,
    *,
    actor: Actor,
    goal_id: int,
    period: str,
    comment: str = "",
    override_status: str | None = None,
    override_reason: str = "",
    now: datetime | None = None,
) -> None:
    """Record a comment for a period, and perhaps an own status with its reason; audited."""
    comment, override_reason = comment.strip(), override_reason.strip()
    cleaned = _validate(
        period=period, comment=comment, override_status=override_status, reason=override_reason
    )
    with transaction(engine) as session:
        goal = session.get(Goal, goal_id)
        if goal is None:
            raise NotFound(M_("Målet findes ikke længere; hent siden igen"))
        action, target, name = _where(session, goal)
        require(actor, action, target, where=name)
        values = {
            "period": cleaned,
            "comment": comment,
            "override_status": override_status,
            "override_reason": override_reason if override_status else "",
        }
        session.add(
            GoalCheckIn(
                goal_id=goal_id,
                period=cleaned,
                comment=comment,
                override_status=override_status,
                override_reason=override_reason if override_status else "",
                username=actor.username,
                at=now or datetime.now(UTC),
            )
        )
        label = INDICATOR_LABELS[Indicator(goal.indicator)]
        audit.record(
            session,
            actor=actor,
            action="goal.check_in",
            entity="goal",
            entity_key=str(goal_id),
            summary=goal_check_in_summary(
                goal=f"målet for {name} ({label})",
                period=cleaned,
                comment=comment,
                override_status=override_status,
                reason=override_reason,
            ),
            before=None,
            after=values,
            municipality_code=target.municipality_code,
            police_district_number=target.police_district_number,
        )


def _latest(con: Connectable, goal_id: int) -> GoalCheckIn | None:
    statement = (
        select(GoalCheckIn)
        .where(col(GoalCheckIn.goal_id) == goal_id)
        .order_by(col(GoalCheckIn.at).desc(), col(GoalCheckIn.id).desc())
    )
    if isinstance(con, Session):
        return con.exec(statement).first()
    with Session(con) as session:
        found = session.exec(statement).first()
        if found is not None:
            session.expunge(found)
        return found


def goal_override(con: Connectable, *, indicator: str, code: int | None) -> GoalOverride | None:
    """The project leader's status for the goal (its own goal's: an inherited goal has none),
    from the newest check-in; None when that check-in carries no own status."""
    goal = find_goal(con, indicator=indicator, code=code)
    if goal is None or goal.id is None or (code is not None and goal.scope_code != code):
        return None
    latest = _latest(con, goal.id)
    if latest is None or latest.override_status is None:
        return None
    return GoalOverride(
        status=latest.override_status,
        reason=latest.override_reason,
        period=latest.period,
        comment=latest.comment,
        username=latest.username,
        at=latest.at,
    )


def goal_check_in_history(con: Connectable, *, goal_id: int) -> pd.DataFrame:
    """A goal's check-ins, newest first (public like the goal and its status)."""
    statement = (
        select(GoalCheckIn)
        .where(col(GoalCheckIn.goal_id) == goal_id)
        .order_by(col(GoalCheckIn.at).desc(), col(GoalCheckIn.id).desc())
    )
    return read_frame(con, statement)


def override_document(override: GoalOverride | None) -> dict[str, str] | None:
    """The 'override' key of the status JSON (None: no key)."""
    if override is None:
        return None
    return {
        "status": override.status,
        "reason": override.reason,
        "period": override.period,
        "by": override.username,
        "at": override.at.isoformat(),
    }
