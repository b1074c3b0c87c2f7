"""Statistikbanken file reader: every format variant, a corpus of bad files, property tests."""

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dataio.errors import ValidationFailed
from dataio.files.statistikbanken.reader import (
    DstFile,
    DstRejected,
    DstRow,
    DstTable,
    Problem,
    municipality_names,
    read_dst,
)
from dataio.seed.reference import read_reference
from models.numbers import MAX_COUNT

DATA = Path(__file__).resolve().parents[2] / "data" / "dst"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


# --- a writer of files in the Statistikbanken formats ------------------------------------------

_MUNICIPALITIES = read_reference("municipalities.csv")
AREA_NAMES: dict[int, str] = {0: "Hele landet", 998: "Uoplyst"}
AREA_NAMES |= {
    int(c): str(n)
    for c, n in zip(_MUNICIPALITIES["region_code"], _MUNICIPALITIES["region"], strict=True)
}
AREA_NAMES |= {
    int(c): str(n) for c, n in zip(_MUNICIPALITIES["code"], _MUNICIPALITIES["name"], strict=True)
}
MUNICIPALITY_CODES = sorted(int(c) for c in _MUNICIPALITIES["code"])
ALL_AREAS = sorted(AREA_NAMES)  # 98 municipalities, Christiansø, country, 5 regions, Uoplyst
OFFENCE_NAMES = {1320: "Indbrud i beboelser", 1310: "Indbrud i forretninger mv.", 9999: "Andet"}

IDS = {"area": "OMRÅDE", "offence": "OVERTRÆD", "anmsigt": "ANMSIGT", "period": "TID"}
NAMES = {
    "area": "område",
    "offence": "overtrædelsens art",
    "anmsigt": "anmeldte/sigtede",
    "period": "tid",
}
ANMSIGT_NAMES = {"ANM": "Anmeldte forbrydelser", "SIG": "Sigtede personer"}


@dataclass(frozen=True)
class Line:
    area: int
    period: str
    value: int | None
    offence: int | None = None
    anmsigt: str | None = None


def cell(code: int | str, label: str, kind: str, *, width: int = 0) -> str:
    text = f"{code:0{width}d}" if isinstance(code, int) else code
    return {"codes": text, "labels": label, "both": f"{text} {label}"}[kind]


def write(
    table: DstTable,
    lines: list[Line],
    *,
    encoding: str = "utf-8-sig",
    header: str = "ids",
    cells: str = "codes",
    newline: str = "\n",
) -> bytes:
    """A file as the API (ids header) or the website (names header) writes it."""
    heads = IDS if header == "ids" else NAMES
    crime = table in (DstTable.STRAF11, DstTable.STRAF22)
    columns = ["area"] + (["offence"] if crime else [])
    columns += ["anmsigt"] if table == DstTable.STRAF22 else []
    out = [";".join([heads[c] for c in columns] + [heads["period"], "INDHOLD"])]
    for line in lines:
        row = [cell(line.area, AREA_NAMES[line.area], cells, width=3)]
        if crime:
            offence = line.offence if line.offence is not None else 1320
            row.append(cell(offence, OFFENCE_NAMES[offence], cells))
        if table == DstTable.STRAF22:
            anm = line.anmsigt or "ANM"
            row.append(cell(anm, ANMSIGT_NAMES[anm], cells))
        row += [line.period, ".." if line.value is None else str(line.value)]
        out.append(";".join(row))
    return (newline.join(out) + newline).encode(encoding)


def rejected(data: bytes, **options: object) -> DstRejected:
    with pytest.raises(DstRejected) as caught:
        read_dst(data, **options)  # type: ignore[arg-type]
    return caught.value


def triples(result: DstFile) -> set[tuple[int, str, int | None]]:
    return {(row.area_code, row.period, row.value) for row in result.rows}


# --- the stored files --------------------------------------------------------------------------


def test_api_codes_file_hand_checked() -> None:
    """UTF-8 with BOM and CRLF, ids header, codes, several offence levels: only 1320 is read."""
    result = read_dst(fixture("straf11_ishoj_codes.csv"))
    assert result.table == DstTable.STRAF11
    assert (result.encoding, result.header_kind, result.cell_kind) == ("utf-8-sig", "ids", "codes")
    assert result.rows == [
        DstRow(183, "municipality", "2023K1", 41, 1320, None, line=5),
        DstRow(183, "municipality", "2023K2", 37, 1320, None, line=8),
        DstRow(183, "municipality", "2023K3", None, 1320, None, line=9),
        DstRow(183, "municipality", "2023K4", 0, 1320, None, line=10, maybe_suppressed=True),
    ]
    assert result.skipped_offences == 5  # TOT, 1, 13, 1310 in K1 and TOT in K2
    assert result.maybe_suppressed == 1
    assert result.periods == ["2023K1", "2023K2", "2023K3", "2023K4"]


def test_website_labels_file_in_windows_1252() -> None:
    result = read_dst(fixture("straf11_labels_cp1252.csv"))
    assert (result.encoding, result.header_kind, result.cell_kind) == ("cp1252", "names", "labels")
    assert result.table == DstTable.STRAF11
    assert [(r.area_code, r.area_kind, r.value) for r in result.rows] == [
        (0, "country", 2315),
        (84, "region", 798),
        (101, "municipality", 190),
        (183, "municipality", 41),
        (411, "christianso", 0),
        (998, "unknown", 4),  # "4,0": decimal comma
    ]
    assert result.skipped_offences == 1  # "Tyveri fra bil"


def test_both_cells_straf22_keeps_reported_only() -> None:
    result = read_dst(fixture("straf22_both.csv"))
    assert (result.encoding, result.header_kind, result.cell_kind) == ("utf-8", "ids", "both")
    assert result.table == DstTable.STRAF22
    assert [(r.area_code, r.period, r.value, r.anmsigt) for r in result.rows] == [
        (0, "2023", 9876, "ANM"),
        (183, "2023", 160, "ANM"),
        (998, "2023", None, "ANM"),
    ]
    assert (result.skipped_offences, result.skipped_anmsigt) == (1, 2)


def test_straf22_charged_or_both_when_asked() -> None:
    data = fixture("straf22_both.csv")
    charged = read_dst(data, anmsigt="SIG")
    assert [(r.area_code, r.value, r.anmsigt) for r in charged.rows] == [
        (0, 1234, "SIG"),
        (183, 21, "SIG"),
    ]
    both = read_dst(data, anmsigt=None)
    assert len(both.rows) == 5
    assert both.skipped_anmsigt == 0


def test_fam55n_totals() -> None:
    result = read_dst(fixture("fam55n_codes.csv"))
    assert result.table == DstTable.FAM55N
    assert [(r.area_code, r.area_kind, r.period, r.value) for r in result.rows] == [
        (0, "country", "2024", 2798456),
        (183, "municipality", "2024", 9412),
        (183, "municipality", "2025", 9468),
        (411, "christianso", "2025", 50),
    ]
    assert all(r.offence is None and r.anmsigt is None for r in result.rows)
    assert not any(r.maybe_suppressed for r in result.rows)  # 0 is only suspicious in STRAF


def test_folk1a_with_breakdown_keeps_the_total_rows() -> None:
    result = read_dst(fixture("folk1a_breakdown_labels.csv"))
    assert result.table == DstTable.FOLK1A
    assert [(r.area_code, r.period, r.value, r.line) for r in result.rows] == [
        (183, "2024K1", 23456, 2),
        (183, "2024K2", 23501, 6),
    ]
    assert result.skipped_breakdown == 4
    assert result.breakdown_columns == ("køn", "alder")


# --- variants, one at a time ---------------------------------------------------------------------

ISHOJ = [Line(183, "2023K1", 41), Line(183, "2023K2", 37), Line(101, "2023K1", 190)]
ISHOJ_TRIPLES = {(183, "2023K1", 41), (183, "2023K2", 37), (101, "2023K1", 190)}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
def test_encodings(encoding: str) -> None:
    data = write(DstTable.STRAF11, ISHOJ, encoding=encoding, cells="labels")
    result = read_dst(data)
    assert result.encoding == encoding
    assert triples(result) == ISHOJ_TRIPLES


@pytest.mark.parametrize("header", ["ids", "names"])
def test_header_kinds(header: str) -> None:
    result = read_dst(write(DstTable.STRAF11, ISHOJ, header=header))
    assert result.header_kind == header
    assert triples(result) == ISHOJ_TRIPLES


@pytest.mark.parametrize(
    "header",
    [
        "region;overtrædelsens art;tid;INDHOLD",
        "Område;Overtrædelsens art;Tid;Indhold",
        "OMRÅDE;OVERTRÆD;Tid;INDHOLD",
        '"OMRÅDE";"OVERTRÆD";"TID";"INDHOLD"',
        "område ; overtrædelsens art ; tid ; indhold",
    ],
)
def test_headers_matched_by_meaning(header: str) -> None:
    data = f"{header}\nIshøj;Indbrud i beboelser;2023K1;41\n".encode()
    assert triples(read_dst(data)) == {(183, "2023K1", 41)}


@pytest.mark.parametrize("cells", ["codes", "labels", "both"])
def test_cell_kinds(cells: str) -> None:
    result = read_dst(write(DstTable.STRAF11, ISHOJ, cells=cells))
    assert result.cell_kind == cells
    assert triples(result) == ISHOJ_TRIPLES


def test_labels_are_case_and_space_insensitive() -> None:
    data = "OMRÅDE;OVERTRÆD;TID;INDHOLD\n  ISHØJ ;indbrud  i beboelser;2023k1; 41 \n".encode()
    assert triples(read_dst(data)) == {(183, "2023K1", 41)}


def test_missing_values() -> None:
    data = b"OMRADE;TID;INDHOLD\n183;2023K1;..\n183;2023K2;\n183;2023K3;5\n"
    result = read_dst(data)
    assert [(r.period, r.value) for r in result.rows] == [
        ("2023K1", None),
        ("2023K2", None),
        ("2023K3", 5),
    ]


@pytest.mark.parametrize(
    ("written", "value"),
    [("4,0", 4), ("4,00", 4), ("41", 41), ("1.234", 1234), ("23.456,0", 23456), ('"41"', 41)],
)
def test_numbers(written: str, value: int) -> None:
    result = read_dst(f"OMRÅDE;TID;INDHOLD\n183;2023K1;{written}\n".encode())
    assert result.rows[0].value == value


def test_quoted_cells() -> None:
    data = '"OMRÅDE";"OVERTRÆD";"TID";"INDHOLD"\n"183 Ishøj";"1320";"2023K1";"41"\n'.encode()
    assert triples(read_dst(data)) == {(183, "2023K1", 41)}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    data = write(DstTable.STRAF11, ISHOJ, newline=newline)
    result = read_dst(data)
    assert triples(result) == ISHOJ_TRIPLES
    assert [r.line for r in result.rows] == [2, 3, 4]


def test_blank_lines_are_ignored_and_line_numbers_kept() -> None:
    data = b"OMRADE;TID;INDHOLD\n183;2023K1;4\n\n  \n101;2023K1;5\n\n"
    assert [(r.area_code, r.line) for r in read_dst(data).rows] == [(183, 2), (101, 5)]


def test_trailing_semicolon() -> None:
    data = b"OMRADE;TID;INDHOLD;\n183;2023K1;4;\n101;2023K1;5;\n"
    assert triples(read_dst(data)) == {(183, "2023K1", 4), (101, "2023K1", 5)}


def test_several_offence_levels_are_not_double_counted() -> None:
    levels = ["TOT", "1", "13", "1310", "1320", "1330"]
    body = "".join(f"183;{level};2023K1;{10 + i}\n" for i, level in enumerate(levels))
    data = ("OMRÅDE;OVERTRÆD;TID;INDHOLD\n" + body).encode()
    result = read_dst(data)
    assert [(r.offence, r.value) for r in result.rows] == [(1320, 14)]
    assert result.skipped_offences == 5
    other = read_dst(data, offence=1310)
    assert [(r.offence, r.value) for r in other.rows] == [(1310, 13)]


def test_other_offence_needs_codes() -> None:
    # 1310 and the other codes models.offences names are recognised by their labels; others not
    problem = rejected(fixture("straf11_labels_cp1252.csv"), offence=1360)
    assert "Hent filen med koder" in str(problem) and "ikke 1360" in str(problem)


def test_no_rows_for_the_offence() -> None:
    data = b"OMRADE;OVERTRAED;TID;INDHOLD\n183;1310;2023K1;4\n"
    assert "ingen rækker for overtrædelse 1320" in str(rejected(data))


@pytest.mark.parametrize(
    ("area", "code", "kind"),
    [
        ("Hele landet", 0, "country"),
        ("000", 0, "country"),
        ("000 Hele landet", 0, "country"),
        ("Region Hovedstaden", 84, "region"),
        ("081", 81, "region"),
        ("085 Region Sjælland", 85, "region"),
        ("Christiansø", 411, "christianso"),
        ("411", 411, "christianso"),
        ("Uoplyst", 998, "unknown"),
        ("Uoplyst kommune", 998, "unknown"),
        ("998", 998, "unknown"),
        ("Ishøj", 183, "municipality"),
        ("101", 101, "municipality"),
        ("København", 101, "municipality"),
        ("860 Hjørring", 860, "municipality"),
    ],
)
def test_area_kinds(area: str, code: int, kind: str) -> None:
    result = read_dst(f"OMRÅDE;OVERTRÆD;TID;INDHOLD\n{area};1320;2023K1;7\n".encode())
    assert (result.rows[0].area_code, result.rows[0].area_kind) == (code, kind)


def test_all_areas_of_a_full_export_are_known() -> None:
    lines = [Line(area, "2023K1", 1) for area in ALL_AREAS]
    for cells in ("codes", "labels", "both"):
        result = read_dst(write(DstTable.STRAF11, lines, cells=cells))
        assert {r.area_code for r in result.rows} == set(ALL_AREAS)
    assert len(ALL_AREAS) == 106


@pytest.mark.parametrize(
    ("data", "table"),
    [
        (b"OMRADE;OVERTRAED;TID;INDHOLD\n183;1320;2023K1;4\n", DstTable.STRAF11),
        (b"OMRADE;OVERTRAED;ANMSIGT;TID;INDHOLD\n183;1320;ANM;2023;4\n", DstTable.STRAF22),
        (b"OMRADE;OVERTRAED;TID;INDHOLD\n183;1320;2023;4\n", DstTable.STRAF22),
        (b"OMRADE;TID;INDHOLD\n183;2023;9412\n", DstTable.FAM55N),
        (b"OMRADE;TID;INDHOLD\n183;2024K1;23456\n", DstTable.FOLK1A),
    ],
)
def test_table_recognised_from_content(data: bytes, table: DstTable) -> None:
    assert read_dst(data).table == table
    assert read_dst(data, table=table).table == table
    assert read_dst(data, table=table.value.lower()).table == table


def test_folk1a_codes_breakdown() -> None:
    data = (
        b"OMRADE;KOEN;ALDER;CIVILSTAND;TID;INDHOLD\n"
        b"183;TOT;IALT;TOT;2024K1;23456\n"
        b"183;1;IALT;TOT;2024K1;11800\n"
        b"183;TOT;0;TOT;2024K1;310\n"
        b"183;TOT;IALT;U;2024K1;9000\n"
    )
    result = read_dst(data)
    assert result.table == DstTable.FOLK1A
    assert [(r.period, r.value) for r in result.rows] == [("2024K1", 23456)]
    assert result.skipped_breakdown == 3


def test_fam55n_with_household_type_total() -> None:
    data = "OMRÅDE;HUSTYP;TID;INDHOLD\n183;TOT;2024;9412\n183;1;2024;3100\n".encode()
    result = read_dst(data)
    assert result.table == DstTable.FAM55N
    assert triples(result) == {(183, "2024", 9412)}


def test_breakdown_without_total_is_refused() -> None:
    data = "OMRÅDE;KØN;TID;INDHOLD\n183;Mænd;2024K1;11800\n183;Kvinder;2024K1;11656\n".encode()
    problem = rejected(data)
    assert "hent FOLK1A med totaler (udelad KØN i udtrækket)" in str(problem)
    assert problem.problems[0].column == "KØN"


def test_municipality_names() -> None:
    names = municipality_names()
    assert len(names) == 99  # 98 municipalities and Christiansø
    assert names["Ishøj"] == 183
    assert names["Christiansø"] == 411
    assert set(names.values()) == set(MUNICIPALITY_CODES)


# --- bad files: every problem names line and column ----------------------------------------------

HEADER = "OMRÅDE;OVERTRÆD;TID;INDHOLD\n"
GOOD_ROW = "183;1320;2023K1;41\n"


@pytest.mark.parametrize(
    ("bad_row", "column", "text"),
    [
        ("Atlantis;1320;2023K1;41", "OMRÅDE", "«Atlantis» er ikke et kendt område"),
        ("999;1320;2023K1;41", "OMRÅDE", "«999» er ikke et kendt område"),
        ("183;1320;2023K5;41", "TID", "«2023K5» er ikke en periode"),
        ("183;1320;23K1;41", "TID", "«23K1» er ikke en periode"),
        ("183;1320;2006K4;41", "TID", "«2006K4» ligger uden for 2007-"),
        ("183;1320;2099K1;41", "TID", "«2099K1» ligger uden for 2007-"),
        ("183;1320;2023;41", "TID", "«2023» er ikke et kvartal"),
        ("101;1320;2023K1;-3", "INDHOLD", "«-3» er negativ"),
        ("101;1320;2023K1;abc", "INDHOLD", "«abc» er ikke et tal"),
        ("101;1320;2023K1;4,5", "INDHOLD", "«4,5» er ikke et helt tal"),
        ("183;1320;2023K1;41", "OMRÅDE/OVERTRÆD/TID", "gentager linje 2"),
    ],
)
def test_bad_rows_name_line_and_column(bad_row: str, column: str, text: str) -> None:
    data = (HEADER + GOOD_ROW + "183;1320;2023K2;40\n" + bad_row + "\n").encode()
    problem = rejected(data)
    assert isinstance(problem, ValidationFailed)
    assert len(problem.problems) == 1
    found = problem.problems[0]
    assert (found.line, found.column) == (4, column)
    assert f"Linje 4, kolonne {column}: {text}" in str(problem)


@pytest.mark.parametrize(
    ("bad_row", "text"),
    [
        ("101;1320;2023K1;3000000000", "«3000000000» er for stort et antal (højst 1.000.000)"),
        (
            "101;1320;2023K1;3.000.000.000",
            "«3.000.000.000» er for stort et antal (højst 1.000.000)",
        ),
        ("101;1320;2023K1;1000001", "«1000001» er for stort et antal"),
        ("000;1320;2023K1;100000001", "«100000001» er for stort et antal (højst 100.000.000)"),
        (
            "101;1320;2023K1;" + "9" * 100_000,
            "«" + "9" * 39 + "…» er for stort",
        ),
    ],
)
def test_counts_no_municipality_can_have_are_refused_with_line_and_column(
    bad_row: str, text: str
) -> None:
    data = (HEADER + GOOD_ROW + "183;1320;2023K2;40\n" + bad_row + "\n").encode()
    problem = rejected(data)
    assert [(p.line, p.column) for p in problem.problems] == [(4, "INDHOLD")]
    assert f"Linje 4, kolonne INDHOLD: {text}" in str(problem)


def test_the_whole_country_and_the_regions_may_count_millions() -> None:
    data = b"OMR\xc3\x85DE;TID;INDHOLD\n000;2024K1;5932000\n084;2024K1;1906000\n101;2024K1;660000\n"
    assert {(r.area_code, r.value) for r in read_dst(data).rows} == {
        (0, 5_932_000),
        (84, 1_906_000),
        (101, 660_000),
    }


def test_duplicate_reports_both_lines() -> None:
    data = (HEADER + GOOD_ROW + "101;1320;2023K1;7\n" + "183 Ishøj;1320;2023K1;41\n").encode()
    found = rejected(data).problems
    assert [(p.line, p.why) for p in found] == [
        (4, "gentager linje 2 (samme område, periode og overtrædelse)")
    ]


def test_wrong_number_of_fields() -> None:
    data = (HEADER + GOOD_ROW + "101;1320;2023K1\n" + "147;1320;2023K1;5;9\n").encode()
    found = rejected(data).problems
    assert [(p.line, p.why) for p in found] == [
        (3, "har 3 felter, overskriften har 4"),
        (4, "har 5 felter, overskriften har 4"),
    ]


def test_all_problems_are_collected_in_line_order() -> None:
    data = (
        HEADER
        + "Atlantis;1320;2023K1;41\n"
        + GOOD_ROW
        + "183;1320;2023K5;4\n"
        + "101;1320;2023K1;-1\n"
        + "101;1320;2023K2;abc\n"
        + "183;1310;2023K1;xyz\n"  # another offence: its count is not read, so not checked
    ).encode()
    problem = rejected(data)
    assert [(p.line, p.column) for p in problem.problems] == [
        (2, "OMRÅDE"),
        (4, "TID"),
        (5, "INDHOLD"),
        (6, "INDHOLD"),
    ]
    assert str(problem).startswith("Filen blev ikke indlæst: 4 fejl.\nLinje 2, kolonne OMRÅDE")


def test_problems_capped_at_fifty_and_all_counted() -> None:
    body = "".join(f"183;1320;{2000 + i % 7}K1;{i}\n" for i in range(80))
    problem = rejected((HEADER + body).encode())
    assert len(problem.problems) == 50
    assert problem.total == 80
    assert "Filen blev ikke indlæst: 80 fejl." in str(problem)
    assert "… og 70 fejl mere" in str(problem)
    assert all(isinstance(p, Problem) for p in problem.problems)


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["OMRÅDE", "OVERTRÆD", "TID", "INDHOLD"])
    sheet.append([183, 1320, "2023K1", 41])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("straf11.csv", HEADER + GOOD_ROW)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        (b"", {}, "Filen er tom"),
        (b"\xef\xbb\xbf", {}, "Filen er tom"),
        (b" \r\n\n", {}, "Filen er tom"),
        (random.Random(6).randbytes(3000), {}, "binære data"),
        (bytes(range(256)) * 4, {}, "binære data"),
        (_xlsx(), {}, "Filen er et regneark (xlsx); hent CSV fra Statistikbanken"),
        (_zip(), {}, "Filen er et regneark (xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, {}, "regneark (xls)"),
        ((HEADER + GOOD_ROW).encode("utf-16"), {}, "UTF-16"),
        ((HEADER + GOOD_ROW).encode(), {"max_bytes": 20}, "Filen er for stor (over 20 byte)"),
        (b"x" * 1_000_001, {"max_bytes": 1_000_000}, "Filen er for stor (over 1 MB)"),
        (
            b"OMRADE;TID;INDHOLD\n183;2023;9412\n",
            {"table": "STRAF11"},
            "Filen ligner FAM55N, ikke STRAF11",
        ),
        (
            b"OMRADE;TID;INDHOLD\n183;2024K1;9412\n",
            {"table": "FAM55N"},
            "Filen ligner FOLK1A, ikke FAM55N",
        ),
        (
            b"OMRADE;OVERTRAED;TID;INDHOLD\n183;1320;2023K1;4\n",
            {"table": DstTable.FOLK1A},
            "Filen ligner STRAF11, ikke FOLK1A",
        ),
        (
            b"OMRADE;OVERTRAED;ANMSIGT;TID;INDHOLD\n183;1320;ANM;2023;4\n",
            {"table": DstTable.STRAF11},
            "Filen ligner STRAF22, ikke STRAF11",
        ),
        (b"OMRADE;TID;INDHOLD\n183;2023;4\n", {"table": "STRAF99"}, "Ukendt tabel «STRAF99»"),
        (b"OMRADE,OVERTRAED,TID,INDHOLD\n183,1320,2023K1,4\n", {}, "ikke semikolon-separeret"),
        (b"OMRADE\tTID\tINDHOLD\n183\t2023K1\t4\n", {}, "tabulator"),
        (b"183;1320;2023K1;41\n101;1320;2023K1;4\n", {}, "Filen har ingen overskrift"),
        (b"Ishoj;1320;2023K1;41\n", {}, "Filen har ingen overskrift"),
        (b"OMRADE;OVERTRAED;TID\n183;1320;2023K1\n", {}, "Overskriften mangler kolonnen INDHOLD"),
        (b"OMRADE;OVERTRAED;TID;ANTAL\n183;1320;2023K1;41\n", {}, "mangler kolonnen INDHOLD"),
        (b"OMRADE;INDHOLD\n183;41\n", {}, "mangler kolonnen TID"),
        (b";;2023K1;2023K2\nIshoj;Indbrud;41;37\n", {}, "perioderne som kolonner"),
        (b"OMRADE;TID;INDHOLD\n", {}, "ingen datarækker"),
        (b"just some words\n", {}, "Første linje er ikke en overskrift"),
        (
            b'{"errorTypeCode":"1","message":"Ukendt tabel"}',
            {},
            "JSON, ikke CSV (fx et fejlsvar fra Statistikbanken): Ukendt tabel",
        ),
        (b"<!DOCTYPE html><html><body>Fejl</body></html>", {}, "HTML"),
        (b"OMRADE;TID;INDHOLD\n183;x;4\n", {}, "Kan ikke se, hvilken tabel"),
    ],
)
def test_bad_files(data: bytes, options: dict, message: str) -> None:
    assert message in str(rejected(data, **options))


def test_empty_value_in_an_unnamed_column_is_refused() -> None:
    problem = rejected(b"OMRADE;TID;INDHOLD;\n183;2023K1;4;oops\n")
    assert (problem.problems[0].line, problem.problems[0].value) == (2, "oops")


def outcome(data: bytes) -> None:
    """Either rows or a rejection with a readable message; no other exception gets out."""
    try:
        result = read_dst(data)
    except DstRejected as error:
        assert error.problems
        assert str(error).startswith("Filen blev ikke indlæst")
    else:
        assert result.rows


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    outcome(data)


CSVISH = st.text(alphabet='183;0KIshøj.,-\n\r" aå2' + "\x00\ufeff", max_size=300)


@given(
    st.sampled_from([HEADER, "OMRÅDE;TID;INDHOLD\n", "område;anmsigt;tid;INDHOLD\n", ""]), CSVISH
)
@settings(max_examples=300, deadline=None)
def test_csv_like_noise_never_crashes(header: str, body: str) -> None:
    for encoding in ("utf-8", "cp1252"):
        outcome((header + body).encode(encoding, errors="replace"))


# --- the round trip --------------------------------------------------------------------------------

YEARS = list(range(2007, 2027))


@st.composite
def dst_files(draw: st.DrawFn) -> tuple[DstTable, bytes, set[tuple[int, str, int | None]]]:
    table = draw(st.sampled_from(list(DstTable)))
    quarterly = table in (DstTable.STRAF11, DstTable.FOLK1A)
    period = st.builds(
        lambda year, quarter: f"{year}K{quarter}" if quarterly else str(year),
        st.sampled_from(YEARS),
        st.integers(1, 4),
    )
    value = st.one_of(st.none(), st.integers(0, MAX_COUNT))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(ALL_AREAS), period),
            min_size=1,
            max_size=30,
            unique=True,
        )
    )
    lines = [Line(area, p, draw(value)) for area, p in keys]
    expected = {(line.area, line.period, line.value) for line in lines}
    if table in (DstTable.STRAF11, DstTable.STRAF22):  # noise that must be left out
        for area, p in draw(st.lists(st.sampled_from(keys), max_size=10)):
            lines.append(Line(area, p, draw(value), offence=draw(st.sampled_from([1310, 9999]))))
    if table == DstTable.STRAF22:
        for area, p in draw(st.lists(st.sampled_from(keys), max_size=10, unique=True)):
            lines.append(Line(area, p, draw(value), anmsigt="SIG"))
    lines = draw(st.permutations(lines))
    data = write(
        table,
        lines,
        encoding=draw(st.sampled_from(["utf-8-sig", "utf-8", "cp1252"])),
        header=draw(st.sampled_from(["ids", "names"])),
        cells=draw(st.sampled_from(["codes", "labels", "both"])),
        newline=draw(st.sampled_from(["\n", "\r\n"])),
    )
    return table, data, expected


@given(dst_files(), st.booleans())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip(generated: tuple[DstTable, bytes, set], name_the_table: bool) -> None:
    table, data, expected = generated
    result = read_dst(data, table=table if name_the_table else None)
    assert result.table == table
    assert triples(result) == expected
    assert len(result.rows) == len(expected)


# --- a full-size export -------------------------------------------------------------------------------


def test_full_straf11_export() -> None:
    """All 106 areas, 2007K1-2026K3 and 40 offence codes: ~335,000 rows, only 1320 kept."""
    quarters = [f"{y}K{q}" for y in range(2007, 2027) for q in range(1, 5)][:-1]
    offences = ["TOT", "1", *(str(1000 + i) for i in range(37)), "1320"]
    rows = [
        f"{area:03d};{offence};{quarter};{(area + i) % 500}"
        for area in ALL_AREAS
        for i, offence in enumerate(offences)
        for quarter in quarters
    ]
    data = ("OMRÅDE;OVERTRÆD;TID;INDHOLD\r\n" + "\r\n".join(rows) + "\r\n").encode("utf-8-sig")
    result = read_dst(data)
    assert len(quarters) == 79 and len(offences) == 40
    assert len(result.rows) == 106 * 79
    assert result.skipped_offences == 106 * 79 * 39
    assert {r.offence for r in result.rows} == {1320}
    assert result.rows[-1].line == len(rows) + 1
