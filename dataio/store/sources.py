"""Provenance: the recorded batches of data (shipped, imported, fetched, demo)."""

import pandas as pd
from sqlalchemy import select
from sqlmodel import col

from dataio.db.frames import Connectable, read_frame
from models.tables import (
    BurglaryQuarter,
    DataSource,
)


def source_table(con: Connectable) -> pd.DataFrame:
    """Every recorded batch of data, newest first."""
    return read_frame(con, select(DataSource).order_by(col(DataSource.loaded_at).desc()))


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
