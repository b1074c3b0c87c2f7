"""Chromium: a session ends everywhere at once, bad cookies are no cookies, the cookie is HttpOnly,
/media/ files need a valid login, and a view costs one script run.

Two browser contexts are two devices of one person: what one does (log out, change the password)
or an administrator does (reset it, disable the user) ends the other's session at its next click.
"""

import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dataio.store.users import find_user
from tests.e2e.journeys import (
    APP_TIMEOUT,
    COUNCIL_LANDING,
    PAGE_HEADINGS,
    PASSWORDS,
    expect_login_form,
    expect_no_data,
    login,
    open_from_menu,
    settle,
    submit_login,
    wait_for_run_end,
)
from tests.e2e.test_roles_browser import (  # noqa: F401 (fixtures)
    ThrowawayUser,
    db_engine,
    throwaway_user,
    wait_for_login_cookie,
)
from tests.support.appserver import BROWSER_COOKIE_KEY
from tests.support.browser import screenshot

# PyJWT's types want a key even for alg none (typed Any: the key types come from cryptography)
NO_KEY: Any = None

pytestmark = pytest.mark.e2e

COOKIE = "botrygt_login"
ENDED = "Du er logget ud, fordi din bruger er logget ud et andet sted"
DISABLED = "Din bruger er deaktiveret eller findes ikke længere."
ENGLISH_ERROR = "This app has encountered an error"


class RunCounter:
    """Counts the script runs the server starts for a page, from the page's websocket frames.

    Streamlit opens every run with a `new_session` ForwardMsg (app_session.py, SCRIPT_STARTED),
    so counting those counts runs exactly, however fast a run is. The page's own
    `data-test-script-state` attribute is no counter: a cached page can run in a few milliseconds,
    and React may then never draw "running" at all (two CI runs counted 0 for Forside that way).
    Frames are handled while Playwright waits, so read `runs` after `settle`.
    """

    def __init__(self, page: Page) -> None:
        self.runs = 0
        page.on("websocket", self._watch)

    def _watch(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes) and ForwardMsg.FromString(payload).HasField("new_session"):
            self.runs += 1


@pytest.fixture
def contexts() -> Iterator[list[BrowserContext]]:
    """The browser contexts (devices) a test opens, closed afterwards."""
    made: list[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def new_page(browser: Browser, contexts: list[BrowserContext]) -> Page:
    """A page in a context (device) of its own."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    contexts.append(context)
    return context.new_page()


def logged_in(page: Page, app_url: str, username: str, password: str) -> None:
    submit_login(page, app_url, username, password)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=APP_TIMEOUT)
    expect(page.get_by_role("heading", name=PAGE_HEADINGS[COUNCIL_LANDING]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    wait_for_login_cookie(page)
    settle(page)


def expect_thrown_out(page: Page, message: str) -> None:
    """The next click lands on the login form with the reason, and shows nothing else."""
    open_from_menu(page, "Ændringslog")
    expect(page.get_by_text(message)).to_be_visible(timeout=APP_TIMEOUT)
    expect_login_form(page)
    wait_for_run_end(page)
    expect(page.get_by_role("heading", name="Ændringslog")).to_have_count(0)
    expect_no_data(page)
    # and its cookie is dead too: a reload does not bring the session back
    page.reload()
    expect_login_form(page)
    wait_for_run_end(page)
    expect(page.get_by_role("button", name="Log ud")).to_have_count(0)
    expect_no_data(page)


def admin_form(page: Page, app_url: str, tab: str, username: str) -> None:
    """The administrator opens Administration, picks a tab and, in it, the user."""
    login(page, app_url, "admin", path="/Administration")
    expect(page.get_by_role("heading", name="Administration").first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    settle(page)
    page.get_by_role("tab", name=tab).click()
    panel = page.get_by_role("tabpanel").filter(visible=True)
    panel.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=username, exact=True).click()
    expect(panel.get_by_role("combobox", name="Bruger")).to_have_value(username)


def change_own_password(page: Page, old: str, new: str) -> None:
    open_from_menu(page, "Min konto")
    expect(page.get_by_role("heading", name="Min konto").first).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    page.get_by_label("Nuværende adgangskode").fill(old)
    page.get_by_label("Ny adgangskode (mindst 10 tegn)").fill(new)
    page.get_by_label("Gentag ny adgangskode").fill(new)
    page.get_by_role("button", name="Skift adgangskode").click()
    expect(page.get_by_text("Adgangskoden er skiftet.")).to_be_visible(timeout=APP_TIMEOUT)


@pytest.mark.parametrize("how", ["logout", "password change", "admin reset", "disable"])
def test_ending_a_session_in_one_place_ends_it_in_the_other(
    app_url: str,
    browser: Browser,
    contexts: list[BrowserContext],
    throwaway_user: ThrowawayUser,  # noqa: F811
    how: str,
) -> None:
    user = throwaway_user
    other = new_page(browser, contexts)  # the device that is not touched
    logged_in(other, app_url, user.username, user.password)
    actor = new_page(browser, contexts)
    message = ENDED
    if how == "logout":
        logged_in(actor, app_url, user.username, user.password)
        actor.get_by_role("button", name="Log ud").click()
        expect(actor.get_by_text("Du er logget ud.")).to_be_visible(timeout=APP_TIMEOUT)
    elif how == "password change":
        logged_in(actor, app_url, user.username, user.password)
        change_own_password(actor, user.password, "en-helt-ny-kode-9")
        # the device that changed it stays logged in, across a reload too (its new cookie)
        settle(actor)
        actor.reload()
        expect(actor.get_by_role("heading", name="Min konto").first).to_be_visible(
            timeout=APP_TIMEOUT
        )
        open_from_menu(actor, "Forside")
        expect(actor.get_by_role("heading", name=PAGE_HEADINGS["Forside"]).first).to_be_visible(
            timeout=APP_TIMEOUT
        )
        expect(actor.get_by_role("button", name="Log ud")).to_be_visible()
    elif how == "admin reset":
        admin_form(actor, app_url, "Nulstil adgangskode", user.username)
        actor.get_by_label("Ny adgangskode (mindst 10 tegn)").fill("nulstillet-af-admin-1")
        actor.get_by_role("button", name="Nulstil adgangskode").click()
        expect(actor.get_by_text(f"Adgangskoden for {user.username} er nulstillet")).to_be_visible(
            timeout=APP_TIMEOUT
        )
    else:
        admin_form(actor, app_url, "Deaktivér/aktivér", user.username)
        actor.get_by_role("button", name="Deaktivér", exact=True).click()
        expect(actor.get_by_text(f"{user.username} er deaktiveret")).to_be_visible(
            timeout=APP_TIMEOUT
        )
        message = DISABLED
    expect_thrown_out(other, message)
    screenshot(other, f"session-ended-by-{how.replace(' ', '-')}")


def test_re_enabling_a_user_does_not_bring_back_an_old_cookie(
    app_url: str,
    browser: Browser,
    contexts: list[BrowserContext],
    throwaway_user: ThrowawayUser,  # noqa: F811
) -> None:
    device = new_page(browser, contexts)
    logged_in(device, app_url, throwaway_user.username, throwaway_user.password)
    old_cookie = [c for c in device.context.cookies() if c["name"] == COOKIE]
    admin = new_page(browser, contexts)
    admin_form(admin, app_url, "Deaktivér/aktivér", throwaway_user.username)
    admin.get_by_role("button", name="Deaktivér", exact=True).click()
    expect(admin.get_by_text("er deaktiveret")).to_be_visible(timeout=APP_TIMEOUT)
    settle(admin)
    admin.get_by_role("button", name="Aktivér", exact=True).click()
    expect(admin.get_by_text(f"{throwaway_user.username} er aktiveret.")).to_be_visible(
        timeout=APP_TIMEOUT
    )
    fresh = new_page(browser, contexts)  # the old cookie, kept by someone, in a new tab
    fresh.context.add_cookies(old_cookie)  # type: ignore[arg-type]
    fresh.goto(app_url + "/")
    expect_login_form(fresh)
    wait_for_run_end(fresh)
    expect_no_data(fresh)


def claims(username: str, *, exp: float, mark: str = "") -> dict:
    return {"typ": "login", "sub": username, "svf": mark, "iat": int(time.time()), "exp": int(exp)}


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(
            jwt.encode(claims("admin", exp=time.time() + 3600), NO_KEY, algorithm="none"),
            id="alg-none",
        ),
        pytest.param(
            jwt.encode(
                claims("admin", exp=time.time() + 3600), BROWSER_COOKIE_KEY * 2, algorithm="HS512"
            ),
            id="HS512",
        ),
        pytest.param(
            jwt.encode(claims("admin", exp=time.time() - 10), BROWSER_COOKIE_KEY, "HS256"),
            id="expired-10-s-ago",
        ),
        pytest.param("not-a-token", id="garbage"),
    ],
)
def test_a_bad_cookie_shows_the_login_form(app_url: str, page: Page, token: str) -> None:
    page.context.add_cookies([{"name": COOKIE, "value": token, "url": app_url}])
    for _visit in range(2):  # the page and a reload: never the English error page
        page.goto(app_url + "/Administration")
        expect_login_form(page)
        wait_for_run_end(page)
        expect(page.get_by_text(ENGLISH_ERROR)).to_have_count(0)
        expect_no_data(page)


def test_a_signed_cookie_from_before_a_logout_shows_the_login_form(
    app_url: str,
    page: Page,
    db_engine,  # noqa: F811
    throwaway_user: ThrowawayUser,  # noqa: F811
) -> None:
    logged_in(page, app_url, throwaway_user.username, throwaway_user.password)
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible(timeout=APP_TIMEOUT)
    # a cookie signed with the real key, but carrying the mark from before the logout
    forged = jwt.encode(
        claims(throwaway_user.username, exp=time.time() + 3600), BROWSER_COOKIE_KEY, "HS256"
    )
    user = find_user(db_engine, username=throwaway_user.username)
    assert user is not None and user.sessions_valid_from is not None
    page.context.add_cookies([{"name": COOKIE, "value": forged, "url": app_url}])
    page.goto(app_url + "/")
    expect_login_form(page)
    wait_for_run_end(page)
    expect_no_data(page)


def test_the_cookie_is_httponly_secure_strict_and_a_view_is_one_run(
    app_url: str, page: Page
) -> None:
    counter = RunCounter(page)
    page.goto(app_url + "/")
    expect_login_form(page)
    settle(page)
    assert counter.runs == 1, "the login page ran more than once"
    page.get_by_label("Brugernavn").fill("politi")
    page.get_by_label("Adgangskode").fill("demo-politi-1234")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name=PAGE_HEADINGS["Forside"]).first).to_be_visible(
        timeout=APP_TIMEOUT
    )
    wait_for_login_cookie(page)
    settle(page)
    assert counter.runs == 2, "logging in took more than one run"
    (cookie,) = [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert (cookie["httpOnly"], cookie["secure"], cookie["sameSite"]) == (True, True, "Strict")
    assert COOKIE not in page.evaluate("document.cookie")  # no script on the page can read it
    assert 0 < cookie["expires"] - time.time() <= 8 * 3600 + 60

    for view in ("reload", "Kommune", "Ændringslog", "Forside"):
        counter.runs = 0
        if view == "reload":
            page.reload()  # a new websocket, watched like the first
        else:
            open_from_menu(page, view)
        heading = PAGE_HEADINGS["Forside" if view == "reload" else view]
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=APP_TIMEOUT)
        settle(page, quiet_ms=3000)  # long enough for a cookie component's answer and its rerun
        assert counter.runs == 1, f"{view}: more than one script run"


def test_media_files_need_a_valid_login(app_url: str, page: Page, browser: Browser) -> None:
    login(page, app_url, "projektleder", path="/Rapport")
    page.get_by_role("button", name="Dan mødepakken").click()
    preview = page.get_by_test_id("stImage").locator("img")
    expect(preview).to_be_visible(timeout=120_000)  # the meeting pack takes a while to make
    source = preview.get_attribute("src")
    assert source and "/media/" in source
    url = source if source.startswith("http") else app_url + source
    assert page.request.get(url).status == 200  # with the login cookie
    stranger = browser.new_context()
    try:
        assert stranger.request.get(url).status == 403  # the same URL, without it
        forged = jwt.encode(claims("admin", exp=time.time() + 3600), NO_KEY, algorithm="none")
        stranger.add_cookies([{"name": COOKIE, "value": forged, "url": app_url}])
        assert stranger.request.get(url).status == 403
    finally:
        stranger.close()
    settle(page)
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_text("Du er logget ud.")).to_be_visible(timeout=APP_TIMEOUT)
    time.sleep(1)  # the page trades its ticket for the deletion of the cookie
    assert page.request.get(url).status == 403  # logged out: the cookie is gone, and dead


def test_enter_logs_in_without_an_english_hint(app_url: str, page: Page) -> None:
    page.goto(app_url + "/")
    page.get_by_label("Brugernavn").fill("byraad", timeout=APP_TIMEOUT)
    password = page.get_by_label("Adgangskode")
    password.fill(PASSWORDS["byraad"])
    expect(page.get_by_text("Press Enter")).to_be_hidden()  # Streamlit's hint, in English
    password.press("Enter")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=APP_TIMEOUT)
