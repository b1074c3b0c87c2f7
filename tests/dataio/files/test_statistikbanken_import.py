"""Importing Statistikbanken files: exact counts, demo data gone, all or nothing, rights, provenance."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from cli import main
from dataio.errors import PermissionDenied
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.statistikbanken.reader import DstRejected
from dataio.seed.init import regenerate_demo
from dataio.status_document import status_document
from dataio.store.burglaries import municipality_overview, national_overview
from models.periods import quarter_range
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE

TODAY = date(2026, 11, 23)
QUARTERS = quarter_range(first="2007K1", last="2026K3")


def straf11(rows: dict[tuple[int, str], int], *, other_offence: bool = True) -> bytes:
    """A STRAF11 export as the API writes it: codes, UTF-8 with a BOM, several offence levels."""
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"]
    for (code, period), value in rows.items():
        lines.append(f"{code};1320;{period};{value}")
        if other_offence:
            lines.append(f"{code};TOT;{period};{value * 10}")  # must not be counted
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def ishoj_counts() -> dict[tuple[int, str], int]:
    # a recognisable pattern: 40 + quarter number + (year - 2007)
    return {(183, p): 40 + int(p[5]) + int(p[:4]) - 2007 for p in QUARTERS}


def table_rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def test_ishoj_file_changes_status_to_exactly_the_imported_counts(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    assert status_document(municipality_overview(seeded_engine, code=183))["data"]["demo"] is True
    report = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(ishoj_counts()),
        file_name="straf11-ishoj.csv",
        today=TODAY,
    )
    assert (report.table, report.rows_written, report.municipalities, report.periods) == (
        "STRAF11",
        79,
        1,
        "2007K1-2026K3",
    )
    assert report.demo_rows_removed == 79 and report.rows_changed == 79
    document = status_document(municipality_overview(seeded_engine, code=183))
    # 2025: four quarters of 40 + q + 18, q = 1..4: 59 + 60 + 61 + 62 = 242
    assert (document["burglaries"]["latest_year"], document["burglaries"]["count"]) == (2025, 242)
    assert document["data"]["demo"] is False
    assert [s["name"] for s in document["data"]["sources"]] == ["Danmarks Statistik STRAF11"]
    # other municipalities keep their (labelled) demo data
    assert status_document(municipality_overview(seeded_engine, code=101))["data"]["demo"] is True


def test_reimport_replaces_and_says_nothing_changed(seeded_engine: Engine) -> None:
    import_dst(
        seeded_engine, actor=ADMIN, data=straf11(ishoj_counts()), file_name="a.csv", today=TODAY
    )
    again = import_dst(
        seeded_engine, actor=ADMIN, data=straf11(ishoj_counts()), file_name="b.csv", today=TODAY
    )
    assert (again.rows_written, again.rows_changed) == (79, 0)
    changed = ishoj_counts() | {(183, "2026K3"): 99}
    assert (
        import_dst(
            seeded_engine, actor=ADMIN, data=straf11(changed), file_name="c.csv", today=TODAY
        ).rows_changed
        == 1
    )
    assert table_rows(
        seeded_engine, "SELECT count(*) FROM burglary_quarter WHERE municipality_code = 183"
    ) == [(79,)]


def test_a_bad_row_writes_nothing(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    before = table_rows(
        seeded_engine,
        "SELECT municipality_code, period, count, is_demo FROM burglary_quarter ORDER BY 1, 2",
    )
    sources = table_rows(seeded_engine, "SELECT count(*) FROM data_source")
    bad = straf11(ishoj_counts()).replace(b"183;1320;2019K2;", b"183;1320;2019K5;")
    with pytest.raises(DstRejected, match="2019K5"):
        import_dst(seeded_engine, actor=ADMIN, data=bad, file_name="bad.csv", today=TODAY)
    assert (
        table_rows(
            seeded_engine,
            "SELECT municipality_code, period, count, is_demo FROM burglary_quarter ORDER BY 1, 2",
        )
        == before
    )
    assert table_rows(seeded_engine, "SELECT count(*) FROM data_source") == sources


def test_rights(seeded_engine: Engine) -> None:
    import_dst(
        seeded_engine, actor=LEADER, data=straf11(ishoj_counts()), file_name="own.csv", today=TODAY
    )
    two = ishoj_counts() | {(101, "2026K3"): 5}
    for actor in (
        LEADER,
        COUNCIL,
        POLICE,
    ):
        with pytest.raises(PermissionDenied):
            import_dst(
                seeded_engine, actor=actor, data=straf11(two), file_name="two.csv", today=TODAY
            )
    assert table_rows(
        seeded_engine, "SELECT count(*) FROM burglary_quarter WHERE municipality_code = 101"
    ) == [(0,)]


def test_provenance_is_recorded(seeded_engine: Engine) -> None:
    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(ishoj_counts()),
        file_name="straf11-ishoj.csv",
        today=TODAY,
    )
    [(name, _dataset, periods, rows, rows_read, changed, file_name, loaded_by)] = table_rows(
        seeded_engine,
        "SELECT name, dataset, periods, rows, rows_read, rows_changed, file_name, loaded_by FROM data_source WHERE dataset = 'STRAF11'",
    )
    assert (name, periods, rows, rows_read, changed, file_name, loaded_by) == (
        "Danmarks Statistik STRAF11",
        "2007K1-2026K3",
        79,
        158,
        79,
        "straf11-ishoj.csv",
        "admin",
    )
    [(summary,)] = table_rows(
        seeded_engine, "SELECT summary FROM audit_entry WHERE action = 'data.import'"
    )
    assert summary.startswith("Import af STRAF11 fra straf11-ishoj.csv")


def test_straf22_country_rows_become_the_official_national_series(seeded_engine: Engine) -> None:
    data = "OMRÅDE;OVERTRÆD;ANMSIGT;TID;INDHOLD\n000;1320;ANM;2024;13500\n000;1320;SIG;2024;900\n183;1320;ANM;2024;60\n".encode()
    report = import_dst(seeded_engine, actor=ADMIN, data=data, file_name="straf22.csv", today=TODAY)
    assert (report.table, report.rows_written) == ("STRAF22", 1)
    annual = national_overview(seeded_engine).annual.set_index("year")
    assert (annual.loc[2024, "count"], annual.loc[2024, "quality"]) == (13500, "official")


def test_fam55n_households_replace_the_approximations(seeded_engine: Engine) -> None:
    import_dst(
        seeded_engine, actor=ADMIN, data=straf11(ishoj_counts()), file_name="s.csv", today=TODAY
    )
    data = "OMRÅDE;TID;INDHOLD\n183;2025;9800\n".encode()
    assert (
        import_dst(
            seeded_engine, actor=ADMIN, data=data, file_name="fam55n.csv", today=TODAY
        ).rows_written
        == 1
    )
    overview = municipality_overview(seeded_engine, code=183)
    assert (overview.households, overview.households_approximate) == (9800.0, False)
    assert overview.per_1000_households == pytest.approx(242 / 9800 * 1000)


def test_preview_says_what_would_change_and_writes_nothing(seeded_engine: Engine) -> None:
    from dataio.files.statistikbanken.importer import preview_dst

    regenerate_demo(seeded_engine, today=TODAY)
    before = table_rows(seeded_engine, "SELECT count(*), sum(count) FROM burglary_quarter")
    sources = table_rows(seeded_engine, "SELECT count(*) FROM data_source")
    report = preview_dst(
        seeded_engine, actor=ADMIN, data=straf11(ishoj_counts()), file_name="p.csv"
    )
    assert (report.rows_written, report.demo_rows_removed) == (79, 79)
    assert table_rows(seeded_engine, "SELECT count(*), sum(count) FROM burglary_quarter") == before
    assert table_rows(seeded_engine, "SELECT count(*) FROM data_source") == sources


def test_undo_puts_back_what_the_last_import_replaced(seeded_engine: Engine) -> None:
    from dataio.errors import ValidationFailed
    from dataio.files.undo import undo_last_import

    regenerate_demo(seeded_engine, today=TODAY)
    series = "SELECT period, count, is_demo, source_id FROM burglary_quarter WHERE municipality_code = 183 ORDER BY period"
    before = table_rows(seeded_engine, series)
    import_dst(
        seeded_engine, actor=ADMIN, data=straf11(ishoj_counts()), file_name="s.csv", today=TODAY
    )
    assert table_rows(seeded_engine, series) != before
    message = undo_last_import(seeded_engine, actor=ADMIN)
    assert "er fortrudt; 79 tidligere rækker er sat tilbage" in message
    assert table_rows(seeded_engine, series) == before  # the demo series, exactly as it was
    assert status_document(municipality_overview(seeded_engine, code=183))["data"]["demo"] is True
    with pytest.raises(ValidationFailed, match="ingen indlæsning at fortryde"):
        undo_last_import(seeded_engine, actor=ADMIN)
    [(summary,)] = table_rows(
        seeded_engine, "SELECT summary FROM audit_entry WHERE action = 'data.undo'"
    )
    assert summary.startswith("Indlæsningen «Danmarks Statistik STRAF11» fra s.csv er fortrudt")


def test_undo_of_households_and_rights(seeded_engine: Engine) -> None:
    from dataio.files.undo import undo_last_import

    households = "SELECT municipality_code, year, households, approximate FROM household_year WHERE municipality_code = 183"
    before = table_rows(seeded_engine, households)
    import_dst(
        seeded_engine,
        actor=LEADER,
        data="OMRÅDE;TID;INDHOLD\n183;2025;9800\n".encode(),
        file_name="fam55n.csv",
        today=TODAY,
    )
    with pytest.raises(PermissionDenied):
        undo_last_import(seeded_engine, actor=COUNCIL)
    undo_last_import(seeded_engine, actor=LEADER)
    assert table_rows(seeded_engine, households) == before


FIXTURES = Path(__file__).resolve().parents[2] / "data" / "dst"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.csv")))
def test_every_format_variant_imports(seeded_engine: Engine, name: str) -> None:
    report = import_dst(
        seeded_engine, actor=ADMIN, data=(FIXTURES / name).read_bytes(), file_name=name, today=TODAY
    )
    assert report.rows_written > 0


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02garbage\xff",
        b"PK\x03\x04" + b"\x00" * 100,  # a spreadsheet
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\nAtlantis;1320;2023K1;4\n".encode(),
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n183;1320;2023K1;-4\n".encode(),
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n183;1320;2023K1;4\n183;1320;2023K1;5\n".encode(),
    ],
    ids=["empty", "bytes", "xlsx", "unknown-area", "negative", "duplicate"],
)
def test_bad_files_are_refused_and_write_nothing(seeded_engine: Engine, data: bytes) -> None:
    before = table_rows(
        seeded_engine,
        "SELECT (SELECT count(*) FROM burglary_quarter), (SELECT count(*) FROM data_source), (SELECT count(*) FROM audit_entry)",
    )
    with pytest.raises(DstRejected):
        import_dst(seeded_engine, actor=ADMIN, data=data, file_name="bad.csv", today=TODAY)
    assert (
        table_rows(
            seeded_engine,
            "SELECT (SELECT count(*) FROM burglary_quarter), (SELECT count(*) FROM data_source), (SELECT count(*) FROM audit_entry)",
        )
        == before
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    counts=st.dictionaries(
        st.sampled_from(QUARTERS), st.integers(min_value=0, max_value=5000), min_size=1, max_size=30
    )
)
def test_what_goes_in_comes_out_of_the_queries(
    seeded_engine: Engine, counts: dict[str, int]
) -> None:
    from dataio.store.burglaries import municipality_quarters

    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11({(183, p): v for p, v in counts.items()}),
        file_name="p.csv",
        today=TODAY,
    )
    stored = municipality_quarters(seeded_engine, code=183).set_index("period")["count"]
    assert {p: int(stored[p]) for p in counts} == counts


@pytest.mark.parametrize(
    "count", ["3000000000", "9" * 100_000], ids=["3 billion", "100,000 digits"]
)
def test_cli_refuses_a_count_no_municipality_can_have_in_danish_with_exit_2(
    seeded_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    count: str,
) -> None:
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    path = tmp_path / "straf11.csv"
    path.write_text(f"OMRÅDE;OVERTRÆD;TID;INDHOLD\n183;1320;2025K1;40\n183;1320;2025K2;{count}\n")
    before = table_rows(seeded_engine, "SELECT count(*) FROM data_source")
    capsys.readouterr()
    assert main(["import", "dst", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("botrygt: Filen blev ikke indlæst")
    assert "Linje 3, kolonne INDHOLD: «" in captured.err
    assert "er for stort et antal (højst 1.000.000)" in captured.err
    assert len(captured.err) < 300 and "Traceback" not in captured.err
    assert table_rows(seeded_engine, "SELECT count(*) FROM data_source") == before
