"""Chromium: the administrator uploads a Statistikbanken file, sees the preview, imports, and undoes."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import login
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e
FILE = Path(__file__).resolve().parents[1] / "data" / "dst" / "straf11_ishoj_codes.csv"


def test_upload_preview_import_and_undo(app_url: str, page: Page) -> None:
    login(page, app_url, "admin", path="/Data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
    page.locator("input[type='file']").first.set_input_files(str(FILE))  # Statistikbanken's
    preview = page.get_by_text("Forhåndsvisning: STRAF11:")
    expect(preview).to_be_visible(timeout=30_000)
    screenshot(page, "data-preview")
    page.get_by_text("Jeg har set, at").click()  # the demo quarters outside the file
    page.get_by_role("button", name="Importér").click()
    expect(page.get_by_text("Indlæst: STRAF11:")).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
    page.get_by_text("Fortryd seneste indlæsning: Danmarks Statistik STRAF11").click()
    page.get_by_role("button", name="Fortryd indlæsningen").click()
    expect(page.get_by_text("er fortrudt")).to_be_visible(
        timeout=30_000
    )  # the shared demo data is back
    screenshot(page, "data-undone")
