"""Chromium: the public page without login shows Hørsholm's burglary chart and nothing private,
fetches nothing from outside this machine, and sends no header that forbids framing; an
unpublished municipality shows only the message; another page still shows only the login form."""

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from tests.e2e.journeys import APP_TIMEOUT, PAGE_HEADINGS, PAGE_PATHS, settle

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture
def hoersholm_published(browser_db_url: str) -> Iterator[None]:
    """Hørsholm (a partnership in the reference list) publishes while the test runs. Set in SQL
    with no audit row, so the other browser tests' change log is untouched."""
    engine = create_engine(browser_db_url)

    def publish(on: bool) -> None:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE partnership SET published = :on, published_summary = :summary "
                    "WHERE municipality_code = 223"
                ),
                {"on": on, "summary": "Hørsholm mod indbrud" if on else ""},
            )

    publish(True)
    try:
        yield
    finally:
        publish(False)
        engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="da-DK")
    try:
        yield context.new_page()
    finally:
        context.close()


def test_public_page_without_login(app_url: str, page: Page, hoersholm_published: None) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlsplit(r.url).scheme not in {"data", "blob", "about"}
            and urlsplit(r.url).hostname not in LOCAL_HOSTS
            else None
        ),
    )
    response = page.goto(app_url + "/Offentlig?kommune=223")
    assert response is not None
    headers = {k.lower(): v for k, v in response.headers.items()}
    assert "x-frame-options" not in headers
    assert "frame-ancestors" not in headers.get("content-security-policy", "")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Bo trygt i Hørsholm")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(main.get_by_text("Hørsholm mod indbrud")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    body = main.inner_text()
    for private in ("Handlingsplan", "Tryghedsvandring", "Log ind", "Brugernavn", "Ændringslog"):
        assert private not in body
    assert page.get_by_role("link").filter(has_text="Min kommune").count() == 0
    assert outside == []

    page.goto(app_url + "/Offentlig?kommune=183")  # Ishøj publishes nothing
    expect(main.get_by_text("Kommunen har ikke en offentlig visning.")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    for label, path in PAGE_PATHS.items():  # every other page: the login form only
        page.goto(app_url + path + "?kommune=223")
        expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=APP_TIMEOUT)
        settle(page)
        expect(page.get_by_label("Brugernavn")).to_be_visible()
        heading = page.get_by_test_id("stMain").get_by_role("heading", name=PAGE_HEADINGS[label])
        expect(heading, f"{label} without login").to_have_count(0)
        assert page.locator(".js-plotly-plot").count() == 0, f"{label}: a chart without login"
