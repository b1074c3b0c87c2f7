"""The survey rounds' schedule: the next round planned every second year, its dates and counts.

The project leader of the municipality (and the administrator) plans a round and records, as it
runs, the invitations sent, the responses and the reminders; the police of its district and the
council read. A save carries the version the person loaded and is refused, in Danish, when someone
else saved the round in the meantime (dataio.db.versioned).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func
from sqlalchemy import select as select_columns
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from models.formatting import fmt_date
from models.i18n import M_
from models.permissions import Action, Actor, require
from models.survey_schedule import (
    RoundDates,
    ScheduleStatus,
    next_round_dates,
    response_rate,
    schedule_problem_message,
)
from models.tables import SurveyRound, SurveySchedule

# the fields of a round's schedule, as the change log shows them
SCHEDULE_FIELDS = (
    "year",
    "invitation_date",
    "reminder_dates",
    "close_date",
    "status",
    "invitations",
    "responses",
    "reminders_sent_on",
)


@dataclass(frozen=True)
class ScheduleInput:
    """What the schedule form sends."""

    year: int
    invitation_date: date | None
    close_date: date | None
    reminder_dates: tuple[date, ...] = ()
    status: str = ScheduleStatus.PLANNED.value
    invitations: int | None = None
    responses: int | None = None
    reminders_sent_on: tuple[date, ...] = ()


def dates_text(days: Sequence[date]) -> str:
    """Dates as stored: ISO, sorted, separated by commas."""
    return ",".join(day.isoformat() for day in sorted(days))


def parse_dates(text: str | None) -> tuple[date, ...]:
    """The stored dates back."""
    if not text:
        return ()
    return tuple(date.fromisoformat(part.strip()) for part in text.split(",") if part.strip())


def schedules(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's scheduled rounds, newest first, with the response rate where counted."""
    require_read(con, viewer=viewer, municipality_code=code)
    frame = read_frame(
        con,
        select_columns(
            col(SurveySchedule.id),
            col(SurveySchedule.year),
            col(SurveySchedule.invitation_date),
            col(SurveySchedule.reminder_dates),
            col(SurveySchedule.close_date),
            col(SurveySchedule.status),
            col(SurveySchedule.invitations),
            col(SurveySchedule.responses),
            col(SurveySchedule.reminders_sent_on),
            col(SurveySchedule.changed_by),
            col(SurveySchedule.changed_at),
            col(SurveySchedule.row_version),
        )
        .where(col(SurveySchedule.municipality_code) == code)
        .order_by(col(SurveySchedule.year).desc()),
    )
    frame["reminders_sent"] = [len(parse_dates(text)) for text in frame["reminders_sent_on"]]
    frame["response_rate"] = [
        response_rate(int(r), int(i))
        if pd.notna(r) and pd.notna(i) and int(i) > 0 and int(r) <= int(i)
        else None
        for r, i in zip(frame["responses"], frame["invitations"], strict=True)
    ]
    return frame


def response_rates(con: Connectable, *, viewer: Actor, code: int) -> dict[int, tuple[int, int]]:
    """Year -> (responses, invitations) of the rounds whose schedule has both counts."""
    frame = schedules(con, viewer=viewer, code=code)
    counted = frame[frame["response_rate"].notna()]
    return {
        int(row.year): (int(row.responses), int(row.invitations)) for row in counted.itertuples()
    }


def next_round(con: Connectable, *, viewer: Actor, code: int, today: date) -> RoundDates:
    """The default dates of the next round: two years after the latest round held or planned."""
    require_read(con, viewer=viewer, municipality_code=code)
    held = read_frame(
        con,
        select_columns(func.max(col(SurveyRound.year)).label("year")).where(
            col(SurveyRound.municipality_code) == code
        ),
    )
    planned = read_frame(
        con,
        select_columns(col(SurveySchedule.year), col(SurveySchedule.invitation_date))
        .where(col(SurveySchedule.municipality_code) == code)
        .order_by(col(SurveySchedule.year).desc())
        .limit(1),
    )
    last_held = held["year"].iloc[0] if not held.empty else None
    years = [int(last_held)] if last_held is not None and pd.notna(last_held) else []
    last_invitation = None
    if not planned.empty:
        years.append(int(planned["year"].iloc[0]))
        if int(planned["year"].iloc[0]) == max(years):
            last_invitation = pd.Timestamp(planned["invitation_date"].iloc[0]).date()
    return next_round_dates(
        last_year=max(years) if years else None, today=today, last_invitation=last_invitation
    )


def _check(values: ScheduleInput) -> None:
    problem = schedule_problem_message(
        year=values.year,
        invitation=values.invitation_date,
        reminders=values.reminder_dates,
        close=values.close_date,
        status=values.status,
        invitations=values.invitations,
        responses=values.responses,
        reminders_sent=values.reminders_sent_on,
    )
    if problem is not None:
        raise ValidationFailed(problem)


def _stored(values: ScheduleInput) -> dict[str, Any]:
    return {
        "year": values.year,
        "invitation_date": values.invitation_date,
        "reminder_dates": dates_text(values.reminder_dates),
        "close_date": values.close_date,
        "status": values.status,
        "invitations": values.invitations,
        "responses": values.responses,
        "reminders_sent_on": dates_text(values.reminders_sent_on),
    }


def _snapshot(row: SurveySchedule) -> dict[str, Any]:
    return {field: getattr(row, field) for field in SCHEDULE_FIELDS}


def create_schedule(engine: Engine, *, actor: Actor, code: int, values: ScheduleInput) -> int:
    """Plan a round of the municipality's survey; returns its id."""
    with transaction(engine) as session:
        target, name = municipality_target(session, code)
        require(actor, Action.EDIT_SURVEYS, target, where=name)
        _check(values)
        taken = session.exec(
            select(SurveySchedule.id).where(
                SurveySchedule.municipality_code == code, SurveySchedule.year == values.year
            )
        ).first()
        if taken is not None:
            raise ValidationFailed(
                M_(
                    "{name} har allerede en planlagt måling i {year}: ret den i stedet",
                    name=name,
                    year=values.year,
                )
            )
        now = datetime.now(UTC)
        row = SurveySchedule(
            municipality_code=code,
            **_stored(values),
            created_by=actor.username,
            changed_by=actor.username,
            changed_at=now,
        )
        session.add(row)
        try:
            session.flush()
        except IntegrityError:  # a rival planned the same year between our read and our insert
            raise ValidationFailed(
                M_(
                    "{name} har netop fået en planlagt måling i {year} af en anden; "
                    "hent siden igen",
                    name=name,
                    year=values.year,
                )
            ) from None
        assert values.invitation_date is not None
        audit.record(
            session,
            actor=actor,
            action="survey_schedule.create",
            entity="survey_schedule",
            entity_key=str(row.id),
            summary=(
                f"Tryghedsmåling {values.year} planlagt: invitation "
                f"{values.invitation_date.isoformat()}"
            ),
            before=None,
            after=_snapshot(row),
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return row.id or 0


def _load(session: Session, schedule_id: int) -> SurveySchedule:
    row = session.get(SurveySchedule, schedule_id)
    if row is None:
        raise NotFound(M_("Ukendt planlagt måling: {id}", id=schedule_id))
    return row


def update_schedule(
    engine: Engine,
    *,
    actor: Actor,
    schedule_id: int,
    loaded_version: int,
    values: ScheduleInput,
) -> bool:
    """Change a round's dates, status or counts; False when nothing changed (nothing written).

    Refused (in Danish) when someone else saved the round after it was loaded."""
    with transaction(engine) as session:
        row = _load(session, schedule_id)
        target, name = municipality_target(session, row.municipality_code)
        require(actor, Action.EDIT_SURVEYS, target, where=name)
        _check(values)
        if values.year != row.year:
            raise ValidationFailed(M_("Året for en planlagt måling kan ikke ændres"))
        before = _snapshot(row)
        after = {**before, **_stored(values)}
        if row.row_version == loaded_version and after == before:
            return False
        if row.row_version != loaded_version or not write_if_unchanged(
            session,
            SurveySchedule,
            key=schedule_id,
            loaded_version=loaded_version,
            values={
                **_stored(values),
                "changed_by": actor.username,
                "changed_at": datetime.now(UTC),
            },
        ):
            session.refresh(row)
            raise ValidationFailed(
                M_(
                    "Målingen {year} er ændret af {by} ({day}) efter du hentede siden; hent "
                    "siden igen",
                    year=row.year,
                    by=row.changed_by,
                    day=fmt_date(row.changed_at),
                )
            )
        changed = {k: v for k, v in after.items() if before[k] != v}
        audit.record(
            session,
            actor=actor,
            action="survey_schedule.update",
            entity="survey_schedule",
            entity_key=str(schedule_id),
            summary=f"Tryghedsmåling {row.year} ændret",
            before={k: before[k] for k in changed},
            after=changed,
            municipality_code=row.municipality_code,
            police_district_number=target.police_district_number,
        )
        return True
