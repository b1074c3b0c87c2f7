"""Number, date and period formats shared by the UI and the CLI: Danish by default, English on
request (`lang="en"`): 10.000 / 10,000; 17,3 % / 17.3 %; 23. nov. 2026 / 23 Nov 2026."""

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from zoneinfo import ZoneInfo

from models.i18n import DANISH, ENGLISH, language_of
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
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Each language's marks and words: (thousands, decimal) separators, month abbreviations, how a
# quarter, a date and a time of day read.
SEPARATORS = {DANISH: (".", ","), ENGLISH: (",", ".")}
MONTHS = {DANISH: _MONTHS_DA, ENGLISH: _MONTHS_EN}
QUARTER = {DANISH: "{quarter}. kvt. {year}", ENGLISH: "Q{quarter} {year}"}
DATE = {DANISH: "{day}. {month} {year}", ENGLISH: "{day} {month} {year}"}
DATETIME = {DANISH: "{date} kl. {time:%H.%M}", ENGLISH: "{date}, {time:%H:%M}"}


def _is_missing(value: float | None) -> bool:
    """None, NaN and infinities all print as the missing-value dash."""
    return value is None or not math.isfinite(value)


def _fixed(value: float, digits: int, lang: str = DANISH) -> str:
    """Round half up (as people do by hand) and use the language's marks for thousands and
    decimals (Danish "." and ",", English "," and ".")."""
    with localcontext() as context:
        context.prec = 400 + digits  # floats reach 1.8e308: quantize must never run out
        # str() first, so 4.35 rounds as the 4.35 the reader sees, not as 4.34999... in binary.
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{rounded.copy_abs():f}".partition(".")  # abs() would re-round
    thousands, decimal = SEPARATORS[language_of(lang)]
    grouped = f"{int(whole):,}".replace(",", thousands)
    return sign + grouped + (decimal + fraction if fraction else "")


def fmt_int(value: float | None, *, lang: str = DANISH) -> str:
    """Whole number with thousands dots: 10000 -> "10.000" (English "10,000"); None -> "–"."""
    if value is None or _is_missing(value):
        return MISSING
    return _fixed(value, 0, lang)


def fmt_decimal(value: float | None, *, digits: int = 1, lang: str = DANISH) -> str:
    """Decimal comma and thousands dots: 12345.6 -> "12.345,6" (English "12,345.6"); None -> "–"."""
    if value is None or _is_missing(value):
        return MISSING
    return _fixed(value, digits, lang)


def fmt_percent(share: float | None, *, digits: int = 1, lang: str = DANISH) -> str:
    """A share as a percentage: 0.173 -> "17,3 %" (English "17.3 %"); None -> "–"."""
    if share is None or _is_missing(share):
        return MISSING
    return f"{_fixed(share * 100, digits, lang)} %"


def fmt_change(share: float | None, *, digits: int = 1, lang: str = DANISH) -> str:
    """A relative change with explicit sign: -0.052 -> "-5,2 %", 0.03 -> "+3,0 %"."""
    if share is None or _is_missing(share):
        return MISSING
    text = fmt_percent(share, digits=digits, lang=lang)
    # A change that rounds to zero gets no sign: "+0,0 %" would claim a rise we cannot see.
    is_rise = not text.startswith("-") and any(ch in "123456789" for ch in text)
    return f"+{text}" if is_rise else text


def fmt_date(value: date, *, lang: str = DANISH) -> str:
    """Short date: 2026-11-23 -> "23. nov. 2026" (English "23 Nov 2026"); a datetime prints its
    date only."""
    lang = language_of(lang)
    month = MONTHS[lang][value.month - 1]
    return DATE[lang].format(day=value.day, month=month, year=value.year)


def fmt_period(period: str, *, lang: str = DANISH) -> str:
    """A quarter in words: "2023K1" -> "1. kvt. 2023" (English "Q1 2023")."""
    year, quarter = parse_period(period)
    return QUARTER[language_of(lang)].format(quarter=quarter, year=year)


def danish_time(value: datetime) -> datetime:
    """A moment in Danish time (a naive value, as the database gives it, is taken as UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo("Europe/Copenhagen"))


def danish_day(value: datetime) -> date:
    """The day in Denmark of a moment (a naive value is taken as UTC): 23:30 UTC on 7 Dec is 8 Dec."""
    return danish_time(value).date()


def fmt_datetime(value: datetime, *, lang: str = DANISH) -> str:
    """'23. nov. 2026 kl. 17.20' (English '23 Nov 2026, 17:20') in Danish time (a naive value is
    taken as UTC)."""
    local = danish_time(value)
    return DATETIME[language_of(lang)].format(date=fmt_date(local, lang=lang), time=local)


def danish_midnight(day: date) -> datetime:
    """The start of a day in Danish time, as an aware datetime ("changes since the meeting day")."""
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo("Europe/Copenhagen"))


def fmt_count(count: int, *, one: str, many: str, lang: str = DANISH) -> str:
    """'1 ændring', '2 ændringer', '1.234 ændringer' (the words given in the language wanted)."""
    return f"{fmt_int(count, lang=lang)} {one if count == 1 else many}"
