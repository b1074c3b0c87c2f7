"""The meeting pack's "Forventet mod faktisk": the PDF's sentences and the workbook's cells say what
`"expected"` in `botrygt status --json` says, with the status in a word and a shape, the rank, the
model's coefficients and the caveat, for a municipality with or without a partnership."""

import io

import openpyxl
import pytest
from sqlalchemy import Engine

from dataio.db.engine import make_engine
from dataio.meeting_pack.expected import expected_section
from dataio.meeting_pack.pdf import FONT_DIR
from models.expected import STATUS_TEXT, ExpectedStatus
from models.expected_text import STATUS_SHAPE, status_badge
from models.formatting import fmt_decimal, fmt_int
from tests.dataio.meeting_pack.test_meeting_pack import pack_for, pdf_pages, status_json
from tests.factories import ADMIN

ISHOJ = 183
CAVEAT = "sammenligning, ikke bevis for årsag"


def test_pdf_and_workbook_say_what_the_status_json_says(
    demo_db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)["expected"]
    engine: Engine = make_engine(demo_db_url)
    try:
        pack = pack_for(engine, ISHOJ)
    finally:
        engine.dispose()
    status = ExpectedStatus(expected["status"])
    text = " ".join(pdf_pages(pack.pdf))
    assert "Forventet mod faktisk" in text
    assert f"Status: {status_badge(status)}" in text
    assert (
        f"I {expected['year']}: {fmt_int(expected['actual'])} indbrud, forventet "
        f"{fmt_decimal(expected['expected'], digits=1)} (95 %-interval "
        f"{fmt_int(expected['low'])}-{fmt_int(expected['high'])})"
    ) in text
    assert "af 98 kommuner efter forholdet mellem faktiske og forventede indbrud" in text
    assert text.count(CAVEAT) >= 1
    workbook = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    rows = [r[:5] for r in workbook["Mål"].iter_rows(values_only=True)]
    figures = {r[3]: r[4] for r in rows if r[0] == ISHOJ and r[2] == "Forventet mod faktisk"}
    assert figures["Faktiske indbrud"] == expected["actual"]
    assert figures["Forventede indbrud"] == pytest.approx(expected["expected"], abs=0.05)
    assert [figures["95 %-interval fra"], figures["95 %-interval til"]] == [
        expected["low"],
        expected["high"],
    ]
    assert figures["Faktisk / forventet"] == pytest.approx(expected["ratio"], abs=0.005)
    assert figures["Vurdering"] == STATUS_TEXT[status]
    coefficients = [r[:2] for r in workbook[f"Forventet {ISHOJ}"].iter_rows(values_only=True)]
    assert ("Andel 65 år og derover", pytest.approx(coefficients[-1][1])) in coefficients


def test_no_section_without_an_expectation(seeded_engine: Engine) -> None:
    # reference data only: no burglaries or age structure, so no model and no section
    assert expected_section(seeded_engine, ISHOJ, ADMIN) is None


def test_the_pdf_font_draws_every_expected_shape() -> None:
    from fontTools.ttLib import TTFont

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        characters = TTFont(FONT_DIR / name).getBestCmap()
        assert all(ord(shape) in characters for shape in STATUS_SHAPE.values()), name
