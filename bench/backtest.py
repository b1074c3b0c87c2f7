"""`make backtest`: rolling-origin backtest of the burglary status, own trend against pooled.

Writes bench/backtest.json and prints the table README.md's "Backtest af status" shows.
(a) Simulated municipalities with known truth, in several scenarios; (b) the demo data of
`botrygt init --demo-if-empty`, built in a temporary SQLite file for a fixed date.
BACKTEST_QUICK=1 runs few seeds (a smoke test, not figures to quote).
"""

import json
import math
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np

from dataio.db.engine import make_engine
from dataio.seed.init import initialise
from dataio.store.areas import municipality_table
from dataio.store.burglaries import annual_by_municipality
from dataio.store.comparison import municipality_statuses
from models.backtest import (
    METHODS,
    Assessed,
    Forecast,
    Panel,
    Settings,
    coverage,
    forecasts_from,
    simulate_panel,
    status_summary,
    statuses_from,
)
from models.pooling import between_variance, pool_trends

OUT = Path(__file__).resolve().parent / "backtest.json"
DEMO_DAY = date(2026, 12, 7)  # the demo data's last complete year is then 2025
SIM_YEARS = list(range(2010, 2025))
SIM_ORIGINS = list(range(2014, 2022))  # fit on the five years up to the origin, forecast 1-3
HORIZONS = 3
SIM_SETTINGS = Settings(since_year=None, exclude_years=())  # no series break in simulated data
TARGET_AFTER = 6  # simulated goals: 0-40 % below the true level at the origin, six years on
TARGET_FALL = (0.0, 0.40)


@dataclass(frozen=True)
class Scenario:
    """One simulated world: the national slope, the spread of slopes and the noise."""

    name: str
    slope_sd: float
    national_slope: float = -0.04
    dispersion: float = 1.0
    year_shock_sd: float = 0.0


SCENARIOS = [
    Scenario("samme tendens overalt (tau = 0)", 0.0),
    Scenario("tau = 0,02 (som demodata)", 0.02),
    Scenario("tau = 0,04", 0.04),
    Scenario("tau = 0,02, overspredning 2", 0.02, dispersion=2.0),
    Scenario("tau = 0,02, fælles årsstød 5 %", 0.02, year_shock_sd=0.05),
]


def _simulate(scenario: Scenario, seeds: int) -> dict:
    forecasts: list[Forecast] = []
    assessed: list[Assessed] = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        sizes = np.exp(rng.normal(math.log(100), 0.9, 98))  # median 100 a year, like the demo
        panel = simulate_panel(
            rng=rng,
            sizes=sizes,
            years=SIM_YEARS,
            national_slope=scenario.national_slope,
            slope_sd=scenario.slope_sd,
            dispersion=scenario.dispersion,
            year_shock_sd=scenario.year_shock_sd,
        )
        assert panel.truth is not None
        for origin in SIM_ORIGINS:
            forecasts += forecasts_from(
                panel, origin=origin, horizons=HORIZONS, settings=SIM_SETTINGS
            )
            falls = rng.uniform(*TARGET_FALL, size=len(panel.truth))
            targets = {
                c: (1 - fall) * t[origin]
                for (c, t), fall in zip(sorted(panel.truth.items()), falls, strict=True)
            }
            assessed += statuses_from(
                panel,
                origin=origin,
                targets=targets,
                target_year=origin + TARGET_AFTER,
                settings=SIM_SETTINGS,
            )
    return {
        "scenario": asdict(scenario),
        "seeds": seeds,
        "methods": {
            m: coverage(forecasts, method=m) | status_summary(assessed, method=m) for m in METHODS
        },
        "by_horizon": {
            m: {
                h: coverage([f for f in forecasts if f.year - f.origin == h], method=m)
                for h in range(1, HORIZONS + 1)
            }
            for m in METHODS
        },
    }


def _demo_panel() -> tuple[Panel, dict]:
    """The demo data in a temporary database; the snapshot statuses before and after."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/backtest.sqlite")
        initialise(engine, demo=True, today=DEMO_DAY)
        areas = municipality_table(engine)
        codes = set(areas.loc[areas["is_municipality"].astype(bool), "code"].astype(int))
        annual = annual_by_municipality(engine)
        annual = annual[(annual["quarters"] == 4) & annual["code"].isin(codes)]
        counts = {
            int(code): dict(zip(rows["year"].astype(int), rows["count"].astype(int), strict=True))
            for code, rows in annual.groupby("code")
        }
        snapshot = {
            "own": municipality_statuses(engine, pool=False)["status"].value_counts().to_dict(),
            "pooled": municipality_statuses(engine)["status"].value_counts().to_dict(),
        }
        engine.dispose()
    pooling = pool_trends(counts)
    assert pooling is not None
    snapshot["common_slope"] = pooling.mean.slope
    snapshot["between_sd_posterior"] = math.sqrt(pooling.between_variance)
    snapshot["between_sd_dersimonian_laird"] = math.sqrt(
        between_variance({c: s.own for c, s in pooling.slopes.items()})
    )
    snapshot["dispersion"] = pooling.dispersion
    snapshot["municipalities"] = len(counts)
    return Panel(counts=counts), snapshot


def _demo(panel: Panel) -> dict:
    """Rolling origins on the demo data with the app's own rules (since 2018, without 2020-21)."""
    last = max(max(c) for c in panel.counts.values())
    forecasts: list[Forecast] = []
    assessed: list[Assessed] = []
    per_origin = {}
    # the national goal carried over to each municipality: 10,000 of 29,000 (2017) by 2030
    targets = {c: counts[2017] * 10_000 / 29_000 for c, counts in panel.counts.items()}
    for origin in range(2020, last):
        batch = forecasts_from(panel, origin=origin, horizons=HORIZONS)
        forecasts += batch
        assessed += statuses_from(panel, origin=origin, targets=targets, target_year=2030)
        per_origin[origin] = {m: coverage(batch, method=m) for m in METHODS}
    return {
        "methods": {
            m: coverage(forecasts, method=m) | status_summary(assessed, method=m) for m in METHODS
        },
        "per_origin": per_origin,
    }


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def _ratio(log_width: float | None) -> str:
    """The median interval's high/low as a factor: 0.65 on the log scale -> '1,92'."""
    return "–" if log_width is None else f"{math.exp(log_width):.2f}".replace(".", ",")


def _table(results: dict) -> str:
    lines = [
        "| Data | Metode | Dækning, niveau | Dækning, antal | Interval, høj/lav | "
        "Utilstrækkeligt grundlag | Sikker status, men forkert (af alle) |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {"own": "egen tendens (før)", "pooled": "trukket mod landstendens (efter)"}
    for item in results["simulated"]:
        for m in METHODS:
            r = item["methods"][m]
            lines.append(
                f"| Simuleret: {item['scenario']['name']} | {names[m]} | "
                f"{_pct(r['level_coverage'])} | {_pct(r['count_coverage'])} | "
                f"{_ratio(r['median_log_width'])} | "
                f"{_pct(r['insufficient_evidence'])} | {_pct(r.get('wrong_of_all'))} |"
            )
    for m in METHODS:
        r = results["demo"]["methods"][m]
        lines.append(
            f"| Demodata, rullende 2020-{results['demo_last_origin']} | {names[m]} | – | "
            f"{_pct(r['count_coverage'])} | {_ratio(r['median_log_width'])} | "
            f"{_pct(r['insufficient_evidence'])} | – |"
        )
    return "\n".join(lines)


def print_table() -> None:
    """The README table from the last bench/backtest.json (python -c ... print_table())."""
    print(_table(json.loads(OUT.read_text())))


def main() -> None:
    quick = os.environ.get("BACKTEST_QUICK") == "1"
    seeds = 3 if quick else 40
    started = time.perf_counter()
    simulated = [_simulate(s, seeds) for s in SCENARIOS]
    panel, snapshot = _demo_panel()
    demo = _demo(panel)
    results = {
        "note": "bench/backtest.py; README 'Backtest af status', docs/pooling.md",
        "quick": quick,
        "simulated": simulated,
        "demo": demo,
        "demo_last_origin": max(int(o) for o in demo["per_origin"]),
        "demo_snapshot": snapshot,
        "seconds": round(time.perf_counter() - started, 1),
    }
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print(_table(results))
    print("Demodata nu (antal kommuner pr. status):", json.dumps(snapshot, ensure_ascii=False))
    print(f"{OUT} ({results['seconds']} s)")


if __name__ == "__main__":
    main()
