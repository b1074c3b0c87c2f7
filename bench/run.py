"""`make bench`: measure, write bench/results.json, compare with bench/baseline.json (not part of make test).

On a full-size dataset (bench.dataset): every page's script run warm, cold and against its floor
(bench.pages), `botrygt status`, the full STRAF11 import, a real server's peak memory and 20
concurrent browser sessions (bench.server). Each figure is the median of several runs.
"""

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dataio.db.engine import make_engine
from dataio.files.statistikbanken.importer import import_dst
from dataio.seed.init import initialise
from dataio.seed.reference import read_reference
from models.periods import latest_full_quarter, quarter_range
from models.permissions import Actor, Role

HERE = Path(__file__).resolve().parent
RUNS = 3
OFFENCES = [
    "TOT",
    "1",
    "11",
    "12",
    "13",
    "1320",
    *[str(1400 + i) for i in range(66)],
]  # 72 levels, as many as STRAF11 has
STATUS_MUNICIPALITY = 183

# The budget (README, "Ydeevne")
IMPORT_BUDGET_S = 10.0
REPORT_BUDGET_S = 5.0  # the report issue: a municipality's PDF under 5 s
WARM_OVER_FLOOR = 1.5
COLD_BUDGET_MS = 2000
CONCURRENT_P95_BUDGET_MS = 1000
PEAK_RSS_BUDGET_MB = 600


def full_straf11() -> bytes:
    """A STRAF11 export the size of the real one: 106 areas, 2007K1 to the latest quarter, 72 offence codes."""
    codes = [f"{c:03d}" for c in read_reference("municipalities.csv")["code"]]
    areas = ["000", "081", "082", "083", "084", "085", *codes, "998"][:106]
    periods = quarter_range(first="2007K1", last=latest_full_quarter(date.today()))
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"]
    lines += [
        f"{a};{o};{p};{(hash((a, o, p)) % 90) + 1}"
        for a in areas
        for o in OFFENCES
        for p in periods
    ]
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    """The median wall time of several runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_straf11_seconds(data: bytes) -> float:
    """Median time to import the full file into a fresh embedded database (schema and reference in place)."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        initialise(engine, demo=True)
        actor = Actor("bench", Role.ADMIN)
        seconds = median_seconds(
            lambda: import_dst(engine, actor=actor, data=data, file_name="straf11-full.csv")
        )
        engine.dispose()
    return seconds


def status_figures(database_url: str, runs: int = 5) -> dict[str, Any]:
    """`botrygt status --json` for a municipality and nationally: the command's own work (in this
    process, median of `runs`) and once as a new process (Python and its imports included)."""
    from cli import main as cli

    os.environ["DATABASE_URL"] = database_url
    scopes = {
        "municipality": ["status", "--municipality", str(STATUS_MUNICIPALITY), "--json"],
        "national": ["status", "--national", "--json"],
    }
    by_scope = {}
    for scope, argv in scopes.items():

        def run(argv: list[str] = argv) -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                if cli(argv) != 0:
                    raise RuntimeError(f"botrygt {' '.join(argv)} failed")

        run()  # first use: the engine and the imports
        by_scope[scope] = round(median_seconds(run, runs) * 1000, 1)
    command = [str(Path(sys.executable).parent / "botrygt"), *scopes["national"]]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=os.environ.copy())
    process_ms = round((time.perf_counter() - start) * 1000)
    return {
        "status_ms": max(by_scope.values()),
        "status_ms_by_scope": by_scope,
        "status_process_ms": process_ms,
    }


def flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """Nested figures as 'pages.forside.warm_ms' -> number (lists and texts left out)."""
    flat: dict[str, float] = {}
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= flatten(value, f"{name}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            flat[name] = float(value)
    return flat


def report_pdf_seconds() -> float:
    """Median time to make a municipality's meeting-pack PDF (report content included) with all
    years of demo data, a 60-item action plan and 20 safety walks (the report issue: under 5 s)."""
    from dataio.meeting_pack.content import municipality_report
    from dataio.meeting_pack.pdf import report_pdf
    from dataio.store.action_plans import ItemEdit, create_plan, save_changes, template
    from dataio.store.walks import NewObservation, add_walk

    today, code, actor = date.today(), 101, Actor("bench", Role.ADMIN)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/report.sqlite")
        initialise(engine, demo=True)
        rows = list(range(len(template())))
        create_plan(engine, actor=actor, municipality_code=code, template_rows=rows)
        extra = [
            ItemEdit(
                None,
                None,
                {
                    "track": "Spor 1",
                    "title": f"Aktivitet {n}",
                    "status": "i gang",
                    "due_date": today + timedelta(days=n - 20),
                },
            )
            for n in range(60 - len(rows))
        ]
        save_changes(engine, actor=actor, municipality_code=code, edits=extra)
        for n in range(20):
            observations = [NewObservation(f"Observation {n}.{k}", "Kommunen") for k in range(3)]
            add_walk(
                engine,
                actor=actor,
                municipality_code=code,
                area=f"Område {n}",
                walk_date=today - timedelta(days=7 * n),
                observations=observations,
            )
        seconds = median_seconds(
            lambda: report_pdf(municipality_report(engine, viewer=actor, code=code, today=today))
        )
        engine.dispose()
    return seconds


def compare(results: dict, baseline: dict) -> list[str]:
    """One line per figure: now, baseline, change."""
    now, before = flatten(results), flatten(baseline)
    lines = []
    for key, value in now.items():
        if key not in before:
            lines.append(f"{key}: {value:.3f} (ny)")
            continue
        change = (value - before[key]) / before[key] * 100 if before[key] else 0.0
        lines.append(f"{key}: {value:.3f} (baseline {before[key]:.3f}, {change:+.1f} %)")
    return lines


def budget_misses(results: dict[str, Any]) -> list[str]:
    """Every figure outside the budget, in words."""
    misses = []
    if results.get("import_straf11_s", 0) >= IMPORT_BUDGET_S:
        misses.append(f"STRAF11-import {results['import_straf11_s']} s >= {IMPORT_BUDGET_S} s")
    for page, figures in (results.get("pages") or {}).items():
        if figures["ratio"] > WARM_OVER_FLOOR:
            misses.append(f"{page}: varm {figures['ratio']} x gulvet > {WARM_OVER_FLOOR}")
        if figures["cold_ms"] >= COLD_BUDGET_MS:
            misses.append(f"{page}: kold {figures['cold_ms']} ms >= {COLD_BUDGET_MS} ms")
    for page, p95 in (results.get("concurrent_p95_ms") or {}).items():
        if p95 >= CONCURRENT_P95_BUDGET_MS:
            misses.append(f"{page}: p95 ved 20 samtidige {p95} ms >= {CONCURRENT_P95_BUDGET_MS} ms")
    report = results.get("report_pdf_s")
    if report is not None and report >= REPORT_BUDGET_S:
        misses.append(f"mødepakke (PDF) {report} s >= {REPORT_BUDGET_S} s")
    rss = results.get("peak_rss_mb")
    if rss is not None and rss >= PEAK_RSS_BUDGET_MB:
        misses.append(f"hukommelse {rss} MB >= {PEAK_RSS_BUDGET_MB} MB")
    return misses


def main() -> int:
    """Build the full dataset, run the benchmarks, write and compare the results."""
    from bench.dataset import build_full_dataset
    from bench.pages import page_figures
    from bench.server import server_figures

    data = full_straf11()
    results: dict[str, Any] = {
        "import_straf11_s": round(import_straf11_seconds(data), 3),
        "import_straf11_rows": data.count(b"\n") - 1,
    }
    print(f"Fuld STRAF11-import: {results['import_straf11_s']:.2f} s (median af {RUNS})")
    with tempfile.TemporaryDirectory(prefix="botrygt-bench-") as folder:
        url = f"sqlite:///{folder}/full.sqlite"
        started = time.perf_counter()
        results["dataset"] = build_full_dataset(url, straf11=data)
        print(
            f"Fuldt datasæt bygget på {time.perf_counter() - started:.0f} s: {results['dataset']}"
        )
        results["pages"] = page_figures(url)
        print("Sider (AppTest) målt")
        results |= status_figures(url)
        results["report_pdf_s"] = round(report_pdf_seconds(), 3)  # budget 5 s
        print(f"Mødepakke (PDF): {results['report_pdf_s']:.2f} s")
        print("Server i Chromium (hukommelse, 20 samtidige sessioner) ...")
        results |= server_figures(url)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    baseline_path = HERE / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    for line in compare(results, baseline):
        print("  " + line)
    misses = budget_misses(results)
    print("Budget holder." if not misses else "Uden for budget:\n  " + "\n  ".join(misses))
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
