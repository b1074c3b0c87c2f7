"""Expected versus actual read from the database, on a hand-made world whose answer is known.

Every municipality's yearly burglaries are exactly its households times a rate that depends on its
age structure (no noise, the Poisson boundary), split over four quarters; Ishøj (183) has 0.4 times
and Gentofte (157) 2 times its expectation. 2024 has four quarters, the last provisional, so the
latest usable year is 2023. SQLite and PostgreSQL alike (the seeded_engine fixture).
"""

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine, insert, update
from sqlmodel import col

from dataio.db.engine import transaction
from dataio.status_document import scope_status_document
from dataio.store.areas import latest_households, municipality_table
from dataio.store.expected import (
    COVARIATE_LABELS,
    COVARIATES,
    FIELDS,
    ExpectedRow,
    expected_document,
    expected_for,
    expected_model,
    expected_table,
    expected_view,
    latest_model_year,
)
from models.domain import SourceKind
from models.expected import ExpectedRefused, ExpectedStatus
from models.permissions import Actor, Role
from models.tables import AgeStructureYear, BurglaryQuarter, DataSource

ISHOJ, GENTOFTE = 183, 157
FACTORS = {ISHOJ: 0.4, GENTOFTE: 2.0}
YEARS = (2022, 2023, 2024)
SLOPES = {"share_15_24": 3.0, "share_65_plus": -2.0}


def _source(session, *, demo: bool, dataset: str) -> int:
    source = DataSource(
        name="Håndlavet verden (test)",
        kind=SourceKind.DEMO if demo else SourceKind.FILE,
        dataset=dataset,
        as_of=date(2026, 1, 1),
        loaded_at=datetime.now(UTC),
        loaded_by="test",
        is_demo=demo,
    )
    session.add(source)
    session.flush()
    return source.id or 0


def world(engine: Engine) -> pd.DataFrame:
    """Age structure and quarters for every municipality; returns code, truth (per year)."""
    areas = municipality_table(engine)
    codes = sorted(int(c) for c in areas.loc[areas["is_municipality"].astype(bool), "code"])
    households = latest_households(engine)["households"].astype(float)
    rng = np.random.default_rng(7)
    young = rng.uniform(0.10, 0.16, len(codes))
    old = rng.uniform(0.15, 0.30, len(codes))
    hh = households.reindex(codes).to_numpy(float)
    truth = hh * np.exp(
        np.log(0.004)
        + SLOPES["share_15_24"] * (young - young.mean())
        + SLOPES["share_65_plus"] * (old - old.mean())
    )
    frame = pd.DataFrame({"code": codes, "truth": truth, "young": young, "old": old})
    now = datetime.now(UTC)
    with transaction(engine) as session:
        ages = _source(session, demo=False, dataset="FOLK1A")
        counts = _source(session, demo=False, dataset="STRAF11")
        age_rows, quarter_rows = [], []
        for row in frame.itertuples():
            population = 100_000
            age_rows += [
                {
                    "municipality_code": row.code,
                    "year": year,
                    "population": population,
                    "aged_15_24": round(population * row.young),
                    "aged_65_plus": round(population * row.old),
                    "is_demo": False,
                    "source_id": ages,
                }
                for year in YEARS
            ]
            annual = round(row.truth * FACTORS.get(row.code, 1.0))
            split = [annual // 4 + (1 if q < annual % 4 else 0) for q in range(4)]
            quarter_rows += [
                {
                    "municipality_code": row.code,
                    "period": f"{year}K{q + 1}",
                    "year": year,
                    "quarter": q + 1,
                    "count": split[q] + (50 if year == 2024 else 0),
                    "provisional": (year, q) == (2024, 3),
                    "is_demo": False,
                    "source_id": counts,
                    "imported_at": now,
                }
                for year in YEARS
                for q in range(4)
            ]
        session.execute(insert(AgeStructureYear), age_rows)
        session.execute(insert(BurglaryQuarter), quarter_rows)
    return frame


def test_the_latest_complete_year_is_used_and_the_planted_ones_stand_out(
    seeded_engine: Engine,
) -> None:
    truth = world(seeded_engine).set_index("code")["truth"]
    assert latest_model_year(seeded_engine) == 2023  # 2024's last quarter is provisional
    table = expected_table(seeded_engine)
    assert list(table.columns) == FIELDS
    assert len(table) == len(truth) and (table["year"] == 2023).all()
    ishoj = expected_for(seeded_engine, code=ISHOJ)
    gentofte = expected_for(seeded_engine, code=GENTOFTE)
    assert isinstance(ishoj, ExpectedRow) and isinstance(gentofte, ExpectedRow)
    assert (ishoj.name, ishoj.status, ishoj.rank, ishoj.demo) == (
        "Ishøj",
        ExpectedStatus.BELOW,
        1,
        False,
    )
    assert ishoj.expected == pytest.approx(truth[ISHOJ], rel=0.03)
    assert ishoj.ratio == pytest.approx(0.4, rel=0.05)
    assert ishoj.low <= ishoj.expected <= ishoj.high
    assert gentofte.status == ExpectedStatus.ABOVE and gentofte.rank == len(table)
    others = table[~table["code"].isin(FACTORS)]
    assert (others["status"] == ExpectedStatus.AS_EXPECTED).all()
    assert sorted(table["rank"]) == list(range(1, len(table) + 1))


def test_the_model_shows_its_coefficients(seeded_engine: Engine) -> None:
    world(seeded_engine)
    model = expected_model(seeded_engine)
    assert model.year == 2023 and not model.demo and model.municipalities == 98
    names = [c.name for c in model.coefficients]
    assert names == ["intercept", *COVARIATES] and set(names) <= set(COVARIATE_LABELS)
    by_name = {c.name: c for c in model.coefficients}
    for name, slope in SLOPES.items():
        # the planted two pull a little, but the truth stays inside the 95 % interval
        assert by_name[name].low < slope < by_name[name].high


def test_an_earlier_year_can_be_asked_for(seeded_engine: Engine) -> None:
    world(seeded_engine)
    assert (expected_table(seeded_engine, year=2022)["year"] == 2022).all()
    # the provisional year is never complete: no municipality has it, so the model refuses
    with pytest.raises(ExpectedRefused, match="For få kommuner"):
        expected_table(seeded_engine, year=2024)


def test_demo_covariates_mark_the_rows_that_use_them(seeded_engine: Engine) -> None:
    world(seeded_engine)
    with transaction(seeded_engine) as session:
        session.execute(
            update(AgeStructureYear)
            .where(col(AgeStructureYear.municipality_code) == ISHOJ)
            .values(is_demo=True)
        )
    table = expected_table(seeded_engine).set_index("code")
    assert table.at[ISHOJ, "demo"] and not table.drop(index=ISHOJ)["demo"].any()
    assert expected_model(seeded_engine).demo


def test_without_age_structure_nothing_is_computed(seeded_engine: Engine) -> None:
    assert latest_model_year(seeded_engine) is None
    with pytest.raises(ExpectedRefused, match="Ingen forventning endnu"):
        expected_table(seeded_engine)
    assert expected_for(seeded_engine, code=ISHOJ) is None
    assert expected_document(seeded_engine, code=ISHOJ) is None


def test_status_json_has_the_expected_key(seeded_engine: Engine) -> None:
    world(seeded_engine)
    viewer = Actor("test-admin", Role.ADMIN)
    document = scope_status_document(seeded_engine, viewer=viewer, code=ISHOJ, today=date.today())
    expected = document["expected"]
    assert set(expected) == {
        "year",
        "actual",
        "expected",
        "low",
        "high",
        "ratio",
        "status",
        "demo",
    }
    assert (expected["year"], expected["status"], expected["demo"]) == (
        2023,
        "below_expected",
        False,
    )
    assert expected["low"] <= expected["expected"] <= expected["high"]
    assert expected["ratio"] == pytest.approx(expected["actual"] / expected["expected"], abs=0.01)
    national = scope_status_document(seeded_engine, viewer=viewer, code=None, today=date.today())
    assert national["expected"] is None


def test_the_page_view_is_the_table_and_the_model_of_one_fit_or_the_reason(
    seeded_engine: Engine,
) -> None:
    empty = expected_view(seeded_engine)
    assert (empty.table, empty.model) == (None, None)
    assert empty.problem is not None and empty.problem.startswith("Ingen forventning endnu")
    world(seeded_engine)
    view = expected_view(seeded_engine)
    assert view.problem is None and view.table is not None and view.model is not None
    pd.testing.assert_frame_equal(view.table, expected_table(seeded_engine))
    assert view.model == expected_model(seeded_engine)
