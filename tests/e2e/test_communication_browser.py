"""Chromium: track 3's journey (issue 18). The project leader of Ishøj logs a piece of coverage and
adds a stakeholder, and a reload finds both (they are in the database); the council member reads
them on Kommunikation with no form, and finds the changes in Ændringslog."""

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import APP_TIMEOUT, login, open_from_menu, settle, wait_for_run_end
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

SLOW = 60_000  # a save reruns the whole page; two cores shared with other work


def test_the_project_leader_logs_press_and_a_stakeholder_the_council_reads(
    app_url: str, page: Page
) -> None:
    mark = uuid.uuid4().hex[:6]  # the browser tests share one database: names of this run's own
    headline, organisation = f"Sådan sikrer du dit hjem {mark}", f"Ishøj Boldklub {mark}"
    login(page, app_url, "projektleder", path="/Kommunikation?kommune=183")
    expect(page.get_by_role("heading", name="Kommunikation: Ishøj")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)

    # a piece of coverage
    page.get_by_text("Ny presseomtale", exact=True).click()
    page.locator(".st-key-press_medium input").fill("Ishøj Avis")
    page.locator(".st-key-press_headline input").fill(headline)
    page.locator(".st-key-press_url input").fill("https://ishoj-avis.dk/artikel")
    settle(page)
    page.get_by_role("button", name="Gem omtalen").click()
    expect(page.get_by_text(f"Omtalen «{headline}» er gemt i presseloggen.")).to_be_visible(
        timeout=SLOW
    )
    press = page.locator(".st-key-press_table td")
    expect(press.filter(has_text=headline)).to_have_count(1, timeout=SLOW)
    wait_for_run_end(page)
    settle(page)

    # a stakeholder
    page.get_by_text("Ny aktør", exact=True).click()
    page.locator(".st-key-stakeholder_organisation input").fill(organisation)
    page.locator(".st-key-stakeholder_contact input").fill("Mette Hansen")
    settle(page)
    page.get_by_role("button", name="Tilføj aktøren").click()
    expect(page.get_by_text(f"Aktøren «{organisation}» er tilføjet.")).to_be_visible(timeout=SLOW)
    register = page.locator(".st-key-stakeholder_table td")
    expect(register.filter(has_text=organisation)).to_have_count(1, timeout=SLOW)
    screenshot(page, "communication-project-leader")

    page.reload()  # both are in the database
    expect(page.get_by_role("heading", name="Kommunikation: Ishøj")).to_be_visible(timeout=SLOW)
    expect(page.locator(".st-key-press_table td").filter(has_text=headline)).to_have_count(
        1, timeout=SLOW
    )
    wait_for_run_end(page)
    settle(page)

    # the council member reads them, with no form
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=SLOW)
    login(page, app_url, "byraad", path="/Kommunikation")
    expect(page.get_by_role("heading", name="Kommunikation: Ishøj")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(page.locator(".st-key-press_table td").filter(has_text=headline)).to_have_count(
        1, timeout=SLOW
    )
    expect(
        page.locator(".st-key-stakeholder_table td").filter(has_text=organisation)
    ).to_have_count(1, timeout=SLOW)
    wait_for_run_end(page)
    expect(page.get_by_text("Projektlederen og politiet registrerer presseomtale")).to_be_visible()
    expect(page.get_by_role("button", name="Gem omtalen")).to_have_count(0)
    expect(page.get_by_role("button", name="Tilføj aktøren")).to_have_count(0)
    expect(page.get_by_text("Ny presseomtale", exact=True)).to_have_count(0)
    screenshot(page, "communication-council")

    # ... and finds both changes in the change log
    settle(page)
    open_from_menu(page, "Ændringslog")
    expect(page.get_by_role("heading", name="Ændringslog")).to_be_visible(timeout=APP_TIMEOUT)
    table = page.get_by_test_id("stTable")
    expect(table).to_contain_text(re.compile(f"Overskrift: {headline}"), timeout=SLOW)
    expect(table).to_contain_text(f"Organisation: {organisation}")
    expect(table).to_contain_text("Demo Projektleder")
