"""The floor: what bare Streamlit costs to draw our pages' figures, map and tables.

`record_pages` runs each of our pages once in AppTest (logged in, on the bench dataset) with
Streamlit's element functions wrapped: every plotly figure, pydeck deck, dataframe, table, text
and widget a page draws is kept with its arguments (callables such as `format_func` left out:
they are our code, not Streamlit's). `bench/floor_app.py` is a bare Streamlit app that draws the
recorded calls again, page for page, behind the same sidebar links, served with the same
.streamlit/config.toml (it is started from the repository root, as ours is). No database, no
login, no loaders: what is left is Streamlit's own cost for the same output.
"""

import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
APP = HERE.parent / "app.py"
FLOOR_APP = HERE / "floor_app.py"
MUNICIPALITY = "183"
# the element functions whose calls are recorded; widgets among them get their key back on replay
WIDGETS = {
    "selectbox",
    "multiselect",
    "radio",
    "text_input",
    "text_area",
    "date_input",
    "number_input",
    "button",
    "download_button",
    "data_editor",
}
ELEMENTS = [
    "plotly_chart",
    "pydeck_chart",
    "dataframe",
    "table",
    "metric",
    "markdown",
    "caption",
    "title",
    "header",
    "subheader",
    "info",
    "success",
    "warning",
    "error",
    "image",
    "page_link",
    *sorted(WIDGETS),
]
DROPPED = {"on_change", "on_click", "format_func", "args", "kwargs", "key", "help"}

Call = tuple[str, bool, tuple[Any, ...], dict[str, Any]]  # name, in sidebar, args, kwargs


def _in_sidebar(dg: Any) -> bool:
    from streamlit.proto.RootContainer_pb2 import RootContainer

    return bool(dg._active_dg._root_container == RootContainer.SIDEBAR)


@contextmanager
def recording(calls: list[Call]) -> Iterator[None]:
    """Wrap Streamlit's element functions (the class and the `st.` shortcuts) to record calls."""
    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    active = [False]
    originals: list[tuple[Any, str, Any]] = []

    def wrap(original: Callable[..., Any], name: str, bound: Any) -> Callable[..., Any]:
        def recorder(*args: Any, **kwargs: Any) -> Any:
            if not active[0]:
                dg = bound if bound is not None else args[0]
                rest = args if bound is not None else args[1:]
                kept = {k: v for k, v in kwargs.items() if k not in DROPPED}
                if name == "page_link" and rest and not isinstance(rest[0], str):
                    rest = (kept.get("label", "?"),)
                try:
                    pickle.dumps((rest, kept))
                    calls.append((name, _in_sidebar(dg), rest, kept))
                except Exception:
                    pass
            active[0] = True
            try:
                return original(*args, **kwargs)
            finally:
                active[0] = False

        return recorder

    for name in ELEMENTS:
        method = getattr(DeltaGenerator, name)
        originals.append((DeltaGenerator, name, method))
        setattr(DeltaGenerator, name, wrap(method, name, None))
        shortcut = getattr(st, name)
        originals.append((st, name, shortcut))
        setattr(st, name, wrap(shortcut, name, shortcut.__self__))
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def record_pages(database_url: str, *, user: str = "admin") -> dict[str, list[Call]]:
    """Every page's recorded calls (page key -> calls), from one AppTest run each."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["BOTRYGT_DEMO"] = "1"
    from streamlit.testing.v1 import AppTest

    from tests.pages.apptest import logged_in_session
    from ui.page import PAGES
    from ui.session import SESSION_KEY

    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state[SESSION_KEY] = logged_in_session(user)
    at.query_params["kommune"] = MUNICIPALITY
    at.run()
    recorded: dict[str, list[Call]] = {}
    for key, item in PAGES.items():
        at.switch_page(item.path)
        at.run()  # the first run warms caches and sets query parameters
        calls: list[Call] = []
        with recording(calls):
            at.run()
        recorded[key] = calls
    return recorded


def write_recording(database_url: str, path: Path, *, user: str = "admin") -> dict[str, int]:
    """Record every page and pickle the calls to `path`; returns the number of calls per page."""
    from ui.page import PAGES

    recorded = record_pages(database_url, user=user)
    labels = {key: item.label for key, item in PAGES.items()}
    path.write_bytes(pickle.dumps({"labels": labels, "pages": recorded}))
    return {key: len(calls) for key, calls in recorded.items()}


def replay(calls: list[Call]) -> None:
    """Draw recorded calls (used by bench/floor_app.py)."""
    import streamlit as st

    for number, (name, sidebar, args, kwargs) in enumerate(calls):
        if name == "page_link":
            continue  # the floor app draws its own menu
        target = st.sidebar if sidebar else st
        options = dict(kwargs)
        if name in WIDGETS:
            options["key"] = f"floor-{number}"
        try:
            getattr(target, name)(*args, **options)
        except Exception as error:  # a call that cannot be replayed is shown, not fatal
            st.caption(f"(floor: {name} not replayed: {type(error).__name__})")
