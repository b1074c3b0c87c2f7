"""Initialisation, reference data, demo data and status, on SQLite and PostgreSQL alike."""

from datetime import date
from typing import NoReturn

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, col, func, select

from dataio.errors import UnknownMunicipality
from dataio.seed.init import initialise, regenerate_demo
from dataio.status_document import status_document
from dataio.store.areas import municipality_table
from dataio.store.burglaries import municipality_overview, national_annual_sums, national_overview
from dataio.store.goals import goal_table
from models.tables import BurglaryQuarter, DataSource, Goal, HouseholdYear, Municipality

TODAY = date(2026, 11, 23)


def count_rows(engine: Engine, table: type[SQLModel]) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_initialise_loads_reference_data_idempotently(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    initialise(engine, demo=False, today=TODAY)
    areas = municipality_table(engine)
    assert len(areas) == 99  # 98 municipalities and Christiansø
    assert areas["is_municipality"].astype(bool).sum() == 98
    assert areas["police_district"].nunique() == 12
    assert areas.set_index("code").loc[183, "police_district"] == "Københavns Vestegns Politi"
    assert count_rows(engine, BurglaryQuarter) == 0
    assert count_rows(engine, HouseholdYear) == 99
    goals = goal_table(engine)
    assert len(goals[goals["scope_kind"] == "national"]) == 2
    assert count_rows(engine, Goal) == len(goals)


def test_administrator_goal_edits_survive_a_new_init(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    with Session(engine) as session:
        goal = session.exec(
            select(Goal).where(col(Goal.scope_code).is_(None), col(Goal.indicator) == "burglaries")
        ).one()
        goal.target_year, goal.target_year_is_default = 2035, False
        session.add(goal)
        session.commit()
    initialise(engine, demo=False, today=TODAY)
    overview = national_overview(engine)
    assert overview.assessment.goal is not None
    assert overview.assessment.goal.target_year == 2035


def test_demo_fills_an_empty_database_once(engine: Engine) -> None:
    first = initialise(engine, demo=True, today=TODAY)
    second = initialise(engine, demo=True, today=TODAY)
    assert first.demo_rows == 98 * (19 * 4 + 3)  # 2007K1..2025K4 and 2026K1-K3
    assert second.demo_rows == 0
    assert first.demo_other_rows > 98 * 12 * 7  # monthly helper counts since 2019, and more
    assert second.demo_other_rows == 0
    sums = national_annual_sums(engine).set_index("year")
    assert sums.loc[2023, "count"] == 14844 and sums.loc[2023, "quarters"] == 4
    assert sums.loc[2026, "quarters"] == 3
    with Session(engine) as session:
        sources = session.exec(select(DataSource).where(DataSource.is_demo)).all()
        assert [s.rows for s in sources if s.dataset == "burglary_quarter"] == [first.demo_rows]
        assert {s.dataset for s in sources} == {
            "age_structure_year",
            "burglary_quarter",
            "incident",  # the police's demo extract for Ishøj
            "helper_count",
            "survey_round",
            "national_survey_year",
            "offence_quarter",  # demo business burglaries (dataio.offences.demo)
        }


def test_regenerating_demo_replaces_rather_than_adds(engine: Engine) -> None:
    initialise(engine, demo=True, today=TODAY)
    before = count_rows(engine, BurglaryQuarter)
    regenerate_demo(engine, today=TODAY)
    assert count_rows(engine, BurglaryQuarter) == before


def test_national_status_document(engine: Engine) -> None:
    initialise(engine, demo=True, today=TODAY)
    document = status_document(national_overview(engine))
    assert document["scope"] == {"kind": "national", "code": None, "name": "Danmark"}
    burglaries = document["burglaries"]
    assert burglaries["latest_year"] == 2025
    assert burglaries["goal"]["baseline"] == 29000 and burglaries["goal"]["target"] == 10000
    assert burglaries["goal"]["baseline_year"] == 2017 and burglaries["goal"]["target_year"] == 2030
    # 29000 - 19000 * 8/13 = 17307.7
    assert burglaries["required_for_latest_year"] == 17308
    assert burglaries["status"] in {
        "on_track",
        "needs_acceleration",
        "off_track",
        "insufficient_evidence",
    }
    assert document["data"]["demo"] is True
    assert any(s["name"].startswith("Eksempeldata") for s in document["data"]["sources"])


def test_municipality_status_matches_its_quarters(engine: Engine) -> None:
    initialise(engine, demo=True, today=TODAY)
    with Session(engine) as session:
        quarters = session.exec(
            select(BurglaryQuarter).where(
                BurglaryQuarter.municipality_code == 183, BurglaryQuarter.year == 2025
            )
        ).all()
        ishoj = session.get(Municipality, 183)
    assert ishoj is not None
    document = status_document(municipality_overview(engine, code=183))
    assert document["scope"] == {"kind": "municipality", "code": 183, "name": "Ishøj"}
    assert document["burglaries"]["count"] == sum(q.count for q in quarters)
    assert document["burglaries"]["goal"]["inherited_from_national"] is True
    assert document["burglaries"]["per_1000_households"] > 0


def test_partnership_goal_from_announcement(engine: Engine) -> None:
    initialise(engine, demo=True, today=TODAY)
    overview = municipality_overview(engine, code=223)  # Hørsholm: "under 85 per year" from 2021-01
    goal = overview.assessment.goal
    assert goal is not None
    assert (goal.target, goal.baseline_year, goal.inherited_from_national) == (85.0, 2020, False)


def test_unknown_municipality_is_a_domain_error(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    with pytest.raises(UnknownMunicipality, match="Ukendt kommunekode: 999"):
        municipality_overview(engine, code=999)


def test_failed_initialise_writes_nothing(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("midway failure")

    monkeypatch.setattr("dataio.seed.init.write_demo", broken)
    with pytest.raises(RuntimeError):
        initialise(engine, demo=True, today=TODAY)
    assert count_rows(engine, Municipality) == 0  # reference rows rolled back with the failed demo


def test_a_year_ending_in_a_provisional_quarter_says_so(engine: Engine) -> None:
    initialise(engine, demo=True, today=date(2027, 2, 10))  # the latest full quarter is 2026K4
    for overview in (national_overview(engine), municipality_overview(engine, code=183)):
        document = status_document(overview)
        assert document["burglaries"]["latest_year"] == 2026
        assert document["burglaries"]["latest_year_provisional"] is True


def test_a_settled_year_is_not_provisional(engine: Engine) -> None:
    initialise(engine, demo=True, today=TODAY)  # latest quarter 2026K3: 2025 is settled
    assert (
        status_document(municipality_overview(engine, code=183))["burglaries"][
            "latest_year_provisional"
        ]
        is False
    )
