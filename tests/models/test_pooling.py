"""Partial pooling of municipal trend slopes: hand-computed tables and properties."""

import math
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.burglaries import ResolvedGoal, assess_burglaries
from models.domain import Status
from models.goal_text import burglary_lines, pooling_line
from models.pooling import (
    between_variance,
    common_slope_floor,
    pool_fits,
    pool_slopes,
    pool_trends,
    shared_dispersion,
    summed_series,
)
from models.trends import SlopeEstimate, fit_trend, project_counts

Z = 1.959963985

# Three municipalities: slopes b, variances s^2. By hand (w = 1/s^2 = 2500, 2500, 625):
# fixed-effect mean (-250 + 50 - 25) / 5625 = -0.04; Q = 2500*0.06^2 * 2 + 0 = 18;
# scale 5625 - (2500^2*2 + 625^2) / 5625 = 3333.33; DerSimonian-Laird tau^2 = (18 - 2) / 3333.33
# = 0.0048. Then w* = 1 / (s^2 + tau^2) = 192.31, 192.31, 156.25; mu = -0.04 (symmetric);
# Var(mu) = 1 / 540.87 = 0.00184889; B = s^2 / (s^2 + tau^2) = 1/13, 1/13, 1/4;
# posterior b = mu + (1 - B)(b - mu); variance (1 - B) s^2 + B^2 Var(mu).
THREE = {
    101: SlopeEstimate(-0.10, 0.0004),
    147: SlopeEstimate(0.02, 0.0004),
    183: SlopeEstimate(-0.04, 0.0016),
}


def test_dersimonian_laird_by_hand() -> None:
    assert between_variance(THREE) == pytest.approx(0.0048, rel=1e-12)


@pytest.mark.parametrize(
    ("code", "slope", "variance", "own_weight"),
    [
        (101, -0.04 + 12 / 13 * -0.06, 12 / 13 * 0.0004 + (1 / 13) ** 2 * 0.00184889, 12 / 13),
        (147, -0.04 + 12 / 13 * 0.06, 12 / 13 * 0.0004 + (1 / 13) ** 2 * 0.00184889, 12 / 13),
        (183, -0.04, 0.75 * 0.0016 + 0.25**2 * 0.00184889, 0.75),
    ],
)
def test_three_municipalities_by_hand(
    code: int, slope: float, variance: float, own_weight: float
) -> None:
    pooling = pool_slopes(THREE, tau2=0.0048)
    assert pooling is not None
    assert pooling.mean.slope == pytest.approx(-0.04)
    assert pooling.mean.variance == pytest.approx(0.00184889, rel=1e-5)
    pooled = pooling.slopes[code]
    assert pooled.posterior.slope == pytest.approx(slope, rel=1e-9)
    assert pooled.posterior.variance == pytest.approx(variance, rel=1e-5)
    assert pooled.own_weight == pytest.approx(own_weight)
    assert pooled.own == THREE[code] and pooled.common == pooling.mean


def test_two_municipalities_by_hand() -> None:
    # tau^2 = 0.0025: w* = 1/0.0125 = 80 and 1/0.005 = 200, mu = -20 / 280 = -0.0714286,
    # Var(mu) = 1/280; B = 0.8 and 0.5: the uncertain slope keeps a fifth, the precise one half.
    pooling = pool_slopes(
        {1: SlopeEstimate(0.0, 0.01), 2: SlopeEstimate(-0.1, 0.0025)}, tau2=0.0025
    )
    assert pooling is not None
    mu = -0.1 * 200 / 280
    small, large = pooling.slopes[1], pooling.slopes[2]
    assert (small.own_weight, large.own_weight) == (pytest.approx(0.2), pytest.approx(0.5))
    assert small.posterior.slope == pytest.approx(mu + 0.2 * (0 - mu))  # -0.0571
    assert large.posterior.slope == pytest.approx(mu + 0.5 * (-0.1 - mu))  # -0.0857
    assert small.posterior.variance == pytest.approx(0.2 * 0.01 + 0.64 / 280)
    assert large.posterior.variance == pytest.approx(0.5 * 0.0025 + 0.25 / 280)


slope_sets = st.dictionaries(
    keys=st.integers(min_value=101, max_value=999),
    values=st.builds(
        SlopeEstimate,
        slope=st.floats(min_value=-0.5, max_value=0.5),
        variance=st.floats(min_value=1e-5, max_value=0.5),
    ),
    min_size=1,
    max_size=30,
)


@given(estimates=slope_sets, tau2=st.floats(min_value=0.0, max_value=0.5))
def test_a_pooled_slope_lies_between_its_own_and_the_common_one(
    estimates: dict[int, SlopeEstimate], tau2: float
) -> None:
    pooling = pool_slopes(estimates, tau2=tau2)
    assert pooling is not None
    for code, pooled in pooling.slopes.items():
        low, high = sorted((estimates[code].slope, pooling.mean.slope))
        assert low - 1e-12 <= pooled.posterior.slope <= high + 1e-12
        assert 0.0 <= pooled.own_weight <= 1.0
        # pooling never makes a slope less certain than the municipality's own
        assert pooled.posterior.variance <= estimates[code].variance * (1 + 1e-9)


@given(estimates=slope_sets)
def test_with_the_between_variance_estimated_the_slopes_stay_within_the_own_ones(
    estimates: dict[int, SlopeEstimate],
) -> None:
    pooling = pool_slopes(estimates)
    assert pooling is not None
    slopes = [e.slope for e in estimates.values()]
    for pooled in pooling.slopes.values():
        assert min(slopes) - 1e-12 <= pooled.posterior.slope <= max(slopes) + 1e-12
        assert pooled.posterior.variance >= 0
    assert pooling.between_variance >= 0


@given(estimates=slope_sets)
def test_no_between_variance_is_full_pooling(estimates: dict[int, SlopeEstimate]) -> None:
    pooling = pool_slopes(estimates, tau2=0.0)
    assert pooling is not None
    for pooled in pooling.slopes.values():
        assert pooled.posterior.slope == pytest.approx(pooling.mean.slope, abs=1e-12)
        assert pooled.posterior.variance == pytest.approx(pooling.mean.variance, rel=1e-9)
        assert pooled.own_weight == pytest.approx(0.0, abs=1e-12)


@given(estimates=slope_sets, tau2=st.floats(min_value=1e-4, max_value=0.5))
def test_huge_precision_is_no_pooling(estimates: dict[int, SlopeEstimate], tau2: float) -> None:
    precise = {code: SlopeEstimate(e.slope, 1e-14) for code, e in estimates.items()}
    pooling = pool_slopes(precise, tau2=tau2)
    assert pooling is not None
    for code, pooled in pooling.slopes.items():
        assert pooled.posterior.slope == pytest.approx(precise[code].slope, abs=1e-8)
        assert pooled.own_weight == pytest.approx(1.0, abs=1e-8)


@given(estimates=slope_sets, seed=st.integers(min_value=0, max_value=1000))
def test_the_order_of_the_municipalities_does_not_matter(
    estimates: dict[int, SlopeEstimate], seed: int
) -> None:
    items = list(estimates.items())
    random.Random(seed).shuffle(items)
    assert pool_slopes(dict(items)) == pool_slopes(estimates)


def test_nothing_to_pool_and_bad_input() -> None:
    assert pool_slopes({}) is None
    with pytest.raises(ValueError):
        pool_slopes({1: SlopeEstimate(0.1, 0.0)})
    with pytest.raises(ValueError):
        pool_slopes({1: SlopeEstimate(math.nan, 0.01)})
    with pytest.raises(ValueError):
        pool_slopes({1: SlopeEstimate(0.1, 0.01)}, tau2=-1.0)


def test_the_common_slope_is_no_surer_than_the_summed_series_says() -> None:
    # with tau^2 = 0.0048 Var(mu) is 0.00184889 (above); shocks common to all raise it to 0.01
    pooling = pool_slopes(THREE, tau2=0.0048, common_floor=0.01)
    assert pooling is not None
    assert pooling.mean.variance == pytest.approx(0.01)
    assert pooling.slopes[183].posterior.variance == pytest.approx(0.75 * 0.0016 + 0.25**2 * 0.01)
    assert pool_slopes(THREE, tau2=0.0048, common_floor=0.001) == pool_slopes(THREE, tau2=0.0048)


def test_the_summed_series_has_the_years_every_series_has() -> None:
    series = {1: {2022: 5, 2023: 6, 2024: 7}, 2: {2023: 10, 2024: 20, 2025: 30}}
    assert summed_series(series) == {2023: 16, 2024: 27}
    assert summed_series({}) == {}


def test_one_municipality_keeps_its_own_slope() -> None:
    pooling = pool_slopes({1: SlopeEstimate(-0.05, 0.01)})
    assert pooling is not None
    assert pooling.slopes[1].posterior == SlopeEstimate(-0.05, pytest.approx(0.01))  # type: ignore[arg-type]


def test_a_pooled_projection_by_hand() -> None:
    # 100 a year for three years (no overdispersion), slope b = -0.05 with variance 0.0004:
    # level given b: a = log(300) - log(sum exp(b x)), x = -1, 0, 1 (centre 2022);
    # xbar = sum x exp(b x) / sum exp(b x) = -0.0333195; eta(2025) = a + 3 b;
    # Var(eta) = 1/300 + (3 - xbar)^2 * 0.0004 = 0.0070137.
    weights = [math.exp(0.05), 1.0, math.exp(-0.05)]
    eta = math.log(300 / sum(weights)) - 0.15
    se = math.sqrt(1 / 300 + (3 + 0.0333195) ** 2 * 0.0004)
    projection = project_counts(
        counts_by_year={2021: 100, 2022: 100, 2023: 100},
        to_year=2025,
        since_year=None,
        slope=SlopeEstimate(-0.05, 0.0004),
    )
    assert projection is not None
    assert projection.expected == pytest.approx(math.exp(eta))  # 86.0
    assert (projection.low, projection.high) == (
        pytest.approx(math.exp(eta - Z * se), rel=1e-6),  # 73.0
        pytest.approx(math.exp(eta + Z * se), rel=1e-6),  # 101.3
    )
    assert projection.annual_change == pytest.approx(math.expm1(-0.05))
    assert projection.annual_change_high == pytest.approx(math.expm1(-0.05 + Z * 0.02))


@given(
    counts=st.lists(st.integers(min_value=1, max_value=5000), min_size=3, max_size=5),
    to_year=st.integers(min_value=2026, max_value=2035),
)
def test_the_own_slope_given_back_is_the_own_projection(counts: list[int], to_year: int) -> None:
    series = {2021 + i: c for i, c in enumerate(counts)}
    fit = fit_trend(counts_by_year=series, since_year=None, exclude_years=())
    assert fit is not None
    own = project_counts(counts_by_year=series, to_year=to_year, since_year=None, exclude_years=())
    given_back = project_counts(
        counts_by_year=series,
        to_year=to_year,
        since_year=None,
        exclude_years=(),
        slope=fit.slope,
    )
    assert own is not None and given_back is not None
    assert given_back.expected == pytest.approx(own.expected, rel=1e-9)
    assert given_back.low == pytest.approx(own.low, rel=1e-9)
    assert given_back.high == pytest.approx(own.high, rel=1e-9)


def _series(seed: int) -> dict[int, dict[int, int]]:
    """One big municipality (5,000 a year, -8 % a year) and fifteen of about 70 a year."""
    rng = np.random.default_rng(seed)
    series = {100: {y: round(5000 * math.exp(-0.08 * (y - 2018))) for y in range(2018, 2026)}}
    for code in range(1, 16):
        slope = -0.03 + 0.05 * rng.standard_normal()
        series[code] = {
            y: int(rng.poisson(70 * math.exp(slope * (y - 2018)))) for y in range(2018, 2026)
        }
    return series


def test_a_small_municipality_borrows_strength_and_a_big_one_keeps_its_own() -> None:
    pooling = pool_trends(_series(1))
    assert pooling is not None
    assert pooling.slopes[100].own_weight > 0.9
    assert all(pooling.slopes[code].own_weight < 0.5 for code in range(1, 16))
    assert all(
        pooling.slopes[code].posterior.variance < pooling.slopes[code].own.variance
        for code in range(1, 16)
    )


def test_the_shared_dispersion_is_the_pearson_statistics_over_their_degrees_of_freedom() -> None:
    overdispersed = fit_trend(counts_by_year={2022: 100, 2023: 140, 2024: 90, 2025: 130})
    flat = fit_trend(counts_by_year={2022: 100, 2023: 100, 2024: 100})
    assert overdispersed is not None and flat is not None
    expected = (overdispersed.pearson + 0.0) / (2 + 1)
    assert shared_dispersion({1: overdispersed, 2: flat}) == pytest.approx(max(1.0, expected))
    assert shared_dispersion({2: flat}) == 1.0  # underdispersion is not credited
    pooling = pool_fits({1: overdispersed, 2: flat})
    assert pooling is not None
    assert pooling.dispersion == shared_dispersion({1: overdispersed, 2: flat})
    scaled = overdispersed.slope.variance / overdispersed.dispersion * pooling.dispersion
    assert pooling.slopes[1].own.variance == pytest.approx(scaled)


GOAL = ResolvedGoal(
    baseline=100.0,
    baseline_year=2017,
    target=50.0,
    target_year=2030,
    target_year_is_default=True,
    source_note="",
)


def test_a_small_municipality_gets_a_status_that_says_something() -> None:
    # about 70 a year, its own four years flat within noise: they cannot tell (the interval in
    # 2030 straddles 50); the common trend of -2 % with a small variance says it misses the
    # target, though falling clearly
    counts = {2018: 78, 2019: 75, 2022: 71, 2023: 66, 2024: 73, 2025: 68}
    own = assess_burglaries(counts_by_year=counts, goal=GOAL)
    assert own.status == Status.INSUFFICIENT_EVIDENCE
    common = SlopeEstimate(-0.02, 0.00001)
    pooling = pool_slopes({1: own_slope(counts), **{c: common for c in range(2, 60)}}, tau2=0.0)
    assert pooling is not None
    pooled = assess_burglaries(counts_by_year=counts, goal=GOAL, pooled=pooling.slopes[1])
    assert pooled.status == Status.NEEDS_ACCELERATION
    assert pooled.pooled == pooling.slopes[1]
    assert all(step.annual_change == pooled.band[0].annual_change for step in pooled.band)
    assert burglary_lines(pooled)[-1] == pooling_line(pooling.slopes[1])
    assert pooling_line(pooling.slopes[1]) == (
        "Tendensen er kommunens egen (-0,3 % om året) trukket mod landstendensen "
        "(alle kommuners fælles tendens, -2,0 % om året); den egne vejer 0 %, fordi den er usikker."
    )


def own_slope(counts: dict[int, int]) -> SlopeEstimate:
    fit = fit_trend(counts_by_year=counts)
    assert fit is not None
    return fit.slope


def test_the_floor_from_the_summed_series() -> None:
    # 1,000 a year, flat: Pearson 0, so the floor is the Poisson variance of the slope,
    # 1 / sum(mu x^2) = 1 / (1000 * 2)
    flat = fit_trend(counts_by_year={2022: 1000, 2023: 1000, 2024: 1000})
    assert flat is not None
    assert common_slope_floor(flat) == pytest.approx(1 / 2000)
    # shocks: 1,000, 1,200, 1,000 has Pearson 26.7 on 1 degree of freedom; the variance is
    # scaled by it and by (t_1 / z)^2 = (12.706 / 1.960)^2 = 42.0
    shocked = fit_trend(counts_by_year={2022: 1000, 2023: 1200, 2024: 1000})
    assert shocked is not None
    poisson = shocked.slope.variance / shocked.dispersion
    assert shocked.pearson == pytest.approx(
        2 * (1000 - 3200 / 3) ** 2 / (3200 / 3) + (1200 - 3200 / 3) ** 2 / (3200 / 3)
    )
    assert common_slope_floor(shocked) == pytest.approx(
        poisson * shocked.pearson * (12.7062047 / 1.959963985) ** 2, rel=1e-6
    )
