"""Chromium: the meeting journey of issue 17, ending in reloads that prove it was saved.

The project leader creates a meeting (its agenda drafted from the status), records a decision that
puts an item owned by the police user, with a due date, in the plan and reloads; then the police
user logs in and finds the item in Handlingsplan, as theirs, and in Mine opgaver; makes a calendar
address on Min konto; and the feed at that address parses strictly as iCalendar with the item's
event on its due date and the meeting's event.
"""

import re
import uuid
from datetime import date, timedelta

import icalendar
import pytest
from playwright.sync_api import Locator, Page, expect

from models.formatting import fmt_date
from tests.e2e.journeys import APP_TIMEOUT, login, open_from_menu, settle, wait_for_run_end
from tests.support.appserver import http_get
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

SLOW = 60_000  # a save reruns the whole page; two cores shared with other work
POLICE_NAME = "Demo Politi (Københavns Vestegn)"


def _choose(page: Page, box: Locator, typed: str) -> None:
    """Pick an option of a select box by typing part of it (the list filters) and Enter."""
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=re.compile(re.escape(typed))).first.wait_for(timeout=SLOW)
    box.press("Enter")


def test_a_decision_at_a_meeting_puts_an_item_for_the_police_in_the_plan(
    app_url: str, page: Page
) -> None:
    # the browser tests share one database: names of this run's own
    mark = uuid.uuid4().hex[:6]
    due = date.today() + timedelta(days=14)
    title, item = f"Styregruppemøde {mark}", f"Nabohjælp-stand i Ishøj Bycenter {mark}"
    login(page, app_url, "projektleder", path="/Moeder?kommune=183")
    expect(page.get_by_role("heading", name="Møder: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)

    # a new meeting: the agenda comes drafted from the status
    page.get_by_text("Nyt møde", exact=True).click()
    agenda = page.locator(".st-key-meeting_agenda textarea")
    expect(agenda).to_have_value(re.compile(r"^1\. Velkomst og godkendelse af dagsorden\n"))
    page.locator(".st-key-meeting_title input").fill(title)
    page.locator(".st-key-meeting_participants textarea").fill(
        "Projektleder Ishøj, Københavns Vestegns Politi"
    )
    settle(page)
    page.get_by_role("button", name="Opret mødet").click()
    expect(page.get_by_text(f"Mødet «{title}» er oprettet.")).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("heading", name=re.compile(f"^{title}, "))).to_be_visible(timeout=SLOW)
    wait_for_run_end(page)
    settle(page)

    # a decision that creates a plan item for the police user
    page.locator(".st-key-decision_text textarea").fill("Politiet holder en nabohjælp-stand")
    page.get_by_text("Opret aktivitet i handlingsplanen").click()
    page.locator(".st-key-decision_item_title input").fill(item)
    _choose(page, page.locator(".st-key-decision_owner input").first, "Demo Politi")
    _choose(page, page.locator(".st-key-decision_organisation input").first, "politi")
    due_field = page.locator(".st-key-decision_due")  # react-aria: a spin button per part
    due_field.locator("[data-type='day']").click()
    page.keyboard.type(f"{due:%d%m%Y}")  # each part moves on to the next when it is full
    page.keyboard.press("Tab")
    expect(due_field.locator("[data-type='day']")).to_have_text(f"{due:%d}")
    expect(due_field.locator("[data-type='month']")).to_have_text(f"{due:%m}")
    expect(due_field.locator("[data-type='year']")).to_have_text(f"{due:%Y}")
    settle(page)
    page.get_by_role("button", name="Registrér beslutningen").click()
    expect(
        page.get_by_text(re.compile(f"aktiviteten «{item}» står nu i handlingsplanen"))
    ).to_be_visible(timeout=SLOW)
    decisions = page.locator(".st-key-decision_table td")
    expect(decisions.filter(has_text=item)).to_have_count(1, timeout=SLOW)
    expect(decisions.filter(has_text=POLICE_NAME)).to_have_count(1)
    expect(decisions.filter(has_text=fmt_date(due))).to_have_count(1)  # the item's due date
    screenshot(page, "meetings-decision")

    page.reload()  # the meeting (remembered in ?moede=) and its decision are in the database
    expect(page.get_by_role("heading", name=re.compile(f"^{title}, "))).to_be_visible(timeout=SLOW)
    expect(page.locator(".st-key-decision_table td").filter(has_text=item)).to_have_count(
        1, timeout=SLOW
    )
    wait_for_run_end(page)
    settle(page)

    # the police user sees the item in the plan, as theirs
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=SLOW)
    login(page, app_url, "politi", path="/Handlingsplan?kommune=183")
    expect(page.get_by_role("heading", name="Handlingsplan: Ishøj")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)
    owners = page.get_by_test_id("stMultiSelect").filter(has_text="Ansvarlig").locator("input")
    _choose(page, owners.first, POLICE_NAME)  # the plan filtered to the police user's items
    owners.first.press("Escape")  # the open list hides the rest of the page from the reader
    wait_for_run_end(page)
    plan = page.locator(".st-key-plan_table td")
    expect(plan.filter(has_text=item)).to_have_count(1, timeout=SLOW)
    screenshot(page, "meetings-plan-police")

    # ... and in Mine opgaver
    open_from_menu(page, "Mine opgaver")
    expect(page.get_by_role("heading", name="Mine opgaver")).to_be_visible(timeout=APP_TIMEOUT)
    mine = page.get_by_test_id("stDataFrame").first.locator("td")  # glide's accessible cells
    expect(mine.filter(has_text=item)).to_have_count(1, timeout=SLOW)
    screenshot(page, "meetings-my-tasks-police")

    # a calendar address, shown once on Min konto; the feed there has the item and the meeting
    open_from_menu(page, "Min konto")
    expect(page.get_by_role("heading", name="Min konto")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    page.get_by_role("button", name="Ny kalenderadresse").click()
    address = page.get_by_test_id("stCode").filter(has_text="/kalender/")
    expect(address).to_have_count(1, timeout=SLOW)
    url = (address.text_content() or "").strip()
    assert re.fullmatch(re.escape(app_url) + r"/kalender/[^/]+\.ics", url), url
    feed = http_get(url, timeout=30)
    assert feed is not None, f"the feed at {url} did not answer"
    calendar = icalendar.Calendar.from_ical(feed)
    assert calendar.errors == []  # strict: nothing icalendar had to skip or guess
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    [mine_event] = [e for e in events.values() if str(e["SUMMARY"]) == item]
    assert str(mine_event["UID"]).startswith("botrygt-action-item-")
    assert mine_event.decoded("DTSTART") == due
    meeting_events = [
        e
        for uid, e in events.items()
        if uid.startswith("botrygt-meeting-") and str(e["SUMMARY"]) == f"Møde: {title}"
    ]
    assert len(meeting_events) == 1, sorted(str(e["SUMMARY"]) for e in events.values())
