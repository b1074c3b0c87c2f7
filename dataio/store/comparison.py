"""Every municipality at once: status for the map, rates against the nation and peers, and a
partnership's burglaries against a synthetic control of the municipalities without one."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlmodel import col

from dataio.db.frames import Connectable, read_frame
from dataio.errors import UnknownMunicipality
from dataio.store.areas import latest_households, municipality_table, partnership_table
from dataio.store.burglaries import annual_by_municipality, municipal_pooling
from dataio.store.goals import find_goal, municipal_goals
from models.burglaries import assess_burglaries, resolve_burglary_goal
from models.domain import Indicator
from models.effect import EffectResult, estimate_effect, partnership_start_period
from models.pooling import Pooling
from models.rates import group_rate_per_1000, peer_group, rate_per_1000
from models.tables import BurglaryQuarter


@dataclass(frozen=True)
class RateComparison:
    """Burglaries per 1,000 households in one year: the municipality, the nation, its peers."""

    year: int
    municipality: float | None
    national: float | None
    peers: float | None
    peer_names: list[str]
    approximate_households: bool


def _complete_years(annual: pd.DataFrame) -> pd.DataFrame:
    return annual[annual["quarters"] == 4]


def municipality_statuses(
    con: Connectable, *, pooling: Pooling | None = None, pool: bool = True
) -> pd.DataFrame:
    """One row per municipality: latest complete year, count, rate, goal target and status (the
    trend pulled towards the common one: `pooling`, computed here when not given; `pool` False:
    each municipality's own trend, as before the pooling, for the backtest's comparison)."""
    areas = municipality_table(con)
    areas = areas[areas["is_municipality"].astype(bool)]
    every_year = annual_by_municipality(con)
    if pool and pooling is None:
        pooling = municipal_pooling(con, annual=every_year)
    elif not pool:
        pooling = None
    annual = _complete_years(every_year)
    goals = municipal_goals(con, indicator=Indicator.BURGLARIES)
    national = find_goal(con, indicator=Indicator.BURGLARIES, code=None)
    households = latest_households(con)
    demo_codes = set(annual.loc[annual["is_demo"].astype(bool), "code"])
    rows = []
    for area in areas.itertuples():
        own = annual[annual["code"] == area.code]
        counts = dict(zip(own["year"].astype(int), own["count"].astype(int), strict=True))
        goal = resolve_burglary_goal(
            own=goals.get(area.code), national=national, counts_by_year=counts
        )
        result = assess_burglaries(
            counts_by_year=counts,
            goal=goal,
            with_band=False,
            pooled=None if pooling is None else pooling.slopes.get(area.code),
        )
        house = households["households"].get(area.code)
        rows.append(
            {
                "code": area.code,
                "name": area.name,
                "police_district": area.police_district,
                "lat": area.lat,
                "lon": area.lon,
                "latest_year": result.latest_year,
                "count": result.latest_count,
                "per_1000_households": None
                if result.latest_count is None
                else rate_per_1000(count=result.latest_count, households=house),
                "target": goal.target if goal else None,
                "own_goal": area.code in goals,
                "status": result.status.value,
                "demo": area.code in demo_codes,
            }
        )
    return pd.DataFrame(rows)


def rate_comparison(con: Connectable, *, code: int, year: int) -> RateComparison:
    """The municipality's rate in a year against the national rate and its ten nearest-sized peers."""
    annual = _complete_years(annual_by_municipality(con))
    in_year = annual[annual["year"] == year].set_index("code")["count"]
    households = latest_households(con)
    by_code = households["households"].astype(float).to_dict()
    peers = peer_group(code=code, households_by_code=by_code, size=10)
    names = municipality_table(con).set_index("code")["name"]
    counts = in_year.astype(float).to_dict()
    return RateComparison(
        year=year,
        municipality=rate_per_1000(count=counts.get(code, 0.0), households=by_code.get(code))
        if code in counts
        else None,
        national=group_rate_per_1000(
            counts_by_code=counts, households_by_code=by_code, codes=list(counts)
        ),
        peers=group_rate_per_1000(counts_by_code=counts, households_by_code=by_code, codes=peers),
        peer_names=[str(names.get(p, p)) for p in peers],
        approximate_households=bool(households["approximate"].any()),
    )


@dataclass(frozen=True)
class EffectInputs:
    """What `models.effect.estimate_effect` needs for one partnership municipality."""

    counts: pd.DataFrame  # municipality_code, period, count, is_demo; provisional quarters left out
    households: dict[int, float]  # each municipality's newest figure
    households_approximate: bool  # the partner's figure is approximate
    partner_since: str | None  # as announced; None: the start is not known
    donors: list[int]  # municipalities without any partnership, with or without a start date
    names: dict[int, str]


@dataclass(frozen=True)
class PartnershipEffect:
    """The answer to "Virker partnerskabet?" for one partnership municipality, with its labels."""

    code: int
    partner_since: str | None  # as announced; None: the start is not known, so no estimate
    result: EffectResult | None  # None: no start date, or the model refused (`problem`)
    problem: str | None  # the model's reason in Danish (a gap in the quarters, no households...)
    donor_names: dict[int, str]  # the names of the donors the comparison is made of
    demo: bool  # the compared counts include demo data
    households_approximate: bool


def _without_provisional_latest(quarters: pd.DataFrame) -> pd.DataFrame:
    """Each municipality's quarters without its latest one when that is provisional (it grows with
    late reports); a provisional flag left on an older quarter is no longer the latest and stays."""
    latest = quarters.groupby("municipality_code")["period"].transform("max")
    provisional = quarters["provisional"].astype(bool) & (quarters["period"] == latest)
    return quarters[~provisional].drop(columns="provisional").reset_index(drop=True)


def _quarters_of(con: Connectable, codes: list[int]) -> pd.DataFrame:
    statement = select(
        col(BurglaryQuarter.municipality_code),
        col(BurglaryQuarter.period),
        col(BurglaryQuarter.count),
        col(BurglaryQuarter.provisional),
        col(BurglaryQuarter.is_demo),
    ).where(col(BurglaryQuarter.municipality_code).in_(codes))
    return _without_provisional_latest(read_frame(con, statement))


def effect_inputs(con: Connectable, *, code: int) -> EffectInputs | None:
    """The partnership municipality's and every non-partner's quarterly burglaries, households and
    the announced start; None when `code` is not a partnership municipality (public statistics:
    the counts, households and the partnership list are the same for every viewer)."""
    areas = municipality_table(con)
    if code not in set(areas["code"]):
        raise UnknownMunicipality(code)
    partnerships = partnership_table(con).set_index("code")
    if code not in partnerships.index:
        return None
    since = partnerships.at[code, "partner_since"]
    municipalities = areas[areas["is_municipality"].astype(bool)]
    donors = sorted(int(c) for c in set(municipalities["code"]) - set(partnerships.index))
    households = latest_households(con)
    return EffectInputs(
        counts=_quarters_of(con, [code, *donors]),
        households=households["households"].astype(float).to_dict(),
        households_approximate=bool(households["approximate"].get(code, False)),
        partner_since=str(since) if isinstance(since, str) and since.strip() else None,
        donors=donors,
        names=dict(zip(areas["code"].astype(int), areas["name"].astype(str), strict=True)),
    )


def partnership_effect(con: Connectable, *, code: int) -> PartnershipEffect | None:
    """The partnership's burglaries since its start against a synthetic control of the
    municipalities without a partnership (`models.effect`); None for a municipality that is not
    a partnership. A partnership without a start date, or data the model refuses, gets no result."""
    inputs = effect_inputs(con, code=code)
    if inputs is None:
        return None
    result: EffectResult | None = None
    problem: str | None = None
    try:
        start = partnership_start_period(inputs.partner_since)
        if start is not None:
            result = estimate_effect(
                counts=inputs.counts,
                households=inputs.households,
                treated=code,
                start_period=start,
                donors=inputs.donors,
            )
    except ValueError as refusal:  # the model's refusals are Danish sentences about the data
        problem = str(refusal)
    weighted = {donor for donor, _ in result.donor_weights} if result else set()
    return PartnershipEffect(
        code=code,
        partner_since=inputs.partner_since,
        result=result,
        problem=problem,
        donor_names={donor: inputs.names.get(donor, str(donor)) for donor in sorted(weighted)},
        demo=bool(inputs.counts["is_demo"].astype(bool).any()),
        households_approximate=inputs.households_approximate,
    )
