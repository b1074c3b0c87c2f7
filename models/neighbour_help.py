"""Neighbour-helpers (Nabohjælp): density, Naboven coverage, recruitment targets and their status."""

# How the helper status is decided (the burglary rules, turned round because more is better):
#   a. Deadline reached (latest count on or after 31 December of the target year): the latest
#      count is a census, not a sample, so it decides alone: at/above target -> on track,
#      below -> off track.
#   b. Fewer than three counts in the last two years -> insufficient evidence.
#   c. A straight line through the last two years' counts, projected to the deadline with a
#      95 % interval for the level: even its low end reaches the target -> on track.
#   d. Even its high end misses: a significant rise (the slope's interval above zero) ->
#      needs acceleration, otherwise -> off track.
#   e. The interval straddles the target -> insufficient evidence.

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
from scipy.special import stdtrit

from models.domain import Status
from models.i18n import DANISH, N_, translate

HOUSEHOLDS_PER_NABOVEN = 100  # a Naboven typically covers about 100 households
TREND_WINDOW_DAYS = 730


class ActivityKind(StrEnum):
    """Ways of recruiting neighbour-helpers."""

    BORGERMOEDE = "borgermøde"
    TRYGHEDSVANDRING = "tryghedsvandring"
    MESSE = "messe"
    MOBIL_POLITISTATION = "mobil politistation"
    NABO_TIL_NABO = "nabo-til-nabo"
    KAMPAGNE = "kampagne"


# the kinds' words as shown (the enum's values are stored and stay Danish)
ACTIVITY_KIND_LABELS = {
    ActivityKind.BORGERMOEDE: N_("borgermøde"),
    ActivityKind.TRYGHEDSVANDRING: N_("tryghedsvandring"),
    ActivityKind.MESSE: N_("messe"),
    ActivityKind.MOBIL_POLITISTATION: N_("mobil politistation"),
    ActivityKind.NABO_TIL_NABO: N_("nabo-til-nabo"),
    ActivityKind.KAMPAGNE: N_("kampagne"),
}


def activity_kind_label(kind: str, *, lang: str = DANISH) -> str:
    """A recruitment activity's kind in the language ('borgermøde' -> 'public meeting'); an
    unknown kind as it is."""
    return (
        translate(lang, ACTIVITY_KIND_LABELS[ActivityKind(kind)])
        if kind in set(ActivityKind)
        else kind
    )


class TargetUnit(StrEnum):
    """How a helper target is stated."""

    LEVEL = "level"  # a number of active helpers
    INCREASE = "increase"  # new helpers on top of the baseline
    HOUSEHOLD_SHARE = "household_share"  # a share of the municipality's households


TARGET_UNIT_LABELS = {
    TargetUnit.LEVEL: N_("antal aktive nabohjælpere"),
    TargetUnit.INCREASE: N_("nye nabohjælpere ud over udgangspunktet"),
    TargetUnit.HOUSEHOLD_SHARE: N_("andel af husstandene"),
}


def per_100_households(helpers: float, households: float | None) -> float | None:
    """Helpers per 100 households (None without a household count)."""
    if households is None or households <= 0:
        return None
    return helpers / households * 100


def nabovenner_needed(households: float | None) -> int | None:
    """Nabovenner needed to cover every household at one per ~100 households."""
    if households is None or households <= 0:
        return None
    return math.ceil(households / HOUSEHOLDS_PER_NABOVEN)


def coverage(active: int | None, households: float | None) -> float | None:
    """Active Nabovenner as a share of those needed (may exceed 1)."""
    needed = nabovenner_needed(households)
    if active is None or needed is None:
        return None
    return active / needed


def resolve_helper_target(
    *, unit: str, target: float, baseline: float | None, households: float | None
) -> float | None:
    """The target as a number of active helpers (None if what it needs is missing)."""
    unit = TargetUnit(unit)
    if target < 0:
        raise ValueError(f"Et mål for nabohjælpere kan ikke være negativt, fik {target}")
    if unit is TargetUnit.LEVEL:
        return float(target)
    if unit is TargetUnit.INCREASE:
        return None if baseline is None else baseline + target
    if target > 1:
        raise ValueError(f"En andel af husstandene ligger mellem 0 og 1, fik {target}")
    return None if households is None else target * households


def baseline_count(counts: Sequence[tuple[date, int]], *, baseline_year: int) -> int | None:
    """The last count on or before 31 December of the baseline year, else the first after it."""
    ordered = sorted(counts)
    before = [c for d, c in ordered if d <= date(baseline_year, 12, 31)]
    if before:
        return before[-1]
    return ordered[0][1] if ordered else None


@dataclass(frozen=True)
class LevelProjection:
    """A projected helper level on a date, its 95 % interval and the yearly change."""

    to_date: date
    expected: float
    low: float
    high: float
    per_year: float
    per_year_low: float
    per_year_high: float
    points: int


def project_level(
    counts: Sequence[tuple[date, int]], *, to_date: date, window_days: int = TREND_WINDOW_DAYS
) -> LevelProjection | None:
    """Straight-line projection of the counts of the last `window_days`; None under 3 counts."""
    if not counts:
        return None
    ordered = sorted(counts)
    last = ordered[-1][0]
    recent = [(d, c) for d, c in ordered if (last - d).days <= window_days]
    if len(recent) < 3:
        return None
    x = np.array([(d - last).days / 365.25 for d, _ in recent])
    y = np.array([float(c) for _, c in recent])
    if np.ptp(x) == 0:
        return None
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    dof = len(x) - 2
    sigma = math.sqrt(float(residual @ residual) / dof) if dof > 0 else 0.0
    sxx = float(((x - x.mean()) ** 2).sum())
    q = float(stdtrit(dof, 0.975)) if dof > 0 else math.inf
    at = (to_date - last).days / 365.25
    expected = float(intercept + slope * at)
    se_level = sigma * math.sqrt(1 / len(x) + (at - x.mean()) ** 2 / sxx)
    se_slope = sigma / math.sqrt(sxx)
    return LevelProjection(
        to_date=to_date,
        expected=expected,
        low=max(0.0, expected - q * se_level),
        high=expected + q * se_level,
        per_year=float(slope),
        per_year_low=float(slope - q * se_slope),
        per_year_high=float(slope + q * se_slope),
        points=len(x),
    )


def classify_helpers(
    *,
    latest_date: date | None,
    latest: int | None,
    target: float | None,
    target_year: int,
    projection: LevelProjection | None,
) -> Status:
    """The status of a recruitment target (rules at the top of this module)."""
    if target is None or latest is None or latest_date is None:
        return Status.INSUFFICIENT_EVIDENCE
    if latest_date >= date(target_year, 12, 31):
        return Status.ON_TRACK if latest >= target else Status.OFF_TRACK
    if projection is None:
        return Status.INSUFFICIENT_EVIDENCE
    if projection.low >= target:
        return Status.ON_TRACK
    if projection.high < target:
        return Status.NEEDS_ACCELERATION if projection.per_year_low > 0 else Status.OFF_TRACK
    return Status.INSUFFICIENT_EVIDENCE


@dataclass(frozen=True)
class HelperAssessment:
    """What a card, a table row, a report and `botrygt status` say about one municipality."""

    latest: int | None
    as_of: date | None
    nabovenner: int | None
    households: float | None
    per_100_households: float | None
    baseline: int | None
    change_since_baseline: int | None
    target: float | None  # as a number of helpers
    target_year: int | None
    progress: float | None  # share of the way from baseline to target
    coverage: float | None
    nabovenner_needed: int | None
    projection: LevelProjection | None
    status: Status


def assess_helpers(
    *,
    counts: Sequence[tuple[date, int]],
    nabovenner: int | None,
    households: float | None,
    goal_unit: str | None,
    goal_target: float | None,
    goal_baseline: float | None,
    baseline_year: int | None,
    target_year: int | None,
) -> HelperAssessment:
    """Latest count, density, coverage, and progress and status against the goal (if any)."""
    ordered = sorted(counts)
    as_of, latest = ordered[-1] if ordered else (None, None)
    baseline: int | None = None
    if baseline_year is not None:
        baseline = (
            round(goal_baseline)
            if goal_baseline is not None
            else baseline_count(ordered, baseline_year=baseline_year)
        )
    target = None
    if goal_unit is not None and goal_target is not None:
        target = resolve_helper_target(
            unit=goal_unit, target=goal_target, baseline=baseline, households=households
        )
    progress = None
    if target is not None and baseline is not None and latest is not None and target != baseline:
        progress = (latest - baseline) / (target - baseline)
    projection = (
        project_level(ordered, to_date=date(target_year, 12, 31))
        if target_year is not None and ordered
        else None
    )
    status = (
        classify_helpers(
            latest_date=as_of,
            latest=latest,
            target=target,
            target_year=target_year,
            projection=projection,
        )
        if target_year is not None
        else Status.INSUFFICIENT_EVIDENCE
    )
    return HelperAssessment(
        latest=latest,
        as_of=as_of,
        nabovenner=nabovenner,
        households=households,
        per_100_households=None if latest is None else per_100_households(latest, households),
        baseline=baseline,
        change_since_baseline=None if latest is None or baseline is None else latest - baseline,
        target=target,
        target_year=target_year,
        progress=progress,
        coverage=coverage(nabovenner, households),
        nabovenner_needed=nabovenner_needed(households),
        projection=projection,
        status=status,
    )
