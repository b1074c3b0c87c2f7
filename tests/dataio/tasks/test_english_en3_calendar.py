"""The calendar feed in the language its user chose on Min konto (English beside Danish)."""

from datetime import date

import icalendar
from sqlalchemy import Engine

from dataio.meetings.store import UserMeeting
from dataio.store.users import actor_of, find_user, set_language
from dataio.tasks.calendar import calendar_feed, meeting_events, new_calendar_token
from tests.dataio.tasks.test_calendar_feed import NOW, POLICE_ITEM, owned_plan
from tests.factories import POLICE


def test_the_feed_is_in_the_users_language(seeded_engine: Engine) -> None:
    owned_plan(seeded_engine)
    token = new_calendar_token(seeded_engine, actor=POLICE)
    user = find_user(seeded_engine, username="politi")
    assert user is not None
    set_language(seeded_engine, actor=actor_of(user), username="politi", language="en")
    feed = calendar_feed(seeded_engine, token=token, public_url=None, now=NOW)
    assert feed is not None
    [event] = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert str(event["SUMMARY"]) == POLICE_ITEM  # the partnership's own title
    assert str(event["DESCRIPTION"]).startswith(
        "Status: in progress\nProgress: 0 %\nAction plan: Ishøj"
    )


def test_meeting_events_in_danish_and_english() -> None:
    meeting = UserMeeting(
        id=7,
        municipality_code=183,
        municipality="Ishøj",
        held_on=date(2027, 1, 12),
        title="Styregruppemøde",
    )
    [danish] = meeting_events([meeting], public_url=None)
    assert (danish.summary, danish.description) == (
        "Møde: Styregruppemøde",
        "Bo trygt-partnerskabet i Ishøj",
    )
    [english] = meeting_events([meeting], public_url=None, lang="en")
    assert (english.summary, english.description) == (
        "Meeting: Styregruppemøde",
        "The Bo trygt partnership in Ishøj",
    )
