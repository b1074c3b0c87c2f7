"""Partial pooling: each municipality's trend pulled towards the common trend of all of them.

A municipality with some 70 burglaries a year has a slope so uncertain that its own projection
to the target year can rarely tell on track from off track. Empirical Bayes borrows strength:
the slopes b_i (with sampling variances s_i^2, models.trends.fit_trend) are taken as draws
around a common slope mu with a between-municipality variance tau^2, both estimated from the
data (DerSimonian-Laird's method of moments). Each slope is then shrunk towards mu by the factor
B_i = s_i^2 / (s_i^2 + tau^2): an uncertain slope (large s_i) is pulled far, a precise one
(thousands a year) keeps its own. The posterior variance (1 - B_i) s_i^2 + B_i^2 Var(mu) carries
the uncertainty of both the own slope and the common one into the projection (docs/pooling.md).
"""

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import ndtri, stdtrit

from models.trends import COVID_YEARS, SlopeEstimate, TrendFit, fit_trend

_GRID = 201  # points of the tau grid


@dataclass(frozen=True)
class PooledSlope:
    """One municipality's slope: its own, the pooled (posterior) one, and the own one's weight."""

    own: SlopeEstimate
    posterior: SlopeEstimate
    own_weight: float  # 1 - B_i: 1 keeps the own slope, 0 takes the common one
    common: SlopeEstimate  # the common slope it is pulled towards


@dataclass(frozen=True)
class Pooling:
    """The common slope, the between-municipality variance and every municipality's posterior."""

    mean: SlopeEstimate  # the common slope and the variance of its estimate
    between_variance: float  # tau^2 (its posterior mean)
    slopes: dict[int, PooledSlope]
    dispersion: float = 1.0  # the shared dispersion the slopes' variances are scaled by


def _validate(estimates: Mapping[int, SlopeEstimate]) -> None:
    for code, estimate in estimates.items():
        if not (math.isfinite(estimate.slope) and math.isfinite(estimate.variance)):
            raise ValueError(f"Hældningen for {code} er ikke et endeligt tal")
        if estimate.variance <= 0:
            raise ValueError(f"Variansen for {code} skal være positiv, fik {estimate.variance}")


def between_variance(estimates: Mapping[int, SlopeEstimate]) -> float:
    """DerSimonian-Laird: tau^2 = max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w)), w = 1/s^2."""
    if len(estimates) < 2:
        return 0.0
    # sorted: a sum in a fixed order, so the result cannot depend on the municipalities' order
    weights = [1 / estimates[code].variance for code in sorted(estimates)]
    slopes = [estimates[code].slope for code in sorted(estimates)]
    total = math.fsum(weights)
    fixed = math.fsum(w * b for w, b in zip(weights, slopes, strict=True)) / total
    q = math.fsum(w * (b - fixed) ** 2 for w, b in zip(weights, slopes, strict=True))
    scale = total - math.fsum(w * w for w in weights) / total
    return max(0.0, (q - (len(weights) - 1)) / scale)


def _conditional(
    slopes: np.ndarray, variances: np.ndarray, tau2: np.ndarray, common_floor: float = 0.0
) -> tuple[np.ndarray, ...]:
    """Given each tau^2 in `tau2` (G): the common slope, its variance, and per municipality
    (G x k) the shrinkage B, the posterior mean and the posterior variance."""
    weights = 1 / (variances[None, :] + tau2[:, None])
    total = weights.sum(axis=1)
    mean = (weights * slopes[None, :]).sum(axis=1) / total
    # 1/sum(w) if the slopes' errors were independent; shocks common to every municipality
    # (a law change, COVID, one year's weather) move all slopes together, so the common slope
    # is no surer than the summed series' own trend says (`common_floor`)
    mean_variance = np.maximum(1 / total, common_floor)
    shrink = variances[None, :] * weights  # s^2 / (s^2 + tau^2); 1 when tau^2 is 0
    posterior = mean[:, None] + (1 - shrink) * (slopes[None, :] - mean[:, None])
    # the posterior given mu, plus what the estimate of mu itself does not know
    variance = (1 - shrink) * variances[None, :] + shrink**2 * mean_variance[:, None]
    return mean, mean_variance, shrink, posterior, variance, weights


def _tau_posterior(slopes: np.ndarray, variances: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A grid of tau and its posterior: uniform prior on tau, mu integrated out (restricted
    likelihood). Integrating over tau instead of plugging in a point estimate (DL's is often 0
    with short series) keeps the slope's variance honest (docs/pooling.md, the backtest)."""
    top = 3 * float(np.std(slopes)) if len(slopes) > 1 else 0.0
    taus = np.linspace(0.0, top, _GRID)
    mean, _, _, _, _, weights = _conditional(slopes, variances, taus**2)
    loglik = 0.5 * (
        np.log(weights).sum(axis=1)
        - np.log(weights.sum(axis=1))
        - (weights * (slopes[None, :] - mean[:, None]) ** 2).sum(axis=1)
    )
    probability = np.exp(loglik - loglik.max())
    return taus, probability / probability.sum()


def pool_slopes(
    estimates: Mapping[int, SlopeEstimate],
    *,
    tau2: float | None = None,
    common_floor: float = 0.0,
) -> Pooling | None:
    """Shrink each slope towards the common one, given `tau2`, or (None) averaged over its
    posterior given the slopes; the common slope's variance at least `common_floor`."""
    if not estimates:
        return None
    _validate(estimates)
    if tau2 is not None and tau2 < 0:
        raise ValueError(f"Variansen mellem kommuner kan ikke være negativ, fik {tau2}")
    codes = sorted(estimates)  # a fixed order: the result cannot depend on the input's
    slopes = np.array([estimates[code].slope for code in codes])
    variances = np.array([estimates[code].variance for code in codes])
    if tau2 is None:
        taus, probability = _tau_posterior(slopes, variances)
        grid = taus**2
    else:
        grid, probability = np.array([tau2]), np.array([1.0])
    if common_floor < 0:
        raise ValueError(f"Variansen kan ikke være negativ, fik {common_floor}")
    mean, mean_variance, shrink, posterior, variance, _ = _conditional(
        slopes, variances, grid, common_floor
    )
    # mixtures over tau: E[x] = sum p E[x | tau], Var[x] = sum p (Var[x | tau] + E[x | tau]^2) - E[x]^2
    centre = float(probability @ mean)
    common = SlopeEstimate(centre, _spread(probability, mean, mean_variance, centre))
    expected = probability @ posterior
    spread = probability @ (variance + posterior**2) - expected**2
    own_weight = probability @ (1 - shrink)
    return Pooling(
        mean=common,
        between_variance=float(probability @ grid),
        slopes={
            code: PooledSlope(
                own=estimates[code],
                posterior=SlopeEstimate(float(expected[i]), max(float(spread[i]), 0.0)),
                own_weight=float(own_weight[i]),
                common=common,
            )
            for i, code in enumerate(codes)
        },
    )


def _spread(
    probability: np.ndarray, mean: np.ndarray, variance: np.ndarray, centre: float
) -> float:
    return max(float(probability @ (variance + mean**2)) - centre**2, 0.0)


def shared_dispersion(fits: Mapping[int, TrendFit]) -> float:
    """One Pearson dispersion for all series (at least 1): their Pearson statistics over their
    degrees of freedom. Each series' own, on two or three degrees of freedom, is so noisy that its
    floor at 1 inflates most small series' variances, and the between-variance then comes out too
    small (the backtest: 92 % coverage); the shared one is precise."""
    degrees = sum(len(fit.years) - 2 for fit in fits.values())
    if degrees == 0:
        return 1.0
    return max(1.0, math.fsum(fit.pearson for fit in fits.values()) / degrees)


def summed_series(series_by_code: Mapping[int, Mapping[int, int]]) -> dict[int, int]:
    """The sum of the series in the years every one of them has (the nation, for municipalities)."""
    if not series_by_code:
        return {}
    years = set.intersection(*(set(counts) for counts in series_by_code.values()))
    return {y: sum(counts[y] for counts in series_by_code.values()) for y in sorted(years)}


def common_slope_floor(summed: TrendFit, *, level: float = 0.95) -> float:
    """The least variance of the common slope: the summed series' own slope variance, its
    dispersion (common shocks) on few degrees of freedom widened as a t interval would be."""
    degrees = len(summed.years) - 2
    poisson = summed.slope.variance / summed.dispersion
    if summed.pearson / degrees <= 1.0:
        return poisson  # no sign of common shocks: the Poisson variance is known, not estimated
    t_over_z = float(stdtrit(degrees, 1 - (1 - level) / 2) / ndtri(1 - (1 - level) / 2))
    return poisson * summed.pearson / degrees * t_over_z**2


def pool_fits(fits: Mapping[int, TrendFit], *, summed: TrendFit | None = None) -> Pooling | None:
    """Pool the slopes of fitted trends, their variances on the shared dispersion (only for the
    pooling: a projection's level keeps its own); the common slope no surer than the summed
    series' own trend (`summed`: its slope's variance)."""
    dispersion = shared_dispersion(fits)
    pooling = pool_slopes(
        {c: f.with_dispersion(dispersion).slope for c, f in fits.items()},
        common_floor=0.0 if summed is None else common_slope_floor(summed),
    )
    return None if pooling is None else replace(pooling, dispersion=dispersion)


def pool_trends(
    series_by_code: Mapping[int, Mapping[int, int]],
    *,
    window: int = 5,
    since_year: int | None = 2018,
    exclude_years: Collection[int] = COVID_YEARS,
) -> Pooling | None:
    """Fit every series' own trend (as `project_counts` would) and pool the slopes."""
    fits = {}
    for code, counts in series_by_code.items():
        fit = fit_trend(
            counts_by_year=counts, window=window, since_year=since_year, exclude_years=exclude_years
        )
        if fit is not None:
            fits[code] = fit
    summed = fit_trend(
        counts_by_year=summed_series({code: series_by_code[code] for code in fits}),
        window=window,
        since_year=since_year,
        exclude_years=exclude_years,
    )
    return pool_fits(fits, summed=summed)
