"""Chromium: the hotspot journey of issue 16, ending in a reload that proves it was saved.

Ishøj's extract is first replaced (in the database) by the demo extract's background alone, so the
Hotspots page says "Ingen hotspots". Then the police user uploads, on the Data page, the same
background with a planted cluster of 12 burglaries in the last four weeks in one 250 m square
elsewhere in Ishøj; the Hotspots page now shows that square as its one hotspot. The police create a
mobile police station from it; the project leader finds it in Handlingsplan, also after a reload;
the council member sees the hotspot but neither the single incidents nor a proposal button.
"""

import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from dataio.db.engine import make_engine
from dataio.files.incidents import import_incidents
from dataio.seed.demo_incidents import demo_incidents
from models.hotspot_sim import Cluster, plant_cluster
from models.hotspots import cell_id
from tests.e2e.journeys import APP_TIMEOUT, login, settle, wait_for_run_end
from tests.factories import POLICE
from tests.support.browser import screenshot
from tests.support.incident_extracts import ExtractRow, extract

pytestmark = pytest.mark.e2e

SLOW = 60_000  # an import or a save reruns the whole page; two cores shared with other work
CENTRE = (710_125.0, 6_169_375.0)  # the middle of a 250 m square in Ishøj, away from the demo's
CELL = "250m:E710000N6169250"
STATION = f"Mobil politistation ved hotspot, felt {CELL}"


def _extracts(today: date) -> tuple[bytes, bytes]:
    """The demo background without its hotspot, and the same with a planted cluster."""
    background = [
        ExtractRow(i.day, i.x, i.y, i.time_of_day, i.offence, i.address)
        for i in demo_incidents(today=today)
        if not i.in_hotspot
    ]
    points, _ = plant_cluster(
        np.random.default_rng(17),
        Cluster(count=12, radius_m=80.0, x=CENTRE[0], y=CENTRE[1]),
        None,  # type: ignore[arg-type]  # the background is only read for a random centre
        until=today,
    )
    assert {cell_id(p.x, p.y, 250) for p in points} == {CELL}  # all in one square
    planted = [ExtractRow(p.day, p.x, p.y, offence="Indbrud i villa/rækkehus") for p in points]
    return extract(background), extract(sorted(background + planted, key=lambda r: r.day))


def _choose(page: Page, key: str, typed: str) -> None:
    """Pick an option of a keyed select box by typing part of it (the list filters) and Enter."""
    box = page.locator(f".st-key-{key} input").first
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=re.compile(re.escape(typed))).first.wait_for(timeout=SLOW)
    box.press("Enter")
    wait_for_run_end(page)


def _log_out(page: Page) -> None:
    wait_for_run_end(page)
    settle(page)
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=SLOW)


def _plan_shows_the_station(page: Page) -> None:
    """Handlingsplan filtered to the items owned by "Politiet" lists the station."""
    expect(page.get_by_role("heading", name="Handlingsplan: Ishøj")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)
    owners = page.get_by_test_id("stMultiSelect").filter(has_text="Ansvarlig").locator("input")
    owners.first.click()
    owners.first.fill("Politiet")
    page.get_by_role("option", name="Politiet", exact=True).wait_for(timeout=SLOW)
    owners.first.press("Enter")
    owners.first.press("Escape")  # the open list hides the rest of the page from the reader
    wait_for_run_end(page)
    plan = page.locator(".st-key-plan_table td")
    expect(plan.filter(has_text=STATION)).to_have_count(1, timeout=SLOW)


def test_police_import_an_extract_see_the_hotspot_and_plan_a_mobile_police_station(
    app_url: str, browser_db_url: str, page: Page, tmp_path: Path
) -> None:
    today = date.today()
    background, with_cluster = _extracts(today)
    engine = make_engine(browser_db_url)
    try:  # arranged: Ishøj's extract without any hotspot (the demo extract's is removed)
        import_incidents(
            engine, actor=POLICE, municipality_code=183, data=background, file_name="uden.csv"
        )
    finally:
        engine.dispose()
    file = tmp_path / "politiets-udtraek-ishoj.csv"
    file.write_bytes(with_cluster)

    # no hotspot before the import
    login(page, app_url, "politi", path="/Hotspots?kommune=183")
    expect(page.get_by_role("heading", name="Hotspots: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Ingen hotspots blandt "))).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("button", name="Opret: Mobil politistation")).to_have_count(0)

    # the police upload the extract with the cluster on the Data page
    page.goto(app_url + "/Data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("heading", name="Politiets hændelser (enkelte indbrud)")).to_be_visible(
        timeout=SLOW
    )
    settle(page)
    _choose(page, "incidents_municipality", "Ishøj (183)")
    page.locator("[class*='st-key-incidents_upload_'] input[type='file']").set_input_files(
        str(file)
    )
    expect(page.get_by_text(re.compile(r"^Forhåndsvisning: "))).to_be_visible(timeout=SLOW)
    screenshot(page, "hotspots-import-preview")
    settle(page)
    page.get_by_role("button", name="Indlæs udtrækket").click()
    expect(page.get_by_text(re.compile(r"^Indlæst: "))).to_be_visible(timeout=SLOW)

    # the hotspot is there, with the police's own incidents
    page.goto(app_url + "/Hotspots?kommune=183")
    expect(page.get_by_role("heading", name="Hotspots: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^1 hotspot blandt "))).to_be_visible(timeout=SLOW)
    expect(page.get_by_text(f"Hotspot 1 · felt {CELL}")).to_be_visible()
    expect(page.get_by_text("genereret eksempel på politiets udtræk")).to_have_count(0)  # real
    expect(page.get_by_text(re.compile(r"^Politiets hændelser \("))).to_have_count(1)
    screenshot(page, "hotspots-police")

    # a mobile police station from it
    settle(page)
    page.get_by_role("button", name="Opret: Mobil politistation").first.click()
    expect(
        page.get_by_text(
            re.compile(rf"^Mobil politistation .* ved felt {CELL} .*er sat i handlingsplanen\.")
        )
    ).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("heading", name="Indsatser fra hotspots: før og efter")).to_be_visible(
        timeout=SLOW
    )
    expect(page.get_by_text(STATION).first).to_be_visible()
    _log_out(page)

    # the project leader sees it in the plan, also after a reload
    login(page, app_url, "projektleder", path="/Handlingsplan?kommune=183")
    _plan_shows_the_station(page)
    screenshot(page, "hotspots-plan-leader")
    page.reload()
    _plan_shows_the_station(page)
    _log_out(page)

    # the council member sees the hotspot, not the incidents, and takes no proposal
    login(page, app_url, "byraad", path="/Hotspots?kommune=183")
    expect(page.get_by_role("heading", name="Hotspots: Ishøj")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_text(re.compile(r"^1 hotspot blandt "))).to_be_visible(timeout=SLOW)
    expect(page.get_by_text(f"Hotspot 1 · felt {CELL}")).to_be_visible()
    wait_for_run_end(page)
    expect(page.get_by_text(re.compile(r"Politiets hændelser"))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile(r"^Opret: "))).to_have_count(0)
    screenshot(page, "hotspots-council")
