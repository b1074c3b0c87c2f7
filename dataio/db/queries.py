"""Read queries: each returns a DataFrame, aggregated in the database where it can be."""

from typing import Any

import pandas as pd
from sqlalchemy import Engine, case, func, select
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from models.tables import (
    BurglaryQuarter,
    DataSource,
    Goal,
    HouseholdYear,
    Municipality,
    NationalBurglaryYear,
    Partnership,
    PoliceDistrict,
    Region,
)

Connectable = Engine | Session


def read_frame(con: Connectable, statement: Select[*tuple[Any, ...]]) -> pd.DataFrame:
    """Run a select on an engine, or inside a session's open transaction."""
    connection = con.connection() if isinstance(con, Session) else con
    return pd.read_sql(statement, connection)


def municipality_table(con: Connectable) -> pd.DataFrame:
    """All areas with region and police district names, sorted by name."""
    statement: Select[*tuple[Any, ...]] = (
        select(
            col(Municipality.code),
            col(Municipality.name),
            col(Municipality.dagi_code),
            col(Municipality.lat),
            col(Municipality.lon),
            col(Municipality.is_municipality),
            col(Municipality.police_district_number),
            col(PoliceDistrict.name).label("police_district"),
            col(Region.name).label("region"),
        )
        .join(
            PoliceDistrict, col(PoliceDistrict.number) == col(Municipality.police_district_number)
        )
        .join(Region, col(Region.code) == col(Municipality.region_code))
        .order_by(col(Municipality.name))
    )
    return read_frame(con, statement)


def household_table(con: Connectable) -> pd.DataFrame:
    """Households per municipality and year, with whether the figure is approximate."""
    statement: Select[*tuple[Any, ...]] = select(
        col(HouseholdYear.municipality_code).label("code"),
        col(HouseholdYear.year),
        col(HouseholdYear.households),
        col(HouseholdYear.population),
        col(HouseholdYear.approximate),
    ).order_by(col(HouseholdYear.municipality_code), col(HouseholdYear.year))
    return read_frame(con, statement)


def partnership_table(con: Connectable) -> pd.DataFrame:
    """Partnership municipalities with their announced targets and start year."""
    statement: Select[*tuple[Any, ...]] = select(
        col(Partnership.municipality_code).label("code"),
        col(Partnership.partner_since),
        col(Partnership.start_date),
        col(Partnership.burglary_target_text),
        col(Partnership.helper_target_text),
    )
    frame = read_frame(con, statement)
    frame["start_year"] = pd.to_datetime(frame["start_date"]).dt.year
    return frame


def municipality_quarters(con: Connectable, *, code: int) -> pd.DataFrame:
    """One municipality's quarterly burglaries in period order."""
    statement = (
        select(
            col(BurglaryQuarter.period),
            col(BurglaryQuarter.year),
            col(BurglaryQuarter.quarter),
            col(BurglaryQuarter.count),
            col(BurglaryQuarter.provisional),
            col(BurglaryQuarter.is_demo),
        )
        .where(col(BurglaryQuarter.municipality_code) == code)
        .order_by(col(BurglaryQuarter.year), col(BurglaryQuarter.quarter))
    )
    return read_frame(con, statement)


def _any(column):
    """True if any row in the group is true (portable across SQLite and PostgreSQL)."""
    return func.max(case((column, 1), else_=0)) == 1


def national_quarters(con: Connectable) -> pd.DataFrame:
    """The sum over municipalities per quarter."""
    statement = (
        select(
            col(BurglaryQuarter.period),
            col(BurglaryQuarter.year),
            col(BurglaryQuarter.quarter),
            func.sum(col(BurglaryQuarter.count)).label("count"),
            _any(col(BurglaryQuarter.provisional)).label("provisional"),
            _any(col(BurglaryQuarter.is_demo)).label("is_demo"),
        )
        .group_by(
            col(BurglaryQuarter.period), col(BurglaryQuarter.year), col(BurglaryQuarter.quarter)
        )
        .order_by(col(BurglaryQuarter.year), col(BurglaryQuarter.quarter))
    )
    return read_frame(con, statement)


def annual_by_municipality(con: Connectable) -> pd.DataFrame:
    """Per municipality and year: the count, how many quarters it covers, and whether any is demo."""
    statement = select(
        col(BurglaryQuarter.municipality_code).label("code"),
        col(BurglaryQuarter.year),
        func.sum(col(BurglaryQuarter.count)).label("count"),
        func.count().label("quarters"),
        _any(col(BurglaryQuarter.is_demo)).label("is_demo"),
        _any(col(BurglaryQuarter.provisional)).label("provisional"),
    ).group_by(col(BurglaryQuarter.municipality_code), col(BurglaryQuarter.year))
    return read_frame(con, statement)


def national_reference_years(con: Connectable) -> pd.DataFrame:
    """The national annual series as recorded (reference or imported), with quality flags."""
    statement = select(
        col(NationalBurglaryYear.year),
        col(NationalBurglaryYear.count),
        col(NationalBurglaryYear.quality),
        col(NationalBurglaryYear.note),
    ).order_by(col(NationalBurglaryYear.year))
    return read_frame(con, statement)


def goal_table(con: Connectable) -> pd.DataFrame:
    """All goals as stored."""
    return read_frame(con, select(Goal))


def national_annual_sums(con: Connectable) -> pd.DataFrame:
    """Sum over municipalities per year, with how many distinct quarters the year covers."""
    statement = select(
        col(BurglaryQuarter.year),
        func.sum(col(BurglaryQuarter.count)).label("count"),
        func.count(col(BurglaryQuarter.period).distinct()).label("quarters"),
        _any(col(BurglaryQuarter.is_demo)).label("is_demo"),
        _any(col(BurglaryQuarter.provisional)).label("provisional"),
    ).group_by(col(BurglaryQuarter.year))
    return read_frame(con, statement).sort_values("year", ignore_index=True)


def sources_of_burglaries(con: Connectable, *, code: int | None) -> pd.DataFrame:
    """The data sources behind a municipality's (or all) quarterly counts."""
    used = select(col(BurglaryQuarter.source_id)).distinct()
    if code is not None:
        used = used.where(col(BurglaryQuarter.municipality_code) == code)
    statement = select(
        col(DataSource.id), col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo)
    ).where(col(DataSource.id).in_(used))
    return read_frame(con, statement)


def source_by_dataset(con: Connectable, *, dataset: str) -> pd.DataFrame:
    """The newest data_source row for a shipped or imported dataset."""
    statement = (
        select(
            col(DataSource.id), col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo)
        )
        .where(col(DataSource.dataset) == dataset)
        .order_by(col(DataSource.loaded_at).desc())
        .limit(1)
    )
    return read_frame(con, statement)


def find_goal(con: Connectable, *, indicator: str, code: int | None) -> Goal | None:
    """The goal for a scope (national when code is None), as a detached Goal object."""
    query = select(Goal).where(col(Goal.indicator) == indicator)
    query = (
        query.where(col(Goal.scope_code) == code)
        if code is not None
        else query.where(col(Goal.scope_code).is_(None))
    )
    if isinstance(con, Session):
        return con.execute(query).scalars().first()
    with Session(con) as session:
        row = session.execute(query).scalars().first()
        if row is not None:
            session.expunge(row)
        return row


def municipal_goals(con: Connectable, *, indicator: str) -> dict[int, Goal]:
    """Every municipality's own goal for an indicator, by municipality code (detached objects)."""
    query = select(Goal).where(col(Goal.indicator) == indicator, col(Goal.scope_code).is_not(None))
    if isinstance(con, Session):
        return {g.scope_code: g for g in con.execute(query).scalars()}
    with Session(con) as session:
        goals = list(session.execute(query).scalars())
        session.expunge_all()
    return {g.scope_code: g for g in goals}
