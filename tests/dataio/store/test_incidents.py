"""The police's incidents in the store: who may read single incidents (the role matrix, on SQLite
and PostgreSQL), the aggregates' floor of 3, and `prune` after the retention limit, audited."""

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, text

from dataio.db.engine import transaction
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.files.incidents import import_incidents
from dataio.seed.demo_incidents import HOTSPOT_COUNT, demo_incidents, write_demo_incidents
from dataio.store.incidents import (
    incident_aggregates,
    incident_points,
    incident_rows,
    incident_scan,
    prune_incidents,
    retention_cutoff,
)
from models.permissions import Actor, Role
from tests.factories import ADMIN, COUNCIL, LEADER, OTHER_LEADER, OTHER_POLICE, POLICE
from tests.support.incident_extracts import TODAY, ExtractRow, extract, inside_positions

ISHOJ = 183
ROW_READS = {"incident_rows": incident_rows, "incident_points": incident_points}
# Hand-written from issue 16: single incidents for the district's police and the administrator.
MAY_READ_ROWS = {"admin", "politi"}
VIEWERS = {a.username: a for a in (ADMIN, LEADER, POLICE, COUNCIL, OTHER_LEADER, OTHER_POLICE)}


@pytest.fixture
def with_demo(seeded_engine: Engine) -> Engine:
    with transaction(seeded_engine) as session:
        write_demo_incidents(session, today=TODAY)
    return seeded_engine


@pytest.mark.parametrize("viewer", sorted(VIEWERS))
@pytest.mark.parametrize("read", sorted(ROW_READS))
def test_single_incidents_role_matrix(with_demo: Engine, read: str, viewer: str) -> None:
    if viewer in MAY_READ_ROWS and read == "incident_points":
        pytest.importorskip("models.hotspots")
    call = ROW_READS[read]
    if viewer in MAY_READ_ROWS:
        assert len(call(with_demo, viewer=VIEWERS[viewer], code=ISHOJ)) == 600
        return
    with pytest.raises(PermissionDenied, match=r"^Ingen adgang: du er .* og må ikke se politiets"):
        call(with_demo, viewer=VIEWERS[viewer], code=ISHOJ)


def test_the_police_see_positions_addresses_and_the_demo_label(with_demo: Engine) -> None:
    frame = incident_rows(with_demo, viewer=POLICE, code=ISHOJ)
    assert list(frame.columns) == [
        "day",
        "time_of_day",
        "offence",
        "address",
        "x",
        "y",
        "lat",
        "lon",
        "is_demo",
    ]
    assert frame["is_demo"].all()  # Eksempeldata
    assert frame["lat"].between(55.58, 55.66).all() and frame["lon"].between(12.2, 12.42).all()
    assert list(frame["day"]) == sorted(frame["day"])


@pytest.mark.parametrize("min_count", [2, 1, 0, -5])
def test_aggregates_below_the_floor_of_three_are_refused(with_demo: Engine, min_count: int) -> None:
    with pytest.raises(ValidationFailed, match="mindst 3"):
        incident_aggregates(
            with_demo,
            viewer=LEADER,
            code=ISHOJ,
            start=TODAY - timedelta(days=27),
            end=TODAY,
            min_count=min_count,
        )
    with pytest.raises(ValidationFailed, match="mindst 3"):
        incident_scan(with_demo, viewer=LEADER, code=ISHOJ, until=TODAY, min_count=min_count)


@pytest.mark.parametrize("viewer", [LEADER, COUNCIL, POLICE], ids=lambda a: a.username)
def test_every_viewer_of_the_municipality_gets_only_cells_of_three_or_more_at_centres(
    with_demo: Engine, viewer: Actor
) -> None:
    pytest.importorskip("models.hotspots")
    positions = {(round(i.lat, 5), round(i.lon, 5)) for i in demo_incidents(today=TODAY)}
    for min_count in (3, 4, 7):
        cells, suppressed = incident_aggregates(
            with_demo,
            viewer=viewer,
            code=ISHOJ,
            start=date(2024, 12, 3),
            end=TODAY,
            min_count=min_count,
        )
        assert cells and suppressed >= 0
        for _cell, lat, lon, count in cells:
            assert count >= min_count
            assert (round(lat, 5), round(lon, 5)) not in positions


def test_the_scan_finds_the_demo_hotspot(with_demo: Engine) -> None:
    hotspots = pytest.importorskip("models.hotspots")
    found = incident_scan(with_demo, viewer=COUNCIL, code=ISHOJ, until=TODAY)
    document = hotspots.hotspot_document(found, ISHOJ)
    assert all(cell["recent"] >= document["min_count"] for cell in document["cells"])
    hot = [cell for cell in document["cells"] if cell["hotspot"]]
    assert hot and sum(cell["recent"] for cell in hot) <= HOTSPOT_COUNT + 3
    assert max(cell["recent"] for cell in hot) >= 10  # most of the dozen in one square
    spot = [i for i in demo_incidents(today=TODAY) if i.in_hotspot]
    lat = sum(i.lat for i in spot) / len(spot)
    lon = sum(i.lon for i in spot) / len(spot)
    assert any(abs(c["lat"] - lat) < 0.005 and abs(c["lon"] - lon) < 0.008 for c in hot)


def test_the_models_refusals_are_danish_domain_errors(with_demo: Engine) -> None:
    pytest.importorskip("models.hotspots")
    with pytest.raises(ValidationFailed):
        incident_scan(with_demo, viewer=LEADER, code=ISHOJ, until=TODAY, weeks=0)


# ------------------------------------------------------------------------------------ prune

CUTOFFS = [
    # today, months, the first day kept (by hand)
    (date(2026, 12, 2), 24, date(2024, 12, 2)),
    (date(2026, 12, 2), 1, date(2026, 11, 2)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2026, 1, 15), 13, date(2024, 12, 15)),
    (date(2026, 12, 31), 12, date(2025, 12, 31)),
]


@pytest.mark.parametrize(("today", "months", "kept"), CUTOFFS)
def test_retention_cutoff(today: date, months: int, kept: date) -> None:
    assert retention_cutoff(today, months) == kept


def _audit(engine: Engine) -> list[tuple]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT action, entity_key, municipality_code, summary, after FROM audit_entry "
                    "WHERE action = 'incidents.prune' ORDER BY id"
                )
            )
        ]


def test_prune_deletes_what_is_older_than_the_limit_with_one_audit_row(
    seeded_engine: Engine,
) -> None:
    position = inside_positions()[0]
    days = [date(2024, 12, 1), date(2024, 12, 2), date(2025, 6, 1), date(2026, 12, 1)]
    import_incidents(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        data=extract([ExtractRow(day, *position) for day in days]),
        file_name="f.csv",
        today=TODAY,
    )
    assert prune_incidents(seeded_engine, actor=ADMIN, months=24, today=TODAY) == 1
    assert list(incident_rows(seeded_engine, viewer=ADMIN, code=ISHOJ)["day"]) == days[1:]
    [(action, key, code, summary, after)] = _audit(seeded_engine)
    assert (action, key, code) == ("incidents.prune", "2024-12-02", ISHOJ)
    assert summary == "1 hændelse fra før 2. dec. 2024 slettet (opbevaringsgrænse 24 måneder)"
    assert '"deleted": 1' in after
    # nothing older: nothing deleted, no audit row
    assert prune_incidents(seeded_engine, actor=ADMIN, months=24, today=TODAY) == 0
    assert len(_audit(seeded_engine)) == 1
    assert prune_incidents(seeded_engine, actor=ADMIN, months=12, today=TODAY) == 2
    assert len(_audit(seeded_engine)) == 2


@pytest.mark.parametrize("actor", [LEADER, POLICE, COUNCIL], ids=lambda a: a.username)
def test_only_the_administrator_prunes(seeded_engine: Engine, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        prune_incidents(seeded_engine, actor=actor, months=24, today=TODAY)


def test_a_retention_of_less_than_a_month_is_refused(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match="mindst 1 måned"):
        prune_incidents(seeded_engine, actor=ADMIN, months=0, today=TODAY)


def test_an_unknown_municipality_is_a_danish_error(seeded_engine: Engine) -> None:
    with pytest.raises(Exception, match="Ukendt kommunekode: 999"):
        incident_rows(seeded_engine, viewer=Actor("a", Role.ADMIN), code=999)
