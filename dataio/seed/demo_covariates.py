"""Deterministic demo age structure ("Eksempeldata") for every municipality: population, the
15-24-year-olds and the 65+, the covariates of the expected-burglaries model.

Plausible, not real: larger municipalities are younger (the university towns most of all), small
and island municipalities older, and everyone ages a little each year (Denmark's 65+ share went
from about 16 % in 2007 to about 20 % in the 2020s)."""

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import delete, insert
from sqlmodel import Session, col, func, select

from models.domain import SourceKind
from models.tables import AgeStructureYear, DataSource

FIRST_YEAR = 2007
SEED = 2024
PERSONS_PER_HOUSEHOLD = 2.1
UNIVERSITY_TOWNS = {101: 0.05, 751: 0.06, 461: 0.05, 851: 0.05, 147: 0.03}  # extra 15-24 share


def build_demo_age_structure(*, municipalities: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """municipality_code, year, population, aged_15_24, aged_65_plus for 2007..last_year."""
    rng = np.random.default_rng(SEED)
    codes = municipalities["code"].to_numpy(int)
    households = municipalities["households"].to_numpy(float)
    size = np.log(households) - np.log(20_000)  # 0 for a typical municipality
    young = 0.115 + 0.012 * size + rng.normal(0, 0.006, len(codes))
    young += np.array([UNIVERSITY_TOWNS.get(int(c), 0.0) for c in codes])
    old = 0.215 - 0.03 * size + rng.normal(0, 0.015, len(codes))
    persons = households * PERSONS_PER_HOUSEHOLD * rng.lognormal(0, 0.05, len(codes))
    rows = []
    for year in range(FIRST_YEAR, last_year + 1):
        ageing = 0.003 * (year - 2016)  # the 65+ share grows about 0.3 points a year
        population = np.round(persons * (1 + 0.003 * (year - 2016)))
        rows.append(
            pd.DataFrame(
                {
                    "municipality_code": codes,
                    "year": year,
                    "population": population.astype(int),
                    "aged_15_24": np.round(population * np.clip(young, 0.06, 0.25)).astype(int),
                    "aged_65_plus": np.round(population * np.clip(old + ageing, 0.08, 0.40)).astype(
                        int
                    ),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def has_age_structure(session: Session) -> bool:
    """Whether any age structure (real or demo) is stored."""
    return bool(session.exec(select(func.count()).select_from(AgeStructureYear)).one())


def write_demo_age_structure(session: Session, *, municipalities: pd.DataFrame, today: date) -> int:
    """Replace the demo age structure; municipalities with real (imported) rows get none."""
    real = set(
        session.exec(
            select(AgeStructureYear.municipality_code)
            .where(~col(AgeStructureYear.is_demo))
            .distinct()
        ).all()
    )
    frame = build_demo_age_structure(municipalities=municipalities, last_year=today.year)
    frame = frame[~frame["municipality_code"].isin(real)]
    source = DataSource(
        name="Eksempeldata (botrygt demo)",
        kind=SourceKind.DEMO,
        dataset="age_structure_year",
        description="Genereret befolkning og aldersfordeling (15-24 år, 65+) pr. kommune",
        periods=f"{FIRST_YEAR}-{today.year}",
        rows=len(frame),
        as_of=today,
        loaded_at=datetime.now(UTC),
        loaded_by="botrygt demo",
        is_demo=True,
    )
    session.add(source)
    session.flush()
    session.execute(delete(AgeStructureYear).where(col(AgeStructureYear.is_demo)))
    records = frame.assign(is_demo=True, source_id=source.id).to_dict("records")
    session.execute(insert(AgeStructureYear), records)
    return len(records)
