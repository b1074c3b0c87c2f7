"""Workbooks people open in Excel: text cells stay text, and any shown table as a download.

Text typed by people may start like a formula ("=HYPERLINK(...)", "+45 ...", "-1 dag", "@møde").
openpyxl makes such a string a formula on assignment, and Excel would on a later edit; every
workbook this project writes therefore stores text with `write_text` (an inline string with the
quote prefix where it starts like a formula), which is also why the tables' raw CSV download is
switched off in the Streamlit config.
"""

import io
from datetime import date, datetime

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from models.safe_text import FORMULA_START

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def write_text(cell: Cell, text: str) -> None:
    """Write text as text: never a formula, whatever it starts with."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = clean or None
    if clean:
        cell.data_type = "s"  # an inline string: openpyxl would make "=..." a formula
        if clean.startswith(FORMULA_START):
            cell.quotePrefix = True  # and Excel would on a later edit


def write_value(cell: Cell, value: object) -> None:
    """Numbers as numbers, dates as dates (Danish format), text always as inert text."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return
    if isinstance(value, str):
        write_text(cell, value)
        return
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, bool | int | float):
        cell.value = value
    else:
        write_text(cell, str(value))


def table_xlsx(frame: pd.DataFrame, *, title: str) -> bytes:
    """A shown table as a one-sheet workbook: its headings in bold, its cells as written."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31] or "Tabel"
    for column, heading in enumerate(frame.columns, start=1):
        write_text(sheet.cell(row=1, column=column), str(heading))
        sheet.cell(row=1, column=column).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = min(
            60, max(10, len(str(heading)) + 2)
        )
    for row, values in enumerate(frame.itertuples(index=False), start=2):
        for column, value in enumerate(values, start=1):
            write_value(sheet.cell(row=row, column=column), value)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
