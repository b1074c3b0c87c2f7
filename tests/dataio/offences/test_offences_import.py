"""Other STRAF11 offences beside residential burglary: exact codes only, stored in offence_quarter,
the burglaries untouched; the status document's `business_burglaries`; the comparison."""

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from cli import main
from dataio.errors import ValidationFailed
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.statistikbanken.reader import DstRejected, read_dst
from dataio.files.undo import undo_last_import
from dataio.offences.store import offence_comparison, offence_document, offence_quarters
from dataio.seed.init import regenerate_demo
from dataio.status_document import scope_status_document
from models.offences import parse_offence_codes
from models.periods import quarter_range
from tests.factories import ADMIN

TODAY = date(2026, 11, 23)
QUARTERS = quarter_range(first="2021K1", last="2026K3")
DST = Path(__file__).resolve().parents[2] / "data" / "dst"


def straf11(
    burglaries: dict[tuple[int, str], int], others: dict[tuple[int, int, str], int]
) -> bytes:
    """A STRAF11 export with codes: 1320 rows, other codes' rows and parent levels (13, TOT)."""
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"]
    for (code, period), value in burglaries.items():
        lines.append(f"{code};1320;{period};{value}")
        lines.append(f"{code};TOT;{period};{value * 10}")  # parent levels: never stored
        lines.append(f"{code};13;{period};{value * 3}")
    for (code, offence, period), value in others.items():
        lines.append(f"{code};{offence};{period};{value}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def burglaries(code: int = 183) -> dict[tuple[int, str], int]:
    return {(code, p): 40 + int(p[5]) for p in QUARTERS}


def business(code: int = 183, offence: int = 1310) -> dict[tuple[int, int, str], int]:
    return {(code, offence, p): 5 + int(p[5]) for p in QUARTERS}


def rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def test_the_reader_keeps_exact_codes_and_never_a_parent_level() -> None:
    data = (DST / "straf11_ishoj_codes.csv").read_bytes()
    burglary = read_dst(data)
    assert {r.offence for r in burglary.rows} == {1320}
    assert [r.value for r in burglary.rows if r.period == "2023K1"] == [41]
    others = read_dst(data, offence=frozenset({1310}), empty_ok=True)
    assert [(r.offence, r.period, r.value) for r in others.rows] == [(1310, "2023K1", 9)]
    both = read_dst(data, offence=frozenset({1310, 1320}))
    assert {r.offence for r in both.rows} == {1310, 1320}  # TOT, 1 and 13 are left out
    assert read_dst(data, offence=frozenset({1330}), empty_ok=True).rows == []
    with pytest.raises(DstRejected, match="ingen rækker for overtrædelse 1330"):
        read_dst(data, offence=frozenset({1330}))


def test_the_reader_recognises_the_business_burglary_label() -> None:
    data = (
        "område;overtrædelsens art;tid;INDHOLD\n"
        "Ishøj;Indbrud i beboelser;2023K1;41\n"
        "Ishøj;Indbrud i forretning, virksomhed mv.;2023K1;9\n"
        "Ishøj;Ejendomsforbrydelser i alt;2023K1;120\n"
    ).encode()
    assert [r.value for r in read_dst(data).rows] == [41]
    assert [r.value for r in read_dst(data, offence=frozenset({1310})).rows] == [9]
    with pytest.raises(DstRejected, match="ikke 1360"):
        read_dst(data, offence=frozenset({1360}))


def test_offence_codes_are_four_digit_and_not_1320() -> None:
    assert parse_offence_codes("1330, 1310,1310") == (1310, 1330)
    assert parse_offence_codes("") == ()
    for bad in ("13", "TOT", "1320", "abcd", "13100"):
        with pytest.raises(ValueError):
            parse_offence_codes(bad)


def test_import_stores_1310_beside_1320_and_leaves_burglaries_alone(seeded_engine: Engine) -> None:
    report = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(burglaries(), business()),
        file_name="straf11.csv",
        today=TODAY,
    )
    assert (report.rows_written, report.other_offences) == (len(QUARTERS), ((1310, len(QUARTERS)),))
    assert (
        "andre overtrædelser (rækker): 1310 indbrud i forretning, virksomhed mv.: 23"
        in report.text()
    )
    assert rows(
        seeded_engine, "SELECT sum(count) FROM burglary_quarter WHERE municipality_code = 183"
    ) == [(sum(burglaries().values()),)]
    stored = offence_quarters(seeded_engine, code=183)
    assert list(stored["period"]) == QUARTERS
    assert list(stored["count"]) == list(business().values())
    assert rows(seeded_engine, "SELECT DISTINCT offence, label FROM offence_quarter") == [
        (1310, "Indbrud i forretning, virksomhed mv.")
    ]
    # provenance: the same source as the burglaries; the audit entry counts the other rows
    assert rows(
        seeded_engine,
        "SELECT count(DISTINCT o.source_id) FROM offence_quarter o JOIN burglary_quarter b "
        "ON b.source_id = o.source_id",
    ) == [(1,)]
    [(after,)] = rows(seeded_engine, "SELECT after FROM audit_entry WHERE action = 'data.import'")
    assert json.loads(after)["other_offences"] == len(QUARTERS)


def test_chosen_codes_only(seeded_engine: Engine) -> None:
    data = straf11(burglaries(), business() | business(offence=1330) | business(offence=1340))
    import_dst(
        seeded_engine, actor=ADMIN, data=data, file_name="a.csv", today=TODAY, offences=[1330]
    )
    assert rows(seeded_engine, "SELECT DISTINCT offence FROM offence_quarter") == [(1330,)]
    import_dst(seeded_engine, actor=ADMIN, data=data, file_name="b.csv", today=TODAY, offences=())
    assert rows(seeded_engine, "SELECT DISTINCT offence FROM offence_quarter") == [(1330,)]
    with pytest.raises(ValidationFailed, match="firecifret"):
        import_dst(
            seeded_engine, actor=ADMIN, data=data, file_name="c.csv", today=TODAY, offences=[13]
        )


def test_a_bad_other_offence_row_writes_nothing(seeded_engine: Engine) -> None:
    data = straf11(burglaries(), business()).replace(b"183;1310;2022K2;7", b"183;1310;2022K2;x")
    with pytest.raises(DstRejected, match="Linje"):
        import_dst(seeded_engine, actor=ADMIN, data=data, file_name="bad.csv", today=TODAY)
    assert rows(seeded_engine, "SELECT count(*) FROM offence_quarter") == [(0,)]
    assert rows(seeded_engine, "SELECT count(*) FROM burglary_quarter") == [(0,)]


def test_real_rows_replace_the_demo_series(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    assert offence_document(seeded_engine, code=183)["demo"] is True  # type: ignore[index]
    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(burglaries(), business()),
        file_name="straf11.csv",
        today=TODAY,
    )
    assert rows(
        seeded_engine, "SELECT count(*) FROM offence_quarter WHERE municipality_code = 183"
    ) == [(len(QUARTERS),)]
    document = offence_document(seeded_engine, code=183)
    assert document is not None and document["demo"] is False
    assert document["latest_year"] == 2025 and document["count"] == 6 + 7 + 8 + 9
    assert document["national_per_1000_households"] is not None
    assert document["peers_per_1000_households"] is not None
    assert offence_document(seeded_engine, code=101)["demo"] is True  # type: ignore[index]
    # regenerating demo data keeps the real rows
    regenerate_demo(seeded_engine, today=TODAY)
    assert offence_document(seeded_engine, code=183)["demo"] is False  # type: ignore[index]


def test_comparison_against_nation_and_peers(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    comparison = offence_comparison(seeded_engine, code=183)
    assert comparison is not None and comparison.demo
    assert comparison.label == "Indbrud i forretning, virksomhed mv."
    assert len(comparison.peer_names) == 10
    assert list(comparison.rates["year"]) == list(range(2007, 2026))
    assert comparison.rates[["municipality", "national", "peers"]].notna().all().all()


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    extra=st.dictionaries(
        st.tuples(
            st.sampled_from([183, 101]),
            st.sampled_from([1310, 1330, 1340]),
            st.sampled_from(QUARTERS),
        ),
        st.integers(min_value=0, max_value=500),
        max_size=12,
    ),
    codes=st.sets(st.sampled_from([1310, 1330, 1340])),
)
def test_other_offence_rows_never_change_the_burglary_import(
    seeded_engine: Engine, extra: dict[tuple[int, int, str], int], codes: set[int]
) -> None:
    def burglary_state() -> tuple[list[tuple], str]:
        table = rows(
            seeded_engine,
            "SELECT municipality_code, period, count, provisional, is_demo FROM burglary_quarter "
            "ORDER BY 1, 2",
        )
        document = scope_status_document(seeded_engine, viewer=ADMIN, code=183, today=TODAY)
        return table, json.dumps(document["burglaries"], sort_keys=True)

    with seeded_engine.begin() as connection:
        connection.execute(text("DELETE FROM offence_quarter"))
        connection.execute(text("DELETE FROM burglary_quarter"))
    plain = import_dst(
        seeded_engine, actor=ADMIN, data=straf11(burglaries(), {}), file_name="a.csv", today=TODAY
    )
    before = burglary_state()
    with seeded_engine.begin() as connection:
        connection.execute(text("DELETE FROM burglary_quarter"))
    mixed = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(burglaries(), extra),
        file_name="b.csv",
        today=TODAY,
        offences=codes,
    )
    assert burglary_state() == before
    assert (mixed.rows_written, mixed.rows_changed, mixed.periods) == (
        plain.rows_written,
        plain.rows_changed,
        plain.periods,
    )
    wanted = {k: v for k, v in extra.items() if k[1] in codes}
    assert sorted(
        rows(seeded_engine, "SELECT municipality_code, offence, period, count FROM offence_quarter")
    ) == sorted((c, o, p, v) for (c, o, p), v in wanted.items())


def test_status_json_business_burglaries_leave_burglaries_byte_for_byte(
    seeded_engine: Engine,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    plain, mixed = tmp_path / "plain.csv", tmp_path / "mixed.csv"
    plain.write_bytes(straf11(burglaries(), {}))
    mixed.write_bytes(straf11(burglaries(), business()))

    def status() -> dict:
        capsys.readouterr()
        assert main(["status", "--municipality", "183", "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    assert main(["import", "dst", str(plain)]) == 0
    before = status()
    assert before["business_burglaries"] is None
    assert main(["import", "dst", str(mixed)]) == 0
    after = status()
    assert json.dumps(after["burglaries"], ensure_ascii=False) == json.dumps(
        before["burglaries"], ensure_ascii=False
    )
    business_burglaries = after["business_burglaries"]
    assert business_burglaries["offence"] == 1310
    assert business_burglaries["latest_year"] == 2025 and business_burglaries["count"] == 30
    assert business_burglaries["goal"] is None and business_burglaries["demo"] is False
    assert business_burglaries["quarters"][0] == {
        "period": "2021K1",
        "count": 6,
        "provisional": False,
    }
    assert business_burglaries["quarters"][-1]["provisional"] is True
    assert [s["name"] for s in business_burglaries["sources"]] == ["Danmarks Statistik STRAF11"]
    national = json.loads(
        json.dumps(scope_status_document(seeded_engine, viewer=ADMIN, code=None, today=TODAY))
    )
    assert national["business_burglaries"]["count"] == 30


def test_import_cli_takes_offences(
    seeded_engine: Engine,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    path = tmp_path / "straf11.csv"
    path.write_bytes(straf11(burglaries(), business() | business(offence=1330)))
    assert main(["import", "dst", str(path), "--offences", "1330"]) == 0
    assert "1330 indbrud i fritidshuse" in capsys.readouterr().out
    assert rows(seeded_engine, "SELECT DISTINCT offence FROM offence_quarter") == [(1330,)]
    with pytest.raises(SystemExit) as refused:  # argparse refuses it, in Danish
        main(["import", "dst", str(path), "--offences", "13"])
    assert refused.value.code == 2
    assert "firecifret" in capsys.readouterr().err


def test_undo_puts_the_replaced_offence_rows_back(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    query = (
        "SELECT period, count, is_demo FROM offence_quarter WHERE municipality_code = 183 "
        "ORDER BY period"
    )
    before = rows(seeded_engine, query)
    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(burglaries(), business()),
        file_name="straf11.csv",
        today=TODAY,
    )
    assert rows(seeded_engine, query) != before
    assert "er fortrudt" in undo_last_import(seeded_engine, actor=ADMIN)
    assert rows(seeded_engine, query) == before
