"""FOLK1A by ALDER: the reader keeps single years of age when asked, the importer turns a complete
file into the age structure (population, 15-24, 65+ on 1 January), replaces demo rows, and an
undo puts them back. The fixtures follow the documented CSV layout (not the live tableinfo)."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from dataio.errors import ValidationFailed
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.statistikbanken.reader import DstRejected, read_dst
from dataio.files.undo import undo_last_import
from dataio.seed.init import regenerate_demo
from tests.factories import ADMIN

DATA = Path(__file__).resolve().parents[2] / "data" / "dst"
TODAY = date(2026, 11, 23)


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def test_the_reader_keeps_every_age_when_asked() -> None:
    file = read_dst(fixture("folk1a_alder_codes.csv"), ages=True)
    ishoj = [r for r in file.rows if r.area_code == 183 and r.period == "2025K1"]
    assert len(ishoj) == 127 and sorted(r.age for r in ishoj if r.age is not None) == list(
        range(126)
    )
    [total] = [r for r in ishoj if r.age is None]
    assert total.value == sum(r.value or 0 for r in ishoj if r.age is not None)
    # without ages only the totals are kept, as before
    plain = read_dst(fixture("folk1a_alder_codes.csv"))
    assert all(r.age is None for r in plain.rows) and len(plain.rows) == 6


def test_the_reader_understands_age_labels() -> None:
    file = read_dst(fixture("folk1a_alder_labels.csv"), ages=True)
    assert [(r.period, r.age, r.value) for r in file.rows] == [
        ("2025K1", None, 23456),
        ("2025K1", 0, 310),
        ("2025K1", 15, 298),
        ("2025K1", 125, 0),
        ("2025K2", None, 23501),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("OMRÅDE;ALDER;TID;INDHOLD\n183;IALT;2025K1;5\n183;126;2025K1;1\n", "er ikke en alder"),
        ("OMRÅDE;ALDER;TID;INDHOLD\n183;5;2025K1;5\n183;5;2025K1;6\n", "samme område, periode"),
        ("OMRÅDE;TID;INDHOLD\n183;2025;5\n", "kræver FOLK1A med kolonnen ALDER"),
    ],
)
def test_the_reader_refuses_bad_ages_in_danish(data: str, message: str) -> None:
    with pytest.raises(DstRejected, match=message):
        read_dst(data.encode(), ages=True)


def test_a_complete_file_becomes_the_age_structure_and_replaces_demo_rows(
    seeded_engine: Engine,
) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    structure = (
        "SELECT municipality_code, year, population, aged_15_24, aged_65_plus, is_demo "
        "FROM age_structure_year WHERE municipality_code IN (165, 183) ORDER BY 1, 2"
    )
    before = rows(seeded_engine, structure)
    report = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=fixture("folk1a_alder_codes.csv"),
        file_name="folk1a.csv",
        today=TODAY,
    )
    assert (report.rows_written, report.municipalities, report.demo_rows_removed) == (
        2,
        2,
        len(before),
    )
    imported = rows(seeded_engine, structure)
    assert [row[:2] for row in imported] == [(165, 2025), (183, 2025)]
    _, _, population, young, old, demo = imported[1]
    # the fixture: base 230 a year, + (age % 7) * 11 below 60, 230 * (100 - age) // 40 from 60
    assert young == sum(230 + (age % 7) * 11 for age in range(15, 25))
    assert old == sum(max(230 * (100 - age) // 40, 1) for age in range(65, 100)) + 6
    assert population > young + old and not demo
    undo_last_import(seeded_engine, actor=ADMIN)
    assert rows(seeded_engine, structure) == before  # the demo rows, exactly as they were


def test_an_age_file_with_gaps_is_refused_and_writes_nothing(seeded_engine: Engine) -> None:
    lines = fixture("folk1a_alder_codes.csv").decode("utf-8-sig").splitlines()
    gap = [line for line in lines if not line.startswith("165;70;2025K1")]
    with pytest.raises(ValidationFailed, match=r"ufuldstændig .* for 165 \(2025\)"):
        import_dst(
            seeded_engine, actor=ADMIN, data="\n".join(gap).encode(), file_name="f.csv", today=TODAY
        )
    assert rows(seeded_engine, "SELECT count(*) FROM age_structure_year") == [(0,)]


def test_a_totals_file_with_a_few_ages_is_read_as_totals(seeded_engine: Engine) -> None:
    report = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=fixture("folk1a_breakdown_labels.csv"),
        file_name="folk1a.csv",
        today=TODAY,
    )
    assert report.table == "FOLK1A"
    assert rows(seeded_engine, "SELECT count(*) FROM age_structure_year") == [(0,)]
