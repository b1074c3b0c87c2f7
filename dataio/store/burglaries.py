"""Burglary status for a scope: the data gathered, assessed by models/, ready for pages and CLI."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlmodel import col

from dataio.db.frames import Connectable, any_true, read_frame
from dataio.errors import UnknownMunicipality
from dataio.store.areas import household_table, latest_households, municipality_table
from dataio.store.goals import find_goal
from dataio.store.sources import source_by_dataset, sources_of_burglaries
from models.breaks import SeriesBreak, series_breaks
from models.burglaries import (
    BurglaryAssessment,
    assess_burglaries,
    combine_national_series,
    resolve_burglary_goal,
)
from models.domain import Indicator, ScopeKind
from models.pooling import Pooling, pool_trends
from models.rates import annual_totals, rate_per_1000
from models.tables import (
    BurglaryQuarter,
    NationalBurglaryYear,
)


@dataclass(frozen=True)
class SourceRef:
    """A data source as charts and exports cite it."""

    name: str
    as_of: date
    demo: bool


@dataclass(frozen=True)
class BurglaryOverview:
    """One scope's burglary series, goal assessment, rate and provenance."""

    scope_kind: ScopeKind
    code: int | None
    name: str
    annual: pd.DataFrame  # year, count, quality, demo (complete years only)
    quarters: pd.DataFrame  # period, year, quarter, count, provisional, is_demo
    assessment: BurglaryAssessment
    households: float | None
    households_approximate: bool
    per_1000_households: float | None
    demo: bool
    sources: list[SourceRef]
    breaks: list[SeriesBreak]


def _sources(frame: pd.DataFrame) -> list[SourceRef]:
    return [
        SourceRef(str(r.name), pd.Timestamp(r.as_of).date(), bool(r.is_demo))
        for r in frame.itertuples()
    ]


def _breaks(quarters: pd.DataFrame) -> list[SeriesBreak]:
    if quarters.empty:
        return []
    provisional = quarters.loc[quarters["provisional"].astype(bool), "period"]
    return series_breaks(
        first_period=str(quarters["period"].iloc[0]),
        last_period=str(quarters["period"].iloc[-1]),
        provisional_period=str(provisional.iloc[-1]) if len(provisional) else None,
    )


def _households_for(households: pd.DataFrame, *, year: int | None) -> tuple[float | None, bool]:
    """Households in the year nearest the given one, and whether the figure is approximate."""
    if households.empty:
        return None, False
    target = year if year is not None else int(households["year"].max())
    nearest = households.iloc[(households["year"] - target).abs().argsort()[:1]]
    return float(nearest["households"].iloc[0]), bool(nearest["approximate"].iloc[0])


def national_overview(con: Connectable) -> BurglaryOverview:
    """Denmark as a whole: recorded national figures, filled with municipal sums."""
    annual = combine_national_series(
        recorded=national_reference_years(con), sums=national_annual_sums(con)
    )
    counts = dict(zip(annual["year"].astype(int), annual["count"].astype(int), strict=True))
    goal = resolve_burglary_goal(
        own=find_goal(con, indicator=Indicator.BURGLARIES, code=None),
        national=None,
        counts_by_year=counts,
    )
    assessment = assess_burglaries(counts_by_year=counts, goal=goal)
    latest = latest_households(con)
    total_households = float(latest["households"].sum()) if len(latest) else None
    quarters = national_quarters(con)
    latest_demo = bool(annual["demo"].iloc[-1]) if len(annual) else False
    sources = _sources(source_by_dataset(con, dataset="national_burglaries.csv"))
    sources += _sources(sources_of_burglaries(con, code=None))
    return BurglaryOverview(
        scope_kind=ScopeKind.NATIONAL,
        code=None,
        name="Danmark",
        annual=annual,
        quarters=quarters,
        assessment=assessment,
        households=total_households,
        households_approximate=bool(latest["approximate"].any()),
        per_1000_households=rate_per_1000(
            count=assessment.latest_count or 0, households=total_households
        )
        if assessment.latest_count is not None
        else None,
        demo=latest_demo or bool(quarters["is_demo"].astype(bool).any()),
        sources=sources,
        breaks=_breaks(quarters),
    )


def _series_by_municipality(annual: pd.DataFrame, *, codes: set[int]) -> dict[int, dict[int, int]]:
    """Complete years per municipality (`annual_by_municipality`'s rows), for the given codes."""
    complete = annual[(annual["quarters"] == 4) & annual["code"].isin(codes)]
    return {
        int(code): dict(zip(rows["year"].astype(int), rows["count"].astype(int), strict=True))
        for code, rows in complete.groupby("code")
    }


def municipal_pooling(con: Connectable, *, annual: pd.DataFrame | None = None) -> Pooling | None:
    """Every municipality's trend pulled towards the common trend (models.pooling): needs all
    98 series, so pages get it once per data version (ui.loaders.load_pooling)."""
    areas = municipality_table(con)
    codes = set(areas.loc[areas["is_municipality"].astype(bool), "code"].astype(int))
    annual = annual_by_municipality(con) if annual is None else annual
    return pool_trends(_series_by_municipality(annual, codes=codes))


def municipality_overview(
    con: Connectable, *, code: int, pooling: Pooling | None = None
) -> BurglaryOverview:
    """One municipality: its quarters, complete years, goal (own or inherited) and rate; its
    trend pulled towards the common one (`pooling`, computed here when not given)."""
    areas = municipality_table(con)
    match = areas[areas["code"] == code]
    if match.empty:
        raise UnknownMunicipality(code)
    quarters = municipality_quarters(con, code=code)
    counts = annual_totals(
        dict(zip(quarters["period"], quarters["count"].astype(int), strict=True))
    )
    demo_years = set(quarters.loc[quarters["is_demo"].astype(bool), "year"].astype(int))
    provisional_years = set(quarters.loc[quarters["provisional"].astype(bool), "year"].astype(int))
    annual = pd.DataFrame(
        {
            "year": list(counts),
            "count": list(counts.values()),
            "quality": ["demo" if y in demo_years else "official" for y in counts],
            "demo": [y in demo_years for y in counts],
            "provisional": [y in provisional_years for y in counts],
        }
    )
    goal = resolve_burglary_goal(
        own=find_goal(con, indicator=Indicator.BURGLARIES, code=code),
        national=find_goal(con, indicator=Indicator.BURGLARIES, code=None),
        counts_by_year=counts,
    )
    pooling = municipal_pooling(con) if pooling is None else pooling
    pooled = None if pooling is None else pooling.slopes.get(code)
    assessment = assess_burglaries(counts_by_year=counts, goal=goal, pooled=pooled)
    household_rows = household_table(con)
    households, approximate = _households_for(
        household_rows[household_rows["code"] == code], year=assessment.latest_year
    )
    return BurglaryOverview(
        scope_kind=ScopeKind.MUNICIPALITY,
        code=code,
        name=str(match["name"].iloc[0]),
        annual=annual,
        quarters=quarters,
        assessment=assessment,
        households=households,
        households_approximate=approximate,
        per_1000_households=rate_per_1000(count=assessment.latest_count, households=households)
        if assessment.latest_count is not None
        else None,
        demo=bool(quarters["is_demo"].astype(bool).any()),
        sources=_sources(sources_of_burglaries(con, code=code)),
        breaks=_breaks(quarters),
    )


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


def national_quarters(con: Connectable) -> pd.DataFrame:
    """The sum over municipalities per quarter."""
    statement = (
        select(
            col(BurglaryQuarter.period),
            col(BurglaryQuarter.year),
            col(BurglaryQuarter.quarter),
            func.sum(col(BurglaryQuarter.count)).label("count"),
            any_true(col(BurglaryQuarter.provisional)).label("provisional"),
            any_true(col(BurglaryQuarter.is_demo)).label("is_demo"),
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
        any_true(col(BurglaryQuarter.is_demo)).label("is_demo"),
        any_true(col(BurglaryQuarter.provisional)).label("provisional"),
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


def national_annual_sums(con: Connectable) -> pd.DataFrame:
    """Sum over municipalities per year, with how many distinct quarters the year covers."""
    statement = select(
        col(BurglaryQuarter.year),
        func.sum(col(BurglaryQuarter.count)).label("count"),
        func.count(col(BurglaryQuarter.period).distinct()).label("quarters"),
        any_true(col(BurglaryQuarter.is_demo)).label("is_demo"),
        any_true(col(BurglaryQuarter.provisional)).label("provisional"),
    ).group_by(col(BurglaryQuarter.year))
    return read_frame(con, statement).sort_values("year", ignore_index=True)
