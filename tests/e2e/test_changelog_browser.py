"""Chromium: the council member reads the change log in Danish words at 1280 px, filters it by
kind of change, and after a reload still finds the changes (they are in the database)."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from dataio.db.engine import make_engine
from dataio.store.neighbour_help import add_activity, add_helper_count
from dataio.store.walks import NewObservation, add_walk
from models.permissions import Actor, Role
from tests.e2e.journeys import login, settle
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

ADMIN = Actor("admin", Role.ADMIN)
LEADER = Actor("projektleder", Role.PROJECT_LEADER, municipality_code=183)
TODAY = date.today()
# what the log said before it spoke Danish: field codes, ISO dates, counts without a dot
CODE_WORDS = re.compile(
    r"helpers:|sign_ups|walk_date|kind:|place:|follow_up|\d{4}-\d{2}-\d{2}|\b1450\b|projektleder\b"
)


def write_changes(database_url: str) -> None:
    """Three audited changes in Ishøj, made with the application's own writes."""
    engine = make_engine(database_url)
    try:
        add_helper_count(engine, actor=ADMIN, municipality_code=183, count_date=TODAY,
                         helpers=1450, nabovenner=120, today=TODAY)  # fmt: skip
        add_activity(engine, actor=ADMIN, municipality_code=183, activity_date=TODAY,
                     kind="messe", place="Ishøj Bycenter", sign_ups=14)  # fmt: skip
        add_walk(engine, actor=LEADER, municipality_code=183, walk_date=date(2026, 12, 2),
                 area="Vejleåparken", observations=[NewObservation("Mørk sti ved skolen")])  # fmt: skip
    finally:
        engine.dispose()


def test_council_reads_the_change_log_in_danish(
    app_url: str, browser_db_url: str, page: Page
) -> None:
    write_changes(browser_db_url)
    page.set_viewport_size({"width": 1280, "height": 720})
    login(page, app_url, "byraad", path="/Aendringslog")
    expect(page.get_by_role("heading", name="Ændringslog")).to_be_visible(timeout=30_000)
    table = page.get_by_test_id("stTable")
    expect(table).to_contain_text("Nabohjælpere: 1.450", timeout=30_000)
    expect(table).to_contain_text("Type: Messe; Sted: Ishøj Bycenter; Tilmeldte: 14")
    expect(table).to_contain_text("Dato for vandringen: 2. dec. 2026")
    expect(table).to_contain_text("Demo Projektleder")
    expect(page.get_by_text(re.compile(r"^Side 1 af \d+$"))).to_be_visible()
    settle(page)
    main = page.get_by_test_id("stMain").inner_text()
    assert not CODE_WORDS.search(main), CODE_WORDS.findall(main)
    # Før and Efter wrap inside the window: the table ends before the right edge of 1280 px
    box = table.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    screenshot(page, "aendringslog-byraad-1280")

    page.get_by_test_id("stSelectbox").filter(has_text="Slags ændring").click()
    page.get_by_role("option", name="Rekrutteringsaktivitet registreret", exact=True).click()
    expect(page.get_by_text(re.compile(r"^1 ændring siden"))).to_be_visible(timeout=30_000)
    expect(table).to_contain_text("Type: Messe")
    expect(table).not_to_contain_text("Nabohjælpere: 1.450")

    page.reload()
    expect(page.get_by_role("heading", name="Ændringslog")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stTable")).to_contain_text("Nabohjælpere: 1.450", timeout=30_000)
    expect(page.get_by_test_id("stTable")).to_contain_text("Type: Messe; Sted: Ishøj Bycenter")
