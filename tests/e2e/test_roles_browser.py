"""Chromium: the login guard, what each role sees and may open, editing with an audit trail, logout,
lockout and disabled users, against the app started the way `make run` starts it.

All browser tests share one app server and one demo database: these tests never lock or change
the demo users; anything that writes or locks uses a throwaway user of its own.
"""

import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from dataio.db.engine import make_engine
from dataio.store.users import add_user, find_user, is_locked, set_active
from models.permissions import Role
from tests.e2e.journeys import (
    APP_TIMEOUT,
    COOKIE_TIMEOUT,
    COUNCIL_LANDING,
    LANDING,
    MENU_LABELS,
    NO_ACCESS,
    PAGE_HEADINGS,
    PAGE_PATHS,
    WRONG_LOGIN,
    expect_login_form,
    expect_no_data,
    login,
    menu_labels,
    menu_links,
    open_from_menu,
    settle,
    submit_login,
    wait_for_run_end,
)
from tests.factories import ADMIN, ISHOJ
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e

DISABLED = "Din bruger er deaktiveret eller findes ikke længere."

# role -> (sidebar caption, the menu it must show, in the app's order)
ROLES = {
    "admin": ("Demo Administrator · administrator", MENU_LABELS),
    "projektleder": (
        "Demo Projektleder (Ishøj) · projektleder",
        (
            "Min kommune",
            "Forside",
            "Kommune",
            "Effekt",
            "Handlingsplan",
            "Mine opgaver",
            "Hotspots",
            "Nabohjælp",
            "Tryghed",
            "Rapport",
            "Møder",
            "Kommunikation",
            "Data",
            "Mål",
            "Ændringslog",
            "Min konto",
        ),
    ),
    "politi": (
        "Demo Politi (Københavns Vestegn) · politi",
        (
            "Min kommune",
            "Forside",
            "Kommune",
            "Effekt",
            "Handlingsplan",
            "Mine opgaver",
            "Hotspots",
            "Nabohjælp",
            "Tryghed",
            "Rapport",
            "Møder",
            "Kommunikation",
            "Data",  # the police's own incident extract (and the district's helper counts)
            "Mål",  # the district's helper goals
            "Ændringslog",
            "Min konto",
        ),
    ),
    "byraad": (
        "Demo Byrådsmedlem (Ishøj) · byråd",
        (
            "Min kommune",
            "Forside",
            "Kommune",
            "Effekt",
            "Handlingsplan",
            "Hotspots",
            "Nabohjælp",
            "Tryghed",
            "Rapport",
            "Møder",
            "Kommunikation",
            "Ændringslog",
            "Min konto",
        ),
    ),
}


@dataclass(frozen=True)
class ThrowawayUser:
    """A user made for one test, so that the demo users are never locked or changed."""

    username: str
    password: str
    display_name: str


@pytest.fixture
def db_engine(app_url: str, browser_db_url: str) -> Iterator[Engine]:
    """An engine on the database the running app reads (the app is started first)."""
    engine = make_engine(browser_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def throwaway_user(db_engine: Engine) -> ThrowawayUser:
    """A fresh council member for Ishøj, created directly in the app's database."""
    username = f"e2e-{uuid.uuid4().hex[:10]}"
    password = f"pw-{uuid.uuid4().hex[:12]}"
    display_name = f"Testbruger {username}"
    add_user(
        db_engine,
        actor=ADMIN,
        username=username,
        display_name=display_name,
        role=Role.COUNCIL,
        password=password,
        municipality_code=ISHOJ,
    )
    return ThrowawayUser(username=username, password=password, display_name=display_name)


def _audit_count(page: Page) -> int:
    """The number of entries the Ændringslog caption reports ("12 ændringer siden ...")."""
    caption = page.get_by_text(re.compile(r"ændring(er)? siden")).first
    expect(caption).to_be_visible(timeout=APP_TIMEOUT)
    match = re.search(r"([\d.]+) ændring(?:er)? siden", caption.inner_text())
    assert match is not None, caption.inner_text()
    return int(match.group(1).replace(".", ""))


def _audit_cells(page: Page, expected_entries: int) -> Locator:
    """The Ændringslog table's cells, once the grid has drawn them (none when the log is empty)."""
    cells = page.get_by_test_id("stTable").locator("td")
    if expected_entries:
        expect(cells.first).to_be_attached(timeout=APP_TIMEOUT)
    else:
        expect(page.get_by_text("Ingen ændringer i perioden.")).to_be_visible()
    return cells


# --- 1. no login, no data -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="forside"),
        pytest.param("/Kommune?kommune=183", id="kommune"),
        pytest.param("/Handlingsplan?kommune=183", id="handlingsplan"),
        pytest.param("/Data", id="data"),
        pytest.param("/Aendringslog", id="aendringslog"),
        pytest.param("/Maal", id="maal"),
        pytest.param("/Administration", id="administration"),
        pytest.param("/Min_konto", id="min_konto"),
    ],
)
def test_deep_link_without_login_shows_only_the_login_form(
    app_url: str, page: Page, path: str
) -> None:
    page.goto(app_url + path)
    expect_login_form(page)
    expect(page.get_by_text("Demo-tilstand.", exact=False)).to_be_visible()
    wait_for_run_end(page)
    expect_no_data(page)
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text("Ishøj", exact=True)).to_have_count(0)
    assert page.get_by_role("heading").all_inner_texts() == ["Log ind"]
    if path == "/Administration":
        screenshot(page, "deeplink-administration-not-logged-in")


# --- 2. each role: its menu, and the pages it may not open -----------------------------------


@pytest.mark.parametrize("username", list(ROLES))
def test_role_sees_its_menu_and_is_refused_other_pages(
    app_url: str, page: Page, username: str
) -> None:
    caption, allowed = ROLES[username]
    login(page, app_url, username)
    expect(page.get_by_role("heading", name=PAGE_HEADINGS[LANDING[username]]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(caption, exact=True)).to_be_visible()
    expect(menu_links(page).first).to_be_visible()  # drawn in the same run as the page
    assert menu_labels(page) == list(allowed)
    if LANDING[username] == "Forside":
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=APP_TIMEOUT)
    screenshot(page, f"role-{username}")

    # every page in the menu opens (by its link) without a refusal
    for label in allowed:
        open_from_menu(page, label)
        expect(page.get_by_role("heading", name=PAGE_HEADINGS[label]).first, label).to_be_visible(
            timeout=APP_TIMEOUT
        )
        expect(page.get_by_text(NO_ACCESS), label).to_have_count(0)

    # every other page, opened by URL, refuses: no heading, no form, no edit buttons
    for label in (label for label in MENU_LABELS if label not in allowed):
        page.goto(app_url + PAGE_PATHS[label])
        expect(page.get_by_text(NO_ACCESS), label).to_be_visible(timeout=APP_TIMEOUT)
        expect(page.get_by_role("button", name="Log ud")).to_be_visible()
        assert menu_labels(page) == list(allowed), label
        expect(page.get_by_role("heading", name=PAGE_HEADINGS[label]), label).to_have_count(0)
        expect(page.get_by_test_id("stForm"), label).to_have_count(0)
        expect(page.get_by_role("button", name="Gem mål"), label).to_have_count(0)
        expect(page.get_by_role("button", name="Opret bruger"), label).to_have_count(0)
        expect(page.get_by_test_id("stDataFrame"), label).to_have_count(0)
        expect(page.get_by_test_id("stTable"), label).to_have_count(0)


# --- 3. the council can neither edit nor see user administration -----------------------------


def test_council_cannot_edit_or_see_user_administration(
    app_url: str, page: Page, browser: Browser, throwaway_user: ThrowawayUser
) -> None:
    created = f"Bruger {throwaway_user.username} oprettet"

    # control: the administrator does see the entry the throwaway user's creation wrote
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    try:
        admin_page = context.new_page()
        login(admin_page, app_url, "admin", path="/Aendringslog")
        cells = _audit_cells(admin_page, _audit_count(admin_page))
        expect(cells.filter(has_text=created)).to_have_count(1, timeout=APP_TIMEOUT)
    finally:
        context.close()

    login(page, app_url, "byraad", path="/Maal")
    expect(page.get_by_text(NO_ACCESS)).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("button", name="Gem mål")).to_have_count(0)
    expect(page.get_by_test_id("stForm")).to_have_count(0)

    page.goto(app_url + "/Administration")
    expect(page.get_by_text(NO_ACCESS)).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("button", name="Opret bruger")).to_have_count(0)
    expect(page.get_by_text("Opret bruger")).to_have_count(0)
    expect(page.get_by_test_id("stForm")).to_have_count(0)

    page.goto(app_url + "/Aendringslog")
    expect(page.get_by_role("heading", name="Ændringslog").first).to_be_visible(timeout=APP_TIMEOUT)
    cells = _audit_cells(page, _audit_count(page))
    wait_for_run_end(page)
    expect(cells.filter(has_text=re.compile(r"Bruger .+ oprettet"))).to_have_count(0)
    expect(page.get_by_text(throwaway_user.username)).to_have_count(0)
    screenshot(page, "byraad-aendringslog")


# --- 4. a project leader edits Ishøj's goal and finds it in the log ---------------------------


def test_project_leader_edits_goal_and_sees_audit_entry(app_url: str, page: Page) -> None:
    login(page, app_url, "projektleder", path="/Aendringslog")
    expect(page.get_by_role("heading", name="Ændringslog").first).to_be_visible(timeout=APP_TIMEOUT)
    before = _audit_count(page)

    open_from_menu(page, "Mål")
    expect(page.get_by_role("heading", name="Mål", exact=True).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    create = page.get_by_role("button", name="Opret eget indbrudsmål")
    save = page.get_by_role("button", name="Gem mål")
    chooser = page.locator(".st-key-goal_choice")  # shown once Ishøj has any goal of its own
    expect(create.or_(chooser).first).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)  # a click just before another run starts can be dropped
    created_goal = create.is_visible()  # first run on this database: Ishøj has no goal of its own
    if created_goal:
        create.click()
        expect(create).to_have_count(0, timeout=APP_TIMEOUT)
    # other journeys may have given Ishøj a helper goal too: pick the burglary goal
    expect(chooser).to_be_visible(timeout=APP_TIMEOUT)
    if "Indbrud · Ishøj" not in chooser.inner_text():
        chooser.click()
        page.get_by_role("option", name="Indbrud · Ishøj", exact=True).click()
    expect(page.get_by_role("heading", name="Indbrud · Ishøj").first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    expect(save).to_be_visible()

    settle(page)
    target_year = page.get_by_label("Målår", exact=True)
    changes_year = target_year.input_value() != "2029"  # not on a second run on this database
    target_year.fill("2029")
    save.click()
    expect(page.get_by_text("Målet er gemt og skrevet i ændringsloggen.")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    screenshot(page, "projektleder-maal-gemt")

    open_from_menu(page, "Ændringslog")
    expect(page.get_by_role("heading", name="Ændringslog").first).to_be_visible(timeout=APP_TIMEOUT)
    expected = before + (2 if created_goal else 1)
    expect(page.get_by_text(re.compile(rf"^{expected} ændring(er)? siden")).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    cells = _audit_cells(page, expected)
    expect(cells.filter(has_text="Mål for Ishøj").first).to_be_attached(timeout=APP_TIMEOUT)
    # newest first: the top row is this edit, by the project leader, with the new target year
    newest = page.get_by_test_id("stTable").locator("tr").filter(has=page.locator("td"))
    first_row = newest.first
    expect(first_row).to_contain_text(re.compile(r"Mål for Ishøj \(\w+\) ændret"))
    expect(first_row).to_contain_text("Demo Projektleder")  # the display name, not the username
    if changes_year:  # the log shows the fields that changed: the year, before and after
        before_cell, after_cell = first_row.locator("td").nth(3), first_row.locator("td").nth(4)
        expect(after_cell).to_contain_text("2029")
        expect(before_cell).not_to_contain_text("2029")
    screenshot(page, "projektleder-aendringslog")


# --- 5. logout sticks --------------------------------------------------------------------------


def wait_for_login_cookie(page: Page, *, timeout_s: float = 20.0) -> None:
    """The server writes the login cookie after the page has drawn; a reload before
    that (milliseconds after the login on a busy machine) would rightly find no cookie."""
    deadline = time.monotonic() + timeout_s
    while not any(c["name"] == "botrygt_login" for c in page.context.cookies()):
        assert time.monotonic() < deadline, "the login cookie was never written"
        page.wait_for_timeout(200)


def test_logout_survives_a_reload(app_url: str, page: Page) -> None:
    login(page, app_url, "politi")
    wait_for_login_cookie(page)
    page.reload()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("heading", name=PAGE_HEADINGS["Forside"]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)  # the click must not be lost to a run still in progress

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible(timeout=APP_TIMEOUT)

    page.reload()
    expect_login_form(page, timeout=APP_TIMEOUT)
    # the old cookie is refused on the server: nothing a moment later may log the user in again
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0, timeout=COOKIE_TIMEOUT)
    expect(page.get_by_text("Demo-tilstand.", exact=False)).to_be_visible()
    wait_for_run_end(page, timeout=COOKIE_TIMEOUT)
    expect_login_form(page)
    expect_no_data(page)


# --- 6. lockout ----------------------------------------------------------------------------------


def _failed_login_answers(page: Page, app_url: str, username: str, passwords: list[str]) -> list:
    """The messages the login form gives for each password in turn (and that nobody got in)."""
    answers = []
    for password in passwords:
        submit_login(page, app_url, username, password)
        expect(page.get_by_text("Forkert brugernavn")).to_be_visible(timeout=APP_TIMEOUT)
        wait_for_run_end(page)
        expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
        alerts = [t.strip() for t in page.get_by_test_id("stAlert").all_inner_texts()]
        answers.append([text for text in alerts if "Demo-tilstand" not in text])
    return answers


def test_five_wrong_passwords_lock_the_account(
    app_url: str, page: Page, db_engine: Engine, throwaway_user: ThrowawayUser
) -> None:
    wrong = [f"not-the-password-{attempt}" for attempt in range(1, 6)]
    answers = _failed_login_answers(page, app_url, throwaway_user.username, wrong)
    assert answers == [[WRONG_LOGIN]] * 5
    user = find_user(db_engine, username=throwaway_user.username)
    assert user is not None and is_locked(user)

    # locked: even the right password is refused, with the very same answer
    submit_login(page, app_url, throwaway_user.username, throwaway_user.password)
    expect(page.get_by_text(WRONG_LOGIN)).to_be_visible(timeout=APP_TIMEOUT)
    wait_for_run_end(page)
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0, timeout=COOKIE_TIMEOUT)
    expect_login_form(page)
    expect_no_data(page)
    screenshot(page, "lockout-right-password-refused")


def test_an_unknown_name_gets_the_answers_a_real_one_gets(app_url: str, page: Page) -> None:
    """Six wrong passwords for a name nobody has: the same six answers as for a real account
    that locks on the fifth (the lockout does not tell which names exist)."""
    unknown = f"nobody-{uuid.uuid4().hex[:8]}"
    answers = _failed_login_answers(page, app_url, unknown, [f"guess-{n}" for n in range(6)])
    assert answers == [[WRONG_LOGIN]] * 6


# --- 7. wrong password -------------------------------------------------------------------------


def test_wrong_password_is_refused_without_data(
    app_url: str, page: Page, throwaway_user: ThrowawayUser
) -> None:
    submit_login(page, app_url, throwaway_user.username, "wrong-password-1", path="/Kommune")
    expect(page.get_by_text(WRONG_LOGIN)).to_be_visible(timeout=APP_TIMEOUT)
    wait_for_run_end(page)
    expect_login_form(page)
    expect_no_data(page)
    expect(page.get_by_text(throwaway_user.display_name)).to_have_count(0)


# --- 8. a disabled user is thrown out ------------------------------------------------------------


def test_disabled_user_is_logged_out(
    app_url: str, page: Page, db_engine: Engine, throwaway_user: ThrowawayUser
) -> None:
    submit_login(page, app_url, throwaway_user.username, throwaway_user.password)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("heading", name=PAGE_HEADINGS[COUNCIL_LANDING]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )

    settle(page)  # no rerun may come between the disabling and the click below
    set_active(db_engine, actor=ADMIN, username=throwaway_user.username, active=False)

    # the same session moves on: the guard reads the user afresh and refuses
    open_from_menu(page, "Ændringslog")
    expect(page.get_by_text(DISABLED)).to_be_visible(timeout=APP_TIMEOUT)
    expect_login_form(page)
    wait_for_run_end(page)
    expect(page.get_by_role("heading", name="Ændringslog")).to_have_count(0)
    expect_no_data(page)
    screenshot(page, "disabled-user-thrown-out")

    # a reload (the login cookie may still be there) does not let the user back in
    page.reload()
    expect_login_form(page)
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0, timeout=COOKIE_TIMEOUT)
    wait_for_run_end(page, timeout=COOKIE_TIMEOUT)
    expect_no_data(page)
