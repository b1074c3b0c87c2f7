"""The calendar route of ui.web (GET /kalender/<token>.ics), driven as the ASGI app st.App mounts:
the feed as text/calendar for a valid token, a bare 404 for anything else."""

import asyncio
import shutil
import threading
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import icalendar
import pytest
from starlette.applications import Starlette

from dataio.db.engine import make_engine
from dataio.tasks.calendar import new_calendar_token
from tests.factories import POLICE
from ui.web import ROUTES


@pytest.fixture
def private_db(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo database that the route reads (DATABASE_URL), in demo mode."""
    copy = tmp_path / "private.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return url


def get(path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET through the routes, without a network."""
    app = Starlette(routes=ROUTES)
    sent: list[MutableMapping[str, Any]] = []
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 1234),
        "root_path": "",
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    # in a thread of its own: an earlier test in the same process may leave this thread's loop
    # running (asyncio.run refuses to start inside one)
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join(timeout=60)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, body


def test_a_valid_token_gets_the_feed(private_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOTRYGT_PUBLIC_URL", "https://botrygt.example.invalid")
    token = new_calendar_token(make_engine(private_db), actor=POLICE)
    status, headers, body = get(f"/kalender/{token}.ics")
    assert status == 200
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    calendar = icalendar.Calendar.from_ical(body.decode("utf-8"))
    assert calendar.errors == [] and str(calendar["X-WR-CALNAME"]).startswith("Bo trygt: ")


@pytest.mark.parametrize("path", ["/kalender/ukendt.ics", "/kalender/.ics", "/kalender/x"])
def test_anything_else_is_a_bare_404(private_db: str, path: str) -> None:
    new_calendar_token(make_engine(private_db), actor=POLICE)
    status, _headers, body = get(path)
    assert status == 404
    assert b"politi" not in body and b"BEGIN" not in body
