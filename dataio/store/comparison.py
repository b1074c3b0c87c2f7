"""Every municipality at once: status for the map, and rates against the nation and peers."""

from dataclasses import dataclass

import pandas as pd

from dataio.db.frames import Connectable
from dataio.store.areas import latest_households, municipality_table
from dataio.store.burglaries import annual_by_municipality
from dataio.store.goals import find_goal, municipal_goals
from models.burglaries import assess_burglaries, resolve_burglary_goal
from models.domain import Indicator
from models.rates import group_rate_per_1000, peer_group, rate_per_1000


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


def municipality_statuses(con: Connectable) -> pd.DataFrame:
    """One row per municipality: latest complete year, count, rate, goal target and status."""
    areas = municipality_table(con)
    areas = areas[areas["is_municipality"].astype(bool)]
    annual = _complete_years(annual_by_municipality(con))
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
        result = assess_burglaries(counts_by_year=counts, goal=goal, with_band=False)
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
