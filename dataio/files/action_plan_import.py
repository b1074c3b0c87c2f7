"""Importing an action plan from a workbook: the plan replaced by the workbook's activities, all or
nothing, audited once (reading is action_plan_reading's, the layout action_plan_workbook's)."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, func, update
from sqlmodel import col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.files.action_plan_reading import read_plan
from dataio.store.action_plans import EDITABLE, clean_item, municipality_target
from models.permissions import Action, Actor, require
from models.tables import ActionItem, ActionPlan, WalkObservation


def import_plan(engine: Engine, *, actor: Actor, municipality_code: int, data: bytes) -> int:
    """Replace the municipality's plan with the workbook's activities, all or nothing; returns
    the number imported. Rows identical to an existing item keep who changed them and when (so
    an unchanged re-import does not make stale activities look fresh)."""
    rows = read_plan(data)
    values = [clean_item(row.values(), label=f"Excel-række {row.excel_row}") for row in rows]
    now = datetime.now(UTC)
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.EDIT_ACTION_PLAN, target, where=name)
        if session.get(ActionPlan, municipality_code) is None:
            session.add(
                ActionPlan(
                    municipality_code=municipality_code, created_at=now, created_by=actor.username
                )
            )
            session.flush()
        old_items = session.exec(
            select(ActionItem).where(ActionItem.municipality_code == municipality_code)
        ).all()
        kept: dict[tuple[Any, ...], list[tuple[str, datetime, str | None]]] = {}
        for item in old_items:
            kept.setdefault(_identity(_snapshot(item)), []).append(
                (item.changed_by, item.changed_at, item.owner_username)
            )
        old_count = len(old_items)
        session.expunge_all()
        own_items = select(ActionItem.id).where(ActionItem.municipality_code == municipality_code)
        # the follow-ups stay; only their links to the replaced items go
        session.exec(
            update(WalkObservation)
            .where(col(WalkObservation.action_item_id).in_(own_items))
            .values(action_item_id=None)
        )
        session.exec(
            delete(ActionItem).where(col(ActionItem.municipality_code) == municipality_code)
        )
        for position, row_values in enumerate(values):
            previous = kept.get(_identity(row_values))
            changed_by, changed_at, owner_username = (
                previous.pop() if previous else (actor.username, now, None)
            )
            session.add(
                ActionItem(
                    municipality_code=municipality_code,
                    position=position,
                    owner_username=owner_username,
                    changed_by=changed_by,
                    changed_at=changed_at,
                    **row_values,
                )
            )
        session.flush()
        new_count = session.exec(
            select(func.count())
            .select_from(ActionItem)
            .where(col(ActionItem.municipality_code) == municipality_code)
        ).one()
        audit.record(
            session,
            actor=actor,
            action="action_plan.import",
            entity="action_plan",
            entity_key=str(municipality_code),
            summary=f"Handlingsplan for {name} importeret fra Excel: {len(values)} aktiviteter",
            before={"items": old_count},
            after={"items": int(new_count)},
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )
    return len(values)


def _snapshot(item: ActionItem) -> dict[str, Any]:
    return {key: getattr(item, key) for key in EDITABLE}


def _identity(values: dict[str, Any]) -> tuple[Any, ...]:
    """An item's editable values in a fixed order ('' for missing text), to recognise unchanged rows."""
    return tuple("" if values.get(key) is None else values.get(key) for key in EDITABLE)
