"""Is the partnership working? Burglaries since the start against a synthetic control (pure).

The question a steering group asks is not "did burglaries fall?" (they fell everywhere in some
years and rose everywhere in 2018) but "did they fall more than they would have without the
partnership?". Nobody sees that counterfactual, so it is built from municipalities without a
partnership (the donors), as in Abadie, Diamond and Hainmueller (2010):

1. Every series is a quarterly rate per 1,000 households divided by the municipality's own mean
   rate in the quarters before the start (an index around 1). Levels differ several-fold between
   municipalities, and some partners are near the top, so a weighted average of raw rates
   often cannot reach them; the index compares courses, not levels. Because the households are one
   figure per municipality, they cancel in the index: they only set the scale of the chart.
2. Non-negative donor weights summing to 1 bring the weighted donors' index closest (least
   squares) to the treated municipality's index in every pre-start quarter, seasonal pattern
   included (`synthetic_weights`).
3. The counterfactual is the weighted donors' index times the treated municipality's pre-start
   mean rate; the estimate is (actual post-start total / counterfactual post-start total) - 1.
4. Placebo runs: every donor in turn is treated as if it had started on the same date, fitted on
   the other donors. Each run's log ratio of actual to counterfactual after the start, divided by
   its own error predicting pre-start years it was not fitted on, is a standardised gap; the
   treated municipality's rank among them gives the p-value, and inverting that test gives the
   95 % interval (docs/effect.md).

Common shocks (the 2018 law change, COVID-19 in 2020-21, the seasons) multiply every
municipality's count alike, so they are in the donors' index as much as in the treated one's and
are not read as an effect. The result is a comparison, not proof of cause: every sentence says so.
"""

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import pandas as pd

from models.formatting import fmt_change, fmt_int, fmt_percent, fmt_period
from models.i18n import DANISH, N_, language_of, translate_plural, translator
from models.periods import parse_period, quarter_range

MIN_PRE_QUARTERS = 12  # three years of seasons to fit the weights on
MIN_POST_QUARTERS = 4  # a whole year after the start, so no season counts twice
# The interval is a 95 % interval. With J placebos the smallest possible p-value is 1 / (J + 1):
# 19 donors are needed before it can be bounded at all.
MIN_DONORS_FOR_INTERVAL = 19
# A weak comparison: the treated municipality's pre-start RMSPE more than sqrt(5) times the
# placebos' median (Abadie et al. 2010 set aside placebos with five times the treated's mean
# squared error; here the rule is turned round) and more than twice what Poisson noise in its own
# counts explains (a small municipality's quarters are noisy however good the donors are).
WEAK_FIT_RATIO = math.sqrt(5)
WEAK_FIT_NOISE_RATIO = 2.0
HOLDOUT_YEARS = 3  # pre-start years predicted out of sample for the placebo statistic
MIN_HOLDOUT_TRAINING = 8  # quarters before a held-out year to fit it on (12 before the start: 1)
CAVEAT = N_("sammenligning, ikke bevis for årsag")
COLUMNS = ("municipality_code", "period", "count")

_TINY = 1e-12  # an exact fit's RMSPE, so a perfect copy does not divide by zero


class EffectStatus(StrEnum):
    """The verdict in words; the value is what pages print."""

    FELL = "faldet mere end sammenlignelige"
    SAME = "som sammenlignelige"
    ROSE = "steget mere end sammenlignelige"
    TOO_EARLY = "for tidligt at sige"
    WEAK = "svag sammenligning"


@dataclass(frozen=True)
class QuarterPoint:
    """One quarter of the chart: the treated municipality's rate and its synthetic comparison."""

    period: str
    actual: float  # burglaries per 1,000 households
    counterfactual: float | None  # the weighted donors at the treated level; None when too early
    after_start: bool


@dataclass(frozen=True)
class EffectResult:
    """The estimate, its placebo interval and everything a chart of the fit needs."""

    status: EffectStatus
    explanation: str  # one Danish sentence; always contains CAVEAT
    start_period: str
    pre_quarters: int
    post_quarters: int
    estimate: float | None  # relative change against the counterfactual: -0.3 is 30 % fewer
    low: float | None  # 95 % interval; None when too early or too few donors
    high: float | None
    p_value: float | None  # placebo p-value, (1 + placebos at least as extreme) / (J + 1)
    placebo_rank: int | None  # 1 = more extreme than every placebo
    placebo_count: int
    pre_rmspe: float | None  # pre-start fit error, as a share of the pre-start mean level
    typical_pre_rmspe: float | None  # the placebos' median of the same
    weak_fit: bool
    donor_weights: tuple[tuple[int, float], ...]  # (code, weight), largest first, weights > 0
    series: tuple[QuarterPoint, ...]


def partnership_start_period(partner_since: str | None) -> str | None:
    """The first quarter of a partnership from the reference table's date: "2019-10" -> "2019K4",
    "2021-03-01" -> "2021K1", a year alone "2018" -> "2018K1"; empty -> None.

    A year alone is read as its first quarter, the earliest the partnership can have started: a
    partnership quarter counted as "before" would teach the weights the effect, while a quarter
    before the partnership counted as "after" only dilutes the estimate towards zero.
    """
    if partner_since is None or not partner_since.strip():
        return None
    text = partner_since.strip()
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", text)
    if match is None:
        raise ValueError(f"Ugyldig startdato: {partner_since!r} (forventet fx 2019-10)")
    year = int(match.group(1))
    month = int(match.group(2) or 1)
    try:
        date(year, month, int(match.group(3) or 1))
    except ValueError:
        raise ValueError(f"Ugyldig startdato: {partner_since!r} (forventet fx 2019-10)") from None
    period = f"{year}K{(month - 1) // 3 + 1}"
    parse_period(period)
    return period


def _simplex_fit(design: np.ndarray, target: np.ndarray, penalty: float) -> np.ndarray:
    """Non-negative least squares of `target` on the columns of `design`, whose last row is the
    sum-to-one row (all `penalty`); rescaled so the weights sum exactly to 1."""
    from scipy.optimize import nnls  # lazily: scipy.optimize costs start-up time of every page

    if design.shape[1] == 1:
        return np.ones(1)
    weights, _ = nnls(design, np.append(target, penalty), maxiter=50 * design.shape[1])
    total = float(weights.sum())
    if total <= 0:  # cannot happen with the sum-to-one row, but never divide by zero
        return np.full(design.shape[1], 1.0 / design.shape[1])
    return np.asarray(weights / total, dtype=float)


def _design(rows: np.ndarray) -> tuple[np.ndarray, float]:
    """Columns = the units' series in `rows` (units x quarters), with the sum-to-one row under
    them, heavy enough (1e4 times the largest value) that the sum misses 1 by about 1e-8 only."""
    penalty = 1e4 * max(1.0, float(np.max(np.abs(rows), initial=0.0)))
    return np.vstack([rows.T, np.full(rows.shape[0], penalty)]), penalty


def synthetic_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Weights w >= 0 with sum(w) = 1 minimising ||target - w @ donors||.

    `target` has shape (T,), `donors` (J, T): one row per donor. Solved by scipy's non-negative
    least squares with the sum-to-one condition as an extra, heavily weighted row, then rescaled
    so the sum is exactly 1.
    """
    target = np.asarray(target, dtype=float)
    donors = np.asarray(donors, dtype=float)
    if donors.ndim != 2 or donors.shape[0] == 0 or donors.shape[1] != target.shape[0]:
        raise ValueError("Sammenligningskommunernes serier passer ikke til kommunens")
    if not (np.all(np.isfinite(target)) and np.all(np.isfinite(donors))):
        raise ValueError("Serierne må ikke indeholde manglende eller uendelige tal")
    design, penalty = _design(np.vstack([donors, target]))
    return _simplex_fit(design[:, :-1], target, penalty)


def _panel(
    counts: pd.DataFrame, *, treated: int, donors: list[int]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The treated municipality's quarters (first to last, no gaps), its counts and the donors'
    counts over the same quarters (NaN where a donor has none)."""
    missing = [column for column in COLUMNS if column not in counts.columns]
    if missing:
        raise ValueError(f"Indbrudstabellen mangler kolonnerne {missing}")
    codes = counts["municipality_code"].to_numpy()
    periods = counts["period"].to_numpy()
    values = pd.to_numeric(counts["count"], errors="coerce").to_numpy(dtype=float)
    known = {str(period): parse_period(str(period)) for period in pd.unique(periods)}
    own = (codes == treated) & np.isfinite(values)
    if not own.any():
        raise ValueError(f"Ingen indbrudstal for kommune {treated}")
    own_periods = sorted({str(p) for p in periods[own]}, key=known.__getitem__)
    window = quarter_range(first=own_periods[0], last=own_periods[-1])
    if len(own_periods) != len(window):
        gaps = sorted(set(window) - set(own_periods), key=parse_period)
        raise ValueError(f"Kommune {treated} mangler indbrudstal for {', '.join(gaps)}")

    units = [treated, *donors]
    rows = pd.Index(units).get_indexer(codes)
    columns = pd.Index(window).get_indexer(periods)
    used = (rows >= 0) & (columns >= 0)
    cells = rows[used] * len(window) + columns[used]
    if np.unique(cells).size != cells.size:
        raise ValueError("Indbrudstabellen har samme kommune og kvartal mere end én gang")
    if np.any(values[used] < 0):
        raise ValueError("Antal indbrud kan ikke være negative")
    matrix = np.full((len(units), len(window)), np.nan)
    np.put(matrix, cells, values[used])
    return window, matrix[0], matrix[1:]


def _usable(households: float | None) -> bool:
    return households is not None and math.isfinite(households) and households > 0


@dataclass(frozen=True)
class _Fit:
    """One synthetic control: the treated municipality's, or a placebo's."""

    weights: np.ndarray  # over the pool
    index: np.ndarray  # the unit's own series over its pre-start mean
    synthetic: np.ndarray  # the weighted pool on the same scale
    log_ratio: float  # log(actual / synthetic) of the post-start totals
    rmspe: float  # in-sample pre-start fit error: what the chart shows
    holdout: float  # the error predicting the last pre-start years from the quarters before them


def _index(counts: np.ndarray, quarters: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Each series (units x T) over its mean in `quarters`, or over `fallback` (units x 1) where
    that mean is zero (a tiny municipality without burglaries in the quarters a hold-out fits on).
    Counts scaled by any constant give the same index."""
    level = counts[:, quarters].mean(axis=1, keepdims=True)
    return np.asarray(counts / np.where(level > 0, level, fallback), dtype=float)


def _pool_weights(
    index: np.ndarray, quarters: np.ndarray, pools: list[np.ndarray]
) -> list[np.ndarray]:
    """Weights of unit u on the units pools[u], fitted on `quarters` of `index` (units x T)."""
    rows = index[:, quarters]
    design, penalty = _design(rows)
    return [_simplex_fit(design[:, pool], rows[unit], penalty) for unit, pool in enumerate(pools)]


def _fits(counts: np.ndarray, n_pre: int, *, placebos: bool) -> list[_Fit]:
    """The synthetic control of unit 0 (the treated) on units 1.. and, with `placebos`, of every
    unit j >= 1 on the units other than 0 and j.

    Besides the in-sample pre-start RMSPE, each fit gets a hold-out error: each of the last
    HOLDOUT_YEARS pre-start years (four quarters, counted back from the start) is predicted from
    weights and levels fitted on the quarters before it only (at least MIN_HOLDOUT_TRAINING of
    them), just as the post-start quarters are predicted from the quarters before the start. The
    in-sample RMSPE flatters: with more donors than quarters the weights can follow the noise of a
    smooth series almost exactly, so a large municipality (smooth) looks better fitted than the
    placebos (noisy) it is ranked against, and its gap after the start looks too large.
    """
    donors = np.arange(1, counts.shape[0])
    pools = [donors] + ([donors[donors != j] for j in donors] if placebos else [])
    pre = np.arange(n_pre)
    pre_mean = counts[:, :n_pre].mean(axis=1, keepdims=True)  # positive for every unit here
    index = counts / pre_mean
    weights = _pool_weights(index, pre, pools)

    squared: list[list[np.ndarray]] = [[] for _ in pools]
    for end in range(n_pre, max(n_pre - 4 * HOLDOUT_YEARS, 0), -4):
        held = pre[max(0, end - 4) : end]
        train = pre[: held[0]]
        if train.size < MIN_HOLDOUT_TRAINING:
            break
        fold = _index(counts, train, pre_mean)
        for unit, (pool, fold_weights) in enumerate(
            zip(pools, _pool_weights(fold, train, pools), strict=True)
        ):
            squared[unit].append((fold[unit, held] - fold_weights @ fold[pool][:, held]) ** 2)

    fits = []
    for unit, (pool, unit_weights) in enumerate(zip(pools, weights, strict=True)):
        own, synthetic = index[unit], unit_weights @ index[pool]
        with np.errstate(divide="ignore", invalid="ignore"):
            log_ratio = float(np.log(own[n_pre:].sum() / synthetic[n_pre:].sum()))
        fits.append(
            _Fit(
                weights=unit_weights,
                index=own,
                synthetic=synthetic,
                log_ratio=log_ratio,
                rmspe=float(np.sqrt(np.mean((own[:n_pre] - synthetic[:n_pre]) ** 2))),
                holdout=float(np.sqrt(np.mean(np.concatenate(squared[unit])))),
            )
        )
    return fits


def _gap_size(fit: _Fit) -> float:
    """|log ratio| over the hold-out error; a gap that cannot be computed is the most extreme."""
    size = abs(fit.log_ratio) / max(fit.holdout, _TINY)
    return size if math.isfinite(size) else math.inf


def _interval_text(low: float, high: float, *, lang: str = DANISH) -> str:
    _ = translator(lang)
    if math.isfinite(high):
        return _("95 %-interval {low} til {high}").format(
            low=fmt_change(low, lang=lang), high=fmt_change(high, lang=lang)
        )
    return _("95 %-interval {low} eller mere").format(low=fmt_change(low, lang=lang))


def _explain_too_early(*, start_period: str, n_pre: int, n_post: int, lang: str = DANISH) -> str:
    _ = translator(lang)
    return _(
        "For tidligt at sige: der er {before} kvartaler før og {after} efter starten i {start}, "
        "og der skal mindst {min_before} før og {min_after} efter; selv da er tallet en {caveat}."
    ).format(
        before=fmt_int(n_pre, lang=lang),
        after=fmt_int(n_post, lang=lang),
        start=fmt_period(start_period, lang=lang),
        min_before=MIN_PRE_QUARTERS,
        min_after=MIN_POST_QUARTERS,
        caveat=_(CAVEAT),
    )


def _explain(
    *,
    status: EffectStatus,
    start_period: str,
    last_period: str,
    estimate: float,
    low: float | None,
    high: float | None,
    pre_rmspe: float,
    typical_pre_rmspe: float | None,
    weak_fit: bool,
    n_donors: int,
    lang: str = DANISH,
) -> str:
    """The one sentence for a computed estimate (Danish, or in `lang`)."""
    _ = translator(lang)
    since = _("Fra {start} til {last}").format(
        start=fmt_period(start_period, lang=lang), last=fmt_period(last_period, lang=lang)
    )
    comparison = _("en vægtet gruppe af kommuner uden partnerskab, der fulgte kommunen før starten")
    caveat = _(CAVEAT)
    change = fmt_change(estimate, lang=lang)
    if weak_fit:
        return _(
            "Svag sammenligning: ingen vægtet gruppe af kommuner uden partnerskab fulgte "
            "kommunens indbrud godt før starten (afvigelse {fit} af niveauet mod typisk "
            "{typical}), så {change} er usikkert og under alle omstændigheder en {caveat}."
        ).format(
            fit=fmt_percent(pre_rmspe, lang=lang),
            typical=fmt_percent(typical_pre_rmspe, lang=lang),
            change=change,
            caveat=caveat,
        )
    if low is None or high is None:
        return _(
            "Svag sammenligning: med kun {donors} uden partnerskab at sammenligne med kan der "
            "ikke gives et 95 %-interval, så {change} er usikkert og under alle omstændigheder "
            "en {caveat}."
        ).format(
            donors=translate_plural(lang, "{count} kommune", "{count} kommuner", n_donors).format(
                count=fmt_int(n_donors, lang=lang)
            ),
            change=change,
            caveat=caveat,
        )
    interval = _interval_text(low, high, lang=lang)
    if status is EffectStatus.FELL:
        return _(
            "{since} var der {share} færre indbrud end i {comparison} ({interval}); det er en "
            "{caveat}."
        ).format(
            since=since,
            share=fmt_percent(-estimate, lang=lang),
            comparison=comparison,
            interval=interval,
            caveat=caveat,
        )
    if status is EffectStatus.ROSE:
        return _(
            "{since} var der {share} flere indbrud end i {comparison} ({interval}); det er en "
            "{caveat}."
        ).format(
            since=since,
            share=fmt_percent(estimate, lang=lang),
            comparison=comparison,
            interval=interval,
            caveat=caveat,
        )
    return _(
        "{since} udviklede indbruddene sig som i {comparison} ({change}, {interval}); det er en "
        "{caveat}."
    ).format(since=since, comparison=comparison, change=change, interval=interval, caveat=caveat)


def explanation_text(result: EffectResult, *, lang: str = DANISH) -> str:
    """`result.explanation` (the Danish sentence made with the estimate) in `lang`, remade from
    the result's own numbers; in Danish it is exactly `result.explanation`."""
    if language_of(lang) == DANISH:
        return result.explanation
    if result.estimate is None:
        return _explain_too_early(
            start_period=result.start_period,
            n_pre=result.pre_quarters,
            n_post=result.post_quarters,
            lang=lang,
        )
    return _explain(
        status=result.status,
        start_period=result.start_period,
        last_period=result.series[-1].period if result.series else result.start_period,
        estimate=result.estimate,
        low=result.low,
        high=result.high,
        pre_rmspe=result.pre_rmspe if result.pre_rmspe is not None else math.nan,
        typical_pre_rmspe=result.typical_pre_rmspe,
        weak_fit=result.weak_fit,
        n_donors=result.placebo_count or 1,
        lang=lang,
    )


def _status(*, weak: bool, low: float | None, high: float | None) -> EffectStatus:
    if weak or low is None or high is None:
        return EffectStatus.WEAK
    if high < 0:
        return EffectStatus.FELL
    if low > 0:
        return EffectStatus.ROSE
    return EffectStatus.SAME


def estimate_effect(
    *,
    counts: pd.DataFrame,
    households: Mapping[int, float],
    treated: int,
    start_period: str,
    donors: Collection[int],
) -> EffectResult:
    """Relative change in a partner municipality's burglaries since `start_period` against a
    synthetic control of `donors` (municipalities without a partnership), with a placebo interval.

    `counts` is long: municipality_code, period ("2019K3"), count. The treated municipality's
    quarters (first to last, without gaps) are the window; donors without a count in every one of
    them, without a usable household figure or without burglaries before the start are left out.
    Fewer than MIN_PRE_QUARTERS before or MIN_POST_QUARTERS from the start: "for tidligt at sige".
    """
    parse_period(start_period)
    donor_codes = sorted(set(donors))
    if treated in donor_codes:
        raise ValueError(f"Kommune {treated} kan ikke sammenlignes med sig selv")
    if not _usable(households.get(treated)):
        raise ValueError(f"Intet brugbart antal husstande for kommune {treated}")
    window, own, others = _panel(counts, treated=treated, donors=donor_codes)
    start = parse_period(start_period)
    n_pre = sum(1 for period in window if parse_period(period) < start)
    n_post = len(window) - n_pre
    own_rate = own / households[treated] * 1000

    if n_pre < MIN_PRE_QUARTERS or n_post < MIN_POST_QUARTERS:
        return EffectResult(
            status=EffectStatus.TOO_EARLY,
            explanation=_explain_too_early(start_period=start_period, n_pre=n_pre, n_post=n_post),
            start_period=start_period,
            pre_quarters=n_pre,
            post_quarters=n_post,
            estimate=None,
            low=None,
            high=None,
            p_value=None,
            placebo_rank=None,
            placebo_count=0,
            pre_rmspe=None,
            typical_pre_rmspe=None,
            weak_fit=False,
            donor_weights=(),
            series=tuple(
                QuarterPoint(period, float(rate), None, parse_period(period) >= start)
                for period, rate in zip(window, own_rate, strict=True)
            ),
        )

    own_pre_mean = float(own[:n_pre].mean())
    if own_pre_mean <= 0:
        raise ValueError(f"Kommune {treated} har ingen indbrud før starten: intet niveau at følge")
    keep = np.array(
        [
            _usable(households.get(code))
            and bool(np.all(np.isfinite(row)))
            and float(row[:n_pre].sum()) > 0
            for code, row in zip(donor_codes, others, strict=True)
        ],
        dtype=bool,
    )
    if not keep.any():
        raise ValueError("Ingen sammenligningskommuner med indbrudstal i alle kvartaler")
    used_codes = [code for code, kept in zip(donor_codes, keep, strict=True) if kept]
    donor_counts = others[keep]

    # Each series over its own pre-start mean (households cancel: one figure per municipality)
    n_donors = len(used_codes)
    own_fit, *placebos = _fits(np.vstack([own, donor_counts]), n_pre, placebos=n_donors >= 2)
    log_ratio, pre_rmspe = own_fit.log_ratio, own_fit.rmspe
    estimate = float(np.exp(log_ratio) - 1)

    p_value: float | None = None
    rank: int | None = None
    typical: float | None = None
    low: float | None = None
    high: float | None = None
    weak_fit = False
    if n_donors >= 2:
        placebo_size = np.array([_gap_size(fit) for fit in placebos])
        own_size = _gap_size(own_fit)
        p_value = (1 + int(np.sum(placebo_size >= own_size))) / (n_donors + 1)
        rank = 1 + int(np.sum(placebo_size > own_size))
        typical = float(np.median([fit.rmspe for fit in placebos]))
        poisson_noise = 1 / math.sqrt(own_pre_mean)
        weak_fit = bool(
            pre_rmspe > WEAK_FIT_RATIO * typical
            and pre_rmspe > WEAK_FIT_NOISE_RATIO * poisson_noise
        )
        # Test inversion: an effect a is kept when the treated gap, shifted by log(1 + a), is not
        # larger than the k-th largest placebo gap, k = floor(0.05 * (J + 1)) (then p > 0.05).
        if n_donors >= MIN_DONORS_FOR_INTERVAL and math.isfinite(log_ratio):
            k = (n_donors + 1) // 20
            critical = float(np.sort(placebo_size)[::-1][k - 1])
            half_width = critical * max(own_fit.holdout, _TINY)  # the same floor as the gap
            with np.errstate(over="ignore"):
                low = float(np.exp(log_ratio - half_width) - 1)
                high = float(np.exp(log_ratio + half_width) - 1)

    status = _status(weak=weak_fit, low=low, high=high)
    weights = own_fit.weights
    counterfactual_rate = own_pre_mean / households[treated] * 1000 * own_fit.synthetic
    order = np.argsort(-weights, kind="stable")
    return EffectResult(
        status=status,
        explanation=_explain(
            status=status,
            start_period=start_period,
            last_period=window[-1],
            estimate=estimate,
            low=low,
            high=high,
            pre_rmspe=float(pre_rmspe),
            typical_pre_rmspe=typical,
            weak_fit=weak_fit,
            n_donors=n_donors,
        ),
        start_period=start_period,
        pre_quarters=n_pre,
        post_quarters=n_post,
        estimate=estimate,
        low=low,
        high=high,
        p_value=p_value,
        placebo_rank=rank,
        placebo_count=n_donors if n_donors >= 2 else 0,
        pre_rmspe=float(pre_rmspe),
        typical_pre_rmspe=typical,
        weak_fit=weak_fit,
        donor_weights=tuple(
            (used_codes[i], float(weights[i])) for i in order if float(weights[i]) > 0
        ),
        series=tuple(
            QuarterPoint(period, float(actual), float(expected), position >= n_pre)
            for position, (period, actual, expected) in enumerate(
                zip(window, own_rate, counterfactual_rate, strict=True)
            )
        ),
    )


def no_effect_band(result: EffectResult) -> tuple[tuple[str, float, float], ...]:
    """The placebo band for the chart: for each quarter from the start, (period, low, high) around
    the comparison where the partner's rate would lie with no effect at all, by the same placebo
    test as the 95 % interval (the comparison times exp(-h) .. exp(h), h the interval's half width
    in logs: low = (1 + estimate) exp(-h) - 1). The test is on the total after the start, so the
    band is that total's, drawn at each quarter's level; empty without a finite interval."""
    estimate, low, high = result.estimate, result.low, result.high
    if estimate is None or low is None or high is None or not math.isfinite(high):
        return ()
    if estimate <= -1 or high <= -1:
        return ()
    half_width = math.log((1 + high) / (1 + estimate))
    factor = math.exp(half_width)
    return tuple(
        (point.period, point.counterfactual / factor, point.counterfactual * factor)
        for point in result.series
        if point.after_start and point.counterfactual is not None
    )
