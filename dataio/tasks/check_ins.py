"""Check-ins: the owner (or the project leader, or the police on their own and the joint items)
records where an item stands; the item takes the new status, progress and perhaps due date, and
the check-in counts as a touch for the 90-day rule (changed_at)."""

from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.access import require_read
from dataio.tasks.owners import conflict, load_item, refuse_unless_may_edit
from models.actionplan import ItemStatus
from models.change_text import check_in_summary
from models.i18n import M_
from models.permissions import Action, Actor, Role, Target, allows
from models.tables import ActionItem, ItemCheckIn

MAX_COMMENT = 500


def _validate(
    *, status: str, progress: int, comment: str, new_due_date: date | None, due_reason: str
) -> None:
    if status not in set(ItemStatus):
        raise ValidationFailed(
            M_(
                "Status skal være ikke startet, i gang, færdig, udskudt eller aflyst (fik {value})",
                value=repr(status),
            )
        )
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationFailed(
            M_("Fremdrift skal være et helt tal fra 0 til 100 (fik {value})", value=repr(progress))
        )
    if len(comment) > MAX_COMMENT or len(due_reason) > MAX_COMMENT:
        raise ValidationFailed(
            M_("Kommentar og begrundelse må højst være {count} tegn", count=MAX_COMMENT)
        )
    if new_due_date is not None and not due_reason.strip():
        raise ValidationFailed(
            M_("En ny frist skal have en begrundelse: skriv, hvorfor fristen flyttes")
        )


def _may_check_in(actor: Actor, item: ActionItem, target: Target) -> bool:
    """The owner may always update their own item (if they may read the plan); otherwise the plan's
    own rule. The council updates nothing."""
    if actor.role is Role.COUNCIL:
        return False
    own = item.owner_username is not None and item.owner_username == actor.username
    return own and allows(actor, Action.VIEW_MUNICIPALITY, target)


def record_check_in(
    engine: Engine,
    *,
    actor: Actor,
    item_id: int,
    loaded_version: int,
    status: str,
    progress: int,
    comment: str = "",
    new_due_date: date | None = None,
    due_reason: str = "",
    now: datetime | None = None,
) -> None:
    """Record a check-in: the item moves to the new status, progress (and due date, with a
    reason), its version and its changed_at move on; audited as 'action_item.check_in'."""
    comment, due_reason = comment.strip(), due_reason.strip()
    _validate(
        status=status,
        progress=progress,
        comment=comment,
        new_due_date=new_due_date,
        due_reason=due_reason,
    )
    now = now or datetime.now(UTC)
    with transaction(engine) as session:
        item, target, name = load_item(session, item_id)
        if actor.role is Role.COUNCIL:
            raise PermissionDenied(
                M_(
                    "Ingen adgang: du er {who} og må ikke give statusopdateringer i {name}s handlingsplan.",
                    who=actor.described(),
                    name=name,
                )
            )
        if not _may_check_in(actor, item, target):
            refuse_unless_may_edit(actor, item, target, name)
        before = {"status": item.status, "progress": item.progress, "due_date": item.due_date}
        after = {
            "status": status,
            "progress": progress,
            "due_date": new_due_date or item.due_date,
        }
        if item.row_version != loaded_version or not write_if_unchanged(
            session,
            ActionItem,
            key=item_id,
            loaded_version=loaded_version,
            values={**after, "changed_by": actor.username, "changed_at": now},
        ):
            session.refresh(item)
            raise conflict(item)
        session.add(
            ItemCheckIn(
                item_id=item_id,
                municipality_code=item.municipality_code,
                at=now,
                username=actor.username,
                status=status,
                progress=progress,
                comment=comment,
                new_due_date=new_due_date,
                due_reason=due_reason if new_due_date else "",
            )
        )
        audit.record(
            session,
            actor=actor,
            action="action_item.check_in",
            entity="action_item",
            entity_key=str(item_id),
            summary=check_in_summary(
                title=item.title, before=before, after=after, comment=comment, due_reason=due_reason
            ),
            before=before,
            after={**after, "comment": comment, "due_reason": due_reason if new_due_date else ""},
            municipality_code=item.municipality_code,
            police_district_number=target.police_district_number,
        )


def check_ins(con: Connectable, *, viewer: Actor, item_id: int) -> pd.DataFrame:
    """An item's check-ins, newest first (empty with the right columns when there are none)."""
    if isinstance(con, Session):
        item, _, _ = load_item(con, item_id)
    else:
        with Session(con) as session:
            item, _, _ = load_item(session, item_id)
    require_read(con, viewer=viewer, municipality_code=item.municipality_code)
    statement = (
        select(ItemCheckIn)
        .where(col(ItemCheckIn.item_id) == item_id)
        .order_by(col(ItemCheckIn.at).desc(), col(ItemCheckIn.id).desc())
    )
    return read_frame(con, statement)
