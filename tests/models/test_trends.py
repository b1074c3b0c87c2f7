"""Exact Poisson intervals, the log-linear projection and the status rules."""

import math
from dataclasses import replace
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain import Status
from models.trends import (
    COVID_YEARS,
    Projection,
    classify,
    poisson_interval,
    project_counts,
)

Z = 1.959963985  # standard normal 97.5 % quantile


def approx(expected: float, *, abs: float | None = None) -> float:
    """pytest.approx where a dataclass wants a float: it equals every float close enough."""
    return cast(float, pytest.approx(expected, abs=abs))


@pytest.mark.parametrize(
    ("count", "level", "low", "high"),
    [
        # chi2 with 2 df is exponential with mean 2, so for k=0 high = -ln(0.025) = 3.688879
        (0, 0.95, 0.0, 3.688879),
        (0, 0.90, 0.0, 2.995732),  # -ln(0.05)
        (1, 0.95, 0.025318, 5.571643),  # low = -ln(0.975) by the same argument
        (5, 0.95, 1.6235, 11.6683),
        (10, 0.95, 4.7954, 18.3904),
    ],
)
def test_poisson_interval(count: int, level: float, low: float, high: float) -> None:
    result = poisson_interval(count, level=level)
    assert result == pytest.approx((low, high), abs=1e-4)


@pytest.mark.parametrize(("count", "level"), [(-1, 0.95), (3, 0.0), (3, 1.0), (3, 1.5)])
def test_poisson_interval_rejects(count: int, level: float) -> None:
    with pytest.raises(ValueError):
        poisson_interval(count, level=level)


@given(
    count=st.integers(min_value=0, max_value=100_000),
    level=st.floats(min_value=0.5, max_value=0.999),
)
def test_poisson_interval_contains_the_count(count: int, level: float) -> None:
    low, high = poisson_interval(count, level=level)
    assert 0 <= low <= count <= high
    assert low < high


def test_halving_series_gives_minus_fifty_percent_and_geometric_extrapolation() -> None:
    halving = {2018: 1600, 2019: 800, 2020: 400, 2021: 200, 2022: 100, 2023: 50}
    projection = project_counts(counts_by_year=halving, to_year=2025)
    assert projection is not None
    # window = the five calendar years 2019-2023; the COVID years are left out
    assert projection.years_used == (2019, 2022, 2023)
    assert projection.annual_change == pytest.approx(-0.5, abs=1e-9)
    assert projection.expected == pytest.approx(12.5, rel=1e-9)  # 50 * 0.5 * 0.5
    assert projection.low <= 12.5 <= projection.high
    assert projection.annual_change_low < -0.5 < projection.annual_change_high


def test_series_break_2018_is_excluded_by_since_year() -> None:
    # 2018 jumps under the new burglary section; before it the level was half
    counts = {2015: 100, 2016: 100, 2017: 100, 2018: 200, 2019: 200, 2022: 200, 2023: 200}
    # a seven-year window (2017-2023) reaches back across the break unless since_year stops it
    after_break = project_counts(counts_by_year=counts, to_year=2025, window=7)
    assert after_break is not None
    assert after_break.years_used == (2018, 2019, 2022, 2023)
    assert after_break.annual_change == pytest.approx(0.0, abs=1e-9)
    assert after_break.expected == pytest.approx(200.0)
    across_break = project_counts(counts_by_year=counts, to_year=2025, since_year=None, window=7)
    assert across_break is not None
    assert across_break.years_used == (2017, 2018, 2019, 2022, 2023)
    assert across_break.annual_change > 0.05


def test_covid_years_are_left_out() -> None:
    # the COVID dip would drag a flat series around
    counts = {2018: 100, 2019: 100, 2020: 50, 2021: 50, 2022: 100, 2023: 100}
    projection = project_counts(counts_by_year=counts, to_year=2025)
    assert projection is not None
    # five calendar years 2019-2023, less 2020-21; never reaching back to 2018 to make up
    assert projection.years_used == (2019, 2022, 2023)
    assert projection.expected == pytest.approx(100.0)
    with_covid = project_counts(counts_by_year=counts, to_year=2025, exclude_years=())
    assert with_covid is not None
    assert with_covid.years_used == (2019, 2020, 2021, 2022, 2023)  # window of five
    assert with_covid.expected != pytest.approx(100.0, abs=1.0)


def test_covid_years_come_back_when_too_few_years_remain() -> None:
    counts = {2019: 1000, 2020: 800, 2021: 640}  # without 2020-21 only one year is left
    projection = project_counts(counts_by_year=counts, to_year=2023)
    assert projection is not None
    assert projection.years_used == (2019, 2020, 2021)
    assert projection.annual_change == pytest.approx(-0.2, abs=1e-9)
    assert projection.expected == pytest.approx(409.6, rel=1e-9)  # 640 * 0.8 * 0.8


@pytest.mark.parametrize(
    ("counts", "kwargs", "years_used"),
    [
        ({2018: 5, 2019: 5, 2022: 100, 2023: 100, 2024: 100}, {"window": 3}, (2022, 2023, 2024)),
        ({y: 10 for y in range(2010, 2020)}, {"since_year": 2012}, (2015, 2016, 2017, 2018, 2019)),
        ({y: 10 for y in range(2010, 2020)}, {"since_year": None}, (2015, 2016, 2017, 2018, 2019)),
        (
            {y: 10 for y in range(2010, 2025)},
            {"exclude_years": {2024}},
            (2020, 2021, 2022, 2023),  # calendar window 2020-2024, less the excluded 2024
        ),
    ],
)
def test_years_used(counts: dict[int, int], kwargs: dict, years_used: tuple[int, ...]) -> None:
    projection = project_counts(counts_by_year=counts, to_year=2026, **kwargs)
    assert projection is not None
    assert projection.years_used == years_used


@pytest.mark.parametrize(
    "counts",
    [
        {},
        {2022: 10, 2023: 12},
        {2016: 10, 2017: 12, 2022: 10, 2023: 12},  # the older two are before the 2018 break
    ],
)
def test_fewer_than_three_years_gives_none(counts: dict[int, int]) -> None:
    assert project_counts(counts_by_year=counts, to_year=2030) is None


def test_small_counts_interval_by_hand() -> None:
    # 1, 1, 1 fits mu = 1, slope 0 exactly; Pearson dispersion 0 is not credited (phi -> 1).
    # Centred x = -1, 0, 1 and weights mu = 1: X'WX = [[3, 0], [0, 2]], so var(b0) = 1/3 and
    # var(b1) = 1/2. At 2025 x = 2: var(eta) = 1/3 + 4/2 = 2.3333, se = 1.52753.
    # The interval is for the expected level: exp(-/+ 1.95996 * 1.52753) = 0.050092 and 19.9633.
    # Slope bounds exp(-/+ 1.95996 * 0.70711) - 1 = -0.74990 and +2.99844.
    projection = project_counts(counts_by_year={2022: 1, 2023: 1, 2024: 1}, to_year=2025)
    assert projection == Projection(
        to_year=2025,
        expected=approx(1.0),
        low=approx(0.050092, abs=1e-6),
        high=approx(19.9633, abs=1e-4),
        annual_change=approx(0.0, abs=1e-12),
        annual_change_low=approx(-0.74990, abs=1e-5),
        annual_change_high=approx(2.99844, abs=1e-5),
        years_used=(2022, 2023, 2024),
    )


def test_overdispersion_widens_the_interval() -> None:
    # 20, 40, 20 is symmetric, so slope 0 and mu = 80/3 = 26.667 in every year.
    # Pearson: (6.667^2 * 2 + 13.333^2) / 26.667 = 266.67 / 26.667 = 10; phi = 10 / (3 - 2).
    # var(b1) = phi / (2 * 26.667) = 0.1875, se = 0.43301; exp(+/- 1.95996 * 0.43301) - 1.
    # Without the dispersion it would be se = 0.13693 and (-0.2354, +0.3078).
    projection = project_counts(counts_by_year={2022: 20, 2023: 40, 2024: 20}, to_year=2025)
    assert projection is not None
    assert projection.annual_change_low == pytest.approx(-0.57202, abs=1e-4)
    assert projection.annual_change_high == pytest.approx(1.33656, abs=1e-4)


def test_all_zero_series_projects_zero() -> None:
    # Window 2020-2024 less COVID: 2022-2024, all zero. The total's Garwood upper bound
    # -ln(0.025) = 3.6889 spread over 3 years is 1.22963 a year.
    zeros = {2018: 0, 2019: 0, 2022: 0, 2023: 0, 2024: 0}
    projection = project_counts(counts_by_year=zeros, to_year=2030)
    assert projection == Projection(
        to_year=2030,
        expected=0.0,
        low=0.0,
        high=approx(1.22963, abs=1e-5),
        annual_change=0.0,
        annual_change_low=-1.0,
        annual_change_high=math.inf,
        years_used=(2022, 2023, 2024),
    )


def test_single_nonzero_year_projects_the_level() -> None:
    # 0, 0, 3: the maximum-likelihood slope is infinite, so the level 3/3 = 1 is projected.
    # Garwood(3) = (0.61867, 8.7673), divided by 3 years: (0.20622, 2.92242) a year.
    projection = project_counts(counts_by_year={2022: 0, 2023: 0, 2024: 3}, to_year=2030)
    assert projection is not None
    assert projection.expected == 1.0
    assert projection.low == pytest.approx(0.20622, abs=1e-5)
    assert projection.high == pytest.approx(2.92242, abs=1e-5)


@pytest.mark.parametrize(
    ("counts", "kwargs"),
    [
        ({2022: 1, 2023: -1, 2024: 1}, {}),
        ({2022: 1, 2023: 1, 2024: 1}, {"window": 2}),
        ({2022: 1, 2023: 1, 2024: 1}, {"level": 1.5}),
    ],
)
def test_project_counts_rejects(counts: dict[int, int], kwargs: dict) -> None:
    with pytest.raises(ValueError):
        project_counts(counts_by_year=counts, to_year=2030, **kwargs)


@given(
    counts=st.dictionaries(
        st.integers(min_value=2015, max_value=2026),
        st.one_of(
            st.integers(min_value=0, max_value=5), st.integers(min_value=0, max_value=50_000)
        ),
    ),
    to_year=st.integers(min_value=2024, max_value=2035),
)
def test_projection_interval_is_ordered(counts: dict[int, int], to_year: int) -> None:
    projection = project_counts(counts_by_year=counts, to_year=to_year)
    if projection is None:
        assert len(projection_years(counts)) < 3
        return
    assert 0 <= projection.low <= projection.expected <= projection.high
    assert projection.annual_change_low <= projection.annual_change <= projection.annual_change_high
    assert projection.annual_change_low >= -1


def projection_years(counts: dict[int, int]) -> list[int]:
    """Years at or after the 2018 break within the five calendar years ending with the latest."""
    eligible = [year for year in counts if year >= 2018]
    return [year for year in eligible if year > max(eligible) - 5] if eligible else []


def make_projection(*, low: float, expected: float, high: float, change_high: float) -> Projection:
    """A projection to 2030 with the given interval and upper bound of the yearly change."""
    return Projection(
        to_year=2030,
        expected=expected,
        low=low,
        high=high,
        annual_change=change_high - 0.05,
        annual_change_low=change_high - 0.1,
        annual_change_high=change_high,
        years_used=(2022, 2023, 2024),
    )


FALLING_ON_TRACK = make_projection(low=6000, expected=7000, high=8000, change_high=-0.05)


@pytest.mark.parametrize(
    ("projection", "target", "expected"),
    [
        (FALLING_ON_TRACK, 10000, Status.ON_TRACK),  # c: high 8000 <= 10000
        (FALLING_ON_TRACK, 8000, Status.ON_TRACK),  # c: high equal to the target is enough
        (FALLING_ON_TRACK, 5000, Status.NEEDS_ACCELERATION),  # d: low > target, falling
        (replace(FALLING_ON_TRACK, annual_change_high=0.0), 5000, Status.OFF_TRACK),  # d: flat
        (replace(FALLING_ON_TRACK, annual_change_high=0.02), 5000, Status.OFF_TRACK),
        (FALLING_ON_TRACK, 7500, Status.INSUFFICIENT_EVIDENCE),  # e: expected below target
        (FALLING_ON_TRACK, 6500, Status.INSUFFICIENT_EVIDENCE),  # e: expected above target
        (FALLING_ON_TRACK, 6000, Status.INSUFFICIENT_EVIDENCE),  # e: low equal to the target
        (None, 10000, Status.INSUFFICIENT_EVIDENCE),  # b
    ],
)
def test_classify_before_deadline(
    projection: Projection | None, target: float, expected: Status
) -> None:
    status = classify(
        projection=projection, target=target, latest_year=2024, latest_count=9000, target_year=2030
    )
    assert status == expected


@pytest.mark.parametrize(
    ("latest_count", "target", "expected"),
    [
        (9000, 10000, Status.ON_TRACK),  # interval (8815.0, 9187.9)
        (11000, 10000, Status.OFF_TRACK),  # interval (10795.4, 11207.5)
        (10000, 10000, Status.INSUFFICIENT_EVIDENCE),  # interval (9805.0, 10198.0)
        (0, 4, Status.ON_TRACK),  # 0 -> (0, 3.689)
        (0, 3, Status.INSUFFICIENT_EVIDENCE),  # 3.689 > 3: zero this year may be luck
        (5, 1, Status.OFF_TRACK),  # 5 -> (1.6235, 11.668)
        (None, 10000, Status.INSUFFICIENT_EVIDENCE),
        (-1, 10000, Status.INSUFFICIENT_EVIDENCE),  # corrupt count: no verdict, no crash
    ],
)
def test_classify_at_deadline_uses_latest_count(
    latest_count: int | None, target: float, expected: Status
) -> None:
    # the projection would say on track; the deadline rule must take precedence
    for latest_year in (2030, 2031):
        status = classify(
            projection=FALLING_ON_TRACK,
            target=target,
            latest_year=latest_year,
            latest_count=latest_count,
            target_year=2030,
        )
        assert status == expected


def test_classify_without_latest_year_uses_projection() -> None:
    status = classify(
        projection=FALLING_ON_TRACK,
        target=10000,
        latest_year=None,
        latest_count=None,
        target_year=2030,
    )
    assert status == Status.ON_TRACK


any_float = st.floats(allow_nan=True, allow_infinity=True)


@given(
    projection=st.none()
    | st.builds(
        Projection,
        to_year=st.integers(1900, 2100),
        expected=any_float,
        low=any_float,
        high=any_float,
        annual_change=any_float,
        annual_change_low=any_float,
        annual_change_high=any_float,
        years_used=st.tuples(st.integers(2000, 2030)),
    ),
    target=any_float,
    latest_year=st.none() | st.integers(1900, 2100),
    latest_count=st.none() | st.integers(-10, 10**7),
    target_year=st.integers(1900, 2100),
)
def test_classify_never_raises(
    projection: Projection | None,
    target: float,
    latest_year: int | None,
    latest_count: int | None,
    target_year: int,
) -> None:
    status = classify(
        projection=projection,
        target=target,
        latest_year=latest_year,
        latest_count=latest_count,
        target_year=target_year,
    )
    assert status in set(Status)


def test_covid_years() -> None:
    assert frozenset({2020, 2021}) == COVID_YEARS
