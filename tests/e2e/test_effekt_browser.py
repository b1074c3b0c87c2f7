"""Chromium: the demo council member opens Effekt for a partnership by deep link and sees the
heading, the comparison chart with its placebo band, the comparison group and the caveat, and
Hørsholm against what its size and age structure predict."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import login
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e


def test_council_member_sees_the_effect_of_a_partnership(app_url: str, page: Page) -> None:
    login(page, app_url, "byraad", path="/Effekt?kommune=223")  # Hørsholm, partner since 2021
    # .first: while a rerun replaces the page, the heading can stand twice
    expect(page.get_by_role("heading", name="Effekt: Hørsholm").first).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Virker partnerskabet?").first).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible(timeout=60_000)
    expect(chart.locator("text", has_text="Partnerskabet starter")).to_have_count(1)
    expect(chart.locator("text", has_text="Uden virkning (95 %-placebobånd)")).to_have_count(1)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    page.get_by_role("heading", name="Sammenligningsgruppen").first.scroll_into_view_if_needed(
        timeout=30_000
    )
    expect(page.get_by_text("uden partnerskab indgår i sammenligningen")).to_be_visible()
    expect(page.get_by_text("sammenligning, ikke bevis for årsag").first).to_be_visible()
    # below: Hørsholm against what its size and age structure predict, among all 98
    page.get_by_role("heading", name="Forventet mod faktisk").first.scroll_into_view_if_needed(
        timeout=30_000
    )
    expect(page.get_by_text("gange det forventede").first).to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(2, timeout=60_000)
    ringed = page.locator(".js-plotly-plot").nth(1).locator("text", has_text="Hørsholm")
    expect(ringed.first).to_be_visible()
    expect(page.get_by_text("Traceback")).to_have_count(0)
    screenshot(page, "effekt-horsholm")
