"""The server measured as it runs: `streamlit run serve.py`, driven by bench.client.

- per page (one session, the administrator on Ishøj): script runs, bytes, server CPU and latency
  per view, the median over several rounds through the menu; the same for the floor app;
- cold: the first page after the server started, and `make run` on an existing database until
  /_stcore/health answers;
- the load curve: n sessions (project leaders, each on its own municipality) clicking through
  their menus with a think time between views, and once without; views/s and p50/p95 per page;
- peak memory of the server after the curve.

Server CPU is the utime+stime of the streamlit process and its children (/proc/<pid>/stat), read
before the click and after the view's last run, minus the server's idle rate over the same time.
"""

import asyncio
import ctypes
import ctypes.util
import math
import os
import random
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.client import ClientError, StreamlitSession, logged_in
from bench.dataset import SESSION_PASSWORD, session_usernames
from tests.support.appserver import (
    AppServerError,
    http_get,
    log_tail,
    stop_process_group,
    venv_script,
)
from tests.support.postgres import free_port

REPO = Path(__file__).resolve().parents[1]
LOGS = REPO / "test-artifacts"
ADMIN = ("admin", "demo-admin-1234")
MUNICIPALITY_QUERY = "kommune=183"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
LEVELS = [1, 5, 10, 20, 50]
THINK_S = 5.0
LEVEL_S = 60.0  # each level of the curve with think time lasts this long
NO_THINK_S = 30.0
LOGIN_PARALLEL = 4


def process_tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                queue += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return tree


class _Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def process_cpu_clock(pid: int) -> float | None:
    """A process's CPU time in nanosecond resolution (clock_getcpuclockid: every thread, those that
    have ended included, as Streamlit's script threads have), or None where the clock is refused."""
    clock = ctypes.c_int()
    if _LIBC.clock_getcpuclockid(pid, ctypes.byref(clock)) != 0:
        return None
    now = _Timespec()
    if _LIBC.clock_gettime(clock, ctypes.byref(now)) != 0:
        return None
    return now.tv_sec + now.tv_nsec / 1e9


def _ticks_seconds(pid: int) -> float:
    """User and system CPU time from /proc/<pid>/stat, in 10 ms ticks (the fallback)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time a process tree has used so far: the process CPU clock of each member (ns), or
    /proc/<pid>/stat's 10 ms ticks where that clock is not to be had. With ticks a 15 ms view
    reads as 10 or 20 ms, and a floor of a few ms as 0 or 10: too coarse for a ratio."""
    total = 0.0
    for member in process_tree(pid):
        try:
            precise = process_cpu_clock(member)
            total += precise if precise is not None else _ticks_seconds(member)
        except OSError:
            continue
    return total


def peak_rss_mb(pid: int) -> float:
    """The summed peak resident memory (VmHWM) of a process tree, in MB."""
    total_kb = 0
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        total_kb += int(match.group(1)) if match else 0
    return round(total_kb / 1024, 1)


@dataclass
class Server:
    """A running streamlit server."""

    base_url: str
    pid: int
    started_s: float  # from the start of the process until /_stcore/health answered

    def cpu(self) -> float:
        return cpu_seconds(self.pid)


def server_env(database_url: str, port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of `make run`: demo mode, plain-http cookie, the given database and port.

    Unlike the browser tests, the file watcher is left as the configuration has it (production)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env |= {
        "DATABASE_URL": database_url,
        "BOTRYGT_DEMO": "1",
        "BOTRYGT_COOKIE_SECURE": "0",
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_HEADLESS": "true",
    }
    return env | (extra or {})


@contextmanager
def running_server(
    database_url: str,
    *,
    script: str = "serve.py",
    port: int | None = None,
    extra_env: dict[str, str] | None = None,
    command: list[str] | None = None,
    timeout: float = 120.0,
) -> Iterator[Server]:
    """`streamlit run <script>` from the repository root (or `command`), until it is healthy."""
    LOGS.mkdir(exist_ok=True)
    port = port or free_port()
    log_path = LOGS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}-{port}.log"
    env = server_env(database_url, port, extra_env)
    command = command or [str(venv_script("streamlit")), "run", script]
    with log_path.open("ab") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=log, start_new_session=True
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            while http_get(f"{base_url}/_stcore/health", timeout=1.0) != "ok":
                if process.poll() is not None or time.perf_counter() - started > timeout:
                    raise AppServerError(f"{command} did not serve" + log_tail(log_path))
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
            yield Server(base_url, _streamlit_pid(process.pid), elapsed)
        finally:
            stop_process_group(process)


def _streamlit_pid(leader: int) -> int:
    """The streamlit process itself (under `make run` it is a child of make and bash)."""
    for pid in process_tree(leader):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part.endswith(b"streamlit") for part in command[:2]):
            return pid
    return leader


QUIET_RATE = 0.05  # CPU-s per s: below this the server is no longer warming up


def settle(server: Server, *, timeout: float = 60.0) -> None:
    """Wait until the server is quiet: the warm-up imports run in a thread after start (ui.web),
    and an idle rate measured while they run would be subtracted from every view."""
    deadline = time.perf_counter() + timeout
    quiet = 0
    while quiet < 2 and time.perf_counter() < deadline:
        before = server.cpu()
        time.sleep(0.5)
        quiet = quiet + 1 if (server.cpu() - before) / 0.5 < QUIET_RATE else 0


def idle_rate(server: Server, seconds: float = 3.0) -> float:
    """The server's CPU-seconds per second while nobody clicks (once it has settled)."""
    settle(server)
    before = server.cpu()
    time.sleep(seconds)
    return (server.cpu() - before) / seconds


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p95 of 40 samples is the 38th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# --- one session, page by page ------------------------------------------------------------


async def _page_views(
    server: Server,
    tab: StreamlitSession,
    labels: dict[str, str],
    rounds: int,
    idle: float,
) -> dict[str, dict[str, list[float]]]:
    """Rounds through the menu, each view's runs, bytes, CPU and latency, by page key."""
    keys = {label: key for key, label in labels.items()}
    order = [label for label in tab.menu if label in keys]
    order = order[1:] + order[:1]  # the tab starts on the first page
    figures: dict[str, dict[str, list[float]]] = {}
    for number in range(rounds + 1):  # the first round warms the caches, not counted
        for label in order:
            before, started = server.cpu(), time.perf_counter()
            view = await tab.click(label)
            cpu = server.cpu() - before - idle * (time.perf_counter() - started)
            if view.exceptions:
                raise ClientError(f"{label}: {view.exceptions}")
            if number == 0:
                continue
            page = figures.setdefault(keys[label], {"cpu": [], "runs": [], "bytes": [], "ms": []})
            page["cpu"].append(cpu * 1000)
            page["runs"].append(view.runs)
            page["bytes"].append(view.bytes)
            page["ms"].append(view.latency_ms)
    return figures


def _medians(figures: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, float]]:
    """Medians, but the mean for CPU: where only /proc's 10 ms ticks are to be had, the median of a
    few tick counts of a 15 ms view is 10 or 20, never 15 (the mean is right either way)."""
    return {
        key: {
            name: statistics.mean(values) if name == "cpu" else statistics.median(values)
            for name, values in page.items()
        }
        for key, page in figures.items()
    }


def per_page(
    server: Server, labels: dict[str, str], *, floor: bool = False, rounds: int = ROUNDS
) -> dict[str, dict[str, float]]:
    """The median view of every page, for the administrator (ours) or anyone (the floor)."""
    idle = idle_rate(server)

    async def go() -> dict[str, dict[str, float]]:
        if floor:
            tab = StreamlitSession(server.base_url)
            await tab.open("/")
        else:
            tab = await logged_in(server.base_url, *ADMIN, query=MUNICIPALITY_QUERY)
        try:
            return _medians(await _page_views(server, tab, labels, rounds, idle))
        finally:
            await tab.close()

    return asyncio.run(go())


# --- cold -----------------------------------------------------------------------------------


def cold_first_page(database_url: str) -> dict[str, float]:
    """A fresh server: until it serves, the login form's first draw, the first page after login."""

    async def go(base_url: str) -> tuple[float, float]:
        first = StreamlitSession(base_url)
        form = await first.open("/")
        if not await first.login(*ADMIN):
            raise ClientError("admin could not log in")
        await first.close()
        tab = StreamlitSession(base_url, cookies=first.cookies)
        page = await tab.open("/", query=MUNICIPALITY_QUERY)
        await tab.close()
        return form.latency_ms, page.latency_ms

    with running_server(database_url) as server:
        form_ms, page_ms = asyncio.run(go(server.base_url))
        return {
            "server_start_ms": round(server.started_s * 1000),
            "cold_login_form_ms": round(form_ms),
            "cold_first_page_ms": round(page_ms),
        }


def make_run_ms(database_url: str) -> int:
    """`make run` on an existing database, until /_stcore/health answers (venv installed)."""
    command = ["make", "-s", "run"]
    with running_server(database_url, command=command) as server:
        return round(server.started_s * 1000)


# --- the load curve -------------------------------------------------------------------------


async def _open_tabs(base_url: str, count: int) -> list[StreamlitSession]:
    users = session_usernames()
    tabs: list[StreamlitSession] = []
    gate = asyncio.Semaphore(LOGIN_PARALLEL)

    async def one(n: int) -> StreamlitSession:
        async with gate:
            return await logged_in(base_url, users[n % len(users)], SESSION_PASSWORD)

    tabs = list(await asyncio.gather(*(one(n) for n in range(count))))
    return tabs


_POSITIONS: dict[int, int] = {}  # where each tab is in its menu, kept from level to level


async def _click_loop(
    tab: StreamlitSession,
    *,
    think_s: float,
    until: float,
    times: dict[str, list[float]],
    errors: list[str],
    rng: random.Random,
) -> int:
    """Click through the menu until `until`, pausing `think_s` (±50 %) between views. Each tab
    starts at a random page of its menu and goes on from there, level after level, so that
    every page is sampled even when a level allows each session only a few views."""
    order = list(tab.menu)
    position = _POSITIONS.setdefault(id(tab), rng.randrange(len(order)))
    views = 0
    if think_s:
        await asyncio.sleep(rng.uniform(0, think_s))  # the sessions do not click in step
    while time.monotonic() < until:
        label = order[position % len(order)]
        position += 1
        _POSITIONS[id(tab)] = position
        try:
            view = await tab.click(label, quiet=0.0)  # runs per view: measured by per_page
        except ClientError as error:
            errors.append(f"{label}: {error}")
            return views
        times.setdefault(label, []).append(view.latency_ms)
        views += 1
        if think_s:
            await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
    return views


async def _level(
    tabs: list[StreamlitSession], labels: dict[str, str], *, think_s: float, seconds: float
) -> dict[str, Any]:
    keys = {label: key for key, label in labels.items()}
    times: dict[str, list[float]] = {}
    errors: list[str] = []
    rng = random.Random(len(tabs))
    started = time.monotonic()
    until = started + seconds
    counts = await asyncio.gather(
        *(
            _click_loop(t, think_s=think_s, until=until, times=times, errors=errors, rng=rng)
            for t in tabs
        )
    )
    wall = time.monotonic() - started
    return {
        "sessions": len(tabs),
        "think_s": think_s,
        "views": sum(counts),
        "views_per_s": round(sum(counts) / wall, 2),
        "p50_ms": {keys.get(k, k): round(statistics.median(v)) for k, v in times.items()},
        "p95_ms": {keys.get(k, k): round(percentile(v, 0.95)) for k, v in times.items()},
        "errors": errors[:10],
    }


def load_curve(
    base_url: str,
    labels: dict[str, str],
    *,
    levels: list[int] = LEVELS,
    think_s: float = THINK_S,
    level_s: float = LEVEL_S,
    no_think_s: float = NO_THINK_S,
    no_think_levels: list[int] | None = None,
    pid: int | None = None,
) -> dict[str, Any]:
    """Every level with think time, then every level without; the tabs are logged in once."""

    async def go() -> dict[str, Any]:
        started = time.perf_counter()
        tabs = await _open_tabs(base_url, max(levels + (no_think_levels or [])))
        print(f"  {len(tabs)} sessions logged in in {time.perf_counter() - started:.0f} s")
        load, no_think = {}, {}
        cpu: dict[str, float] = {}
        try:
            for n in levels:
                before = cpu_seconds(pid) if pid else 0.0
                load[str(n)] = await _level(tabs[:n], labels, think_s=think_s, seconds=level_s)
                if pid:
                    cpu[str(n)] = round(cpu_seconds(pid) - before, 1)
                print(f"  {n} sessions, {think_s:.0f} s think time: {_summary(load[str(n)])}")
            for n in levels if no_think_levels is None else no_think_levels:
                no_think[str(n)] = await _level(tabs[:n], labels, think_s=0.0, seconds=no_think_s)
                print(f"  {n} sessions, no think time: {_summary(no_think[str(n)])}")
        finally:
            await asyncio.gather(*(t.close() for t in tabs))
        return {"load": load, "load_no_think": no_think}

    return asyncio.run(go())


def _summary(level: dict[str, Any]) -> str:
    worst = max(level["p95_ms"].values(), default=0)
    return f"{level['views_per_s']} views/s, worst p95 {worst} ms, {len(level['errors'])} errors"


# --- Ændringslog with few and many rows -------------------------------------------------------


def few_audit_rows_database(folder: Path, rows: int = 100) -> Path:
    """The demo database (`botrygt init --demo`) with exactly `rows` audit rows, written through
    dataio.db.audit (the log is append-only: the full dataset cannot be trimmed)."""
    from bench.dataset import fill_audit_rows
    from dataio.db.engine import make_engine
    from dataio.seed.init import initialise

    path = folder / f"audit-{rows}.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        initialise(engine, demo=True)
        fill_audit_rows(engine, max(0, rows - audit_rows(path)))
    finally:
        engine.dispose()
    return path


def audit_rows(database_path: Path) -> int:
    import sqlite3

    with sqlite3.connect(database_path) as connection:
        return int(connection.execute("SELECT count(*) FROM audit_entry").fetchone()[0])


def aendringslog_ratio(
    database_path: Path, labels: dict[str, str], *, many: dict[str, float] | None = None
) -> dict[str, Any]:
    """The Ændringslog view's server CPU with 100 audit rows and with all of the dataset's
    (`many`: that view already measured on the full dataset)."""
    only = {"aendringslog": labels["aendringslog"], "konto": labels["konto"]}
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="botrygt-audit-") as folder:
        for name, path in (
            ("few", few_audit_rows_database(Path(folder))),
            ("many", database_path),
        ):
            rows = audit_rows(path)
            if name == "many" and many is not None:
                figures[name] = {"audit_rows": rows, **many}
                continue
            with running_server(f"sqlite:///{path}") as server:
                page = per_page(server, only, rounds=2)["aendringslog"]
            figures[name] = {"audit_rows": rows, **page}
    few, many = figures["few"]["cpu"], figures["many"]["cpu"]
    return {
        "aendringslog_audit": figures,
        "aendringslog_cpu_ratio": round(many / few, 2) if few else None,
    }


def session_labels() -> dict[str, str]:
    """Page key -> menu label (ui.page.PAGES)."""
    from ui.page import PAGES

    return {key: item.label for key, item in PAGES.items()}


def usable_tmp() -> Path:
    return Path(tempfile.gettempdir())
