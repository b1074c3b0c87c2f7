"""Safety walks (tryghedsvandringer) and their follow-ups, which must not get lost; and what the
partnership did as dated events for the Kommune page's quarter chart (`action_events`: plan
items marked done, on the day they were last changed, safety walks and recruitment activities,
scoped like the reads they are made of)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, case, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from dataio.store.action_plans import plan_items
from dataio.store.neighbour_help import activities
from models.actionplan import ItemStatus, Organisation, Track
from models.i18n import M_
from models.neighbour_help import ActivityKind
from models.overlay import ActionEvent
from models.permissions import Action, Actor, require
from models.tables import ActionItem, ActionPlan, SafetyWalk, WalkObservation

OBSERVATION_STATUSES = ("åben", "i gang", "lukket")
CLOSED = "lukket"


@dataclass(frozen=True)
class NewObservation:
    """A row of the guide's registration table."""

    description: str
    responsible: str = ""
    follow_up: str = ""


def add_walk(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    walk_date: date,
    area: str,
    participants: str = "",
    lat: float | None = None,
    lon: float | None = None,
    observations: list[NewObservation] | None = None,
) -> int:
    """Register a walk and its observations (numbered 1, 2, ...); returns the walk's id."""
    with transaction(engine) as session:
        return insert_walk(
            session,
            actor=actor,
            municipality_code=municipality_code,
            walk_date=walk_date,
            area=area,
            participants=participants,
            lat=lat,
            lon=lon,
            observations=observations,
        )


def insert_walk(
    session: Session,
    *,
    actor: Actor,
    municipality_code: int,
    walk_date: date,
    area: str,
    participants: str = "",
    lat: float | None = None,
    lon: float | None = None,
    observations: list[NewObservation] | None = None,
) -> int:
    """`add_walk` inside a transaction the caller holds; returns the walk's id."""
    if not area.strip():
        raise ValidationFailed(M_("Angiv området for vandringen"))
    if (lat is None) != (lon is None) or (
        lat is not None and not (54 <= lat <= 58 and 8 <= (lon or 0) <= 16)
    ):
        raise ValidationFailed(
            M_("Position: angiv både breddegrad (54-58) og længdegrad (8-16), eller ingen")
        )
    now = datetime.now(UTC)
    target, name = municipality_target(session, municipality_code)
    require(actor, Action.EDIT_SAFETY_WALKS, target, where=name)
    walk = SafetyWalk(
        municipality_code=municipality_code,
        walk_date=walk_date,
        area=area.strip(),
        participants=participants,
        lat=lat,
        lon=lon,
        changed_by=actor.username,
        changed_at=now,
    )
    session.add(walk)
    session.flush()
    for number, observation in enumerate(observations or [], start=1):
        if not observation.description.strip():
            raise ValidationFailed(
                M_("Observation {number}: beskrivelsen må ikke være tom", number=number)
            )
        session.add(
            WalkObservation(
                walk_id=walk.id or 0,
                number=number,
                description=observation.description.strip(),
                responsible=observation.responsible,
                follow_up=observation.follow_up,
                changed_by=actor.username,
                changed_at=now,
            )
        )
    audit.record(
        session,
        actor=actor,
        action="safety_walk.create",
        entity="safety_walk",
        entity_key=str(walk.id),
        summary=f"Tryghedsvandring i {walk.area} ({walk_date.isoformat()}) registreret med {len(observations or [])} observationer",
        before=None,
        after={"area": walk.area, "walk_date": walk_date},
        municipality_code=municipality_code,
        police_district_number=target.police_district_number,
    )
    return walk.id or 0


def set_observation_status(
    engine: Engine,
    *,
    actor: Actor,
    observation_id: int,
    loaded_version: int,
    status: str,
    follow_up: str | None = None,
    note: str = "",
) -> None:
    """Move a follow-up along (close it, reopen it: with a note saying why); refused if someone
    else changed it since it was loaded."""
    if status not in OBSERVATION_STATUSES:
        raise ValidationFailed(
            M_(
                "Status skal være {choices} (fik {value})",
                choices=", ".join(OBSERVATION_STATUSES),
                value=repr(status),
            )
        )
    with transaction(engine) as session:
        observation, walk = _observation(session, observation_id)
        target, name = municipality_target(session, walk.municipality_code)
        require(actor, Action.EDIT_SAFETY_WALKS, target, where=name)
        closing, reopening = (
            status == CLOSED and observation.status != CLOSED,
            status != CLOSED and observation.status == CLOSED,
        )
        if (
            (closing or reopening)
            and not note.strip()
            and observation.row_version == loaded_version
        ):
            raise ValidationFailed(
                M_("Skriv en note om, hvorfor opfølgningen lukkes")
                if closing
                else M_("Skriv en note om, hvorfor opfølgningen genåbnes")
            )
        before = {
            "status": observation.status,
            "follow_up": observation.follow_up,
            "status_note": observation.status_note,
        }
        values = {
            "status": status,
            "follow_up": observation.follow_up if follow_up is None else follow_up,
            "status_note": note.strip() or observation.status_note,
            "changed_by": actor.username,
            "changed_at": datetime.now(UTC),
        }
        if observation.row_version != loaded_version or not write_if_unchanged(
            session,
            WalkObservation,
            key=observation_id,
            loaded_version=loaded_version,
            values=values,
        ):
            session.refresh(observation)
            raise ValidationFailed(
                M_(
                    "Observation {number} fra {area} er ændret af {who} i mellemtiden; hent siden igen",
                    number=observation.number,
                    area=walk.area,
                    who=observation.changed_by,
                )
            )
        session.refresh(observation)
        audit.record(
            session,
            actor=actor,
            action="walk_observation.update",
            entity="walk_observation",
            entity_key=str(observation_id),
            summary=f"Opfølgning {observation.number} fra {walk.area}: "
            + ("lukket" if closing else "genåbnet" if reopening else status)
            + (f" ({note.strip()})" if note.strip() else ""),
            before=before,
            after={
                "status": status,
                "follow_up": observation.follow_up,
                "status_note": observation.status_note,
            },
            municipality_code=walk.municipality_code,
            police_district_number=target.police_district_number,
        )


def _observation(session: Session, observation_id: int) -> tuple[WalkObservation, SafetyWalk]:
    observation = session.get(WalkObservation, observation_id)
    walk = session.get(SafetyWalk, observation.walk_id) if observation else None
    if observation is None or walk is None:
        raise NotFound(M_("Ukendt observation: {id}", id=observation_id))
    return observation, walk


def follow_up_to_item(engine: Engine, *, actor: Actor, observation_id: int) -> int:
    """Turn an open follow-up into an action-plan item (Spor 1, Tryghedsvandring) linked to it."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        observation, walk = _observation(session, observation_id)
        target, name = municipality_target(session, walk.municipality_code)
        require(actor, Action.EDIT_ACTION_PLAN, target, where=name)
        if session.get(ActionPlan, walk.municipality_code) is None:
            raise ValidationFailed(
                M_("{name} har ingen handlingsplan endnu: opret den først", name=name)
            )
        if observation.action_item_id is not None:
            raise ValidationFailed(
                M_(
                    "Observation {number} fra {area} er allerede i handlingsplanen",
                    number=observation.number,
                    area=walk.area,
                )
            )
        position = len(
            session.exec(
                select(ActionItem.id).where(ActionItem.municipality_code == walk.municipality_code)
            ).all()
        )
        item = ActionItem(
            municipality_code=walk.municipality_code,
            position=position,
            track=Track.CITIZENS,
            activity_group="Tryghedsvandring",
            title=f"Opfølgning ({walk.area}): {observation.description}"[:200],
            owner_name=observation.responsible,
            organisation=Organisation.JOINT,
            status=ItemStatus.NOT_STARTED,
            goal="insecurity",
            notes=observation.follow_up,
            changed_by=actor.username,
            changed_at=now,
        )
        session.add(item)
        session.flush()
        # only if nobody changed the follow-up since it was read (nor put it in the plan already)
        if not write_if_unchanged(
            session,
            WalkObservation,
            key=observation_id,
            loaded_version=observation.row_version,
            values={
                "action_item_id": item.id,
                "status": "i gang",
                "changed_by": actor.username,
                "changed_at": now,
            },
        ):
            raise ValidationFailed(
                M_(
                    "Observation {number} fra {area} er ændret i mellemtiden; hent siden igen",
                    number=observation.number,
                    area=walk.area,
                )
            )
        audit.record(
            session,
            actor=actor,
            action="action_item.create",
            entity="action_item",
            entity_key=str(item.id),
            summary=f"Opfølgning fra tryghedsvandring i {walk.area} sat i handlingsplanen",
            before=None,
            after={"title": item.title},
            municipality_code=walk.municipality_code,
            police_district_number=target.police_district_number,
        )
        return item.id or 0


def open_follow_ups(con: Connectable, *, viewer: Actor, municipality_code: int) -> pd.DataFrame:
    """Every follow-up not yet closed, oldest walk first."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    statement = (
        select_columns(
            col(WalkObservation.id),
            col(WalkObservation.number),
            col(WalkObservation.description),
            col(WalkObservation.responsible),
            col(WalkObservation.follow_up),
            col(WalkObservation.status),
            col(WalkObservation.action_item_id),
            col(WalkObservation.row_version),
            col(SafetyWalk.walk_date),
            col(SafetyWalk.area),
        )
        .join(SafetyWalk, col(SafetyWalk.id) == col(WalkObservation.walk_id))
        .where(
            col(SafetyWalk.municipality_code) == municipality_code,
            col(WalkObservation.status) != "lukket",
        )
        .order_by(col(SafetyWalk.walk_date), col(WalkObservation.number))
    )
    return read_frame(con, statement)


def closed_follow_ups(
    con: Connectable, *, viewer: Actor, municipality_code: int, limit: int = 50
) -> pd.DataFrame:
    """The follow-ups closed most recently (to reopen one), with the note, who and when."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    statement = (
        select_columns(
            col(WalkObservation.id),
            col(WalkObservation.number),
            col(WalkObservation.description),
            col(WalkObservation.status_note),
            col(WalkObservation.changed_by),
            col(WalkObservation.changed_at),
            col(WalkObservation.row_version),
            col(SafetyWalk.walk_date),
            col(SafetyWalk.area),
        )
        .join(SafetyWalk, col(SafetyWalk.id) == col(WalkObservation.walk_id))
        .where(
            col(SafetyWalk.municipality_code) == municipality_code,
            col(WalkObservation.status) == CLOSED,
        )
        .order_by(col(WalkObservation.changed_at).desc(), col(WalkObservation.id).desc())
        .limit(limit)
    )
    return read_frame(con, statement)


def walk_table(con: Connectable, *, viewer: Actor, municipality_code: int) -> pd.DataFrame:
    """The municipality's walks with their number of open follow-ups (for the map and list)."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    open_count = func.sum(case((col(WalkObservation.status) != "lukket", 1), else_=0))
    statement = (
        select_columns(
            col(SafetyWalk.id),
            col(SafetyWalk.walk_date),
            col(SafetyWalk.area),
            col(SafetyWalk.participants),
            col(SafetyWalk.lat),
            col(SafetyWalk.lon),
            func.count(col(WalkObservation.id)).label("observations"),
            open_count.label("open"),
        )
        .outerjoin(WalkObservation, col(WalkObservation.walk_id) == col(SafetyWalk.id))
        .where(col(SafetyWalk.municipality_code) == municipality_code)
        .group_by(col(SafetyWalk.id))
        .order_by(col(SafetyWalk.walk_date).desc())
    )
    return read_frame(con, statement)


def _day(value: object) -> pd.Timestamp:
    return pd.Timestamp(value)


def action_events(con: Connectable, *, viewer: Actor, code: int) -> list[ActionEvent]:
    """The municipality's finished plan items, safety walks and recruitment activities."""
    require_read(con, viewer=viewer, municipality_code=code)
    items = plan_items(con, viewer=viewer, municipality_code=code)
    done = items[items["status"] == ItemStatus.DONE.value]
    events = [
        ActionEvent(_day(row.changed_at).date(), "plan_done", str(row.title))
        for row in done.itertuples()
    ]
    walks = walk_table(con, viewer=viewer, municipality_code=code)
    events += [
        ActionEvent(_day(row.walk_date).date(), "walk", str(row.area)) for row in walks.itertuples()
    ]
    recruitment = activities(con, viewer=viewer, codes=[code])
    events += [
        ActionEvent(
            _day(row.activity_date).date(),
            "police_station" if row.kind == ActivityKind.MOBIL_POLITISTATION else "recruitment",
            f"{row.kind}, {row.place}"
            if isinstance(row.place, str) and row.place
            else str(row.kind),
        )
        for row in recruitment.itertuples()
    ]
    return events
