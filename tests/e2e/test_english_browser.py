"""Chromium: with English chosen (Min konto's choice, stored on the user), every page of every
role's menu shows no Danish string of our catalogue: not in the page's text, not in the menu, not
in its charts' text. Danish stays the default for everyone else.

The partnership's own data (item titles, comments, names typed by its people) is not ours to
translate; none of the demo data's texts is a catalogue string, so nothing is excluded here.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from tests.danish_left import danish_left_in
from tests.e2e.journeys import APP_TIMEOUT, PAGE_PATHS, PASSWORDS, menu_labels, settle

pytestmark = pytest.mark.e2e

ROLES = ("admin", "projektleder", "politi", "byraad", "erhverv")
# the English menu labels and the page each opens (the paths do not change with the language)
ENGLISH_MENU = {
    "My municipality": PAGE_PATHS["Min kommune"],
    "Home": PAGE_PATHS["Forside"],
    "Municipality": PAGE_PATHS["Kommune"],
    "Effect": PAGE_PATHS["Effekt"],
    "Action plan": PAGE_PATHS["Handlingsplan"],
    "My tasks": PAGE_PATHS["Mine opgaver"],
    "Hotspots": PAGE_PATHS["Hotspots"],
    "Neighbour help": PAGE_PATHS["Nabohjælp"],
    "Sense of safety": PAGE_PATHS["Tryghed"],
    "Report": PAGE_PATHS["Rapport"],
    "Meetings": PAGE_PATHS["Møder"],
    "Communication": PAGE_PATHS["Kommunikation"],
    "Business": PAGE_PATHS["Erhverv"],
    "Data": PAGE_PATHS["Data"],
    "Goals": PAGE_PATHS["Mål"],
    "Change log": PAGE_PATHS["Ændringslog"],
    "Administration": PAGE_PATHS["Administration"],
    "My account": PAGE_PATHS["Min konto"],
}


@pytest.fixture
def english(browser_db_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """The role's demo user chooses English for the test (in SQL, without an audit row, so the
    other browser tests' change log is untouched), and Danish again afterwards."""
    username: str = request.param
    engine = create_engine(browser_db_url)

    def choose(language: str) -> None:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE app_user SET language = :language WHERE username = :username"),
                {"language": language, "username": username},
            )
            connection.execute(text("UPDATE data_version SET version = version + 1"))

    choose("en")
    try:
        yield username
    finally:
        choose("da")
        engine.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        yield context.new_page()
    finally:
        context.close()


def _page_text(page: Page) -> str:
    """What a person reads: the page, the sidebar, and the text inside charts (SVG)."""
    body = page.locator("body").inner_text()
    charts = "\n".join(c.text_content() or "" for c in page.locator(".js-plotly-plot").all())
    return body + "\n" + charts


@pytest.mark.parametrize("english", ROLES, indirect=True)
def test_every_page_in_english_has_no_danish_catalogue_string(
    app_url: str, page: Page, english: str
) -> None:
    page.goto(app_url + "/")  # the login form is Danish: nobody is known yet
    page.get_by_label("Brugernavn").fill(english, timeout=APP_TIMEOUT)
    page.get_by_label("Adgangskode").fill(PASSWORDS[english])
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    menu = menu_labels(page)
    assert len(menu) >= 8 and set(menu) <= set(ENGLISH_MENU), menu
    problems: list[str] = []
    for label in menu:
        page.goto(app_url + ENGLISH_MENU[label])  # a full load, as a bookmark opens it
        expect(page.get_by_test_id("stMain").get_by_role("heading").first).to_be_visible(
            timeout=APP_TIMEOUT
        )
        settle(page)
        left = danish_left_in(_page_text(page))
        problems += [f"{label}: {msgid!r}" for msgid in left]
    assert problems == [], f"{english}: Danish left on English pages:\n" + "\n".join(problems)
