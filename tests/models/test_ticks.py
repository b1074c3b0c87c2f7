"""Danish date ticks: hand-computed cases and properties over any span."""

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.ticks import date_ticks, month_label


@pytest.mark.parametrize(
    ("first", "last", "most", "labels"),
    [
        # a plan year and a half: quarters, from the first month start after the first day
        (
            date(2025, 9, 15),
            date(2027, 3, 1),
            7,
            ["okt. 2025", "jan. 2026", "apr. 2026", "jul. 2026", "okt. 2026", "jan. 2027"],
        ),
        # four months: every month, the first day itself a month start
        (
            date(2026, 9, 1),
            date(2026, 12, 20),
            7,
            ["sep. 2026", "okt. 2026", "nov. 2026", "dec. 2026"],
        ),
        # May is "maj" (no dot: it is not abbreviated)
        (date(2026, 4, 2), date(2026, 6, 1), 7, ["maj 2026", "jun. 2026"]),
        # helper counts 2019-2030: every second year, even years
        (
            date(2019, 12, 31),
            date(2030, 12, 31),
            7,
            ["2020", "2022", "2024", "2026", "2028", "2030"],
        ),
        # quarterly burglaries since 2007: every fifth year
        (date(2007, 1, 1), date(2026, 7, 1), 7, ["2010", "2015", "2020", "2025"]),
        # a narrow chart asks for four at most: quarters aligned to January
        (
            date(2026, 3, 1),
            date(2027, 3, 31),
            4,
            ["apr. 2026", "jul. 2026", "okt. 2026", "jan. 2027"],
        ),
        # ... and three at most: half years
        (date(2026, 3, 1), date(2027, 3, 31), 3, ["jul. 2026", "jan. 2027"]),
        # inside one month: the two ends as dates
        (date(2026, 12, 2), date(2026, 12, 20), 7, ["2. dec. 2026", "20. dec. 2026"]),
        (date(2026, 12, 2), date(2026, 12, 2), 7, ["2. dec. 2026"]),
        # reversed ends are the same span
        (
            date(2026, 12, 20),
            date(2026, 9, 1),
            7,
            ["sep. 2026", "okt. 2026", "nov. 2026", "dec. 2026"],
        ),
    ],
)
def test_ticks_and_danish_labels(first: date, last: date, most: int, labels: list[str]) -> None:
    assert date_ticks(first=first, last=last, most=most)[1] == labels


def test_ticks_are_the_dates_their_labels_name() -> None:
    ticks, labels = date_ticks(first=date(2026, 9, 1), last=date(2026, 11, 30))
    assert ticks == [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]
    assert labels == [month_label(t, step=1) for t in ticks]


def test_no_english_month_names() -> None:
    labels = [month_label(date(2026, m, 1), step=1) for m in range(1, 13)]
    assert labels == [
        f"{m} 2026"
        for m in (
            "jan.",
            "feb.",
            "mar.",
            "apr.",
            "maj",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "okt.",
            "nov.",
            "dec.",
        )
    ]


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(first=days, last=days, most=st.integers(min_value=2, max_value=12))
def test_ticks_lie_in_the_span_in_order_and_few_enough(first: date, last: date, most: int) -> None:
    ticks, labels = date_ticks(first=first, last=last, most=most)
    low, high = min(first, last), max(first, last)
    assert len(ticks) == len(labels) >= 1
    assert len(ticks) <= max(most, 2)
    assert all(low <= t <= high for t in ticks)
    assert ticks == sorted(set(ticks))
    if all(t.day == 1 for t in ticks):  # month starts (else: the two ends of a short span)
        steps = {(b.year - a.year) * 12 + b.month - a.month for a, b in pairwise(ticks)}
        assert len(steps) <= 1  # evenly spaced
