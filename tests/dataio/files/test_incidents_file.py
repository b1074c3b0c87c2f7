"""Importing the police's incident extract: the demo fixture through the real importer, the bad
extracts of issue 16 refused by row and column with nothing written, re-importing a period,
demo removal, and property tests (a generated valid file round-trips; any single corruption is
refused at its row and column and writes nothing)."""

import io
from collections import Counter
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from dataio.db.engine import data_version, make_engine, transaction
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.files.incidents import import_incidents, municipality_rings, preview_incidents
from dataio.seed.demo_incidents import demo_incident_csv, write_demo_incidents
from dataio.seed.init import initialise
from dataio.store.incidents import incident_rows
from models.boundary import within
from models.permissions import Actor
from models.projection import to_utm32
from tests.factories import ADMIN, COUNCIL, LEADER, OTHER_POLICE, POLICE
from tests.support.incident_extracts import (
    FIXTURE,
    TODAY,
    ExtractRow,
    extract,
    inside_positions,
)

ISHOJ = 183
INSIDE = inside_positions()
CENTRE = INSIDE[len(INSIDE) // 2]
KOBENHAVN_RAADHUS = (55.6761, 12.5683)  # far outside Ishøj


def counts(engine: Engine) -> list[int]:
    """Everything an import writes, and the data version."""
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT (SELECT count(*) FROM incident), (SELECT count(*) FROM data_source), "
                "(SELECT count(*) FROM audit_entry)"
            )
        ).one()
    return [*row, data_version(engine)]


def rows_at(day: date, n: int = 1, *, start: int = 0) -> list[ExtractRow]:
    return [
        ExtractRow(day, *INSIDE[(start + i) % len(INSIDE)], "14:30", "Indbrud i villa", f"Vej {i}")
        for i in range(n)
    ]


# ------------------------------------------------------------------------- the demo fixture


def test_ishoj_contains_its_town_hall_and_not_copenhagen() -> None:
    rings = municipality_rings(ISHOJ)
    inside = to_utm32(55.6155, 12.3497)  # Ishøj Rådhus, Ishøj Store Torv
    copenhagen = to_utm32(*KOBENHAVN_RAADHUS)
    assert within(rings, [inside[0], copenhagen[0]], [inside[1], copenhagen[1]]) == [True, False]


def test_the_fixture_is_what_the_generator_writes() -> None:
    assert FIXTURE.read_bytes() == demo_incident_csv(today=TODAY)


def test_the_demo_extract_imports_through_the_real_importer(seeded_engine: Engine) -> None:
    report = import_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=FIXTURE.read_bytes(),
        file_name=FIXTURE.name,
        today=TODAY,
    )
    assert (report.rows, report.replaced, report.demo_rows_removed) == (600, 0, 0)
    assert report.first == date(2024, 12, 2) and report.last == date(2026, 12, 1)
    assert report.text().startswith("Politiets hændelser for Ishøj: 600 hændelser (2. dec. 2024")
    frame = incident_rows(seeded_engine, viewer=POLICE, code=ISHOJ)
    assert len(frame) == 600 and not frame["is_demo"].any()
    assert frame["address"].str.startswith("Eksempelvej").all()
    with seeded_engine.connect() as connection:
        source = connection.execute(
            text("SELECT name, dataset, rows, periods, loaded_by FROM data_source ORDER BY id DESC")
        ).first()
        entry = connection.execute(
            text(
                "SELECT action, entity, municipality_code, police_district_number, username "
                "FROM audit_entry ORDER BY id DESC"
            )
        ).first()
    assert source is not None and entry is not None
    assert tuple(source) == (
        "Politiets hændelser (fil)",
        "politiets hændelser",
        600,
        "2024-12-02 til 2026-12-01",
        "politi",
    )
    assert tuple(entry) == ("incidents.import", "incident", ISHOJ, 10, "politi")


# --------------------------------------------------------------------------- bad extracts


def _utf16() -> bytes:
    return extract(rows_at(date(2026, 11, 1))).decode("utf-8-sig").encode("utf-16")


def _xls() -> bytes:
    return b"\xd0\xcf\x11\xe0" + b"\x00" * 100


def _lines(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


x0, y0 = CENTRE
BAD: dict[str, tuple[bytes, str]] = {
    "wrong encoding": (_utf16(), "Filen er gemt som UTF-16"),
    "old excel": (_xls(), "gamle Excel-format (.xls)"),
    "empty file": (b"", "Filen er tom"),
    "blank lines only": (b"\r\n \r\n", "Filen er tom"),
    "header only": (_lines("dato;lat;lon"), "kun overskriftsrækken"),
    "no date column": (_lines("lat;lon", "55,62;12,3"), "kolonnen «dato» mangler"),
    "no position": (_lines("dato;adresse", "01-11-2026;Vej 1"), "positionen mangler"),
    "future date": (
        _lines("dato;x;y", f"03-12-2026;{x0};{y0}"),
        "Række 2, kolonne «dato»: 3. dec. 2026 ligger i fremtiden (i dag er 2. dec. 2026)",
    ),
    "not a date": (
        _lines("dato;x;y", f"01-11-2026;{x0};{y0}", f"i går;{x0};{y0}"),
        "Række 3, kolonne «dato»: «i går» er ikke en dato",
    ),
    "utm in lat/lon": (
        _lines("dato;lat;lon", f"01-11-2026;{x0};{y0}"),
        "Række 2, kolonne «lat/lon»: "
        f"({x0}; {y0}) ligner UTM-koordinater (meter) i kolonnerne lat/lon",
    ),
    "degrees in x/y": (
        _lines("dato;x;y", "01-11-2026;55,62;12,30"),
        "Række 2, kolonne «x/y»: (55,62; 12,3) ligner grader",
    ),
    "lat and lon swapped": (
        _lines("dato;lat;lon", "01-11-2026;12,30;55,62"),
        "Række 2, kolonne «lat/lon»: (12,3; 55,62) ser ud til at være byttet om",
    ),
    "outside the municipality": (
        _lines(
            "dato;lat;lon",
            "01-11-2026;55,6200;12,3000",
            f"02-11-2026;{KOBENHAVN_RAADHUS[0]};{KOBENHAVN_RAADHUS[1]}",
        ),
        "Række 3, kolonne «lat/lon»: positionen ligger uden for Ishøj (mere end 300 m fra "
        "kommunegrænsen)",
    ),
    "outside Denmark": (
        _lines("dato;lat;lon", "01-11-2026;48,85;2,35"),
        "Række 2, kolonne «lat/lon»: (48,85; 2,35) ligger ikke i Danmark",
    ),
    "position not a number": (
        _lines("dato;lat;lon", "01-11-2026;nord;12,3"),
        "Række 2, kolonne «lat»: «nord» er ikke et tal",
    ),
    "position missing": (
        _lines("dato;x;y", f"01-11-2026;;{y0}"),
        "Række 2, kolonne «x»: mangler",
    ),
    "bad time of day": (
        _lines("dato;x;y;klokkeslaet", f"01-11-2026;{x0};{y0};25:10"),
        "Række 2, kolonne «klokkeslaet»: «25:10» er ikke et klokkeslæt",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_extract_is_refused_naming_what_is_wrong_and_nothing_is_written(
    seeded_engine: Engine, case: str
) -> None:
    data, message = BAD[case]
    before = counts(seeded_engine)
    with pytest.raises(ValidationFailed) as refused:
        import_incidents(
            seeded_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            data=data,
            file_name="udtraek.csv",
            today=TODAY,
        )
    assert message in str(refused.value)
    assert counts(seeded_engine) == before


def test_every_problem_in_the_file_is_listed_by_row_and_column(seeded_engine: Engine) -> None:
    data = _lines(
        "dato;x;y;klokkeslaet",
        f"01-11-2026;{x0};{y0};10:00",
        f"2027-01-01;{x0};{y0};10:00",
        f"01-11-2026;{x0};{y0};kl. 10",
        f"01-11-2026;{x0};{y0};10:00",
        "xx;1;2;10:00",
    )
    with pytest.raises(ValidationFailed) as refused:
        import_incidents(
            seeded_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            data=data,
            file_name="f.csv",
            today=TODAY,
        )
    message = str(refused.value)
    assert message.startswith("Filen er ikke indlæst (4 fejl; intet er skrevet):")
    listed = message.splitlines()[1:]
    assert [line.split(":")[0] for line in listed] == [
        "Række 3, kolonne «dato»",
        "Række 4, kolonne «klokkeslaet»",
        "Række 6, kolonne «dato»",
        "Række 6, kolonne «x/y»",
    ]


def test_a_long_list_of_problems_is_cut_and_counted(seeded_engine: Engine) -> None:
    data = _lines("dato;x;y", *[f"xx;{x0};{y0}" for _ in range(60)])
    with pytest.raises(ValidationFailed) as refused:
        import_incidents(
            seeded_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            data=data,
            file_name="f.csv",
            today=TODAY,
        )
    lines = str(refused.value).splitlines()
    assert len(lines) == 1 + 50 + 1 and lines[-1] == "… og 10 fejl mere"


# ------------------------------------------------------------------ layouts and the write


def test_an_excel_extract_in_utm_with_excel_dates_and_times(seeded_engine: Engine) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Dato", "X", "Y", "Klokkeslæt", "Overtrædelse", "Adresse"])
    sheet.append([date(2026, 11, 3), x0, y0, time(21, 5), 1320, "Strandvej 3"])
    sheet.append([date(2026, 11, 4), x0 + 10.5, y0, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_incidents(
        seeded_engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        data=buffer.getvalue(),
        file_name="udtraek.xlsx",
        today=TODAY,
    )
    assert report.rows == 2
    frame = incident_rows(seeded_engine, viewer=ADMIN, code=ISHOJ)
    first, second = frame.to_dict("records")
    assert (first["day"], first["time_of_day"], first["offence"], first["address"]) == (
        date(2026, 11, 3),
        "21:05",
        "1320",
        "Strandvej 3",
    )
    assert (first["x"], first["y"]) == (x0, y0) and second["x"] == x0 + 10.5
    assert second["time_of_day"] is None and second["offence"] is None


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_csv_in_either_separator_and_encoding_with_iso_or_danish_dates(
    seeded_engine: Engine, encoding: str, separator: str
) -> None:
    rows = [ExtractRow(date(2026, 11, 2), x0, y0, "08.15", "Indbrud i rækkehus", "Søvej 2")]
    for iso in (False, True):
        import_incidents(
            seeded_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            data=extract(rows, separator=separator, encoding=encoding, iso_dates=iso),
            file_name="f.csv",
            today=TODAY,
        )
    [row] = incident_rows(seeded_engine, viewer=POLICE, code=ISHOJ).to_dict("records")
    assert (row["time_of_day"], row["offence"], row["address"]) == (
        "08:15",
        "Indbrud i rækkehus",
        "Søvej 2",
    )
    assert abs(row["x"] - x0) < 0.05 and abs(row["y"] - y0) < 0.05  # lat/lon with 7 decimals


def _days(engine: Engine) -> list[date]:
    return list(incident_rows(engine, viewer=ADMIN, code=ISHOJ)["day"])


def test_reimporting_a_period_replaces_only_that_period(seeded_engine: Engine) -> None:
    january_to_june = [r for m in range(1, 7) for r in rows_at(date(2026, m, 10), 2)]
    import_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=extract(january_to_june),
        file_name="a.csv",
        today=TODAY,
    )
    march_april = rows_at(date(2026, 3, 1), 1) + rows_at(date(2026, 4, 30), 3)
    report = import_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=extract(march_april),
        file_name="b.csv",
        today=TODAY,
    )
    assert report.replaced == 4  # 10 March and 10 April, two each
    assert _days(seeded_engine) == [
        *[date(2026, m, 10) for m in (1, 1, 2, 2)],
        date(2026, 3, 1),
        *[date(2026, 4, 30)] * 3,
        *[date(2026, m, 10) for m in (5, 5, 6, 6)],
    ]
    assert "4 tidligere hændelser i perioden erstattet" in report.text()


def test_a_real_import_replaces_the_demo_extract_and_leaves_other_municipalities(
    seeded_engine: Engine,
) -> None:
    with transaction(seeded_engine) as session:
        demo = write_demo_incidents(session, today=TODAY)
    kbh = to_utm32(*KOBENHAVN_RAADHUS)
    import_incidents(
        seeded_engine,
        actor=ADMIN,
        municipality_code=101,
        data=extract([ExtractRow(date(2026, 5, 1), *kbh)]),
        file_name="kbh.csv",
        today=TODAY,
    )
    report = import_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=extract(rows_at(date(2026, 11, 1), 2)),
        file_name="ishoj.csv",
        today=TODAY,
    )
    assert report.demo_rows_removed == demo == 600
    assert _days(seeded_engine) == [date(2026, 11, 1)] * 2
    assert len(incident_rows(seeded_engine, viewer=ADMIN, code=101)) == 1


def test_the_preview_says_what_the_import_would_do_and_writes_nothing(
    seeded_engine: Engine,
) -> None:
    before = counts(seeded_engine)
    report = preview_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=FIXTURE.read_bytes(),
        file_name=FIXTURE.name,
        today=TODAY,
    )
    assert report.rows == 600
    assert counts(seeded_engine) == before


@pytest.mark.parametrize("actor", [LEADER, COUNCIL, OTHER_POLICE], ids=lambda a: a.username)
def test_only_the_police_of_the_district_and_the_admin_may_import(
    seeded_engine: Engine, actor: Actor
) -> None:
    before = counts(seeded_engine)
    with pytest.raises(PermissionDenied, match="må ikke indlæse politiets hændelser"):
        import_incidents(
            seeded_engine,
            actor=actor,
            municipality_code=ISHOJ,
            data=FIXTURE.read_bytes(),
            file_name=FIXTURE.name,
            today=TODAY,
        )
    assert counts(seeded_engine) == before


# ------------------------------------------------------------------------ property tests


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One seeded SQLite database for the property tests' many examples."""
    path: Path = tmp_path_factory.mktemp("incidents") / "incidents.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    initialise(engine, demo=False)
    yield engine
    engine.dispose()


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ ", min_size=1, max_size=20).map(
    str.strip
)
ROWS = st.builds(
    ExtractRow,
    day=st.dates(min_value=date(2024, 12, 3), max_value=TODAY),
    x=st.sampled_from(INSIDE).map(lambda p: float(p[0])),
    y=st.just(0.0),  # replaced by the sampled position's own northing below
    time_of_day=st.one_of(st.none(), st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}")),
    offence=st.one_of(st.none(), WORDS),
    address=st.one_of(st.none(), WORDS),
)
NORTHING = dict(INSIDE)


def _placed(row: ExtractRow) -> ExtractRow:
    return ExtractRow(
        row.day, row.x, float(NORTHING[round(row.x)]), row.time_of_day, row.offence, row.address
    )


FILES = st.fixed_dictionaries(
    {
        "rows": st.lists(ROWS.map(_placed), min_size=1, max_size=12),
        "layout": st.sampled_from(["latlon", "xy"]),
        "separator": st.sampled_from([";", ","]),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
        "iso_dates": st.booleans(),
    }
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(file=FILES)
def test_a_generated_valid_extract_round_trips(sqlite_engine: Engine, file: dict) -> None:
    rows = file.pop("rows")
    report = import_incidents(
        sqlite_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=extract(rows, **file),
        file_name="f.csv",
        today=TODAY,
    )
    first, last = min(r.day for r in rows), max(r.day for r in rows)
    assert (report.rows, report.first, report.last) == (len(rows), first, last)
    frame = incident_rows(sqlite_engine, viewer=POLICE, code=ISHOJ)
    stored = frame[(frame["day"] >= first) & (frame["day"] <= last)].to_dict("records")
    # the period holds exactly the file's rows (earlier examples' rows in it were replaced)
    assert Counter((r["day"], r["time_of_day"], r["offence"], r["address"]) for r in stored) == (
        Counter((r.day, r.time_of_day, r.offence or None, r.address or None) for r in rows)
    )
    tolerance = 0.05 if file["layout"] == "latlon" else 0.006
    for got in stored:
        assert min(abs(got["x"] - r.x) + abs(got["y"] - r.y) for r in rows) < 2 * tolerance


CORRUPTIONS = {
    # name: (column in the message, the bad cells for (dato, first, second) given the layout)
    "future": "dato",
    "not a date": "dato",
    "swapped units": "position",
    "outside": "position",
    "bad time": "klokkeslaet",
}


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(file=FILES, which=st.data(), corruption=st.sampled_from(sorted(CORRUPTIONS)))
def test_any_single_corruption_is_refused_at_its_row_and_column_and_writes_nothing(
    sqlite_engine: Engine, file: dict, which: st.DataObject, corruption: str
) -> None:
    rows: list[ExtractRow] = file.pop("rows")
    index = which.draw(st.integers(0, len(rows) - 1))
    good = extract(rows, **file).decode(file["encoding"]).splitlines()
    separator = file["separator"]
    cells = good[index + 1].split(separator)
    latlon = file["layout"] == "latlon"
    if corruption == "future":
        cells[0] = (TODAY + timedelta(days=1)).isoformat()
    elif corruption == "not a date":
        cells[0] = "31-02-2026"
    elif corruption == "swapped units":  # UTM metres in lat/lon, or degrees in x/y
        row = rows[index]
        cells[1:3] = [f"{row.x:.1f}", f"{row.y:.1f}"] if latlon else ["55.62", "12.30"]
    elif corruption == "outside":
        cells[1:3] = (
            [str(c) for c in KOBENHAVN_RAADHUS]
            if latlon
            else [f"{c:.1f}" for c in to_utm32(*KOBENHAVN_RAADHUS)]
        )
    else:
        cells[3] = "24:00"
    good[index + 1] = separator.join(cells)
    data = ("\r\n".join(good) + "\r\n").encode(file["encoding"])
    column = CORRUPTIONS[corruption]
    heading = {"position": "lat/lon" if latlon else "x/y"}.get(column, column)
    before = counts(sqlite_engine)
    with pytest.raises(ValidationFailed) as refused:
        import_incidents(
            sqlite_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            data=data,
            file_name="f.csv",
            today=TODAY,
        )
    listed = str(refused.value).splitlines()[1:]
    assert [line.split(":")[0] for line in listed] == [f"Række {index + 2}, kolonne «{heading}»"]
    assert counts(sqlite_engine) == before
