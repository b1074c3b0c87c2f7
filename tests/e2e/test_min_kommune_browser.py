"""Chromium: a council member lands on Min kommune for Ishøj after logging in, sees the three goals,
the changes since the last meeting, the plan items needing attention and the open follow-ups on
one 1280x720 screen in Danish, and follows a link; the project leader lands there too; the
administrator and the police reach it from the menu and pick a municipality."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.journeys import (
    APP_TIMEOUT,
    PAGE_HEADINGS,
    STREAMLIT_ENGLISH,
    login,
    menu_labels,
    open_from_menu,
    settle,
)
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

BOXES = (
    "Indbrud",
    "Nabohjælp",
    "Tryghed",
    "Siden sidste møde",
    "Handlingsplanen",
    "Åbne opfølgninger",
)
ENGLISH = (*STREAMLIT_ENGLISH, "Drag and drop")  # and no file upload on this page
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DANISH_DATE = re.compile(r"\b\d{1,2}\. (jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\.|maj \d{4}")


@pytest.fixture
def screen(browser: Browser) -> Iterator[Page]:
    """A 1280x720 Danish page: the screen Min kommune must fit."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    try:
        yield context.new_page()
    finally:
        context.close()


def box_links(page: Page) -> dict[str, Locator]:
    """The links that head the six boxes, by name."""
    main = page.get_by_test_id("stMain")
    return {name: main.get_by_role("link", name=name, exact=True) for name in BOXES}


def expect_min_kommune(page: Page, name: str) -> None:
    heading = page.get_by_role("heading", name=f"Min kommune: {name}")
    expect(heading.first).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)


def test_council_lands_on_min_kommune_and_sees_it_all_on_one_screen(
    app_url: str, screen: Page
) -> None:
    page = screen
    login(page, app_url, "byraad")  # at the front page
    expect_min_kommune(page, "Ishøj")
    assert "/Min_kommune" in page.url
    main = page.get_by_test_id("stMain")
    text = main.inner_text()
    for word in ENGLISH:
        assert word not in page.locator("body").inner_text(), word
    # the three goals: each a status word and its one sentence
    statuses = re.findall(
        r"På rette vej|Kræver ekstra indsats|Ikke på rette vej|Utilstrækkeligt grundlag|"
        r"Intet rekrutteringsmål|Intet mål|Ingen data endnu",
        text,
    )
    assert len(statuses) == 3, text
    assert re.search(r"Indbrud i beboelser \d{4}: [\d.]+\.", text)
    assert re.search(r"[\d.]+ nabohjælpere pr\. ", text)
    assert re.search(r"Måling \d{4}: [\d,]+ %", text)
    assert re.search(r"(\d+ ændring(er)?|Ingen ændringer) siden \d{1,2}\. [a-z]+\.? \d{4}", text)
    assert re.search(r"\d+ punkt(er)? over fristen, \d+ punkt(er)? med frist inden 30 dage", text)
    assert re.search(r"(\d+ opfølgning(er)?|Ingen åbne opfølgninger) fra tryghedsvandringer", text)
    assert not ISO_DATE.search(text), ISO_DATE.findall(text)
    assert DANISH_DATE.search(text)
    # everything on one 1280x720 screen, without scrolling
    for name, link in box_links(page).items():
        expect(link).to_be_visible()
        box = link.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")  # its box
        bounds = box.bounding_box()
        assert bounds is not None, name
        assert bounds["y"] >= 0 and bounds["y"] + bounds["height"] <= 720, (name, bounds)
        assert bounds["x"] + bounds["width"] <= 1280, (name, bounds)
    screenshot(page, "min-kommune-byraad")

    # a link leads to its page, for the same municipality
    settle(page)
    box_links(page)["Handlingsplanen"].click()
    expect(page.get_by_role("heading", name="Handlingsplan: Ishøj").first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    assert "kommune=183" in page.url
    # back from the menu, and a reload keeps the page (the landing happens only at login)
    open_from_menu(page, "Min kommune")
    expect_min_kommune(page, "Ishøj")
    page.reload()
    expect_min_kommune(page, "Ishøj")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def test_project_leader_lands_on_min_kommune(app_url: str, screen: Page) -> None:
    login(screen, app_url, "projektleder")
    expect_min_kommune(screen, "Ishøj")
    assert menu_labels(screen)[0] == "Min kommune"


@pytest.mark.parametrize(
    ("username", "first", "pick"),
    [("admin", "Ishøj", "Albertslund (165)"), ("politi", "Albertslund", "Ishøj (183)")],
)
def test_admin_and_police_pick_a_municipality(
    app_url: str, screen: Page, username: str, first: str, pick: str
) -> None:
    page = screen
    login(page, app_url, username)
    expect(page.get_by_role("heading", name=PAGE_HEADINGS["Forside"]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    open_from_menu(page, "Min kommune")
    expect_min_kommune(page, first)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").click()
    page.keyboard.type(pick.split(" (")[0])  # the list is long, and drawn only where it shows
    page.get_by_role("option", name=pick, exact=True).click()
    name = pick.split(" (")[0]
    expect_min_kommune(page, name)
    code = pick.split("(")[1].rstrip(")")
    assert f"kommune={code}" in page.url
    page.reload()  # the choice is in the URL
    expect_min_kommune(page, name)
