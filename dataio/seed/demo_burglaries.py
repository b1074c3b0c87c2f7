"""Deterministic demo data ("Eksempeldata"), consistent with the real national annual totals."""

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import delete, insert
from sqlmodel import Session, col, func, select

from dataio.store.areas import latest_households, partnership_table
from models.domain import SourceKind
from models.periods import latest_full_quarter, parse_period, period_of
from models.tables import BurglaryQuarter, DataSource, Municipality, NationalBurglaryYear

FIRST_YEAR = 2007
SEED = 2017
# Burglaries peak in the dark months: shares of a year's burglaries per quarter.
SEASON = np.array([0.27, 0.21, 0.21, 0.31])
# Relative burglary risk per household by police district: North Zealand and the Copenhagen
# suburbs have long had the highest rates, West Jutland and Bornholm the lowest.
DISTRICT_RISK = {
    1: 0.8,
    2: 0.9,
    3: 0.7,
    4: 0.9,
    5: 0.8,
    6: 0.9,
    7: 1.0,
    8: 1.1,
    9: 1.6,
    10: 1.3,
    11: 1.0,
    12: 0.5,
}
YEARLY_CHANGE_AFTER_KNOWN = -0.03


def national_totals(*, known: dict[int, int], last_year: int) -> dict[int, int]:
    """Known national totals, gaps filled log-linearly, later years extrapolated at -3 % a year."""
    years = sorted(y for y in known if y >= FIRST_YEAR - 2)
    totals: dict[int, int] = {}
    for year in range(FIRST_YEAR, last_year + 1):
        if year in known:
            totals[year] = known[year]
            continue
        before = max((y for y in years if y < year), default=None)
        after = min((y for y in years if y > year), default=None)
        if before is not None and after is not None:
            share = (year - before) / (after - before)
            totals[year] = round(known[before] * (known[after] / known[before]) ** share)
        else:
            last_known = max(years)
            totals[year] = round(
                known[last_known] * (1 + YEARLY_CHANGE_AFTER_KNOWN) ** (year - last_known)
            )
    return totals


def municipal_weights(
    *, municipalities: pd.DataFrame, years: list[int], rng: np.random.Generator
) -> np.ndarray:
    """A weight per municipality and year: households, district risk, a local level and drift."""
    base = municipalities["households"].to_numpy(float) * municipalities[
        "police_district_number"
    ].map(DISTRICT_RISK).to_numpy(float)
    level = rng.lognormal(mean=0.0, sigma=0.2, size=len(base))
    drift = rng.normal(0.0, 0.02, size=len(base))
    since = np.array(years, float)[None, :] - 2015
    weights = (base * level)[:, None] * np.exp(drift[:, None] * since)
    partner_start = municipalities["partner_start_year"].to_numpy(float)
    after_start = np.clip(np.array(years, float)[None, :] - partner_start[:, None], 0, None)
    return weights * np.exp(-0.04 * np.nan_to_num(after_start))  # partnerships pay off a little


def allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split a total into whole numbers proportional to weights (largest remainder)."""
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype(int)
    remainder = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:remainder]] += 1
    return counts


def build_demo_burglaries(
    *, municipalities: pd.DataFrame, known: dict[int, int], last_period: str
) -> pd.DataFrame:
    """Quarterly counts for every municipality from 2007K1 to last_period."""
    rng = np.random.default_rng(SEED)
    last_year, _ = parse_period(last_period)
    years = list(range(FIRST_YEAR, last_year + 1))
    totals = national_totals(known=known, last_year=last_year)
    weights = municipal_weights(municipalities=municipalities, years=years, rng=rng)
    annual = {year: allocate(totals[year], weights[:, column]) for column, year in enumerate(years)}
    return spread_over_quarters(
        municipalities["code"].to_numpy(), annual, last_period=last_period, rng=rng
    )


def spread_over_quarters(
    codes: np.ndarray,
    annual: dict[int, np.ndarray],
    *,
    last_period: str,
    rng: np.random.Generator,
    season: np.ndarray = SEASON,
) -> pd.DataFrame:
    """Each year's count per municipality split over its quarters by the season (multinomial),
    up to last_period (provisional): municipality_code, year, quarter, count, period,
    provisional."""
    last_year, last_quarter = parse_period(last_period)
    rows = []
    for year, counts in annual.items():
        quarters = np.array([rng.multinomial(n, season) for n in counts])
        for quarter in range(1, 5 if year < last_year else last_quarter + 1):
            rows.append(
                pd.DataFrame(
                    {
                        "municipality_code": codes,
                        "year": year,
                        "quarter": quarter,
                        "count": quarters[:, quarter - 1],
                    }
                )
            )
    frame = pd.concat(rows, ignore_index=True)
    frame["period"] = [
        period_of(year=y, quarter=q) for y, q in zip(frame["year"], frame["quarter"], strict=True)
    ]
    frame["provisional"] = frame["period"] == last_period
    return frame


def has_burglary_data(session: Session) -> bool:
    """Whether any quarterly burglary counts exist."""
    return bool(session.exec(select(func.count()).select_from(BurglaryQuarter)).one())


def write_demo(session: Session, *, municipalities: pd.DataFrame, today: date) -> int:
    """Replace demo rows with freshly generated ones; return the number of rows written."""
    last_period = latest_full_quarter(today)
    known = {
        row.year: row.count
        for row in session.exec(select(NationalBurglaryYear)).all()
        if row.quality != "demo"
    }
    # a municipality with imported quarters gets no demo quarters: real and made-up numbers are
    # never mixed in one series (and would collide on the same quarters)
    real = set(
        session.exec(
            select(BurglaryQuarter.municipality_code)
            .where(~col(BurglaryQuarter.is_demo))
            .distinct()
        ).all()
    )
    frame = build_demo_burglaries(
        municipalities=municipalities, known=known, last_period=last_period
    )
    frame = frame[~frame["municipality_code"].isin(real)]
    now = datetime.now(UTC)
    source = DataSource(
        name="Eksempeldata (botrygt demo)",
        kind=SourceKind.DEMO,
        dataset="burglary_quarter",
        description="Genererede kvartalstal pr. kommune; summer til de kendte landstal, hvor de findes",
        periods=f"{FIRST_YEAR}K1-{last_period}",
        rows=len(frame),
        as_of=today,
        loaded_at=now,
        loaded_by="botrygt demo",
        is_demo=True,
    )
    session.add(source)
    session.flush()
    session.execute(delete(BurglaryQuarter).where(col(BurglaryQuarter.is_demo)))
    records = frame.assign(is_demo=True, source_id=source.id, imported_at=now).to_dict("records")
    session.execute(insert(BurglaryQuarter), records)
    return len(records)


def demo_municipalities(session: Session) -> pd.DataFrame:
    """The municipalities with what the generator needs: households and partnership start."""
    rows = session.exec(select(Municipality).where(col(Municipality.is_municipality))).all()
    frame = pd.DataFrame(
        [{"code": m.code, "police_district_number": m.police_district_number} for m in rows]
    )
    households = latest_households(session)["households"]
    starts = partnership_table(session).set_index("code")["start_year"]
    frame["households"] = frame["code"].map(households).fillna(1000)
    frame["partner_start_year"] = frame["code"].map(starts)
    return frame.sort_values("code", ignore_index=True)
