"""Steps a person takes in the browser, shared by the end-to-end tests."""

from playwright.sync_api import Page, expect

from dataio.demo_users import DEMO_USERS

PASSWORDS = {user.username: user.password for user in DEMO_USERS}
LOGIN_TIMEOUT = 30_000


def login(page: Page, base_url: str, username: str, *, path: str = "/") -> None:
    """Open a page, fill the Danish login form as a demo user, and wait for the sidebar menu."""
    page.goto(base_url + path)
    page.get_by_label("Brugernavn").fill(username, timeout=LOGIN_TIMEOUT)
    page.get_by_label("Adgangskode").fill(PASSWORDS[username])
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("button", name="Log ud")).to_be_visible(timeout=LOGIN_TIMEOUT)
