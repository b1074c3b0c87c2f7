"""Burglaries against a goal: resolve the goal, find the latest year, project, classify."""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from models.domain import Quality, Status
from models.goals import PathPoint, required_linear, required_path, resolve_target
from models.i18n import DANISH, translate
from models.pooling import PooledSlope
from models.tables import Goal
from models.trends import Projection, classify, project_counts


@dataclass(frozen=True)
class ResolvedGoal:
    """A goal with every number known: baseline read from data where the goal left it open."""

    baseline: float
    baseline_year: int
    target: float
    target_year: int
    target_year_is_default: bool
    source_note: str
    inherited_from_national: bool = False


@dataclass(frozen=True)
class BurglaryAssessment:
    """Everything a status card, a chart or `botrygt status` says about burglaries."""

    goal: ResolvedGoal | None
    latest_year: int | None
    latest_count: int | None
    required_for_latest_year: float | None
    projection: Projection | None
    status: Status
    path: list[PathPoint] = field(default_factory=list)
    band: list[Projection] = field(default_factory=list)  # one projection per year to the target
    pooled: PooledSlope | None = None  # the trend pulled towards the common one (municipalities)


def resolve_burglary_goal(
    *, own: Goal | None, national: Goal | None, counts_by_year: Mapping[int, int]
) -> ResolvedGoal | None:
    """The municipality's own goal, else the national goal's relative fall applied to its level."""
    if own is not None:
        if own.target_year <= own.baseline_year:
            return None  # an invalid goal cannot be assessed: insufficient evidence, not a crash
        baseline = (
            own.baseline if own.baseline is not None else counts_by_year.get(own.baseline_year)
        )
        if baseline is None:
            return None
        target = resolve_target(
            baseline=baseline, target=own.target, target_reduction=own.target_reduction
        )
        return ResolvedGoal(
            baseline=float(baseline),
            baseline_year=own.baseline_year,
            target=target,
            target_year=own.target_year,
            target_year_is_default=own.target_year_is_default,
            source_note=own.source_note,
        )
    return _inherit_national(national=national, counts_by_year=counts_by_year)


def _inherit_national(
    *, national: Goal | None, counts_by_year: Mapping[int, int]
) -> ResolvedGoal | None:
    if (
        national is None
        or not national.baseline
        or national.target is None
        or national.target_year <= national.baseline_year
    ):
        return None
    baseline = counts_by_year.get(national.baseline_year)
    if baseline is None:
        return None
    fall = 1 - national.target / national.baseline
    return ResolvedGoal(
        baseline=float(baseline),
        baseline_year=national.baseline_year,
        target=baseline * (1 - fall),
        target_year=national.target_year,
        target_year_is_default=national.target_year_is_default,
        source_note=_inherited_note(fall, national.baseline_year, DANISH),
        inherited_from_national=True,
    )


def _inherited_note(fall: float, baseline_year: int, lang: str) -> str:
    return translate(
        lang,
        "Ingen lokal målsætning: den nationale målsætning omregnet til kommunen "
        "(samme relative fald, {fall} %, fra kommunens niveau i {year}).",
    ).format(fall=round(fall * 100), year=baseline_year)


def source_note_text(goal: ResolvedGoal, *, lang: str = DANISH) -> str:
    """The goal's source note in the language: the note written for a goal inherited from the
    national one is ours and translated; a municipality's own note is its own words, as typed."""
    if not goal.inherited_from_national or not goal.baseline:
        return goal.source_note
    return _inherited_note(1 - goal.target / goal.baseline, goal.baseline_year, lang)


def assess_burglaries(
    *,
    counts_by_year: Mapping[int, int],
    goal: ResolvedGoal | None,
    with_band: bool = True,
    pooled: PooledSlope | None = None,
) -> BurglaryAssessment:
    """Latest complete year against the required path, and the projected status at the target
    year; `pooled` (models.pooling) projects with the slope pulled towards the common one."""
    latest_year = max(counts_by_year, default=None)
    latest_count = counts_by_year.get(latest_year) if latest_year is not None else None
    if goal is None:
        return BurglaryAssessment(
            None, latest_year, latest_count, None, None, Status.INSUFFICIENT_EVIDENCE, pooled=pooled
        )
    band: list[Projection] = []
    if latest_year is not None and latest_year < goal.target_year:
        # The band (a projection per year) is for charts; a status needs only the target year.
        first = latest_year + 1 if with_band else goal.target_year
        for year in range(first, goal.target_year + 1):
            step = project_counts(
                counts_by_year=counts_by_year,
                to_year=year,
                slope=None if pooled is None else pooled.posterior,
            )
            if step is not None:
                band.append(step)
    projection = band[-1] if band else None
    required = (
        required_linear(
            baseline=goal.baseline,
            baseline_year=goal.baseline_year,
            target=goal.target,
            target_year=goal.target_year,
            year=latest_year,
        )
        if latest_year is not None
        else None
    )
    status = classify(
        projection=projection,
        target=goal.target,
        latest_year=latest_year,
        latest_count=latest_count,
        target_year=goal.target_year,
    )
    path = required_path(
        baseline=goal.baseline,
        baseline_year=goal.baseline_year,
        target=goal.target,
        target_year=goal.target_year,
    )
    return BurglaryAssessment(
        goal, latest_year, latest_count, required, projection, status, path, band, pooled
    )


def combine_national_series(*, recorded: pd.DataFrame, sums: pd.DataFrame) -> pd.DataFrame:
    """Recorded national figures win; complete years without one use the sum of municipalities."""
    recorded = recorded.assign(demo=recorded["quality"] == Quality.DEMO, provisional=False)[
        ["year", "count", "quality", "demo", "provisional"]
    ]
    complete = sums[sums["quarters"] == 4]
    missing = complete[~complete["year"].isin(recorded["year"])]
    filled = pd.DataFrame(
        {
            "year": missing["year"],
            "count": missing["count"],
            "quality": [Quality.DEMO if d else Quality.SUM_OF_QUARTERS for d in missing["is_demo"]],
            "demo": missing["is_demo"].astype(bool),
            # a year whose last quarter is still provisional is complete but may yet grow
            "provisional": missing["provisional"].astype(bool)
            if "provisional" in missing
            else False,
        }
    )
    frame = pd.concat([recorded, filled], ignore_index=True) if len(filled) else recorded
    return frame.sort_values("year", ignore_index=True)


def count_statuses(statuses: Iterable[str]) -> dict[Status, int]:
    """How many scopes have each status, every status present (zero when none)."""
    counted = Counter(Status(s) for s in statuses)
    return {status: counted.get(status, 0) for status in Status}
