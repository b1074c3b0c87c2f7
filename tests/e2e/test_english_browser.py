"""Chromium: with English chosen (Min konto's choice, stored on the user), every page of every
role's menu shows no Danish string of our catalogue: not in the page's text, not in the menu, not
in its charts' text, and the page says `<html lang="en">`. Danish stays the default for everyone
else (tests/e2e/test_every_page_browser.py checks `lang="da"` for the Danish users).

The partnership's own data (item titles, walk areas, follow-ups, names and user names, notes,
the change log's stored summaries) is not ours to translate: those texts are read from the
database and taken out of a line before it is checked, also where a table cuts one short ("…").
Everything else on the page must be English.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from models.change_text import summary_text
from tests.danish_left import danish_left_in
from tests.e2e.journeys import APP_TIMEOUT, PAGE_PATHS, PASSWORDS, menu_labels, settle

pytestmark = pytest.mark.e2e

# Min konto's language choice is labelled in both languages on purpose (whoever cannot read the
# current one finds it)
BILINGUAL = "Sprog / Language"
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


# the columns that hold the partnership's own words (typed by its people, or the guide's template
# titles once a plan is made from them), and the change log's summaries, stored as written
OWN_WORDS = {
    "action_item": ("title", "activity_group", "owner_name", "notes"),
    "safety_walk": ("area", "participants"),
    "walk_observation": ("description", "responsible", "follow_up", "status_note"),
    "app_user": ("username", "display_name"),
    "recruitment_activity": ("place", "note"),
    "business_group": ("name", "area", "contact"),
    "business_event": ("note",),
    "partnership": ("burglary_target_text", "helper_target_text", "note", "published_summary"),
    "audit_entry": ("summary",),
}
SHORTEST_CUT = 8  # a text cut shorter than this (plus "…") is not recognised as the partnership's


@pytest.fixture(scope="module")
def own_words(browser_db_url: str) -> list[str]:
    """The partnership's own texts in the browser tests' database, longest first, the change
    log's summaries both as stored and as the log shows them."""
    engine = create_engine(browser_db_url)
    found: set[str] = set()
    with engine.connect() as connection:
        for table, columns in OWN_WORDS.items():
            for column in columns:
                rows = connection.execute(text(f"SELECT DISTINCT {column} FROM {table}"))
                found |= {str(v).strip() for (v,) in rows if v and str(v).strip()}
        # the change log shows a stored summary with its dates and counts in Danish form
        # (2026-12-07 as 7. dec. 2026, 1450 as 1.450): those forms are the partnership's too
        rows = connection.execute(text("SELECT DISTINCT summary FROM audit_entry"))
        found |= {summary_text(str(v)).strip() for (v,) in rows if v and str(v).strip()}
    engine.dispose()
    return sorted(found, key=len, reverse=True)


def without_own_words(line: str, own: list[str]) -> str:
    """The line without the partnership's texts, whole or cut short with "…"."""
    for words in own:
        if words in line:
            line = line.replace(words, " ")
        for cut in range(min(len(words) - 1, 60), SHORTEST_CUT - 1, -1):
            shortened = words[:cut].rstrip() + "…"
            if shortened in line:
                line = line.replace(shortened, " ")
                break
    return line


def test_own_words_are_taken_out_whole_and_cut_short() -> None:
    own = ["Møder mellem politi og kommune hver uge"]
    assert without_own_words("Møder mellem politi og kommune h…", own).strip() == ""
    assert without_own_words("Status update: Møder mellem politi og kommune hver uge", own) == (
        "Status update:  "
    )
    assert without_own_words("Møder", own) == "Møder"  # too short a cut to be theirs


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
    app_url: str, page: Page, english: str, own_words: list[str]
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
        # the page the server sent says English too (a screen reader picks its voice by it)
        if (lang := page.evaluate("document.documentElement.lang")) != "en":
            problems.append(f'{label}: <html lang="{lang}">, not "en"')
        for line in dict.fromkeys(_page_text(page).splitlines()):
            ours = without_own_words(line.replace(BILINGUAL, ""), own_words)
            problems += [f"{label}: {msgid!r} in «{line[:160]}»" for msgid in danish_left_in(ours)]
    assert problems == [], f"{english}: Danish left on English pages:\n" + "\n".join(problems)
