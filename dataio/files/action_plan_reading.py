"""Reading an action plan back from a workbook in the guide's layout (see action_plan_workbook).

Forgiving about what people do to such a sheet (moved or missing optional columns, month
columns, blank rows, merged headings, Danish dates and percentages, Politi or Kommune written
as Ansvarlig) and strict about everything else: any problem is a ValidationFailed naming the
Excel row and column. Nothing here writes; action_plan_import does.
"""

import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

from dataio.errors import ValidationFailed
from dataio.files.action_plan_workbook import (
    HEADER_ALIASES,
    HEADINGS,
    MAX_BYTES,
    goal_code,
    organisation_code,
)
from dataio.files.cells import cell_date, open_workbook
from dataio.store.action_plans import COLUMN_LABELS, clean_item
from models.actionplan import GOAL_LABELS, ItemStatus, Track
from models.i18n import M_, Message
from models.numbers import NumberRefused, parse_decimal

MAX_UNPACKED_BYTES = 10 * 1024 * 1024  # every sheet is parsed: a small zip may not unpack to much
MAX_ITEMS = 2_000
MAX_SHEET_ROWS = 20_000
MAX_COLUMNS = 200  # columns read; anything further right is ignored
HEADER_SEARCH_ROWS = 10
_SPOR = re.compile(r"spor\s*(\d+)")
_NOT_XLSX = (
    "Filen kan ikke læses som en Excel-fil (.xlsx). Gem den i Excel som "
    "«Excel-projektmappe (.xlsx)» og prøv igen."
)


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


def _load(data: bytes) -> openpyxl.Workbook:
    """Open the bytes as a workbook, or say in Danish why not."""
    if not data:
        raise ValidationFailed(M_("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise ValidationFailed(
            M_(
                "Filen er for stor: {size} MB (højst {most} MB).",
                size=f"{len(data) / 1024 / 1024:.1f}",
                most=MAX_BYTES // 1024 // 1024,
            )
        )
    return open_workbook(data, read_only=False, max_unpacked=MAX_UNPACKED_BYTES, not_xlsx=_NOT_XLSX)


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
                    M_(
                        "Række {number}: kolonnen «{column}» står mere end én gang i overskriftsrækken.",
                        number=cell.row,
                        column=str(cell.value).strip(),
                    )
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
            M_(
                "Filen har ingen overskriftsrække: der skal stå «Aktivitet» i en celle i de første {rows} rækker (brug skabelonen fra «Hent som Excel»).",
                rows=HEADER_SEARCH_ROWS,
            )
        )
    sheet, (header_row, columns, names) = found
    if sheet.max_row > MAX_SHEET_ROWS:
        raise ValidationFailed(
            M_(
                "Arket «{sheet}» fylder {rows} rækker; en handlingsplan må højst fylde {most} rækker.",
                sheet=sheet.title,
                rows=sheet.max_row,
                most=MAX_SHEET_ROWS,
            )
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
                    M_(
                        "Række {number}, kolonne {column}: «{value}» er ikke et af planens spor (Organisering, Spor 1, Spor 2 eller Spor 3).",
                        number=number,
                        column=_column_name(first, columns, headings),
                        value=_plain(first.value),
                    )
                )
            if len(filled) == 1 and first.column == title_column + 1 and _is_bold(first):
                group = _plain(first.value)
                continue
        if track is None:
            raise ValidationFailed(
                M_(
                    "Række {number}, kolonne {column}: aktiviteten står før den første overskrift; sæt den under Organisering, Spor 1, Spor 2 eller Spor 3.",
                    number=number,
                    column=_column_name(filled[0], columns, headings),
                )
            )
        if len(rows) >= MAX_ITEMS:
            raise ValidationFailed(
                M_(
                    "Række {number}: filen har mere end {most} aktiviteter; det er for mange til én handlingsplan.",
                    number=number,
                    most=MAX_ITEMS,
                )
            )
        rows.append(_row(cells, number, track, group, columns, headings))
    if not rows:
        raise ValidationFailed(
            M_(
                "Filen indeholder ingen aktiviteter (kun overskrifter); planen erstattes ikke med en tom plan."
            )
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

    def fail(key: str, why: Message) -> ValidationFailed:
        return ValidationFailed(
            M_(
                "Række {number}, kolonne {column}: {why}",
                number=number,
                column=headings[key],
                why=why,
            )
        )

    values: dict[str, Any] = {
        "track": track.value,
        "activity_group": _plain(value("activity_group")) or group,
        "title": _plain(value("title")),
        "owner_name": _plain(value("owner_name")),
        "notes": _plain(value("notes")),
        "status": _plain(value("status")).lower() or ItemStatus.NOT_STARTED.value,
    }
    values["organisation"] = organisation_code(
        _plain(value("organisation")), owner=values["owner_name"]
    )
    goal = _plain(value("goal"))
    values["goal"] = goal_code(goal)
    if values["goal"] not in GOAL_LABELS:  # the file speaks Danish, so does the message
        *first, last = GOAL_LABELS.values()
        raise fail(
            "goal",
            M_(
                "skal være {choices} eller {last} (fik «{value}»)",
                choices=", ".join(first),
                last=last,
                value=goal,
            ),
        )
    for key, last_day in (("start_date", False), ("due_date", True)):
        raw = value(key)
        try:
            values[key] = _parse_date(raw, last_day=last_day)
        except ValueError as error:
            raise fail(
                key,
                M_(
                    "«{value}» er ikke en dato (skriv fx 1.3.2026 eller mar 2026)",
                    value=_plain(raw),
                ),
            ) from error
    found = cell("progress")
    progress = _parse_progress(value("progress"), getattr(found, "number_format", "") or "")
    if progress is None:
        raise fail(
            "progress",
            M_("«{value}» er ikke et tal fra 0 til 100", value=_plain(value("progress"))),
        )
    values["progress"] = progress
    return PlanRow(**_validated(values, number, headings), excel_row=number)


def _validated(values: dict[str, Any], number: int, headings: dict[str, str]) -> dict[str, Any]:
    """The plan's own row rules (dataio.store.action_plans.clean_item), with the message moved to
    the Excel cell."""
    label = f"Excel-række {number}"
    try:
        return clean_item(values, label=label)
    except ValidationFailed:
        pass
    for key in values:  # find the column that broke the rule, for a message that names it
        try:
            clean_item({key: values[key]}, label=label)
        except ValidationFailed as error:
            fields = error.message.fields if error.message is not None else {}
            why = fields.get(
                "why",
                str(error).removeprefix(f"Række «{label}», kolonne {COLUMN_LABELS[key]}: "),
            )
            raise ValidationFailed(
                M_(
                    "Række {number}, kolonne {column}: {why}",
                    number=number,
                    column=headings.get(key, COLUMN_LABELS[key]),
                    why=why,
                )
            ) from error
    return clean_item(values, label=label)  # only reached if the rules depend on several columns


def _parse_progress(raw: object, number_format: str) -> int | float | None:
    """Percent as a number (0.5 in a %-formatted cell and "50 %" are both 50); None: not a number.

    Text is read by models.numbers.parse_decimal; as 0-100 has no thousands, a point is taken
    for a decimal comma here ("12.5" is 12,5)."""
    if raw is None:
        return 0
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        number = float(raw) * (100 if "%" in (number_format or "") else 1)
    elif isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        try:
            number = parse_decimal(text if "," in text else text.replace(".", ","))
        except NumberRefused:
            return None
    else:
        return None
    if not math.isfinite(number):  # NaN or infinite
        return None
    rounded = round(number, 6)
    return int(rounded) if rounded.is_integer() else rounded


def _parse_date(raw: object, *, last_day: bool) -> date | None:
    """A date from an Excel date or Danish text; a month alone is its first (or, for a due date,
    last) day. None: empty. ValueError (NotADate): not a date."""
    if raw is None:
        return None
    return cell_date(raw, month_alone="last" if last_day else "first")
