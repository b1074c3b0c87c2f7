"""`make bench`: measure, write bench/results.json, compare with bench/baseline.json (not part of make test).

Today it measures the full STRAF11 import (the data issue's budget: under 10 s on this machine
class); the scaling issue adds the page, status, memory and concurrency figures to the same file.
"""

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from dataio.db import make_engine
from dataio.dst_import import import_dst
from dataio.reference import read_reference
from dataio.setup import initialise
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


def full_straf11() -> bytes:
    """A STRAF11 export the size of the real one: 106 areas, 2007K1 to the latest quarter, 40 offence codes."""
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


def import_straf11_seconds() -> tuple[float, int]:
    """Median time to import the full file into a fresh embedded database (schema and reference in place)."""
    data = full_straf11()
    rows = data.count(b"\n") - 1
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite")
        initialise(engine, demo=True)
        actor = Actor("bench", Role.ADMIN)
        seconds = median_seconds(
            lambda: import_dst(engine, actor=actor, data=data, file_name="straf11-full.csv")
        )
        engine.dispose()
    return seconds, rows


def report_pdf_seconds() -> float:
    """Median time to make a municipality's meeting-pack PDF (report content included) with all
    years of demo data, a 60-item action plan and 20 safety walks (the report issue: under 5 s)."""
    from dataio.actionplan import ItemEdit, create_plan, save_changes, template
    from dataio.report import municipality_report
    from dataio.report_pdf import report_pdf
    from dataio.walks import NewObservation, add_walk

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
    lines = []
    for key, value in results.items():
        if not isinstance(value, int | float) or key not in baseline:
            continue
        before = baseline[key]
        change = (value - before) / before * 100 if before else 0.0
        lines.append(f"{key}: {value:.3f} (baseline {before:.3f}, {change:+.1f} %)")
    return lines


def main() -> int:
    """Run the benchmarks and report."""
    seconds, rows = import_straf11_seconds()
    results = {"import_straf11_s": round(seconds, 3), "import_straf11_rows": rows}
    results["report_pdf_s"] = round(report_pdf_seconds(), 3)  # budget 5 s
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    baseline_path = HERE / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    print(
        f"Fuld STRAF11-import ({rows:,} rækker): {seconds:.2f} s (median af {RUNS}); budget 10 s".replace(
            ",", "."
        )
    )
    for line in compare(results, baseline):
        print("  " + line)
    return 0 if seconds < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
