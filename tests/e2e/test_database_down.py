"""Chromium against the app on a PostgreSQL server of this test's own, which is stopped in the middle
of a session: a Danish message within seconds (the login page too), never Streamlit's English
error page, and the page recovers by itself once the database is back."""

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.journeys import APP_TIMEOUT, PAGE_HEADINGS, login, open_from_menu, settle
from tests.support.appserver import running_app
from tests.support.browser import screenshot
from tests.support.postgres import PostgresServer, start_server

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

DATABASE_DOWN = "Databasen svarer ikke lige nu; prøv igen om lidt."
ENGLISH_ERROR = "This app has encountered an error"


@pytest.fixture
def own_postgres(request: pytest.FixtureRequest) -> Iterator[PostgresServer]:
    """A PostgreSQL server only this test uses (it is stopped and started again)."""
    request.getfixturevalue(
        "pg_server"
    )  # skips (or fails in CI) the same way when PostgreSQL is missing
    server = start_server(database="botrygt_down")
    assert not isinstance(server, str), server
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def app_on_own_postgres(own_postgres: PostgresServer) -> Iterator[str]:
    with running_app(database_url=own_postgres.url, extra_env={"BOTRYGT_DEMO": "1"}) as url:
        yield url


def expect_database_down(page: Page, *, within_s: float) -> None:
    started = time.monotonic()
    expect(page.get_by_text(DATABASE_DOWN)).to_be_visible(timeout=within_s * 1000)
    assert time.monotonic() - started < within_s
    expect(page.get_by_text(ENGLISH_ERROR)).to_have_count(0)


def test_the_database_stops_mid_session_and_comes_back(
    app_on_own_postgres: str, own_postgres: PostgresServer, page: Page, browser: Browser
) -> None:
    url = app_on_own_postgres
    login(page, url, "politi")
    expect(page.get_by_role("heading", name=PAGE_HEADINGS["Forside"]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)

    own_postgres.halt()
    try:
        open_from_menu(page, "Kommune")
        expect_database_down(page, within_s=10)
        expect(page.get_by_role("heading", name=PAGE_HEADINGS["Kommune"])).to_have_count(0)
        screenshot(page, "database-down-mid-session")

        # a new visitor: the login page says the same, in Danish
        stranger = browser.new_context(locale="da-DK").new_page()
        try:
            stranger.goto(url + "/")
            expect_database_down(stranger, within_s=15)
        finally:
            stranger.context.close()
    finally:
        own_postgres.resume()

    # back: the next click works again, in the same session (no new login)
    settle(page)
    page.get_by_role("button", name="Prøv igen").click()
    expect(page.get_by_role("heading", name=PAGE_HEADINGS["Kommune"]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    expect(page.get_by_text(DATABASE_DOWN)).to_have_count(0)
