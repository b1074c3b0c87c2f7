"""Required paths from baseline to target, and resolving a goal's target."""

import math
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.goals import (
    PathPoint,
    annual_rate_needed,
    required_constant_rate,
    required_linear,
    required_path,
    resolve_target,
)


def make_goal(baseline: float, target: float, first: int, last: int) -> dict:
    """Keyword arguments for a goal from `baseline` in year `first` to `target` in `last`."""
    return {"baseline": baseline, "baseline_year": first, "target": target, "target_year": last}


NATIONAL = make_goal(29000.0, 10000.0, 2017, 2030)


@pytest.mark.parametrize(
    ("goal", "year", "expected"),
    [
        (NATIONAL, 2017, 29000.0),
        (NATIONAL, 2030, 10000.0),
        (NATIONAL, 2023, 20230.769),  # 29000 - 19000 * 6/13 = 29000 - 8769.231
        (NATIONAL, 2024, 18769.231),  # 29000 - 19000 * 7/13 = 29000 - 10230.769
        (NATIONAL, 2010, 29000.0),  # before the baseline year: clamped to the baseline
        (NATIONAL, 2035, 10000.0),  # after the deadline: clamped to the target
        (make_goal(100.0, 50.0, 2020, 2025), 2022, 80.0),  # 100 - 50 * 2/5
        (make_goal(10.0, 20.0, 2020, 2030), 2025, 15.0),  # a rising goal (e.g. neighbour helpers)
    ],
)
def test_required_linear(goal: dict, year: int, expected: float) -> None:
    assert required_linear(**goal, year=year) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("goal", "year", "expected"),
    [
        (NATIONAL, 2017, 29000.0),
        (NATIONAL, 2030, 10000.0),
        # ln(10000/29000) = -1.0647107; * 6/13 = -0.4914049; exp = 0.6117663; * 29000
        (NATIONAL, 2023, 17741.222),
        (NATIONAL, 2000, 29000.0),  # clamped before the baseline year
        (NATIONAL, 2040, 10000.0),  # clamped after the deadline
        (make_goal(100.0, 25.0, 2020, 2022), 2021, 50.0),  # 100 * 0.25 ** (1/2)
        (make_goal(1000.0, 10.0, 2020, 2024), 2022, 100.0),  # 1000 * 0.01 ** (2/4)
        # target 0: a constant rate never reaches 0, so the straight line: 100 - 100 * 5/10
        (make_goal(100.0, 0.0, 2020, 2030), 2025, 50.0),
        # baseline 0: the same fallback, 0 + 10 * 5/10
        (make_goal(0.0, 10.0, 2020, 2030), 2025, 5.0),
    ],
)
def test_required_constant_rate(goal: dict, year: int, expected: float) -> None:
    assert required_constant_rate(**goal, year=year) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("baseline", "target", "years", "expected"),
    [
        (29000.0, 10000.0, 13, -0.0786367),  # (10000/29000) ** (1/13) - 1 = 0.9213633 - 1
        (100.0, 25.0, 2, -0.5),  # 0.25 ** (1/2) - 1
        (100.0, 121.0, 2, 0.1),  # 1.21 ** (1/2) - 1
        (100.0, 100.0, 5, 0.0),
        (100.0, 0.0, 5, -1.0),  # reaching zero takes the whole level away
    ],
)
def test_annual_rate_needed(baseline: float, target: float, years: int, expected: float) -> None:
    rate = annual_rate_needed(
        baseline=baseline, baseline_year=2017, target=target, target_year=2017 + years
    )
    assert rate == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize(("baseline", "target"), [(0.0, 10.0), (-5.0, 10.0), (100.0, -1.0)])
def test_annual_rate_needed_rejects_impossible_levels(baseline: float, target: float) -> None:
    with pytest.raises(ValueError):
        annual_rate_needed(baseline=baseline, baseline_year=2017, target=target, target_year=2030)


@pytest.mark.parametrize("target_year", [2017, 2010])
def test_deadline_must_follow_baseline(target_year: int) -> None:
    goal = {**NATIONAL, "target_year": target_year}
    with pytest.raises(ValueError, match="Målåret"):
        required_linear(**goal, year=2020)
    with pytest.raises(ValueError, match="Målåret"):
        required_constant_rate(**goal, year=2020)
    with pytest.raises(ValueError, match="Målåret"):
        required_path(**goal)


def test_required_path_lists_every_year() -> None:
    path = required_path(baseline=100.0, baseline_year=2020, target=25.0, target_year=2022)
    # linear 2021: 100 - 75/2 = 62.5; constant rate 2021: 100 * 0.25 ** 0.5 = 50
    assert path == [
        PathPoint(year=2020, linear=100.0, constant_rate=100.0),
        PathPoint(year=2021, linear=62.5, constant_rate=50.0),
        PathPoint(year=2022, linear=25.0, constant_rate=25.0),
    ]


@given(
    baseline=st.floats(min_value=1.0, max_value=1e6),
    target=st.floats(min_value=0.0, max_value=1e6),
    baseline_year=st.integers(min_value=1990, max_value=2030),
    span=st.integers(min_value=1, max_value=30),
)
def test_required_paths_are_monotone_and_hit_both_ends(
    baseline: float, target: float, baseline_year: int, span: int
) -> None:
    path = required_path(
        baseline=baseline,
        baseline_year=baseline_year,
        target=target,
        target_year=baseline_year + span,
    )
    assert [p.year for p in path] == list(range(baseline_year, baseline_year + span + 1))
    for column in ("linear", "constant_rate"):
        values = [getattr(point, column) for point in path]
        assert math.isclose(values[0], baseline, rel_tol=1e-9)
        assert math.isclose(values[-1], target, rel_tol=1e-9, abs_tol=1e-9)
        steps = [b - a for a, b in pairwise(values)]
        tolerance = 1e-9 * max(baseline, target)
        direction = 1 if target >= baseline else -1
        assert all(step * direction >= -tolerance for step in steps)


@pytest.mark.parametrize(
    ("target", "reduction", "expected"),
    [
        (700.0, None, 700.0),
        (None, 0.3, 700.0),  # 1000 * (1 - 0.3)
        (600.0, 0.3, 600.0),  # an absolute target wins over the reduction
        (None, 0.0, 1000.0),
        (None, 1.0, 0.0),
    ],
)
def test_resolve_target(target: float | None, reduction: float | None, expected: float) -> None:
    assert resolve_target(baseline=1000.0, target=target, target_reduction=reduction) == (
        pytest.approx(expected)
    )


@pytest.mark.parametrize(
    ("target", "reduction"),
    [(None, None), (None, -0.1), (None, 1.1), (None, math.nan), (600.0, 1.5)],
)
def test_resolve_target_rejects(target: float | None, reduction: float | None) -> None:
    with pytest.raises(ValueError):
        resolve_target(baseline=1000.0, target=target, target_reduction=reduction)
