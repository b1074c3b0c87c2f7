"""The change log's whole selection as an Excel workbook, written a chunk of rows at a time.

The page shows 200 rows; the export has every row the filters select (100.000 rows or more), so
it never holds them as one DataFrame: rows come from the database in chunks (`audit_chunks`) and
go into a write-only workbook, which openpyxl streams to a temporary file. Text stays text: a
value that starts like a formula ("=HYPERLINK(...)") is written as an inline string with the
quote prefix (`write_text`); any other text goes in as a plain string, which openpyxl writes as
text (a cell object per value would double the time of a large export).

The workbook is in the reader's language: headings, kinds of change, field names and values,
people the log names in words. A stored summary is the partnership's Danish sentence, written at
the time of the change; in English it is quoted as logged, as the page shows it
(`models.change_text.change_text`).
"""

import io
from datetime import datetime

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import Engine

from dataio.db.audit import AuditFilter, audit_chunks
from dataio.files.spreadsheet import DATETIME_FORMAT, write_text
from models.change_text import Names, action_name, change_lines, change_text, person_name
from models.formatting import danish_time
from models.i18n import DANISH, N_, translate
from models.permissions import Actor
from models.safe_text import FORMULA_START

HEADINGS = (
    N_("Tidspunkt"),
    N_("Person"),
    N_("Brugernavn"),
    N_("Slags ændring"),
    N_("Kommune"),
    N_("Ændring"),
    N_("Før"),
    N_("Efter"),
)
SHEET = N_("Ændringslog")
WIDTHS = (18, 24, 16, 28, 16, 60, 50, 50)


def _text(sheet: WriteOnlyWorksheet, value: str) -> str | Cell | None:
    """A plain string where openpyxl keeps it text; a quote-prefixed cell where it would not."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not clean:
        return None
    if clean.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet)
        write_text(cell, clean)
        return cell
    return clean


def _local(value: datetime) -> datetime:
    """A stored time in Danish time without a zone (Excel has none); a naive one is UTC."""
    return danish_time(value).replace(tzinfo=None)


def audit_workbook(
    engine: Engine, *, viewer: Actor, filters: AuditFilter, names: Names, lang: str = DANISH
) -> bytes:
    """Every row of the viewer's filtered log, newest first, in the language, as one sheet."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(translate(lang, SHEET))
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    headings = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, translate(lang, heading))
        cell.font = Font(bold=True)
        headings.append(cell)
    sheet.append(headings)
    for chunk in audit_chunks(engine, viewer=viewer, filters=filters):
        for row in chunk:
            at = WriteOnlyCell(sheet, _local(row.at))
            at.number_format = DATETIME_FORMAT
            before, after = change_lines(row.before, row.after, names, sep="; ", lang=lang)
            code = row.municipality_code
            texts = (
                row.display_name or person_name(row.username, names, lang=lang),
                row.username,
                action_name(row.action, lang=lang),
                "" if code is None else names.municipalities.get(code, str(code)),
                change_text(row.action, row.summary, lang=lang) if row.summary else "",
                before,
                after,
            )
            sheet.append([at, *(_text(sheet, t) for t in texts)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
