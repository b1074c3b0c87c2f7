"""The readers' shared cells: text from bytes, the workbook opener's limits, Danish dates."""

import io
import time
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from dataio.errors import ValidationFailed
from dataio.files.cells import (
    MAX_SHEET_BYTES,
    NotADate,
    NotText,
    cell_date,
    control_line,
    decode,
    open_workbook,
)
from tests.support.workbooks import sheet_bomb

NOT_XLSX = "ikke en Excel-fil"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Ishøj;1".encode(), ("Ishøj;1", "utf-8")),
        ("\ufeffIshøj;1".encode(), ("Ishøj;1", "utf-8-sig")),
        ("Ishøj;1".encode("cp1252"), ("Ishøj;1", "cp1252")),
        (b"", ("", "utf-8")),
    ],
)
def test_decode(data: bytes, expected: tuple[str, str]) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("data", "refusal", "byte"),
    [
        ("Ishøj".encode("utf-16"), "utf-16", 0),
        (b"Ish\x00j", "binary", 0),
        (b"\xef\xbb\xbfIsh\xf8j", "broken utf-8", 4),  # a BOM promises UTF-8; byte 4 after it
        (b"\x81\x8d\x8f\x90\x9d", "unknown encoding", 0),  # not even Windows-1252
    ],
)
def test_not_text(data: bytes, refusal: str, byte: int) -> None:
    with pytest.raises(NotText) as refused:
        decode(data)
    assert (refused.value.refusal, refused.value.byte) == (refusal, byte)


def test_control_line_names_the_line_of_the_first_control_character() -> None:
    assert control_line(b"a;b\r\nc\td\n") is None
    assert control_line(b"a\nb\nc\x07d\ne\x01") == 3


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("read_only", [True, False])
def test_a_workbook_opens_with_values(read_only: bool) -> None:
    book = open_workbook(
        _workbook([["kommune", "antal"], [183, 5]]),
        read_only=read_only,
        max_unpacked=10 * 1024 * 1024,
        not_xlsx=NOT_XLSX,
    )
    assert list(book.worksheets[0].iter_rows(values_only=True)) == [("kommune", "antal"), (183, 5)]


@pytest.mark.parametrize("data", [b"PK\x03\x04 no zip", b"", b"hello", _workbook([[1]])[:300]])
def test_what_is_not_a_workbook_is_refused_with_the_callers_message(data: bytes) -> None:
    with pytest.raises(ValidationFailed, match=NOT_XLSX):
        open_workbook(data, read_only=True, max_unpacked=10**9, not_xlsx=NOT_XLSX)


def test_a_small_file_whose_sheet_unpacks_to_20_mb_is_refused_at_once_naming_the_limit() -> None:
    bomb = sheet_bomb(["kommune", "antal"], [183, 5], unpacked=20 * 1024 * 1024)
    assert len(bomb) < 200_000  # about as small as the 112 KB file of the issue
    started = time.perf_counter()
    with pytest.raises(ValidationFailed) as refused:
        open_workbook(bomb, read_only=True, max_unpacked=10**9, not_xlsx=NOT_XLSX)
    assert time.perf_counter() - started < 5  # reading it took 25 s and 921 MB before
    message = str(refused.value)
    assert message.startswith("Excel-filen er for stor udpakket: et ark fylder 20,0 MB")
    assert "(højst 5 MB pr. ark)" in message


def test_a_sheet_just_under_the_limit_is_read() -> None:
    data = sheet_bomb(["kommune", "antal"], [183, 5], unpacked=MAX_SHEET_BYTES - 100_000)
    book = open_workbook(data, read_only=True, max_unpacked=10**9, not_xlsx=NOT_XLSX)
    rows = book.worksheets[0].iter_rows(values_only=True)
    assert next(rows) == ("kommune", "antal") and next(rows) == (183, 5)


def test_everything_together_may_not_unpack_to_more_than_the_callers_limit() -> None:
    data = sheet_bomb(["kommune"], [183], unpacked=3 * 1024 * 1024)
    with pytest.raises(ValidationFailed, match=r"for stor udpakket: 3,0 MB \(højst 2 MB\)"):
        open_workbook(data, read_only=True, max_unpacked=2 * 1024 * 1024, not_xlsx=NOT_XLSX)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-03-01 00:00:00", date(2026, 3, 1)),
        ("2026-03-01T14:30", date(2026, 3, 1)),
        ("2026-03-01 14:30:15.250", date(2026, 3, 1)),
        ("1.3.2026", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("1.3.26", date(2026, 3, 1)),
        ("1. marts 2026", date(2026, 3, 1)),
        (" 1.  MARTS   2026 ", date(2026, 3, 1)),
        ("29 feb 2028", date(2028, 2, 29)),
        (datetime(2026, 3, 1, 15, 0), date(2026, 3, 1)),
        (date(2026, 3, 1), date(2026, 3, 1)),
        (pd.Timestamp("2026-03-01"), date(2026, 3, 1)),
    ],
)
def test_dates(value: object, expected: date) -> None:
    assert cell_date(value) == expected


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("mar 2026", date(2026, 3, 1), date(2026, 3, 31)),
        ("marts 2026", date(2026, 3, 1), date(2026, 3, 31)),
        ("feb. 2028", date(2028, 2, 1), date(2028, 2, 29)),
        ("december 2026", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_a_month_alone_is_its_first_or_last_day_only_when_asked(
    text: str, first: date, last: date
) -> None:
    assert cell_date(text, month_alone="first") == first
    assert cell_date(text, month_alone="last") == last
    with pytest.raises(NotADate):
        cell_date(text)


@pytest.mark.parametrize(
    "value", ["2026-02-30", "32.13.2026", "11/2026", "marts", "i går", "", 12, 45000.0, None, True]
)
def test_not_dates(value: object) -> None:
    with pytest.raises(NotADate):
        cell_date(value, month_alone="first")
