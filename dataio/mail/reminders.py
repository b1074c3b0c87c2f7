"""Each owner's flagged plan items, and queueing their reminder when something is new.

An item is an owner's when its `owner_username` names an active user with an e-mail address who
may read the item's municipality. The flags are the plan's own (`with_flags`: overdue, untouched
for 90 days) plus due within 7 days (models.reminders.is_due_soon).

"New" (one reminder per owner per day at most): a reminder is queued when the owner has flagged
items and either no reminder was ever queued for them, or the flagged set (which items, in which
section: models.reminders.fingerprint) differs from their last one, or the last one is
REPEAT_AFTER_DAYS days old or more. Each reminder is written in its owner's language
(`app_user.language`, chosen on Min konto). A queued reminder that was never sent is replaced by the new
one (which lists the current state), so an owner never gets yesterday's list after today's.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlmodel import Session, col, select

from dataio.db.frames import read_frame
from dataio.mail.outbox import REMINDER, drop_unsent_reminders, is_queued, last_reminder
from dataio.store.action_plans import with_flags
from dataio.store.users import actor_of
from models.i18n import language_of
from models.permissions import Action, Target, allows
from models.reminders import (
    REPEAT_AFTER_DAYS,
    Mail,
    OwnedItem,
    fingerprint,
    flagged,
    reminder_mail,
)
from models.tables import ActionItem, AppUser, MailOutbox, Municipality
from models.vocabulary import OVERDUE_FLAG, STALE_FLAG


@dataclass(frozen=True)
class Reminder:
    """One owner's reminder, composed (queued or, in a dry run, only shown)."""

    username: str
    address: str
    fingerprint: str
    mail: Mail


def owned_items(session: Session, *, today: date) -> dict[str, list[OwnedItem]]:
    """Every owner's items with the plan's flags, by username (every owner, flagged or not)."""
    items = read_frame(
        session, select(ActionItem).where(col(ActionItem.owner_username).is_not(None))
    )
    if items.empty:
        return {}
    items = with_flags(items, today=today)
    names = dict(session.exec(select(col(Municipality.code), col(Municipality.name))).all())
    owned: dict[str, list[OwnedItem]] = {}
    for row in items.itertuples():
        due = None if pd.isna(row.due_date) else pd.Timestamp(row.due_date).date()
        flags = str(row.advarsel)
        owned.setdefault(str(row.owner_username), []).append(
            OwnedItem(
                item_id=int(row.id),
                municipality_code=int(row.municipality_code),
                municipality_name=names.get(int(row.municipality_code), str(row.municipality_code)),
                title=str(row.title),
                status=str(row.status),
                due_date=due,
                last_touched=pd.Timestamp(row.changed_at).date(),
                overdue=OVERDUE_FLAG in flags,
                stale=STALE_FLAG in flags,
            )
        )
    return owned


def mail_users(session: Session) -> dict[str, AppUser]:
    """The active users with an e-mail address, by username."""
    statement = select(AppUser).where(
        col(AppUser.active).is_(True), col(AppUser.email).is_not(None), col(AppUser.email) != ""
    )
    return {user.username: user for user in session.exec(statement).all()}


def _readable(session: Session, user: AppUser, items: list[OwnedItem]) -> list[OwnedItem]:
    """The items of municipalities the user may read (an owner moved elsewhere is not told)."""
    districts = dict(
        session.exec(select(col(Municipality.code), col(Municipality.police_district_number))).all()
    )
    actor = actor_of(user)
    return [
        item
        for item in items
        if allows(
            actor,
            Action.VIEW_MUNICIPALITY,
            Target(item.municipality_code, districts.get(item.municipality_code)),
        )
    ]


def _is_new(last: MailOutbox | None, print_: str, *, today: date) -> bool:
    if last is None or last.fingerprint != print_:
        return True
    day = date.fromisoformat(last.dedupe_key.rsplit(":", 1)[1])  # the run's day (--today)
    return day <= today - timedelta(days=REPEAT_AFTER_DAYS)


def due_reminders(session: Session, *, today: date, public_url: str, demo: bool) -> list[Reminder]:
    """The reminders this run should queue (nothing is written)."""
    users = mail_users(session)
    due = []
    for username, items in sorted(owned_items(session, today=today).items()):
        user = users.get(username)
        if user is None or not user.email:
            continue
        mine = _readable(session, user, items)
        print_ = fingerprint(flagged(mine, today=today))
        mail = reminder_mail(
            display_name=user.display_name,
            items=mine,
            today=today,
            public_url=public_url,
            demo=demo,
            lang=language_of(user.language),
        )
        if mail is None or is_queued(session, _key(username, today)):
            continue
        if _is_new(last_reminder(session, username), print_, today=today):
            due.append(Reminder(username, user.email, print_, mail))
    return due


def _key(username: str, today: date) -> str:
    return f"reminder:{username}:{today.isoformat()}"


def queue_reminders(session: Session, reminders: list[Reminder], *, today: date) -> None:
    """Add the reminders to the outbox (in the caller's transaction), replacing unsent ones."""
    now = datetime.now(UTC)
    for reminder in reminders:
        drop_unsent_reminders(session, reminder.username)
        session.add(
            MailOutbox(
                kind=REMINDER,
                dedupe_key=_key(reminder.username, today),
                username=reminder.username,
                address=reminder.address,
                fingerprint=reminder.fingerprint,
                subject=reminder.mail.subject,
                body=reminder.mail.body,
                created_at=now,
            )
        )
