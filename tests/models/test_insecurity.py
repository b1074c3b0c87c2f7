"""The insecurity status: the latest round's interval against the goal and its path."""

import pytest

from models.domain import Status
from models.insecurity import InsecurityGoal, RoundShare, assess_insecurity

GOAL = InsecurityGoal(baseline=0.25, baseline_year=2017, target=0.10, target_year=2030)


def _status(*rounds: tuple[int, int, int], goal: InsecurityGoal | None = GOAL) -> Status:
    return assess_insecurity([RoundShare(*r) for r in rounds], goal=goal).status


def test_no_rounds_or_no_goal_is_insufficient_evidence() -> None:
    assert _status() is Status.INSUFFICIENT_EVIDENCE
    assert _status((2024, 0, 0)) is Status.INSUFFICIENT_EVIDENCE
    assert _status((2024, 20, 400), goal=None) is Status.INSUFFICIENT_EVIDENCE


def test_whole_interval_below_the_goal_is_on_track() -> None:
    # 20 of 400 = 5 %: Wilson (3,3 %; 7,6 %) lies below 10 %
    assert _status((2024, 20, 400)) is Status.ON_TRACK


def test_interval_straddling_the_goal_is_insufficient_evidence() -> None:
    # 9 of 100 = 9 %: Wilson (4,8 %; 16,2 %) straddles 10 %: the central share alone proves nothing
    assert _status((2024, 9, 100)) is Status.INSUFFICIENT_EVIDENCE


def test_ahead_of_the_path_is_on_track() -> None:
    # Path in 2024: 0.25 - 0.15 * 7/13 = 0.169231. 52 of 400 = 13 %: Wilson high 16,7 % < 16,9 %
    result = assess_insecurity([RoundShare(2024, 52, 400)], goal=GOAL)
    assert result.required == pytest.approx(0.169231, abs=1e-6)
    assert result.required is not None and result.estimate is not None
    assert result.estimate.high < result.required
    assert result.status is Status.ON_TRACK


def test_straddling_the_path_is_insufficient_evidence() -> None:
    assert _status((2024, 68, 400)) is Status.INSUFFICIENT_EVIDENCE  # 17 %: (13,6 %; 21,0 %)


def test_behind_the_path_with_a_significant_fall_needs_acceleration() -> None:
    # 30 % of 500 then 22 % of 500: z = 2.89, p = 0.004; 22 % is above the 2024 path of 16,9 %
    assert _status((2022, 150, 500), (2024, 110, 500)) is Status.NEEDS_ACCELERATION


def test_behind_the_path_without_a_real_fall_is_off_track() -> None:
    assert _status((2022, 115, 500), (2024, 110, 500)) is Status.OFF_TRACK
    assert _status((2024, 110, 500)) is Status.OFF_TRACK


def test_after_the_deadline_above_the_goal_is_off_track() -> None:
    assert _status((2030, 110, 500), (2032, 100, 500)) is Status.OFF_TRACK


def test_latest_round_and_change_are_reported() -> None:
    result = assess_insecurity([RoundShare(2024, 110, 500), RoundShare(2022, 150, 500)], goal=GOAL)
    assert (result.year, result.previous_year) == (2024, 2022)
    assert result.estimate is not None and result.estimate.share == pytest.approx(0.22)
    assert result.change is not None and result.change.difference == pytest.approx(-0.08)
    assert result.change.significant
