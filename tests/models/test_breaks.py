"""Series breaks to mark on charts and notes for yearly tables."""

import pytest

from models.breaks import SeriesBreak, series_breaks, year_notes

LAW = SeriesBreak(
    "2018K1",
    "2018K1",
    "law_change",
    "1. jan. 2018: ny indbrudsbestemmelse (§ 276 a) – nogle tyverier tælles nu som indbrud",
)
COVID = SeriesBreak(
    "2020K1", "2021K4", "covid", "COVID-19 (2020-21): færre indbrud, mens flere var hjemme"
)
PROVISIONAL_LABEL = "Foreløbigt tal: sene anmeldelser kommer til"


def provisional(period: str) -> SeriesBreak:
    """The provisional marker for one quarter."""
    return SeriesBreak(period, period, "provisional", PROVISIONAL_LABEL)


@pytest.mark.parametrize(
    ("first", "last", "provisional_period", "expected"),
    [
        ("2007K1", "2026K3", "2026K3", [LAW, COVID, provisional("2026K3")]),
        ("2007K1", "2026K3", None, [LAW, COVID]),
        ("2019K1", "2019K4", None, []),  # between the law change and COVID
        ("2018K1", "2018K1", None, [LAW]),
        ("2017K1", "2017K4", None, []),  # ends the quarter before the law change
        ("2018K2", "2020K1", None, [COVID]),  # starts after the law change, touches COVID
        ("2021K4", "2023K1", None, [COVID]),  # COVID's last quarter
        ("2022K1", "2024K4", "2024K4", [provisional("2024K4")]),
        ("2022K1", "2024K4", "2025K1", []),  # provisional quarter outside the range
        ("2024K1", "2022K1", None, []),  # empty range
    ],
)
def test_series_breaks(
    first: str, last: str, provisional_period: str | None, expected: list[SeriesBreak]
) -> None:
    result = series_breaks(
        first_period=first, last_period=last, provisional_period=provisional_period
    )
    assert result == expected


@pytest.mark.parametrize(
    ("year", "provisional_years", "expected_count", "fragment"),
    [
        (2017, (), 0, None),
        (2018, (), 1, "2018"),
        (2019, (), 0, None),
        (2020, (), 1, "COVID-19"),
        (2021, (), 1, "COVID-19"),
        (2022, (), 0, None),
        (2024, {2024}, 1, "Foreløbigt"),
        (2021, (2021,), 2, "Foreløbigt"),  # notes combine
    ],
)
def test_year_notes(
    year: int, provisional_years: tuple | set, expected_count: int, fragment: str | None
) -> None:
    notes = year_notes(year, provisional_years=provisional_years)
    assert len(notes) == expected_count
    if fragment is not None:
        assert any(fragment in note for note in notes)
