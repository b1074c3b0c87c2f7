"""The action plan's Excel round trip on SQLite and PostgreSQL: export in the guide's layout, read
back what people do to it, import all or nothing."""

import html
import io
import json
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font
from sqlalchemy import Engine, text

from cli import main
from dataio.db.engine import make_engine
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.files.action_plan_import import import_plan
from dataio.files.action_plan_reading import MAX_ITEMS, PlanRow, read_plan
from dataio.files.action_plan_workbook import GOAL_LABELS, MAX_BYTES, export_plan
from dataio.seed.init import initialise
from dataio.store.action_plans import (
    EDITABLE,
    plan_items,
    save_changes,
    template,
)
from dataio.store.walks import NewObservation, follow_up_to_item
from models.actionplan import GOAL_CHOICES
from models.permissions import Actor
from tests.factories import (
    COLLEAGUE,
    COUNCIL,
    LEADER,
    OTHER_LEADER,
    POLICE,
    READER,
    item_edit,
    make_plan,
    make_walk,
    row_count,
)
from tests.support.workbooks import sheet_bomb

OWNER_FORMULA = '=HYPERLINK("http://x")'
NOTE_PHONE = "+45 12345678"
TITLE_AT = "@Møde med borgere"
FORMULA_LIKE = (OWNER_FORMULA, NOTE_PHONE, TITLE_AT, "-1 dag før")


def export(engine: Engine, code: int = 183) -> bytes:
    return export_plan(
        engine,
        viewer=READER,
        municipality_code=code,
        municipality_name="Ishøj",
        police_district_name="Københavns Vestegns Politi",
    )


def _date(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def editable(engine: Engine, code: int = 183) -> list[dict[str, Any]]:
    """The plan's items on the columns people edit, in plan order, dates as dates."""
    items = plan_items(engine, viewer=READER, municipality_code=code)
    rows = []
    for record in items[list(EDITABLE)].to_dict("records"):
        record["start_date"] = _date(record["start_date"])
        record["due_date"] = _date(record["due_date"])
        record["progress"] = int(record["progress"])
        rows.append(record)
    return rows


def counts(engine: Engine) -> dict[str, int]:
    return {
        table: row_count(engine, table)
        for table in ("action_plan", "action_item", "audit_entry", "walk_observation")
    }


def state(engine: Engine) -> tuple[dict[str, int], list[dict[str, Any]]]:
    return counts(engine), editable(engine)


@pytest.fixture
def plan(seeded_engine: Engine) -> Engine:
    """Ishøj's plan from the full template, with dates, statuses, progress and formula-like text."""
    make_plan(seeded_engine)
    rows = template()
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(
                seeded_engine,
                rows.title[0],
                start_date=date(2026, 1, 5),
                due_date=date(2026, 3, 31),
                status="i gang",
                progress=40,
                owner_name=OWNER_FORMULA,
            ),
            item_edit(
                seeded_engine, rows.title[1], status="færdig", progress=100, notes=NOTE_PHONE
            ),
            item_edit(seeded_engine, rows.title[4], title=TITLE_AT, due_date=date(2026, 12, 31)),
            item_edit(seeded_engine, rows.title[8], status="udskudt", notes="-1 dag før"),
            item_edit(
                seeded_engine,
                rows.title[27],
                status="aflyst",
                notes="Linje 1\nLinje 2",
                activity_group="",
            ),
        ],
    )
    return seeded_engine


# ------------------------------------------------------------------------------- round trip


def test_round_trip_keeps_every_editable_value(plan: Engine) -> None:
    before = editable(plan)
    assert import_plan(plan, actor=LEADER, municipality_code=183, data=export(plan)) == 28
    assert editable(plan) == before
    assert {OWNER_FORMULA, NOTE_PHONE, TITLE_AT} <= {
        value for row in before for value in row.values()
    }


def test_import_is_audited_once(plan: Engine) -> None:
    audit_before = counts(plan)["audit_entry"]
    import_plan(plan, actor=LEADER, municipality_code=183, data=export(plan))
    assert counts(plan)["audit_entry"] == audit_before + 1
    with plan.connect() as connection:
        action, summary, before, after = connection.execute(
            text("SELECT action, summary, before, after FROM audit_entry ORDER BY id DESC LIMIT 1")
        ).one()
    assert action == "action_plan.import"
    assert summary == "Handlingsplan for Ishøj importeret fra Excel: 28 aktiviteter"
    assert json.loads(before) == {"items": 28} and json.loads(after) == {"items": 28}


def test_unchanged_rows_keep_who_changed_them_and_when(plan: Engine) -> None:
    items = plan_items(plan, viewer=READER, municipality_code=183).set_index("title")
    import_plan(plan, actor=COLLEAGUE, municipality_code=183, data=export(plan))
    after = plan_items(plan, viewer=READER, municipality_code=183).set_index("title")
    assert (after["changed_by"] == items["changed_by"]).all()
    assert [pd.Timestamp(t) for t in after["changed_at"]] == [
        pd.Timestamp(t) for t in items["changed_at"]
    ]


def test_changed_rows_are_stamped_with_the_importer(plan: Engine) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(plan)))
    sheet = book.active
    assert sheet is not None
    sheet["G4"] = "færdig"
    buffer = io.BytesIO()
    book.save(buffer)
    import_plan(plan, actor=COLLEAGUE, municipality_code=183, data=buffer.getvalue())
    items = plan_items(plan, viewer=READER, municipality_code=183)
    assert items["changed_by"].iloc[0] == COLLEAGUE.username and items["status"].iloc[0] == "færdig"
    assert (items["changed_by"].iloc[1:] == "projektleder").all()


def test_import_creates_a_missing_plan(plan: Engine) -> None:
    data = export(plan, 183)
    assert counts(plan)["action_plan"] == 1
    assert import_plan(plan, actor=OTHER_LEADER, municipality_code=101, data=data) == 28
    assert counts(plan)["action_plan"] == 2
    assert editable(plan, 101) == editable(plan, 183)


def test_import_unlinks_walk_follow_ups_of_replaced_items(plan: Engine) -> None:
    make_walk(
        plan,
        walk_date=date(2026, 4, 1),
        lat=None,
        lon=None,
        observations=[NewObservation("Mørk sti", "Vej og Park", "Lys")],
    )
    with plan.connect() as connection:
        observation = connection.execute(text("SELECT id FROM walk_observation")).scalar_one()
    follow_up_to_item(plan, actor=LEADER, observation_id=int(observation))
    before = counts(plan)
    import_plan(plan, actor=LEADER, municipality_code=183, data=export(plan))
    with plan.connect() as connection:
        link = connection.execute(text("SELECT action_item_id FROM walk_observation")).scalar_one()
    assert link is None and counts(plan)["walk_observation"] == before["walk_observation"]
    assert counts(plan)["action_item"] == before["action_item"]


# ---------------------------------------------------------------------------------- layout


def test_export_is_in_the_guides_layout(plan: Engine) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(plan)))
    sheet = book.active
    assert sheet is not None
    assert sheet["A1"].value == "Handleplan - Ishøj kommune og Københavns Vestegns Politi"
    assert [c.value for c in sheet[2]] == [
        "Aktivitet",
        "Aktivitetsgruppe",
        "Ansvarlig",
        "Organisation",
        "Start",
        "Frist",
        "Status",
        "Fremdrift (%)",
        "Mål",
        "Noter",
    ]
    assert sheet.freeze_panes == "A3"
    assert sheet["A1"].font.b and sheet["A2"].font.b and sheet["A3"].font.b
    headings = [
        row[0].value
        for row in sheet.iter_rows(min_row=3)
        if row[0].value and all(c.value is None for c in row[1:])
    ]
    assert headings == [
        "Organisering",
        "Spor 1: Engagering af borgerne",
        "Spor 2: Det lokale erhvervsliv",
        "Spor 3: Konstruktiv presse og kommunikation",
    ]
    first = sheet[4]
    assert isinstance(first[4].value, datetime) and first[4].number_format == "DD.MM.YYYY"
    assert first[4].value.date() == date(2026, 1, 5) and first[7].value == 40
    assert sheet.column_dimensions["A"].width >= 40


def test_formula_like_text_is_text_not_a_formula(plan: Engine) -> None:
    data = export(plan)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(n).decode() for n in sheets)
    assert not re.search(r"<f[ >]", xml)
    # with lxml installed openpyxl writes "ø" as "&#248;": compare the cells' text unescaped
    cells = [html.unescape(c) for c in re.findall(r"<c [^>]*>(?:(?!</c>).)*</c>", xml)]
    for value in FORMULA_LIKE:
        cell = next((c for c in cells if value in c), None)
        assert cell is not None and 't="inlineStr"' in cell, value
    book = openpyxl.load_workbook(io.BytesIO(data))  # formulas as written, not their values
    sheet = book.active
    assert sheet is not None
    found = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    for value in FORMULA_LIKE:
        assert found[value] == "s"


def test_every_goal_has_a_danish_word() -> None:
    assert set(GOAL_LABELS) == set(GOAL_CHOICES)


def test_export_of_a_municipality_without_a_plan_has_only_headings(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match="ingen aktiviteter"):
        read_plan(export(seeded_engine, 101))


# ------------------------------------------------------------------------------ hand-built


@dataclass(frozen=True)
class Bold:
    text: str


@dataclass(frozen=True)
class Percent:
    share: float


def workbook(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook from rows of cell values (Bold: a bold cell; Percent: a %-formatted number)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, Bold):
                cell.value, cell.font = value.text, Font(bold=True)
            elif isinstance(value, Percent):
                cell.value, cell.number_format = value.share, "0%"
            else:
                cell.value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_row(**values: Any) -> PlanRow:
    defaults: dict[str, Any] = {
        "track": "Organisering",
        "activity_group": "",
        "title": "Møde",
        "owner_name": "",
        "organisation": "fælles",
        "start_date": None,
        "due_date": None,
        "status": "ikke startet",
        "progress": 0,
        "goal": "none",
        "notes": "",
    }
    return PlanRow(**(defaults | values))


MONTHS = ["jan 2026", "feb 2026", "mar 2026", "apr 2026"]


def test_the_guides_layout_with_months_and_danish_text() -> None:
    rows: list[list[object]] = [
        [Bold("Handleplan - Ishøj kommune og Københavns Vestegns Politi")],
        [],
        ["aktivitet", "Ansvarlig", "Start", "Frist", "Fremdrift", "Status", *MONTHS],
        [Bold("Organisering")],
        ["Møder for medarbejderteam i kommunen", "Mette", "mar 2026", "marts 2026", "50 %"],
        [],
        ["Spor 1: Engagering af borgerne"],
        [Bold("Borgermøder")],
        ["Planlægningsmøde", None, "1.3.2026", "01-03-2026", Percent(0.5), "I gang", "x"],
        ["Sende invitationer ud", None, "2026-03-01", "feb 2028", 12.5, "færdig"],
        [Bold("Rekruttering af nabohjælpere")],
        ["Informationskampagne", None, datetime(2026, 5, 4), "1. maj 2026", "0,57 %"],
        ["Spor 3 Konstruktiv presse"],
        ["Endelig kommunikationsplan", "Lars"],
    ]
    assert read_plan(workbook(rows)) == [
        plan_row(
            title="Møder for medarbejderteam i kommunen",
            owner_name="Mette",
            start_date=date(2026, 3, 1),
            due_date=date(2026, 3, 31),
            progress=50,
        ),
        plan_row(
            track="Spor 1",
            activity_group="Borgermøder",
            title="Planlægningsmøde",
            start_date=date(2026, 3, 1),
            due_date=date(2026, 3, 1),
            progress=50,
            status="i gang",
        ),
        plan_row(
            track="Spor 1",
            activity_group="Borgermøder",
            title="Sende invitationer ud",
            start_date=date(2026, 3, 1),
            due_date=date(2028, 2, 29),
            progress=12,
            status="færdig",
        ),
        plan_row(
            track="Spor 1",
            activity_group="Rekruttering af nabohjælpere",
            title="Informationskampagne",
            start_date=date(2026, 5, 4),
            due_date=date(2026, 5, 1),
            progress=0,
        ),
        plan_row(track="Spor 3", title="Endelig kommunikationsplan", owner_name="Lars"),
    ]


def test_all_columns_in_another_order_with_danish_words() -> None:
    rows: list[list[object]] = [
        ["Noter", "Mål", "Organisation", "Aktivitetsgruppe", "Aktivitet", "Frist"],
        ["Spor 2: Aktiviteter til at engagere det lokale erhvervsliv"],
        ["=ikke en formel", "Indbrud", "Politiet", "Workshop", "Workshop med erhvervslivet", None],
        [None, "helpers", "KOMMUNE", None, "Opfølgning", "dec 2026"],
    ]
    book = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    sheet = book.active
    assert sheet is not None
    sheet["A3"].data_type = "s"  # as the export writes such text
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_plan(buffer.getvalue()) == [
        plan_row(
            track="Spor 2",
            notes="=ikke en formel",
            goal="burglaries",
            organisation="politi",
            activity_group="Workshop",
            title="Workshop med erhvervslivet",
        ),
        plan_row(
            track="Spor 2",
            goal="helpers",
            organisation="kommune",
            title="Opfølgning",
            due_date=date(2026, 12, 31),
        ),
    ]


def test_merged_headings_and_month_marks_are_understood() -> None:
    rows: list[list[object]] = [
        ["Handleplan - xxx kommune og xxx politikreds"],
        ["Aktivitet", "Ansvarlig", "jan", "feb", "mar"],
        ["Organisering", None, "x", "x", "x"],
        ["Kickoff", "Mette", None, "x"],
        ["Spor 2: Aktiviteter til at engagere det lokale erhvervsliv"],
        ["Workshop", None, None, None, "x"],
    ]
    book = openpyxl.load_workbook(io.BytesIO(workbook(rows)))
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A5:E5")
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_plan(buffer.getvalue()) == [
        plan_row(title="Kickoff", owner_name="Mette"),
        plan_row(track="Spor 2", title="Workshop"),
    ]


@pytest.mark.parametrize(
    ("owner", "organisation"),
    [
        ("Politi", "politi"),
        ("politiet", "politi"),
        ("POLITIET", "politi"),
        ("Kommune", "kommune"),
        ("kommunen", "kommune"),
        (" Kommunen ", "kommune"),
        ("Fælles", "fælles"),
        ("faelles", "fælles"),
        ("Mette", "fælles"),  # a person: the organisation is not known, so fælles as before
        ("Københavns Politi", "fælles"),
        (None, "fælles"),
    ],
)
def test_the_guides_ansvarlig_politi_or_kommune_is_the_organisation(
    owner: str | None, organisation: str
) -> None:
    rows: list[list[object]] = [["Aktivitet", "Ansvarlig"], ["Spor 1"], ["Møde", owner]]
    [row] = read_plan(workbook(rows))
    assert row == plan_row(
        track="Spor 1", title="Møde", owner_name=(owner or "").strip(), organisation=organisation
    )


def test_an_organisation_column_wins_over_ansvarlig() -> None:
    rows: list[list[object]] = [
        ["Aktivitet", "Ansvarlig", "Organisation"],
        ["Spor 1"],
        ["Møde", "Politi", "Kommunen"],
        ["Vandring", "Politi", None],
    ]
    assert [row.organisation for row in read_plan(workbook(rows))] == ["kommune", "politi"]


def test_an_import_in_the_guides_layout_keeps_who_is_responsible(plan: Engine) -> None:
    data = with_rows(
        ["Patrulje", "", "Politiet"], ["Borgermøde", "", "Kommune"], ["Møde", "", "Mette"]
    )
    assert import_plan(plan, actor=LEADER, municipality_code=183, data=data) == 3
    assert [(item["title"], item["organisation"]) for item in editable(plan)] == [
        ("Patrulje", "politi"),
        ("Borgermøde", "kommune"),
        ("Møde", "fælles"),
    ]


def test_the_plan_sheet_is_found_after_other_sheets() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Vejledning"
    first["A1"] = "Sådan bruger I handleplanen"
    plan_sheet = book.create_sheet("Plan")
    for row in (["Aktivitet"], ["Spor 1"], ["Tryghedsvandring"]):
        plan_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_plan(buffer.getvalue()) == [plan_row(track="Spor 1", title="Tryghedsvandring")]


# --------------------------------------------------------------------------------- bad files

HEADER = ["Aktivitet", "Aktivitetsgruppe", "Ansvarlig", "Start", "Frist", "Status", "Fremdrift"]


def with_rows(*rows: Sequence[object]) -> bytes:
    return workbook([["Handleplan"], HEADER, ["Organisering"], *[list(r) for r in rows]])


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "empty": (lambda: b"", ("tom",)),
    "not a zip": (lambda: b"PK\x03\x04 not really a zip", ("Excel-fil",)),
    "random bytes": (lambda: random.Random(7).randbytes(5000), ("Excel-fil",)),
    "csv": (
        lambda: "Aktivitet;Status\nMøde;i gang\n".encode(),
        ("Excel-fil",),
    ),
    "zip without a workbook": (
        lambda: _zip({"hello.txt": b"hej"}),
        ("Excel-fil",),
    ),
    "over 5 MB": (lambda: b"PK" + b"x" * MAX_BYTES, ("for stor", "5 MB")),
    "unpacks to too much": (zip_bomb, ("for stor",)),
    "a sheet that unpacks to more than 5 MB": (
        lambda: sheet_bomb(HEADER, ["Møde"], unpacked=6 * 1024 * 1024),
        ("Excel-filen er for stor udpakket: et ark fylder", "højst 5 MB pr. ark"),
    ),
    "no header row": (
        lambda: workbook([["Handleplan"], ["Titel", "Status"], ["Organisering"], ["Møde"]]),
        ("overskriftsrække", "Aktivitet"),
    ),
    "header below row 10": (
        lambda: workbook([[f"linje {i}"] for i in range(10)] + [HEADER, ["Spor 1"], ["Møde"]]),
        ("overskriftsrække",),
    ),
    "activity before any heading": (
        lambda: workbook([HEADER, ["Møde", "Gruppe"], ["Organisering"]]),
        ("Række 2", "kolonne Aktivitet", "før den første overskrift"),
    ),
    "unknown track": (
        lambda: with_rows(["Møde", "", "", "", "", "i gang"], ["Spor 4: Nyt"], ["Møde 2", "x"]),
        ("Række 5", "kolonne Aktivitet", "Spor 4"),
    ),
    "bad date": (
        lambda: with_rows(["Møde", "", "", "", "32.13.2026"]),
        ("Række 4, kolonne Frist: «32.13.2026» er ikke en dato",),
    ),
    "month without a year": (
        lambda: with_rows(["Møde", "", "", "marts"]),
        ("Række 4, kolonne Start", "ikke en dato"),
    ),
    "a number as a date": (
        lambda: with_rows(["Møde", "", "", 12]),
        ("Række 4, kolonne Start", "ikke en dato"),
    ),
    "progress 140": (
        lambda: with_rows(["Møde", "", "", "", "", "i gang", 140]),
        ("Række 4, kolonne Fremdrift", "0 til 100"),
    ),
    "progress as words": (
        lambda: with_rows(["Møde", "", "", "", "", "i gang", "halvvejs"]),
        ("Række 4, kolonne Fremdrift", "halvvejs"),
    ),
    "unknown status": (
        lambda: with_rows(["Møde"], ["Møde 2", "", "", "", "", "næsten"]),
        ("Række 5, kolonne Status", "næsten"),
    ),
    "unknown organisation": (
        lambda: workbook([["Aktivitet", "Organisation"], ["Spor 1"], ["Møde", "regionen"]]),
        ("Række 3, kolonne Organisation", "regionen"),
    ),
    "unknown goal": (
        lambda: workbook([["Aktivitet", "Mål"], ["Spor 1"], ["Møde", "fred"]]),
        (
            "Række 3, kolonne Mål: skal være Indbrud, Nabohjælpere, Tryghed eller Intet (fik «fred»)",
        ),
    ),
    "no title": (
        lambda: with_rows(["", "Gruppe", "Mette"]),
        ("Række 4, kolonne Aktivitet", "tom"),
    ),
    "a column twice": (
        lambda: workbook([["Aktivitet", "Status", "status"], ["Spor 1"], ["Møde"]]),
        ("Række 1", "status", "mere end én gang"),
    ),
    "only headings": (
        lambda: workbook([HEADER, ["Organisering"], ["Spor 1"]]),
        ("ingen aktiviteter",),
    ),
    "too many activities": (
        lambda: workbook([HEADER, ["Spor 1"], *[[f"Møde {i}"] for i in range(MAX_ITEMS + 1)]]),
        (f"Række {MAX_ITEMS + 3}", f"mere end {MAX_ITEMS}"),
    ),
}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_with_where_and_nothing_is_written(plan: Engine, name: str) -> None:
    build, expected = BAD_FILES[name]
    before = state(plan)
    with pytest.raises(ValidationFailed) as refused:
        import_plan(plan, actor=LEADER, municipality_code=183, data=build())
    for part in expected:
        assert part in str(refused.value), (name, str(refused.value))
    assert state(plan) == before


# ------------------------------------------------------------------------------ permissions


@pytest.mark.parametrize("actor", [COUNCIL, POLICE, OTHER_LEADER], ids=lambda a: a.username)
def test_only_who_may_edit_the_whole_plan_may_import(plan: Engine, actor: Actor) -> None:
    data = export(plan)
    before = state(plan)
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        import_plan(plan, actor=actor, municipality_code=183, data=data)
    assert state(plan) == before


# ------------------------------------------------------------------------------- property

CELL_VALUES = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
    st.integers(min_value=-200, max_value=60_000),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.sampled_from(
        [
            "Organisering",
            "Spor 2: Erhverv",
            "Spor 7",
            "Aktivitet",
            "Frist",
            "=1+1",
            "+45 1234",
            "50 %",
            "mar 2026",
            "32.13.2026",
            "1.3.2026",
            "færdig",
            "politi",
            "Indbrud",
            "",
            "  ",
        ]
    ),
)
MUTATIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("set"), st.integers(1, 36), st.integers(1, 12), CELL_VALUES, st.booleans()
        ),
        st.tuples(st.just("delete"), st.integers(1, 36), st.just(1), st.none(), st.booleans()),
        st.tuples(
            st.just("header"),
            st.just(2),
            st.integers(1, 11),
            st.sampled_from(["Aktivitet", "Status", "Titel", "Start", "Slut", "", "Noter", "x"]),
            st.booleans(),
        ),
    ),
    min_size=1,
    max_size=8,
)


def mutate(data: bytes, mutations: list[tuple[str, int, int, Any, bool]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    for kind, row, column, value, bold in mutations:
        if kind == "delete":
            sheet.delete_rows(row)
            continue
        cell = sheet.cell(row=row, column=column)
        cell.value = value
        if bold:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=MUTATIONS, flip=st.one_of(st.none(), st.integers(0, 10_000)))
def test_a_mutated_workbook_is_imported_whole_or_refused_whole(
    plan: Engine, mutations: list[tuple[str, int, int, Any, bool]], flip: int | None
) -> None:
    data = mutate(export(plan), mutations)
    if flip is not None:  # a damaged file as well
        corrupt = bytearray(data)
        corrupt[flip % len(corrupt)] ^= 0xFF
        data = bytes(corrupt)
    before = state(plan)
    try:
        count = import_plan(plan, actor=LEADER, municipality_code=183, data=data)
    except ValidationFailed:
        event("refused")
        assert state(plan) == before
        return
    event("imported")
    rows = read_plan(data)
    assert count == len(rows) and editable(plan) == [row.values() for row in rows]


# ------------------------------------------------------------------------------------- CLI


@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    initialise(engine, demo=True)
    engine.dispose()
    return url


def test_cli_exports_and_imports_the_plan(
    cli_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "plan.xlsx")
    engine = make_engine(cli_url)
    before = editable(engine)
    assert main(["export", "action-plan", "--municipality", "183", "-o", path]) == 0
    assert capsys.readouterr().out.strip() == f"Handlingsplanen for Ishøj er skrevet til {path}."
    assert main(["import", "action-plan", path, "--municipality", "183"]) == 0
    out = capsys.readouterr().out.strip()
    assert (
        out == f"Handlingsplanen for Ishøj er erstattet med {len(before)} aktiviteter fra {path}."
    )
    assert editable(engine) == before
    engine.dispose()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "action-plan", "{bad}", "--municipality", "183"], "Række 4, kolonne Frist"),
        (["import", "action-plan", "{csv}", "--municipality", "183"], "Excel-fil"),
        (["import", "action-plan", "{missing}", "--municipality", "183"], "kan ikke læses"),
        (["import", "action-plan", "{dir}", "--municipality", "183"], "kan ikke læses"),
        (["import", "action-plan", "{good}", "--municipality", "999"], "Ukendt kommunekode: 999"),
        (["import", "action-plan", "{good}"], "--municipality"),
        (["export", "action-plan", "--municipality", "999", "-o", "{out}"], "Ukendt kommunekode"),
        (["export", "action-plan", "--municipality", "183", "-o", "{dir}"], "kan ikke skrives"),
    ],
)
def test_cli_refusals_exit_2_with_one_line_and_write_nothing(
    cli_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    paths = {
        "bad": tmp_path / "bad.xlsx",
        "csv": tmp_path / "plan.csv",
        "missing": tmp_path / "missing.xlsx",
        "dir": tmp_path,
        "good": tmp_path / "good.xlsx",
        "out": tmp_path / "out.xlsx",
    }
    paths["bad"].write_bytes(with_rows(["Møde", "", "", "", "32.13.2026"]))
    paths["csv"].write_text("Aktivitet;Status\nMøde;i gang\n")
    engine = make_engine(cli_url)
    paths["good"].write_bytes(export(engine))
    before = state(engine)
    capsys.readouterr()
    assert main([part.format(**{k: str(v) for k, v in paths.items()}) for part in argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("botrygt: ") and message in captured.err
    assert state(engine) == before and not paths["out"].exists()
    engine.dispose()
