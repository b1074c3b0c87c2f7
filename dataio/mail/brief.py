"""The monthly "status for måltal" brief: when a partnership's is due, to whom, and what it says.

Due (per partnership municipality: a `partnership` row, or a municipality with an action plan or
a brief day; checked by every `botrygt remind` run):
- after new Danmarks Statistik quarters: the newest burglary quarter of the municipality differs
  from the one recorded with the last brief (`brief_schedule.last_quarter`; no brief yet counts
  as different), or
- on the partnership's day of the month (`brief_schedule.day_of_month`, 1-28, set with
  `botrygt remind --brief-day`): on or after that day, when no brief went out this month yet.
A brief sent for either reason counts as the month's brief. Recipients: the municipality's project
leaders and council members and its police district's police users, active, with an e-mail
address and `brief_subscribed`; each gets it in their own language (`app_user.language`). A partnership without recipients gets nothing (and nothing is
recorded, so the first subscriber gets the current brief on the next run).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.audit import AuditFilter, audit_counts, audit_page
from dataio.db.engine import transaction
from dataio.db.frames import Connectable
from dataio.errors import ValidationFailed
from dataio.mail.outbox import BRIEF, is_queued
from dataio.mail.reminders import mail_users
from dataio.store.access import municipality_target
from dataio.store.action_plans import plan_items, with_flags
from dataio.store.burglaries import municipal_pooling, municipality_overview
from dataio.store.neighbour_help import helper_overview
from dataio.store.surveys import insecurity_overview
from models.domain import Indicator
from models.formatting import danish_midnight, fmt_period
from models.goal_text import burglary_count_line, helper_lines, insecurity_lines
from models.home import change_summary, last_meeting, status_sentence
from models.i18n import DANISH, M_, N_, language_of, translator
from models.permissions import Action, Actor, Role, require
from models.pooling import Pooling
from models.reminders import BriefContent, GoalLine, Mail, OwnedItem, brief_mail
from models.tables import (
    ActionPlan,
    AppUser,
    BriefSchedule,
    BurglaryQuarter,
    MailOutbox,
    Municipality,
    Partnership,
)
from models.vocabulary import (
    NO_DATA_LABEL,
    NO_GOAL_LABEL,
    OVERDUE_FLAG,
    status_label,
    status_mark,
)

BRIEF_CHANGES = 10  # change-log sentences listed; the rest are counted
SCHEDULE_DAYS = range(1, 29)  # every month has these days
GOAL_NAMES = (N_("Indbrud"), N_("Nabohjælp"), N_("Tryghed"))
NO_HELPER_TARGET = N_("Intet rekrutteringsmål")
NO_OWNER = N_("Uden ansvarlig")
QUARTER_REASON = N_("nye kvartalstal fra Danmarks Statistik: {period}")
DAY_REASON = N_("månedens brev, den {day}. i måneden")


@dataclass(frozen=True)
class DueBrief:
    """One partnership's brief that is due: why, its edition key and its recipients."""

    municipality_code: int
    edition: str  # "2026K3" (new quarter) or "2026-12" (the day of the month)
    reason: str
    latest_quarter: str | None
    recipients: list[AppUser]
    day_of_month: int | None = None  # set when it is due for the day of the month

    def reason_text(self, *, lang: str = DANISH) -> str:
        """Why it is sent now, in the language (`reason` is the Danish)."""
        _ = translator(lang)
        if self.day_of_month is not None:
            return _(DAY_REASON).format(day=self.day_of_month)
        return _(QUARTER_REASON).format(period=fmt_period(self.edition, lang=lang))


@dataclass(frozen=True)
class BriefMail:
    """A composed brief to one recipient."""

    municipality_code: int
    username: str
    address: str
    dedupe_key: str
    mail: Mail


def latest_quarters(session: Session) -> dict[int, str]:
    """Each municipality's newest burglary quarter ("2026K3")."""
    statement = select(
        col(BurglaryQuarter.municipality_code), func.max(col(BurglaryQuarter.period))
    ).group_by(col(BurglaryQuarter.municipality_code))
    return {int(code): str(period) for code, period in session.exec(statement).all()}


def recipients(session: Session, users: dict[str, AppUser]) -> dict[int, list[AppUser]]:
    """Each municipality's brief recipients among the users who can get mail."""
    districts = dict(
        session.exec(select(col(Municipality.code), col(Municipality.police_district_number))).all()
    )
    by_code: dict[int, list[AppUser]] = {}
    for user in sorted(users.values(), key=lambda u: u.username):
        if not user.brief_subscribed:
            continue
        if user.role in {Role.PROJECT_LEADER, Role.COUNCIL} and user.municipality_code:
            by_code.setdefault(user.municipality_code, []).append(user)
        elif user.role == Role.POLICE and user.police_district_number is not None:
            for code, district in districts.items():
                if district == user.police_district_number:
                    by_code.setdefault(int(code), []).append(user)
    return by_code


def due_briefs(session: Session, *, today: date) -> list[DueBrief]:
    """The partnerships whose brief is due today, with recipients (nothing is written)."""
    partnerships = set(session.exec(select(col(Partnership.municipality_code))).all())
    schedules = {s.municipality_code: s for s in session.exec(select(BriefSchedule)).all()}
    partnerships |= set(session.exec(select(col(ActionPlan.municipality_code))).all())
    partnerships |= {code for code, s in schedules.items() if s.day_of_month}
    people = recipients(session, mail_users(session))
    quarters = latest_quarters(session)
    month = today.strftime("%Y-%m")
    due = []
    for code in sorted(partnerships):
        if not people.get(code):
            continue
        schedule = schedules.get(code)
        latest = quarters.get(code)
        if latest is not None and (schedule is None or schedule.last_quarter != latest):
            reason = QUARTER_REASON.format(period=fmt_period(latest))
            due.append(DueBrief(code, latest, reason, latest, people[code]))
        elif (
            schedule is not None
            and schedule.day_of_month
            and today.day >= schedule.day_of_month
            and schedule.last_month != month
        ):
            reason = DAY_REASON.format(day=schedule.day_of_month)
            due.append(DueBrief(code, month, reason, latest, people[code], schedule.day_of_month))
    return due


def _mark(status: str | None, *, lang: str) -> str:
    """'● På rette vej' in the language."""
    return status_mark(status, status_label(status, lang=lang))


def _goals(
    con: Connectable, *, viewer: Actor, code: int, pooling: Pooling | None, lang: str = DANISH
) -> tuple[list[GoalLine], bool]:
    """The three goals' status lines, as Min kommune's cards say them, in `lang`; whether any is
    demo."""
    _ = translator(lang)
    burglary, helper, safety = (_(name) for name in GOAL_NAMES)
    burglaries = municipality_overview(con, code=code, pooling=pooling)
    helpers = helper_overview(con, viewer=viewer, code=code)
    insecurity = insecurity_overview(con, viewer=viewer, code=code)
    burglary_status = burglaries.assessment.status
    helper_status = None if helpers.assessment.target is None else helpers.assessment.status
    insecurity_status = insecurity.assessment.status if insecurity.assessment.goal else None
    goals = [
        GoalLine(
            burglary,
            _mark(burglary_status, lang=lang) if burglary_status else _(NO_DATA_LABEL),
            burglary_count_line(burglaries.assessment, lang=lang)
            + ". "
            + status_sentence(Indicator.BURGLARIES, burglary_status, lang=lang),
        ),
        GoalLine(
            helper,
            _mark(helper_status, lang=lang) if helper_status else _(NO_HELPER_TARGET),
            helper_lines(helpers.assessment, lang=lang)[0]
            + " "
            + status_sentence(Indicator.HELPERS, helper_status, lang=lang),
        ),
        GoalLine(
            safety,
            _mark(insecurity_status, lang=lang) if insecurity_status else _(NO_GOAL_LABEL),
            insecurity_lines(insecurity.assessment, lang=lang)[0]
            + " "
            + status_sentence(Indicator.INSECURITY, insecurity_status, lang=lang),
        ),
    ]
    return goals, bool(burglaries.demo or helpers.demo or insecurity.demo)


def _overdue(
    con: Connectable, *, viewer: Actor, code: int, name: str, today: date, lang: str = DANISH
) -> dict[str, list[OwnedItem]]:
    """The plan's overdue items by owner (the user's display name, else the free-text owner)."""
    items = plan_items(con, viewer=viewer, municipality_code=code)
    if items.empty:
        return {}
    items = with_flags(items, today=today)
    session_names: dict[str, str] = {}
    owners = {str(u) for u in items["owner_username"].dropna()}
    if owners:
        statement = select(col(AppUser.username), col(AppUser.display_name)).where(
            col(AppUser.username).in_(owners)
        )
        if isinstance(con, Session):
            session_names = dict(con.exec(statement).all())
        else:
            with Session(con) as session:
                session_names = dict(session.exec(statement).all())
    by_owner: dict[str, list[OwnedItem]] = {}
    for row in items.itertuples():
        if OVERDUE_FLAG not in str(row.advarsel):
            continue
        username = None if pd.isna(row.owner_username) else str(row.owner_username)
        owner = (
            session_names.get(username or "")
            or str(row.owner_name or "").strip()
            or translator(lang)(NO_OWNER)
        )
        by_owner.setdefault(owner, []).append(
            OwnedItem(
                item_id=int(row.id),
                municipality_code=code,
                municipality_name=name,
                title=str(row.title),
                status=str(row.status),
                due_date=pd.Timestamp(row.due_date).date(),
                last_touched=pd.Timestamp(row.changed_at).date(),
                overdue=True,
                stale=False,
            )
        )
    for items_of_owner in by_owner.values():
        items_of_owner.sort(key=lambda item: (item.due_date or date.max, item.title))
    return by_owner


def brief_content(
    con: Connectable,
    *,
    viewer: Actor,
    code: int,
    today: date,
    since: date | None = None,
    reason: str = "",
    pooling: Pooling | None = None,
    lang: str = DANISH,
) -> BriefContent:
    """What a partnership's brief says: the goals, the changes since `since` (the last brief;
    None: 30 days ago) and the overdue items by owner; read as `viewer` (refused out of scope).
    `pooling`: the municipal trends' pooling, computed once for a run's briefs (else here).
    `lang`: the language of the goals' lines and the owner fallback (the change log's sentences
    are stored as written)."""
    start = last_meeting(today=today, known=since)
    goals, demo = _goals(
        con, viewer=viewer, code=code, pooling=pooling or municipal_pooling(con), lang=lang
    )
    filters = AuditFilter(since=danish_midnight(start), municipality_code=code)
    newest = audit_page(con, viewer=viewer, filters=filters, page=1, page_size=BRIEF_CHANGES)
    summary = change_summary(
        audit_counts(con, viewer=viewer, filters=filters),
        latest=list(newest.rows["summary"]) if not newest.rows.empty else [],
        since=start,
    )
    name = _name(con, code)
    return BriefContent(
        municipality_code=code,
        municipality_name=name,
        goals=goals,
        since=start,
        changes=list(summary.latest),
        more_changes=summary.total - len(summary.latest),
        overdue=_overdue(con, viewer=viewer, code=code, name=name, today=today, lang=lang),
        demo=demo,
        reason=reason,
    )


def _name(con: Connectable, code: int) -> str:
    if isinstance(con, Session):
        municipality = con.get(Municipality, code)
    else:
        with Session(con) as session:
            municipality = session.get(Municipality, code)
    return municipality.name if municipality else str(code)


def compose_briefs(
    session: Session, due: list[DueBrief], *, viewer: Actor, today: date, public_url: str
) -> list[BriefMail]:
    """One mail per due brief and recipient, skipping any already queued; each in the
    recipient's language (the content read once per brief and language)."""
    mails: list[BriefMail] = []
    pooling = municipal_pooling(session) if due else None
    for brief in due:
        schedule = session.get(BriefSchedule, brief.municipality_code)
        since = schedule.last_brief_at.date() if schedule and schedule.last_brief_at else None
        contents: dict[str, BriefContent] = {}
        for user in brief.recipients:
            key = f"brief:{brief.municipality_code}:{brief.edition}:{user.username}"
            if is_queued(session, key):
                continue
            lang = language_of(user.language)
            if lang not in contents:
                contents[lang] = brief_content(
                    session,
                    viewer=viewer,
                    code=brief.municipality_code,
                    today=today,
                    since=since,
                    reason=brief.reason if lang == DANISH else brief.reason_text(lang=lang),
                    pooling=pooling,
                    lang=lang,
                )
            mail = brief_mail(
                contents[lang],
                display_name=user.display_name,
                today=today,
                public_url=public_url,
                lang=lang,
            )
            mails.append(
                BriefMail(brief.municipality_code, user.username, user.email or "", key, mail)
            )
    return mails


def queue_briefs(
    session: Session, due: list[DueBrief], mails: list[BriefMail], *, today: date
) -> None:
    """Add the briefs to the outbox and record them on the schedule (the caller's transaction)."""
    now = datetime.now(UTC)
    for mail in mails:
        session.add(
            MailOutbox(
                kind=BRIEF,
                dedupe_key=mail.dedupe_key,
                username=mail.username,
                address=mail.address,
                municipality_code=mail.municipality_code,
                subject=mail.mail.subject,
                body=mail.mail.body,
                created_at=now,
            )
        )
    for brief in due:
        schedule = session.get(BriefSchedule, brief.municipality_code) or BriefSchedule(
            municipality_code=brief.municipality_code
        )
        schedule.last_quarter = brief.latest_quarter
        schedule.last_month = today.strftime("%Y-%m")
        schedule.last_brief_at = now
        session.add(schedule)


def set_brief_day(engine: Engine, *, actor: Actor, municipality_code: int, day: int | None) -> None:
    """Set (or with None clear) the partnership's day of the month for the brief; audited."""
    if day is not None and day not in SCHEDULE_DAYS:
        raise ValidationFailed(
            M_(
                "Dagen for månedsbrevet skal være mellem 1 og 28 (ikke {day}), så den findes i "
                "alle måneder",
                day=day,
            )
        )
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.EDIT_ACTION_PLAN, target, where=name)
        schedule = session.get(BriefSchedule, municipality_code) or BriefSchedule(
            municipality_code=municipality_code
        )
        before = schedule.day_of_month
        schedule.day_of_month = day
        session.add(schedule)
        audit.record(
            session,
            actor=actor,
            action="brief.schedule",
            entity="brief_schedule",
            entity_key=str(municipality_code),
            summary=(
                f"Månedsbrevet for {name} sendes den {day}. i måneden"
                if day
                else f"Månedsbrevet for {name} sendes kun efter nye kvartalstal"
            ),
            before={"day_of_month": before},
            after={"day_of_month": day},
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )
