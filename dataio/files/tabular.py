"""Small tables from people: CSV (either separator, UTF-8 or Windows-1252) or Excel, cell by cell.

Row numbers are those a person sees when opening the file: the header is row 1. Every problem is
a ValidationFailed naming the row and the column; nothing else escapes for any input bytes.
"""

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
from sqlmodel import Session

from dataio.errors import PermissionDenied, ValidationFailed
from models.domain import SourceKind
from models.permissions import Action, Actor, Target, require
from models.tables import DataSource, Municipality

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a small zip may not unpack into gigabytes
MAX_ROWS = 50_000
_NOT_TEXT = (
    "Filen kan ikke læses: den er hverken tekst i UTF-8 eller Windows-1252 (CSV) eller en "
    "Excel-fil (.xlsx). Gem den som «CSV UTF-8» eller «Excel-projektmappe (.xlsx)» og prøv igen."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FOLDS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "_": " ", "-": " "})
_INTEGER = re.compile(r"-?\d+")
_GROUPED = re.compile(r"-?\d{1,3}([. ]\d{3})+")
_DECIMAL = re.compile(r"-?\d+,(\d+)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_DANISH = re.compile(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})")


@dataclass(frozen=True)
class Column:
    """A column a layout knows: its key, its heading in messages, other spellings, whether needed."""

    key: str
    heading: str
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class Row:
    """One data row: its number as a person sees it and its cells by column key."""

    number: int
    cells: dict[str, Any]


def fold(text: str) -> str:
    """A header or name as compared: lower case, single spaces, æøå spelled out."""
    return " ".join(text.lower().translate(_FOLDS).split())


def problem(row: int, column: Column | str, why: str) -> ValidationFailed:
    """The one message shape: 'Række 4, kolonne «dato»: ...'."""
    heading = column.heading if isinstance(column, Column) else column
    return ValidationFailed(f"Række {row}, kolonne «{heading}»: {why}")


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise ValidationFailed(_NOT_TEXT)  # UTF-16/32 or binary
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            raise ValidationFailed(_NOT_TEXT)
        return text
    raise ValidationFailed(_NOT_TEXT)


def _csv_rows(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    text = _decode(data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=header.count)  # the header's own separator; ";" wins ties
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            yield number, [cell.strip() for cell in cells]
    except csv.Error as error:
        raise ValidationFailed(f"Filen kan ikke læses som CSV: {error}") from error


def _excel_rows(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    not_xlsx = ValidationFailed(_NOT_TEXT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValidationFailed("Excel-filen er for stor udpakket.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 100))
        workbook.close()
    except ValidationFailed:
        raise
    except Exception as error:  # a corrupt file can fail in zipfile, openpyxl or the XML parser
        raise not_xlsx from error
    for number, cells in enumerate(rows, 1):
        yield number, [c.strip() if isinstance(c, str) else c for c in cells]


def _blank(cells: Sequence[Any]) -> bool:
    return all(c is None or c == "" for c in cells)


def _header(cells: Sequence[Any], columns: Sequence[Column], number: int) -> dict[str, int]:
    known = {fold(name): c for c in columns for name in (c.key, c.heading, *c.aliases)}
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        column = known.get(fold(str(cell))) if cell is not None else None
        if column is None:
            continue  # extra columns are allowed and ignored
        if column.key in positions:
            raise problem(number, column, "kolonnen står der to gange")
        positions[column.key] = index
    missing = [c.heading for c in columns if c.required and c.key not in positions]
    if missing:
        expected = ";".join(c.heading for c in columns)
        raise ValidationFailed(
            f"Række {number}: kolonnen {', '.join(f'«{m}»' for m in missing)} mangler "
            f"(overskriftsrækken skal være {expected})"
        )
    return positions


def read_rows(data: bytes, columns: Sequence[Column]) -> list[Row]:
    """The file's data rows (blank rows skipped); refused unless it has the columns and a row."""
    if not data.strip():
        raise ValidationFailed("Filen er tom.")
    if len(data) > MAX_BYTES:
        raise ValidationFailed(f"Filen er for stor (højst {MAX_BYTES // 1024 // 1024} MB).")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationFailed("Det gamle Excel-format (.xls) kan ikke læses; gem som .xlsx.")
    lines = _excel_rows(data) if data.startswith(b"PK\x03\x04") else _csv_rows(data)
    positions: dict[str, int] | None = None
    rows: list[Row] = []
    for number, cells in lines:
        if _blank(cells):
            continue
        if positions is None:
            positions = _header(cells, columns, number)
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationFailed(f"Filen har for mange rækker (højst {MAX_ROWS}).")
        values = {k: cells[i] if i < len(cells) else None for k, i in positions.items()}
        rows.append(Row(number, {k: None if v == "" else v for k, v in values.items()}))
    if positions is None:
        raise ValidationFailed("Filen er tom.")
    if not rows:
        raise ValidationFailed("Filen har kun overskriftsrækken og ingen rækker med tal.")
    return rows


def parse_count(value: Any, *, row: int, column: Column) -> int:
    """A whole number ≥ 0: '1275', '1.275', '1 275', '12,0' or an Excel number."""
    number: int | None = None
    if isinstance(value, bool) or value is None:
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = value.replace("\xa0", " ")
        decimal = _DECIMAL.fullmatch(text)
        if _INTEGER.fullmatch(text) or _GROUPED.fullmatch(text):
            number = int(text.replace(".", "").replace(" ", ""))
        elif decimal and not decimal.group(1).strip("0"):
            number = int(text.split(",")[0])
    if value is None:
        raise problem(row, column, "mangler (skriv et helt tal, 0 eller mere)")
    if number is None:
        raise problem(row, column, f"«{value}» er ikke et helt tal")
    if number < 0:
        raise problem(row, column, f"{number} er negativ; antal skal være 0 eller mere")
    return number


def parse_date(value: Any, *, row: int, column: Column, today: date) -> date:
    """A date as 2026-11-01, 01-11-2026, 1.11.2026 or an Excel date; not in the future."""
    if value is None:
        raise problem(row, column, "mangler (skriv fx 2026-11-01 eller 01-11-2026)")
    if isinstance(value, datetime):
        day: date | None = value.date()
    elif isinstance(value, date):
        day = value
    else:
        day = _text_date(str(value))
    if day is None:
        raise problem(
            row, column, f"«{value}» er ikke en dato (skriv fx 2026-11-01 eller 01-11-2026)"
        )
    if not date(2000, 1, 1) <= day <= today:
        raise problem(row, column, f"{day.isoformat()} ligger uden for 2000 til i dag")
    return day


def _text_date(text: str) -> date | None:
    iso, danish = _ISO.fullmatch(text), _DANISH.fullmatch(text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if danish:
            return date(int(danish.group(3)), int(danish.group(2)), int(danish.group(1)))
    except ValueError:
        return None
    return None


def parse_year(value: Any, *, row: int, column: Column, today: date) -> int:
    """A year from 2000 to this year."""
    if value is None:
        raise problem(row, column, "mangler (skriv fx 2025)")
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}", value)
    ):
        year = int(value)
    if year is None:
        raise problem(row, column, f"«{value}» er ikke et årstal")
    if not 2000 <= year <= today.year:
        raise problem(row, column, f"{year} ligger uden for 2000-{today.year}")
    return year


def municipality_lookup(municipalities: Iterable[Municipality]) -> dict[str, Municipality]:
    """Municipalities by code ('183') and by name in lower case ('ishøj')."""
    lookup: dict[str, Municipality] = {}
    for municipality in municipalities:
        lookup[str(municipality.code)] = municipality
        lookup[" ".join(municipality.name.lower().split())] = municipality
    return lookup


def find_municipality(
    lookup: dict[str, Municipality], value: Any, *, row: int, column: Column
) -> Municipality:
    """The municipality a cell names by DST code or exact name."""
    if value is None:
        raise problem(row, column, "mangler (skriv kommunekoden, fx 183, eller navnet)")
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    key = str(int(text)) if text.isdigit() else " ".join(text.lower().split())
    found = lookup.get(key)
    if found is None:
        raise problem(
            row, column, f"ukendt kommune «{value}» (brug DST-koden, fx 183, eller navnet)"
        )
    return found


def text_cell(value: Any, *, limit: int = 200) -> str:
    """Free text, trimmed and cut to a sane length."""
    return "" if value is None else str(value).strip()[:limit]


# ------------------------------------------------------------------ shared by the importers


class DryRun(Exception):
    """Raised inside a preview's transaction so that everything is rolled back."""

    def __init__(self, report: object) -> None:
        super().__init__("dry run")
        self.report = report


def check_rights(
    actor: Actor, action: Action, first_rows: dict[int, int], lookup: dict[str, Municipality]
) -> None:
    """Refuse, naming the row and municipality, unless the actor may write every municipality."""
    for code, number in sorted(first_rows.items(), key=lambda item: item[1]):
        municipality = lookup[str(code)]
        target = Target(code, municipality.police_district_number)
        try:
            require(actor, action, target, where=f"{municipality.name} ({code})")
        except PermissionDenied as refused:
            raise PermissionDenied(f"Række {number}: {refused}") from refused


def file_source(
    session: Session, *, actor: Actor, name: str, dataset: str, file_name: str, rows: int
) -> DataSource:
    """The provenance row of one imported file (counts and periods are filled in after writing)."""
    source = DataSource(
        name=name,
        kind=SourceKind.FILE,
        dataset=dataset,
        description=f"Fil: {file_name}",
        rows=rows,
        rows_read=rows,
        file_name=file_name,
        as_of=date.today(),
        loaded_at=datetime.now(UTC),
        loaded_by=actor.username,
    )
    session.add(source)
    session.flush()
    return source
