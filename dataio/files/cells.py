"""What every file reader needs below the level of its own layout: text from bytes, a workbook
from bytes that cannot unpack into gigabytes, and dates as Danes and Excel write them.

Counts and decimals are pure and live in models.numbers. Each reader turns the refusals here
(NotText, NotADate, ValidationFailed for workbooks) into its own Danish message with its own
row and column.
"""

import calendar
import io
import re
import warnings
import zipfile
from datetime import date, datetime
from typing import Literal

import openpyxl

from dataio.errors import ValidationFailed
from models.i18n import M_, Message

UTF8_BOM = b"\xef\xbb\xbf"
MAX_SHEET_BYTES = 5 * 1024 * 1024  # of XML per sheet, unpacked: a 100 KB file may hold 20 MB
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_PICTURES = "xl/media/"  # pictures are not unpacked to be read


# ------------------------------------------------------------------------------------------ text


TextRefusal = Literal["utf-16", "binary", "broken utf-8", "unknown encoding"]  # why not text


class NotText(ValueError):
    """Bytes that are not UTF-8 or Windows-1252 text; `byte` is 1-based, for "broken utf-8"."""

    def __init__(self, refusal: TextRefusal, *, byte: int = 0) -> None:
        super().__init__(refusal)
        self.refusal, self.byte = refusal, byte


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with a BOM ("utf-8-sig", which must then be valid), UTF-8
    ("utf-8") or Windows-1252 ("cp1252"); NotText for UTF-16, NUL bytes or anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotText("utf-16")
    if b"\x00" in data:
        raise NotText("binary")
    if data.startswith(UTF8_BOM):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise NotText("broken utf-8", byte=error.start + 1) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise NotText("unknown encoding") from None


def control_line(data: bytes) -> int | None:
    """The 1-based line of the first control character (other than tab and line ends), if any.

    Control characters are the same single bytes in UTF-8 and Windows-1252."""
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):
        return None  # the common case, without a regular expression over the whole file
    found = _CONTROL.search(data)
    return None if found is None else data.count(b"\n", 0, found.start()) + 1


# -------------------------------------------------------------------------------------- workbook


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def open_workbook(
    data: bytes, *, read_only: bool, max_unpacked: int, not_xlsx: str | Message
) -> openpyxl.Workbook:
    """The bytes as a workbook (values, not formulas), after checking what they unpack to: at most
    `max_unpacked` in all and MAX_SHEET_BYTES per part (a sheet's XML, the shared texts), so that
    a small file cannot take minutes and gigabytes to read. ValidationFailed(not_xlsx) for
    anything that is not a readable .xlsx.

    With read_only, sheets are parsed while their rows are iterated, which may fail too: the
    caller iterates inside its own `except Exception` (a corrupt file fails in many places)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as error:  # not a zip at all, or a broken one
        raise ValidationFailed(not_xlsx) from error
    unpacked = sum(member.file_size for member in members)
    if unpacked > max_unpacked:
        raise ValidationFailed(
            M_(
                "Excel-filen er for stor udpakket: {size} (højst {most} MB).",
                size=_megabytes(unpacked),
                most=max_unpacked // 1024 // 1024,
            )
        )
    for member in members:
        if member.file_size > MAX_SHEET_BYTES and not member.filename.startswith(_PICTURES):
            raise ValidationFailed(
                M_(
                    "Excel-filen er for stor udpakket: et ark fylder {size} (højst {most} MB pr. "
                    "ark). Gem tabellen som CSV, eller del den i flere filer.",
                    size=_megabytes(member.file_size),
                    most=MAX_SHEET_BYTES // 1024 // 1024,
                )
            )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except Exception as error:  # a corrupt file can fail in openpyxl, zipfile or the XML parser
        raise ValidationFailed(not_xlsx) from error


# ----------------------------------------------------------------------------------------- dates

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
_ISO_DATE = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ t][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
_NUMERIC_DATE = re.compile(r"([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{2}|[0-9]{4})")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})\.?\s*([a-zæøå]+)\.?\s*([0-9]{4})")
_MONTH_YEAR = re.compile(r"([a-zæøå]+)\.?\s*([0-9]{4})")


class NotADate(ValueError):
    """A cell that is not a date."""


def cell_date(value: object, *, month_alone: Literal["first", "last"] | None = None) -> date:
    """The date in a cell: an Excel date or datetime (a pandas Timestamp too), or text written as
    2026-03-01 (a time after it is ignored), 1.3.2026, 01-03-2026, 1/3/26 or 1. marts 2026.

    With month_alone, "mar 2026" and "marts 2026" are that month's first or last day; without,
    they are not a date. NotADate for anything else (an empty cell is the caller's business)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise NotADate(value)
    text = " ".join(value.split()).lower()
    try:
        return _text_date(text, month_alone)
    except ValueError as error:  # 2026-02-30, 32.13.2026
        raise NotADate(value) from error


def _text_date(text: str, month_alone: Literal["first", "last"] | None) -> date:
    if match := _ISO_DATE.fullmatch(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DATE.fullmatch(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return date(year, int(match[2]), int(match[1]))
    if (match := _DAY_MONTH_YEAR.fullmatch(text)) and match[2] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if month_alone and (match := _MONTH_YEAR.fullmatch(text)) and match[1] in _MONTHS:
        year, month = int(match[2]), _MONTHS[match[1]]
        return date(
            year, month, calendar.monthrange(year, month)[1] if month_alone == "last" else 1
        )
    raise NotADate(text)
