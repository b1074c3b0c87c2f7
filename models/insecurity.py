"""Insecurity about burglary from survey rounds: the share, its interval, change, and status."""

# How the insecurity status is decided (shares come from samples, so intervals decide):
#   a. No round with answers, or no goal for this measure -> insufficient evidence.
#   b. The latest round's whole 95 % interval at or below the goal -> on track (reached).
#   c. The interval straddles the goal -> insufficient evidence.
#   d. Deadline not reached: the whole interval at or below the required level on the straight
#      path from baseline to goal in that year -> on track; straddling it -> insufficient
#      evidence.
#   e. Otherwise a significant fall since the previous round -> needs acceleration; else off
#      track.

from collections.abc import Sequence
from dataclasses import dataclass

from models.domain import Status
from models.goals import required_linear
from models.proportions import ShareChange, ShareEstimate, compare_shares, estimate_share


@dataclass(frozen=True)
class RoundShare:
    """One survey round of one measure: year, answers in the share, all answers."""

    year: int
    in_share: int
    respondents: int


@dataclass(frozen=True)
class InsecurityGoal:
    """The goal the measure is judged against."""

    baseline: float
    baseline_year: int
    target: float
    target_year: int


@dataclass(frozen=True)
class InsecurityAssessment:
    """The latest round against the goal, the change since the previous round, the status."""

    year: int | None
    estimate: ShareEstimate | None
    previous_year: int | None
    change: ShareChange | None
    goal: InsecurityGoal | None
    required: float | None  # the straight path's level in the latest round's year
    status: Status


def _status(
    estimate: ShareEstimate, *, year: int, goal: InsecurityGoal, change: ShareChange | None
) -> tuple[Status, float | None]:
    if estimate.high <= goal.target:
        return Status.ON_TRACK, None
    if estimate.low <= goal.target:
        return Status.INSUFFICIENT_EVIDENCE, None
    required = None
    if year < goal.target_year and goal.target_year > goal.baseline_year:
        required = required_linear(
            baseline=goal.baseline,
            baseline_year=goal.baseline_year,
            target=goal.target,
            target_year=goal.target_year,
            year=year,
        )
        if estimate.high <= required:
            return Status.ON_TRACK, required
        if estimate.low <= required:
            return Status.INSUFFICIENT_EVIDENCE, required
    if change is not None and change.significant and change.difference < 0:
        return Status.NEEDS_ACCELERATION, required
    return Status.OFF_TRACK, required


def assess_insecurity(
    rounds: Sequence[RoundShare], *, goal: InsecurityGoal | None
) -> InsecurityAssessment:
    """Assess the newest round with answers; compare it with the round before."""
    usable = sorted((r for r in rounds if r.respondents > 0), key=lambda r: r.year)
    if not usable:
        return InsecurityAssessment(
            None, None, None, None, goal, None, Status.INSUFFICIENT_EVIDENCE
        )
    latest = usable[-1]
    estimate = estimate_share(latest.in_share, latest.respondents)
    previous = usable[-2] if len(usable) > 1 else None
    change = (
        compare_shares(
            (previous.in_share, previous.respondents), (latest.in_share, latest.respondents)
        )
        if previous is not None
        else None
    )
    if goal is None:
        status, required = Status.INSUFFICIENT_EVIDENCE, None
    else:
        status, required = _status(estimate, year=latest.year, goal=goal, change=change)
    return InsecurityAssessment(
        year=latest.year,
        estimate=estimate,
        previous_year=None if previous is None else previous.year,
        change=change,
        goal=goal,
        required=required,
        status=status,
    )
