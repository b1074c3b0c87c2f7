"""Business neighbour-watch groups, their events and their safety walks, within the rule book.

The business association (Erhvervsforening) of the municipality, its project leader and the
administrator keep the groups (`Action.EDIT_BUSINESS_GROUPS`); the police of its district and the
council read them. A group's edit or deletion carries the `row_version` the person loaded and is
refused when someone else saved the group since (nothing is written then, not even an audit row).
A walk in a business area stays a safety walk (`dataio.store.walks`): it is only linked to a group.
"""

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import delete_if_unchanged, edit_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from models.business import CheckedShare, checked_share, event_refusal, group_refusal
from models.formatting import fmt_date
from models.i18n import M_, N_
from models.permissions import Action, Actor, Target, require
from models.tables import BusinessEvent, BusinessGroup, BusinessGroupWalk, SafetyWalk

# the fields of a group a person sets, as the change log shows them
GROUP_FIELDS = ("name", "area", "members", "businesses_checked", "contact", "start_date")
EVENT_FIELDS = ("group_id", "event_date", "kind", "note")

STALE = N_(  # marked: the refusal is shown in the reader's language
    "Gruppen «{name}» er ændret af en anden, siden du åbnede siden (gemt af {who}). Indlæs siden "
    "igen og ret derefter (intet er gemt)."
)


def _ensure(con: Connectable) -> Session:
    """A session on the connectable (the caller's own when it is one)."""
    return con if isinstance(con, Session) else Session(con, expire_on_commit=False)


# --- reads ---------------------------------------------------------------------------------------


def business_groups(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's business groups by name, with how many events and walks each has."""
    require_read(con, viewer=viewer, municipality_code=code)
    events = (
        select_columns(col(BusinessEvent.group_id), func.count().label("events"))
        .group_by(col(BusinessEvent.group_id))
        .subquery()
    )
    walks = (
        select_columns(col(BusinessGroupWalk.group_id), func.count().label("walks"))
        .group_by(col(BusinessGroupWalk.group_id))
        .subquery()
    )
    statement = (
        select_columns(
            col(BusinessGroup.id),
            col(BusinessGroup.name),
            col(BusinessGroup.area),
            col(BusinessGroup.members),
            col(BusinessGroup.businesses_checked),
            col(BusinessGroup.contact),
            col(BusinessGroup.start_date),
            col(BusinessGroup.row_version),
            col(BusinessGroup.changed_by),
            col(BusinessGroup.changed_at),
            func.coalesce(events.c.events, 0).label("events"),
            func.coalesce(walks.c.walks, 0).label("walks"),
        )
        .outerjoin(events, events.c.group_id == col(BusinessGroup.id))
        .outerjoin(walks, walks.c.group_id == col(BusinessGroup.id))
        .where(col(BusinessGroup.municipality_code) == code)
        .order_by(col(BusinessGroup.name), col(BusinessGroup.id))
    )
    return read_frame(con, statement)


def business_events(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The events of the municipality's groups, newest first, with the group's name."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement: Any = (
        select_columns(
            col(BusinessEvent.id),
            col(BusinessEvent.group_id),
            col(BusinessGroup.name).label("group_name"),
            col(BusinessEvent.event_date),
            col(BusinessEvent.kind),
            col(BusinessEvent.note),
        )
        .join(BusinessGroup, col(BusinessGroup.id) == col(BusinessEvent.group_id))
        .where(col(BusinessGroup.municipality_code) == code)
        .order_by(col(BusinessEvent.event_date).desc(), col(BusinessEvent.id).desc())
    )
    return read_frame(con, statement)


def business_walks(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The safety walks linked to the municipality's groups, newest first."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement: Any = (
        select_columns(
            col(BusinessGroupWalk.group_id),
            col(BusinessGroup.name).label("group_name"),
            col(SafetyWalk.id).label("walk_id"),
            col(SafetyWalk.walk_date),
            col(SafetyWalk.area),
            col(SafetyWalk.participants),
        )
        .join(BusinessGroup, col(BusinessGroup.id) == col(BusinessGroupWalk.group_id))
        .join(SafetyWalk, col(SafetyWalk.id) == col(BusinessGroupWalk.walk_id))
        .where(col(BusinessGroup.municipality_code) == code)
        .order_by(col(SafetyWalk.walk_date).desc(), col(SafetyWalk.id).desc())
    )
    return read_frame(con, statement)


def checked_totals(con: Connectable, *, viewer: Actor, code: int) -> CheckedShare:
    """The municipality's groups' members and those with a security check (models.business)."""
    require_read(con, viewer=viewer, municipality_code=code)
    session = _ensure(con)
    try:
        rows = session.exec(
            select(BusinessGroup.members, BusinessGroup.businesses_checked).where(
                col(BusinessGroup.municipality_code) == code
            )
        ).all()
    finally:
        if session is not con:
            session.close()
    return checked_share((int(m), int(c)) for m, c in rows)


# --- writes --------------------------------------------------------------------------------------


def _values(
    *,
    name: str,
    area: str,
    members: int | None,
    checked: int | None,
    contact: str,
    start_date: date | None,
    today: date | None,
) -> dict[str, Any]:
    """The group's fields, checked (ValidationFailed, in Danish) and trimmed."""
    problem = group_refusal(
        name=name,
        area=area,
        members=members,
        checked=checked,
        contact=contact,
        start_date=start_date,
        today=today or date.today(),
    )
    if problem:
        raise ValidationFailed(problem)
    return {
        "name": name.strip(),
        "area": area.strip(),
        "members": members,
        "businesses_checked": checked,
        "contact": contact.strip(),
        "start_date": start_date,
    }


def _group(session: Session, group_id: int) -> BusinessGroup:
    group = session.get(BusinessGroup, group_id)
    if group is None:
        raise NotFound(M_("Erhvervsgruppen findes ikke (længere); indlæs siden igen"))
    return group


def _require_edit(session: Session, actor: Actor, code: int) -> Target:
    target, name = municipality_target(session, code)
    require(actor, Action.EDIT_BUSINESS_GROUPS, target, where=name)
    return target


def _record(
    session: Session,
    *,
    actor: Actor,
    target: Target,
    action: str,
    entity: str,
    key: str,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_key=key,
        summary=summary,
        before=before,
        after=after,
        municipality_code=target.municipality_code,
        police_district_number=target.police_district_number,
    )


def create_group(
    engine: Engine,
    *,
    actor: Actor,
    code: int,
    name: str,
    area: str = "",
    members: int | None = 0,
    checked: int | None = 0,
    contact: str = "",
    start_date: date | None = None,
    today: date | None = None,
) -> int:
    """Register a business group in the municipality; returns its id."""
    values = _values(
        name=name,
        area=area,
        members=members,
        checked=checked,
        contact=contact,
        start_date=start_date,
        today=today,
    )
    with transaction(engine) as session:
        target = _require_edit(session, actor, code)
        group = BusinessGroup(
            municipality_code=code,
            changed_by=actor.username,
            changed_at=datetime.now(UTC),
            **values,
        )
        session.add(group)
        session.flush()
        _record(
            session,
            actor=actor,
            target=target,
            action="business_group.create",
            entity="business_group",
            key=str(group.id),
            summary=f"Erhvervsgruppe «{group.name}» oprettet",
            before=None,
            after=values,
        )
        return group.id or 0


def edit_group(
    engine: Engine,
    *,
    actor: Actor,
    group_id: int,
    loaded_version: int,
    name: str,
    area: str,
    members: int | None,
    checked: int | None,
    contact: str,
    start_date: date | None,
    today: date | None = None,
) -> bool:
    """Change a group's fields if nobody saved it since `loaded_version` (else ValidationFailed,
    nothing written). False when nothing changed (nothing is written then either)."""
    values = _values(
        name=name,
        area=area,
        members=members,
        checked=checked,
        contact=contact,
        start_date=start_date,
        today=today,
    )
    with transaction(engine) as session:
        group = _group(session, group_id)
        target = _require_edit(session, actor, group.municipality_code)
        changes = edit_if_unchanged(
            session,
            group,
            loaded_version=loaded_version,
            values=values,
            by=actor.username,
            stale=M_(STALE, name=group.name, who=group.changed_by),
            raced=M_(STALE, name=group.name, who=M_("en anden")),
        )
        if changes is None:
            return False
        _record(
            session,
            actor=actor,
            target=target,
            action="business_group.update",
            entity="business_group",
            key=str(group_id),
            summary=f"Erhvervsgruppe «{values['name']}» ændret",
            before=changes.before,
            after=changes.after,
        )
        return True


def delete_group(engine: Engine, *, actor: Actor, group_id: int, loaded_version: int) -> None:
    """Delete a group with its events and its links to walks (the walks themselves stay)."""
    with transaction(engine) as session:
        group = _group(session, group_id)
        target = _require_edit(session, actor, group.municipality_code)
        if group.row_version != loaded_version:
            raise ValidationFailed(M_(STALE, name=group.name, who=group.changed_by))
        before = {k: getattr(group, k) for k in GROUP_FIELDS}
        events = session.exec(
            select(func.count()).where(col(BusinessEvent.group_id) == group_id)
        ).one()
        session.execute(delete(BusinessEvent).where(col(BusinessEvent.group_id) == group_id))
        session.execute(
            delete(BusinessGroupWalk).where(col(BusinessGroupWalk.group_id) == group_id)
        )
        if not delete_if_unchanged(
            session, BusinessGroup, key=group_id, loaded_version=loaded_version
        ):
            raise ValidationFailed(M_(STALE, name=group.name, who=M_("en anden")))
        session.expunge(group)  # deleted in SQL: the session's copy is only read from now on
        _record(
            session,
            actor=actor,
            target=target,
            action="business_group.delete",
            entity="business_group",
            key=str(group_id),
            summary=f"Erhvervsgruppe «{group.name}» slettet med {int(events)} aktiviteter",
            before=before,
            after=None,
        )


def add_event(
    engine: Engine,
    *,
    actor: Actor,
    group_id: int,
    event_date: date | None,
    kind: str,
    note: str = "",
    today: date | None = None,
) -> int:
    """Register what a group did (a meeting, a safety walk, security checks, other)."""
    problem = event_refusal(
        kind=kind, event_date=event_date, note=note, today=today or date.today()
    )
    if problem:
        raise ValidationFailed(problem)
    assert event_date is not None
    with transaction(engine) as session:
        group = _group(session, group_id)
        target = _require_edit(session, actor, group.municipality_code)
        event = BusinessEvent(
            group_id=group_id,
            event_date=event_date,
            kind=kind,
            note=note.strip(),
            changed_by=actor.username,
            changed_at=datetime.now(UTC),
        )
        session.add(event)
        session.flush()
        _record(
            session,
            actor=actor,
            target=target,
            action="business_event.create",
            entity="business_event",
            key=str(event.id),
            summary=f"{kind.capitalize()} den {fmt_date(event_date)} for «{group.name}»",
            before=None,
            after={k: getattr(event, k) for k in EVENT_FIELDS},
        )
        return event.id or 0


def delete_event(engine: Engine, *, actor: Actor, event_id: int) -> None:
    """Delete one event of a group."""
    with transaction(engine) as session:
        event = session.get(BusinessEvent, event_id)
        if event is None:
            raise NotFound(M_("Aktiviteten findes ikke (længere); indlæs siden igen"))
        group = _group(session, event.group_id)
        target = _require_edit(session, actor, group.municipality_code)
        before = {k: getattr(event, k) for k in EVENT_FIELDS}
        session.delete(event)
        _record(
            session,
            actor=actor,
            target=target,
            action="business_event.delete",
            entity="business_event",
            key=str(event_id),
            summary=f"Aktivitet den {fmt_date(event.event_date)} for «{group.name}» slettet",
            before=before,
            after=None,
        )


def link_walk(engine: Engine, *, actor: Actor, group_id: int, walk_id: int) -> None:
    """Mark a safety walk of the same municipality as a walk in the group's business area."""
    with transaction(engine) as session:
        group = _group(session, group_id)
        target = _require_edit(session, actor, group.municipality_code)
        walk = session.get(SafetyWalk, walk_id)
        if walk is None or walk.municipality_code != group.municipality_code:
            raise NotFound(M_("Tryghedsvandringen findes ikke i gruppens kommune"))
        if session.get(BusinessGroupWalk, (group_id, walk_id)) is not None:
            raise ValidationFailed(
                M_(
                    "Vandringen den {day} er allerede knyttet til «{name}»",
                    day=fmt_date(walk.walk_date),
                    name=group.name,
                )
            )
        session.add(
            BusinessGroupWalk(
                group_id=group_id,
                walk_id=walk_id,
                changed_by=actor.username,
                changed_at=datetime.now(UTC),
            )
        )
        _record(
            session,
            actor=actor,
            target=target,
            action="business_walk.link",
            entity="business_group_walk",
            key=f"{group_id}:{walk_id}",
            summary=(
                f"Tryghedsvandring den {fmt_date(walk.walk_date)} ({walk.area}) knyttet til "
                f"«{group.name}»"
            ),
            before=None,
            after={"group_id": group_id, "walk_id": walk_id},
        )


def unlink_walk(engine: Engine, *, actor: Actor, group_id: int, walk_id: int) -> None:
    """Take a walk off a group (the walk itself stays)."""
    with transaction(engine) as session:
        group = _group(session, group_id)
        target = _require_edit(session, actor, group.municipality_code)
        link = session.get(BusinessGroupWalk, (group_id, walk_id))
        if link is None:
            raise NotFound(M_("Vandringen er ikke knyttet til gruppen (længere)"))
        session.delete(link)
        _record(
            session,
            actor=actor,
            target=target,
            action="business_walk.unlink",
            entity="business_group_walk",
            key=f"{group_id}:{walk_id}",
            summary=f"Tryghedsvandring fjernet fra «{group.name}»",
            before={"group_id": group_id, "walk_id": walk_id},
            after=None,
        )
