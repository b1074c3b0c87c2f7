"""Read queries: each returns a DataFrame, aggregated in the database where it can be."""

import pandas as pd
from sqlalchemy import Engine, case, func, select
from sqlalchemy.sql import Select
from sqlmodel import Session

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


def read_frame(con: Connectable, statement: Select) -> pd.DataFrame:  # type: ignore[type-arg]
    """Run a select on an engine, or inside a session's open transaction."""
    connection = con.connection() if isinstance(con, Session) else con
    return pd.read_sql(statement, connection)


def municipality_table(con: Connectable) -> pd.DataFrame:
    """All areas with region and police district names, sorted by name."""
    statement = (
        select(
            Municipality.code,
            Municipality.name,
            Municipality.dagi_code,
            Municipality.lat,
            Municipality.lon,
            Municipality.is_municipality,
            Municipality.police_district_number,
            PoliceDistrict.name.label("police_district"),
            Region.name.label("region"),
        )
        .join(PoliceDistrict, PoliceDistrict.number == Municipality.police_district_number)
        .join(Region, Region.code == Municipality.region_code)
        .order_by(Municipality.name)
    )
    return read_frame(con, statement)


def household_table(con: Connectable) -> pd.DataFrame:
    """Households per municipality and year, with whether the figure is approximate."""
    statement = select(
        HouseholdYear.municipality_code.label("code"),
        HouseholdYear.year,
        HouseholdYear.households,
        HouseholdYear.population,
        HouseholdYear.approximate,
    ).order_by(HouseholdYear.municipality_code, HouseholdYear.year)
    return read_frame(con, statement)


def partnership_table(con: Connectable) -> pd.DataFrame:
    """Partnership municipalities with their announced targets and start year."""
    statement = select(
        Partnership.municipality_code.label("code"),
        Partnership.partner_since,
        Partnership.start_date,
        Partnership.burglary_target_text,
        Partnership.helper_target_text,
    )
    frame = read_frame(con, statement)
    frame["start_year"] = pd.to_datetime(frame["start_date"]).dt.year
    return frame


def municipality_quarters(con: Connectable, *, code: int) -> pd.DataFrame:
    """One municipality's quarterly burglaries in period order."""
    statement = (
        select(
            BurglaryQuarter.period,
            BurglaryQuarter.year,
            BurglaryQuarter.quarter,
            BurglaryQuarter.count,
            BurglaryQuarter.provisional,
            BurglaryQuarter.is_demo,
        )
        .where(BurglaryQuarter.municipality_code == code)
        .order_by(BurglaryQuarter.year, BurglaryQuarter.quarter)
    )
    return read_frame(con, statement)


def _any(column):  # type: ignore[no-untyped-def]
    """True if any row in the group is true (portable across SQLite and PostgreSQL)."""
    return func.max(case((column, 1), else_=0)) == 1


def national_quarters(con: Connectable) -> pd.DataFrame:
    """The sum over municipalities per quarter."""
    statement = (
        select(
            BurglaryQuarter.period,
            BurglaryQuarter.year,
            BurglaryQuarter.quarter,
            func.sum(BurglaryQuarter.count).label("count"),
            _any(BurglaryQuarter.provisional).label("provisional"),
            _any(BurglaryQuarter.is_demo).label("is_demo"),
        )
        .group_by(BurglaryQuarter.period, BurglaryQuarter.year, BurglaryQuarter.quarter)
        .order_by(BurglaryQuarter.year, BurglaryQuarter.quarter)
    )
    return read_frame(con, statement)


def annual_by_municipality(con: Connectable) -> pd.DataFrame:
    """Per municipality and year: the count, how many quarters it covers, and whether any is demo."""
    statement = select(
        BurglaryQuarter.municipality_code.label("code"),
        BurglaryQuarter.year,
        func.sum(BurglaryQuarter.count).label("count"),
        func.count().label("quarters"),
        _any(BurglaryQuarter.is_demo).label("is_demo"),
        _any(BurglaryQuarter.provisional).label("provisional"),
    ).group_by(BurglaryQuarter.municipality_code, BurglaryQuarter.year)
    return read_frame(con, statement)


def national_reference_years(con: Connectable) -> pd.DataFrame:
    """The national annual series as recorded (reference or imported), with quality flags."""
    statement = select(
        NationalBurglaryYear.year,
        NationalBurglaryYear.count,
        NationalBurglaryYear.quality,
        NationalBurglaryYear.note,
    ).order_by(NationalBurglaryYear.year)
    return read_frame(con, statement)


def goal_table(con: Connectable) -> pd.DataFrame:
    """All goals as stored."""
    return read_frame(con, select(Goal))  # type: ignore[arg-type]


def source_table(con: Connectable) -> pd.DataFrame:
    """Every recorded batch of data, newest first."""
    return read_frame(con, select(DataSource).order_by(DataSource.loaded_at.desc()))  # type: ignore[arg-type, attr-defined]


def national_annual_sums(con: Connectable) -> pd.DataFrame:
    """Sum over municipalities per year, with how many distinct quarters the year covers."""
    statement = select(
        BurglaryQuarter.year,
        func.sum(BurglaryQuarter.count).label("count"),
        func.count(BurglaryQuarter.period.distinct()).label("quarters"),
        _any(BurglaryQuarter.is_demo).label("is_demo"),
    ).group_by(BurglaryQuarter.year)
    return read_frame(con, statement).sort_values("year", ignore_index=True)


def sources_of_burglaries(con: Connectable, *, code: int | None) -> pd.DataFrame:
    """The data sources behind a municipality's (or all) quarterly counts."""
    used = select(BurglaryQuarter.source_id).distinct()
    if code is not None:
        used = used.where(BurglaryQuarter.municipality_code == code)
    statement = select(DataSource.id, DataSource.name, DataSource.as_of, DataSource.is_demo).where(
        DataSource.id.in_(used)  # type: ignore[union-attr]
    )
    return read_frame(con, statement)


def source_by_dataset(con: Connectable, *, dataset: str) -> pd.DataFrame:
    """The newest data_source row for a shipped or imported dataset."""
    statement = (
        select(DataSource.id, DataSource.name, DataSource.as_of, DataSource.is_demo)
        .where(DataSource.dataset == dataset)
        .order_by(DataSource.loaded_at.desc())  # type: ignore[attr-defined]
        .limit(1)
    )
    return read_frame(con, statement)


def find_goal(con: Connectable, *, indicator: str, code: int | None) -> Goal | None:
    """The goal for a scope (national when code is None), as a detached Goal object."""
    query = select(Goal).where(Goal.indicator == indicator)
    query = query.where(Goal.scope_code == code) if code is not None else query.where(Goal.scope_code.is_(None))  # type: ignore[union-attr]
    if isinstance(con, Session):
        return con.execute(query).scalars().first()
    with Session(con) as session:
        row = session.execute(query).scalars().first()
        if row is not None:
            session.expunge(row)
        return row


def municipal_goals(con: Connectable, *, indicator: str) -> dict[int, Goal]:
    """Every municipality's own goal for an indicator, by municipality code (detached objects)."""
    query = select(Goal).where(Goal.indicator == indicator, Goal.scope_code.is_not(None))  # type: ignore[union-attr]
    if isinstance(con, Session):
        return {g.scope_code: g for g in con.execute(query).scalars()}  # type: ignore[misc]
    with Session(con) as session:
        goals = list(session.execute(query).scalars())
        session.expunge_all()
    return {g.scope_code: g for g in goals}  # type: ignore[misc]
