"""The meeting pack as an Excel workbook: one sheet per section, then the underlying tables.

Every text cell is written as text, never as a formula: a title such as "=HYPERLINK(...)" typed
into the action plan stays inert (data type "s" plus Excel's quote prefix). Every sheet begins
with the "EKSEMPELDATA" warning when the report shows demo data.
"""

import io
from collections.abc import Sequence
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dataio.files.spreadsheet import XLSX_MIME, write_text  # noqa: F401  (XLSX_MIME: ui imports it here)
from dataio.meeting_pack.pdf import PLAN_BUCKETS
from models.formatting import fmt_datetime
from models.report import DEMO_MARK, Cell, MeetingReport, PlanRow, ReportTable

DATE_FORMAT = "DD.MM.YYYY"
BOLD = Font(bold=True)
DEMO_FONT = Font(bold=True, color="FFFFFF")
DEMO_FILL = PatternFill("solid", fgColor="E67814")
HEADING_FILL = PatternFill("solid", fgColor="E8EEF4")
GOAL_SHEET_NAMES = {
    "burglaries": "Indbrud",
    "effect": "Effekt",  # the comparison group's weights
    "expected": "Forventet",  # the expected-count model's coefficients
    "helpers": "Nabohjælpere",
    "hotspots": "Hotspots",  # the listed squares (at least min_count each)
    "insecurity": "Tryghed",
}


def put(sheet: Worksheet, row: int, column: int, value: Cell | datetime) -> None:
    """Write one value: numbers as numbers, dates as dates, text always as inert text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        write_text(cell, value)
        return
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _banner(sheet: Worksheet, report: MeetingReport, title: str) -> int:
    """Row 1: the demo warning (when demo), then the sheet's title; returns the next free row."""
    row = 1
    if report.demo:
        put(sheet, row, 1, f"{DEMO_MARK}: genererede eksempeltal, må ikke citeres")
        sheet.cell(row=row, column=1).font = DEMO_FONT
        for column in range(1, 9):
            sheet.cell(row=row, column=column).fill = DEMO_FILL
        row += 1
    put(sheet, row, 1, title)
    sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
    put(sheet, row + 1, 1, f"Snapshot {report.snapshot_id}")
    return row + 3


def _rows(
    sheet: Worksheet, start: int, columns: Sequence[str], rows: Sequence[Sequence[Cell]]
) -> int:
    """A header row and the rows under it; returns the next free row."""
    for index, heading in enumerate(columns, start=1):
        put(sheet, start, index, heading)
        sheet.cell(row=start, column=index).font = BOLD
        sheet.cell(row=start, column=index).fill = HEADING_FILL
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            put(sheet, start + offset, index, value)
    return start + len(rows) + 2


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _cover(sheet: Worksheet, report: MeetingReport) -> None:
    row = _banner(sheet, report, report.title)
    facts: list[tuple[str, Cell]] = [
        ("Partnerskab", report.partnership),
        ("Siden sidste møde", report.since),
        ("Til og med", report.today),
        ("Dannet", fmt_datetime(report.generated_at)),
        ("Snapshot-id", report.snapshot_id),
        ("Eksempeldata", "ja" if report.demo else "nej"),
    ]
    for label, value in facts:
        put(sheet, row, 1, label)
        sheet.cell(row=row, column=1).font = BOLD
        put(sheet, row, 2, value)
        row += 1
    _widths(sheet, [22, 90])


def _goals(sheet: Worksheet, report: MeetingReport) -> None:
    row = _banner(sheet, report, "Målene")
    figures: list[list[Cell]] = [
        [part.code, part.name, goal.title, label, value]
        for part in report.parts
        for goal in part.goals
        for label, value in goal.figures
    ]
    row = _rows(sheet, row, ["Kommunekode", "Kommune", "Mål", "Nøgletal", "Værdi"], figures)
    lines: list[list[Cell]] = [
        [part.code, part.name, goal.title, goal.status_label, line]
        for part in report.parts
        for goal in part.goals
        for line in goal.lines
    ]
    _rows(sheet, row, ["Kommunekode", "Kommune", "Mål", "Status", "Som på siden"], lines)
    _widths(sheet, [13, 16, 32, 36, 100])


def _plan_row(part_name: str, bucket: str, item: PlanRow) -> list[Cell]:
    return [
        part_name,
        bucket,
        item.title,
        item.track,
        item.owner,
        item.organisation,
        item.status,
        item.progress,
        item.due_date,
        item.changed_at.date(),
    ]


def _plan(sheet: Worksheet, report: MeetingReport) -> None:
    row = _banner(sheet, report, "Handlingsplanen til mødet")
    rows = [
        _plan_row(part.name, title, item)
        for part in report.parts
        for name, title in PLAN_BUCKETS
        for item in getattr(part.plan, name)
    ]
    columns = [
        "Kommune",
        "Gruppe",
        "Aktivitet",
        "Spor",
        "Ansvarlig",
        "Organisation",
        "Status",
        "Fremdrift (%)",
        "Frist",
        "Sidst ændret",
    ]
    _rows(sheet, row, columns, rows)
    _widths(sheet, [14, 44, 60, 13, 26, 13, 12, 13, 12, 13])


def _follow_ups(sheet: Worksheet, report: MeetingReport) -> None:
    row = _banner(sheet, report, "Åbne opfølgninger fra tryghedsvandringer")
    columns = ["Kommune", *report.parts[0].follow_ups.columns] if report.parts else []
    rows = [[part.name, *r] for part in report.parts for r in part.follow_ups.rows]
    _rows(sheet, row, columns, rows)
    _widths(sheet, [14, 12, 20, 6, 40, 24, 30, 10, 10])


def _sources(sheet: Worksheet, report: MeetingReport) -> None:
    row = _banner(sheet, report, "Datakilder og forbehold")
    sources: list[list[Cell]] = [
        [s.name, s.as_of, "ja" if s.demo else "nej"] for s in report.sources
    ]
    row = _rows(sheet, row, ["Kilde", "Opgjort pr.", "Eksempeldata"], sources)
    row = _rows(sheet, row, ["Forbehold"], [[note] for note in report.notes])
    _widths(sheet, [100, 13, 13])


def _table_sheet(workbook: Workbook, report: MeetingReport, name: str, table: ReportTable) -> None:
    sheet = workbook.create_sheet(name[:31])
    row = _banner(sheet, report, table.title)
    _rows(sheet, row, table.columns, table.rows)
    _widths(sheet, [12] * len(table.columns))
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def report_xlsx(report: MeetingReport) -> bytes:
    """The meeting pack as .xlsx bytes."""
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "Forside"
    _cover(cover, report)
    for title, writer in (
        ("Mål", _goals),
        ("Handlingsplan", _plan),
        ("Opfølgninger", _follow_ups),
        ("Kilder", _sources),
    ):
        writer(workbook.create_sheet(title), report)
    for part in report.parts:
        for goal in part.goals:
            if goal.key == "effect" and not goal.table.rows:
                continue  # no estimate, so no comparison group: the Mål sheet says why
            name = f"{GOAL_SHEET_NAMES.get(goal.key, goal.key)} {part.code}"
            _table_sheet(workbook, report, name, goal.table)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
