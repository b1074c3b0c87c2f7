"""The calendar feed: hand-checked escaping and folding, a strict parse by the icalendar package,
and any summary text coming back unchanged."""

from datetime import UTC, date, datetime

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.calendar import CalendarEvent, calendar_text, escape_text, fold

NOW = datetime(2026, 12, 7, 14, 30, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("Møde, dagsorden; punkt 1", "Møde\\, dagsorden\\; punkt 1"),
        ("C:\\sti", "C:\\\\sti"),
        ("to\nlinjer", "to\\nlinjer"),
        ("windows\r\nlinje", "windows\\nlinje"),
        ("gammel\rmac", "gammel\\nmac"),
        ("tab\tbliver", "tab\tbliver"),
        ("klokke\x07væk", "klokkevæk"),
        ("\\,", "\\\\\\,"),
    ],
)
def test_escape_text(value: str, escaped: str) -> None:
    assert escape_text(value) == escaped


def test_a_short_line_is_not_folded() -> None:
    line = "SUMMARY:" + "x" * 67  # exactly 75 octets
    assert fold(line) == line


def test_folding_at_75_octets() -> None:
    line = "SUMMARY:" + "x" * 68  # 76 octets
    assert fold(line) == "SUMMARY:" + "x" * 67 + "\r\n x"
    long = "D:" + "a" * 200
    physical = fold(long).split("\r\n")
    assert [len(p.encode()) for p in physical] == [
        75,
        75,
        54,
    ]  # 202 = 75 + 74 + 53 octets of content
    assert "".join(p[1:] if i else p for i, p in enumerate(physical)) == long


def test_folding_never_splits_a_danish_letter() -> None:
    line = "SUMMARY:" + "ø" * 40  # 8 + 80 octets; ø is two octets
    physical = fold(line).split("\r\n")
    assert physical[0] == "SUMMARY:" + "ø" * 33  # 74 octets: a 34th ø would make 76
    assert physical[1] == " " + "ø" * 7
    assert all(len(p.encode()) <= 75 for p in physical)


def feed() -> str:
    return calendar_text(
        [
            CalendarEvent(
                uid="botrygt-action-item-7",
                day=date(2026, 12, 24),
                summary="Nabohjælp, kampagne; uge 52",
                description="Status: i gang\nFremdrift: 40 %",
                url="https://botrygt.example.invalid/Handlingsplan?kommune=183",
            ),
            CalendarEvent(uid="botrygt-action-item-8", day=date(2027, 1, 31), summary="Møde"),
        ],
        name="Bo trygt: Demo Politis opgaver",
        now=NOW,
    )


def test_the_feed_is_crlf_and_folded() -> None:
    text = feed()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bo trygt//")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DTSTAMP:20261207T143005Z\r\n" in text
    assert "DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\n" in text
    assert "SUMMARY:Nabohjælp\\, kampagne\\; uge 52\r\n" in text


def test_icalendar_parses_it_strictly() -> None:
    calendar = icalendar.Calendar.from_ical(feed())
    assert calendar.errors == []
    events = calendar.walk("VEVENT")
    assert [e.errors for e in events] == [[], []]
    first = events[0]
    assert str(first["SUMMARY"]) == "Nabohjælp, kampagne; uge 52"
    assert str(first["DESCRIPTION"]) == "Status: i gang\nFremdrift: 40 %"
    assert first.decoded("DTSTART") == date(2026, 12, 24)
    assert str(first["UID"]) == "botrygt-action-item-7"
    assert str(first["URL"]) == "https://botrygt.example.invalid/Handlingsplan?kommune=183"
    assert "URL" not in events[1] and "DESCRIPTION" not in events[1]
    assert str(calendar["X-WR-CALNAME"]) == "Bo trygt: Demo Politis opgaver"


def test_the_same_items_give_the_same_uids() -> None:
    assert [line for line in feed().split("\r\n") if line.startswith("UID")] == [
        "UID:botrygt-action-item-7",
        "UID:botrygt-action-item-8",
    ]


def test_no_events_is_still_a_calendar() -> None:
    calendar = icalendar.Calendar.from_ical(calendar_text([], name="Tom", now=NOW))
    assert calendar.walk("VEVENT") == []


# any text a person can type: no control characters but the line break and tab; no lone CR
TYPED = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=300,
)


@settings(max_examples=200, deadline=None)
@given(summary=TYPED, description=TYPED)
def test_any_summary_round_trips_through_icalendar(summary: str, description: str) -> None:
    text = calendar_text(
        [
            CalendarEvent(
                uid="u-1", day=date(2026, 12, 24), summary=summary, description=description
            )
        ],
        name="Kalender",
        now=NOW,
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == summary
    if description:
        assert str(event["DESCRIPTION"]) == description
