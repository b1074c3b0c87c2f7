"""One `botrygt remind` run: queue what is due (one transaction), send every unsent mail, audit.

1. Queue: in one transaction, the reminders (dataio.mail.reminders) and the briefs that are due
   (dataio.mail.brief) become outbox rows, and the briefs are recorded on their schedule. A crash
   here leaves nothing queued and nothing recorded.
2. Send: every unsent row (this run's and earlier runs' failures), oldest first; each attempt is
   recorded in its own transaction (sent, or the server's error: retried next run).
3. One audit row with the counts (the change log shows that the run happened, not each mail).
"""

import smtplib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.mail.brief import BriefMail, DueBrief, compose_briefs, due_briefs, queue_briefs
from dataio.mail.outbox import BRIEF, Outcome, mark, pending
from dataio.mail.reminders import Reminder, due_reminders, queue_reminders
from dataio.mail.smtp import Mailer, SmtpConfig, error_text, message
from dataio.settings import Settings
from models.i18n import DANISH, language_of, translate
from models.permissions import Actor, Role
from models.reminders import account_link
from models.tables import AppUser, MailOutbox

# The run reads every partnership's data to compose the briefs: it acts as the system.
REMIND_ACTOR = Actor("botrygt remind", Role.ADMIN)


@dataclass(frozen=True)
class Planned:
    """A mail this run queues (or, in a dry run, would queue)."""

    kind: str
    username: str
    address: str
    subject: str


@dataclass
class RunResult:
    """What the run queued and what became of every unsent mail."""

    queued: list[Planned] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    waiting: list[MailOutbox] = field(default_factory=list)  # dry run: unsent from earlier runs

    @property
    def sent(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is None]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]


def _plan(
    session: Session, *, settings: Settings, today: date, demo: bool
) -> tuple[list[Reminder], list[DueBrief], list[BriefMail], list[Planned]]:
    reminders = due_reminders(session, today=today, public_url=settings.public_url, demo=demo)
    briefs = due_briefs(session, today=today)
    brief_mails = compose_briefs(
        session, briefs, viewer=REMIND_ACTOR, today=today, public_url=settings.public_url
    )
    planned = [Planned("reminder", r.username, r.address, r.mail.subject) for r in reminders]
    planned += [Planned(BRIEF, b.username, b.address, b.mail.subject) for b in brief_mails]
    return reminders, briefs, brief_mails, planned


def unsubscribe_target(
    settings: Settings, config: SmtpConfig, kind: str, *, lang: str = DANISH
) -> str | None:
    """The brief's List-Unsubscribe: Min konto's address, else a mailto to the sender (its
    subject in the recipient's language)."""
    if kind != BRIEF:
        return None
    link = account_link(settings.public_url)
    if link:
        return link
    sender = config.sender.rpartition("<")[2].rstrip(">").strip()
    subject = translate(lang, "afmeld")
    return f"mailto:{sender}?subject={subject}"


def user_languages(engine: Engine) -> dict[str, str]:
    """Every user's language (Min konto), by username."""
    with Session(engine) as session:
        rows = session.exec(select(col(AppUser.username), col(AppUser.language))).all()
    return {str(username): language_of(language) for username, language in rows}


def remind(
    engine: Engine, *, settings: Settings, config: SmtpConfig, today: date, dry_run: bool = False
) -> RunResult:
    """Queue what is due and send every unsent mail (a dry run writes and sends nothing)."""
    demo = settings.demo_mode
    result = RunResult()
    if dry_run:
        with Session(engine) as session:
            *_, result.queued = _plan(session, settings=settings, today=today, demo=demo)
        result.waiting = pending(engine)
        return result
    with transaction(engine, bump_version=False) as session:
        reminders, briefs, brief_mails, result.queued = _plan(
            session, settings=settings, today=today, demo=demo
        )
        queue_reminders(session, reminders, today=today)
        queue_briefs(session, briefs, brief_mails, today=today)
    languages = user_languages(engine)
    with Mailer(config) as mailer:
        for row in pending(engine):
            mail = message(
                config,
                to=row.address,
                subject=row.subject,
                body=row.body,
                unsubscribe=unsubscribe_target(
                    settings, config, row.kind, lang=languages.get(row.username, DANISH)
                ),
            )
            error: str | None = None
            try:
                mailer.send(mail)
            except (smtplib.SMTPException, OSError, ValueError) as failure:
                error = error_text(failure)
            mark(engine, row.id or 0, error=error)
            result.outcomes.append(
                Outcome(row.id or 0, row.kind, row.username, row.address, row.subject, error)
            )
    _audit(engine, result)
    return result


def _audit(engine: Engine, result: RunResult) -> None:
    if not result.queued and not result.outcomes:
        return  # a run with nothing to do leaves no trace in the change log
    reminders = sum(1 for p in result.queued if p.kind != BRIEF)
    briefs = len(result.queued) - reminders
    with transaction(engine) as session:
        audit.record(
            session,
            actor=REMIND_ACTOR,
            action="mail.remind",
            entity="mail_outbox",
            entity_key="remind",
            summary=(
                f"Påmindelser og månedsbreve: {reminders} påmindelser og {briefs} breve lagt i kø, "
                f"{len(result.sent)} sendt, {len(result.failed)} fejlede"
            ),
            before=None,
            after={
                "reminders": reminders,
                "briefs": briefs,
                "sent": len(result.sent),
                "failed": len(result.failed),
            },
        )
