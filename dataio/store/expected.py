"""Expected versus actual burglaries read from the database: every municipality's complete year,
its households and age structure in, `models.expected` on them (public statistics: the same for
every viewer, so no scope applies)."""

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.sql import Select
from sqlmodel import col

from dataio.db.frames import Connectable, read_frame
from dataio.store.areas import household_table, municipality_table
from dataio.store.burglaries import annual_by_municipality
from models.expected import (
    MIN_MUNICIPALITIES,
    Coefficient,
    ExpectedRefused,
    ExpectedStatus,
    fit_expected,
    ratio_ranks,
)
from models.expected_text import COVARIATE_TEXT
from models.i18n import M_
from models.tables import AgeStructureYear

# log households: size as the proxy for urbanisation the offline data allows (with households as
# exposure its slope is the elasticity of burglaries per household to size); the age shares: the
# young commit and the old suffer fewer burglaries (dwelling type, tenure and income are left out:
# their tables could not be checked offline, docs/expected.md).
COVARIATES = ("log_households", "share_15_24", "share_65_plus")
COVARIATE_LABELS = COVARIATE_TEXT  # Danish names of the coefficients, for the page
SEED = 2026


@dataclass(frozen=True)
class ExpectedRow:
    """One municipality's actual burglaries in a year against what its conditions predict."""

    code: int
    name: str
    year: int
    actual: int
    expected: float
    low: float  # the 95 % prediction interval for a new count
    high: float
    ratio: float  # actual / expected
    status: ExpectedStatus
    rank: int  # 1 = lowest ratio among all municipalities
    demo: bool  # any input (counts or covariates) is demo data


FIELDS = list(ExpectedRow.__dataclass_fields__)


@dataclass(frozen=True)
class ExpectedModel:
    """The fitted model as a page shows it: coefficients with 95 % intervals and what went in."""

    year: int
    coefficients: list[Coefficient]  # on the log scale; labels in COVARIATE_LABELS
    dispersion: float  # NB2 alpha (0: no overdispersion, the Poisson)
    municipalities: int
    covariates: tuple[str, ...]
    demo: bool


def _age_table(con: Connectable) -> pd.DataFrame:
    statement: Select[*tuple[Any, ...]] = select(
        col(AgeStructureYear.municipality_code).label("code"),
        col(AgeStructureYear.year),
        col(AgeStructureYear.population),
        col(AgeStructureYear.aged_15_24),
        col(AgeStructureYear.aged_65_plus),
        col(AgeStructureYear.is_demo),
    )
    return read_frame(con, statement)


def _complete_years(con: Connectable) -> pd.DataFrame:
    """code, year, count, is_demo for years with four quarters none of which is provisional."""
    annual = annual_by_municipality(con)
    complete = (annual["quarters"] == 4) & ~annual["provisional"].astype(bool)
    return annual[complete][["code", "year", "count", "is_demo"]]


def _nearest(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each municipality's row from the year nearest `year` (the earlier one on a tie)."""
    if frame.empty:
        return frame
    distance = (frame["year"] - year).abs() * 2 + (frame["year"] > year)
    order = frame.assign(_distance=distance).sort_values(["code", "_distance"])
    return order.groupby("code").head(1).drop(columns="_distance")


def latest_model_year(con: Connectable) -> int | None:
    """The newest complete, not provisional year with counts for enough municipalities, when
    households and age structure exist at all (each municipality's nearest year is used)."""
    if household_table(con).empty or _age_table(con).empty:
        return None
    per_year = _complete_years(con).groupby("year")["code"].nunique()
    usable = per_year[per_year >= MIN_MUNICIPALITIES]
    return int(usable.index.max()) if len(usable) else None


def model_inputs(con: Connectable, *, year: int) -> pd.DataFrame:
    """One row per municipality with every input: code, name, actual, households, the covariates
    and demo; municipalities lacking any input are left out."""
    areas = municipality_table(con)
    areas = areas[areas["is_municipality"].astype(bool)][["code", "name"]]
    counts = _complete_years(con)
    counts = counts[counts["year"] == year].rename(columns={"count": "actual"})
    households = _nearest(household_table(con), year)[["code", "households"]]
    ages = _nearest(_age_table(con), year).rename(columns={"is_demo": "age_demo"})
    frame = (
        areas.merge(counts.drop(columns="year"), on="code")
        .merge(households, on="code")
        .merge(ages.drop(columns="year"), on="code")
    )
    population = frame["population"].astype(float).where(frame["population"] > 0)
    return pd.DataFrame(
        {
            "code": frame["code"].astype(int),
            "name": frame["name"].astype(str),
            "actual": frame["actual"].astype(int),
            "households": frame["households"].astype(float),
            "log_households": np.log(frame["households"].astype(float)),
            "share_15_24": frame["aged_15_24"] / population,
            "share_65_plus": frame["aged_65_plus"] / population,
            "demo": frame["is_demo"].astype(bool) | frame["age_demo"].astype(bool),
        }
    )


def _resolve_year(con: Connectable, year: int | None) -> int:
    chosen = year if year is not None else latest_model_year(con)
    if chosen is None:
        raise ExpectedRefused(
            M_(
                "Ingen forventning endnu: der mangler et helt år med indbrudstal, husstande "
                "eller aldersfordeling"
            )
        )
    return chosen


def _computed(con: Connectable, year: int | None) -> tuple[int, pd.DataFrame, ExpectedModel]:
    chosen = _resolve_year(con, year)
    inputs = model_inputs(con, year=chosen)
    fit = fit_expected(inputs, covariates=COVARIATES, seed=SEED)
    table = fit.table.merge(inputs[["code", "name", "demo"]], on="code")
    table["year"] = chosen
    table["rank"] = ratio_ranks(table["ratio"])
    model = ExpectedModel(
        year=chosen,
        coefficients=fit.coefficients,
        dispersion=fit.dispersion,
        municipalities=fit.municipalities,
        covariates=COVARIATES,
        demo=bool(inputs["demo"].any()),
    )
    return chosen, table[FIELDS].sort_values("code", ignore_index=True), model


def expected_table(con: Connectable, *, year: int | None = None) -> pd.DataFrame:
    """Every municipality with all inputs, columns as ExpectedRow's fields; year None: the latest
    complete, not provisional year. Raises ExpectedRefused (Danish) when it cannot be computed."""
    return _computed(con, year)[1]


def expected_for(con: Connectable, *, code: int, year: int | None = None) -> ExpectedRow | None:
    """One municipality's row; None when the model cannot be computed or lacks its inputs."""
    try:
        table = expected_table(con, year=year)
    except ExpectedRefused:
        return None
    match = table[table["code"] == code]
    if match.empty:
        return None
    row = match.iloc[0]
    return ExpectedRow(
        code=int(row["code"]),
        name=str(row["name"]),
        year=int(row["year"]),
        actual=int(row["actual"]),
        expected=float(row["expected"]),
        low=float(row["low"]),
        high=float(row["high"]),
        ratio=float(row["ratio"]),
        status=ExpectedStatus(row["status"]),
        rank=int(row["rank"]),
        demo=bool(row["demo"]),
    )


def expected_model(con: Connectable, *, year: int | None = None) -> ExpectedModel:
    """The fitted model's coefficients and inputs; raises ExpectedRefused like expected_table."""
    return _computed(con, year)[2]


@dataclass(frozen=True)
class ExpectedView:
    """What the Effekt page shows: every municipality's row and the model from one fit, or the
    Danish reason there is none (never raises, unlike expected_table)."""

    table: pd.DataFrame | None  # columns as ExpectedRow's fields; None when `problem`
    model: ExpectedModel | None
    problem: str | None
    refusal: ExpectedRefused | None = None  # `problem` as the error, to show in any language


def expected_view(con: Connectable, *, year: int | None = None) -> ExpectedView:
    """The table and the model from one fit (the page needs both; each alone fits again)."""
    try:
        _, table, model = _computed(con, year)
    except ExpectedRefused as refused:
        return ExpectedView(table=None, model=None, problem=str(refused), refusal=refused)
    return ExpectedView(table=table, model=model, problem=None)


def expected_document(con: Connectable, *, code: int | None) -> dict[str, Any] | None:
    """`"expected"` of `botrygt status --json`: null for the nation and when it cannot be computed."""
    row = None if code is None else expected_for(con, code=code)
    if row is None:
        return None
    return {
        "year": row.year,
        "actual": row.actual,
        "expected": round(row.expected, 1),
        "low": float(row.low),
        "high": float(row.high),
        "ratio": round(row.ratio, 2),
        "status": row.status.value,
        "demo": row.demo,
    }
