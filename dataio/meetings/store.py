"""Meetings of a partnership, their agendas and decisions, and the meeting pack tied to each.

The project leader of the municipality (and the administrator) records meetings and decisions; the
police of its district and the council read them. A decision may create a plan item or change an
existing one's due date, owner or status: through the plan's own write
(`dataio.store.action_plans.apply_changes`), in the same transaction as the decision, so the item is
audited, checked against concurrent edits and shows in the plan, the Gantt chart and the change log.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.audit import AuditFilter, audit_counts
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import write_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.meeting_pack.pack import build_report
from dataio.settings import MIN_HOTSPOT_COUNT
from dataio.store.access import municipality_target, require_read
from dataio.store.action_plans import ItemEdit, apply_changes, has_plan, plan_items
from dataio.store.burglaries import municipality_overview
from dataio.store.incidents.view import hotspot_view
from dataio.store.neighbour_help import helper_overview
from dataio.store.surveys import insecurity_overview
from dataio.store.walks import open_follow_ups
from dataio.tasks.owners import partnership_users
from models.actionplan import ItemStatus, Organisation, Track, is_overdue
from models.formatting import danish_midnight
from models.home import change_summary, last_meeting
from models.hotspot_text import hotspot_line
from models.i18n import DANISH, M_, N_
from models.meetings import (
    AgendaChanges,
    AgendaFollowUp,
    AgendaGoal,
    AgendaItem,
    compose_agenda,
    decision_problem_message,
    meeting_problem_message,
)
from models.permissions import Action, Actor, Role, Target, require
from models.tables import ActionItem, AppUser, Meeting, MeetingDecision, Municipality

# the fields a meeting's edit may change, as the change log shows them
MEETING_FIELDS = ("held_on", "title", "participants", "agenda", "minutes", "pack_snapshot_id")
# the goals as the agenda names them (translated where the agenda is written)
GOAL_NAMES = (N_("Indbrud"), N_("Nabohjælp"), N_("Tryghed"))


def _ensure(con: Connectable) -> Session:
    """A session on the connectable (the caller's own when it is one)."""
    return con if isinstance(con, Session) else Session(con, expire_on_commit=False)


# --- who may own a decision's item ------------------------------------------------------------


@dataclass(frozen=True)
class PartnershipUser:
    """A user of the partnership who can own a plan item."""

    username: str
    display_name: str
    role: str  # models.permissions.Role


def _partnership_users(session: Session, *, code: int, district: int) -> list[PartnershipUser]:
    return [
        PartnershipUser(username, name, Role(role))
        for username, name, role in partnership_users(session, Target(code, district))
    ]


def decision_owners(con: Connectable, *, viewer: Actor, code: int) -> list[PartnershipUser]:
    """The users who can own an item a decision creates: the municipality's project leaders and
    the police of its district (active accounts), by name."""
    require_read(con, viewer=viewer, municipality_code=code)
    session = _ensure(con)
    try:
        target, _name = municipality_target(session, code)
        return _partnership_users(session, code=code, district=target.police_district_number or 0)
    finally:
        if session is not con:
            session.close()


# --- reads ---------------------------------------------------------------------------------------


def meetings(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's meetings, newest first, with the number of decisions each."""
    require_read(con, viewer=viewer, municipality_code=code)
    decisions = (
        select_columns(col(MeetingDecision.meeting_id), func.count().label("decisions"))
        .group_by(col(MeetingDecision.meeting_id))
        .subquery()
    )
    statement = (
        select_columns(
            col(Meeting.id),
            col(Meeting.held_on),
            col(Meeting.title),
            col(Meeting.participants),
            col(Meeting.pack_snapshot_id),
            func.coalesce(decisions.c.decisions, 0).label("decisions"),
        )
        .outerjoin(decisions, decisions.c.meeting_id == col(Meeting.id))
        .where(col(Meeting.municipality_code) == code)
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
    )
    return read_frame(con, statement)


def last_meeting_date(
    con: Connectable, *, viewer: Actor, code: int, today: date | None = None
) -> date | None:
    """The day of the municipality's latest meeting (on or before `today` when given), or None:
    where "what changed since the last meeting" counts from."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement = select(func.max(Meeting.held_on)).where(col(Meeting.municipality_code) == code)
    if today is not None:
        statement = statement.where(col(Meeting.held_on) <= today)
    session = _ensure(con)
    try:
        value = session.exec(statement).one()
    finally:
        if session is not con:
            session.close()
    return None if value is None else pd.Timestamp(value).date()


@dataclass(frozen=True)
class DecisionRow:
    """A decision as the meeting's view and its minutes show it."""

    id: int
    position: int
    text: str
    item_id: int | None
    item_title: str | None  # None: no item, or the item was deleted since
    owner: str  # the owner's name (a user's display name, or the item's free text)
    due_date: date | None


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting with its decisions, and the municipality's name."""

    meeting: Meeting
    municipality: str
    decisions: list[DecisionRow]


def _meeting(session: Session, meeting_id: int) -> Meeting:
    found = session.get(Meeting, meeting_id)
    if found is None:
        raise NotFound(M_("Mødet findes ikke (id {id})", id=meeting_id))
    return found


def meeting_detail(con: Connectable, *, viewer: Actor, meeting_id: int) -> MeetingDetail:
    """A meeting, its municipality's name and its decisions in order (refused out of scope)."""
    session = _ensure(con)
    try:
        found = _meeting(session, meeting_id)
        require_read(session, viewer=viewer, municipality_code=found.municipality_code)
        _target, name = municipality_target(session, found.municipality_code)
        rows = session.exec(
            select(MeetingDecision, ActionItem, AppUser)
            .outerjoin(ActionItem, col(ActionItem.id) == col(MeetingDecision.item_id))
            .outerjoin(AppUser, col(AppUser.username) == col(MeetingDecision.owner_username))
            .where(col(MeetingDecision.meeting_id) == meeting_id)
            .order_by(col(MeetingDecision.position), col(MeetingDecision.id))
        ).all()
        decisions = [
            DecisionRow(
                id=d.id or 0,
                position=d.position,
                text=d.text,
                item_id=d.item_id,
                item_title=None if item is None else item.title,
                owner=(
                    user.display_name
                    if user is not None
                    else (item.owner_name if item is not None else (d.owner_username or ""))
                ),
                due_date=d.due_date,
            )
            for d, item, user in rows
        ]
        session.expunge(found)
        return MeetingDetail(meeting=found, municipality=name, decisions=decisions)
    finally:
        if session is not con:
            session.close()


@dataclass(frozen=True)
class UserMeeting:
    """A meeting in a user's calendar."""

    id: int
    held_on: date
    title: str
    municipality_code: int
    municipality: str


def meetings_for_user(con: Connectable, *, username: str) -> list[UserMeeting]:
    """The meetings of the partnerships a user belongs to (a project leader's and council member's
    municipality, the police's district; an administrator's: all), oldest first: the calendar
    feed's meetings. The user is the reader: an unknown or disabled user gets none."""
    session = _ensure(con)
    try:
        user = session.exec(select(AppUser).where(AppUser.username == username)).first()
        if user is None or not user.active:
            return []
        statement = select(Meeting, Municipality).join(
            Municipality, col(Municipality.code) == col(Meeting.municipality_code)
        )
        if user.role == Role.POLICE:
            statement = statement.where(
                col(Municipality.police_district_number) == user.police_district_number
            )
        elif user.role != Role.ADMIN:
            statement = statement.where(col(Meeting.municipality_code) == user.municipality_code)
        rows = session.exec(statement.order_by(col(Meeting.held_on), col(Meeting.id))).all()
        return [
            UserMeeting(m.id or 0, m.held_on, m.title, m.municipality_code, place.name)
            for m, place in rows
        ]
    finally:
        if session is not con:
            session.close()


# --- the draft agenda ----------------------------------------------------------------------------


def agenda_goals(con: Connectable, *, viewer: Actor, code: int) -> list[AgendaGoal]:
    """The three goals' statuses as Min kommune shows them (a goal without a target: None)."""
    burglaries = municipality_overview(con, code=code).assessment
    helpers = helper_overview(con, viewer=viewer, code=code).assessment
    insecurity = insecurity_overview(con, viewer=viewer, code=code).assessment
    burglary, helper, safety = GOAL_NAMES
    return [
        AgendaGoal(burglary, burglaries.status),
        AgendaGoal(helper, None if helpers.target is None else helpers.status),
        AgendaGoal(safety, None if insecurity.goal is None else insecurity.status),
    ]


def draft_agenda(
    con: Connectable,
    *,
    viewer: Actor,
    code: int,
    today: date,
    hotspot_min_count: int = 3,
    lang: str = DANISH,
) -> str:
    """A draft agenda from the status: goals not on track, overdue plan items, open follow-ups from
    safety walks and what changed since the last meeting (else the last 30 days), in `lang`."""
    require_read(con, viewer=viewer, municipality_code=code)
    overdue: list[AgendaItem] = []
    if has_plan(con, viewer=viewer, municipality_code=code):
        for r in plan_items(con, viewer=viewer, municipality_code=code).itertuples():
            due = None if pd.isna(r.due_date) else pd.Timestamp(r.due_date).date()
            if due is not None and is_overdue(status=str(r.status), due_date=due, today=today):
                overdue.append(AgendaItem(str(r.title), str(r.owner_name or ""), due))
    follow_ups = [
        AgendaFollowUp(str(r.description), str(r.area), pd.Timestamp(r.walk_date).date())
        for r in open_follow_ups(con, viewer=viewer, municipality_code=code).itertuples()
    ]
    known = last_meeting_date(con, viewer=viewer, code=code, today=today)
    since = last_meeting(today=today, known=known)
    counts = audit_counts(
        con,
        viewer=viewer,
        filters=AuditFilter(since=danish_midnight(since), municipality_code=code),
    )
    summary = change_summary(counts, latest=[], since=since)
    view = hotspot_view(con, viewer=viewer, code=code, min_count=hotspot_min_count)
    hotspots = (
        [
            f"{cell.cell}: {hotspot_line(cell, view.scan.weeks, lang=lang)}"
            for cell in view.scan.hotspots
        ]
        if view.scan is not None
        else []
    )
    return compose_agenda(
        hotspots=hotspots,
        goals=agenda_goals(con, viewer=viewer, code=code),
        overdue=overdue,
        follow_ups=follow_ups,
        changes=AgendaChanges(
            since=since, by_topic=summary.by_topic, from_meeting=known is not None
        ),
        today=today,
        lang=lang,
    )


# --- writes --------------------------------------------------------------------------------------


def _check_meeting(
    *, title: str, held_on: date | None, participants: str, agenda: str, minutes: str = ""
) -> None:
    problem = meeting_problem_message(
        title=title,
        held_on=held_on,
        fields={
            N_("Deltagerlisten"): participants,
            N_("Dagsordenen"): agenda,
            N_("Referatet"): minutes,
        },
    )
    if problem:
        raise ValidationFailed(problem)


def _record_meeting(
    session: Session,
    *,
    actor: Actor,
    meeting: Meeting,
    action: str,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    district: int | None,
) -> None:
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="meeting",
        entity_key=str(meeting.id),
        summary=summary,
        before=before,
        after=after,
        municipality_code=meeting.municipality_code,
        police_district_number=district,
    )


def create_meeting(
    engine: Engine,
    *,
    actor: Actor,
    code: int,
    held_on: date | None,
    title: str,
    participants: str = "",
    agenda: str = "",
) -> int:
    """Register a meeting of the municipality's partnership; returns its id."""
    _check_meeting(title=title, held_on=held_on, participants=participants, agenda=agenda)
    assert held_on is not None
    with transaction(engine) as session:
        target, name = municipality_target(session, code)
        require(actor, Action.EDIT_MEETINGS, target, where=name)
        meeting = Meeting(
            municipality_code=code,
            held_on=held_on,
            title=title.strip(),
            participants=participants.strip(),
            agenda=agenda.rstrip(),
            created_by=actor.username,
            created_at=datetime.now(UTC),
        )
        session.add(meeting)
        session.flush()
        _record_meeting(
            session,
            actor=actor,
            meeting=meeting,
            action="meeting.create",
            summary=f"Møde «{meeting.title}» den {held_on.isoformat()} oprettet",
            before=None,
            after={k: getattr(meeting, k) for k in MEETING_FIELDS[:4]},
            district=target.police_district_number,
        )
        return meeting.id or 0


def _update(
    session: Session,
    *,
    actor: Actor,
    meeting: Meeting,
    loaded_version: int,
    values: dict[str, Any],
) -> None:
    """Write the changed values if the meeting is still at the loaded version, with its audit row."""
    target, name = municipality_target(session, meeting.municipality_code)
    require(actor, Action.EDIT_MEETINGS, target, where=name)
    changed = {k: v for k, v in values.items() if getattr(meeting, k) != v}
    if not changed:
        return
    before = {k: getattr(meeting, k) for k in changed}
    if not write_if_unchanged(
        session, Meeting, key=meeting.id or 0, loaded_version=loaded_version, values=changed
    ):
        raise ValidationFailed(
            M_(
                "Mødet «{title}» er ændret af en anden, siden du åbnede det. Indlæs siden "
                "igen og ret derefter (intet er gemt).",
                title=meeting.title,
            )
        )
    _record_meeting(
        session,
        actor=actor,
        meeting=meeting,
        action="meeting.update",
        summary=f"Møde «{values.get('title', meeting.title)}» ændret",
        before=before,
        after=changed,
        district=target.police_district_number,
    )


def edit_meeting(
    engine: Engine,
    *,
    actor: Actor,
    meeting_id: int,
    loaded_version: int,
    held_on: date | None,
    title: str,
    participants: str,
    agenda: str,
    minutes: str,
) -> None:
    """Change a meeting's date, title, participants, agenda and minutes (refused when someone else
    saved it since it was loaded: nothing is written then)."""
    _check_meeting(
        title=title, held_on=held_on, participants=participants, agenda=agenda, minutes=minutes
    )
    with transaction(engine) as session:
        meeting = _meeting(session, meeting_id)
        _update(
            session,
            actor=actor,
            meeting=meeting,
            loaded_version=loaded_version,
            values={
                "held_on": held_on,
                "title": title.strip(),
                "participants": participants.strip(),
                "agenda": agenda.rstrip(),
                "minutes": minutes.rstrip(),
            },
        )


def tie_pack(
    engine: Engine,
    *,
    actor: Actor,
    meeting_id: int,
    today: date,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
) -> str:
    """Build the meeting pack for the meeting's municipality (changes since the meeting before it)
    and store its snapshot id with the meeting; returns the id. The files stay on Rapport, which
    passes the same `hotspot_min_count` (Settings), so the same data gives the same id."""
    with Session(engine) as session:
        meeting = _meeting(session, meeting_id)
        target, name = municipality_target(session, meeting.municipality_code)
        require(actor, Action.EDIT_MEETINGS, target, where=name)
        code, version, held_on = meeting.municipality_code, meeting.row_version, meeting.held_on
        previous = session.exec(
            select(func.max(Meeting.held_on)).where(
                col(Meeting.municipality_code) == code,
                col(Meeting.held_on) < held_on,
                col(Meeting.held_on) <= today,
            )
        ).one()
    since = None if previous is None else pd.Timestamp(previous).date()
    report = build_report(
        engine,
        viewer=actor,
        municipality_code=code,
        police_district=None,
        since=since,
        today=today,
        hotspot_min_count=hotspot_min_count,
    )
    snapshot = report.snapshot_id
    with transaction(engine) as session:
        meeting = _meeting(session, meeting_id)
        _update(
            session,
            actor=actor,
            meeting=meeting,
            loaded_version=version,
            values={"pack_snapshot_id": snapshot},
        )
    return snapshot


@dataclass(frozen=True)
class NewItem:
    """A plan item a decision creates. The owner is a user of the partnership (`owner_username`)
    or free text (`owner_name`) for someone without an account."""

    title: str
    track: str = Track.ORGANISATION
    owner_username: str | None = None
    owner_name: str = ""
    organisation: str = Organisation.JOINT
    due_date: date | None = None


@dataclass(frozen=True)
class ItemChange:
    """What a decision changes on an existing item (None: leave as it is)."""

    item_id: int
    loaded_version: int
    due_date: date | None = None
    owner_username: str | None = None
    owner_name: str | None = None
    status: str | None = None


def _owner_values(
    session: Session, *, code: int, district: int, username: str | None, name: str | None
) -> dict[str, Any]:
    """The item's owner fields: a partnership user's username and display name, or free text."""
    if username:
        users = {u.username: u for u in _partnership_users(session, code=code, district=district)}
        user = users.get(username.strip().lower())
        if user is None:
            raise ValidationFailed(
                M_(
                    "«{username}» er ikke en aktiv bruger i partnerskabet (kommunens projektledere "
                    "og politikredsens politi); skriv i stedet navnet som fritekst.",
                    username=username,
                )
            )
        return {"owner_username": user.username, "owner_name": user.display_name}
    if name is not None:
        return {"owner_username": None, "owner_name": name.strip()}
    return {}


def record_decision(
    engine: Engine,
    *,
    actor: Actor,
    meeting_id: int,
    text: str,
    new_item: NewItem | None = None,
    change: ItemChange | None = None,
) -> int:
    """Record a decision of the meeting; it may create a plan item or change an existing one, in
    the same transaction (a refusal, an invalid value or a concurrent edit writes nothing at all).
    Returns the decision's id."""
    problem = decision_problem_message(text)
    if problem:
        raise ValidationFailed(problem)
    if new_item is not None and change is not None:
        raise ValidationFailed(
            M_("En beslutning kan oprette én aktivitet eller ændre én, ikke begge.")
        )
    with transaction(engine) as session:
        meeting = _meeting(session, meeting_id)
        code = meeting.municipality_code
        target, name = municipality_target(session, code)
        require(actor, Action.EDIT_MEETINGS, target, where=name)
        district = target.police_district_number or 0
        item_id: int | None = None
        owner: str | None = None
        due: date | None = None
        if new_item is not None:
            values: dict[str, Any] = {
                "title": new_item.title.strip(),
                "track": new_item.track,
                "organisation": new_item.organisation,
                "due_date": new_item.due_date,
                "status": ItemStatus.NOT_STARTED,
                **_owner_values(
                    session,
                    code=code,
                    district=district,
                    username=new_item.owner_username,
                    name=new_item.owner_name,
                ),
            }
            label = new_item.title.strip() or "ny aktivitet"
            result = apply_changes(
                session,
                actor=actor,
                municipality_code=code,
                edits=[ItemEdit(None, None, values, label=label)],
            )
            item_id, owner, due = result.created[0], values.get("owner_username"), new_item.due_date
        elif change is not None:
            item = session.get(ActionItem, change.item_id)
            if item is None or item.municipality_code != code:
                raise NotFound(M_("Aktiviteten findes ikke længere i {name}s plan", name=name))
            values = _owner_values(
                session,
                code=code,
                district=district,
                username=change.owner_username,
                name=change.owner_name,
            )
            if change.due_date is not None:
                values["due_date"] = change.due_date
            if change.status is not None:
                values["status"] = change.status
            if not values:
                raise ValidationFailed(
                    M_(
                        "Vælg, hvad beslutningen ændrer ved «{title}»: frist, ansvarlig eller "
                        "status.",
                        title=item.title,
                    )
                )
            result = apply_changes(
                session,
                actor=actor,
                municipality_code=code,
                edits=[ItemEdit(item.id, change.loaded_version, values, label=item.title)],
            )
            if result.conflicts:
                raise ValidationFailed(
                    M_(
                        "«{title}» er ændret af en anden, siden du åbnede mødet. Indlæs siden "
                        "igen (intet er gemt).",
                        title=item.title,
                    )
                )
            session.refresh(item)
            item_id, owner, due = item.id, item.owner_username, item.due_date
        position = len(
            session.exec(
                select(MeetingDecision.id).where(MeetingDecision.meeting_id == meeting_id)
            ).all()
        )
        decision = MeetingDecision(
            meeting_id=meeting_id,
            position=position,
            text=text.strip(),
            item_id=item_id,
            owner_username=owner,
            due_date=due,
            created_by=actor.username,
            created_at=datetime.now(UTC),
        )
        session.add(decision)
        session.flush()
        what = (
            f"; aktivitet «{new_item.title.strip()}» oprettet"
            if new_item is not None
            else "; en aktivitet ændret"
            if change is not None
            else ""
        )
        audit.record(
            session,
            actor=actor,
            action="meeting.decision",
            entity="meeting_decision",
            entity_key=str(decision.id),
            summary=(
                f"Beslutning på mødet «{meeting.title}» den {meeting.held_on.isoformat()}{what}"
            ),
            before=None,
            after={
                "meeting_id": meeting_id,
                "text": decision.text,
                "item_id": item_id,
                "owner_username": owner,
                "due_date": due,
            },
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return decision.id or 0
