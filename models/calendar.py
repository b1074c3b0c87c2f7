"""An iCalendar feed (RFC 5545) written by hand (pure): all-day events on due dates, CRLF line
endings, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped
(backslash, semicolon, comma, newline) and control characters left out. Callers pass plain
records, so anything with a date (action items, meetings) can become an event."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MAX_OCTETS = 75
PRODID = "-//Bo trygt//Styringsdashboard//DA"


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: a stable id, the day, a title, a description and a link (or None)."""

    uid: str
    day: date
    summary: str
    description: str = ""
    url: str | None = None


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): \\ ; , escaped, line breaks as \\n, other control
    characters (which TEXT may not hold) dropped, tabs kept."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c in "\n\t" or not (ord(c) < 32 or ord(c) == 127))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded so no physical line exceeds 75 octets (the continuation's leading
    space counts), splitting only between characters."""
    if len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    parts, current, limit = [], b"", MAX_OCTETS
    for character in line:
        encoded = character.encode("utf-8")
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", MAX_OCTETS - 1
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _uri(url: str) -> str | None:
    """A URI value as it may stand on a line: no whitespace or control characters in it."""
    clean = url.strip()
    return None if not clean or any(c.isspace() or ord(c) < 32 for c in clean) else clean


def _stamp(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(event: CalendarEvent, *, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url and (uri := _uri(event.url)):
        lines.append(f"URL:{uri}")
    lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar_text(events: Sequence[CalendarEvent], *, name: str, now: datetime) -> str:
    """The whole feed: a VCALENDAR with one all-day VEVENT per event, CRLF line endings."""
    stamp = _stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event(event, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
