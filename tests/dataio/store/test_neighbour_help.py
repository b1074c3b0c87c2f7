"""Helper counts and activities: written with rights and audit, read into the district table."""

from datetime import date

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from dataio.db.engine import data_version
from dataio.errors import ValidationFailed
from dataio.status_document import helpers_document
from dataio.store.neighbour_help import (
    activities,
    add_activity,
    district_table,
    helper_overview,
    sign_ups_by_kind,
)
from models.errors import PermissionDenied
from models.permissions import Actor
from models.tables import AuditEntry, Goal, HelperCount, RecruitmentActivity
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE, READER, add_count


def test_police_records_counts_and_the_district_table_shows_them(seeded_engine: Engine) -> None:
    for day, helpers in [
        (date(2025, 1, 1), 1000),
        (date(2025, 7, 1), 1100),
        (date(2026, 1, 1), 1200),
    ]:
        add_count(
            seeded_engine,
            actor=POLICE,
            municipality_code=183,
            count_date=day,
            helpers=helpers,
            nabovenner=30,
        )
    table = district_table(seeded_engine, viewer=READER, district=10)
    assert set(table["name"]) >= {"Ishøj", "Albertslund", "Vallensbæk"}
    assert "Aarhus" not in set(table["name"])
    ishoj = table[table["code"] == 183].iloc[0]
    assert ishoj["latest"] == 1200
    assert ishoj["as_of"] == date(2026, 1, 1)
    households = helper_overview(seeded_engine, viewer=READER, code=183).assessment.households
    assert households is not None
    assert ishoj["per_100_households"] == pytest.approx(1200 / households * 100)
    assert ishoj["nabovenner_needed"] == -(-int(households) // 100)
    with Session(seeded_engine) as session:
        entries = session.exec(
            select(AuditEntry).where(col(AuditEntry.action) == "helpers.count")
        ).all()
    assert len(entries) == 3 and entries[0].police_district_number == 10


def test_a_count_on_the_same_date_replaces_the_old_one(seeded_engine: Engine) -> None:
    add_count(
        seeded_engine, actor=ADMIN, municipality_code=183, count_date=date(2026, 1, 1), helpers=10
    )
    add_count(
        seeded_engine, actor=ADMIN, municipality_code=183, count_date=date(2026, 1, 1), helpers=12
    )
    with Session(seeded_engine) as session:
        rows = session.exec(
            select(HelperCount).where(col(HelperCount.municipality_code) == 183)
        ).all()
    assert [r.helpers for r in rows] == [12]


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        (POLICE, 751),
        (LEADER, 183),
        (COUNCIL, 183),
    ],
)
def test_counts_outside_ones_right_are_refused_and_nothing_is_written(
    seeded_engine: Engine, actor: Actor, code: int
) -> None:
    version = data_version(seeded_engine)
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        add_count(
            seeded_engine,
            actor=actor,
            municipality_code=code,
            count_date=date(2026, 1, 1),
            helpers=5,
        )
    with pytest.raises(PermissionDenied):
        add_activity(
            seeded_engine,
            actor=actor,
            municipality_code=code,
            activity_date=date(2026, 1, 1),
            kind="borgermøde",
            place="Rådhuset",
            sign_ups=3,
        )
    with Session(seeded_engine) as session:
        assert session.exec(select(func.count()).select_from(HelperCount)).one() == 0
        assert session.exec(select(func.count()).select_from(RecruitmentActivity)).one() == 0
    assert data_version(seeded_engine) == version


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"helpers": -1}, "Nabohjælpere: -1 er negativ"),
        ({"helpers": 5, "nabovenner": -2}, "Nabovenner: -2 er negativ"),
        ({"helpers": 3_000_000_000}, "er for stort et antal"),
        ({"helpers": 10**23}, "er for stort et antal"),
        ({"helpers": 5, "count_date": date(2027, 1, 1)}, "fremtiden"),
    ],
)
def test_bad_counts_are_refused_in_danish(
    seeded_engine: Engine, kwargs: dict, message: str
) -> None:
    arguments = {"actor": ADMIN, "municipality_code": 183, "count_date": date(2026, 1, 1), **kwargs}
    with pytest.raises(ValidationFailed, match=message):
        add_count(seeded_engine, **arguments)


def test_activities_and_sign_ups_by_kind(seeded_engine: Engine) -> None:
    for kind, sign_ups in [("nabo-til-nabo", 30), ("nabo-til-nabo", 40), ("borgermøde", 12)]:
        add_activity(
            seeded_engine,
            actor=POLICE,
            municipality_code=183,
            activity_date=date(2026, 3, 1),
            kind=kind,
            place="Ishøj Bycenter",
            sign_ups=sign_ups,
        )
    frame = activities(seeded_engine, viewer=READER, codes=[183])
    assert len(frame) == 3 and set(frame["name"]) == {"Ishøj"}
    kinds = sign_ups_by_kind(seeded_engine, viewer=READER, codes=[183]).set_index("kind")
    assert kinds.loc["nabo-til-nabo", "activities"] == 2
    assert kinds.loc["nabo-til-nabo", "sign_ups"] == 70
    assert kinds.loc["nabo-til-nabo", "per_activity"] == 35
    assert kinds.index[0] == "nabo-til-nabo"  # what works best comes first
    with pytest.raises(ValidationFailed, match="Ukendt aktivitetstype"):
        add_activity(
            seeded_engine,
            actor=ADMIN,
            municipality_code=183,
            activity_date=date(2026, 3, 1),
            kind="dørklokke",
            place="x",
            sign_ups=1,
        )


def test_partnership_helper_goals_come_from_the_announcements(seeded_engine: Engine) -> None:
    with Session(seeded_engine) as session:
        solrod = session.exec(
            select(Goal).where(col(Goal.scope_code) == 269, col(Goal.indicator) == "helpers")
        ).one()
        allerod = session.exec(
            select(Goal).where(col(Goal.scope_code) == 201, col(Goal.indicator) == "helpers")
        ).one()
    assert (solrod.target_unit, solrod.target, solrod.baseline_year) == ("increase", 1275, 2020)
    assert (allerod.target_unit, allerod.target) == ("household_share", 0.6)
    assert solrod.target_year_is_default


def test_status_document_for_helpers_against_an_increase_target(seeded_engine: Engine) -> None:
    # Solrød: 1.275 new helpers on top of the count at the end of 2020
    for day, helpers in [
        (date(2020, 12, 1), 2000),
        (date(2025, 12, 1), 2900),
        (date(2026, 6, 1), 3000),
        (date(2026, 11, 1), 3100),
    ]:
        add_count(
            seeded_engine, actor=ADMIN, municipality_code=269, count_date=day, helpers=helpers
        )
    document = helpers_document(seeded_engine, viewer=READER, code=269)
    assert document is not None
    assert document["latest"] == 3100
    assert document["as_of"] == "2026-11-01"
    assert document["target"] == 3275
    assert document["status"] in {
        "on_track",
        "insufficient_evidence",
        "needs_acceleration",
        "off_track",
    }
    assert helpers_document(seeded_engine, viewer=READER, code=183) is None  # no counts: null
