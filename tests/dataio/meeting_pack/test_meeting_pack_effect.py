"""The meeting pack's "Virker partnerskabet?" for a partnership municipality: the PDF's sentences
and the workbook's cells say what `"partnership_effect"` in `botrygt status --json` says, with the
verdict, the fit before the start and the caveat; nothing for a municipality without one."""

import io
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine

from dataio.db.engine import make_engine
from dataio.meeting_pack.pack import MeetingPack
from dataio.meeting_pack.pdf import FONT_DIR
from models.formatting import fmt_change
from models.vocabulary import EFFECT_SHAPES
from tests.dataio.meeting_pack.test_meeting_pack import pack_for, pdf_pages, status_json

HORSHOLM = 223  # partner since 2021-01: the demo's estimate is -13 % (-22 % to -4 %)
GENTOFTE = 157  # a partnership whose start is not known
CAVEAT = "sammenligning, ikke bevis for årsag"


@pytest.fixture(scope="module")
def horsholm(demo_db_url: str) -> Iterator[MeetingPack]:
    engine = make_engine(demo_db_url)
    yield pack_for(engine, HORSHOLM)
    engine.dispose()


def test_the_pdf_has_the_estimate_the_verdict_the_fit_and_the_caveat(
    demo_db_url: str,
    horsholm: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    effect = status_json(demo_db_url, HORSHOLM, monkeypatch, capsys)["partnership_effect"]
    text = " ".join(pdf_pages(horsholm.pdf))
    assert "Virker partnerskabet?" in text
    estimate, low, high = (fmt_change(effect[k], digits=0) for k in ("estimate", "low", "high"))
    assert f"Skøn: {estimate} (95 %-interval {low} til {high}) mod sammenligningen." in text
    assert "Status: ▼ Faldet mere end sammenlignelige" in text
    assert "Partnerskab siden 1. jan. 2021 (fra 1. kvt. 2021)." in text
    assert "Før starten (56 kvartaler) afveg sammenligningen i gennemsnit" in text
    assert "Placebotest: 80 kommuner uden partnerskab" in text
    assert "Sammenligningsgruppen: " in text
    assert text.count(CAVEAT) >= 2  # the section's sentence and the notes at the end
    [cover] = [page for page in pdf_pages(horsholm.pdf) if "Målene på ét blik" in page]
    assert f"Virker partnerskabet? ▼ Faldet mere end sammenlignelige Skøn: {estimate}" in cover


def test_the_workbook_has_the_numbers_and_the_comparison_group(
    demo_db_url: str,
    horsholm: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    effect = status_json(demo_db_url, HORSHOLM, monkeypatch, capsys)["partnership_effect"]
    workbook = openpyxl.load_workbook(io.BytesIO(horsholm.xlsx))
    rows = [r[:5] for r in workbook["Mål"].iter_rows(values_only=True)]
    figures: dict[str, Any] = {
        r[3]: r[4] for r in rows if r[0] == HORSHOLM and r[2] == "Virker partnerskabet?"
    }
    assert [
        figures[k] for k in ("Skøn (relativ forskel)", "95 %-interval fra", "95 %-interval til")
    ] == [effect["estimate"], effect["low"], effect["high"]]
    assert figures["Placebo-p"] == effect["p_value"]
    assert figures["Sammenligningskommuner"] == effect["donors"]
    assert figures["Startdato"].date().isoformat() == effect["start"]
    assert figures["Første kvartal"] == "2021K1"
    assert figures["Vurdering"] == "Faldet mere end sammenlignelige"
    lines = [r[4] for r in rows if r[0] == HORSHOLM and r[2] == "Virker partnerskabet?"]
    assert any(isinstance(line, str) and CAVEAT in line for line in lines)
    donors = [r[:3] for r in workbook[f"Effekt {HORSHOLM}"].iter_rows(values_only=True)]
    header = donors.index(("Kommunekode", "Kommune", "Vægt"))
    weights = [r[2] for r in donors[header + 1 :] if r[0] is not None]
    assert len(weights) == effect["donors"] and sum(weights) == pytest.approx(1, abs=0.01)
    assert weights == sorted(weights, reverse=True)


def test_a_partnership_without_a_start_says_so_and_others_have_no_section(
    demo_db_url: str,
) -> None:
    engine: Engine = make_engine(demo_db_url)
    try:
        gentofte = pack_for(engine, GENTOFTE, formats=("pdf",))
        ishoj = pack_for(engine, formats=("pdf",))
    finally:
        engine.dispose()
    text = " ".join(pdf_pages(gentofte.pdf))
    assert "Gentofte er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke" in text
    assert "Status: ○ Intet skøn" in text
    assert "Virker partnerskabet?" not in " ".join(pdf_pages(ishoj.pdf))


def test_the_pdf_font_draws_every_effect_shape() -> None:
    from fontTools.ttLib import TTFont

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        characters = TTFont(FONT_DIR / name).getBestCmap()
        assert all(ord(shape) in characters for shape in EFFECT_SHAPES.values()), name
