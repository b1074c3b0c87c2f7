"""The demo age structure: deterministic, plausible, for every municipality, labelled as demo."""

from datetime import date

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.seed.demo_covariates import build_demo_age_structure
from dataio.seed.init import initialise
from dataio.store.areas import municipality_table
from models.tables import AgeStructureYear, DataSource


def municipalities() -> pd.DataFrame:
    return pd.DataFrame(
        {"code": [101, 183, 400, 751, 825], "households": [350_000, 9_000, 19_000, 160_000, 1_000]}
    )


def test_generated_age_structure_is_deterministic_and_plausible() -> None:
    first = build_demo_age_structure(municipalities=municipalities(), last_year=2025)
    second = build_demo_age_structure(municipalities=municipalities(), last_year=2025)
    pd.testing.assert_frame_equal(first, second)
    assert set(first["year"]) == set(range(2007, 2026))
    young = first["aged_15_24"] / first["population"]
    old = first["aged_65_plus"] / first["population"]
    assert young.between(0.06, 0.25).all() and old.between(0.08, 0.40).all()
    latest = first[first["year"] == 2025].set_index("municipality_code")
    # Aarhus (a university town) is younger than Læsø (825), a small island
    assert latest.at[751, "aged_15_24"] / latest.at[751, "population"] > 0.14
    assert latest.at[825, "aged_65_plus"] / latest.at[825, "population"] > 0.25
    # everyone ages: the 65+ share grows over the years
    old_by_year = first.assign(old=old).groupby("year")["old"].mean()
    assert old_by_year[2025] > old_by_year[2007]


def test_demo_init_writes_an_age_structure_for_every_municipality(engine: Engine) -> None:
    initialise(engine, demo=True, today=date(2026, 12, 2))
    areas = municipality_table(engine)
    codes = set(areas.loc[areas["is_municipality"].astype(bool), "code"].astype(int))
    with Session(engine) as session:
        rows = session.exec(
            select(AgeStructureYear).where(col(AgeStructureYear.year) == 2026)
        ).all()
        assert {row.municipality_code for row in rows} == codes
        assert all(row.is_demo for row in rows)
        source = session.get(DataSource, rows[0].source_id)
        assert source is not None and source.is_demo and source.name.startswith("Eksempeldata")
