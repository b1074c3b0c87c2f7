"""Trend projection of yearly counts and the progress status shown on every page."""

# How the status is decided (the same rules are shown to users: models.vocabulary.STATUS_RULES):
#   a. Deadline reached (latest full year >= target year): the latest count's exact Poisson
#      interval decides: entirely at/below the target -> on track, entirely above -> off
#      track, otherwise (or no count) -> insufficient evidence.
#   b. No projection (fewer than three usable years) -> insufficient evidence.
#   The projected interval is for the expected level in the target year (the Poisson GLM's
#   mean, widened for overdispersion): small counts give wide intervals by themselves. A
#   steering group asks whether the level reaches the target, not whether one year's count
#   will, so a single year's Poisson noise is not added on top.
#   A municipality's projection uses its slope pulled towards the common slope of all
#   municipalities (models.pooling, `slope`), with that slope's posterior variance; its level
#   stays its own. The rules below are the same for it and for the nation (own slope).
#   c. Even the pessimistic end of the projected interval reaches the target -> on track.
#   d. Even the optimistic end misses it: a significant fall (whole interval of the yearly
#      change below zero) -> needs acceleration, otherwise -> off track.
#   e. The interval straddles the target -> insufficient evidence, also when the central
#      projection is below the target: the data cannot tell, so we never claim "on track".

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import gammaincinv, ndtri

from models.domain import Status

COVID_YEARS = frozenset({2020, 2021})
_MIN_POINTS = 3  # a slope plus a dispersion estimate needs at least three years


@dataclass(frozen=True)
class Projection:
    """Projected count in `to_year` with a prediction interval and the yearly change."""

    to_year: int
    expected: float
    low: float
    high: float
    annual_change: float
    annual_change_low: float
    annual_change_high: float
    years_used: tuple[int, ...]


def _alpha(level: float) -> float:
    """Two-sided error rate for a confidence level, validated."""
    if not 0.0 < level < 1.0:
        raise ValueError(f"Konfidensniveau skal ligge mellem 0 og 1, fik {level}")
    return 1.0 - level


def poisson_interval(count: int, *, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) confidence interval for the mean of one Poisson count."""
    if count < 0:
        raise ValueError(f"Antal kan ikke være negativt, fik {count}")
    alpha = _alpha(level)
    # chi2.ppf(q, 2k) / 2 is the gamma(k) quantile: scipy.special, not scipy.stats (whose import
    # alone took 0.6-2.3 s of a cold start)
    low = 0.0 if count == 0 else float(gammaincinv(count, alpha / 2))
    high = float(gammaincinv(count + 1, 1 - alpha / 2))
    return low, high


def _select_years(
    *,
    counts_by_year: Mapping[int, int],
    window: int,
    since_year: int | None,
    exclude_years: Collection[int],
) -> list[int]:
    """The years to fit: after the series break, without excluded years unless too few."""
    if window < _MIN_POINTS:
        raise ValueError(f"Vinduet skal være mindst {_MIN_POINTS} år, fik {window}")
    eligible = sorted(y for y in counts_by_year if since_year is None or y >= since_year)
    if not eligible:
        return []
    # The window is calendar years: leaving out COVID years must not reach back past them.
    recent = [y for y in eligible if y > eligible[-1] - window]
    kept = [y for y in recent if y not in exclude_years]
    if len(kept) < _MIN_POINTS:
        # Dropping COVID years must not silence a short series: better a caveated trend.
        kept = recent
    return kept


def _fit_poisson(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Poisson log-linear GLM by Newton/IRLS; returns coefficients and fitted means."""
    design = np.column_stack([np.ones_like(x), x])
    beta = np.array([math.log(y.mean()), 0.0])
    for _ in range(100):
        mu = np.exp(design @ beta)
        step = np.linalg.solve(design.T @ (design * mu[:, None]), design.T @ (y - mu))
        # Halve overshooting steps: Newton on a log link can jump far from small counts.
        for _ in range(60):
            if _loglik(design, y, beta + step) >= _loglik(design, y, beta) - 1e-9:
                break
            step /= 2
        beta = beta + step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta, np.exp(design @ beta)


def _loglik(design: np.ndarray, y: np.ndarray, beta: np.ndarray) -> float:
    """Poisson log-likelihood without the constant log(y!) term."""
    eta = design @ beta
    with np.errstate(over="ignore"):  # a trial step may overflow; -inf then rejects it
        return float(np.sum(y * eta - np.exp(eta)))


def _covariance(x: np.ndarray, y: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, float]:
    """Coefficient covariance, inflated by the Pearson dispersion when overdispersed; and the
    Pearson statistic (the sum of squared Pearson residuals)."""
    design = np.column_stack([np.ones_like(x), x])
    covariance = np.linalg.inv(design.T @ (design * mu[:, None]))
    # Burglary counts vary more than Poisson (clusters, series of break-ins by one gang);
    # ignoring that would make intervals too narrow. Underdispersion is not credited.
    pearson = float(np.sum((y - mu) ** 2 / mu))
    return covariance * max(1.0, pearson / (len(y) - 2)), pearson


def _exp(value: float) -> float:
    """exp() that returns infinity instead of raising for explosive extrapolations."""
    with np.errstate(over="ignore"):
        return float(np.exp(value))


def _flat_projection(*, y: np.ndarray, years: list[int], to_year: int, alpha: float) -> Projection:
    """Level-only projection when counts are positive in at most one year."""
    # No trend can be estimated (the maximum-likelihood slope would be infinite or
    # meaningless), so we project the average level, use the exact Garwood interval of the
    # total for its uncertainty, and state the yearly change as unknown within [-100 %, ∞).
    total = int(y.sum())
    rate_low, rate_high = (bound / len(y) for bound in poisson_interval(total, level=1 - alpha))
    return Projection(
        to_year=to_year,
        expected=total / len(y),
        low=rate_low,
        high=rate_high,
        annual_change=0.0,
        annual_change_low=-1.0,
        annual_change_high=math.inf,
        years_used=tuple(years),
    )


@dataclass(frozen=True)
class SlopeEstimate:
    """A log-linear yearly slope and its variance (own fit, or pulled towards the others')."""

    slope: float
    variance: float


@dataclass(frozen=True)
class TrendFit:
    """A Poisson log-linear fit of one series: what a projection and the pooling need."""

    years: tuple[int, ...]
    total: float  # the sum of the fitted counts
    centre: float  # mean of the years; x = year - centre
    intercept: float
    slope: SlopeEstimate
    dispersion: float  # Pearson dispersion, at least 1; the slope's variance is scaled by it
    pearson: float  # the sum of squared Pearson residuals, on len(years) - 2 degrees of freedom

    def with_dispersion(self, dispersion: float) -> "TrendFit":
        """The same fit with another dispersion (e.g. one shared by all municipalities)."""
        if dispersion <= 0:
            raise ValueError(f"Dispersionen skal være positiv, fik {dispersion}")
        variance = self.slope.variance / self.dispersion * dispersion
        return replace(self, slope=SlopeEstimate(self.slope.slope, variance), dispersion=dispersion)


def _fit(*, y: np.ndarray, years: list[int]) -> TrendFit:
    centre = float(np.mean(years))  # centring keeps intercept and slope nearly uncorrelated
    x = np.asarray(years, dtype=float) - centre
    beta, mu = _fit_poisson(x, y)
    covariance, pearson = _covariance(x, y, mu)
    return TrendFit(
        years=tuple(years),
        total=float(y.sum()),
        centre=centre,
        intercept=float(beta[0]),
        slope=SlopeEstimate(float(beta[1]), float(covariance[1, 1])),
        dispersion=max(1.0, pearson / (len(years) - 2)),
        pearson=pearson,
    )


def fit_trend(
    *,
    counts_by_year: Mapping[int, int],
    window: int = 5,
    since_year: int | None = 2018,
    exclude_years: Collection[int] = COVID_YEARS,
) -> TrendFit | None:
    """The own trend `project_counts` projects; None without one (< 3 years, <= 1 positive)."""
    selected = _series(
        counts_by_year=counts_by_year,
        window=window,
        since_year=since_year,
        exclude_years=exclude_years,
    )
    if selected is None or np.count_nonzero(selected[0]) <= 1:
        return None
    return _fit(y=selected[0], years=selected[1])


def _series(
    *,
    counts_by_year: Mapping[int, int],
    window: int,
    since_year: int | None,
    exclude_years: Collection[int],
) -> tuple[np.ndarray, list[int]] | None:
    """The counts and years a trend is fitted to; None with fewer than three years."""
    years = _select_years(
        counts_by_year=counts_by_year,
        window=window,
        since_year=since_year,
        exclude_years=exclude_years,
    )
    if len(years) < _MIN_POINTS:
        return None
    y = np.array([counts_by_year[year] for year in years], dtype=float)
    if np.any(y < 0):
        raise ValueError("Antal kan ikke være negative")
    return y, years


def project_fit(
    *, fit: TrendFit, to_year: int, slope: SlopeEstimate | None = None, level: float = 0.95
) -> Projection:
    """Projection with a given slope (default the own), the level refitted to the own counts."""
    # Given slope b, the Poisson MLE of the level is a(b) = log(sum y) - log(sum exp(b x)), and
    # the fitted means then sum to sum y, so Var(a | b) = dispersion / sum y. By the delta method
    # Var(eta) = dispersion / sum y + (to_year - centre - xbar_b)^2 Var(b), where xbar_b is the
    # mean year weighted by exp(b x). With the own slope and its variance this is exactly the
    # own fit's interval; with a pooled slope its posterior variance carries through.
    alpha = _alpha(level)
    slope = slope or fit.slope
    x = np.asarray(fit.years, dtype=float) - fit.centre
    weights = np.exp(slope.slope * x)
    intercept = math.log(fit.total) - math.log(float(weights.sum()))
    xbar = float((x * weights).sum() / weights.sum())
    horizon = to_year - fit.centre
    eta = intercept + slope.slope * horizon
    se_eta = math.sqrt(fit.dispersion / fit.total + (horizon - xbar) ** 2 * slope.variance)
    se_slope = math.sqrt(slope.variance)
    z = float(ndtri(1 - alpha / 2))
    return Projection(
        to_year=to_year,
        expected=_exp(eta),
        low=_exp(eta - z * se_eta),
        high=_exp(eta + z * se_eta),
        annual_change=_exp(slope.slope) - 1,
        annual_change_low=_exp(slope.slope - z * se_slope) - 1,
        annual_change_high=_exp(slope.slope + z * se_slope) - 1,
        years_used=fit.years,
    )


def project_counts(
    *,
    counts_by_year: Mapping[int, int],
    to_year: int,
    window: int = 5,
    since_year: int | None = 2018,
    exclude_years: Collection[int] = COVID_YEARS,
    level: float = 0.95,
    slope: SlopeEstimate | None = None,
) -> Projection | None:
    """Project a yearly count to `to_year` with a Poisson log-linear trend; None if < 3 years.

    `slope` replaces the series' own slope (models.pooling: pulled towards the other
    municipalities'); the level and its uncertainty are the series' own."""
    alpha = _alpha(level)
    selected = _series(
        counts_by_year=counts_by_year,
        window=window,
        since_year=since_year,
        exclude_years=exclude_years,
    )
    if selected is None:
        return None
    y, years = selected
    if np.count_nonzero(y) <= 1:
        return _flat_projection(y=y, years=years, to_year=to_year, alpha=alpha)
    return project_fit(fit=_fit(y=y, years=years), to_year=to_year, slope=slope, level=level)


def _classify_final(*, target: float, latest_count: int | None, level: float) -> Status:
    """Status once the deadline is reached: the latest count against the target."""
    if latest_count is None or latest_count < 0:
        return Status.INSUFFICIENT_EVIDENCE
    low, high = poisson_interval(latest_count, level=level)
    if high <= target:
        return Status.ON_TRACK
    if low > target:
        return Status.OFF_TRACK
    return Status.INSUFFICIENT_EVIDENCE


def classify(
    *,
    projection: Projection | None,
    target: float,
    latest_year: int | None,
    latest_count: int | None,
    target_year: int,
    level: float = 0.95,
) -> Status:
    """Progress status by rules a-e in the module comment (in words: vocabulary.STATUS_RULES)."""
    if latest_year is not None and latest_year >= target_year:
        return _classify_final(target=target, latest_count=latest_count, level=level)
    if projection is None:
        return Status.INSUFFICIENT_EVIDENCE
    if projection.high <= target:
        return Status.ON_TRACK
    if projection.low > target:
        if projection.annual_change_high < 0:
            return Status.NEEDS_ACCELERATION
        return Status.OFF_TRACK
    return Status.INSUFFICIENT_EVIDENCE
