"""`make bench`: measure, write bench/results.json, compare with bench/baseline.json (not part of make test).

On a full-size dataset (bench.dataset): the real server measured by a browserless client
(bench.live, bench.client): per page its script runs, server CPU, bytes and latency per view
against the floor app (bench.floor), cold start, `make run`, the load curve and peak memory, and
the Ændringslog with 100 and 100,000 audit rows; then, as a secondary table, every page's script
run in AppTest (bench.pages); `botrygt status`, the full STRAF11 import and the meeting pack.
BENCH_QUICK=1 runs fewer rounds and levels (development only); BENCH_COMPARE=1 also prints
every figure against bench/baseline.json.
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
SATURATION_BUDGET = 5.0  # views/s per process without think time
MAKE_RUN_BUDGET_MS = 5000
AUDIT_RATIO_BUDGET = 1.5


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
    """Every figure outside the budget (issue 14 and README, "Ydeevne"), in words."""
    misses = []
    if results.get("import_straf11_s", 0) >= IMPORT_BUDGET_S:
        misses.append(f"STRAF11-import {results['import_straf11_s']} s >= {IMPORT_BUDGET_S} s")
    floor = results.get("floor_cpu_ms_per_view") or {}
    for page, ms in (results.get("server_cpu_ms_per_view") or {}).items():
        base = floor.get(page)
        if base and ms > WARM_OVER_FLOOR * base:
            misses.append(
                f"{page}: {ms} CPU-ms pr. visning = {ms / base:.1f} x gulvet ({base} ms) > {WARM_OVER_FLOOR}"
            )
    for page, runs in (results.get("runs_per_view") or {}).items():
        if runs != 1:
            misses.append(f"{page}: {runs} scriptkørsler pr. visning (budget 1)")
    twenty = (results.get("load") or {}).get("20")
    if twenty:
        for page, p95 in twenty["p95_ms"].items():
            if p95 >= CONCURRENT_P95_BUDGET_MS:
                misses.append(
                    f"{page}: p95 ved 20 sessioner med {twenty['think_s']:.0f} s betænkningstid {p95} ms >= {CONCURRENT_P95_BUDGET_MS} ms"
                )
        if twenty["errors"]:
            misses.append(f"20 sessioner: {len(twenty['errors'])} fejl, fx {twenty['errors'][0]}")
    saturation = results.get("saturation_views_per_s")
    if saturation is not None and saturation < SATURATION_BUDGET:
        misses.append(f"mætning {saturation} visninger/s < {SATURATION_BUDGET} pr. proces")
    for key, what in (
        ("cold_login_form_ms", "loginsiden som første side efter start"),
        ("cold_first_page_ms", "første side efter login på en ny server"),
    ):
        cold = results.get(key)
        if cold is not None and cold >= COLD_BUDGET_MS:
            misses.append(f"{what}: {cold} ms >= {COLD_BUDGET_MS} ms")
    make_run = results.get("make_run_ms")
    if make_run is not None and make_run >= MAKE_RUN_BUDGET_MS:
        misses.append(f"make run til den svarer {make_run} ms >= {MAKE_RUN_BUDGET_MS} ms")
    ratio = results.get("aendringslog_cpu_ratio")
    if ratio is not None and ratio > AUDIT_RATIO_BUDGET:
        misses.append(
            f"Ændringslog med 100.000 rækker {ratio} x prisen med 100 > {AUDIT_RATIO_BUDGET}"
        )
    report = results.get("report_pdf_s")
    if report is not None and report >= REPORT_BUDGET_S:
        misses.append(f"mødepakke (PDF) {report} s >= {REPORT_BUDGET_S} s")
    rss = results.get("peak_rss_concurrent_mb") or results.get("peak_rss_mb")
    if rss is not None and rss >= PEAK_RSS_BUDGET_MB:
        misses.append(f"hukommelse efter belastningskurven {rss} MB >= {PEAK_RSS_BUDGET_MB} MB")
    return misses


def quick() -> bool:
    """BENCH_QUICK=1: fewer rounds and levels, for development (the baseline is never quick)."""
    return os.environ.get("BENCH_QUICK", "") not in ("", "0")


def live_figures(database_url: str, folder: Path) -> dict[str, Any]:
    """The server itself (bench.live): per page against the floor, cold start, the load curve,
    peak memory, and the Ændringslog with few and many audit rows."""
    from bench import floor, live

    labels = live.session_labels()
    rounds = 1 if quick() else live.ROUNDS
    levels = [1, 5, 20] if quick() else live.LEVELS
    level_s, no_think_s = (20.0, 15.0) if quick() else (live.LEVEL_S, live.NO_THINK_S)
    figures: dict[str, Any] = {}
    recording = folder / "floor.pkl"
    counts = floor.write_recording(database_url, recording)
    print(f"Gulv optaget fra siderne (kald pr. side): {counts}")
    floor_env = {"BENCH_FLOOR_DATA": str(recording)}
    with live.running_server(database_url, script=str(floor.FLOOR_APP), extra_env=floor_env) as s:
        floor_pages = live.per_page(s, labels, floor=True, rounds=rounds)
    figures |= live.cold_first_page(database_url)
    print(f"Kold: {figures}")
    figures["make_run_ms"] = live.make_run_ms(database_url)
    print(f"make run til den svarer: {figures['make_run_ms']} ms")
    with live.running_server(database_url) as server:
        ours = live.per_page(server, labels, rounds=rounds)
        figures["peak_rss_mb"] = live.peak_rss_mb(server.pid)
        before = server.cpu()
        started = time.perf_counter()
        curve = live.load_curve(
            server.base_url,
            labels,
            levels=levels,
            level_s=level_s,
            no_think_s=no_think_s,
            pid=server.pid,
        )
        curve_cpu, curve_wall = server.cpu() - before, time.perf_counter() - started
        figures["peak_rss_concurrent_mb"] = live.peak_rss_mb(server.pid)
    keys = [k for k in labels if k in ours]
    figures["server_cpu_ms_per_view"] = {k: round(ours[k]["cpu"]) for k in keys}
    figures["floor_cpu_ms_per_view"] = {
        k: round(floor_pages[k]["cpu"]) for k in keys if k in floor_pages
    }
    figures["runs_per_view"] = {k: ours[k]["runs"] for k in keys}
    figures["bytes_per_view"] = {k: round(ours[k]["bytes"]) for k in keys}
    figures["latency_ms_per_view"] = {k: round(ours[k]["ms"]) for k in keys}
    figures["floor_latency_ms_per_view"] = {k: round(floor_pages[k]["ms"]) for k in floor_pages}
    figures["floor_bytes_per_view"] = {k: round(floor_pages[k]["bytes"]) for k in floor_pages}
    figures |= curve
    twenty = curve["load"].get("20") or curve["load"][str(max(levels))]
    figures["concurrent_p95_ms"] = twenty["p95_ms"]
    figures["concurrent_median_ms"] = twenty["p50_ms"]
    figures["concurrent_samples"] = twenty["views"]
    figures["concurrent_server_cpu_share"] = round(curve_cpu / curve_wall, 2)
    figures["concurrent_errors"] = twenty["errors"]
    figures["saturation_views_per_s"] = max(
        v["views_per_s"] for v in curve["load_no_think"].values()
    )
    path = Path(database_url.removeprefix("sqlite:///"))
    audit = live.aendringslog_ratio(path, labels, many=ours.get("aendringslog"))
    figures |= audit
    return figures


def print_tables(results: dict[str, Any]) -> None:
    """The server's figures per page, the load curve, and AppTest's as a secondary table."""
    cpu, floor = results.get("server_cpu_ms_per_view", {}), results.get("floor_cpu_ms_per_view", {})
    print("\nServeren pr. visning (CPU-ms, gulv, forhold, kørsler, bytes, ms):")
    for page, ms in cpu.items():
        base = floor.get(page) or 0
        ratio = f"{ms / base:.2f}" if base else "-"
        print(
            f"  {page:15} {ms:6} {base:6} {ratio:>6} {results['runs_per_view'][page]:3} "
            f"{results['bytes_per_view'][page]:10} {results['latency_ms_per_view'][page]:6}"
        )
    for name in ("load", "load_no_think"):
        for n, level in (results.get(name) or {}).items():
            worst = max(level["p95_ms"].values(), default=0)
            print(
                f"  {name} {n:>3} sessioner: {level['views_per_s']:5} visninger/s, "
                f"værste p95 {worst} ms, fejl {len(level['errors'])}"
            )
    print("\nAppTest (sekundært: uden server, uden websocket og uden Streamlits efterarbejde):")
    for page, figures in (results.get("pages") or {}).items():
        print(
            f"  {page:15} varm {figures['warm_ms']:7} kold {figures['cold_ms']:7} gulv {figures['floor_ms']:7}"
        )


def main() -> int:
    """Build the full dataset, run the benchmarks, write and compare the results."""
    from bench.dataset import build_full_dataset
    from bench.pages import page_figures

    started_all = time.perf_counter()
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
        results["pages"] = page_figures(url, runs=2 if quick() else 5)
        print("Sider (AppTest) målt")
        results |= status_figures(url)
        results["report_pdf_s"] = round(report_pdf_seconds(), 3)  # budget 5 s
        print(f"Mødepakke (PDF): {results['report_pdf_s']:.2f} s")
        print("Serveren (streamlit run serve.py, bench.client) ...")
        results |= live_figures(url, Path(folder))
    results["bench_minutes"] = round((time.perf_counter() - started_all) / 60, 1)
    results["bench_quick"] = quick()
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    baseline_path = HERE / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    print_tables(results)
    if os.environ.get("BENCH_COMPARE"):
        for line in compare(results, baseline):
            print("  " + line)
    misses = budget_misses(results)
    print("Budget holder." if not misses else "Uden for budget:\n  " + "\n  ".join(misses))
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
