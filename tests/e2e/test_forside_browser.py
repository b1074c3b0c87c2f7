"""Chromium: the app started the way `make run` starts it shows the Forside chart and map."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import login
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e


def test_forside_shows_chart_and_map(app_url: str, page: Page) -> None:
    login(page, app_url, "politi")  # lands on the Forside (a council member on Min kommune)
    expect(page.get_by_role("heading", name="Forside: status for måltal")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("Eksempeldata.", exact=False).first).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=30_000)
    expect(chart.locator("text", has_text="Mål 10.000")).to_have_count(1)
    deck = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    expect(deck).to_be_visible(timeout=30_000)
    box = deck.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 300
    expect(page.get_by_text("Traceback")).to_have_count(0)
    screenshot(page, "forside")


def test_kommune_page_by_deep_link(app_url: str, page: Page) -> None:
    login(page, app_url, "politi", path="/Kommune?kommune=223")
    # .first: while a rerun replaces the page, the heading can stand twice
    expect(page.get_by_role("heading", name="Kommune: Hørsholm").first).to_be_visible(
        timeout=30_000
    )
    # the lower charts render once they scroll into view; on a busy machine that can take a while
    page.get_by_role(
        "heading", name="Er vi mere belastet end andre?"
    ).first.scroll_into_view_if_needed(timeout=30_000)
    # the rate, quarter and goal charts and the (demo) business burglaries against nation and
    # peers; Hørsholm's effect chart is on the Effekt page since the Kommune page's "Virker
    # partnerskabet?" became one line with a link there
    expect(page.locator(".js-plotly-plot")).to_have_count(4, timeout=60_000)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    screenshot(page, "kommune-horsholm")
