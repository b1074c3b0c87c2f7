"""Chromium: the administrator imports a STRAF11 file with business burglaries (1310) for Ishøj on
the Data page, opens Kommune for Ishøj and sees "Er vi mere belastet end andre?" with the business
burglary chart against the nation and similar municipalities (no demo label: the rows are real);
the import is undone at the end, so the shared demo data is back for the other browser tests."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from models.periods import quarter_range
from tests.e2e.journeys import login
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e


def _straf11(path: Path) -> Path:
    """Ishøj's 1320 and 1310 quarters 2021K1-2025K4, with a parent level that is never counted."""
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"]
    for period in quarter_range(first="2021K1", last="2025K4"):
        quarter = int(period[5])
        lines += [
            f"183;1320;{period};{40 + quarter}",
            f"183;1310;{period};{10 + quarter}",
            f"183;13;{period};{200 + quarter}",
        ]
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_kommune_shows_imported_business_burglaries(
    app_url: str, page: Page, tmp_path: Path
) -> None:
    login(page, app_url, "admin", path="/Data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
    page.locator("input[type='file']").first.set_input_files(str(_straf11(tmp_path / "s.csv")))
    expect(page.get_by_text("Forhåndsvisning: STRAF11:")).to_be_visible(timeout=30_000)
    page.get_by_text("Jeg har set, at").click()  # Ishøj's demo quarters outside the file go
    page.get_by_role("button", name="Importér").click()
    expect(page.get_by_text("Indlæst: STRAF11:")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("1310 indbrud i forretning").first).to_be_visible()
    try:
        page.goto(f"{app_url}/Kommune?kommune=183")
        expect(page.get_by_role("heading", name="Kommune: Ishøj").first).to_be_visible(
            timeout=30_000
        )
        heading = page.get_by_role("heading", name="Er vi mere belastet end andre?").first
        heading.scroll_into_view_if_needed(timeout=30_000)
        expect(heading).to_be_visible()
        expect(page.get_by_text("Indbrud i forretning, virksomhed mv. 2025:").first).to_be_visible(
            timeout=30_000
        )
        chart = page.locator(".js-plotly-plot").filter(
            has_text="Indbrud i forretning, virksomhed mv. pr. 1.000 husstande"
        )
        expect(chart).to_have_count(1, timeout=60_000)
        chart.scroll_into_view_if_needed()
        for name in ("Ishøj", "Sammenlignelige kommuner", "Hele landet"):
            expect(chart.locator("text", has_text=name).first).to_be_visible()
        expect(page.get_by_text("Der er ikke sat et mål for denne overtrædelse.")).to_be_visible()
        expect(page.get_by_text("tallene for andre overtrædelser er genererede")).to_have_count(0)
        expect(page.get_by_text("Traceback")).to_have_count(0)
        screenshot(page, "kommune-business-burglaries")
    finally:
        page.goto(f"{app_url}/Data")
        expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
        page.get_by_text("Fortryd seneste indlæsning: Danmarks Statistik STRAF11").click()
        page.get_by_role("button", name="Fortryd indlæsningen").click()
        expect(page.get_by_text("er fortrudt")).to_be_visible(timeout=30_000)
