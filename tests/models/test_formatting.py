"""Danish number, date and period formats."""

import math
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.formatting import (
    fmt_change,
    fmt_date,
    fmt_datetime,
    fmt_decimal,
    fmt_int,
    fmt_percent,
    fmt_period,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10000, "10.000"),
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1234567, "1.234.567"),
        (-1234, "-1.234"),
        (2.5, "3"),  # half up, as by hand (Python's round() would give 2)
        (-0.4, "0"),  # no "-0"
        (None, "–"),
        (math.nan, "–"),
        (math.inf, "–"),
    ],
)
def test_fmt_int(value: float | None, expected: str) -> None:
    assert fmt_int(value) == expected


@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_fmt_int_round_trips(value: int) -> None:
    text = fmt_int(value)
    assert int(text.replace(".", "")) == value
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (4.137, 1, "4,1"),
        (4.137, 2, "4,14"),
        (12345.6, 1, "12.345,6"),
        (4.35, 1, "4,4"),  # rounds the 4.35 the reader sees, not binary 4.3499999...
        (-1234.5678, 2, "-1.234,57"),
        (-0.04, 1, "0,0"),
        (1000, 0, "1.000"),
        (2, 2, "2,00"),
        (None, 1, "–"),
    ],
)
def test_fmt_decimal(value: float | None, digits: int, expected: str) -> None:
    assert fmt_decimal(value, digits=digits) == expected


@pytest.mark.parametrize(
    ("share", "digits", "expected"),
    [
        (0.173, 1, "17,3 %"),
        (1.0, 1, "100,0 %"),
        (0.05, 0, "5 %"),
        (0.0745, 2, "7,45 %"),
        (None, 1, "–"),
    ],
)
def test_fmt_percent(share: float | None, digits: int, expected: str) -> None:
    assert fmt_percent(share, digits=digits) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (-0.052, "-5,2 %"),
        (0.03, "+3,0 %"),
        (1.5, "+150,0 %"),
        (0.0, "0,0 %"),
        (0.0004, "0,0 %"),  # rounds to zero: no sign
        (-0.0004, "0,0 %"),
        (None, "–"),
    ],
)
def test_fmt_change(share: float | None, expected: str) -> None:
    assert fmt_change(share) == expected


@pytest.mark.parametrize(
    ("month", "abbreviation"),
    [
        (1, "jan."),
        (2, "feb."),
        (3, "mar."),
        (4, "apr."),
        (5, "maj"),
        (6, "jun."),
        (7, "jul."),
        (8, "aug."),
        (9, "sep."),
        (10, "okt."),
        (11, "nov."),
        (12, "dec."),
    ],
)
def test_fmt_date_months(month: int, abbreviation: str) -> None:
    assert fmt_date(date(2026, month, 3)) == f"3. {abbreviation} 2026"


def test_fmt_date() -> None:
    assert fmt_date(date(2026, 11, 23)) == "23. nov. 2026"
    assert fmt_date(datetime(2026, 5, 1, 14, 30)) == "1. maj 2026"


@pytest.mark.parametrize(
    ("period", "expected"), [("2023K1", "1. kvt. 2023"), ("2024K4", "4. kvt. 2024")]
)
def test_fmt_period(period: str, expected: str) -> None:
    assert fmt_period(period) == expected


def test_fmt_period_rejects_bad_period() -> None:
    with pytest.raises(ValueError, match="Ugyldig periode"):
        fmt_period("2023K9")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 11, 23, 16, 20, tzinfo=UTC), "23. nov. 2026 kl. 17.20"),  # CET = UTC+1
        (
            datetime(2026, 7, 1, 22, 5, tzinfo=UTC),
            "2. jul. 2026 kl. 00.05",
        ),  # CEST = UTC+2, next day
        (datetime(2026, 5, 3, 8, 0), "3. maj 2026 kl. 10.00"),  # naive is UTC
    ],
)
def test_fmt_datetime_in_danish_time(value: datetime, expected: str) -> None:
    assert fmt_datetime(value) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 ændringer"), (1, "1 ændring"), (2, "2 ændringer"), (1234, "1.234 ændringer")],
)
def test_fmt_count(count: int, expected: str) -> None:
    from models.formatting import fmt_count

    assert fmt_count(count, one="ændring", many="ændringer") == expected


def test_the_danish_day_of_a_moment() -> None:
    from datetime import UTC, date, datetime

    from models.formatting import danish_day

    assert danish_day(datetime(2026, 12, 7, 23, 30)) == date(2026, 12, 8)  # naive: UTC
    assert danish_day(datetime(2026, 12, 7, 22, 59, tzinfo=UTC)) == date(2026, 12, 7)
    assert danish_day(datetime(2026, 7, 7, 22, 30, tzinfo=UTC)) == date(2026, 7, 8)  # summer time


def test_a_moment_in_danish_time() -> None:
    from datetime import UTC, datetime, timedelta

    from models.formatting import danish_time

    summer = danish_time(datetime(2026, 7, 1, 22, 30))  # naive: UTC
    assert (summer.replace(tzinfo=None), summer.utcoffset()) == (
        datetime(2026, 7, 2, 0, 30),
        timedelta(hours=2),
    )
    winter = danish_time(datetime(2026, 12, 7, 23, 30, tzinfo=UTC))
    assert (winter.replace(tzinfo=None), winter.utcoffset()) == (
        datetime(2026, 12, 8, 0, 30),
        timedelta(hours=1),
    )
