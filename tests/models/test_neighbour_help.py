"""Helper density, Naboven coverage, target arithmetic and the recruitment status."""

from datetime import date, timedelta

import pytest

from models.domain import Status
from models.neighbour_help import (
    LevelProjection,
    assess_helpers,
    baseline_count,
    classify_helpers,
    coverage,
    nabovenner_needed,
    per_100_households,
    project_level,
    resolve_helper_target,
)


@pytest.mark.parametrize(
    ("helpers", "households", "expected"),
    [(1500, 10000, 15.0), (0, 10000, 0.0), (7, 350, 2.0), (10, None, None), (10, 0, None)],
)
def test_per_100_households(helpers: int, households: float | None, expected: float | None) -> None:
    assert per_100_households(helpers, households) == expected


@pytest.mark.parametrize(
    ("households", "needed"),
    [(10000, 100), (10001, 101), (99, 1), (100, 1), (None, None), (0, None)],
)
def test_nabovenner_needed_one_per_hundred_households(
    households: float | None, needed: int | None
) -> None:
    assert nabovenner_needed(households) == needed


@pytest.mark.parametrize(
    ("active", "households", "expected"),
    [(50, 10000, 0.5), (150, 10000, 1.5), (0, 10000, 0.0), (None, 10000, None), (5, None, None)],
)
def test_coverage(active: int | None, households: float | None, expected: float | None) -> None:
    assert coverage(active, households) == expected


@pytest.mark.parametrize(
    ("unit", "target", "baseline", "households", "expected"),
    [
        ("level", 3000, 1000, 9000, 3000.0),
        ("increase", 1275, 2100, 9000, 3375.0),  # Solrød: 1.275 new active helpers
        ("increase", 1275, None, 9000, None),
        ("household_share", 0.6, 1000, 10500, 6300.0),  # Allerød: 60 % of households
        ("household_share", 0.6, 1000, None, None),
    ],
)
def test_resolve_helper_target(
    unit: str,
    target: float,
    baseline: float | None,
    households: float | None,
    expected: float | None,
) -> None:
    assert (
        resolve_helper_target(unit=unit, target=target, baseline=baseline, households=households)
        == expected
    )


@pytest.mark.parametrize(("unit", "target"), [("household_share", 60), ("level", -1)])
def test_resolve_helper_target_rejects_nonsense(unit: str, target: float) -> None:
    with pytest.raises(ValueError):
        resolve_helper_target(unit=unit, target=target, baseline=0, households=100)


def test_baseline_is_the_last_count_of_the_baseline_year() -> None:
    counts = [(date(2020, 6, 1), 900), (date(2020, 12, 1), 950), (date(2021, 2, 1), 990)]
    assert baseline_count(counts, baseline_year=2020) == 950
    assert baseline_count(counts, baseline_year=2019) == 900  # none before: the first count
    assert baseline_count([], baseline_year=2020) is None


def _monthly(start: date, values: list[int]) -> list[tuple[date, int]]:
    return [(start + timedelta(days=30 * i), v) for i, v in enumerate(values)]


def test_projection_of_a_perfect_line_is_exact() -> None:
    # +20 helpers every 73 days = 20 * 365.25 / 73 = 100.068 a year; no scatter: a point interval
    counts = [(date(2024, 1, 1) + timedelta(days=73 * i), 1000 + 20 * i) for i in range(11)]
    last = counts[-1][0]
    projection = project_level(counts, to_date=last + timedelta(days=365))
    assert projection is not None
    assert projection.per_year == pytest.approx(100.068493, rel=1e-6)
    assert projection.expected == pytest.approx(1200 + 20 * 365 / 73, rel=1e-9)
    assert projection.high - projection.low == pytest.approx(0, abs=1e-6)


def test_projection_needs_three_recent_counts() -> None:
    assert project_level(_monthly(date(2025, 1, 1), [1, 2]), to_date=date(2030, 1, 1)) is None
    old_and_new = [
        (date(2015, 1, 1), 5),
        (date(2015, 2, 1), 6),
        (date(2025, 1, 1), 7),
        (date(2025, 2, 1), 8),
    ]
    assert project_level(old_and_new, to_date=date(2030, 1, 1)) is None


def _projection(low: float, high: float, per_year_low: float) -> LevelProjection:
    return LevelProjection(
        date(2030, 12, 31), (low + high) / 2, low, high, 1.0, per_year_low, 2.0, 12
    )


@pytest.mark.parametrize(
    ("latest_date", "latest", "projection", "expected"),
    [
        (date(2031, 1, 5), 3000, None, Status.ON_TRACK),  # deadline passed, reached
        (date(2031, 1, 5), 2999, None, Status.OFF_TRACK),
        (date(2026, 1, 1), 2000, None, Status.INSUFFICIENT_EVIDENCE),  # no projection
        (date(2026, 1, 1), 2000, _projection(3000, 3500, 10), Status.ON_TRACK),
        (date(2026, 1, 1), 2000, _projection(2500, 2900, 10), Status.NEEDS_ACCELERATION),
        (date(2026, 1, 1), 2000, _projection(2500, 2900, -5), Status.OFF_TRACK),
        (date(2026, 1, 1), 2000, _projection(2900, 3100, 10), Status.INSUFFICIENT_EVIDENCE),
    ],
)
def test_classify_helpers(
    latest_date: date, latest: int, projection: LevelProjection | None, expected: Status
) -> None:
    assert (
        classify_helpers(
            latest_date=latest_date,
            latest=latest,
            target=3000,
            target_year=2030,
            projection=projection,
        )
        is expected
    )


def test_assess_helpers_against_an_increase_target() -> None:
    counts = _monthly(date(2020, 1, 1), [1000 + 20 * i for i in range(60)])  # +~243 a year
    result = assess_helpers(
        counts=counts,
        nabovenner=40,
        households=10000,
        goal_unit="increase",
        goal_target=1275,
        goal_baseline=None,
        baseline_year=2020,
        target_year=2030,
    )
    assert result.latest == 1000 + 20 * 59
    assert result.baseline == 1000 + 20 * 12  # the count of 2020-12-26 (day 360), the last of 2020
    assert result.target == result.baseline + 1275
    assert result.change_since_baseline == 20 * 47
    assert result.progress == pytest.approx(940 / 1275)
    assert result.per_100_households == pytest.approx(21.8)
    assert result.nabovenner_needed == 100
    assert result.coverage == 0.4
    assert result.status is Status.ON_TRACK  # a steady rise reaches the target years early


def test_assess_helpers_without_goal_or_counts() -> None:
    result = assess_helpers(
        counts=[],
        nabovenner=None,
        households=None,
        goal_unit=None,
        goal_target=None,
        goal_baseline=None,
        baseline_year=None,
        target_year=None,
    )
    assert result.latest is None and result.per_100_households is None
    assert result.status is Status.INSUFFICIENT_EVIDENCE
