"""Required paths from a goal's baseline to its target (goals are data, never constants)."""

from dataclasses import dataclass
from functools import partial


@dataclass(frozen=True)
class PathPoint:
    """The required level in one year under the two path conventions."""

    year: int
    linear: float
    constant_rate: float


def _check_years(*, baseline_year: int, target_year: int) -> None:
    """Reject goals whose deadline is not after the baseline (no path exists)."""
    if target_year <= baseline_year:
        raise ValueError(f"Målåret ({target_year}) skal ligge efter basisåret ({baseline_year})")


def _fraction(*, baseline_year: int, target_year: int, year: int) -> float:
    """Share of the way from baseline year to target year, clamped to [0, 1]."""
    _check_years(baseline_year=baseline_year, target_year=target_year)
    share = (year - baseline_year) / (target_year - baseline_year)
    return min(1.0, max(0.0, share))


def required_linear(
    *, baseline: float, baseline_year: int, target: float, target_year: int, year: int
) -> float:
    """Required level in `year` on a straight line from baseline to target (clamped)."""
    share = _fraction(baseline_year=baseline_year, target_year=target_year, year=year)
    return baseline + (target - baseline) * share


def required_constant_rate(
    *, baseline: float, baseline_year: int, target: float, target_year: int, year: int
) -> float:
    """Required level in `year` with the same percentage change every year (clamped)."""
    if baseline <= 0 or target <= 0:
        # A constant percentage can never reach or leave zero (and is undefined for negative
        # levels), so the only meaningful path there is the straight line.
        return required_linear(
            baseline=baseline,
            baseline_year=baseline_year,
            target=target,
            target_year=target_year,
            year=year,
        )
    share = _fraction(baseline_year=baseline_year, target_year=target_year, year=year)
    return baseline * (target / baseline) ** share


def annual_rate_needed(
    *, baseline: float, baseline_year: int, target: float, target_year: int
) -> float:
    """Constant relative change per year that turns baseline into target (e.g. -0.0786)."""
    _check_years(baseline_year=baseline_year, target_year=target_year)
    if baseline <= 0 or target < 0:
        raise ValueError("Basisniveau skal være positivt og målet må ikke være negativt")
    return (target / baseline) ** (1 / (target_year - baseline_year)) - 1


def required_path(
    *, baseline: float, baseline_year: int, target: float, target_year: int
) -> list[PathPoint]:
    """One PathPoint per year from baseline_year to target_year inclusive."""
    _check_years(baseline_year=baseline_year, target_year=target_year)
    years = {"baseline_year": baseline_year, "target_year": target_year}
    linear = partial(required_linear, baseline=baseline, target=target, **years)
    geometric = partial(required_constant_rate, baseline=baseline, target=target, **years)
    return [
        PathPoint(year=year, linear=linear(year=year), constant_rate=geometric(year=year))
        for year in range(baseline_year, target_year + 1)
    ]


def resolve_target(
    *, baseline: float, target: float | None, target_reduction: float | None
) -> float:
    """The absolute target: an explicit target wins, else baseline reduced by the share."""
    if target_reduction is not None and not 0.0 <= target_reduction <= 1.0:
        # Checked even when an absolute target wins: a bad share is a data error to surface.
        raise ValueError(f"Reduktionen skal ligge mellem 0 og 1, fik {target_reduction}")
    if target is not None:
        return float(target)
    if target_reduction is None:
        raise ValueError("Målet mangler: angiv enten et mål eller en reduktion")
    return baseline * (1.0 - target_reduction)
