"""Every page's script run in AppTest: warm cache, cold cache, and the floor (loaders precomputed).

The floor replaces every `st.cache_data` loader of `ui/` (and `current_version`) with a function
that returns the result recorded on an earlier run, so floor_ms is what Streamlit, the widgets
and the chart builders cost, and warm/floor is what our own data work adds on top.
"""

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

APP = Path(__file__).resolve().parents[1] / "app.py"
RUNS = 5
TIMEOUT = 120
MUNICIPALITY = "183"  # Ishøj: the demo plan's municipality, filled to full size by bench.dataset


def _elapsed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def _app_test(user: str) -> Any:
    """An AppTest of app.py, logged in as `user` the way the login form leaves it."""
    from streamlit.testing.v1 import AppTest

    from tests.pages.apptest import logged_in_session
    from ui.session import SESSION_KEY

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state[SESSION_KEY] = logged_in_session(user)
    at.query_params["kommune"] = MUNICIPALITY
    return at


def _checked_run(at: Any) -> None:
    at.run()
    problems = [str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
    if problems:
        raise RuntimeError(f"page failed in the benchmark: {problems[:3]}")


def _cached_functions() -> Iterator[tuple[ModuleType, str]]:
    """Every st.cache_data function in ui/ (module, attribute name), found at run time."""
    import importlib
    import pkgutil

    from streamlit.runtime.caching.cache_utils import CachedFunc

    import ui

    for info in pkgutil.iter_modules(ui.__path__):
        module = importlib.import_module(f"ui.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, CachedFunc) and type(value._info).__name__ == "CachedDataFuncInfo":
                yield module, name


@contextmanager
def precomputed_loaders(recorded: dict[tuple[str, str], Any]) -> Iterator[None]:
    """Replace the loaders with lookups of results recorded by `recording_loaders` (the floor)."""
    import ui.loaders

    originals: list[tuple[ModuleType, str, Any]] = []
    targets = [*_cached_functions(), (ui.loaders, "current_version")]
    for module, name in targets:
        original = getattr(module, name)
        originals.append((module, name, original))

        def replay(*args: Any, _name: str = name, _original: Any = original) -> Any:
            key = (_name, repr(args))
            return recorded[key] if key in recorded else _original(*args)

        setattr(module, name, replay)
    try:
        yield
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


@contextmanager
def recording_loaders(recorded: dict[tuple[str, str], Any]) -> Iterator[None]:
    """Call the real loaders and keep every result by name and arguments."""
    import ui.loaders

    originals: list[tuple[ModuleType, str, Any]] = []
    for module, name in [*_cached_functions(), (ui.loaders, "current_version")]:
        original = getattr(module, name)
        originals.append((module, name, original))

        def record(*args: Any, _name: str = name, _original: Any = original) -> Any:
            result = _original(*args)
            recorded[(_name, repr(args))] = result
            return result

        setattr(module, name, record)
    try:
        yield
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def page_figures(database_url: str, *, user: str = "admin", runs: int = RUNS) -> dict[str, dict]:
    """warm_ms, cold_ms, floor_ms and warm/floor for every page in ui.page.PAGES.

    The three kinds of run alternate (warm, floor, cold, warm, ...), so that load from other work
    on the machine falls on all of them alike rather than on whichever ran during a busy spell."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["BOTRYGT_DEMO"] = "1"
    import streamlit as st

    from ui.page import PAGES

    at = _app_test(user)
    _checked_run(at)  # app.py once: imports, engine, page registry
    figures: dict[str, dict] = {}
    for key, item in PAGES.items():
        at.switch_page(item.path)
        recorded: dict[tuple[str, str], Any] = {}
        with recording_loaders(recorded):
            _checked_run(at)  # also warms the cache
        warm, floor, cold = [], [], []
        for _ in range(runs):
            warm.append(_elapsed_ms(lambda: _checked_run(at)))
            with precomputed_loaders(recorded):
                floor.append(_elapsed_ms(lambda: _checked_run(at)))
            st.cache_data.clear()
            cold.append(_elapsed_ms(lambda: _checked_run(at)))
        figures[key] = {
            "warm_ms": _median(warm),
            "cold_ms": _median(cold),
            "floor_ms": _median(floor),
            "ratio": round(statistics.median(warm) / statistics.median(floor), 2),
        }
    return figures
