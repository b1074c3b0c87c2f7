"""Rolling-origin backtest of the burglary projections: own trend against the pooled trend.

Fit on the years up to an origin Y, project Y+1..Y+h, and compare with what came: the 95 %
interval of the level with the true level (simulated data, where the truth is known), the 95 %
interval of the count itself with the observed count (simulated and demo data). The status
shares say how often each method can say something; on simulated data the truth also says how
often a status claims what is not so ("wrong and certain"). bench/backtest.py runs it.
"""

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.special import betainc, ndtri, pdtr

from models.domain import Status
from models.pooling import pool_fits, summed_series
from models.trends import (
    COVID_YEARS,
    Projection,
    SlopeEstimate,
    TrendFit,
    classify,
    fit_trend,
    project_fit,
)

METHODS = ("own", "pooled")


@dataclass(frozen=True)
class Panel:
    """Yearly counts per municipality, and (simulated data only) the true expected levels."""

    counts: dict[int, dict[int, int]]
    truth: dict[int, dict[int, float]] | None = None


@dataclass(frozen=True)
class Forecast:
    """One municipality's projection from one origin to one year, by one method."""

    method: str
    code: int
    origin: int
    year: int
    expected: float
    low: float  # the level's 95 % interval (what the status uses)
    high: float
    count_low: int  # the count's 95 % interval (level uncertainty plus the count's own noise)
    count_high: int
    observed: int | None
    true_level: float | None


@dataclass(frozen=True)
class Assessed:
    """One municipality's status from one origin by one method, and (simulated) the truth."""

    method: str
    code: int
    origin: int
    status: Status
    truly_reached: bool | None  # the true level in the target year is at or below the target


def simulate_panel(
    *,
    rng: np.random.Generator,
    sizes: np.ndarray,
    years: list[int],
    national_slope: float,
    slope_sd: float,
    dispersion: float = 1.0,
    year_shock_sd: float = 0.0,
) -> Panel:
    """Counts around log-linear levels, slopes drawn around the national slope: Poisson, or
    negative binomial with variance `dispersion` times the mean; `year_shock_sd` adds a shock
    common to every municipality in each year: a passing shock, in the counts but not in the
    true level (the level interval is for the trend's level, models.trends rule b)."""
    slopes = national_slope + slope_sd * rng.standard_normal(len(sizes))
    shocks = {year: year_shock_sd * float(rng.standard_normal()) for year in years}
    counts: dict[int, dict[int, int]] = {}
    truth: dict[int, dict[int, float]] = {}
    for code, (size, slope) in enumerate(zip(sizes, slopes, strict=True), start=1):
        levels = {year: float(size * math.exp(slope * (year - years[0]))) for year in years}
        truth[code] = levels
        counts[code] = {
            year: _draw(rng, level * math.exp(shocks[year]), dispersion)
            for year, level in levels.items()
        }
    return Panel(counts=counts, truth=truth)


def _draw(rng: np.random.Generator, mean: float, dispersion: float) -> int:
    if dispersion <= 1.0:
        return int(rng.poisson(mean))
    size = mean / (dispersion - 1)  # variance mean + mean^2 / size = dispersion * mean
    return int(rng.negative_binomial(size, size / (size + mean)))


def count_interval(
    projection: Projection, *, dispersion: float, level: float = 0.95
) -> tuple[int, int]:
    """The count's interval: a lognormal level with a Poisson count on top, as a negative
    binomial with the same mean and variance (the count's noise widened by the dispersion)."""
    z = float(ndtri(1 - (1 - level) / 2))
    eta = math.log(projection.expected)
    se = (math.log(projection.high) - eta) / z if projection.high > projection.expected else 0.0
    mean = math.exp(eta + se * se / 2)
    variance = dispersion * mean + mean * mean * math.expm1(se * se)
    alpha = (1 - level) / 2
    if variance <= mean * (1 + 1e-9):
        return _poisson_quantile(mean, alpha), _poisson_quantile(mean, 1 - alpha)
    size = mean * mean / (variance - mean)
    return _nbinom_quantile(size, mean, alpha), _nbinom_quantile(size, mean, 1 - alpha)


def _poisson_quantile(mean: float, q: float) -> int:
    """Smallest k with P(Y <= k) >= q for Y ~ Poisson(mean)."""
    return _smallest(lambda k: float(pdtr(k, mean)) >= q, mean)


def _nbinom_quantile(size: float, mean: float, q: float) -> int:
    """Smallest k with P(Y <= k) >= q for a negative binomial of this size and mean."""
    p = size / (size + mean)
    return _smallest(lambda k: float(betainc(size, k + 1, p)) >= q, mean)


def _smallest(holds: Callable[[int], bool], mean: float) -> int:
    """The smallest non-negative integer for which the monotone `holds` is true, by bisection."""
    low, high = -1, max(1, int(mean * 2) + 10)
    while not holds(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle
    return high


def _up_to(counts: Mapping[int, int], origin: int) -> dict[int, int]:
    return {year: count for year, count in counts.items() if year <= origin}


@dataclass(frozen=True)
class Settings:
    """How the projection selects its years (as models.trends.project_counts) and the level."""

    window: int = 5
    since_year: int | None = 2018
    exclude_years: Collection[int] = COVID_YEARS
    level: float = 0.95


def _fit(counts: Mapping[int, int], settings: Settings) -> TrendFit | None:
    return fit_trend(
        counts_by_year=counts,
        window=settings.window,
        since_year=settings.since_year,
        exclude_years=settings.exclude_years,
    )


def _fits(
    panel: Panel, *, origin: int, settings: Settings
) -> tuple[dict[int, TrendFit], TrendFit | None]:
    """Every series' own fit on the years up to `origin`, and the fit of their sum."""
    fits = {}
    for code, counts in panel.counts.items():
        fit = _fit(_up_to(counts, origin), settings)
        if fit is not None:
            fits[code] = fit
    summed = summed_series({code: _up_to(panel.counts[code], origin) for code in fits})
    return fits, _fit(summed, settings)


def by_method(
    fits: Mapping[int, TrendFit], *, summed: TrendFit | None = None
) -> dict[str, dict[int, tuple[TrendFit, SlopeEstimate]]]:
    """Each municipality's fit and slope by each method: its own, and pulled towards the others'
    (its level still its own, as the app projects it)."""
    pooling = pool_fits(fits, summed=summed)
    own = {code: (fit, fit.slope) for code, fit in fits.items()}
    if pooling is None:
        return {"own": own, "pooled": {}}
    pooled = {code: (fit, pooling.slopes[code].posterior) for code, fit in fits.items()}
    return {"own": own, "pooled": pooled}


def forecasts_from(
    panel: Panel, *, origin: int, horizons: int, settings: Settings = Settings()
) -> list[Forecast]:
    """Every municipality's projections from `origin` to origin+1..origin+horizons, both methods."""
    fits, summed = _fits(panel, origin=origin, settings=settings)
    rows = []
    for method, chosen in by_method(fits, summed=summed).items():
        for code, (fit, slope) in sorted(chosen.items()):
            for year in range(origin + 1, origin + horizons + 1):
                observed = panel.counts[code].get(year)
                truth = panel.truth[code].get(year) if panel.truth is not None else None
                if observed is None and truth is None:
                    continue
                projection = project_fit(fit=fit, to_year=year, slope=slope, level=settings.level)
                count_low, count_high = count_interval(
                    projection, dispersion=fit.dispersion, level=settings.level
                )
                rows.append(
                    Forecast(
                        method,
                        code,
                        origin,
                        year,
                        projection.expected,
                        projection.low,
                        projection.high,
                        count_low,
                        count_high,
                        observed,
                        truth,
                    )
                )
    return rows


def statuses_from(
    panel: Panel,
    *,
    origin: int,
    targets: Mapping[int, float],
    target_year: int,
    settings: Settings = Settings(),
) -> list[Assessed]:
    """Every municipality's status from `origin` against its target, both methods."""
    fits, summed = _fits(panel, origin=origin, settings=settings)
    rows = []
    for method, chosen in by_method(fits, summed=summed).items():
        for code in sorted(targets):
            fit, slope = chosen.get(code, (None, None))
            projection = (
                None if fit is None else project_fit(fit=fit, to_year=target_year, slope=slope)
            )
            status = classify(
                projection=projection,
                target=targets[code],
                latest_year=origin,
                latest_count=panel.counts[code].get(origin),
                target_year=target_year,
                level=settings.level,
            )
            truth = panel.truth[code].get(target_year) if panel.truth is not None else None
            reached = None if truth is None else truth <= targets[code]
            rows.append(Assessed(method, code, origin, status, reached))
    return rows


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def coverage(forecasts: list[Forecast], *, method: str) -> dict[str, float | int | None]:
    """How often the level interval held the true level and the count interval the count."""
    rows = [f for f in forecasts if f.method == method]
    levels = [f.low <= f.true_level <= f.high for f in rows if f.true_level is not None]
    counts = [f.count_low <= f.observed <= f.count_high for f in rows if f.observed is not None]
    widths = [math.log(f.high / f.low) for f in rows if f.low > 0]
    return {
        "forecasts": len(rows),
        "level_coverage": _share(levels),
        "count_coverage": _share(counts),
        "median_log_width": float(np.median(widths)) if widths else None,
    }


def status_summary(assessed: list[Assessed], *, method: str) -> dict[str, float | int | None]:
    """Share of each status, and (known truth) how often a certain status was wrong."""
    rows = [a for a in assessed if a.method == method]
    summary: dict[str, float | int | None] = {"assessments": len(rows)}
    for status in Status:
        summary[status.value] = _share([a.status == status for a in rows])
    known = [a for a in rows if a.truly_reached is not None]
    if known:
        certain = [a for a in known if a.status != Status.INSUFFICIENT_EVIDENCE]
        wrong = [(a.status == Status.ON_TRACK) != a.truly_reached for a in certain]
        summary["wrong_when_certain"] = _share(wrong)
        summary["wrong_of_all"] = sum(wrong) / len(known)
    return summary
