"""Chromium: /Offentlig?kommune=223&lang=en without login is English (no Danish msgid of the
catalogue left in the page's text or its charts' text, English numbers and dates) and has its
chart; the same page without lang= is still Danish."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from tests.danish_left import danish_left_in
from tests.e2e.journeys import APP_TIMEOUT, settle

pytestmark = pytest.mark.e2e
SUMMARY = "Hørsholm mod indbrud"  # the partnership's own words, as tests/e2e/test_offentlig_browser


@pytest.fixture
def hoersholm_published(browser_db_url: str) -> Iterator[None]:
    """Hørsholm (a partnership in the reference list; Ishøj is not one) publishes while the test
    runs. Set in SQL with no audit row, so the other browser tests' change log is untouched; the
    data version moves on, so no cached read of the page outlives the test."""
    engine = create_engine(browser_db_url)

    def publish(on: bool) -> None:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE partnership SET published = :on, published_summary = :summary "
                    "WHERE municipality_code = 223"
                ),
                {"on": on, "summary": SUMMARY if on else ""},
            )
            # a new data version: the page's cached read is not the other browser test's
            connection.execute(text("UPDATE data_version SET version = version + 1"))

    publish(True)
    try:
        yield
    finally:
        publish(False)
        engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB")
    try:
        yield context.new_page()
    finally:
        context.close()


def _charts_text(page: Page) -> str:
    return "\n".join(p.text_content() or "" for p in page.locator(".js-plotly-plot").all())


def test_the_public_page_in_english(app_url: str, page: Page, hoersholm_published: None) -> None:
    page.goto(app_url + "/Offentlig?kommune=223&lang=en")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Bo trygt in Hørsholm")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=APP_TIMEOUT)
    settle(page)
    body = main.inner_text()
    charts = _charts_text(page)
    assert danish_left_in(body.replace(SUMMARY, "")) == []
    assert danish_left_in(charts) == []
    assert "Burglaries against the goal" in body and "Residential burglaries per year" in charts
    assert "Required path (straight line)" in charts
    # English numbers and dates: "as of 7 Dec 2026", a thousands comma or none, a decimal point
    assert re.search(r"\(as of \d{1,2} [A-Z][a-z]{2} \d{4}\)", body)
    assert not re.search(r"\d,\d %", body)  # no Danish decimal comma in a percentage
    assert page.title() == "Public page · Bo trygt"
    assert page.evaluate("document.documentElement.lang") == "en"
    # no login form, no menu
    assert (
        page.get_by_label("Username").count() == 0 and page.get_by_label("Brugernavn").count() == 0
    )


def test_without_lang_the_public_page_is_still_danish(
    app_url: str, page: Page, hoersholm_published: None
) -> None:
    page.goto(app_url + "/Offentlig?kommune=223")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Bo trygt i Hørsholm")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    body = main.inner_text()
    assert "Indbrud mod målet" in body and "Burglaries against the goal" not in body
    assert {"Indbrud mod målet", "Sådan afgøres status"} <= set(danish_left_in(body))  # it finds
    assert "Krævet forløb (lige linje)" in _charts_text(page)
    assert page.title() == "Offentlig · Bo trygt"
    assert page.evaluate("document.documentElement.lang") == "da"
