"""The meeting pack's "Hotspots": for a municipality with police incidents the PDF, the workbook's
sheet "Hotspots <code>" and a slide say what the Hotspots page says (the scan sentence, the listed
squares, the hidden ones, demo data labelled); no section and no sheet without incidents; the
minimum count reaches the pack from the settings (`botrygt report`) and is refused below 3."""

import io
import re
import shutil
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from sqlalchemy import Engine

from cli import main
from dataio.db.engine import make_engine
from dataio.errors import ValidationFailed
from dataio.meeting_pack.hotspots import DEMO_LINE, HOTSPOT_KEY, section_of_view
from dataio.meeting_pack.pack import build_report
from dataio.meetings.store import create_meeting, last_meeting_date, tie_pack
from dataio.store.incidents.view import hotspot_view
from models.hotspot_text import scan_summary, suppression_line
from tests.dataio.meeting_pack.test_meeting_pack import TODAY, pack_for, pdf_pages
from tests.factories import ADMIN, LEADER

ISHOJ = 183
ALBERTSLUND = 165  # same police district, no incidents imported


@pytest.fixture(scope="module")
def demo_engine(demo_db_url: str) -> Engine:
    return make_engine(demo_db_url)


def test_the_section_in_the_pdf_the_workbook_and_the_slides(demo_engine: Engine) -> None:
    view = hotspot_view(demo_engine, viewer=LEADER, code=ISHOJ)
    assert view.scan is not None and len(view.scan.hotspots) == 1  # the demo's one hotspot
    hot = view.scan.hotspots[0]
    pack = pack_for(demo_engine, ISHOJ, viewer=LEADER, formats=("pdf", "xlsx", "pptx"))
    [section] = [g for g in pack.report.parts[0].goals if g.key == HOTSPOT_KEY]
    assert section == section_of_view(view)
    assert section.demo and DEMO_LINE in section.lines
    text = " ".join(pdf_pages(pack.pdf))
    assert "Status: ▲ 1 hotspot" in text
    assert scan_summary(view.scan) + "." in text
    hidden = suppression_line(view.scan.suppressed_cells, view.scan.min_count)
    assert hidden is not None and hidden in text
    assert re.search(rf"{hot.cell} Ja 1 {hot.recent} ", text)
    workbook = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    rows = list(workbook[f"Hotspots {ISHOJ}"].iter_rows(values_only=True))
    assert any(r[0] == "EKSEMPELDATA: genererede eksempeltal, må ikke citeres" for r in rows)
    assert (hot.cell, "Ja", "1", str(hot.recent)) in [r[:4] for r in rows]
    figures = {
        r[3]: r[4] for r in workbook["Mål"].iter_rows(values_only=True) if r[2] == "Hotspots"
    }
    assert figures["Hotspots"] == 1 and figures["Mindste antal indbrud pr. vist felt"] == 3
    assert figures["Skjulte felter"] == view.scan.suppressed_cells
    deck = Presentation(io.BytesIO(pack.pptx))
    slide_text = [
        "\n".join(shape.text_frame.text for shape in s.shapes if shape.has_text_frame)
        for s in deck.slides
    ]
    assert any("Ishøj: Hotspots" in x for x in slide_text)
    assert any("Status: ▲ 1 hotspot" in x for x in slide_text)
    sources = [s.name for s in pack.report.sources]
    assert "Politiets udtræk af indbrud (hotspots)" in sources


def test_no_section_and_no_sheet_without_incidents(demo_engine: Engine) -> None:
    pack = pack_for(demo_engine, ALBERTSLUND, viewer=ADMIN)
    assert all(g.key != HOTSPOT_KEY for g in pack.report.parts[0].goals)
    workbook = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    assert not any(name.startswith("Hotspots") for name in workbook.sheetnames)
    assert "Hotspots" not in " ".join(pdf_pages(pack.pdf))


def test_a_raised_minimum_hides_the_demo_hotspot_and_a_lower_one_is_refused(
    demo_engine: Engine,
) -> None:
    report = build_report(
        demo_engine,
        viewer=LEADER,
        municipality_code=ISHOJ,
        police_district=None,
        since=None,
        today=TODAY,
        hotspot_min_count=13,  # the demo hotspot has 12
    )
    [section] = [g for g in report.parts[0].goals if g.key == HOTSPOT_KEY]
    assert section.table.rows == [] and section.status_label == "Ingen hotspots"
    assert any("færre end 13 indbrud er skjult" in line for line in section.lines)
    with pytest.raises(ValidationFailed, match="mindst 3"):
        build_report(
            demo_engine,
            viewer=LEADER,
            municipality_code=ISHOJ,
            police_district=None,
            since=None,
            today=TODAY,
            hotspot_min_count=2,
        )


def test_botrygt_report_takes_the_minimum_from_the_settings(
    demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_db_url)
    monkeypatch.setenv("BOTRYGT_HOTSPOT_MIN_COUNT", "4")
    output = tmp_path / "pakke.xlsx"
    assert main(["report", "--municipality", str(ISHOJ), "-o", str(output)]) == 0
    workbook = openpyxl.load_workbook(output)
    cells = [c for r in workbook[f"Hotspots {ISHOJ}"].iter_rows(values_only=True) for c in r]
    assert any(str(c).startswith("Felter med mindst 4 indbrud") for c in cells)


def test_a_tied_pack_has_the_rapport_pages_snapshot_for_the_same_minimum(
    demo_db_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "meetings.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    engine = make_engine(f"sqlite:///{copy}")
    try:
        meeting_id = create_meeting(
            engine, actor=LEADER, code=ISHOJ, held_on=TODAY, title="Styregruppemøde"
        )
        since = last_meeting_date(  # the meeting before this one, as tie_pack counts
            engine, viewer=LEADER, code=ISHOJ, today=TODAY - timedelta(days=1)
        )
        report = build_report(
            engine,
            viewer=LEADER,
            municipality_code=ISHOJ,
            police_district=None,
            since=since,
            today=TODAY,
            hotspot_min_count=13,
        )
        tied = tie_pack(
            engine, actor=LEADER, meeting_id=meeting_id, today=TODAY, hotspot_min_count=13
        )
        default = tie_pack(engine, actor=LEADER, meeting_id=meeting_id, today=TODAY)
    finally:
        engine.dispose()
    assert tied == report.snapshot_id and default != tied  # the minimum changes what is shown
