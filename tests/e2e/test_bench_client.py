"""The benchmark's browserless client (bench.client) against a real server, so it cannot rot.

One login through the login form and the cookie round trip, then one view of two pages: each
view is one script run with bytes received and the page's heading; a wrong password does not log
in, and a tab without the cookie gets the login form, not the menu.
"""

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.client import StreamlitSession, logged_in
from tests.e2e.journeys import PASSWORDS
from tests.support.appserver import running_app

pytestmark = pytest.mark.e2e

ENV = {"BOTRYGT_DEMO": "1", "BOTRYGT_COOKIE_SECURE": "0"}


@pytest.fixture
def own_server(demo_db_url: str, tmp_path: Path) -> Iterator[str]:
    """A server of this test's own (a failed login must not touch the shared browser database)."""
    copy = tmp_path / "client.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    with running_app(database_url=f"sqlite:///{copy}", extra_env=ENV, run_init=False) as url:
        yield url


async def _journey(base_url: str) -> dict[str, object]:
    tab = await logged_in(base_url, "admin", PASSWORDS["admin"], query="kommune=183")
    try:
        views = [await tab.click("Kommune"), await tab.click("Forside")]
        texts = list(tab.texts)
    finally:
        await tab.close()
    wrong = StreamlitSession(base_url)
    await wrong.open("/")
    try:
        accepted = await wrong.login("admin", "forkert-adgangskode")
        refusal = list(wrong.texts)
    finally:
        await wrong.close()
    stranger = StreamlitSession(base_url)
    await stranger.open("/")
    await stranger.close()
    return {
        "views": views,
        "texts": texts,
        "cookie": tab.cookies,
        "accepted": accepted,
        "refusal": refusal,
        "wrong_cookies": wrong.cookies,
        "stranger_menu": stranger.menu,
        "stranger_widgets": set(stranger.widgets),
    }


def test_client_logs_in_and_measures_one_run_per_view(own_server: str) -> None:
    seen = asyncio.run(_journey(own_server))
    views = seen["views"]
    assert isinstance(views, list)
    for view in views:
        assert view.runs == 1, view
        assert view.bytes > 1000, view
        assert view.exceptions == [], view
        assert view.latency_ms > 0, view
    assert [v.page for v in views] == ["Kommune", "Forside"]
    assert "Forside: status for måltal" in seen["texts"]  # type: ignore[operator]
    assert seen["cookie"]  # the HttpOnly login cookie from /api/session
    assert seen["accepted"] is False
    assert any("Forkert brugernavn eller adgangskode" in t for t in seen["refusal"])  # type: ignore[attr-defined]
    assert not seen["wrong_cookies"]
    assert seen["stranger_menu"] == {}
    assert {"Brugernavn", "Adgangskode", "Log ind"} <= seen["stranger_widgets"]  # type: ignore[operator]
