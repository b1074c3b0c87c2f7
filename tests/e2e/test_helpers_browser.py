"""Chromium: the police record a recruitment activity and a new helper count; the district table changes."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.journeys import login, settle
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

HELPERS_COLUMN = 2  # "Nabohjælpere", after "Kommune" and "Status"


def helpers_cell(page: Page, row: int) -> Locator:
    """The accessible cell glide keeps in sync with the district table's canvas."""
    table = page.locator("[data-testid='stDataFrame']").first
    return table.locator(f"td#glide-cell-{HELPERS_COLUMN}-{row}")


def test_police_record_an_activity_and_a_count_and_see_the_district_table_change(
    app_url: str, page: Page
) -> None:
    login(page, app_url, "politi", path="/Nabohjaelp")
    expect(
        page.get_by_role("heading", name="Nabohjælp: Københavns Vestegns Politi").first
    ).to_be_visible(timeout=30_000)
    expect(page.locator("[data-testid='stDataFrame'] td#glide-cell-0-0").first).to_have_text(
        "Albertslund", timeout=30_000
    )
    before = helpers_cell(page, 0).text_content()
    wanted = "7.777" if before != "7.777" else "7.778"  # idempotent on a shared database
    settle(page)

    page.get_by_label("Sted").fill("Albertslund Centrum")
    page.get_by_label("Tilmeldte nabohjælpere").fill("21")
    page.get_by_role("button", name="Gem aktivitet").click()
    expect(page.get_by_text("Gemt: borgermøde i Albertslund med 21 tilmeldte.")).to_be_visible(
        timeout=30_000
    )
    settle(page)

    page.get_by_role("textbox", name="Aktive nabohjælpere").fill(
        wanted
    )  # "7.777": as a Dane types it
    page.get_by_label("Aktive nabovenner (valgfrit)").fill("99")
    page.get_by_role("button", name="Gem nabohjælpertal").click()
    previous = int((before or "0").replace(".", ""))
    if not previous / 2 <= int(wanted.replace(".", "")) <= previous * 2:
        # far from the latest count: "Er du sikker?" with both values first
        expect(page.get_by_text("Er du sikker?")).to_be_visible(timeout=30_000)
        settle(page)
        page.get_by_role("button", name=f"Ja, gem {wanted}").click()
    expect(page.get_by_text(f"Gemt: {wanted} nabohjælpere i Albertslund")).to_be_visible(
        timeout=30_000
    )
    expect(helpers_cell(page, 0)).to_have_text(wanted, timeout=30_000)  # the table changed
    screenshot(page, "nabohjaelp-politi-gemt")

    page.reload()  # and it is in the database, not only in this session
    expect(helpers_cell(page, 0)).to_have_text(wanted, timeout=30_000)
