"""The action plan: created from the guide's template, edited in one transaction per save."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.seed.reference import read_reference
from dataio.store.access import municipality_target, require_read
from models.actionplan import (
    GOAL_CHOICES,
    ItemFacts,
    ItemStatus,
    Organisation,
    PlanSummary,
    Track,
    is_overdue,
    is_stale,
    summarise,
)
from models.i18n import M_, N_, Message
from models.permissions import Action, Actor, Role, Target, allows, require
from models.tables import ActionItem, ActionPlan, HotspotAction, WalkObservation
from models.vocabulary import OVERDUE_FLAG, STALE_FLAG

EDITABLE = (
    "track",
    "activity_group",
    "title",
    "owner_name",
    "organisation",
    "start_date",
    "due_date",
    "status",
    "progress",
    "goal",
    "notes",
)
COLUMN_LABELS = {
    "track": N_("Spor"),
    "activity_group": N_("Aktivitet"),
    "title": N_("Titel"),
    "owner_name": N_("Ansvarlig"),
    "organisation": N_("Organisation"),
    "start_date": N_("Start"),
    "due_date": N_("Frist"),
    "status": N_("Status"),
    "progress": N_("Fremdrift (%)"),
    "goal": N_("Mål"),
    "notes": N_("Noter"),
    "owner_username": N_("Ansvarlig (bruger)"),
}
# what a write may set besides the table's columns: the owner as a user of the partnership (set
# by a meeting's decision, dataio.meetings.store; the plan's table edits the owner as text)
WRITABLE = (*EDITABLE, "owner_username")


@dataclass(frozen=True)
class ItemEdit:
    """One row of a save: an existing item changed or deleted, or a new item (id None)."""

    id: int | None
    loaded_version: int | None
    values: dict[str, Any] | None  # None: delete
    label: str = ""  # how the person recognises the row in messages


@dataclass(frozen=True)
class Conflict:
    """Someone else saved the row since it was loaded: both versions, so nothing is lost."""

    id: int
    title: str
    yours: dict[str, Any]
    theirs: dict[str, Any]
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True)
class SaveResult:
    """What a save did."""

    saved: int
    conflicts: list[Conflict] = field(default_factory=list)
    created: list[int] = field(default_factory=list)  # the new items' ids, in the edits' order


def template() -> pd.DataFrame:
    """The guide's example plan (track, activity group, title, organisation, goal)."""
    return read_reference("action_plan_template.csv")


def create_plan(
    engine: Engine, *, actor: Actor, municipality_code: int, template_rows: list[int]
) -> int:
    """Create the municipality's plan with the chosen template activities; returns the item count."""
    rows = template().iloc[template_rows]
    now = datetime.now(UTC)
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.EDIT_ACTION_PLAN, target, where=name)
        if session.get(ActionPlan, municipality_code) is not None:
            raise ValidationFailed(M_("{name} har allerede en handlingsplan", name=name))
        session.add(
            ActionPlan(
                municipality_code=municipality_code, created_at=now, created_by=actor.username
            )
        )
        session.flush()
        for position, row in enumerate(rows.itertuples()):
            session.add(
                ActionItem(
                    municipality_code=municipality_code,
                    position=position,
                    track=row.track,
                    activity_group=row.activity_group,
                    title=row.title,
                    organisation=row.organisation,
                    status=ItemStatus.NOT_STARTED,
                    goal=row.goal,
                    changed_by=actor.username,
                    changed_at=now,
                )
            )
        audit.record(
            session,
            actor=actor,
            action="action_plan.create",
            entity="action_plan",
            entity_key=str(municipality_code),
            summary=f"Handlingsplan for {name} oprettet med {len(rows)} aktiviteter",
            before=None,
            after={"items": len(rows)},
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )
    return len(rows)


def has_plan(con: Connectable, *, viewer: Actor, municipality_code: int) -> bool:
    """Whether the municipality has a plan."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    if isinstance(con, Session):
        return con.get(ActionPlan, municipality_code) is not None
    with Session(con) as session:
        return session.get(ActionPlan, municipality_code) is not None


def plan_items(con: Connectable, *, viewer: Actor, municipality_code: int) -> pd.DataFrame:
    """The plan's items in plan order (empty with the right columns when there is none)."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    statement = (
        select(ActionItem)
        .where(ActionItem.municipality_code == municipality_code)
        .order_by(col(ActionItem.position), col(ActionItem.id))
    )
    return read_frame(con, statement)


def plan_summary(
    con: Connectable, *, viewer: Actor, municipality_code: int, today: date
) -> PlanSummary | None:
    """The plan's summary, or None where no plan exists."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    if not has_plan(con, viewer=viewer, municipality_code=municipality_code):
        return None
    items = plan_items(con, viewer=viewer, municipality_code=municipality_code)
    return summarise(facts(items), today=today)


def facts(items: pd.DataFrame) -> list[ItemFacts]:
    """The rule-relevant facts of each item row."""
    return [
        ItemFacts(
            track=r.track,
            status=r.status,
            progress=int(r.progress),
            due_date=None if pd.isna(r.due_date) else pd.Timestamp(r.due_date).date(),
            changed_at=pd.Timestamp(r.changed_at).to_pydatetime(),
        )
        for r in items.itertuples()
    ]


def clean_item(values: dict[str, Any], *, label: str) -> dict[str, Any]:
    """Validate and normalise one row's values; ValidationFailed names the row and the column."""

    def fail(column: str, why: Message) -> ValidationFailed:
        return ValidationFailed(
            M_(
                "Række «{label}», kolonne {column}: {why}",
                label=label,
                column=M_(COLUMN_LABELS[column]),
                why=why,
            )
        )

    out = {k: v for k, v in values.items() if k in WRITABLE}
    for key in ("start_date", "due_date"):
        if key in out:
            value = out[key]
            try:
                out[key] = (
                    None
                    if value is None or value == "" or pd.isna(value)
                    else pd.Timestamp(value).date()
                )
            except (ValueError, TypeError) as error:
                raise fail(key, M_("ikke en dato ({value})", value=repr(value))) from error
    checks = {
        "track": (
            lambda v: v in set(Track),
            M_("skal være Organisering, Spor 1, Spor 2 eller Spor 3"),
        ),
        "status": (
            lambda v: v in set(ItemStatus),
            M_("skal være ikke startet, i gang, færdig, udskudt eller aflyst"),
        ),
        "organisation": (
            lambda v: v in set(Organisation),
            M_("skal være kommune, politi, fælles eller erhvervsforening"),
        ),
        "goal": (
            lambda v: v in GOAL_CHOICES,
            M_("skal være burglaries, helpers, insecurity eller none"),
        ),
        "title": (lambda v: isinstance(v, str) and v.strip() != "", M_("må ikke være tom")),
        "progress": (
            lambda v: isinstance(v, int | float) and not pd.isna(v) and 0 <= v <= 100,
            M_("skal være et tal fra 0 til 100"),
        ),
    }
    for key, (ok, why) in checks.items():
        if key in out and not ok(out[key]):
            raise fail(key, M_("{why} (fik {value})", why=why, value=repr(out[key])))
    if "progress" in out:
        out["progress"] = int(out["progress"])
    for key in ("activity_group", "owner_name", "notes"):
        if key in out and (out[key] is None or (isinstance(out[key], float) and pd.isna(out[key]))):
            out[key] = ""
    if "owner_username" in out and not (
        isinstance(out["owner_username"], str) and out["owner_username"].strip()
    ):
        out["owner_username"] = None
    return out


def _may_edit(
    actor: Actor, target: Target, *, organisation_before: str | None, organisation_after: str | None
) -> bool:
    """The project leader edits the whole plan; the police their own and the joint ("fælles")
    items, which the guide has police and municipality make together (and keep them so); the
    business association (Erhvervsforening) only its own items (and keeps them its own)."""
    if allows(actor, Action.EDIT_ACTION_PLAN, target):
        return True
    if actor.role is Role.BUSINESS:
        business_owned = {
            organisation_before or Organisation.BUSINESS,
            organisation_after or Organisation.BUSINESS,
        } == {Organisation.BUSINESS}
        return business_owned and allows(actor, Action.EDIT_BUSINESS_ACTION_ITEMS, target)
    police_owned = {
        organisation_before or Organisation.POLICE,
        organisation_after or Organisation.POLICE,
    } <= {Organisation.POLICE, Organisation.JOINT}
    return police_owned and allows(actor, Action.EDIT_POLICE_ACTION_ITEMS, target)


def only_own(actor: Actor) -> str:
    """Why a partner may not change an item: which items are theirs."""
    if actor.role is Role.BUSINESS:
        return N_("erhvervsforeningen ændrer kun sine egne punkter")
    return N_("politiet ændrer kun politiets og de fælles punkter")


def _snapshot(item: ActionItem) -> dict[str, Any]:
    return {k: getattr(item, k) for k in WRITABLE}


def save_changes(
    engine: Engine, *, actor: Actor, municipality_code: int, edits: list[ItemEdit]
) -> SaveResult:
    """Write a batch of edits in one transaction; rows changed by someone else meanwhile are left out
    and returned as conflicts with both versions. A refusal or invalid value writes nothing at all."""
    with transaction(engine) as session:
        return apply_changes(session, actor=actor, municipality_code=municipality_code, edits=edits)


def apply_changes(
    session: Session, *, actor: Actor, municipality_code: int, edits: list[ItemEdit]
) -> SaveResult:
    """save_changes inside a transaction the caller holds (a meeting's decision writes its item
    and its own row in one)."""
    now = datetime.now(UTC)
    saved, conflicts, created = 0, [], []
    target, name = municipality_target(session, municipality_code)
    if session.get(ActionPlan, municipality_code) is None:
        raise NotFound(M_("{name} har ingen handlingsplan endnu", name=name))
    next_position = len(
        session.exec(
            select(ActionItem.id).where(ActionItem.municipality_code == municipality_code)
        ).all()
    )
    for edit in edits:
        values = (
            None
            if edit.values is None
            else clean_item(edit.values, label=edit.label or str(edit.id or "ny"))
        )
        item = None if edit.id is None else session.get(ActionItem, edit.id)
        if edit.id is not None and (item is None or item.municipality_code != municipality_code):
            raise NotFound(
                M_(
                    "Aktiviteten «{label}» findes ikke længere i {name}s plan",
                    label=edit.label,
                    name=name,
                )
            )
        before_org = item.organisation if item else None
        # a new item without an organisation is stored as joint (fælles): check what is stored
        after_org = (values or {}).get("organisation", before_org or Organisation.JOINT)
        if not _may_edit(
            actor, target, organisation_before=before_org, organisation_after=after_org
        ):
            raise PermissionDenied(
                M_(
                    "Ingen adgang: du er {who} og må ikke ændre «{label}» i {name}s handlingsplan ({why}).",
                    who=actor.described(),
                    label=edit.label,
                    name=name,
                    why=M_(only_own(actor)),
                )
            )
        if item is None:
            assert values is not None
            new_id = _create(
                session,
                actor=actor,
                values=values,
                municipality_code=municipality_code,
                target=target,
                now=now,
                position=next_position,
            )
            saved, next_position = saved + 1, next_position + 1
            created.append(new_id)
            continue
        if edit.loaded_version is not None and _change(
            session,
            actor=actor,
            item=item,
            loaded_version=edit.loaded_version,
            values=values,
            target=target,
            now=now,
        ):
            saved += 1
            continue
        conflicts.append(_conflict(session, item, edit, name=name))
    return SaveResult(saved=saved, conflicts=conflicts, created=created)


def insert_item(
    session: Session, *, actor: Actor, municipality_code: int, values: dict[str, Any], label: str
) -> int:
    """One new item inside a transaction the caller holds (a hotspot's proposal writes its item and
    its activity or walk together), checked and audited as `save_changes` does; returns its id."""
    target, name = municipality_target(session, municipality_code)
    if session.get(ActionPlan, municipality_code) is None:
        raise NotFound(M_("{name} har ingen handlingsplan endnu: opret den først", name=name))
    cleaned = clean_item(values, label=label)
    organisation = cleaned.get("organisation", Organisation.JOINT)
    if not _may_edit(actor, target, organisation_before=None, organisation_after=organisation):
        raise PermissionDenied(
            M_(
                "Ingen adgang: du er {who} og må ikke tilføje «{label}» til {name}s handlingsplan.",
                who=actor.described(),
                label=label,
                name=name,
            )
        )
    position = len(
        session.exec(
            select(ActionItem.id).where(ActionItem.municipality_code == municipality_code)
        ).all()
    )
    return _create(
        session,
        actor=actor,
        values=cleaned,
        municipality_code=municipality_code,
        target=target,
        now=datetime.now(UTC),
        position=position,
    )


def _conflict(session: Session, item: ActionItem, edit: ItemEdit, *, name: str) -> Conflict:
    """The row as it is now (someone else saved it since it was loaded), beside the person's edit."""
    current = session.get(ActionItem, item.id, populate_existing=True)
    if current is None:
        raise NotFound(
            M_(
                "Aktiviteten «{label}» findes ikke længere i {name}s plan",
                label=edit.label,
                name=name,
            )
        )
    return Conflict(
        current.id or 0,
        current.title,
        edit.values or {"slettet": True},
        _snapshot(current),
        current.changed_by,
        current.changed_at,
    )


def _create(
    session: Session,
    *,
    actor: Actor,
    values: dict[str, Any],
    municipality_code: int,
    target: Target,
    now: datetime,
    position: int,
) -> int:
    """Add one item, with its audit row; returns its id."""
    if "title" not in values or "track" not in values:
        raise ValidationFailed(M_("En ny aktivitet skal have mindst Spor og Titel"))
    item = ActionItem(
        municipality_code=municipality_code,
        position=position,
        organisation=values.get("organisation", Organisation.JOINT),
        status=values.get("status", ItemStatus.NOT_STARTED),
        changed_by=actor.username,
        changed_at=now,
        title=values["title"],
        track=values["track"],
    )
    for key, value in values.items():
        setattr(item, key, value)
    session.add(item)
    session.flush()
    _record(session, actor=actor, item=item, before=None, after=_snapshot(item), target=target)
    return item.id or 0


def _change(
    session: Session,
    *,
    actor: Actor,
    item: ActionItem,
    loaded_version: int,
    values: dict[str, Any] | None,
    target: Target,
    now: datetime,
) -> bool:
    """Change (values) or delete (None) one item if it is still at the loaded version, with its
    audit row; False (nothing written) when someone else saved it first."""
    before, item_id = _snapshot(item), item.id or 0
    if item.row_version != loaded_version:
        return False
    if (
        values
        and "owner_username" not in values  # a picked user comes with their name: keep them
        and values.get("owner_name", item.owner_name) != item.owner_name
    ):
        values = {**values, "owner_username": None}  # a typed name is no longer the picked user
    if values is None:
        # take the row first: the follow-ups lose their link only if the delete is ours to make
        if not write_if_unchanged(
            session, ActionItem, key=item_id, loaded_version=loaded_version, values={}
        ):
            return False
        session.exec(
            update(WalkObservation)
            .where(col(WalkObservation.action_item_id) == item_id)
            .values(action_item_id=None)  # the follow-up stays; only its link to the plan goes
        )
        session.exec(
            update(HotspotAction)
            .where(col(HotspotAction.action_item_id) == item_id)
            .values(action_item_id=None)  # the hotspot's before/after stays
        )
        session.delete(item)
        session.flush()
        _record(session, actor=actor, item=item, before=before, after=None, target=target)
        return True
    if not write_if_unchanged(
        session,
        ActionItem,
        key=item_id,
        loaded_version=loaded_version,
        values={**values, "changed_by": actor.username, "changed_at": now},
    ):
        return False
    session.refresh(item)
    _record(session, actor=actor, item=item, before=before, after=_snapshot(item), target=target)
    if item.status == ItemStatus.DONE and before["status"] != ItemStatus.DONE:
        _close_follow_ups(session, actor=actor, item=item, target=target, now=now)
    return True


def _close_follow_ups(
    session: Session, *, actor: Actor, item: ActionItem, target: Target, now: datetime
) -> None:
    """Finishing the item made from a follow-up closes the follow-up (the loop closes), audited."""
    linked = session.exec(
        select(WalkObservation).where(
            col(WalkObservation.action_item_id) == item.id, col(WalkObservation.status) != "lukket"
        )
    ).all()
    note = f"Lukket, da aktiviteten «{item.title}» blev færdig"
    for observation in linked:
        before = {"status": observation.status, "status_note": observation.status_note}
        observation.status, observation.status_note = "lukket", note
        observation.changed_by, observation.changed_at = actor.username, now
        observation.row_version += 1
        session.add(observation)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="walk_observation.update",
            entity="walk_observation",
            entity_key=str(observation.id),
            summary=f"Opfølgning {observation.number}: lukket ({note})",
            before=before,
            after={"status": "lukket", "status_note": note},
            municipality_code=item.municipality_code,
            police_district_number=target.police_district_number,
        )


def _record(
    session: Session,
    *,
    actor: Actor,
    item: ActionItem,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    target: Target,
) -> None:
    action, verb = (
        ("action_item.create", "tilføjet")
        if before is None
        else ("action_item.delete", "slettet")
        if after is None
        else ("action_item.update", "ændret")
    )
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="action_item",
        entity_key=str(item.id),
        summary=f"Aktivitet «{item.title}» {verb}",
        before=before,
        after=after,
        municipality_code=item.municipality_code,
        police_district_number=target.police_district_number,
    )


def with_flags(items: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """The items with an 'Advarsel' column: overdue and stale items stand out."""
    flags = []
    for fact in facts(items):
        parts = []
        if is_overdue(status=fact.status, due_date=fact.due_date, today=today):
            parts.append(OVERDUE_FLAG)
        if is_stale(status=fact.status, changed_at=fact.changed_at, today=today):
            parts.append(STALE_FLAG)
        flags.append(" · ".join(parts))
    return items.assign(advarsel=flags)
