"""Chromium: surveys as a process (issue 18). The project leader of Ishøj schedules the next survey
round on Tryghed (the dates proposed two years after the last round), records the invitations,
responses and the reminder sent, and reloads; the change is audited. Then the council member sees
the schedule and the response rate, but no form.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from dataio.db.engine import make_engine
from dataio.survey_rounds.schedule import next_round, schedules
from models.formatting import fmt_date
from models.tables import AuditEntry
from tests.e2e.journeys import APP_TIMEOUT, login, settle, wait_for_run_end
from tests.factories import ISHOJ, READER
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

SLOW = 60_000  # a save reruns the whole page; two cores shared with other work


def test_the_project_leader_schedules_the_next_round_and_the_council_reads_it(
    app_url: str, browser_db_url: str, page: Page
) -> None:
    engine = make_engine(browser_db_url)
    planned = next_round(engine, viewer=READER, code=ISHOJ, today=date.today())
    year, reminder = planned.year, planned.reminders[0]
    already = schedules(engine, viewer=READER, code=ISHOJ)
    assert year not in set(already["year"])

    login(page, app_url, "projektleder", path="/Tryghed?kommune=183")
    expect(page.get_by_role("heading", name="Tryghed: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("heading", name="Næste måling")).to_be_visible(timeout=SLOW)
    settle(page)

    # plan the round with the proposed dates
    page.get_by_text(f"Planlæg målingen {year}", exact=True).click()
    expect(page.locator(".st-key-schedule_rem [data-type='year']")).to_have_text(f"{year}")
    settle(page)
    page.get_by_role("button", name="Planlæg målingen").click()
    expect(page.get_by_text(f"Målingen {year} er planlagt.")).to_be_visible(timeout=SLOW)
    wait_for_run_end(page)
    settle(page)

    # record the invitations, the responses and the reminder sent
    page.locator(".st-key-schedule_invitations input").fill("2000")
    page.locator(".st-key-schedule_responses input").fill("866")
    page.locator(".st-key-schedule_sent input").fill(f"{reminder:%d.%m.%Y}")
    status = page.locator(".st-key-schedule_status input").first
    status.click()
    status.fill("I gang")
    page.get_by_role("option", name="I gang").first.wait_for(timeout=SLOW)
    status.press("Enter")
    settle(page)
    page.get_by_role("button", name="Gem forløbet").click()
    expect(page.get_by_text(f"Forløbet af målingen {year} er gemt.")).to_be_visible(timeout=SLOW)
    rate = "Svarprocent 43,3 % (866 af 2.000 inviterede)"
    expect(page.get_by_text(rate)).to_be_visible(timeout=SLOW)
    screenshot(page, "survey-schedule-leader")

    page.reload()  # it is in the database
    expect(page.get_by_text(rate)).to_be_visible(timeout=SLOW)
    wait_for_run_end(page)
    row = schedules(engine, viewer=READER, code=ISHOJ).set_index("year").loc[year]
    assert (row["status"], row["invitations"], row["responses"]) == ("i gang", 2000, 866)
    assert row["reminders_sent_on"] == reminder.isoformat()
    with Session(engine) as session:
        actions = session.exec(
            select(AuditEntry.action).where(
                col(AuditEntry.entity) == "survey_schedule",
                col(AuditEntry.username) == "projektleder",
            )
        ).all()
    assert {"survey_schedule.create", "survey_schedule.update"} <= set(actions)
    engine.dispose()
    settle(page)

    # the council member sees the schedule and the response rate, and no form
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=SLOW)
    login(page, app_url, "byraad", path="/Tryghed?kommune=183")
    expect(page.get_by_role("heading", name="Tryghed: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_text(rate)).to_be_visible(timeout=SLOW)
    wait_for_run_end(page)
    table = page.locator(".st-key-schedule_table")
    expect(table).to_be_visible()
    expect(
        page.get_by_text("Projektlederen planlægger målingerne og registrerer forløbet.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Planlæg målingen")).to_have_count(0)
    expect(page.get_by_role("button", name="Gem forløbet")).to_have_count(0)
    expect(page.get_by_role("button", name="Tilføj spørgsmålet")).to_have_count(0)
    expect(page.get_by_text(re.compile("^Planlæg målingen"))).to_have_count(0)
    cells = table.locator("td")  # glide's accessible cells
    expect(cells.filter(has_text=fmt_date(planned.invitation))).to_have_count(1, timeout=SLOW)
    expect(cells.filter(has_text="43,3 %")).to_have_count(1)
    screenshot(page, "survey-schedule-council")
