"""Two app servers on one PostgreSQL database: a plan change saved on one is seen on the other.

Streamlit's caches live in each server process. Every cached loader is keyed by the database's
data version, which every write bumps, so server B recomputes on its next run after server A wrote.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.journeys import LOGIN_TIMEOUT, PASSWORDS, settle, submit_login
from tests.e2e.test_plan_browser import go_to_status_cell, status_cell
from tests.support.appserver import running_app
from tests.support.browser import screenshot
from tests.support.postgres import PostgresServer

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

PLAN = "/Handlingsplan?kommune=183"
HEADING = "Handlingsplan: Ishøj"
DEMO = {"BOTRYGT_DEMO": "1"}  # PostgreSQL defaults to production mode; the demo users log in here


@pytest.fixture
def shared_database(pg_server: PostgresServer) -> Iterator[str]:
    """A fresh PostgreSQL database of this test's own, dropped afterwards."""
    url = pg_server.create_database("two_servers")
    yield url
    pg_server.drop_database(url)


@pytest.fixture
def two_servers(shared_database: str) -> Iterator[tuple[str, str]]:
    """Server A initialises the database (as `make run` does); server B only serves it."""
    with (
        running_app(database_url=shared_database, extra_env=DEMO) as server_a,
        running_app(database_url=shared_database, extra_env=DEMO, run_init=False) as server_b,
    ):
        yield server_a, server_b


def open_plan(browser: Browser, base_url: str) -> Page:
    """The project leader of Ishøj on the plan, in a browser context of its own."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    page = context.new_page()
    submit_login(page, base_url, "projektleder", PASSWORDS["projektleder"], path=PLAN)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=LOGIN_TIMEOUT)
    wait_for_plan(page)
    return page


def wait_for_plan(page: Page) -> None:
    """The plan's table is drawn and no script run is pending."""
    expect(page.get_by_role("heading", name=HEADING).first).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame'] td#glide-cell-1-5")).to_have_text(
        "Planlægningsmøde", timeout=30_000
    )
    settle(page)


def test_a_status_saved_on_server_a_is_seen_on_server_b(
    browser: Browser, two_servers: tuple[str, str]
) -> None:
    server_a, server_b = two_servers
    page_b = open_plan(browser, server_b)  # B has now cached the plan as it is
    before = go_to_status_cell(page_b)
    assert before, "server B shows no status for the item"
    wanted = "færdig" if before != "færdig" else "i gang"

    page_a = open_plan(browser, server_a)
    assert go_to_status_cell(page_a) == before
    page_a.keyboard.press("Enter")
    page_a.get_by_role("option", name=wanted, exact=True).click()
    expect(status_cell(page_a)).to_have_text(wanted, timeout=10_000)
    page_a.keyboard.press("Escape")
    settle(page_a)  # no click may land while a script run is being replaced
    page_a.get_by_role("button", name="Gem ændringer").click()
    expect(page_a.get_by_text("1 ændring gemt og skrevet i ændringsloggen.")).to_be_visible(
        timeout=30_000
    )

    page_b.reload()
    wait_for_plan(page_b)
    seen = go_to_status_cell(page_b)
    if seen != wanted:
        screenshot(page_b, "two-servers-b-stale")
    assert seen == wanted, f"server B still shows {seen!r} after server A saved {wanted!r}"
    for page in (page_a, page_b):
        page.context.close()
