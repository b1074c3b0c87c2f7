"""The meeting pack: the PDF's text and the workbook's cells say what `botrygt status --json` says."""

import io
import json
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from cli import main
from dataio.db.engine import make_engine
from dataio.errors import NotFound, PermissionDenied, UnknownMunicipality, ValidationFailed
from dataio.meeting_pack.pack import MeetingPack, build_pack, first_page_png
from dataio.seed.init import initialise
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from dataio.store.walks import NewObservation, add_walk
from models.formatting import fmt_int
from models.permissions import Actor
from models.vocabulary import NO_DATA_LABEL, STATUS_SHAPES, status_label, status_mark
from tests.factories import ADMIN, COUNCIL, ISHOJ, POLICE, READER

TODAY = date.today()


def status_json(
    url: str, code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    """What `botrygt status --municipality CODE --json` prints for the database at url."""
    monkeypatch.setenv("DATABASE_URL", url)
    capsys.readouterr()
    assert main(["status", "--municipality", str(code), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def pdf_pages(pdf: bytes) -> list[str]:
    """Each page's text, whitespace folded (lines wrap where the page is narrow)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pack_for(engine: Engine, code: int = ISHOJ, **kwargs: Any) -> MeetingPack:
    return build_pack(
        engine,
        viewer=kwargs.pop("viewer", ADMIN),
        municipality_code=code,
        police_district=None,
        since=None,
        today=TODAY,
        **kwargs,
    )


def expected_pdf_phrases(document: dict[str, Any]) -> list[str]:
    """The key figures of the JSON, written as the report writes them."""
    b = document["burglaries"]
    plan = document["action_plan"]
    projection = b["projection"]
    return [
        f"Indbrud i beboelser {b['latest_year']}: {fmt_int(b['count'])}",
        f"krævede højst {fmt_int(b['required_for_latest_year'])} i {b['latest_year']}",
        f"til {fmt_int(b['goal']['target'])} i {b['goal']['target_year']}",
        f"fra {fmt_int(b['goal']['baseline'])} ({b['goal']['baseline_year']})",
        f"Fremskrevet til {projection['year']}: {fmt_int(projection['expected'])} "
        f"(95 %-interval {fmt_int(projection['low'])}–{fmt_int(projection['high'])})",
        f"Status: {status_mark(b['status'])}",
        f"{plan['items']} aktiviteter, {plan['done']} færdige, {plan['overdue']} forsinkede, "
        f"{plan['stale']} ikke rørt i 90 dage",
    ]


@pytest.fixture(scope="module")
def demo_pack(demo_db_url: str) -> Iterator[MeetingPack]:
    engine = make_engine(demo_db_url)
    yield pack_for(engine)
    engine.dispose()


def test_pdf_key_numbers_match_status_json(
    demo_db_url: str,
    demo_pack: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)
    text = " ".join(pdf_pages(demo_pack.pdf))
    for phrase in expected_pdf_phrases(document):
        assert phrase in text
    assert demo_pack.report.snapshot_id in text


def test_every_pdf_page_says_eksempeldata_and_the_snapshot(demo_pack: MeetingPack) -> None:
    pages = pdf_pages(demo_pack.pdf)
    assert len(pages) >= 3
    for page in pages:
        assert "EKSEMPELDATA" in page and f"Snapshot {demo_pack.report.snapshot_id}" in page
    assert pages[0].startswith("EKSEMPELDATA") and "Mødepakke: Ishøj" in pages[0]
    reader = PdfReader(io.BytesIO(demo_pack.pdf))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def figures_of(workbook: openpyxl.Workbook, code: int) -> dict[str, Any]:
    """The Mål sheet's burglary figures of one municipality, by label."""
    rows = [r[:5] for r in workbook["Mål"].iter_rows(values_only=True)]
    header = rows.index(("Kommunekode", "Kommune", "Mål", "Nøgletal", "Værdi"))
    burglaries = "Indbrud i beboelser mod målet"
    return {r[3]: r[4] for r in rows[header + 1 :] if r[0] == code and r[2] == burglaries}


def test_workbook_cells_match_status_json(
    demo_db_url: str,
    demo_pack: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    b = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)["burglaries"]
    workbook = openpyxl.load_workbook(io.BytesIO(demo_pack.xlsx))
    figures = figures_of(workbook, ISHOJ)
    assert figures["Seneste hele år"] == b["latest_year"]
    assert figures["Indbrud i beboelser"] == b["count"]
    assert figures["Krævet efter målforløbet (lige linje)"] == b["required_for_latest_year"]
    assert figures["Pr. 1.000 husstande"] == pytest.approx(b["per_1000_households"])
    assert (figures["Basisår"], figures["Basis"]) == (
        b["goal"]["baseline_year"],
        b["goal"]["baseline"],
    )
    assert (figures["Mål"], figures["Målår"]) == (b["goal"]["target"], b["goal"]["target_year"])
    assert [
        figures["Fremskrevet til målåret"],
        figures["Fremskrevet, 95 %-interval fra"],
        figures["Fremskrevet, 95 %-interval til"],
    ] == [b["projection"]["expected"], b["projection"]["low"], b["projection"]["high"]]
    assert figures["Status"] == status_label(b["status"])
    annual = {r[0]: r[1] for r in workbook[f"Indbrud {ISHOJ}"].iter_rows(values_only=True)}
    assert annual[b["latest_year"]] == b["count"]


def test_workbook_plan_and_every_sheet_marked(
    demo_db_url: str,
    demo_pack: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)["action_plan"]
    workbook = openpyxl.load_workbook(io.BytesIO(demo_pack.xlsx))
    assert workbook.sheetnames == [
        "Forside",
        "Mål",
        "Handlingsplan",
        "Opfølgninger",
        "Kilder",
        f"Indbrud {ISHOJ}",
        f"Forventet {ISHOJ}",  # the expected-count model's coefficients
        f"Nabohjælpere {ISHOJ}",
        f"Tryghed {ISHOJ}",
        f"Hotspots {ISHOJ}",  # the demo's police extract: the listed squares
    ]
    for sheet in workbook.worksheets:
        assert str(sheet["A1"].value).startswith("EKSEMPELDATA"), sheet.title
    groups = [r[1] for r in workbook["Handlingsplan"].iter_rows(values_only=True)]
    assert groups.count("Forsinkede aktiviteter (fristen er overskredet)") == plan["overdue"]
    assert groups.count("Ikke rørt i 90 dage") == plan["stale"]
    follow_ups = [
        r for r in workbook["Opfølgninger"].iter_rows(values_only=True) if r[0] == "Ishøj"
    ]
    assert len(follow_ups) == 4  # the demo walks' open follow-ups (one of five is closed)


def test_snapshot_id_is_stable_and_on_the_cover(demo_db_url: str, demo_pack: MeetingPack) -> None:
    again = pack_for(make_engine(demo_db_url))
    assert again.report.snapshot_id == demo_pack.report.snapshot_id
    assert again.report.generated_at != demo_pack.report.generated_at
    cover = openpyxl.load_workbook(io.BytesIO(demo_pack.xlsx))["Forside"]
    facts = {r[0]: r[1] for r in cover.iter_rows(values_only=True)}
    assert facts["Snapshot-id"] == demo_pack.report.snapshot_id


def test_district_report_covers_its_municipalities(demo_db_url: str) -> None:
    engine = make_engine(demo_db_url)
    pack = build_pack(
        engine,
        viewer=POLICE,
        municipality_code=None,
        police_district=10,
        since=TODAY - timedelta(days=14),
        today=TODAY,
        formats=("xlsx",),
    )
    names = [p.name for p in pack.report.parts]
    assert "Ishøj" in names and "Albertslund" in names and len(names) == 11
    assert pack.pdf == b"" and pack.report.since == TODAY - timedelta(days=14)
    sheets = openpyxl.load_workbook(io.BytesIO(pack.xlsx)).sheetnames
    # four goal sheets a municipality, and Ishøj's hotspots (the only one with incidents)
    assert f"Indbrud {ISHOJ}" in sheets and len(sheets) == 5 + 4 * 11 + 1
    assert [s for s in sheets if s.startswith("Hotspots")] == [f"Hotspots {ISHOJ}"]


@pytest.mark.parametrize(
    ("viewer", "code", "district"),
    [
        (COUNCIL, 101, None),
        (COUNCIL, None, 10),
        (POLICE, 101, None),
        (POLICE, None, 1),
    ],
)
def test_report_is_refused_outside_the_viewers_scope(
    demo_db_url: str, viewer: Actor, code: int | None, district: int | None
) -> None:
    with pytest.raises(PermissionDenied, match=r"^Ingen adgang: du er "):
        build_pack(
            make_engine(demo_db_url),
            viewer=viewer,
            municipality_code=code,
            police_district=district,
            since=None,
            today=TODAY,
        )


def test_unknown_scope_and_future_meeting_are_danish_errors(demo_db_url: str) -> None:
    engine = make_engine(demo_db_url)
    with pytest.raises(UnknownMunicipality):
        pack_for(engine, 999)
    with pytest.raises(NotFound, match="Ukendt politikreds: 77"):
        build_pack(engine, viewer=ADMIN, municipality_code=None, police_district=77,
                   since=None, today=TODAY)  # fmt: skip
    with pytest.raises(ValidationFailed, match="kan ikke ligge efter i dag"):
        build_pack(engine, viewer=ADMIN, municipality_code=ISHOJ, police_district=None,
                   since=TODAY + timedelta(days=2), today=TODAY)  # fmt: skip


HOSTILE = ['=HYPERLINK("http://x","klik")', "+1+2", "-3+4", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def test_formula_injection_is_neutralised(seeded_engine: Engine) -> None:
    """Text typed into the plan and the walks stays text in the workbook (SQLite and PostgreSQL)."""
    initialise(seeded_engine, demo=True)  # burglaries, Ishøj's demo plan and walks
    items = plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)
    edits = [
        ItemEdit(int(r.id), int(r.row_version), {"title": text, "owner_name": text,
                 "status": "i gang", "due_date": TODAY - timedelta(days=2)}, str(r.title))
        for r, text in zip(items.itertuples(), HOSTILE, strict=False)
    ]  # fmt: skip
    save_changes(seeded_engine, actor=ADMIN, municipality_code=ISHOJ, edits=edits)
    add_walk(seeded_engine, actor=ADMIN, municipality_code=ISHOJ, walk_date=TODAY,
             area="=1+1", observations=[NewObservation(text) for text in HOSTILE])  # fmt: skip
    workbook = openpyxl.load_workbook(io.BytesIO(pack_for(seeded_engine).xlsx))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    hostile = [c for c in cells if c.value in HOSTILE or c.value == "=1+1"]
    assert len(hostile) >= 3 * len(HOSTILE)  # plan title and owner, follow-up descriptions
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)


def test_municipality_without_burglary_data_still_makes_a_pack(seeded_engine: Engine) -> None:
    pack = pack_for(seeded_engine, 101)
    pages = pdf_pages(pack.pdf)
    assert "Mødepakke: København" in pages[0] and "EKSEMPELDATA" not in " ".join(pages)
    assert "København har ingen handlingsplan endnu." in " ".join(pages)
    sheet = openpyxl.load_workbook(io.BytesIO(pack.xlsx))["Forside"]
    assert sheet["A1"].value == "Mødepakke: København"


def test_preview_png_of_the_first_page(demo_pack: MeetingPack) -> None:
    png = first_page_png(demo_pack.pdf, width_px=400)
    assert png.startswith(b"\x89PNG")


def test_pdf_pages_render_with_pdftoppm(
    demo_pack: MeetingPack, pdftoppm: str, tmp_path: Path
) -> None:
    source = tmp_path / "pack.pdf"
    source.write_bytes(demo_pack.pdf)
    subprocess.run([pdftoppm, "-r", "50", "-png", str(source), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(pdf_pages(demo_pack.pdf))
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


def test_the_pdf_font_draws_every_status_shape() -> None:
    from fontTools.ttLib import TTFont

    from dataio.meeting_pack.pdf import FONT_DIR

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):  # the chip is bold, the tables not
        characters = TTFont(FONT_DIR / name).getBestCmap()
        assert all(ord(shape) in characters for shape in STATUS_SHAPES.values()), name


def test_helper_and_insecurity_sections_match_status_json(
    demo_db_url: str,
    demo_pack: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from models.formatting import fmt_date, fmt_decimal, fmt_percent

    documents = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)
    helpers, insecurity = documents["helpers"], documents["insecurity"]
    assert helpers is not None and insecurity is not None  # the demo has both
    text = " ".join(pdf_pages(demo_pack.pdf))
    as_of = date.fromisoformat(helpers["as_of"])
    assert f"Nabohjælpere pr. {fmt_date(as_of)}: {fmt_int(helpers['latest'])}" in text
    assert f"Pr. 100 husstande: {fmt_decimal(helpers['per_100_households'], digits=1)}" in text
    assert (
        f"Utrygge for indbrud {insecurity['year']}: {fmt_percent(insecurity['share'])} "
        f"(95 %-interval {fmt_percent(insecurity['ci_low'])}–{fmt_percent(insecurity['ci_high'])}; "
        f"{fmt_int(insecurity['respondents'])} svar)"
    ) in text
    assert f"Mål: {fmt_percent(insecurity['goal'], digits=0)} i " in text
    assert f"Status: {status_mark(insecurity['status'])}" in text
    workbook = openpyxl.load_workbook(io.BytesIO(demo_pack.xlsx))
    rows = [r[:5] for r in workbook["Mål"].iter_rows(values_only=True)]
    by_goal: dict[str, dict[str, Any]] = {}
    for code, _, goal, label, value in rows:
        if code == ISHOJ:
            by_goal.setdefault(goal, {})[label] = value
    helper_cells = by_goal["Nabohjælpere mod rekrutteringsmålet"]
    assert helper_cells["Nabohjælpere"] == helpers["latest"]
    assert helper_cells["Seneste optælling"].date() == as_of
    assert helper_cells["Pr. 100 husstande"] == pytest.approx(helpers["per_100_households"])
    assert helper_cells["Mål (nabohjælpere)"] == helpers["target"]
    assert helper_cells["Status"] == status_label(helpers["status"])
    survey_cells = by_goal["Utryghed for indbrud mod 10 %-målet"]
    assert [
        survey_cells[k]
        for k in ("Seneste måling", "Andel utrygge", "95 %-interval fra", "95 %-interval til")
    ] == [insecurity["year"], insecurity["share"], insecurity["ci_low"], insecurity["ci_high"]]
    assert (survey_cells["Svar"], survey_cells["Mål"]) == (
        insecurity["respondents"],
        insecurity["goal"],
    )
    assert survey_cells["Status"] == status_label(insecurity["status"])


def test_goals_without_data_say_so(seeded_engine: Engine) -> None:
    pack = pack_for(seeded_engine, 101, formats=("pdf",))
    text = " ".join(pdf_pages(pack.pdf))
    assert "Der er endnu ingen optællinger af nabohjælpere for København." in text
    assert "Der er endnu ingen tryghedsmålinger for København." in text
    assert text.count(f"Status: {status_mark(None, NO_DATA_LABEL)}") == 2
