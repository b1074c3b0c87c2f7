"""Small tables from people: CSV (either separator, UTF-8 or Windows-1252) or Excel, cell by cell.

Row numbers are those a person sees when opening the file: the header is row 1. Every problem is
a ValidationFailed naming the row and the column; nothing else escapes for any input bytes.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dataio.errors import ValidationFailed
from dataio.files.cells import NotADate, NotText, cell_date, control_line, decode, open_workbook
from models import numbers
from models.i18n import DANISH, M_, Message, language_of
from models.tables import Municipality

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a small zip may not unpack into gigabytes
MAX_ROWS = 50_000
_NOT_TEXT = M_(
    "Filen kan ikke læses: den er hverken tekst i UTF-8 eller Windows-1252 (CSV) eller en "
    "Excel-fil (.xlsx). Gem den som «CSV UTF-8» eller «Excel-projektmappe (.xlsx)» og prøv igen."
)
_FOLDS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "_": " ", "-": " "})


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


@dataclass(frozen=True)
class Headings(Message):
    """Columns named in a message: their Danish headings («kommune», «dato»), in another language
    their keys («municipality», «date»), which a file may use as headings too."""

    columns: tuple[Column, ...] = ()
    separator: str = ", "
    quoted: bool = True

    def render(self, lang: str) -> str:
        """The columns' names in `lang`, joined."""
        danish = language_of(lang) == DANISH
        names = [c.heading if danish else c.key for c in self.columns]
        return self.separator.join(f"«{n}»" if self.quoted else n for n in names)


def fold(text: str) -> str:
    """A header or name as compared: lower case, single spaces, æøå spelled out."""
    return " ".join(text.lower().translate(_FOLDS).split())


def problem(row: int, column: Column | str, why: str | Message) -> ValidationFailed:
    """The one message shape: 'Række 4, kolonne «dato»: ...' (a Message: shown in the reader's
    language with `error.text(lang)`; `str()` is Danish). The column's heading is the file's own
    word and stays as it is; `why` is translated when it is a Message."""
    heading = (
        Headings("", columns=(column,), quoted=False) if isinstance(column, Column) else column
    )
    return ValidationFailed(
        M_("Række {row}, kolonne «{heading}»: {why}", row=row, heading=heading, why=why)
    )


def _text(data: bytes) -> str:
    try:
        text, _ = decode(data)
    except NotText as error:
        raise ValidationFailed(_NOT_TEXT) from error
    if control_line(data) is not None:
        raise ValidationFailed(_NOT_TEXT)
    return text


def _csv_rows(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    text = _text(data)
    header = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(";,\t", key=header.count)  # the header's own separator; ";" wins ties
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            yield number, [cell.strip() for cell in cells]
    except csv.Error as error:
        raise ValidationFailed(M_("Filen kan ikke læses som CSV: {error}", error=error)) from error


def _excel_rows(data: bytes) -> Iterable[tuple[int, list[Any]]]:
    workbook = open_workbook(
        data, read_only=True, max_unpacked=MAX_UNPACKED_BYTES, not_xlsx=_NOT_TEXT
    )
    try:
        sheet = workbook.worksheets[0]
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 100))
        workbook.close()
    except Exception as error:  # a corrupt sheet fails while it is parsed, in many places
        raise ValidationFailed(_NOT_TEXT) from error
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
            raise problem(number, column, M_("kolonnen står der to gange"))
        positions[column.key] = index
    missing = tuple(c for c in columns if c.required and c.key not in positions)
    if missing:
        raise ValidationFailed(
            M_(
                "Række {number}: kolonnen {missing} mangler (overskriftsrækken skal være {expected})",
                number=number,
                missing=Headings("", columns=missing),
                expected=Headings("", columns=tuple(columns), separator=";", quoted=False),
            )
        )
    return positions


def read_rows(data: bytes, columns: Sequence[Column]) -> list[Row]:
    """The file's data rows (blank rows skipped); refused unless it has the columns and a row."""
    if not data.strip():
        raise ValidationFailed(M_("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise ValidationFailed(
            M_("Filen er for stor (højst {megabytes} MB).", megabytes=MAX_BYTES // 1024 // 1024)
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationFailed(M_("Det gamle Excel-format (.xls) kan ikke læses; gem som .xlsx."))
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
            raise ValidationFailed(M_("Filen har for mange rækker (højst {most}).", most=MAX_ROWS))
        values = {k: cells[i] if i < len(cells) else None for k, i in positions.items()}
        rows.append(Row(number, {k: None if v == "" else v for k, v in values.items()}))
    if positions is None:
        raise ValidationFailed(M_("Filen er tom."))
    if not rows:
        raise ValidationFailed(M_("Filen har kun overskriftsrækken og ingen rækker med tal."))
    return rows


def parse_count(value: Any, *, row: int, column: Column) -> int:
    """A whole number from 0 to models.numbers.MAX_COUNT: '1275', '1.275', '1 275', '12,0' or an
    Excel number."""
    if value is None:
        raise problem(row, column, M_("mangler (skriv et helt tal, 0 eller mere)"))
    try:
        if isinstance(value, str):
            return numbers.parse_count(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return numbers.check_count(value)
        if isinstance(value, float) and value.is_integer():
            return numbers.check_count(int(value))
    except numbers.NumberRefused as refused:
        raise problem(row, column, str(refused)) from refused
    raise problem(row, column, M_("«{value}» er ikke et helt tal", value=value))


def parse_date(value: Any, *, row: int, column: Column, today: date) -> date:
    """A date as 2026-11-01, 01-11-2026, 1.11.2026, 1. november 2026 or an Excel date; not in the
    future."""
    if value is None:
        raise problem(row, column, M_("mangler (skriv fx 2026-11-01 eller 01-11-2026)"))
    try:
        day = cell_date(value)
    except NotADate as error:
        raise problem(
            row,
            column,
            M_("«{value}» er ikke en dato (skriv fx 2026-11-01 eller 01-11-2026)", value=value),
        ) from error
    if not date(2000, 1, 1) <= day <= today:
        raise problem(row, column, M_("{day} ligger uden for 2000 til i dag", day=day.isoformat()))
    return day


def parse_year(value: Any, *, row: int, column: Column, today: date) -> int:
    """A year from 2000 to this year."""
    if value is None:
        raise problem(row, column, M_("mangler (skriv fx 2025)"))
    year: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}", value)
    ):
        year = int(value)
    if year is None:
        raise problem(row, column, M_("«{value}» er ikke et årstal", value=value))
    if not 2000 <= year <= today.year:
        raise problem(
            row,
            column,
            M_("{year} ligger uden for 2000-{this_year}", year=year, this_year=today.year),
        )
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
        raise problem(row, column, M_("mangler (skriv kommunekoden, fx 183, eller navnet)"))
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    key = str(int(text)) if text.isdigit() else " ".join(text.lower().split())
    found = lookup.get(key)
    if found is None:
        raise problem(
            row,
            column,
            M_("ukendt kommune «{value}» (brug DST-koden, fx 183, eller navnet)", value=value),
        )
    return found


def text_cell(value: Any, *, limit: int = 200) -> str:
    """Free text, trimmed and cut to a sane length."""
    return "" if value is None else str(value).strip()[:limit]
