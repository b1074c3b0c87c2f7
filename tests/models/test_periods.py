"""Quarter periods: parsing, stepping and calendar boundaries."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.periods import (
    latest_full_quarter,
    parse_period,
    period_of,
    quarter_end,
    quarter_range,
    quarter_start,
)

periods = st.builds(
    lambda year, quarter: f"{year}K{quarter}",
    st.integers(min_value=1900, max_value=2099),
    st.integers(min_value=1, max_value=4),
)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2023K1", (2023, 1)),
        ("2007K4", (2007, 4)),
        ("1900K1", (1900, 1)),  # lower year bound is allowed
        ("2100K4", (2100, 4)),  # upper year bound is allowed
    ],
)
def test_parse_period_valid(period: str, expected: tuple[int, int]) -> None:
    assert parse_period(period) == expected


@pytest.mark.parametrize(
    "period",
    [
        "2023K0",
        "2023K5",
        "2023K12",
        "2023k1",
        "2023Q1",
        "23K1",
        "1899K4",
        "2101K1",
        " 2023K1",
        "2023K1 ",
        "2023-K1",
        "",
        "٢٠٢٣K1",  # Arabic-Indic digits: \d would accept them, int() too
    ],
)
def test_parse_period_invalid_has_danish_message(period: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_period(period)
    assert str(error.value) == f"Ugyldig periode: {period!r} (forventet fx 2023K1)"


def test_period_of_builds_and_validates() -> None:
    assert period_of(year=2023, quarter=1) == "2023K1"
    with pytest.raises(ValueError, match="Ugyldig periode"):
        period_of(year=2023, quarter=5)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), "2026K3"),
        (date(2026, 10, 1), "2026K3"),  # K3 ended the day before
        (date(2026, 9, 30), "2026K2"),  # K3's last day: K3 has not ended yet
        (date(2026, 1, 5), "2025K4"),  # across the year boundary
        (date(2026, 1, 1), "2025K4"),
        (date(2026, 12, 31), "2026K3"),
        (date(2026, 4, 1), "2026K1"),
        (date(2026, 3, 31), "2025K4"),
        (datetime(2026, 7, 1, 0, 0), "2026K2"),  # a datetime is a date
    ],
)
def test_latest_full_quarter(today: date, expected: str) -> None:
    assert latest_full_quarter(today) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2023K3", "2024K2", ["2023K3", "2023K4", "2024K1", "2024K2"]),
        ("2019K4", "2020K1", ["2019K4", "2020K1"]),
        ("2023K2", "2023K2", ["2023K2"]),
        ("2024K1", "2023K4", []),  # first after last
        ("2024K1", "2020K1", []),
    ],
)
def test_quarter_range(first: str, last: str, expected: list[str]) -> None:
    assert quarter_range(first=first, last=last) == expected


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2023K1", date(2023, 1, 1), date(2023, 3, 31)),
        ("2023K2", date(2023, 4, 1), date(2023, 6, 30)),
        ("2023K3", date(2023, 7, 1), date(2023, 9, 30)),
        ("2023K4", date(2023, 10, 1), date(2023, 12, 31)),
        ("2024K1", date(2024, 1, 1), date(2024, 3, 31)),  # leap year changes Feb, not K1's end
    ],
)
def test_quarter_start_and_end(period: str, start: date, end: date) -> None:
    assert quarter_start(period) == start
    assert quarter_end(period) == end


@given(periods)
def test_quarters_tile_the_calendar(period: str) -> None:
    following = quarter_range(first=period, last="2100K4")[1]
    assert quarter_end(period) + timedelta(days=1) == quarter_start(following)
    assert period_of(year=parse_period(period)[0], quarter=parse_period(period)[1]) == period


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_latest_full_quarter_is_the_last_one_ended(today: date) -> None:
    latest = latest_full_quarter(today)
    following = quarter_range(first=latest, last="2100K4")[1]
    assert quarter_end(latest) < today <= quarter_end(following)
