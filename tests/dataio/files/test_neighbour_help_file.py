"""Importing neighbour-helper counts: every layout variant, replace and demo removal, all or nothing, rights."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from cli import main
from dataio.db.engine import data_version, transaction
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.files.neighbour_help import import_helpers, preview_helpers
from models.tables import HelperCount
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE

TODAY = date(2026, 12, 1)
FILES = Path(__file__).resolve().parents[2] / "data" / "imports"
HEADER = "kommune;dato;nabohjælpere;nabovenner;kilde\n"
# Every good file holds these three counts, written in different ways.
EXPECTED = [
    (101, date(2026, 11, 1), 5000, 3),
    (183, date(2026, 10, 1), 1200, None),
    (183, date(2026, 11, 1), 1275, 12),
]
BAD = {
    "helpers_bad_utf16.csv": "hverken tekst i UTF-8 eller Windows-1252",
    "helpers_bad_binary.csv": "hverken tekst i UTF-8 eller Windows-1252",
    "helpers_bad_xls.xls": "gamle Excel-format (.xls)",
    "helpers_bad_missing_column.csv": "Række 1: kolonnen «nabohjælpere» mangler",
    "helpers_bad_negative.csv": "Række 3, kolonne «nabohjælpere»: -3 er negativ",
    "helpers_bad_negative.xlsx": "Række 3, kolonne «nabohjælpere»: -1 er negativ",
    "helpers_bad_not_integer.csv": "Række 2, kolonne «nabohjælpere»: «12,5» er ikke et helt tal",
    "helpers_bad_nabovenner_text.csv": "Række 2, kolonne «nabovenner»: «mange» er ikke et helt tal",
    "helpers_bad_unknown_municipality.csv": "Række 3, kolonne «kommune»: ukendt kommune «Atlantis»",
    "helpers_bad_unknown_code.csv": "Række 2, kolonne «kommune»: ukendt kommune «999»",
    "helpers_bad_duplicate_date.csv": "Række 4: Ishøj den 2026-11-01 står også i række 2",
    "helpers_bad_empty.csv": "Filen er tom",
    "helpers_bad_header_only.csv": "kun overskriftsrækken",
    "helpers_bad_date.csv": "Række 2, kolonne «dato»: «2026-02-30» er ikke en dato",
    "helpers_bad_date_words.csv": "Række 2, kolonne «dato»: «i går» er ikke en dato",
}


def rows(engine: Engine, sql: str | None = None) -> list[tuple]:
    """The rows of a query; without one, the helper counts with real dates (via the ORM)."""
    if sql is None:
        with Session(engine) as session:
            found = session.exec(select(HelperCount)).all()
            return sorted(
                (r.municipality_code, r.count_date, r.helpers, r.nabovenner, r.source, r.is_demo)
                for r in found
            )
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def counts(engine: Engine) -> list[tuple]:
    """Row counts of everything an import writes, and the data version."""
    [row] = rows(
        engine,
        "SELECT (SELECT count(*) FROM helper_count), (SELECT count(*) FROM data_source), "
        "(SELECT count(*) FROM audit_entry)",
    )
    return [*row, data_version(engine)]


def add_demo(engine: Engine, *codes: int) -> None:
    now = datetime.now(UTC)
    with transaction(engine) as session:
        for code in codes:
            for month in (3, 6):
                session.add(
                    HelperCount(
                        municipality_code=code,
                        count_date=date(2026, month, 1),
                        helpers=100 + month,
                        is_demo=True,
                        changed_by="demo",
                        changed_at=now,
                    )
                )


@pytest.mark.parametrize(
    "name",
    [
        "helpers_good_semicolon_utf8bom.csv",
        "helpers_good_comma_cp1252.csv",
        "helpers_good.xlsx",
    ],
)
def test_every_good_layout_writes_the_same_counts(seeded_engine: Engine, name: str) -> None:
    report = import_helpers(
        seeded_engine, actor=ADMIN, data=(FILES / name).read_bytes(), file_name=name, today=TODAY
    )
    assert (report.rows, report.new, report.municipalities) == (3, 3, 2)
    assert [r[:4] for r in rows(seeded_engine)] == EXPECTED
    assert not any(r[5] for r in rows(seeded_engine))


def test_reimport_replaces_counts_and_demo_rows_of_covered_municipalities(
    seeded_engine: Engine,
) -> None:
    add_demo(seeded_engine, 183, 147)
    data = (FILES / "helpers_good_semicolon_utf8bom.csv").read_bytes()
    first = import_helpers(seeded_engine, actor=ADMIN, data=data, file_name="a.csv", today=TODAY)
    assert (first.new, first.changed, first.unchanged, first.demo_rows_removed) == (3, 0, 0, 2)
    # Frederiksberg (147) is not in the file: its demo rows stay
    assert rows(seeded_engine, "SELECT count(*) FROM helper_count WHERE is_demo = true") == [(2,)]
    changed = data.replace(b";1200;", b";1201;") + "Ishøj;2026-09-01;1100;;\n".encode()
    again = import_helpers(seeded_engine, actor=ADMIN, data=changed, file_name="b.csv", today=TODAY)
    assert (again.rows, again.new, again.changed, again.unchanged) == (4, 1, 1, 2)
    assert "1 ny, 1 ændret, 2 uændrede" in again.text()
    assert rows(seeded_engine, "SELECT count(*) FROM helper_count WHERE is_demo = false") == [(4,)]
    [(source_id,)] = rows(
        seeded_engine,
        "SELECT DISTINCT source_id FROM helper_count WHERE municipality_code = 183 AND is_demo = false",
    )
    [(file_name, dataset, kind, changed_count, periods)] = rows(
        seeded_engine,
        "SELECT file_name, dataset, kind, rows_changed, periods FROM data_source "
        f"WHERE id = {source_id}",
    )
    assert (file_name, dataset, kind, changed_count) == ("b.csv", "nabohjælpere", "file", 2)
    assert periods == "2026-09-01 til 2026-11-01"
    assert rows(
        seeded_engine, "SELECT DISTINCT changed_by FROM helper_count WHERE NOT is_demo"
    ) == [("admin",)]


def test_preview_says_what_would_change_and_writes_nothing(seeded_engine: Engine) -> None:
    add_demo(seeded_engine, 183)
    before = counts(seeded_engine)
    report = preview_helpers(
        seeded_engine,
        actor=ADMIN,
        data=(FILES / "helpers_good.xlsx").read_bytes(),
        file_name="p.xlsx",
        today=TODAY,
    )
    assert (report.rows, report.demo_rows_removed) == (3, 2)
    assert [line.change for line in report.lines] == ["ny", "ny", "ny"]
    assert counts(seeded_engine) == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_refused_by_name_and_write_nothing(seeded_engine: Engine, name: str) -> None:
    add_demo(seeded_engine, 183)
    before, stored = counts(seeded_engine), rows(seeded_engine)
    with pytest.raises(ValidationFailed) as refused:
        import_helpers(
            seeded_engine,
            actor=ADMIN,
            data=(FILES / name).read_bytes(),
            file_name=name,
            today=TODAY,
        )
    assert BAD[name] in str(refused.value)
    assert (counts(seeded_engine), rows(seeded_engine)) == (before, stored)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (HEADER + "183;2027-01-01;5;;\n", "2027-01-01 ligger uden for 2000 til i dag"),
        (HEADER + "183;;5;;\n", "Række 2, kolonne «dato»: mangler"),
        (HEADER + "183;2026-11-01;;;\n", "Række 2, kolonne «nabohjælpere»: mangler"),
        (HEADER + "183;2026-11-01;1,5.3;;\n", "«1,5.3» er ikke et helt tal"),
        ("kommune;dato;nabohjælpere;Nabohjaelpere\n", "kolonnen står der to gange"),
    ],
)
def test_in_file_problems_name_row_and_column(
    seeded_engine: Engine, data: str, message: str
) -> None:
    before = counts(seeded_engine)
    with pytest.raises(ValidationFailed, match=message):
        import_helpers(
            seeded_engine, actor=ADMIN, data=data.encode(), file_name="x.csv", today=TODAY
        )
    assert counts(seeded_engine) == before


def test_rights_follow_the_roles_table(seeded_engine: Engine) -> None:
    ishoj = (HEADER + "183;2026-11-01;1275;;\n").encode()
    both = (HEADER + "183;2026-11-01;1275;;\n101;2026-11-01;5000;;\n").encode()
    # the police of Ishøj's district, not København's
    import_helpers(seeded_engine, actor=POLICE, data=ishoj, file_name="own.csv", today=TODAY)
    before = counts(seeded_engine)
    with pytest.raises(PermissionDenied, match=r"Række 3: Ingen adgang.*København \(101\)"):
        import_helpers(seeded_engine, actor=POLICE, data=both, file_name="two.csv", today=TODAY)
    for actor in (
        LEADER,  # helpers are the police's
        COUNCIL,
    ):
        with pytest.raises(PermissionDenied, match=r"Række 2: .*Ishøj \(183\)"):
            import_helpers(seeded_engine, actor=actor, data=ishoj, file_name="x.csv", today=TODAY)
    assert counts(seeded_engine) == before


def test_one_audit_entry_per_import(seeded_engine: Engine) -> None:
    data = (HEADER + "183;2026-11-01;1275;;\n183;2026-10-01;1200;;\n").encode()
    import_helpers(seeded_engine, actor=POLICE, data=data, file_name="h.csv", today=TODAY)
    [(summary, municipality, district)] = rows(
        seeded_engine,
        "SELECT summary, municipality_code, police_district_number FROM audit_entry "
        "WHERE action = 'helpers.import'",
    )
    assert summary == (
        "Import af nabohjælpertal fra h.csv: Nabohjælpere: 2 rækker for 1 kommune "
        "(1. okt. 2026 til 1. nov. 2026); 2 nye, 0 ændrede, 0 uændrede; 0 rækker eksempeldata fjernet"
    )
    assert (municipality, district) == (183, 10)


def _use_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))


def test_cli_imports_a_good_file(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _use_database(seeded_engine, monkeypatch)
    assert main(["import", "helpers", str(FILES / "helpers_good_comma_cp1252.csv")]) == 0
    assert capsys.readouterr().out.startswith("Indlæst Nabohjælpere: 3 rækker for 2 kommuner")
    assert [r[:4] for r in rows(seeded_engine)] == EXPECTED


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_bad_file_exits_2_and_changes_nothing(
    seeded_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    _use_database(seeded_engine, monkeypatch)
    before = counts(seeded_engine)
    capsys.readouterr()
    assert main(["import", "helpers", str(FILES / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith("botrygt: ") and BAD[name] in captured.err
    assert counts(seeded_engine) == before
