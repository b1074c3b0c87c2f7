"""Areas: municipalities with their police district and region, households, partnerships."""

from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.sql import Select
from sqlmodel import col

from dataio.db.frames import Connectable, read_frame
from models.tables import (
    HouseholdYear,
    Municipality,
    Partnership,
    PoliceDistrict,
    Region,
)


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


def latest_households(con: Connectable) -> pd.DataFrame:
    """Each municipality's newest household figure, indexed by code (households, approximate, year)."""
    rows = household_table(con)
    return rows.sort_values("year").groupby("code").last()[["households", "approximate", "year"]]


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
