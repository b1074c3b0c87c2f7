"""The action plan as an Excel workbook in the guide's layout: its columns and words, and the export.

The layout follows the guide's "Handleplan - xxx kommune og xxx politikreds": a title row, a header
row, then one heading row per track ("Organisering", "Spor 1: ...") followed by its activities.
Reading such a workbook back is action_plan_reading's, importing it action_plan_import's; both
use the words defined here (headings, goals, organisations), so export and import agree.
"""

import io
from datetime import date
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dataio.db.frames import Connectable
from dataio.files.cells import cell_date
from dataio.files.spreadsheet import DATE_FORMAT, write_text
from dataio.store.action_plans import plan_items
from models.actionplan import TRACK_LABELS, ItemStatus, Organisation, Track
from models.permissions import Actor

MAX_BYTES = 5 * 1024 * 1024  # of a workbook read back

# The workbook's columns in order: (field, heading, width)
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("title", "Aktivitet", 60),
    ("activity_group", "Aktivitetsgruppe", 32),
    ("owner_name", "Ansvarlig", 24),
    ("organisation", "Organisation", 14),
    ("start_date", "Start", 12),
    ("due_date", "Frist", 12),
    ("status", "Status", 14),
    ("progress", "Fremdrift (%)", 14),
    ("goal", "Mål", 15),
    ("notes", "Noter", 45),
)
HEADINGS = {key: heading for key, heading, _ in COLUMNS}
# Header texts recognised when reading (lower case, single spaces, no trailing colon).
HEADER_ALIASES = {
    "aktivitet": "title",
    "aktivitetsgruppe": "activity_group",
    "gruppe": "activity_group",
    "ansvarlig": "owner_name",
    "organisation": "organisation",
    "start": "start_date",
    "startdato": "start_date",
    "start dato": "start_date",
    "frist": "due_date",
    "slut": "due_date",
    "slutdato": "due_date",
    "deadline": "due_date",
    "status": "status",
    "fremdrift": "progress",
    "fremdrift (%)": "progress",
    "fremdrift %": "progress",
    "fremdrift i %": "progress",
    "mål": "goal",
    "maal": "goal",
    "noter": "notes",
    "note": "notes",
    "bemærkning": "notes",
    "bemærkninger": "notes",
    "kommentar": "notes",
    "kommentarer": "notes",
}
# Mål is written in Danish; the stored codes are accepted too.
from models.actionplan import GOAL_LABELS  # noqa: E402

_GOAL_WORDS = {label.lower(): code for code, label in GOAL_LABELS.items()} | {
    "utryghed": "insecurity",
    "ingen": "none",
}
_ORGANISATION_WORDS = {"kommunen": "kommune", "politiet": "politi", "faelles": "fælles"}
_HEADING_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_HEADER_FILL = PatternFill("solid", start_color="BDD7EE", end_color="BDD7EE")


def goal_code(written: str) -> str:
    """The goal a Mål cell names: a Danish word ("Indbrud", "utryghed") or a stored code; an empty
    cell is "none". Anything else is returned as it is, for the caller to refuse."""
    text = written.lower()
    return _GOAL_WORDS.get(text, text or "none")


def organisation_code(written: str, *, owner: str) -> str:
    """The organisation of a row: its Organisation cell ("Politiet", "KOMMUNE"), else its Ansvarlig
    cell when that is Politi, Kommune or Fælles (the guide's layout has no Organisation column),
    else fælles. A written organisation that is none of them is returned, for the caller to refuse."""
    if written.strip():
        return _organisation_word(written)
    named = _organisation_word(owner)
    return named if named in set(Organisation) else Organisation.JOINT.value


def _organisation_word(text: str) -> str:
    folded = " ".join(text.split()).lower()
    return _ORGANISATION_WORDS.get(folded, folded)


# ---------------------------------------------------------------------------------------- export


def _as_date(value: object) -> date | None:
    """A stored date (a date, a pandas Timestamp, or ISO text from the SQLite driver)."""
    if value is None or pd.isna(value):
        return None
    return cell_date(value)


def _str(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def export_plan(
    con: Connectable,
    *,
    viewer: Actor,
    municipality_code: int,
    municipality_name: str,
    police_district_name: str,
) -> bytes:
    """The plan as .xlsx in the guide's layout (no plan: the headings without activities)."""
    items = plan_items(con, viewer=viewer, municipality_code=municipality_code)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Handlingsplan"
    title = f"Handleplan - {municipality_name} kommune og {police_district_name}"
    workbook.properties.title = title
    write_text(sheet.cell(row=1, column=1), title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    header_row = 2
    for number, (_, heading, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=number)
        write_text(cell, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    row = header_row
    for track in Track:
        row += 1
        heading_cell = sheet.cell(row=row, column=1)
        write_text(heading_cell, TRACK_LABELS[track])
        heading_cell.font = Font(bold=True, size=12)
        for number in range(1, len(COLUMNS) + 1):
            sheet.cell(row=row, column=number).fill = _HEADING_FILL
        for item in items[items["track"] == track.value].itertuples():
            row += 1
            _write_item(sheet, row, item)
    last = max(row, header_row + 1) + 200  # room for new rows typed in Excel
    for key, choices in (
        ("status", [s.value for s in ItemStatus]),
        ("organisation", [o.value for o in Organisation]),
        ("goal", list(GOAL_LABELS.values())),
    ):
        letter = get_column_letter(_column_number(key))
        validation = DataValidation(
            type="list", formula1=f'"{",".join(choices)}"', allow_blank=True
        )
        validation.error = f"Vælg en af: {', '.join(choices)}"
        validation.showErrorMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{letter}{header_row + 1}:{letter}{last}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _column_number(key: str) -> int:
    return [k for k, _, _ in COLUMNS].index(key) + 1


def _write_item(sheet: Worksheet, row: int, item: Any) -> None:
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, (key, _, _) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row, column=number)
        value = getattr(item, key)
        if key in ("start_date", "due_date"):
            cell.value = _as_date(value)
            cell.number_format = DATE_FORMAT
        elif key == "progress":
            cell.value = int(value) if _str(value) else 0
        elif key == "goal":
            write_text(cell, GOAL_LABELS.get(_str(value), _str(value)))
        else:
            write_text(cell, _str(value))
        if key in ("title", "notes"):
            cell.alignment = wrap
