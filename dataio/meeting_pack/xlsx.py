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
from dataio.meeting_pack.pdf import PLAN_BUCKETS, source_columns
from models.formatting import fmt_datetime
from models.i18n import DANISH, ENGLISH, N_, NC_, translate, translate_context, translator
from models.report import Cell, MeetingReport, PlanRow, ReportTable, demo_mark, plan_value_text

DATE_FORMAT = "DD.MM.YYYY"
DATE_FORMATS = {DANISH: DATE_FORMAT, ENGLISH: "D MMM YYYY"}  # 23.11.2026 / 23 Nov 2026
BOLD = Font(bold=True)
DEMO_FONT = Font(bold=True, color="FFFFFF")
DEMO_FILL = PatternFill("solid", fgColor="E67814")
HEADING_FILL = PatternFill("solid", fgColor="E8EEF4")
SHEET = "ark"  # the context of a sheet's name (written out in NC_: extraction reads literals)
GOAL_SHEET_NAMES = {
    "burglaries": NC_("ark", "Indbrud"),
    "effect": NC_("ark", "Effekt"),  # the comparison group's weights
    "expected": NC_("ark", "Forventet"),  # the expected-count model's coefficients
    "helpers": NC_("ark", "Nabohjælpere"),
    "hotspots": NC_("ark", "Hotspots"),  # the listed squares (at least min_count each)
    "insecurity": NC_("ark", "Tryghed"),
}
SHEETS = (  # after the cover, in this order
    NC_("ark", "Mål"),
    NC_("ark", "Handlingsplan"),
    NC_("ark", "Opfølgninger"),
    NC_("ark", "Kilder"),
)
COVER_SHEET = NC_("ark", "Forside")


def sheet_name(name: str, *, lang: str = DANISH) -> str:
    """A sheet's name in the language ('Forside' -> 'Cover')."""
    return translate_context(lang, SHEET, name)


def put(
    sheet: Worksheet, row: int, column: int, value: Cell | datetime, *, lang: str = DANISH
) -> None:
    """Write one value: numbers as numbers, dates as dates (shown in the language's way), text
    always as inert text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        write_text(cell, value)
        return
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMATS.get(lang, DATE_FORMAT)


DEMO_BANNER = N_("{mark}: genererede eksempeltal, må ikke citeres")


def _banner(sheet: Worksheet, report: MeetingReport, title: str) -> int:
    """Row 1: the demo warning (when demo), then the sheet's title; returns the next free row."""
    row = 1
    if report.demo:
        put(
            sheet,
            row,
            1,
            translate(report.lang, DEMO_BANNER).format(mark=demo_mark(lang=report.lang)),
        )
        sheet.cell(row=row, column=1).font = DEMO_FONT
        for column in range(1, 9):
            sheet.cell(row=row, column=column).fill = DEMO_FILL
        row += 1
    put(sheet, row, 1, title)
    sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
    put(sheet, row + 1, 1, f"Snapshot {report.snapshot_id}")
    return row + 3


def _rows(
    sheet: Worksheet,
    start: int,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    lang: str = DANISH,
) -> int:
    """A header row and the rows under it; returns the next free row."""
    for index, heading in enumerate(columns, start=1):
        put(sheet, start, index, heading)
        sheet.cell(row=start, column=index).font = BOLD
        sheet.cell(row=start, column=index).fill = HEADING_FILL
    for offset, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            put(sheet, start + offset, index, value, lang=lang)
    return start + len(rows) + 2


def _widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _cover(sheet: Worksheet, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    row = _banner(sheet, report, report.title)
    facts: list[tuple[str, Cell]] = [
        (_("Partnerskab"), report.partnership),
        (_("Siden sidste møde"), report.since),
        (_("Til og med"), report.today),
        (_("Dannet"), fmt_datetime(report.generated_at, lang=lang)),
        (_("Snapshot-id"), report.snapshot_id),
        (_("Eksempeldata"), _("ja") if report.demo else _("nej")),
    ]
    for label, value in facts:
        put(sheet, row, 1, label)
        sheet.cell(row=row, column=1).font = BOLD
        put(sheet, row, 2, value, lang=lang)
        row += 1
    _widths(sheet, [22, 90])


def _goals(sheet: Worksheet, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    goal = translate_context(lang, "rapport", "Mål")
    row = _banner(sheet, report, _("Målene"))
    figures: list[list[Cell]] = [
        [part.code, part.name, goal.title, label, value]
        for part in report.parts
        for goal in part.goals
        for label, value in goal.figures
    ]
    row = _rows(
        sheet,
        row,
        [_("Kommunekode"), _("Kommune"), goal, _("Nøgletal"), _("Værdi")],
        figures,
        lang=lang,
    )
    lines: list[list[Cell]] = [
        [part.code, part.name, goal.title, goal.status_label, line]
        for part in report.parts
        for goal in part.goals
        for line in goal.lines
    ]
    _rows(
        sheet,
        row,
        [_("Kommunekode"), _("Kommune"), goal, _("Status"), _("Som på siden")],
        lines,
        lang=lang,
    )
    _widths(sheet, [13, 16, 32, 36, 100])


def _plan_row(part_name: str, bucket: str, item: PlanRow, *, lang: str = DANISH) -> list[Cell]:
    return [
        part_name,
        bucket,
        item.title,
        plan_value_text(item.track, lang=lang),
        item.owner,
        plan_value_text(item.organisation, lang=lang),
        plan_value_text(item.status, lang=lang),
        item.progress,
        item.due_date,
        item.changed_at.date(),
    ]


def _plan(sheet: Worksheet, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    row = _banner(sheet, report, _("Handlingsplanen til mødet"))
    rows = [
        _plan_row(part.name, translate(lang, title), item, lang=lang)
        for part in report.parts
        for name, title in PLAN_BUCKETS
        for item in getattr(part.plan, name)
    ]
    columns = [
        _("Kommune"),
        _("Gruppe"),
        _("Aktivitet"),
        _("Spor"),
        _("Ansvarlig"),
        _("Organisation"),
        _("Status"),
        _("Fremdrift (%)"),
        _("Frist"),
        _("Sidst ændret"),
    ]
    _rows(sheet, row, columns, rows, lang=lang)
    _widths(sheet, [14, 44, 60, 13, 26, 13, 12, 13, 12, 13])


def _follow_ups(sheet: Worksheet, report: MeetingReport) -> None:
    _ = translator(report.lang)
    row = _banner(sheet, report, _("Åbne opfølgninger fra tryghedsvandringer"))
    columns = [_("Kommune"), *report.parts[0].follow_ups.columns] if report.parts else []
    rows = [[part.name, *r] for part in report.parts for r in part.follow_ups.rows]
    _rows(sheet, row, columns, rows, lang=report.lang)
    _widths(sheet, [14, 12, 20, 6, 40, 24, 30, 10, 10])


def _sources(sheet: Worksheet, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    row = _banner(sheet, report, _("Datakilder og forbehold"))
    sources: list[list[Cell]] = [
        [s.name, s.as_of, _("ja") if s.demo else _("nej")] for s in report.sources
    ]
    row = _rows(sheet, row, source_columns(lang=lang), sources, lang=lang)
    row = _rows(sheet, row, [_("Forbehold")], [[note] for note in report.notes], lang=lang)
    _widths(sheet, [100, 13, 13])


def _table_sheet(workbook: Workbook, report: MeetingReport, name: str, table: ReportTable) -> None:
    sheet = workbook.create_sheet(name[:31])
    row = _banner(sheet, report, table.title)
    _rows(sheet, row, table.columns, table.rows, lang=report.lang)
    _widths(sheet, [12] * len(table.columns))
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def report_xlsx(report: MeetingReport) -> bytes:
    """The meeting pack as .xlsx bytes."""
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    lang = report.lang
    cover.title = sheet_name(COVER_SHEET, lang=lang)
    _cover(cover, report)
    for title, writer in zip(SHEETS, (_goals, _plan, _follow_ups, _sources), strict=True):
        writer(workbook.create_sheet(sheet_name(title, lang=lang)), report)
    for part in report.parts:
        for goal in part.goals:
            if goal.key == "effect" and not goal.table.rows:
                continue  # no estimate, so no comparison group: the Mål sheet says why
            name = f"{sheet_name(GOAL_SHEET_NAMES.get(goal.key, goal.key), lang=lang)} {part.code}"
            _table_sheet(workbook, report, name, goal.table)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
