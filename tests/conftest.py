"""Shared fixtures: databases on SQLite and a throwaway PostgreSQL, the demo app, a real browser."""

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings as hypothesis_settings

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `tests.support` must import under any runner and import mode
    sys.path.insert(0, str(REPO_ROOT))

from tests.support import browser as browser_support  # noqa: E402
from tests.support.appserver import running_app  # noqa: E402
from tests.support.postgres import PostgresServer, start_server  # noqa: E402

# Wall-clock deadlines make property tests flaky on a busy two-core machine; speed is measured
# in `make bench`, not in tests.
hypothesis_settings.register_profile("botrygt", deadline=None)
hypothesis_settings.load_profile("botrygt")

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from sqlalchemy import Engine

# component -> why it is missing; tests per component that were skipped or failed because of it
_MISSING: dict[str, str] = {}
_AFFECTED: Counter[str] = Counter()
_FAILED_CALL = pytest.StashKey[bool]()


def _must_run_everything() -> bool:
    """CI, and root (who can install the components), may not skip them."""
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        return True
    strict = os.environ.get("BOTRYGT_TEST_STRICT", "").strip().lower()
    if strict in {"0", "1", "false", "true", "no", "yes"}:
        return strict in {"1", "true", "yes"}
    return os.geteuid() == 0


def _component_missing(component: str, reason: str) -> None:
    """Skip (or, in CI and as root, fail) the requesting test because a component is missing."""
    _MISSING[component] = reason
    if _must_run_everything():
        pytest.fail(
            f"[{component} missing] {reason} -- required because CI=true or running as root "
            "(bash .ci/system-deps.sh installs it)",
            pytrace=False,
        )
    pytest.skip(f"[{component} missing] {reason}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "setup" and not report.passed:
        for component in _MISSING:
            if f"[{component} missing]" in str(report.longrepr):
                _AFFECTED[component] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _MISSING:
        return
    verdict = "FAILED (required in CI and as root)" if _must_run_everything() else "SKIPPED"
    parts = [f"{name}: {_AFFECTED[name]} tests - {reason}" for name, reason in _MISSING.items()]
    line = f"!!! REAL COMPONENTS MISSING, tests {verdict}: " + "; ".join(parts)
    terminalreporter.write_line(line, red=True, bold=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED_CALL] = True  # the page fixture saves a screenshot of failed tests
    return report


# --- databases ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole session (started on first use)."""
    server = start_server()
    if isinstance(server, str):
        _component_missing("PostgreSQL", server)
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of its own for each test: an SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = server.create_database(request.node.originalname)
    yield url
    server.drop_database(url)


@pytest.fixture
def engine(db_url: str) -> Iterator["Engine"]:
    """An engine on db_url with the schema at the newest migration."""
    from dataio.db.engine import make_engine
    from dataio.db.migrate import upgrade_schema

    engine = make_engine(db_url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite file with schema, reference data and demo data, built once per session."""
    from dataio.db.engine import make_engine
    from dataio.seed.init import initialise

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    engine = make_engine(url)
    try:
        initialise(engine, demo=True)
    finally:
        engine.dispose()
    return url


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, demo_db_url: str) -> str:
    """Point the app (AppTest, in this process) at the demo database, in demo mode."""
    monkeypatch.setenv("DATABASE_URL", demo_db_url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return demo_db_url


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    """Cached data and resources must not leak from one test into the next."""
    yield
    if "streamlit" in sys.modules:  # nothing can be cached before streamlit was imported
        import streamlit as st

        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(scope="session")
def pdftoppm() -> str:
    """Poppler's pdftoppm (Debian's poppler-utils): renders PDF pages as a reader sees them."""
    import shutil

    path = shutil.which("pdftoppm")
    if path is None:
        _component_missing("pdftoppm", "poppler-utils is not installed (no pdftoppm on PATH)")
    return str(path)


# --- the running app and the browser -------------------------------------------------------


@pytest.fixture(scope="session")
def browser_db_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The browser tests' own copy of the demo database: what they change (logouts, goals, plan
    edits) must not leak into the AppTests, which read demo_db_url."""
    import shutil

    copy = tmp_path_factory.mktemp("browser") / "browser.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="session")
def app_url(browser_db_url: str) -> Iterator[str]:
    """Base URL of `streamlit run app.py` on the browser tests' database (started once per session)."""
    from tests.support.appserver import BROWSER_COOKIE_KEY

    env = {"BOTRYGT_DEMO": "1", "BOTRYGT_COOKIE_KEY": BROWSER_COOKIE_KEY}
    with running_app(database_url=browser_db_url, extra_env=env) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    """Debian's headless Chromium for the whole session (started on first use)."""
    reason = browser_support.chromium_unavailable_reason()
    if reason is not None:
        _component_missing("Chromium", reason)
    try:
        launched = browser_support.launched_browser()
        instance = launched.__enter__()
    except Exception as error:  # a browser that will not start is a missing component
        _component_missing("Chromium", f"{browser_support.chromium_path()} did not start: {error}")
        return
    try:
        yield instance
    finally:
        launched.__exit__(None, None, None)


@pytest.fixture
def page(browser: "Browser", request: pytest.FixtureRequest) -> Iterator["Page"]:
    """A fresh browser context and page: 1400x1000, Danish locale; screenshot on failure."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = context.new_page()
    try:
        yield page
    finally:
        if request.node.stash.get(_FAILED_CALL, False):
            browser_support.screenshot(page, f"FAILED-{request.node.nodeid}")
        context.close()
