"""Demo business burglaries (1310), labelled "Eksempeldata" like the demo burglaries: every
municipality without imported 1310 rows gets a deterministic made-up quarterly series."""

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import delete, insert
from sqlmodel import Session, col, func, select

from dataio.seed.demo_burglaries import DISTRICT_RISK, allocate, spread_over_quarters
from models.domain import SourceKind
from models.offences import BUSINESS_BURGLARY, offence_name
from models.periods import latest_full_quarter, parse_period
from models.tables import DataSource, OffenceQuarter

FIRST_YEAR = 2007
SEED = 1310
# A made-up national level: about 11.000 business burglaries a year in 2007, falling 4 % a year;
# spread a little more evenly over the year than residential burglaries.
NATIONAL_2007 = 11_000
YEARLY_CHANGE = -0.04
SEASON = np.array([0.26, 0.23, 0.23, 0.28])


def build_demo_offences(*, municipalities: pd.DataFrame, last_period: str) -> pd.DataFrame:
    """municipality_code, year, quarter, period, count, provisional from 2007K1 to last_period.
    `municipalities`: code, police_district_number, households (demo_burglaries' frame)."""
    rng = np.random.default_rng(SEED)
    last_year, _ = parse_period(last_period)
    base = municipalities["households"].to_numpy(float) * municipalities[
        "police_district_number"
    ].map(DISTRICT_RISK).fillna(1.0).to_numpy(float)
    weights = base * rng.lognormal(mean=0.0, sigma=0.3, size=len(base))
    annual = {
        year: allocate(round(NATIONAL_2007 * (1 + YEARLY_CHANGE) ** (year - FIRST_YEAR)), weights)
        for year in range(FIRST_YEAR, last_year + 1)
    }
    return spread_over_quarters(
        municipalities["code"].to_numpy(), annual, last_period=last_period, rng=rng, season=SEASON
    )


def has_offence_data(session: Session) -> bool:
    """Whether any other-offence counts exist (demo or imported)."""
    return bool(session.exec(select(func.count()).select_from(OffenceQuarter)).one())


def write_demo_offences(session: Session, *, municipalities: pd.DataFrame, today: date) -> int:
    """Replace the demo business burglaries with freshly generated ones, except for municipalities
    with imported 1310 rows (real and made-up numbers never mix); the number of rows written."""
    last_period = latest_full_quarter(today)
    real = set(
        session.exec(
            select(OffenceQuarter.municipality_code)
            .where(~col(OffenceQuarter.is_demo), OffenceQuarter.offence == BUSINESS_BURGLARY)
            .distinct()
        ).all()
    )
    frame = build_demo_offences(municipalities=municipalities, last_period=last_period)
    frame = frame[~frame["municipality_code"].isin(real)]
    now = datetime.now(UTC)
    source = DataSource(
        name="Eksempeldata (botrygt demo)",
        kind=SourceKind.DEMO,
        dataset="offence_quarter",
        description="Genererede kvartalstal for indbrud i forretning, virksomhed mv. (1310) pr. kommune",
        periods=f"{FIRST_YEAR}K1-{last_period}",
        rows=len(frame),
        as_of=today,
        loaded_at=now,
        loaded_by="botrygt demo",
        is_demo=True,
    )
    session.add(source)
    session.flush()
    session.execute(delete(OffenceQuarter).where(col(OffenceQuarter.is_demo)))
    records = frame.assign(
        offence=BUSINESS_BURGLARY,
        label=offence_name(BUSINESS_BURGLARY),
        is_demo=True,
        source_id=source.id,
        imported_at=now,
    ).to_dict("records")
    if records:
        session.execute(insert(OffenceQuarter), records)
    return len(records)
