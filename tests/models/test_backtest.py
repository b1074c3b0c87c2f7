"""The backtest's machinery on a small run (the figures themselves: `make backtest`)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from models.backtest import (
    Assessed,
    Forecast,
    Panel,
    Settings,
    count_interval,
    coverage,
    forecasts_from,
    simulate_panel,
    status_summary,
    statuses_from,
)
from models.domain import Status
from models.trends import Projection

PLAIN = Settings(since_year=None, exclude_years=())
Z = 1.959963985


def projection(expected: float, log_se: float) -> Projection:
    return Projection(
        to_year=2030,
        expected=expected,
        low=expected * math.exp(-Z * log_se),
        high=expected * math.exp(Z * log_se),
        annual_change=0.0,
        annual_change_low=0.0,
        annual_change_high=0.0,
        years_used=(2022, 2023, 2024),
    )


@pytest.mark.parametrize("mean", [0.5, 7.0, 70.0, 1500.0])
def test_a_sure_level_gives_the_poisson_interval(mean: float) -> None:
    low, high = count_interval(projection(mean, 0.0), dispersion=1.0)
    assert (low, high) == (stats.poisson.ppf(0.025, mean), stats.poisson.ppf(0.975, mean))


@settings(max_examples=50)
@given(
    mean=st.floats(min_value=0.5, max_value=5000),
    log_se=st.floats(min_value=0.01, max_value=1.0),
    dispersion=st.floats(min_value=1.0, max_value=5.0),
)
def test_an_unsure_level_gives_the_negative_binomial_of_the_same_mean_and_variance(
    mean: float, log_se: float, dispersion: float
) -> None:
    low, high = count_interval(projection(mean, log_se), dispersion=dispersion)
    centre = mean * math.exp(log_se**2 / 2)
    variance = dispersion * centre + centre**2 * math.expm1(log_se**2)
    size = centre**2 / (variance - centre)
    p = size / (size + centre)
    assert (low, high) == (stats.nbinom.ppf(0.025, size, p), stats.nbinom.ppf(0.975, size, p))
    assert low <= round(mean) <= high or mean < 1


def _panel(seed: int, slope_sd: float = 0.03) -> Panel:
    rng = np.random.default_rng(seed)
    return simulate_panel(
        rng=rng,
        sizes=np.array([20.0, 80.0, 300.0, 3000.0] * 5),
        years=list(range(2010, 2021)),
        national_slope=-0.04,
        slope_sd=slope_sd,
    )


def test_the_simulated_panel_is_what_was_asked_for() -> None:
    panel = _panel(1)
    assert panel.truth is not None
    assert sorted(panel.counts) == list(range(1, 21))
    assert all(sorted(c) == list(range(2010, 2021)) for c in panel.counts.values())
    assert panel.truth[4][2010] == pytest.approx(3000.0)
    assert panel.truth[4][2020] == pytest.approx(
        3000.0 * math.exp(10 * (math.log(panel.truth[4][2011] / 3000.0)))
    )
    same = _panel(1, slope_sd=0.0)
    assert same.truth is not None
    assert same.truth[1][2020] / same.truth[1][2010] == pytest.approx(math.exp(-0.4))


def test_forecasts_from_one_origin() -> None:
    panel = _panel(2)
    rows = forecasts_from(panel, origin=2016, horizons=3, settings=PLAIN)
    assert len(rows) == 2 * 20 * 3  # two methods, twenty municipalities, three years
    assert {r.year for r in rows} == {2017, 2018, 2019}
    for row in rows:
        assert row.low <= row.expected <= row.high
        assert row.count_low <= row.count_high
        assert row.observed == panel.counts[row.code][row.year]
    own = {(r.code, r.year): r for r in rows if r.method == "own"}
    pooled = {(r.code, r.year): r for r in rows if r.method == "pooled"}
    # the small municipalities' intervals narrow most (they borrow the most)
    assert pooled[(1, 2019)].high / pooled[(1, 2019)].low < own[(1, 2019)].high / own[(1, 2019)].low


def test_the_pooled_intervals_hold_the_truth_about_as_often_as_they_claim() -> None:
    # a small run (the full one is make backtest): 8 panels x 4 origins x 20 x 3 forecasts
    rows: list[Forecast] = []
    for seed in range(8):
        panel = _panel(seed)
        for origin in (2014, 2015, 2016, 2017):
            rows += forecasts_from(panel, origin=origin, horizons=3, settings=PLAIN)
    for method in ("own", "pooled"):
        summary = coverage(rows, method=method)
        assert summary["forecasts"] == 8 * 4 * 20 * 3
        assert 0.88 <= summary["level_coverage"] <= 1.0  # type: ignore[operator]
        assert 0.88 <= summary["count_coverage"] <= 1.0  # type: ignore[operator]


def test_statuses_from_one_origin_against_the_truth() -> None:
    panel = _panel(3)
    assert panel.truth is not None
    targets = {code: 0.3 * truth[2016] for code, truth in panel.truth.items()}  # far: all miss
    rows = statuses_from(panel, origin=2016, targets=targets, target_year=2020, settings=PLAIN)
    assert len(rows) == 40
    assert all(r.truly_reached is False for r in rows)
    summary = status_summary(rows, method="pooled")
    assert summary["assessments"] == 20
    assert summary["on_track"] == 0.0  # nobody is told a far target is within reach
    assert summary["wrong_of_all"] == 0.0


def test_the_summaries_count_by_hand() -> None:
    def forecast(method: str, low: float, high: float, truth: float, observed: int) -> Forecast:
        return Forecast(method, 1, 2020, 2021, 10.0, low, high, 5, 15, observed, truth)

    rows = [
        forecast("own", 5, 15, 10, 10),  # both held
        forecast("own", 5, 15, 20, 20),  # neither held
        forecast("own", 5, 15, 14, 16),  # the level held, the count not
        forecast("pooled", 5, 15, 10, 10),
    ]
    summary = coverage(rows, method="own")
    assert summary["forecasts"] == 3
    assert summary["level_coverage"] == pytest.approx(2 / 3)
    assert summary["count_coverage"] == pytest.approx(1 / 3)
    assessed = [
        Assessed("own", 1, 2020, Status.ON_TRACK, True),  # right
        Assessed("own", 2, 2020, Status.ON_TRACK, False),  # wrong and certain
        Assessed("own", 3, 2020, Status.OFF_TRACK, False),  # right
        Assessed("own", 4, 2020, Status.INSUFFICIENT_EVIDENCE, True),  # not certain
    ]
    summary = status_summary(assessed, method="own")
    assert summary["insufficient_evidence"] == 0.25 and summary["on_track"] == 0.5
    assert summary["wrong_when_certain"] == pytest.approx(1 / 3)
    assert summary["wrong_of_all"] == 0.25
