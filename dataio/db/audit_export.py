"""The change log's whole selection as an Excel workbook, written a chunk of rows at a time.

The page shows 200 rows; the export has every row the filters select (100.000 rows or more), so
it never holds them as one DataFrame: rows come from the database in chunks (`audit_chunks`) and
go into a write-only workbook, which openpyxl streams to a temporary file. Text stays text
(`write_text`): a summary or a title typed as "=HYPERLINK(...)" is no formula in Excel.
"""

import io
from datetime import datetime

import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import Engine

from dataio.db.audit import AuditFilter, audit_chunks
from dataio.files.spreadsheet import DATETIME_FORMAT, write_text
from models.change_text import Names, action_name, change_lines, person_name, summary_text
from models.permissions import Actor

HEADINGS = (
    "Tidspunkt",
    "Person",
    "Brugernavn",
    "Slags ændring",
    "Kommune",
    "Ændring",
    "Før",
    "Efter",
)
WIDTHS = (18, 24, 16, 28, 16, 60, 50, 50)


def _text(sheet: WriteOnlyWorksheet, value: str, *, bold: bool = False) -> Cell:
    cell = WriteOnlyCell(sheet)
    write_text(cell, value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _local(value: object) -> datetime:
    """A stored time in Danish time without a zone (Excel has none); a naive one is UTC."""
    moment = pd.Timestamp(value)
    if moment.tzinfo is None:
        moment = moment.tz_localize("UTC")
    return moment.tz_convert("Europe/Copenhagen").tz_localize(None).to_pydatetime()


def audit_workbook(engine: Engine, *, viewer: Actor, filters: AuditFilter, names: Names) -> bytes:
    """Every row of the viewer's filtered log, newest first, in Danish, as one sheet."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Ændringslog")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text(sheet, heading, bold=True) for heading in HEADINGS])
    for chunk in audit_chunks(engine, viewer=viewer, filters=filters):
        for row in chunk.itertuples():
            at = WriteOnlyCell(sheet, value=_local(row.at))
            at.number_format = DATETIME_FORMAT
            before, after = change_lines(row.before, row.after, names, sep="; ")
            code = row.municipality_code
            municipality = "" if pd.isna(code) else names.municipalities.get(int(code), str(code))
            person = row.display_name if isinstance(row.display_name, str) else None
            texts = (
                person or person_name(str(row.username), names),
                str(row.username),
                action_name(str(row.action)),
                municipality,
                summary_text(str(row.summary or "")),
                before,
                after,
            )
            sheet.append([at, *(_text(sheet, t) for t in texts)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
