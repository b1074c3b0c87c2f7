"""Owners are people: who may own a partnership's items, giving an item an owner, and the items
a user owns across every plan they may read (Mine opgaver)."""

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, or_
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.store.access import municipality_target, require_read
from dataio.store.action_plans import _may_edit, only_own, with_flags
from models.i18n import M_
from models.permissions import Action, Actor, Role, Target, allows
from models.tables import ActionItem, AppUser, Municipality

MY_ITEM_COLUMNS = [
    "id",
    "municipality_code",
    "municipality",
    "title",
    "track",
    "organisation",
    "status",
    "progress",
    "due_date",
    "row_version",
    "changed_at",
    "owner_name",
    "owner_username",
]


class ItemConflict(ValidationFailed):
    """Someone else saved the item after the person loaded it: nothing is written."""


def partnership_users(session: Session, target: Target) -> list[tuple[str, str, str]]:
    """(username, display name, role) of the active users who may own the municipality's items:
    its project leaders, the police of its district and its business association's users, by name
    (also the meetings' owner list)."""
    statement = (
        select(AppUser.username, AppUser.display_name, AppUser.role)
        .where(
            col(AppUser.active),
            or_(
                (col(AppUser.role) == Role.PROJECT_LEADER)
                & (col(AppUser.municipality_code) == target.municipality_code),
                (col(AppUser.role) == Role.POLICE)
                & (col(AppUser.police_district_number) == target.police_district_number),
                (col(AppUser.role) == Role.BUSINESS)
                & (col(AppUser.municipality_code) == target.municipality_code),
            ),
        )
        .order_by(col(AppUser.display_name), col(AppUser.username))
    )
    return [(str(u), str(d), str(r)) for u, d, r in session.exec(statement).all()]


def _choices(session: Session, target: Target) -> list[tuple[str, str]]:
    return [(username, name) for username, name, _ in partnership_users(session, target)]


def owner_choices(
    con: Connectable, *, viewer: Actor, municipality_code: int
) -> list[tuple[str, str]]:
    """The users who may own the municipality's items, (username, display name) by name: its
    project leaders and the police of its police district (not the council, not administrators)."""
    require_read(con, viewer=viewer, municipality_code=municipality_code)
    if isinstance(con, Session):
        return _choices(con, municipality_target(con, municipality_code)[0])
    with Session(con) as session:
        return _choices(session, municipality_target(session, municipality_code)[0])


def load_item(session: Session, item_id: int) -> tuple[ActionItem, Target, str]:
    """An item with its municipality's target and name (NotFound in Danish)."""
    item = session.get(ActionItem, item_id)
    if item is None:
        raise NotFound(M_("Aktiviteten findes ikke længere i planen; hent siden igen"))
    target, name = municipality_target(session, item.municipality_code)
    return item, target, name


def refuse_unless_may_edit(actor: Actor, item: ActionItem, target: Target, name: str) -> None:
    """The plan's own rule (the project leader all items, the police theirs and the joint)."""
    if not _may_edit(
        actor, target, organisation_before=item.organisation, organisation_after=item.organisation
    ):
        raise PermissionDenied(
            M_(
                "Ingen adgang: du er {who} og må ikke ændre «{label}» i {name}s handlingsplan ({why}).",
                who=actor.described(),
                label=item.title,
                name=name,
                why=M_(only_own(actor)),
            )
        )


def conflict(item: ActionItem) -> ItemConflict:
    """The message when the item moved on since the person loaded it."""
    return ItemConflict(
        M_(
            "«{title}» blev ikke gemt, fordi en anden har ændret den, siden du hentede siden (gemt af {who}). Hent siden igen, og indtast dine ændringer igen.",
            title=item.title,
            who=item.changed_by,
        )
    )


def set_owner(
    engine: Engine,
    *,
    actor: Actor,
    item_id: int,
    loaded_version: int,
    owner_username: str | None,
    owner_name: str = "",
) -> None:
    """Give an item an owner: a user of the partnership (their display name is stored beside
    the username) or, without an account, a name as free text. Versioned and audited."""
    with transaction(engine) as session:
        item, target, name = load_item(session, item_id)
        refuse_unless_may_edit(actor, item, target, name)
        if owner_username:
            people = dict(_choices(session, target))
            if owner_username not in people:
                raise ValidationFailed(
                    M_(
                        "{user} kan ikke være ansvarlig i {name}: vælg en projektleder i kommunen eller en bruger fra politikredsen, eller skriv et navn",
                        user=owner_username,
                        name=name,
                    )
                )
            owner_name = people[owner_username]
        owner_name = owner_name.strip()
        before = {"owner_name": item.owner_name, "owner_username": item.owner_username}
        after = {"owner_name": owner_name, "owner_username": owner_username or None}
        if item.row_version != loaded_version or not write_if_unchanged(
            session,
            ActionItem,
            key=item_id,
            loaded_version=loaded_version,
            values={**after, "changed_by": actor.username, "changed_at": datetime.now(UTC)},
        ):
            session.refresh(item)
            raise conflict(item)
        audit.record(
            session,
            actor=actor,
            action="action_item.update",
            entity="action_item",
            entity_key=str(item_id),
            summary=f"Ansvarlig for «{item.title}» sat til {owner_name or '(ingen)'}",
            before=before,
            after=after,
            municipality_code=item.municipality_code,
            police_district_number=target.police_district_number,
        )


def my_items(con: Connectable, *, viewer: Actor, today: date) -> pd.DataFrame:
    """The viewer's own items (owner_username is theirs) in every plan they may read, with the
    plan page's warnings; soonest due first, items without a due date last."""
    statement: Any = (
        select_columns(
            col(ActionItem.id),
            col(ActionItem.municipality_code),
            col(Municipality.name).label("municipality"),
            col(Municipality.police_district_number),
            col(ActionItem.title),
            col(ActionItem.track),
            col(ActionItem.organisation),
            col(ActionItem.status),
            col(ActionItem.progress),
            col(ActionItem.due_date),
            col(ActionItem.row_version),
            col(ActionItem.changed_at),
            col(ActionItem.owner_name),
            col(ActionItem.owner_username),
        )
        .join(Municipality, col(Municipality.code) == col(ActionItem.municipality_code))
        .where(col(ActionItem.owner_username) == viewer.username)
        .order_by(col(ActionItem.municipality_code), col(ActionItem.position), col(ActionItem.id))
    )
    items = read_frame(con, statement)
    readable = [
        allows(viewer, Action.VIEW_MUNICIPALITY, Target(int(c), int(d)))
        for c, d in zip(items["municipality_code"], items["police_district_number"], strict=True)
    ]
    items = items[readable] if len(items) else items
    items = items[MY_ITEM_COLUMNS].reset_index(drop=True)
    items["due_date"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in items["due_date"]]
    flagged = with_flags(items, today=today)
    undated = [d is None for d in flagged["due_date"]]
    dated = [d or date.max for d in flagged["due_date"]]
    flagged = flagged.assign(_undated=undated, _dated=dated).sort_values(
        ["_undated", "_dated"], kind="stable"
    )
    return flagged.drop(columns=["_undated", "_dated"]).reset_index(drop=True)
