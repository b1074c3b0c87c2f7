"""Expected versus actual burglaries (the Ishøj principle): does a municipality have fewer
residential burglaries than its conditions predict?

A negative-binomial regression (NB2, dispersion estimated) of one year's burglaries per
municipality on covariates, with the municipality's households as exposure (log offset), so the
model describes burglaries per household. Each municipality's expectation comes from a fit on all
the *other* municipalities (leave-one-out): its own count, however extreme, does not pull its own
expectation towards itself, nor widen its own interval through the dispersion.

The 95 % prediction interval is for a new count: the 2.5 % and 97.5 % quantiles of simulated counts,
drawing the coefficients and log(alpha) from the fit's normal approximation (parameter
uncertainty) and then a count from the negative binomial at that mean and dispersion (the noise of
one year). Each municipality's draws are seeded by (seed, code), so results do not depend on row order.

statsmodels is imported inside the fitting function: importing this module costs pages nothing.
"""

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from models.errors import DomainError
from models.i18n import DANISH, M_, N_, translate

MIN_MUNICIPALITIES = 20  # below this the coefficients are too uncertain to say anything
DRAWS = 4000  # simulated counts per municipality for its prediction interval
LEVEL = 0.95
_TINY_DISPERSION = 1e-8  # below this the negative binomial is the Poisson
_HUGE_DISPERSION = 100.0  # above this a fit has run off (alpha ~ 1 is already extreme here)


class ExpectedRefused(DomainError, ValueError):
    """The data cannot give an expectation; the message says why in Danish."""


class ExpectedStatus(StrEnum):
    """Actual against the prediction interval of the expected count."""

    BELOW = "below_expected"  # fewer burglaries than the interval's low end
    AS_EXPECTED = "as_expected"
    ABOVE = "above_expected"  # more than the interval's high end


STATUS_TEXT = {
    ExpectedStatus.BELOW: N_("Færre end forventet"),
    ExpectedStatus.AS_EXPECTED: N_("Som forventet"),
    ExpectedStatus.ABOVE: N_("Flere end forventet"),
}


def status_text(status: ExpectedStatus, *, lang: str = DANISH) -> str:
    """'Færre end forventet' (STATUS_TEXT) in `lang`."""
    return translate(lang, STATUS_TEXT[ExpectedStatus(status)])


@dataclass(frozen=True)
class Coefficient:
    """One fitted coefficient on the log scale, with its 95 % confidence interval."""

    name: str
    estimate: float
    low: float
    high: float


@dataclass(frozen=True)
class ExpectedFit:
    """The model fitted on every municipality (what a page shows as the model), and per row."""

    table: pd.DataFrame  # code, actual, expected, low, high, ratio, status (sorted by code)
    coefficients: list[Coefficient]  # intercept first, then the covariates as given (centred)
    dispersion: float  # NB2 alpha: variance = mu + alpha * mu^2 (0: Poisson)
    municipalities: int
    leave_one_out: bool


def classify(*, actual: float, low: float, high: float) -> ExpectedStatus:
    """Below the interval, inside it (edges included) or above it."""
    if actual < low:
        return ExpectedStatus.BELOW
    if actual > high:
        return ExpectedStatus.ABOVE
    return ExpectedStatus.AS_EXPECTED


def _check(frame: pd.DataFrame, covariates: Sequence[str]) -> None:
    """Refuse, in Danish, data the model cannot use."""
    needed = ["code", "actual", "households", *covariates]
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise ExpectedRefused(
            M_("Tabellen mangler kolonnerne {columns}", columns=", ".join(missing))
        )
    if len(frame) < MIN_MUNICIPALITIES:
        raise ExpectedRefused(
            M_(
                "For få kommuner til en forventning: {count} (mindst {least})",
                count=len(frame),
                least=MIN_MUNICIPALITIES,
            )
        )
    if frame["code"].duplicated().any():
        raise ExpectedRefused(M_("Samme kommune står mere end én gang"))
    values = frame[["actual", "households", *covariates]].apply(pd.to_numeric, errors="coerce")
    bad = ~np.isfinite(values.to_numpy(float)).all(axis=1)
    if bad.any():
        codes = ", ".join(str(c) for c in frame.loc[bad, "code"].head(10))
        raise ExpectedRefused(
            M_("Manglende indbrudstal, husstande eller baggrundstal for {codes}", codes=codes)
        )
    if (values["households"] <= 0).any() or (values["actual"] < 0).any():
        raise ExpectedRefused(M_("Husstande skal være positive og indbrud ikke-negative"))
    if covariates and (values[list(covariates)].nunique() <= 1).any():
        raise ExpectedRefused(
            M_("Et baggrundstal er ens for alle kommuner og kan ikke forklare noget")
        )


@dataclass(frozen=True)
class _Fit:
    params: np.ndarray  # coefficients (without the dispersion)
    cov: np.ndarray  # their covariance
    alpha: float
    # covariance of (coefficients, log alpha), for drawing both; None for the Poisson (alpha 0)
    joint_cov: np.ndarray | None = None


def _moment_alpha(counts: np.ndarray, means: np.ndarray) -> float:
    """A method-of-moments dispersion (variance = mu + alpha mu^2), as the fit's starting point."""
    return float(max(np.mean(((counts - means) ** 2 - counts) / means**2), 1e-3))


def _fit(counts: np.ndarray, design: np.ndarray, exposure: np.ndarray) -> _Fit:
    """NB2 by maximum likelihood, started from the Poisson fit; the Poisson when the NB fit does
    not improve on it (alpha -> 0: the likelihood's maximum is on the boundary) or fails."""
    from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

    k = design.shape[1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; every result is checked below
        poisson = Poisson(counts, design, exposure=exposure).fit(disp=0, method="newton")
        start = np.append(poisson.params, _moment_alpha(counts, poisson.predict()))
        model = NegativeBinomial(counts, design, loglike_method="nb2", exposure=exposure)
        for method in ("newton", "bfgs"):
            try:
                fitted = model.fit(start_params=start, disp=0, method=method, maxiter=200)
                params = np.asarray(fitted.params, float)
                full = np.asarray(fitted.cov_params(), float)
            except (ValueError, np.linalg.LinAlgError):  # a singular Hessian at the boundary
                continue
            if (
                np.isfinite(params).all()
                and np.isfinite(full).all()
                and _TINY_DISPERSION < params[-1] < _HUGE_DISPERSION
                and fitted.llf >= poisson.llf
            ):
                # delta method: log alpha = log(alpha) has the scale 1 / alpha
                scale = np.append(np.ones(k), 1 / params[-1])
                joint = full * np.outer(scale, scale)
                return _Fit(params[:k], full[:k, :k], float(params[-1]), joint)
    return _Fit(np.asarray(poisson.params, float), np.asarray(poisson.cov_params(), float), 0.0)


def _interval(
    *, row: np.ndarray, exposure: float, fit: _Fit, rng: np.random.Generator, draws: int
) -> tuple[float, float]:
    """The 95 % prediction interval for a new count: coefficient and dispersion draws, then NB
    draws (a Gamma-Poisson mixture)."""
    if fit.joint_cov is None:
        betas = rng.multivariate_normal(fit.params, fit.cov, size=draws, method="cholesky")
        means = exposure * np.exp(np.clip(betas @ row, -50, 50))
    else:
        centre = np.append(fit.params, math.log(fit.alpha))
        joint = rng.multivariate_normal(centre, fit.joint_cov, size=draws, method="cholesky")
        means = exposure * np.exp(np.clip(joint[:, :-1] @ row, -50, 50))
        alphas = np.exp(np.clip(joint[:, -1], -20, math.log(_HUGE_DISPERSION)))
        means = rng.gamma(shape=1 / alphas, scale=alphas * means)
    counts = rng.poisson(np.minimum(means, 1e12))
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(counts, [tail, 1 - tail], method="inverted_cdf")
    return float(low), float(high)


def _design(frame: pd.DataFrame, covariates: Sequence[str]) -> np.ndarray:
    """An intercept and the covariates centred on their mean (the intercept is then the typical
    municipality's log rate per household; slopes are per unit of the covariate)."""
    columns = [np.ones(len(frame))]
    for name in covariates:
        values = frame[name].to_numpy(float)
        columns.append(values - values.mean())
    return np.column_stack(columns)


def _coefficients(fit: _Fit, covariates: Sequence[str]) -> list[Coefficient]:
    z = 1.959963984540054
    errors = np.sqrt(np.clip(np.diag(fit.cov), 0, None))
    return [
        Coefficient(name, float(b), float(b - z * e), float(b + z * e))
        for name, b, e in zip(["intercept", *covariates], fit.params, errors, strict=True)
    ]


def fit_expected(
    frame: pd.DataFrame,
    *,
    covariates: Sequence[str],
    leave_one_out: bool = True,
    draws: int = DRAWS,
    seed: int = 0,
) -> ExpectedFit:
    """Expected burglaries per municipality from the others' conditions (see the module docstring).

    `frame`: one row per municipality for one year with `code`, `actual` (count), `households` and
    the covariate columns. Raises ExpectedRefused (Danish) on too few rows or missing values."""
    _check(frame, covariates)
    data = frame.sort_values("code", ignore_index=True)
    counts = data["actual"].to_numpy(float)
    exposure = data["households"].to_numpy(float)
    design = _design(data, covariates)
    whole = _fit(counts, design, exposure)
    rows: list[dict[str, Any]] = []
    for i, code in enumerate(data["code"]):
        fit = whole
        if leave_one_out:
            others = np.arange(len(data)) != i
            # centring on the others' means would only move the intercept: the prediction is equal
            fit = _fit(counts[others], design[others], exposure[others])
        expected = float(exposure[i] * math.exp(float(design[i] @ fit.params)))
        rng = np.random.default_rng([seed, int(code)])
        low, high = _interval(row=design[i], exposure=exposure[i], fit=fit, rng=rng, draws=draws)
        actual = float(counts[i])
        rows.append(
            {
                "code": int(code),
                "actual": int(actual),
                "expected": expected,
                "low": low,
                "high": high,
                "ratio": actual / expected,
                "status": classify(actual=actual, low=low, high=high),
            }
        )
    return ExpectedFit(
        table=pd.DataFrame(rows),
        coefficients=_coefficients(whole, covariates),
        dispersion=whole.alpha,
        municipalities=len(data),
        leave_one_out=leave_one_out,
    )


def ratio_ranks(ratios: pd.Series) -> pd.Series:
    """1 for the lowest ratio of actual to expected; ties share the lower rank."""
    return ratios.rank(method="min").astype(int)
