"""Helpers for AppTest: run a page the way the app does, and read its charts."""

import json
import os
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.sessions import LoginSession, new_session
from dataio.store.users import find_user
from ui.session import SESSION_KEY

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 60  # two cores; the first run imports plotly, pandas and scipy


def run_page(
    page: str | None = None, *, query: dict[str, str] | None = None, user: str | None = "admin"
) -> AppTest:
    """Start from app.py (so page links resolve) logged in as `user`, then switch to the page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if user is not None:
        at.session_state[SESSION_KEY] = logged_in_session(user)
    if query:
        at.query_params.update(query)
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def logged_in_session(username: str) -> LoginSession:
    """What the login form leaves in the session, for a user of the app's database (DATABASE_URL)."""
    engine = make_engine(os.environ["DATABASE_URL"])
    try:
        user = find_user(engine, username=username)
    finally:
        engine.dispose()
    assert user is not None, f"no user {username} in {os.environ['DATABASE_URL']}"
    return new_session(user, hours=1)


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """Every plotly figure on the page, as its JSON spec."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def deck_specs(at: AppTest) -> list[dict[str, Any]]:
    """Every pydeck map on the page, as its JSON spec."""
    return [json.loads(element.proto.json) for element in at.get("deck_gl_json_chart")]


def page_text(at: AppTest) -> str:
    """All markdown, captions, metrics, titles and alerts, for asserting on what a person reads."""
    parts = (
        [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.title]
    )
    parts += [e.value for e in at.warning] + [e.value for e in at.subheader]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


# proto fields that hold no text a person reads (ids, keys, styles, binary data)
_NOT_READ = {
    "id",
    "formId",
    "form_id",
    "key",
    "data",
    "arrowData",
    "arrow_data",
    "icon",
    "type",
    "page",
    "pageScriptHash",
    "url",
    "href",  # a page link's target path ("Kommune"), not its label
    "queryString",  # and the query of its address ("kommune=183")
}


def _strings(value: Any, into: list[str]) -> None:
    """Every string inside a proto's dict form, with plotly's and pydeck's JSON specs opened."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if name in _NOT_READ:
                continue
            if name in {"spec", "json"} and isinstance(inner, str):
                try:
                    _strings(json.loads(inner), into)
                    continue
                except ValueError:
                    pass
            _strings(inner, into)
    elif isinstance(value, list):
        for inner in value:
            _strings(inner, into)
    elif isinstance(value, str) and value.strip():
        into.append(value)


def every_text(at: AppTest) -> list[str]:
    """Every string a person can read on the page: headings, markdown, alerts, widget labels,
    options, help texts and placeholders, tab and expander labels, chart and map JSON text (titles,
    axes, legends, hover templates), the sidebar included. Dataframe cells are binary (Arrow) and
    not included; their column headings come from the code that builds the frame."""
    from google.protobuf.json_format import MessageToDict

    found: list[str] = []
    stack: list[Any] = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            _strings(MessageToDict(proto), found)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack.extend(children.values())
    return found


def use_english(db_url: str, username: str) -> None:
    """Make `username`'s chosen language English in the database at `db_url` (a private copy),
    as Min konto does; the login guard reads it on the next run."""
    from dataio.store.users import actor_of, set_language

    engine = make_engine(db_url)
    try:
        user = find_user(engine, username=username)
        assert user is not None
        set_language(engine, actor=actor_of(user), username=username, language="en")
    finally:
        engine.dispose()
