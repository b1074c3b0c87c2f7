"""Chromium: the project leader changes an item's status, reloads, and finds it saved and logged."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.journeys import login, select_grid_cell, settle
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

# "Planlægningsmøde" in the demo plan; Titel is the first column, Status the fourth (the
# columns a project leader works in come first: Titel, Ansvarlig, Frist, Status, ...)
ROW, TITLE_COLUMN, STATUS_COLUMN = 5, 1, 4
# the plan editor's own grid: the page also shows other tables (changes since the last meeting)
GRID = ".st-key-plan_table [data-testid='stDataFrame']"


def status_cell(page: Page) -> Locator:
    """The accessible (hidden) cell glide keeps in sync with what the canvas draws."""
    return page.locator(f"{GRID} td#glide-cell-{STATUS_COLUMN}-{ROW}")


def go_to_status_cell(page: Page) -> str:
    """Select the row's Status cell (it scrolls into view); return its value."""
    grid = page.locator(GRID)
    expect(grid).to_be_visible(timeout=30_000)
    select_grid_cell(page, grid, row=ROW, column=STATUS_COLUMN, x=300)
    return status_cell(page).text_content() or ""


def test_project_leader_changes_a_status_and_it_is_saved_and_logged(
    app_url: str, page: Page
) -> None:
    login(page, app_url, "projektleder", path="/Handlingsplan?kommune=183")
    expect(page.get_by_role("heading", name="Handlingsplan: Ishøj")).to_be_visible(timeout=30_000)
    expect(page.locator(f"{GRID} td#glide-cell-{TITLE_COLUMN}-{ROW}")).to_have_text(
        "Planlægningsmøde", timeout=30_000
    )
    before = go_to_status_cell(page)
    wanted = "færdig" if before != "færdig" else "i gang"  # idempotent on a shared database
    page.keyboard.press("Enter")
    page.get_by_role("option", name=wanted, exact=True).click()
    expect(status_cell(page)).to_have_text(wanted, timeout=10_000)  # the edit is in the grid
    page.keyboard.press("Escape")
    settle(page)  # no click may land while a script run is being replaced
    page.get_by_role("button", name="Gem ændringer").click()
    expect(page.get_by_text("1 ændring gemt og skrevet i ændringsloggen.")).to_be_visible(
        timeout=30_000
    )
    page.reload()
    expect(page.get_by_role("heading", name="Handlingsplan: Ishøj")).to_be_visible(timeout=30_000)
    expect(page.locator(f"{GRID} td#glide-cell-{TITLE_COLUMN}-{ROW}")).to_have_text(
        "Planlægningsmøde", timeout=30_000
    )
    assert go_to_status_cell(page) == wanted
    screenshot(page, "handlingsplan-gemt")
    page.goto(f"{app_url}/Aendringslog")
    expect(page.get_by_role("heading", name="Ændringslog")).to_be_visible(timeout=30_000)
    log = page.locator("[data-testid='stTable'] td", has_text="Aktivitet «Planlægningsmøde» ændret")
    expect(log.first).to_be_attached(timeout=30_000)
    screenshot(page, "aendringslog-efter-gem")
