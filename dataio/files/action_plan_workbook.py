"""The action plan as an Excel workbook in the guide's layout: export, read back, import (all or nothing).

The layout follows the guide's "Handleplan - xxx kommune og xxx politikreds": a title row, a header
row, then one heading row per track ("Organisering", "Spor 1: ...") followed by its activities.
Reading is forgiving about what people do to such a sheet (moved or missing optional columns,
month columns, blank rows, Danish dates and percentages) and strict about everything else: any
problem is a ValidationFailed naming the Excel row and column, and an import writes nothing then.
"""

import calendar
import io
import re
import warnings
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine, delete, func, update
from sqlmodel import col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable
from dataio.errors import ValidationFailed
from dataio.store.action_plans import (
    COLUMN_LABELS,
    EDITABLE,
    _clean,
    municipality_target,
    plan_items,
)
from models.actionplan import TRACK_LABELS, ItemStatus, Organisation, Track
from models.permissions import Action, Actor, require
from models.tables import ActionItem, ActionPlan, WalkObservation

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 25 * 1024 * 1024  # a 5 MB zip may not unpack into gigabytes
MAX_ITEMS = 2_000
MAX_SHEET_ROWS = 20_000
MAX_COLUMNS = 200  # columns read; anything further right is ignored
HEADER_SEARCH_ROWS = 10
DATE_FORMAT = "DD.MM.YYYY"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "januar", "january"),
            ("feb", "februar", "february"),
            ("mar", "marts", "march"),
            ("apr", "april"),
            ("maj", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("okt", "oktober", "oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_MONTH_YEAR = re.compile(r"([a-zæøå]+)\.?\s*(\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{4})")
_SPOR = re.compile(r"spor\s*(\d+)")
_FORMULA_START = ("=", "+", "-", "@")
_HEADING_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
_HEADER_FILL = PatternFill("solid", start_color="BDD7EE", end_color="BDD7EE")


@dataclass(frozen=True)
class PlanRow:
    """One activity as read from a workbook (validated; the values an item gets on import)."""

    track: str
    activity_group: str
    title: str
    owner_name: str
    organisation: str
    start_date: date | None
    due_date: date | None
    status: str
    progress: int
    goal: str
    notes: str
    excel_row: int = field(default=0, compare=False)  # where it stood, for messages

    def values(self) -> dict[str, Any]:
        """The item's editable values (dataio.store.action_plans.EDITABLE)."""
        values = asdict(self)
        del values["excel_row"]
        return values


# ---------------------------------------------------------------------------------------- export


def _text(cell: Cell, text: str) -> None:
    """Write text as text: never a formula, whatever it starts with."""
    clean = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = clean or None
    if clean:
        # openpyxl makes "=..." a formula on assignment; data_type "s" writes it as an inline
        # string instead, and quotePrefix keeps Excel from turning it into one on a later edit.
        cell.data_type = "s"
        if clean.startswith(_FORMULA_START):
            cell.quotePrefix = True


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    try:
        if value != value:  # NaN / NaT
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(str(value)).date()  # a pandas Timestamp or a string from the driver


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
    _text(sheet.cell(row=1, column=1), title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    header_row = 2
    for number, (_, heading, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=number)
        _text(cell, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    row = header_row
    for track in Track:
        row += 1
        heading_cell = sheet.cell(row=row, column=1)
        _text(heading_cell, TRACK_LABELS[track])
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
            _text(cell, GOAL_LABELS.get(_str(value), _str(value)))
        else:
            _text(cell, _str(value))
        if key in ("title", "notes"):
            cell.alignment = wrap


# ------------------------------------------------------------------------------------------ read


def _load(data: bytes) -> openpyxl.Workbook:
    """Open the bytes as a workbook, or say in Danish why not."""
    if not data:
        raise ValidationFailed("Filen er tom.")
    if len(data) > MAX_BYTES:
        raise ValidationFailed(
            f"Filen er for stor: {len(data) / 1024 / 1024:.1f} MB (højst {MAX_BYTES // 1024 // 1024} MB)."
        )
    not_xlsx = ValidationFailed(
        "Filen kan ikke læses som en Excel-fil (.xlsx). Gem den i Excel som «Excel-projektmappe (.xlsx)» og prøv igen."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as error:  # not a zip at all, or a broken one
        raise not_xlsx from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationFailed(
            f"Filen er for stor udpakket ({unpacked // 1024 // 1024} MB); en handlingsplan fylder langt mindre."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # a corrupt file can fail in openpyxl, zipfile or the XML parser
        raise not_xlsx from error


def _header_key(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).lower().rstrip(":").strip()
    return HEADER_ALIASES.get(text)


def _find_header(sheet: Worksheet) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """The header row, each known field's column, and its heading as written."""
    for row in sheet.iter_rows(
        min_row=1,
        max_row=min(HEADER_SEARCH_ROWS, sheet.max_row),
        max_col=min(MAX_COLUMNS, sheet.max_column),
    ):
        if not any(_header_key(cell.value) == "title" for cell in row):
            continue
        columns: dict[str, int] = {}
        names: dict[str, str] = {}
        for index, cell in enumerate(row):
            key = _header_key(cell.value)
            if key is None:
                continue
            if key in columns:
                raise ValidationFailed(
                    f"Række {cell.row}: kolonnen «{str(cell.value).strip()}» står mere end én gang i overskriftsrækken."
                )
            columns[key] = index
            names[key] = " ".join(str(cell.value).split())
        return int(row[0].row or 0), columns, names
    return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _heading_track(value: object) -> Track | None:
    """The track a heading row starts ('Organisering', 'Spor 1: ...'), else None."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).lower()
    if text.startswith("organisering"):
        return Track.ORGANISATION
    match = _SPOR.match(text)
    if match is None:
        return None
    return {"1": Track.CITIZENS, "2": Track.BUSINESS, "3": Track.PRESS}.get(match.group(1))


def _is_bold(cell: Cell) -> bool:
    try:
        return bool(cell.font and cell.font.b)
    except (AttributeError, IndexError):
        return False


def read_plan(data: bytes) -> list[PlanRow]:
    """The activities of a workbook in the guide's layout, validated; ValidationFailed names the
    Excel row and column of the first problem.

    A track heading is a row whose first filled cell starts with "Organisering", "Spor 1", "Spor 2"
    or "Spor 3" and whose other known columns are empty (marks in month columns are ignored). A
    row with only a bold Aktivitet cell is an activity-group heading (the guide's layout): the
    activities under it get that group unless their Aktivitetsgruppe cell says otherwise."""
    workbook = _load(data)
    found = None
    for sheet in workbook.worksheets:
        header = _find_header(sheet)
        if header is not None:
            found = sheet, header
            break
    if found is None:
        raise ValidationFailed(
            f"Filen har ingen overskriftsrække: der skal stå «Aktivitet» i en celle i de første {HEADER_SEARCH_ROWS} rækker (brug skabelonen fra «Hent som Excel»)."
        )
    sheet, (header_row, columns, names) = found
    if sheet.max_row > MAX_SHEET_ROWS:
        raise ValidationFailed(
            f"Arket «{sheet.title}» fylder {sheet.max_row} rækker; en handlingsplan må højst fylde {MAX_SHEET_ROWS} rækker."
        )
    headings = {key: names.get(key, heading) for key, heading in HEADINGS.items()}
    rows: list[PlanRow] = []
    track: Track | None = None
    group = ""
    title_column = columns["title"]
    known = set(columns.values())
    for cells in sheet.iter_rows(
        min_row=header_row + 1, max_col=min(MAX_COLUMNS, sheet.max_column)
    ):
        filled = [cell for cell in cells if not _blank(cell.value)]
        if not filled:
            continue
        number = int(cells[0].row or 0)
        first = filled[0]
        if not any(cell.column - 1 in known for cell in filled[1:]):  # month marks do not count
            heading_track = _heading_track(first.value)
            if heading_track is not None:
                track, group = heading_track, ""
                continue
            if _SPOR.match(" ".join(str(first.value).split()).lower()):
                raise ValidationFailed(
                    f"Række {number}, kolonne {_column_name(first, columns, headings)}: «{_plain(first.value)}» er ikke et af planens spor (Organisering, Spor 1, Spor 2 eller Spor 3)."
                )
            if len(filled) == 1 and first.column == title_column + 1 and _is_bold(first):
                group = _plain(first.value)
                continue
        if track is None:
            raise ValidationFailed(
                f"Række {number}, kolonne {_column_name(filled[0], columns, headings)}: aktiviteten står før den første overskrift; sæt den under Organisering, Spor 1, Spor 2 eller Spor 3."
            )
        if len(rows) >= MAX_ITEMS:
            raise ValidationFailed(
                f"Række {number}: filen har mere end {MAX_ITEMS} aktiviteter; det er for mange til én handlingsplan."
            )
        rows.append(_row(cells, number, track, group, columns, headings))
    if not rows:
        raise ValidationFailed(
            "Filen indeholder ingen aktiviteter (kun overskrifter); planen erstattes ikke med en tom plan."
        )
    return rows


def _column_name(cell: Cell, columns: dict[str, int], headings: dict[str, str]) -> str:
    for key, index in columns.items():
        if cell.column == index + 1:
            return headings[key]
    return str(cell.column_letter)


def _plain(value: object) -> str:
    """A cell's value as text (trimmed, no control characters)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.strftime("%d.%m.%Y")
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)).strip()


def _row(
    cells: tuple[Cell, ...],
    number: int,
    track: Track,
    group: str,
    columns: dict[str, int],
    headings: dict[str, str],
) -> PlanRow:
    def cell(key: str) -> Cell | None:
        index = columns.get(key)
        return None if index is None or index >= len(cells) else cells[index]

    def value(key: str) -> object:
        found = cell(key)
        return None if found is None or _blank(found.value) else found.value

    def fail(key: str, why: str) -> ValidationFailed:
        return ValidationFailed(f"Række {number}, kolonne {headings[key]}: {why}")

    values: dict[str, Any] = {
        "track": track.value,
        "activity_group": _plain(value("activity_group")) or group,
        "title": _plain(value("title")),
        "owner_name": _plain(value("owner_name")),
        "notes": _plain(value("notes")),
        "status": _plain(value("status")).lower() or ItemStatus.NOT_STARTED.value,
    }
    organisation = _plain(value("organisation")).lower() or Organisation.JOINT.value
    values["organisation"] = _ORGANISATION_WORDS.get(organisation, organisation)
    goal = _plain(value("goal"))
    values["goal"] = _GOAL_WORDS.get(goal.lower(), goal.lower() or "none")
    if values["goal"] not in GOAL_LABELS:  # the file speaks Danish, so does the message
        *first, last = GOAL_LABELS.values()
        raise fail("goal", f"skal være {', '.join(first)} eller {last} (fik «{goal}»)")
    for key, last_day in (("start_date", False), ("due_date", True)):
        raw = value(key)
        try:
            values[key] = _parse_date(raw, last_day=last_day)
        except ValueError as error:
            raise fail(
                key, f"«{_plain(raw)}» er ikke en dato (skriv fx 1.3.2026 eller mar 2026)"
            ) from error
    found = cell("progress")
    progress = _parse_progress(value("progress"), getattr(found, "number_format", "") or "")
    if progress is None:
        raise fail("progress", f"«{_plain(value('progress'))}» er ikke et tal fra 0 til 100")
    values["progress"] = progress
    return PlanRow(**_validated(values, number, headings), excel_row=number)


def _validated(values: dict[str, Any], number: int, headings: dict[str, str]) -> dict[str, Any]:
    """The plan's own row rules (dataio.store.action_plans._clean), with the message moved to the Excel cell."""
    label = f"Excel-række {number}"
    try:
        return _clean(values, label=label)
    except ValidationFailed:
        pass
    for key in values:  # find the column that broke the rule, for a message that names it
        try:
            _clean({key: values[key]}, label=label)
        except ValidationFailed as error:
            why = str(error).removeprefix(f"Række «{label}», kolonne {COLUMN_LABELS[key]}: ")
            raise ValidationFailed(
                f"Række {number}, kolonne {headings.get(key, COLUMN_LABELS[key])}: {why}"
            ) from error
    return _clean(values, label=label)  # only reached if the rules depend on several columns


def _parse_progress(raw: object, number_format: str) -> int | float | None:
    """Percent as a number (0.5 in a %-formatted cell and "50 %" are both 50); None: not a number."""
    if raw is None:
        return 0
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        number = float(raw) * (100 if "%" in (number_format or "") else 1)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        text = text.removesuffix("%").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    else:
        return None
    if number != number:  # NaN
        return None
    rounded = round(number, 6)
    return int(rounded) if rounded.is_integer() else rounded


def _parse_date(raw: object, *, last_day: bool) -> date | None:
    """A date from an Excel date or Danish text; a month alone is its first (or, for a due date,
    last) day. None: empty. ValueError: not a date."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise ValueError(raw)
    text = " ".join(raw.split()).lower()
    if match := _ISO_DATE.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DATE.fullmatch(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return date(year, int(match[2]), int(match[1]))
    if (match := _DAY_MONTH_YEAR.fullmatch(text)) and match[2] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if (match := _MONTH_YEAR.fullmatch(text)) and match[1] in _MONTHS:
        year, month = int(match[2]), _MONTHS[match[1]]
        return date(year, month, calendar.monthrange(year, month)[1] if last_day else 1)
    raise ValueError(raw)


# ---------------------------------------------------------------------------------------- import


def import_plan(engine: Engine, *, actor: Actor, municipality_code: int, data: bytes) -> int:
    """Replace the municipality's plan with the workbook's activities, all or nothing; returns
    the number imported. Rows identical to an existing item keep who changed them and when (so
    an unchanged re-import does not make stale activities look fresh)."""
    rows = read_plan(data)
    values = [_clean(row.values(), label=f"Excel-række {row.excel_row}") for row in rows]
    now = datetime.now(UTC)
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.EDIT_ACTION_PLAN, target, where=name)
        if session.get(ActionPlan, municipality_code) is None:
            session.add(
                ActionPlan(
                    municipality_code=municipality_code, created_at=now, created_by=actor.username
                )
            )
            session.flush()
        old_items = session.exec(
            select(ActionItem).where(ActionItem.municipality_code == municipality_code)
        ).all()
        kept: dict[tuple[Any, ...], list[tuple[str, datetime, str | None]]] = {}
        for item in old_items:
            kept.setdefault(_identity(_snapshot(item)), []).append(
                (item.changed_by, item.changed_at, item.owner_username)
            )
        old_count = len(old_items)
        session.expunge_all()
        own_items = select(ActionItem.id).where(ActionItem.municipality_code == municipality_code)
        # the follow-ups stay; only their links to the replaced items go
        session.exec(
            update(WalkObservation)
            .where(col(WalkObservation.action_item_id).in_(own_items))
            .values(action_item_id=None)
        )
        session.exec(
            delete(ActionItem).where(col(ActionItem.municipality_code) == municipality_code)
        )
        for position, row_values in enumerate(values):
            previous = kept.get(_identity(row_values))
            changed_by, changed_at, owner_username = (
                previous.pop() if previous else (actor.username, now, None)
            )
            session.add(
                ActionItem(
                    municipality_code=municipality_code,
                    position=position,
                    owner_username=owner_username,
                    changed_by=changed_by,
                    changed_at=changed_at,
                    **row_values,
                )
            )
        session.flush()
        new_count = session.exec(
            select(func.count())
            .select_from(ActionItem)
            .where(col(ActionItem.municipality_code) == municipality_code)
        ).one()
        audit.record(
            session,
            actor=actor,
            action="action_plan.import",
            entity="action_plan",
            entity_key=str(municipality_code),
            summary=f"Handlingsplan for {name} importeret fra Excel: {len(values)} aktiviteter",
            before={"items": old_count},
            after={"items": int(new_count)},
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )
    return len(values)


def _snapshot(item: ActionItem) -> dict[str, Any]:
    return {key: getattr(item, key) for key in EDITABLE}


def _identity(values: dict[str, Any]) -> tuple[Any, ...]:
    """An item's editable values in a fixed order ('' for missing text), to recognise unchanged rows."""
    return tuple("" if values.get(key) is None else values.get(key) for key in EDITABLE)
