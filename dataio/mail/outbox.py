"""The outbox: every mail `botrygt remind` composes is a row before it is sent.

A row is queued in the run's first transaction (with a unique `dedupe_key`, so the same mail can
never be queued twice), sent, and then marked sent in its own small transaction; a failure is
recorded on the row (attempts, last_error) and the row is sent again by the next run. A crash
between the server accepting a mail and the row being marked can resend that one mail only.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db.engine import transaction
from models.tables import MailOutbox

REMINDER = "reminder"
BRIEF = "brief"


@dataclass(frozen=True)
class Outcome:
    """What became of one queued mail in this run."""

    id: int
    kind: str
    username: str
    address: str
    subject: str
    error: str | None  # None: sent


def pending(engine: Engine) -> list[MailOutbox]:
    """The queued mails not sent yet, oldest first."""
    with Session(engine, expire_on_commit=False) as session:
        statement = (
            select(MailOutbox)
            .where(col(MailOutbox.sent_at).is_(None))
            .order_by(col(MailOutbox.created_at), col(MailOutbox.id))
        )
        return list(session.exec(statement).all())


def mark(engine: Engine, mail_id: int, *, error: str | None) -> None:
    """Record one attempt: sent now, or the error (the row stays queued for the next run)."""
    with transaction(engine, bump_version=False) as session:
        row = session.get(MailOutbox, mail_id)
        if row is None:  # removed meanwhile (superseded): nothing to record
            return
        row.attempts += 1
        if error is None:
            row.sent_at = datetime.now(UTC)
            row.last_error = None
        else:
            row.last_error = error[:1000]
        session.add(row)


def last_reminder(session: Session, username: str) -> MailOutbox | None:
    """The newest reminder queued for the user (sent or not)."""
    statement = (
        select(MailOutbox)
        .where(col(MailOutbox.kind) == REMINDER, col(MailOutbox.username) == username)
        .order_by(col(MailOutbox.created_at).desc(), col(MailOutbox.id).desc())
        .limit(1)
    )
    return session.exec(statement).first()


def drop_unsent_reminders(session: Session, username: str) -> int:
    """Remove the user's unsent reminders: a newer one with today's list replaces them."""
    statement = select(MailOutbox).where(
        col(MailOutbox.kind) == REMINDER,
        col(MailOutbox.username) == username,
        col(MailOutbox.sent_at).is_(None),
    )
    rows = list(session.exec(statement).all())
    for row in rows:
        session.delete(row)
    return len(rows)


def is_queued(session: Session, dedupe_key: str) -> bool:
    """Whether a mail with this key was ever queued."""
    statement = select(col(MailOutbox.id)).where(col(MailOutbox.dedupe_key) == dedupe_key)
    return session.exec(statement).first() is not None
