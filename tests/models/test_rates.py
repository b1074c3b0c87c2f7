"""Rates per 1,000 households, quarter changes, annual totals and peer groups."""

import math

import pytest

from models.rates import (
    annual_totals,
    group_rate_per_1000,
    peer_group,
    rate_per_1000,
    same_quarter_change,
)


@pytest.mark.parametrize(
    ("count", "households", "expected"),
    [
        (41, 20500, 2.0),  # 41 / 20500 * 1000
        (123, 45678, 2.692762),  # 123 / 45.678
        (0, 100, 0.0),
        (5, None, None),
        (5, 0, None),
        (5, -10, None),
        (5, math.nan, None),  # pandas' missing value
    ],
)
def test_rate_per_1000(count: float, households: float | None, expected: float | None) -> None:
    result = rate_per_1000(count=count, households=households)
    assert result == (None if expected is None else pytest.approx(expected, abs=1e-6))


@pytest.mark.parametrize(
    ("counts", "period", "expected"),
    [
        ({"2022K1": 40, "2023K1": 50}, "2023K1", (10, 0.25)),
        ({"2022K4": 80, "2023K4": 60}, "2023K4", (-20, -0.25)),
        # the previous quarter (2022K4) must not be used: seasonality
        ({"2022K1": 40, "2022K4": 10, "2023K1": 50}, "2023K1", (10, 0.25)),
        ({"2022K1": 0, "2023K1": 5}, "2023K1", (5, None)),  # no relative change from zero
        ({"2022K1": 7, "2023K1": 7}, "2023K1", (0, 0.0)),
        ({"2023K1": 5}, "2023K1", (None, None)),  # no earlier quarter
        ({"2022K1": 5}, "2023K1", (None, None)),  # no current quarter
    ],
)
def test_same_quarter_change(
    counts: dict[str, int], period: str, expected: tuple[int | None, float | None]
) -> None:
    assert same_quarter_change(counts=counts, period=period) == expected


def test_same_quarter_change_rejects_bad_period() -> None:
    with pytest.raises(ValueError, match="Ugyldig periode"):
        same_quarter_change(counts={}, period="2023-1")


FULL_2022 = {"2022K1": 10, "2022K2": 20, "2022K3": 30, "2022K4": 40}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (FULL_2022, {2022: 100}),  # 10 + 20 + 30 + 40
        # 2023 has three quarters only: a partial year is not a year
        ({"2023K3": 7, **FULL_2022, "2023K1": 5, "2023K2": 6}, {2022: 100}),
        ({"2021K1": 0, "2021K2": 0, "2021K3": 0, "2021K4": 0}, {2021: 0}),
        ({}, {}),
    ],
)
def test_annual_totals(counts: dict[str, int], expected: dict[int, int]) -> None:
    assert annual_totals(counts) == expected


HOUSEHOLDS = {1: 1000.0, 2: 2000.0, 3: 500.0, 4: 4000.0, 5: 1000.0, 6: 10000.0, 7: 0.0, 8: math.nan}


@pytest.mark.parametrize(
    ("code", "size", "expected"),
    [
        # from 1000: |ln ratio| 5 -> 0, 2 -> ln 2, 3 -> ln 2 (tie: lower code first), 4 -> ln 4
        (1, 3, [5, 2, 3]),
        (1, 4, [5, 2, 3, 4]),
        (1, 10, [5, 2, 3, 4, 6]),  # fewer candidates than asked; 7 and 8 have no households
        (1, 0, []),
        (6, 1, [4]),  # from 10000: 4000 is nearest
        (7, 3, []),  # no usable household figure of its own
        (99, 3, []),  # unknown municipality
    ],
)
def test_peer_group(code: int, size: int, expected: list[int]) -> None:
    assert peer_group(code=code, households_by_code=HOUSEHOLDS, size=size) == expected


def test_peer_group_uses_log_scale() -> None:
    # from 1000: 1800 is ln 1.8 = 0.588 away, 550 is |ln 0.55| = 0.598 away; on a linear scale
    # 550 (450 away) would beat 1800 (800 away)
    households = {1: 1000.0, 2: 1800.0, 3: 550.0}
    assert peer_group(code=1, households_by_code=households, size=1) == [2]


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([1, 2], 25.0),  # pooled (10 + 90) / 4000 * 1000, not the mean of 10 and 30
        ([1, 1, 2], 25.0),  # a repeated code counts once
        ([1, 2, 3, 4, 5], 25.0),  # 3 has no households, 4 no count, 5 zero households
        ([3, 4], None),
        ([], None),
    ],
)
def test_group_rate_per_1000(codes: list[int], expected: float | None) -> None:
    counts = {1: 10.0, 2: 90.0, 3: 5.0, 5: 7.0}
    households = {1: 1000.0, 2: 3000.0, 4: 2000.0, 5: 0.0}
    result = group_rate_per_1000(counts_by_code=counts, households_by_code=households, codes=codes)
    assert result == (None if expected is None else pytest.approx(expected))
