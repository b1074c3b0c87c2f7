"""Chromium: the administrator reads a STRAF11 preview that names the quarters it removes, ticks
that they saw it, imports, and after a reload the imported quarters and the older history are there.

Vallensbæk gets real history first (arranged in the database), Brøndby keeps its demo series; the
file has five quarters for both. All browser tests share one database, so Ishøj (the demo users'
municipality) is left alone.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dataio.db.engine import make_engine
from dataio.files.statistikbanken.importer import import_dst
from models.periods import quarter_range
from tests.e2e.journeys import login
from tests.factories import ADMIN
from tests.support.browser import screenshot

pytestmark = pytest.mark.e2e
FIVE = quarter_range(first="2025K2", last="2026K2")
HISTORY = quarter_range(first="2007K1", last="2025K1")  # 73 quarters


def straf11(rows: dict[tuple[int, str], int]) -> bytes:
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"] + [f"{c};1320;{p};{v}" for (c, p), v in rows.items()]
    return ("\r\n".join(lines) + "\r\n").encode()


def upload(page: Page, file: Path) -> None:
    page.locator("input[type='file']").first.set_input_files(str(file))
    expect(page.get_by_text("Forhåndsvisning: STRAF11:")).to_be_visible(timeout=30_000)


def test_preview_names_the_removed_quarters_and_the_import_keeps_history(
    app_url: str, browser_db_url: str, page: Page, tmp_path: Path
) -> None:
    engine = make_engine(browser_db_url)
    import_dst(
        engine, actor=ADMIN, data=straf11({(187, p): 9 for p in HISTORY}), file_name="history.csv"
    )
    engine.dispose()
    file = tmp_path / "straf11-fem-kvartaler.csv"
    file.write_bytes(
        straf11({(code, p): 20 + i for code in (153, 187) for i, p in enumerate(FIVE)})
    )

    login(page, app_url, "admin", path="/Data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
    upload(page, file)
    expect(page.get_by_text("74 kvartaler eksempeldata uden for filen fjernes")).to_be_visible()
    warning = page.get_by_text("Indlæsningen fjerner kvartaler uden nyt tal i stedet")
    expect(warning).to_contain_text("Brøndby 2007K1–2025K1, 2026K3 (eksempeldata)")
    expect(warning).not_to_contain_text("Vallensbæk")  # its imported history stays
    importer = page.get_by_role("button", name="Importér")
    expect(importer).to_be_disabled()
    screenshot(page, "import-preview")
    page.get_by_text("Jeg har set, at 74 kvartaler fjernes").click()
    expect(importer).to_be_enabled(timeout=30_000)
    importer.click()
    expect(page.get_by_text("Indlæst: STRAF11: 10 rækker for 2 kommuner")).to_be_visible(
        timeout=30_000
    )

    page.reload()
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=30_000)
    expect(
        page.get_by_text("Fortryd seneste indlæsning: Danmarks Statistik STRAF11 (straf11-fem")
    ).to_be_visible(timeout=30_000)
    # the same file again, on the saved data: all ten quarters are there, Vallensbæk's 73 older
    # ones kept, and nothing is left to remove
    upload(page, file)
    expect(page.get_by_text("0 nye eller ændrede; 0 kvartaler eksempeldata")).to_be_visible()
    expect(page.get_by_text("73 tidligere indlæste kvartaler bevares")).to_be_visible()
    expect(page.get_by_text("Jeg har set, at")).to_have_count(0)
    expect(page.get_by_role("button", name="Importér")).to_be_enabled()
    screenshot(page, "import-preview-after-reload")
