"""From a hotspot to action: a proposal on the Hotspots page writes its plan item (so it shows in
the plan, the Gantt and the change log) and, for a mobile police station, the recruitment activity
of that kind, or, for a safety walk, the walk with its area at the cell, all in one transaction,
and links them to the cell (`hotspot_action`) so the page can show the cell's counts before and
after. Only the cell's id and centre are written: never an incident's position."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy import select as select_columns
from sqlalchemy.sql import Select
from sqlmodel import col

from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.store.access import municipality_target, require_read
from dataio.store.action_plans import insert_item
from dataio.store.neighbour_help import insert_activity
from dataio.store.walks import insert_walk
from models.hotspot_actions import (
    POLICE_STATION_KIND,
    PROPOSAL_ACTIONS,
    PROPOSAL_LABELS,
    HotspotPlace,
    Proposal,
    item_values,
    walk_area,
)
from models.permissions import Actor, Target, allows, require
from models.tables import ActionItem, HotspotAction


@dataclass(frozen=True)
class Taken:
    """What a proposal wrote."""

    hotspot_action_id: int
    action_item_id: int
    activity_id: int | None
    walk_id: int | None


def allowed_proposals(actor: Actor, target: Target) -> list[Proposal]:
    """The proposals this actor may take in the municipality (a council member: none)."""
    return [p for p in Proposal if allows(actor, PROPOSAL_ACTIONS[p], target)]


def take_proposal(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    proposal: Proposal,
    place: HotspotPlace,
    day: date,
) -> Taken:
    """Write a proposal for the cell on the day: the plan item (due that day) and the activity or
    walk it brings, in one transaction; a refusal or an invalid value writes nothing."""
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, PROPOSAL_ACTIONS[proposal], target, where=name)
        values: dict[str, Any] = item_values(proposal, place) | {"due_date": day}
        if proposal is Proposal.POLICE_STATION:
            values["owner_name"] = "Politiet"
        item_id = insert_item(
            session,
            actor=actor,
            municipality_code=municipality_code,
            values=values,
            label=PROPOSAL_LABELS[proposal],
        )
        activity_id = walk_id = None
        if proposal is Proposal.POLICE_STATION:
            activity_id = insert_activity(
                session,
                actor=actor,
                municipality_code=municipality_code,
                activity_date=day,
                kind=POLICE_STATION_KIND,
                place=place.words(),
                sign_ups=0,
                note="Planlagt fra Hotspots-siden; tilmeldte registreres efter aktiviteten",
            )
        elif proposal is Proposal.WALK:
            walk_id = insert_walk(
                session,
                actor=actor,
                municipality_code=municipality_code,
                walk_date=day,
                area=walk_area(place),
                lat=place.lat,
                lon=place.lon,
            )
        link = HotspotAction(
            municipality_code=municipality_code,
            cell=place.cell,
            lat=place.lat,
            lon=place.lon,
            proposal=proposal,
            action_day=day,
            action_item_id=item_id,
            activity_id=activity_id,
            walk_id=walk_id,
            created_by=actor.username,
            created_at=datetime.now(UTC),
        )
        session.add(link)
        session.flush()
        return Taken(link.id or 0, item_id, activity_id, walk_id)


def hotspot_actions(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The proposals taken in the municipality, newest first: cell, centre, kind, day and the plan
    item's title and status (None when the item was deleted since)."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(HotspotAction.id),
            col(HotspotAction.cell),
            col(HotspotAction.lat),
            col(HotspotAction.lon),
            col(HotspotAction.proposal),
            col(HotspotAction.action_day),
            col(HotspotAction.action_item_id),
            col(ActionItem.title),
            col(ActionItem.status),
        )
        .outerjoin(ActionItem, col(ActionItem.id) == col(HotspotAction.action_item_id))
        .where(col(HotspotAction.municipality_code) == code)
        .order_by(col(HotspotAction.action_day).desc(), col(HotspotAction.id).desc())
    )
    return read_frame(con, statement)
