"""Chromium: business neighbour-watch (issue 18). The business association's user logs in, creates a
group and an event on Erhverv and reloads; the council member sees the group read-only; the police
user sees it too and has nothing to edit it with."""

import re
import uuid

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.journeys import APP_TIMEOUT, login, settle, wait_for_run_end
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

SLOW = 60_000  # a save reruns the whole page; two cores shared with other work
READ_ONLY = "Erhvervsforeningen og projektlederen ændrer grupperne; du kan læse dem her."


def _choose(page: Page, box: Locator, option_text: str) -> None:
    """Pick an option of a select box: open its list and click the option (again if a rerun of
    the page swallowed the first click)."""
    option = page.get_by_role("option", name=re.compile(re.escape(option_text))).first
    for _attempt in range(3):
        settle(page)
        box.click()
        try:
            option.wait_for(timeout=15_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.click()
        return
    raise AssertionError(f"no option {option_text!r} in the list")


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=SLOW)


def test_the_business_user_creates_a_group_the_council_and_police_read_it(
    app_url: str, page: Page
) -> None:
    # the browser tests share one database: a name of this run's own
    group = f"Ishøj Erhvervspark {uuid.uuid4().hex[:6]}"
    note = f"Sikringstjek hos fem virksomheder ({group})"
    login(page, app_url, "erhverv", path="/Erhverv?kommune=183")
    expect(page.get_by_role("heading", name="Erhverv: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)

    page.get_by_text("Opret eller ret en gruppe", exact=True).click()
    page.locator(".st-key-bg_name_0_0 input").fill(group)
    page.locator(".st-key-bg_area_0_0 input").fill("Ishøj Erhvervspark")
    page.locator(".st-key-bg_members_0_0 input").fill("40")
    page.locator(".st-key-bg_checked_0_0 input").fill("12")
    page.locator(".st-key-bg_contact_0_0 input").fill("Ishøj Erhvervsforening")
    settle(page)
    page.get_by_role("button", name="Opret gruppen").click()
    expect(page.get_by_text(f"Gruppen «{group}» er oprettet.")).to_be_visible(timeout=SLOW)
    groups = page.locator(".st-key-business_group_table td")
    expect(groups.filter(has_text=group)).to_have_count(1, timeout=SLOW)
    wait_for_run_end(page)
    settle(page)

    # an event of the group
    _choose(page, page.locator(".st-key-be_group input").first, group)
    _choose(page, page.locator(".st-key-be_kind input").first, "Sikringstjek")
    page.locator(".st-key-be_note input").fill(note)
    settle(page)
    page.get_by_role("button", name="Registrér aktiviteten").click()
    expect(page.get_by_text("Aktiviteten er registreret.")).to_be_visible(timeout=SLOW)
    events = page.locator(".st-key-business_event_table td")
    expect(events.filter(has_text=note)).to_have_count(1, timeout=SLOW)
    screenshot(page, "business-group-created")

    page.reload()  # both are in the database
    expect(page.locator(".st-key-business_group_table td").filter(has_text=group)).to_have_count(
        1, timeout=SLOW
    )
    expect(page.locator(".st-key-business_event_table td").filter(has_text=note)).to_have_count(
        1, timeout=SLOW
    )
    wait_for_run_end(page)
    settle(page)

    # the project leader keeps the groups too: one more member business
    _log_out(page)
    login(page, app_url, "projektleder", path="/Erhverv?kommune=183")
    expect(page.get_by_role("heading", name="Erhverv: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    page.get_by_text("Opret eller ret en gruppe", exact=True).click()
    box = page.locator(".st-key-business_group_choice input").first
    expect(box).to_be_visible(timeout=SLOW)  # the expander has opened
    settle(page)
    _choose(page, box, group)
    wait_for_run_end(page)
    settle(page)
    members = page.locator("[class*='st-key-bg_members_'] input")
    expect(members).to_have_value("40", timeout=SLOW)
    members.fill("41")
    settle(page)
    page.get_by_role("button", name="Gem gruppen").click()
    expect(page.get_by_text(f"Gruppen «{group}» er gemt.")).to_be_visible(timeout=SLOW)
    wait_for_run_end(page)
    settle(page)

    # the council member and the police read the group, with nothing to edit it with
    for user in ("byraad", "politi"):
        _log_out(page)
        login(page, app_url, user, path="/Erhverv?kommune=183")
        expect(page.get_by_role("heading", name="Erhverv: Ishøj")).to_be_visible(
            timeout=APP_TIMEOUT
        )
        expect(
            page.locator(".st-key-business_group_table td").filter(has_text=group)
        ).to_have_count(1, timeout=SLOW)
        expect(page.get_by_text(READ_ONLY)).to_be_visible(timeout=SLOW)
        wait_for_run_end(page)
        expect(page.get_by_text("Opret eller ret en gruppe")).to_have_count(0)
        expect(page.get_by_role("button", name="Opret gruppen")).to_have_count(0)
        expect(page.get_by_role("button", name="Registrér aktiviteten")).to_have_count(0)
        expect(page.get_by_test_id("stForm")).to_have_count(0)
        screenshot(page, f"business-read-{user}")
        settle(page)
