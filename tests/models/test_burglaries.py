"""Goal resolution, the combined national series and the assessment that the pages show."""

from datetime import UTC, datetime

import pandas as pd
import pytest

from models.burglaries import (
    assess_burglaries,
    combine_national_series,
    count_statuses,
    resolve_burglary_goal,
)
from models.domain import Status
from models.tables import Goal

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def make_goal(**fields: object) -> Goal:
    """A goal with sensible defaults for the fields a test does not care about."""
    values: dict[str, object] = {
        "scope_kind": "national",
        "indicator": "burglaries",
        "baseline": 29000.0,
        "baseline_year": 2017,
        "target": 10000.0,
        "target_year": 2030,
        "updated_at": NOW,
    }
    values.update(fields)
    return Goal(**values)  # type: ignore[arg-type]


def test_own_goal_with_absolute_target_reads_baseline_from_data() -> None:
    own = make_goal(
        scope_kind="municipality", scope_code=223, baseline=None, baseline_year=2020, target=85.0
    )
    goal = resolve_burglary_goal(
        own=own, national=make_goal(), counts_by_year={2020: 140, 2021: 120}
    )
    assert goal is not None
    assert (goal.baseline, goal.target, goal.inherited_from_national) == (140.0, 85.0, False)


def test_own_goal_with_reduction() -> None:
    own = make_goal(
        scope_kind="municipality",
        scope_code=540,
        baseline=None,
        baseline_year=2018,
        target=None,
        target_reduction=2 / 3,
    )
    goal = resolve_burglary_goal(own=own, national=None, counts_by_year={2018: 300})
    assert goal is not None
    assert goal.target == pytest.approx(100.0)  # 300 * (1 - 2/3)


def test_own_goal_without_baseline_data_cannot_be_resolved() -> None:
    own = make_goal(scope_kind="municipality", scope_code=540, baseline=None, baseline_year=2018)
    assert resolve_burglary_goal(own=own, national=make_goal(), counts_by_year={2019: 10}) is None


def test_inherits_the_national_relative_fall() -> None:
    goal = resolve_burglary_goal(
        own=None, national=make_goal(), counts_by_year={2017: 290, 2018: 250}
    )
    assert goal is not None
    # 29000 -> 10000 is a fall of 19000/29000 = 65.5 %; 290 * 10000/29000 = 100
    assert goal.target == pytest.approx(100.0)
    assert goal.inherited_from_national
    assert "65 %" in goal.source_note or "66 %" in goal.source_note


def test_assessment_latest_year_and_required_level() -> None:
    counts = {
        2017: 29000,
        2018: 29015,
        2019: 24553,
        2020: 17529,
        2021: 14804,
        2022: 14956,
        2023: 14844,
    }
    goal = resolve_burglary_goal(own=make_goal(), national=None, counts_by_year=counts)
    result = assess_burglaries(counts_by_year=counts, goal=goal)
    assert (result.latest_year, result.latest_count) == (2023, 14844)
    # straight line 29000 -> 10000 over 13 years, 6 years in: 29000 - 19000 * 6 / 13 = 20230.8
    assert result.required_for_latest_year == pytest.approx(20230.77, abs=0.01)
    assert result.path[0].year == 2017 and result.path[-1].year == 2030
    assert [p.to_year for p in result.band] == list(range(2024, 2031))
    assert result.projection is result.band[-1]


def test_assessment_without_goal_is_insufficient_evidence() -> None:
    result = assess_burglaries(counts_by_year={2022: 5, 2023: 6}, goal=None)
    assert result.status is Status.INSUFFICIENT_EVIDENCE
    assert result.latest_count == 6


def test_assessment_after_deadline_compares_latest_year_directly() -> None:
    own = make_goal(baseline=400.0, baseline_year=2017, target=150.0, target_year=2023)
    result = assess_burglaries(
        counts_by_year={2017: 400, 2023: 100, 2024: 90},
        goal=resolve_burglary_goal(own=own, national=None, counts_by_year={}),
    )
    # 90 burglaries: exact Poisson interval about 72-111, wholly under 150
    assert result.status is Status.ON_TRACK
    assert result.projection is None


def test_combine_national_series_prefers_recorded_figures() -> None:
    recorded = pd.DataFrame(
        {
            "year": [2022, 2023],
            "count": [14956, 14844],
            "quality": ["reported", "approximate"],
            "note": ["", ""],
        }
    )
    sums = pd.DataFrame(
        {
            "year": [2022, 2023, 2024, 2025, 2026],
            "count": [15000, 14000, 14399, 13967, 9000],
            "quarters": [4, 4, 4, 4, 3],
            "is_demo": [True] * 5,
        }
    )
    combined = combine_national_series(recorded=recorded, sums=sums)
    assert combined["year"].tolist() == [
        2022,
        2023,
        2024,
        2025,
    ]  # 2026 has three quarters: not a year
    assert combined["count"].tolist() == [14956, 14844, 14399, 13967]
    assert combined["quality"].tolist() == ["reported", "approximate", "demo", "demo"]
    assert combined["demo"].tolist() == [False, False, True, True]


def test_combine_national_series_marks_real_sums_as_sums() -> None:
    recorded = pd.DataFrame(
        {"year": [2023], "count": [14844], "quality": ["reported"], "note": [""]}
    )
    sums = pd.DataFrame({"year": [2024], "count": [14000], "quarters": [4], "is_demo": [False]})
    combined = combine_national_series(recorded=recorded, sums=sums)
    assert combined["quality"].tolist() == ["reported", "sum_of_quarters"]


def test_count_statuses_lists_every_status() -> None:
    counted = count_statuses(["on_track", "on_track", "off_track"])
    assert counted == {
        Status.ON_TRACK: 2,
        Status.NEEDS_ACCELERATION: 0,
        Status.OFF_TRACK: 1,
        Status.INSUFFICIENT_EVIDENCE: 0,
    }


def test_assessment_without_band_gives_the_same_status_and_projection() -> None:
    counts = {2017: 300, 2018: 280, 2019: 260, 2022: 200, 2023: 190, 2024: 180, 2025: 170}
    goal = resolve_burglary_goal(
        own=make_goal(baseline=300.0), national=None, counts_by_year=counts
    )
    full = assess_burglaries(counts_by_year=counts, goal=goal)
    lean = assess_burglaries(counts_by_year=counts, goal=goal, with_band=False)
    assert lean.band == [lean.projection] and len(full.band) == 5  # 2026..2030
    assert (lean.status, lean.projection) == (full.status, full.projection)
