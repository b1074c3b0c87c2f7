"""Helpers for AppTest: run a page the way the app does, and read its charts."""

import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 60  # two cores; the first run imports plotly, pandas and scipy


def run_page(
    page: str | None = None, *, query: dict[str, str] | None = None, user: str | None = "admin"
) -> AppTest:
    """Start from app.py (so page links resolve) logged in as `user`, then switch to the page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if user is not None:
        # what streamlit-authenticator leaves in the session after a successful login
        at.session_state["authentication_status"] = True
        at.session_state["username"] = user
        at.session_state["name"] = user
    if query:
        at.query_params.update(query)
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


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
