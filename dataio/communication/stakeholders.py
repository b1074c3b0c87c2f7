"""The stakeholder register: the organisations the partnership works with (the guide's "aktører":
housing associations, DIY stores, sports clubs, insurers...), their contact, the tracks they take
part in, and the plan items that name them as partners.

The project leader of the municipality and the administrator write
(models.permissions.EDIT_STAKEHOLDERS); the police and the council read.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, delete
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import delete_if_unchanged, edit_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from models.communication import stakeholder_refusal, tracks_text
from models.i18n import M_, N_
from models.permissions import Action, Actor, Target, require
from models.tables import ActionItem, Stakeholder, StakeholderItem

STAKEHOLDER_FIELDS = ("organisation", "contact_name", "email", "phone", "tracks", "note")
STALE = N_(  # marked: the refusal is shown in the reader's language
    "Aktøren «{name}» er ændret eller slettet af en anden, siden du åbnede siden. Indlæs siden "
    "igen og ret derefter (intet er gemt)."
)


def stakeholders(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's stakeholders by organisation, with the number of plan items naming each."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement = (
        select_columns(
            col(Stakeholder.id),
            col(Stakeholder.organisation),
            col(Stakeholder.contact_name),
            col(Stakeholder.email),
            col(Stakeholder.phone),
            col(Stakeholder.tracks),
            col(Stakeholder.note),
            col(Stakeholder.row_version),
        )
        .where(col(Stakeholder.municipality_code) == code)
        .order_by(col(Stakeholder.organisation), col(Stakeholder.id))
    )
    return read_frame(con, statement)


def item_partners(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """Which plan items of the municipality name which stakeholders as partners: one row per link
    (item_id, item_title, stakeholder_id, organisation), by item and organisation."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement = (
        select_columns(
            col(StakeholderItem.item_id),
            col(ActionItem.title),
            col(StakeholderItem.stakeholder_id),
            col(Stakeholder.organisation),
        )
        .join(Stakeholder, col(Stakeholder.id) == col(StakeholderItem.stakeholder_id))
        .join(ActionItem, col(ActionItem.id) == col(StakeholderItem.item_id))
        .where(col(Stakeholder.municipality_code) == code)
        .order_by(col(ActionItem.title), col(Stakeholder.organisation))
    )
    return read_frame(con, statement).rename(columns={"title": "item_title"})


def _allowed(session: Session, actor: Actor, code: int) -> Target:
    target, name = municipality_target(session, code)
    require(actor, Action.EDIT_STAKEHOLDERS, target, where=name)
    return target


def _checked(
    *,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str,
    tracks: Iterable[str],
    note: str,
) -> dict[str, Any]:
    chosen = list(tracks)
    problem = stakeholder_refusal(
        organisation=organisation,
        contact_name=contact_name,
        email=email,
        phone=phone,
        tracks=chosen,
        note=note,
    )
    if problem:
        raise ValidationFailed(problem)
    return {
        "organisation": organisation.strip(),
        "contact_name": contact_name.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "tracks": tracks_text(chosen),
        "note": note.strip(),
    }


def _stakeholder(session: Session, stakeholder_id: int) -> Stakeholder:
    found = session.get(Stakeholder, stakeholder_id)
    if found is None:
        raise NotFound(M_("Aktøren findes ikke længere; indlæs siden igen."))
    return found


def add_stakeholder(
    engine: Engine,
    *,
    actor: Actor,
    code: int,
    organisation: str,
    contact_name: str = "",
    email: str = "",
    phone: str = "",
    tracks: Iterable[str] = (),
    note: str = "",
) -> int:
    """Add a stakeholder to the municipality's register; returns its id."""
    values = _checked(
        organisation=organisation,
        contact_name=contact_name,
        email=email,
        phone=phone,
        tracks=tracks,
        note=note,
    )
    with transaction(engine) as session:
        target = _allowed(session, actor, code)
        now = datetime.now(UTC)
        made = Stakeholder(
            municipality_code=code,
            **values,
            created_by=actor.username,
            created_at=now,
            changed_by=actor.username,
            changed_at=now,
        )
        session.add(made)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="stakeholder.create",
            entity="stakeholder",
            entity_key=str(made.id),
            summary=f"Aktør «{made.organisation}» tilføjet",
            before=None,
            after=values,
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return made.id or 0


def edit_stakeholder(
    engine: Engine,
    *,
    actor: Actor,
    stakeholder_id: int,
    loaded_version: int,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str,
    tracks: Iterable[str],
    note: str,
) -> None:
    """Change a stakeholder, if nobody else saved it since it was loaded (else nothing is written)."""
    values = _checked(
        organisation=organisation,
        contact_name=contact_name,
        email=email,
        phone=phone,
        tracks=tracks,
        note=note,
    )
    with transaction(engine) as session:
        found = _stakeholder(session, stakeholder_id)
        target = _allowed(session, actor, found.municipality_code)
        changes = edit_if_unchanged(
            session,
            found,
            loaded_version=loaded_version,
            values=values,
            by=actor.username,
            stale=M_(STALE, name=found.organisation),
        )
        if changes is None:
            return
        audit.record(
            session,
            actor=actor,
            action="stakeholder.update",
            entity="stakeholder",
            entity_key=str(stakeholder_id),
            summary=f"Aktør «{values['organisation']}» ændret",
            before=changes.before,
            after=changes.after,
            municipality_code=found.municipality_code,
            police_district_number=target.police_district_number,
        )


def delete_stakeholder(
    engine: Engine, *, actor: Actor, stakeholder_id: int, loaded_version: int
) -> None:
    """Delete a stakeholder and its links to plan items, if nobody else changed it since it was
    loaded (else nothing is written)."""
    with transaction(engine) as session:
        found = _stakeholder(session, stakeholder_id)
        target = _allowed(session, actor, found.municipality_code)
        before = {k: getattr(found, k) for k in STAKEHOLDER_FIELDS}
        session.flush()
        links = StakeholderItem.__table__  # type: ignore[attr-defined]
        session.connection().execute(delete(links).where(links.c.stakeholder_id == stakeholder_id))
        if not delete_if_unchanged(
            session, Stakeholder, key=stakeholder_id, loaded_version=loaded_version
        ):
            raise ValidationFailed(M_(STALE, name=found.organisation))  # rolls the links back
        session.expunge(found)
        audit.record(
            session,
            actor=actor,
            action="stakeholder.delete",
            entity="stakeholder",
            entity_key=str(stakeholder_id),
            summary=f"Aktør «{found.organisation}» slettet",
            before=before,
            after=None,
            municipality_code=found.municipality_code,
            police_district_number=target.police_district_number,
        )


def set_item_partners(
    engine: Engine, *, actor: Actor, item_id: int, stakeholder_ids: Iterable[int]
) -> bool:
    """Name exactly these stakeholders (of the item's municipality) as the plan item's partners.
    Returns whether anything changed (nothing is written, not even an audit row, otherwise)."""
    wanted = set(stakeholder_ids)
    with transaction(engine) as session:
        item = session.get(ActionItem, item_id)
        if item is None:
            raise NotFound(
                M_("Aktiviteten findes ikke længere i handlingsplanen; indlæs siden igen.")
            )
        code = item.municipality_code
        target = _allowed(session, actor, code)
        known = {
            s.id: s.organisation
            for s in session.exec(
                select(Stakeholder).where(col(Stakeholder.municipality_code) == code)
            ).all()
        }
        unknown = wanted - set(known)
        if unknown:
            raise NotFound(
                M_("En af de valgte aktører findes ikke (længere) i kommunens aktørliste.")
            )
        current = set(
            session.exec(
                select(StakeholderItem.stakeholder_id).where(StakeholderItem.item_id == item_id)
            ).all()
        )
        if current == wanted:
            return False
        for gone in current - wanted:
            link = session.get(StakeholderItem, (gone, item_id))
            if link is not None:
                session.delete(link)
        for new in sorted(wanted - current):
            session.add(StakeholderItem(stakeholder_id=new, item_id=item_id))
        session.flush()

        def names(ids: set[int]) -> str:
            return ", ".join(sorted(known.get(i, str(i)) for i in ids))

        audit.record(
            session,
            actor=actor,
            action="stakeholder.partners",
            entity="action_item",
            entity_key=str(item_id),
            summary=f"Partnere for aktiviteten «{item.title}» ændret",
            before={"partners": names(current)},
            after={"partners": names(wanted)},
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return True
