"""Danish number, date and period formats shared by the UI and the CLI."""

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo

from models.periods import parse_period

MISSING = "–"  # en dash: what Danish tables print for a value that is not available

_MONTHS_DA = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",  # short already, so no abbreviation dot
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)


def _is_missing(value: float | None) -> bool:
    """None, NaN and infinities all print as the missing-value dash."""
    return value is None or not math.isfinite(value)


def _fixed(value: float, digits: int) -> str:
    """Round half up (as people do by hand) and use "." for thousands and "," for decimals."""
    with localcontext() as context:
        context.prec = 400 + digits  # floats reach 1.8e308: quantize must never run out
        # str() first, so 4.35 rounds as the 4.35 the reader sees, not as 4.34999... in binary.
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{rounded.copy_abs():f}".partition(".")  # abs() would re-round
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def fmt_int(value: float | None) -> str:
    """Whole number with thousands dots: 10000 -> "10.000"; None -> "–"."""
    if value is None or _is_missing(value):
        return MISSING
    return _fixed(value, 0)


def fmt_decimal(value: float | None, *, digits: int = 1) -> str:
    """Decimal comma and thousands dots: 12345.6 -> "12.345,6"; None -> "–"."""
    if value is None or _is_missing(value):
        return MISSING
    return _fixed(value, digits)


def fmt_percent(share: float | None, *, digits: int = 1) -> str:
    """A share as a percentage: 0.173 -> "17,3 %"; None -> "–"."""
    if share is None or _is_missing(share):
        return MISSING
    return f"{_fixed(share * 100, digits)} %"


def fmt_change(share: float | None, *, digits: int = 1) -> str:
    """A relative change with explicit sign: -0.052 -> "-5,2 %", 0.03 -> "+3,0 %"."""
    if share is None or _is_missing(share):
        return MISSING
    text = fmt_percent(share, digits=digits)
    # A change that rounds to zero gets no sign: "+0,0 %" would claim a rise we cannot see.
    is_rise = not text.startswith("-") and any(ch in "123456789" for ch in text)
    return f"+{text}" if is_rise else text


def fmt_date(value: date) -> str:
    """Danish short date: 2026-11-23 -> "23. nov. 2026" (a datetime prints its date only)."""
    return f"{value.day}. {_MONTHS_DA[value.month - 1]} {value.year}"


def fmt_period(period: str) -> str:
    """A quarter in words: "2023K1" -> "1. kvt. 2023"."""
    year, quarter = parse_period(period)
    return f"{quarter}. kvt. {year}"


def fmt_datetime(value: datetime) -> str:
    """'23. nov. 2026 kl. 17.20' in Danish time (a naive value is taken as UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo("Europe/Copenhagen"))
    return f"{fmt_date(local)} kl. {local:%H.%M}"


def danish_midnight(day: date) -> datetime:
    """The start of a day in Danish time, as an aware datetime ("changes since the meeting day")."""
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo("Europe/Copenhagen"))


def fmt_count(count: int, *, one: str, many: str) -> str:
    """'1 ændring', '2 ændringer', '1.234 ændringer'."""
    return f"{fmt_int(count)} {one if count == 1 else many}"
