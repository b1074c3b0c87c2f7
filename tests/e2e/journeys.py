"""Steps a person takes in the browser, shared by the end-to-end tests."""

import re

from playwright.sync_api import Locator, Page, expect

from dataio.seed.demo_users import DEMO_USERS

PASSWORDS = {user.username: user.password for user in DEMO_USERS}
LOGIN_TIMEOUT = 30_000


def login(page: Page, base_url: str, username: str, *, path: str = "/") -> None:
    """Open a page, fill the Danish login form as a demo user, and wait for the sidebar menu."""
    page.goto(base_url + path)
    page.get_by_label("Brugernavn").fill(username, timeout=LOGIN_TIMEOUT)
    page.get_by_label("Adgangskode").fill(PASSWORDS[username])
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=LOGIN_TIMEOUT)


# --- more shared steps: the login form, the menu, the end of a script run -----------------

APP_TIMEOUT = 30_000  # a page's first render on a busy machine
COOKIE_TIMEOUT = 10_000  # the page trades its ticket for the login cookie after it has drawn
MENU_LABELS = (
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
    "Administration",
    "Min konto",
)
PAGE_PATHS = {
    "Min kommune": "/Min_kommune",
    "Forside": "/",
    "Kommune": "/Kommune",
    "Effekt": "/Effekt",
    "Handlingsplan": "/Handlingsplan",
    "Mine opgaver": "/Mine_opgaver",
    "Hotspots": "/Hotspots",
    "Nabohjælp": "/Nabohjaelp",
    "Tryghed": "/Tryghed",
    "Rapport": "/Rapport",
    "Møder": "/Moeder",
    "Kommunikation": "/Kommunikation",
    "Data": "/Data",
    "Mål": "/Maal",
    "Ændringslog": "/Aendringslog",
    "Administration": "/Administration",
    "Min konto": "/Min_konto",
}
# the heading each page shows once it is allowed to render ("Kommune: <name>" and the like)
PAGE_HEADINGS = {
    "Min kommune": re.compile(r"^Min kommune: "),
    "Forside": re.compile(r"^Forside: status for måltal$"),
    "Kommune": re.compile(r"^Kommune: "),
    "Effekt": re.compile(r"^Effekt: "),
    "Handlingsplan": re.compile(r"^Handlingsplan: "),
    "Mine opgaver": re.compile(r"^Mine opgaver$"),
    "Hotspots": re.compile(r"^Hotspots: "),
    "Nabohjælp": re.compile(r"^Nabohjælp: "),
    "Tryghed": re.compile(r"^Tryghed: "),
    "Rapport": re.compile(r"^Rapport: mødepakken$"),
    "Møder": re.compile(r"^Møder: "),
    "Kommunikation": re.compile(r"^Kommunikation: "),
    "Data": re.compile(r"^Data$"),
    "Mål": re.compile(r"^Mål$"),
    "Ændringslog": re.compile(r"^Ændringslog$"),
    "Administration": re.compile(r"^Administration$"),
    "Min konto": re.compile(r"^Min konto$"),
}
# where logging in at the front page lands: the roles bound to one municipality on Min kommune
LANDING = {
    "admin": "Forside",
    "politi": "Forside",
    "projektleder": "Min kommune",
    "byraad": "Min kommune",
}
COUNCIL_LANDING = "Min kommune"  # the throwaway users are council members
# Streamlit's own English words that a Danish reader must never meet (its file uploader's
# "Drag and drop file here" and "Limit ... per file" cannot be changed, so they are not here)
STREAMLIT_ENGLISH = (
    "Choose an option",
    "Choose options",
    "Press Enter",
    "No results",
    "No options to select",
    "Select all",
    "This app has encountered an error",
)
NO_ACCESS = "Ingen adgang: din rolle giver ikke adgang til denne side."
# the one answer to every failed login: wrong password, unknown name and locked account alike
WRONG_LOGIN = (
    "Forkert brugernavn eller adgangskode. Efter 5 forkerte forsøg i træk låses kontoen i "
    "15 minutter."
)


def submit_login(
    page: Page, base_url: str, username: str, password: str, *, path: str = "/"
) -> None:
    """Open a page, let it settle, and submit the login form; waits for nothing after the click."""
    page.goto(base_url + path)
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=LOGIN_TIMEOUT)
    settle(page)  # the submission must not be lost to a run still in progress
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def wait_for_run_end(page: Page, *, timeout: float = APP_TIMEOUT) -> None:
    """Wait until Streamlit reports that the current script run has finished."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=timeout
    )


def expect_login_form(page: Page, *, timeout: float = APP_TIMEOUT) -> None:
    """The login form is on the page: subheader, both fields and the button.

    `.first`: while Streamlit reruns, the previous run's elements stay until the new run ends.
    """
    heading = page.get_by_role("heading", name="Log ind", exact=True)
    expect(heading.first).to_be_visible(timeout=timeout)
    expect(page.get_by_label("Brugernavn").first).to_be_visible()
    expect(page.get_by_label("Adgangskode").first).to_be_visible()
    expect(page.get_by_role("button", name="Log ind").first).to_be_visible()


def menu_links(page: Page) -> Locator:
    """The page links the app draws in the sidebar."""
    return page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")


def menu_labels(page: Page) -> list[str]:
    """The labels of the sidebar page links, without their icon names."""
    return [text.strip().splitlines()[-1].strip() for text in menu_links(page).all_inner_texts()]


def expect_no_data(page: Page) -> None:
    """Nothing a logged-out (or refused) visitor may see: charts, maps, tables, menu, Log ud."""
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    expect(page.get_by_test_id("stPageLink-NavLink")).to_have_count(0)
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
    for label, heading in PAGE_HEADINGS.items():
        expect(page.get_by_role("heading", name=heading), label).to_have_count(0)
    link_lines = {
        line.strip()
        for text in page.get_by_role("link").all_inner_texts()
        for line in text.splitlines()
    }
    assert not link_lines & set(MENU_LABELS), (
        f"menu links without login: {link_lines & set(MENU_LABELS)}"
    )


_IDLE_FOR = """([quiet]) => {
  const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
  const now = performance.now();
  if (state !== "notRunning") { window.__botrygtIdleSince = undefined; return false; }
  if (window.__botrygtIdleSince === undefined) window.__botrygtIdleSince = now;
  return now - window.__botrygtIdleSince >= quiet;
}"""


def settle(page: Page, *, quiet_ms: int = 1500, timeout: float = APP_TIMEOUT) -> None:
    """Wait until no script run has started for quiet_ms (returns as soon as that holds).

    A click that lands while a run is still in progress can be replaced by the next run Streamlit
    starts (before the app drew its login cookie from the server, a cookie component answered every
    page with a rerun of its own), so tests let the page settle before they press a button that
    must take effect.
    """
    page.evaluate("window.__botrygtIdleSince = undefined")
    page.wait_for_function(_IDLE_FOR, arg=[quiet_ms], polling=50, timeout=timeout)


def open_from_menu(page: Page, label: str) -> None:
    """Let the page settle (see `settle`), then click the sidebar link with this label."""
    settle(page)
    menu_links(page).filter(has=page.get_by_text(label, exact=True)).click()


GRID_HEADER_PX, GRID_ROW_PX = 35, 35  # the data editor's header and row heights


def select_grid_cell(page: Page, grid: Locator, *, row: int, column: int, x: float = 100) -> None:
    """Select a data editor's cell: a click on its row, Home, then right to the column.

    The grid is a canvas, so the click goes by position; a run that ends between measuring and
    clicking can move the grid by a row. The accessible cell glide keeps says whether the cell is
    the selected one: until it is, measure and click again."""
    cell = grid.locator(f"td#glide-cell-{column}-{row}")
    for _ in range(3):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        y = box["y"] + GRID_HEADER_PX + row * GRID_ROW_PX + GRID_ROW_PX / 2
        page.mouse.click(box["x"] + x, y)
        page.keyboard.press("Home")
        for _ in range(column - 1):
            page.keyboard.press("ArrowRight")
        try:
            expect(cell).to_have_attribute("aria-selected", "true", timeout=3_000)
            return
        except AssertionError:
            settle(page)
    expect(cell).to_have_attribute("aria-selected", "true")
