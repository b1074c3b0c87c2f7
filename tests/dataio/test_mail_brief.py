"""The monthly brief's store parts on SQLite and PostgreSQL: who gets it (subscribed, active, with
an address, of the partnership), that it goes out once after new quarters (through a real local
SMTP server), and the partnership's day of the month."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db.engine import transaction
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.mail.brief import (
    compose_briefs,
    due_briefs,
    latest_quarters,
    queue_briefs,
    set_brief_day,
)
from dataio.mail.run import REMIND_ACTOR, remind
from dataio.mail.smtp import smtp_config
from dataio.settings import Settings
from dataio.store.action_plans import create_plan
from models.domain import SourceKind
from models.permissions import Actor, Role
from models.tables import AppUser, AuditEntry, BriefSchedule, BurglaryQuarter, DataSource
from tests.support.smtp import body, smtp_server

ISHOJ = 183
TODAY = date(2026, 12, 2)
ADMIN = Actor("admin", Role.ADMIN)


def add_quarter(engine: Engine, period: str) -> None:
    """An imported quarter for Ishøj (what a new Danmarks Statistik import brings)."""
    now = datetime.now(UTC)
    with transaction(engine) as session:
        source = DataSource(name="STRAF11 (test)", kind=SourceKind.FILE, as_of=TODAY, loaded_at=now)
        session.add(source)
        session.flush()
        session.add(
            BurglaryQuarter(
                municipality_code=ISHOJ,
                period=period,
                year=int(period[:4]),
                quarter=int(period[-1]),
                count=12,
                source_id=source.id or 0,
                imported_at=now,
            )
        )


def newest_period(engine: Engine) -> str:
    """Ishøj as a partnership with a plan (the seeded data has neither) and its newest quarter."""
    create_plan(engine, actor=ADMIN, municipality_code=ISHOJ, template_rows=[0, 1])
    with Session(engine) as session:
        latest = latest_quarters(session).get(ISHOJ)
    if latest is not None:
        return latest
    add_quarter(engine, "2026K3")
    return "2026K3"


def next_period(period: str) -> str:
    year, quarter = int(period[:4]), int(period[-1])
    return f"{year + 1}K1" if quarter == 4 else f"{year}K{quarter + 1}"


def settings(url: str = "", public_url: str = "https://botrygt.example") -> Settings:
    return Settings(
        database_url="", demo_mode=False, cookie_key="", smtp_url=url, public_url=public_url
    )


def edit_users(engine: Engine) -> None:
    """byraad unsubscribes, politi is deactivated, and a second project leader has no address."""
    with transaction(engine) as session:
        for user in session.exec(select(AppUser)).all():
            if user.username == "byraad":
                user.brief_subscribed = False
            if user.username == "politi":
                user.active = False
            session.add(user)
        now = datetime.now(UTC)
        session.add(
            AppUser(
                username="pl-uden-mail",
                display_name="Uden Mail",
                role=Role.PROJECT_LEADER,
                municipality_code=ISHOJ,
                password_hash="x",
                password_changed_at=now,
                created_at=now,
                email=None,
            )
        )


def test_only_subscribed_active_users_with_an_address_get_the_brief(seeded_engine: Engine) -> None:
    newest_period(seeded_engine)
    with Session(seeded_engine) as session:
        before = {b.municipality_code: b for b in due_briefs(session, today=TODAY)}
    assert [u.username for u in before[ISHOJ].recipients] == ["byraad", "politi", "projektleder"]
    edit_users(seeded_engine)
    with Session(seeded_engine) as session:
        due = {b.municipality_code: b for b in due_briefs(session, today=TODAY)}
    assert [u.username for u in due[ISHOJ].recipients] == ["projektleder"]


def test_the_brief_goes_out_once_after_new_quarters(seeded_engine: Engine) -> None:
    latest = newest_period(seeded_engine)
    edit_users(seeded_engine)
    with smtp_server() as (collector, port):
        config = smtp_config(settings(f"smtp://127.0.0.1:{port}"))
        first = remind(seeded_engine, settings=settings(), config=config, today=TODAY)
        briefs = [m for m in collector.received if "status for måltal, Ishøj" in m["Subject"]]
        assert [m["To"] for m in briefs] == ["projektleder@demo.botrygt.invalid"]
        assert not first.failed
        text = body(briefs[0])
        for goal in ("- Indbrud: ", "- Nabohjælp: ", "- Tryghed: "):
            assert goal in text
        assert "Forsinkede aktiviteter i handlingsplanen" in text
        assert briefs[0]["List-Unsubscribe"] == "<https://botrygt.example/Min_konto>"
        assert "Afmeld det under Min konto" in text

        again = remind(seeded_engine, settings=settings(), config=config, today=TODAY)
        assert again.queued == [] and again.outcomes == []
        assert len(collector.received) == len(first.outcomes)

        add_quarter(seeded_engine, next_period(latest))
        later = remind(seeded_engine, settings=settings(), config=config, today=TODAY)
        new = [m for m in collector.received[len(first.outcomes) :] if "Ishøj" in m["Subject"]]
        assert [m["To"] for m in new] == ["projektleder@demo.botrygt.invalid"]
        assert "nye kvartalstal fra Danmarks Statistik" in body(new[0])
        assert len(later.sent) == len(later.queued)
    with Session(seeded_engine) as session:
        schedule = session.get(BriefSchedule, ISHOJ)
        assert schedule is not None and schedule.last_quarter == next_period(latest)
        runs = session.exec(select(AuditEntry).where(col(AuditEntry.action) == "mail.remind")).all()
        assert len(runs) == 2  # the run with nothing to do left no row


def test_the_day_of_the_month(seeded_engine: Engine) -> None:
    newest_period(seeded_engine)
    with transaction(seeded_engine, bump_version=False) as session:
        due = due_briefs(session, today=TODAY)
        mails = compose_briefs(session, due, viewer=REMIND_ACTOR, today=TODAY, public_url="")
        queue_briefs(session, due, mails, today=TODAY)
    leader = Actor("pl", Role.PROJECT_LEADER, municipality_code=ISHOJ)
    set_brief_day(seeded_engine, actor=leader, municipality_code=ISHOJ, day=5)

    def due_on(day: date) -> list[str]:
        with Session(seeded_engine) as session:
            return [
                b.edition for b in due_briefs(session, today=day) if b.municipality_code == ISHOJ
            ]

    assert due_on(date(2026, 12, 5)) == []  # the quarters' brief was this month's
    assert due_on(date(2027, 1, 4)) == []
    assert due_on(date(2027, 1, 5)) == ["2027-01"]
    assert due_on(date(2027, 1, 20)) == ["2027-01"]  # a missed day is caught up
    with Session(seeded_engine) as session:
        (row,) = session.exec(
            select(AuditEntry).where(col(AuditEntry.action) == "brief.schedule")
        ).all()
    assert row.summary == "Månedsbrevet for Ishøj sendes den 5. i måneden"
    assert row.municipality_code == ISHOJ

    with pytest.raises(ValidationFailed, match="mellem 1 og 28"):
        set_brief_day(seeded_engine, actor=ADMIN, municipality_code=ISHOJ, day=31)
    with pytest.raises(PermissionDenied):
        outsider = Actor("pl-kbh", Role.PROJECT_LEADER, municipality_code=101)
        set_brief_day(seeded_engine, actor=outsider, municipality_code=ISHOJ, day=3)
