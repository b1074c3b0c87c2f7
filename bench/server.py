"""A real server on the full dataset: its peak memory, and 20 concurrent sessions in Chromium.

`streamlit run app.py` is started as the browser tests start it (tests/support/appserver.py);
Debian's Chromium is driven through playwright's async API, one browser context per session.
"""

import asyncio
import math
import os
import re
import statistics
import time
from pathlib import Path
from typing import Any

from bench.dataset import SESSION_PASSWORD, session_usernames
from dataio.seed.demo_users import DEMO_USERS
from tests.support.appserver import running_app
from tests.support.browser import CHROMIUM_ARGS, chromium_path, chromium_unavailable_reason
from ui.page import PAGES

ROUNDS = 2  # each session clicks through its menu this many times
# Every session is its own window of one headless Chromium; without these, Chromium treats most of
# them as background windows and throttles their timers (down to once a minute), which would
# measure the throttling, not the server.
BROWSER_ARGS = [
    *CHROMIUM_ARGS,
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-features=IntensiveWakeUpThrottling,CalculateNativeWinOcclusion",
]
TIMEOUT_MS = 60_000
ADMIN_PASSWORD = next(u.password for u in DEMO_USERS if u.username == "admin")

# the page has rendered: the script run is over and the main area has a title other than `old`
_RENDERED = """([old]) => {
  const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
  const titles = [...document.querySelectorAll("[data-testid='stMain'] h1")].map(h => h.textContent.trim());
  return state === "notRunning" && titles.length > 0 && titles.every(t => t !== old);
}"""
# no script run has started for `quiet` ms (a page is settled)
_IDLE_FOR = """([quiet]) => {
  const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
  const now = performance.now();
  if (state !== "notRunning") { window.__benchIdleSince = undefined; return false; }
  if (window.__benchIdleSince === undefined) window.__benchIdleSince = now;
  return now - window.__benchIdleSince >= quiet;
}"""
_MAIN_TITLE = (
    "() => document.querySelector(\"[data-testid='stMain'] h1\")?.textContent.trim() ?? ''"
)


def url_path(script: str) -> str:
    """The URL path Streamlit's pages directory gives a page file ('pages/1_Kommune.py' -> '/Kommune')."""
    if script == "app.py":
        return "/"
    return "/" + re.sub(r"^\d+_", "", Path(script).stem)


def server_pid(port: int) -> int:
    """The streamlit process listening on this port (found by its command line)."""
    wanted = f"--server.port\0{port}\0"
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "streamlit" in command and wanted in command:
            return int(entry.name)
    raise RuntimeError(f"no streamlit process on port {port}")


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


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process tree has used so far."""
    total = 0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def _settle(page: Any, quiet_ms: int = 1500) -> None:
    await page.evaluate("window.__benchIdleSince = undefined")
    await page.wait_for_function(_IDLE_FOR, arg=[quiet_ms], polling=50, timeout=TIMEOUT_MS)


async def _login(page: Any, base_url: str, username: str, password: str, path: str = "/") -> None:
    await page.goto(base_url + path)
    await page.get_by_label("Brugernavn").wait_for(timeout=TIMEOUT_MS)
    await _settle(page)
    await page.get_by_label("Brugernavn").fill(username)
    await page.get_by_label("Adgangskode").fill(password)
    await page.get_by_role("button", name="Log ind").click()
    await page.get_by_role("button", name="Log ud").wait_for(timeout=TIMEOUT_MS)
    await page.wait_for_function(_RENDERED, arg=[""], polling=50, timeout=TIMEOUT_MS)


async def visit_every_page(browser: Any, base_url: str) -> list[str]:
    """The administrator opens every page by its link (Ishøj where a page takes a municipality)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = await context.new_page()
    await _login(page, base_url, "admin", ADMIN_PASSWORD)
    visited = []
    for item in PAGES.values():
        await page.goto(f"{base_url}{url_path(item.path)}?kommune=183")
        await page.wait_for_function(_RENDERED, arg=[""], polling=50, timeout=TIMEOUT_MS)
        visited.append(item.label)
    await context.close()
    return visited


async def _menu_labels(page: Any) -> list[str]:
    texts = (
        await page.get_by_test_id("stSidebar")
        .get_by_test_id("stPageLink-NavLink")
        .all_inner_texts()
    )
    return [text.strip().splitlines()[-1].strip() for text in texts]


async def _logged_in_session(browser: Any, base_url: str, username: str) -> Any:
    """A browser context of its own, logged in as `username`, waiting on a light page (Min konto).

    Not Forside: a page with a map keeps headless Chromium drawing in software, and 20 of them
    idling while the others log in would load this machine's two cores for no measured purpose."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    start = url_path(PAGES["konto"].path) if "konto" in PAGES else "/"
    await _login(page, base_url, username, SESSION_PASSWORD, path=start)
    return page


async def _click_through(
    page: Any, times: dict[str, list[float]], errors: list[str], rounds: int
) -> None:
    """One session clicks every menu page ROUNDS times, each timed from the click to its render."""
    labels = await _menu_labels(page)
    current = await page.evaluate(_MAIN_TITLE)
    # every page once a round, the one the session is on last (a click on it would not navigate)
    order = [x for x in labels if x != current] + [x for x in labels if x == current]
    for _ in range(rounds):
        for label in order:
            try:
                await _settle(page)  # also the person's pause between clicks
                link = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
                target = link.filter(has_text=label).first
                await target.wait_for(state="visible", timeout=30_000)
                old = await page.evaluate(_MAIN_TITLE)
                start = time.perf_counter()
                await target.click()
                await page.wait_for_function(_RENDERED, arg=[old], polling=50, timeout=TIMEOUT_MS)
            except Exception as error:  # a session that breaks is counted, not fatal
                errors.append(f"{label}: {type(error).__name__}: {str(error).splitlines()[0]}")
                return
            times.setdefault(label, []).append((time.perf_counter() - start) * 1000)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (p95 of 40 samples is the 38th smallest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def _measure(base_url: str, port: int, users: list[str], rounds: int) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=BROWSER_ARGS
        )
        try:
            started = time.perf_counter()
            await visit_every_page(browser, base_url)
            single = peak_rss_mb(server_pid(port))
            print(
                f"  admin visited every page in {time.perf_counter() - started:.0f} s: {single} MB"
            )
            # the logins one after another (not measured), then all sessions click at once
            started = time.perf_counter()
            sessions = [await _logged_in_session(browser, base_url, u) for u in users]
            print(f"  {len(sessions)} sessions logged in in {time.perf_counter() - started:.0f} s")
            times: dict[str, list[float]] = {}
            errors: list[str] = []
            started, cpu = time.perf_counter(), cpu_seconds(server_pid(port))
            await asyncio.gather(
                *(_click_through(page, times, errors, rounds) for page in sessions)
            )
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(server_pid(port)) - cpu
            print(
                f"  {len(sessions)} sessions clicked through in {wall:.0f} s, server CPU {server_cpu:.0f} s"
            )
            after = peak_rss_mb(server_pid(port))
        finally:
            await browser.close()
    keys = {item.label: key for key, item in PAGES.items()}
    return {
        "peak_rss_mb": single,
        "peak_rss_concurrent_mb": after,
        "concurrent_p95_ms": {
            keys.get(label, label): round(percentile(values, 0.95))
            for label, values in times.items()
        },
        "concurrent_median_ms": {
            keys.get(label, label): round(statistics.median(values))
            for label, values in times.items()
        },
        "concurrent_samples": sum(len(v) for v in times.values()),
        # how busy the server itself was meanwhile: far below 1.0 means the time went elsewhere
        "concurrent_server_cpu_share": round(server_cpu / wall, 2),
        "concurrent_errors": errors,
    }


def server_figures(
    database_url: str, *, sessions: int | None = None, rounds: int = ROUNDS
) -> dict[str, Any]:
    """Peak memory after an administrator visited every page, then 20 concurrent sessions' p95."""
    reason = chromium_unavailable_reason()
    if reason is not None:
        print(f"  (server figures skipped: {reason})")
        return {"peak_rss_mb": None, "concurrent_p95_ms": None}
    with running_app(
        database_url=database_url, extra_env={"BOTRYGT_DEMO": "1"}, run_init=False
    ) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        users = session_usernames()[:sessions]
        return asyncio.run(_measure(base_url, port, users, rounds))
