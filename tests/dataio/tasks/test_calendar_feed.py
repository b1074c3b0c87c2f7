"""The calendar feed on SQLite and PostgreSQL: a secret per user (only its hash stored), the
user's items with due dates as events, an unknown or replaced token or a disabled user gives
nothing, and the feed parses strictly."""

from datetime import UTC, date, datetime

import icalendar
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from dataio.meetings.store import create_meeting
from dataio.store.action_plans import plan_items, save_changes
from dataio.store.users import set_active
from dataio.tasks.calendar import calendar_feed, has_calendar, new_calendar_token, token_hash
from dataio.tasks.owners import set_owner
from models.tables import AppUser, AuditEntry
from tests.factories import ADMIN, LEADER, POLICE, READER, item_edit, make_plan

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
POLICE_ITEM = "Mobil politistation"
JOINT = "Tryghedsvandringer"


def owned_plan(engine: Engine) -> None:
    make_plan(engine)
    for title in (POLICE_ITEM, JOINT):
        items = plan_items(engine, viewer=READER, municipality_code=183)
        row = items[items["title"] == title].iloc[0]
        set_owner(
            engine,
            actor=LEADER,
            item_id=int(row["id"]),
            loaded_version=int(row["row_version"]),
            owner_username="politi",
        )
    save_changes(
        engine,
        actor=LEADER,
        municipality_code=183,
        edits=[item_edit(engine, POLICE_ITEM, due_date=date(2026, 12, 24), status="i gang")],
    )


def test_the_token_is_secret_random_and_stored_hashed(seeded_engine: Engine) -> None:
    assert not has_calendar(seeded_engine, username="politi")
    token = new_calendar_token(seeded_engine, actor=POLICE)
    assert len(token) >= 43 and token != new_calendar_token(seeded_engine, actor=LEADER)
    with Session(seeded_engine) as session:
        user = session.exec(select(AppUser).where(AppUser.username == "politi")).one()
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "user.calendar_token")
        ).all()
    assert user.calendar_token_hash == token_hash(token) and token not in str(user.model_dump())
    assert has_calendar(seeded_engine, username="politi")
    assert [e.summary for e in entries] == [
        "Ny kalenderadresse for politi",
        "Ny kalenderadresse for projektleder",
    ]
    assert all(token not in f"{e.before}{e.after}{e.summary}" for e in entries)


def test_the_feed_holds_the_users_items_with_due_dates(seeded_engine: Engine) -> None:
    owned_plan(seeded_engine)
    token = new_calendar_token(seeded_engine, actor=POLICE)
    feed = calendar_feed(
        seeded_engine, token=token, public_url="https://botrygt.example.invalid/", now=NOW
    )
    assert feed is not None
    calendar = icalendar.Calendar.from_ical(feed)
    assert calendar.errors == []
    [event] = calendar.walk("VEVENT")  # the joint item has no due date
    assert str(event["SUMMARY"]) == POLICE_ITEM
    assert event.decoded("DTSTART") == date(2026, 12, 24)
    assert str(event["DESCRIPTION"]).startswith(
        "Status: i gang\nFremdrift: 0 %\nHandlingsplan: Ishøj"
    )
    assert str(event["URL"]) == "https://botrygt.example.invalid/Handlingsplan?kommune=183"
    assert str(event["UID"]).startswith("botrygt-action-item-")
    assert str(calendar["X-WR-CALNAME"]) == "Bo trygt: Demo Politi (Københavns Vestegn)"
    without_url = calendar_feed(seeded_engine, token=token, public_url=None, now=NOW)
    assert without_url is not None and "URL:" not in without_url


def test_unknown_replaced_or_disabled_gives_nothing(seeded_engine: Engine) -> None:
    old = new_calendar_token(seeded_engine, actor=POLICE)
    new = new_calendar_token(seeded_engine, actor=POLICE)
    for token in (old, "", "x" * 500, "ukendt", token_hash(new)):
        assert calendar_feed(seeded_engine, token=token, public_url=None, now=NOW) is None
    assert calendar_feed(seeded_engine, token=new, public_url=None, now=NOW) is not None
    set_active(seeded_engine, actor=ADMIN, username="politi", active=False)
    assert calendar_feed(seeded_engine, token=new, public_url=None, now=NOW) is None


def test_an_item_of_a_plan_no_longer_readable_is_left_out(seeded_engine: Engine) -> None:
    owned_plan(seeded_engine)
    token = new_calendar_token(seeded_engine, actor=POLICE)
    with seeded_engine.begin() as connection:  # the police user moves to another district
        connection.execute(
            text("UPDATE app_user SET police_district_number = 1 WHERE username = 'politi'")
        )
    feed = calendar_feed(seeded_engine, token=token, public_url=None, now=NOW)
    assert feed is not None and "BEGIN:VEVENT" not in feed


def test_the_feed_holds_the_partnerships_meetings(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    create_meeting(
        seeded_engine,
        actor=LEADER,
        code=183,
        held_on=date(2027, 1, 12),
        title="Styregruppemøde januar",
    )
    token = new_calendar_token(seeded_engine, actor=POLICE)  # police of Ishøj's district
    feed = calendar_feed(
        seeded_engine, token=token, public_url="https://botrygt.example.invalid", now=NOW
    )
    assert feed is not None
    calendar = icalendar.Calendar.from_ical(feed)
    assert calendar.errors == []
    [meeting] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("botrygt-meeting-")]
    assert str(meeting["SUMMARY"]) == "Møde: Styregruppemøde januar"
    assert meeting.decoded("DTSTART") == date(2027, 1, 12)
    assert str(meeting["URL"]) == "https://botrygt.example.invalid/Moeder?kommune=183"
