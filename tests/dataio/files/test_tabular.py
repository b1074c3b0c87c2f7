"""Reading small tables from people: separators, encodings, Excel, cells; properties with hypothesis."""

import contextlib
import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dataio.errors import ValidationFailed
from dataio.files.neighbour_help import COLUMNS, HelperRow, parse_helpers
from dataio.files.tabular import (
    Column,
    find_municipality,
    fold,
    municipality_lookup,
    parse_count,
    parse_date,
    parse_year,
    read_rows,
)
from dataio.seed.reference import read_reference
from models.numbers import MAX_COUNT
from models.tables import Municipality
from tests.support.workbooks import sheet_bomb

TODAY = date(2026, 12, 1)
COUNT = Column("n", "antal")
MUNICIPALITIES = [
    Municipality(
        code=int(r.code),
        dagi_code=str(r.dagi_code),
        name=r.name,
        region_code=str(r.region_code),
        police_district_number=int(r.police_district_no),
        lat=float(r.lat),
        lon=float(r.lon),
    )
    for r in read_reference("municipalities.csv").itertuples()
]
LOOKUP = municipality_lookup(MUNICIPALITIES)


def test_fold_makes_header_variants_equal() -> None:
    assert fold("  Nabohjælpere ") == fold("NABOHJAELPERE") == "nabohjaelpere"
    assert fold("Måling") == fold("maaling") and fold("ved_ikke") == "ved ikke"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1275", 1275),
        ("1.275", 1275),
        ("1 275", 1275),
        ("1\xa0275", 1275),
        ("12,0", 12),
        (12, 12),
        (12.0, 12),
        ("0", 0),
    ],
)
def test_counts(value: object, expected: int) -> None:
    assert parse_count(value, row=2, column=COUNT) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Række 7, kolonne «antal»: -3 er negativ"),
        ("12,5", "«12,5» er ikke et helt tal"),
        ("1.5", "«1.5» er ikke et helt tal"),
        ("tolv", "«tolv» er ikke et helt tal"),
        (12.5, "«12.5» er ikke et helt tal"),
        (True, "«True» er ikke et helt tal"),
        (None, "mangler"),
    ],
)
def test_bad_counts(value: object, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        parse_count(value, row=7, column=COUNT)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1.000.001", "«1.000.001»"),
        ("3 000 000 000", "«3 000 000 000»"),
        (3_000_000_000, "«3000000000»"),
        (3e9, "«3000000000»"),
        ("9" * 100_000, "«9999999999999999999…»"),  # refused before int() is asked
    ],
)
def test_counts_above_the_maximum_are_refused_naming_row_column_and_limit(
    value: object, shown: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_count(value, row=7, column=COUNT)
    assert str(refused.value) == (
        f"Række 7, kolonne «antal»: {shown} er for stort et antal (højst 1.000.000)"
    )


def test_an_excel_sheet_that_unpacks_to_more_than_5_mb_is_refused() -> None:
    bomb = sheet_bomb(["kommune", "antal"], [183, 5], unpacked=21 * 1024 * 1024)
    with pytest.raises(ValidationFailed, match=r"for stor udpakket.*\(højst 5 MB pr\. ark\)"):
        read_rows(bomb, [Column("m", "kommune"), COUNT])


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-01",
        "01-11-2026",
        "1.11.2026",
        "1/11/2026",
        "2026-11-01 00:00:00",
        "1. november 2026",
        "1.11.26",
        datetime(2026, 11, 1),
    ],
)
def test_dates(value: object) -> None:
    assert parse_date(value, row=2, column=COUNT, today=TODAY) == date(2026, 11, 1)


@pytest.mark.parametrize("value", ["2026-11-31", "11/2026", "2026-12-02", "1999-12-31", "i går"])
def test_bad_dates(value: str) -> None:
    with pytest.raises(ValidationFailed, match="Række 2, kolonne «antal»"):
        parse_date(value, row=2, column=COUNT, today=TODAY)


def test_years() -> None:
    assert parse_year("2025", row=2, column=COUNT, today=TODAY) == 2025
    assert parse_year(2025.0, row=2, column=COUNT, today=TODAY) == 2025
    for bad in ("2027", "1999", "25", "2025,5", True):
        with pytest.raises(ValidationFailed):
            parse_year(bad, row=2, column=COUNT, today=TODAY)


def test_municipality_by_code_or_name() -> None:
    column = Column("m", "kommune")
    assert find_municipality(LOOKUP, "183", row=2, column=column).name == "Ishøj"
    assert find_municipality(LOOKUP, 183.0, row=2, column=column).name == "Ishøj"
    assert find_municipality(LOOKUP, " ISHØJ ", row=2, column=column).code == 183
    with pytest.raises(ValidationFailed, match="ukendt kommune «Ishoj»"):
        find_municipality(LOOKUP, "Ishoj", row=2, column=column)


def test_comma_file_with_quoted_decimal_comma_and_blank_lines_keeps_row_numbers() -> None:
    data = 'kommune,antal\n\n183,"1.275"\n101,"12,0"\n'.encode("cp1252")
    rows = read_rows(data, [Column("m", "kommune"), COUNT])
    assert [(r.number, r.cells) for r in rows] == [
        (3, {"m": "183", "n": "1.275"}),
        (4, {"m": "101", "n": "12,0"}),
    ]


def test_excel_rows_are_numbered_as_excel_shows_them() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([None])
    sheet.append(["Kommune", "Antal", "Noget andet"])
    sheet.append([183, 5, "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    [row] = read_rows(buffer.getvalue(), [Column("m", "kommune"), COUNT])
    assert (row.number, row.cells) == (3, {"m": 183, "n": 5})


HELPER_ROWS = st.lists(
    st.tuples(
        st.sampled_from([m.code for m in MUNICIPALITIES]),
        st.dates(min_value=date(2000, 1, 1), max_value=TODAY),
        st.integers(min_value=0, max_value=MAX_COUNT),
        st.none() | st.integers(min_value=0, max_value=5000),
        st.text(alphabet="abcæøå ÆØÅ-.,;\"'", max_size=20).map(str.strip),
        st.sampled_from(["code", "name", "NAME"]),
        st.sampled_from(["iso", "danish", "dotted"]),
        st.booleans(),  # thousands dots
    ),
    min_size=1,
    max_size=20,
    unique_by=lambda r: (r[0], r[1]),
)


def _cell(row: tuple, names: dict[int, str]) -> list[str]:
    code, day, helpers, nabovenner, source, naming, dating, dots = row
    municipality = {"code": str(code), "name": names[code], "NAME": names[code].upper()}[naming]
    when = {
        "iso": day.isoformat(),
        "danish": day.strftime("%d-%m-%Y"),
        "dotted": f"{day.day}.{day.month}.{day.year}",
    }[dating]
    amount = f"{helpers:,}".replace(",", ".") if dots else str(helpers)
    return [municipality, when, amount, "" if nabovenner is None else str(nabovenner), source]


@settings(max_examples=60, deadline=None)
@given(
    rows=HELPER_ROWS,
    separator=st.sampled_from([";", ","]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    line_end=st.sampled_from(["\n", "\r\n"]),
)
def test_any_valid_helper_file_reads_back_as_written(
    rows: list[tuple], separator: str, encoding: str, line_end: str
) -> None:
    names = {m.code: m.name for m in MUNICIPALITIES}
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=line_end)
    writer.writerow([c.heading for c in COLUMNS])
    writer.writerows(_cell(row, names) for row in rows)
    parsed = parse_helpers(buffer.getvalue().encode(encoding), lookup=LOOKUP, today=TODAY)
    assert parsed == [
        HelperRow(n, code, names[code], day, helpers, nabovenner, source)
        for n, (code, day, helpers, nabovenner, source, *_) in enumerate(rows, 2)
    ]


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400) | st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b))
def test_junk_is_only_ever_refused(data: bytes) -> None:
    with contextlib.suppress(ValidationFailed):  # anything else fails the test
        parse_helpers(data, lookup=LOOKUP, today=TODAY)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list('kommune;dato,nabohjælpere\n\r"183 -.12ø')), max_size=200
    )
)
def test_text_junk_is_only_ever_refused(text: str) -> None:
    with contextlib.suppress(ValidationFailed):  # anything else fails the test
        parse_helpers(text.encode(), lookup=LOOKUP, today=TODAY)
