"""offence_quarter: the other offence codes' quarterly counts per municipality.

Written only inside a Statistikbanken import (dataio.files.statistikbanken.importer, which checks
the rights and audits) or by the demo generator; read as public statistics like the burglaries.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from dataio.db.frames import Connectable, read_frame
from dataio.errors import UnknownMunicipality
from dataio.store.areas import latest_households, municipality_table
from models.offences import BUSINESS_BURGLARY, complete_years, offence_name, rate_rows
from models.rates import peer_group, rate_per_1000
from models.tables import DataSource, OffenceQuarter


def write_offence_quarters(
    session: Session, frame: pd.DataFrame, *, source_id: int, labels: dict[int, str]
) -> tuple[int, int]:
    """Replace the (municipality, offence, quarter) rows the file holds; the file's municipalities
    lose their demo rows of those offences entirely (never a silent mix). Quarters outside the file
    stay. `frame`: code, offence, period, value. (changed, demo removed)"""
    if frame.empty:
        return 0, 0
    pairs = sorted({(int(c), int(o)) for c, o in zip(frame["code"], frame["offence"], strict=True)})
    demo_removed = 0
    for code, offence in pairs:
        result = session.execute(
            delete(OffenceQuarter).where(
                col(OffenceQuarter.municipality_code) == code,
                col(OffenceQuarter.offence) == offence,
                col(OffenceQuarter.is_demo),
            )
        )
        demo_removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    stored = {
        (r.municipality_code, r.offence, r.period): r.count
        for r in session.execute(
            select(OffenceQuarter).where(
                or_(
                    *(
                        and_(
                            col(OffenceQuarter.municipality_code) == code,
                            col(OffenceQuarter.offence) == offence,
                        )
                        for code, offence in pairs
                    )
                )
            )
        ).scalars()
    }
    changed = 0
    now = datetime.now(UTC)
    latest = frame.groupby("offence")["period"].max().to_dict()
    records: list[dict[str, Any]] = []
    for code, offence, period, value in frame[["code", "offence", "period", "value"]].itertuples(
        index=False
    ):
        key = (int(code), int(offence), str(period))
        changed += stored.get(key) != int(value)
        if key in stored:
            session.execute(
                delete(OffenceQuarter).where(
                    col(OffenceQuarter.municipality_code) == key[0],
                    col(OffenceQuarter.offence) == key[1],
                    col(OffenceQuarter.period) == key[2],
                )
            )
        records.append(
            {
                "municipality_code": key[0],
                "offence": key[1],
                "period": key[2],
                "label": labels.get(key[1], offence_name(key[1])),
                "year": int(key[2][:4]),
                "quarter": int(key[2][5]),
                "count": int(value),
                "provisional": key[2] == latest[offence],
                "is_demo": False,
                "source_id": source_id,
                "imported_at": now,
            }
        )
    session.execute(insert(OffenceQuarter), records)
    return changed, demo_removed


def stored_offences(con: Connectable) -> dict[int, str]:
    """The offence codes with any stored rows, and their names."""
    statement = select(col(OffenceQuarter.offence), col(OffenceQuarter.label)).distinct()
    frame = read_frame(con, statement)
    return {int(o): str(lbl) for o, lbl in zip(frame["offence"], frame["label"], strict=True)}


def offence_quarters(
    con: Connectable, *, offence: int = BUSINESS_BURGLARY, code: int | None = None
) -> pd.DataFrame:
    """code, period, year, quarter, count, provisional, is_demo, source_id of one offence (one
    municipality, or all), ordered by code and period."""
    statement: Select[*tuple[Any, ...]] = select(
        col(OffenceQuarter.municipality_code).label("code"),
        col(OffenceQuarter.period),
        col(OffenceQuarter.year),
        col(OffenceQuarter.quarter),
        col(OffenceQuarter.count),
        col(OffenceQuarter.provisional),
        col(OffenceQuarter.is_demo),
        col(OffenceQuarter.source_id),
    ).where(col(OffenceQuarter.offence) == offence)
    if code is not None:
        statement = statement.where(col(OffenceQuarter.municipality_code) == code)
    frame = read_frame(con, statement)
    return frame.sort_values(["code", "period"], ignore_index=True)


@dataclass(frozen=True)
class SourceNote:
    """Where the numbers came from."""

    name: str
    as_of: str  # ISO date
    demo: bool


@dataclass(frozen=True)
class OffenceComparison:
    """One offence in one municipality: yearly counts and rates per 1.000 households against the
    nation and the ten municipalities nearest in households (as the burglary comparison)."""

    offence: int
    label: str
    code: int
    name: str
    quarters: pd.DataFrame  # period, year, quarter, count, provisional, is_demo (own)
    rates: pd.DataFrame  # year, count, municipality, national, peers (complete years)
    peer_names: list[str]
    demo: bool
    households_approximate: bool
    sources: list[SourceNote]


def _sources(con: Connectable, ids: set[int]) -> list[SourceNote]:
    if not ids:
        return []
    statement = select(col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo)).where(
        col(DataSource.id).in_(sorted(ids))
    )
    frame = read_frame(con, statement)
    return sorted(
        {
            SourceNote(str(r.name), pd.Timestamp(r.as_of).date().isoformat(), bool(r.is_demo))
            for r in frame.itertuples()
        },
        key=lambda s: (s.as_of, s.name),
    )


def offence_comparison(
    con: Connectable, *, code: int, offence: int = BUSINESS_BURGLARY
) -> OffenceComparison | None:
    """The municipality's series of one offence against the nation and its peers; None when the
    municipality has no rows of it."""
    areas = municipality_table(con)
    names = dict(zip(areas["code"].astype(int), areas["name"].astype(str), strict=True))
    if code not in names:
        raise UnknownMunicipality(code)
    every = offence_quarters(con, offence=offence)
    own = every[every["code"] == code]
    if own.empty:
        return None
    households = latest_households(con)
    by_code = households["households"].astype(float).to_dict()
    peers = peer_group(code=code, households_by_code=by_code, size=10)
    labels = stored_offences(con)
    return OffenceComparison(
        offence=offence,
        label=labels.get(offence, offence_name(offence)),
        code=code,
        name=names[code],
        quarters=own.drop(columns=["code", "source_id"]).reset_index(drop=True),
        rates=rate_rows(
            complete_years(every[["code", "year", "count"]]),
            code=code,
            households_by_code=by_code,
            peers=peers,
        ),
        peer_names=[names.get(p, str(p)) for p in peers],
        demo=bool(own["is_demo"].astype(bool).any()),
        households_approximate=bool(households["approximate"].get(code, False)),
        sources=_sources(con, set(own["source_id"].astype(int))),
    )


def _round(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def offence_document(
    con: Connectable, *, code: int | None, offence: int = BUSINESS_BURGLARY
) -> dict[str, Any] | None:
    """`"business_burglaries"` of `botrygt status --json` (and the same shape for any offence):
    quarters and years with counts, the latest complete year's rate per 1.000 households beside the
    nation's and the peers', no goal (none is set for other offences), demo and sources; null
    without rows. `code` None: the nation (the sum of the municipalities)."""
    every = offence_quarters(con, offence=offence)
    if code is None:
        own = (
            every.groupby(["period", "year", "quarter"], as_index=False)
            .agg(
                count=("count", "sum"),
                provisional=("provisional", "any"),
                is_demo=("is_demo", "any"),
            )
            .assign(code=0)
        )
        sources = set(every["source_id"].astype(int))
    else:
        own = every[every["code"] == code]
        sources = set(own["source_id"].astype(int))
    if own.empty:
        return None
    years = own.groupby("year", as_index=False).agg(
        count=("count", "sum"), quarters=("count", "size")
    )
    households = latest_households(con)["households"].astype(float).to_dict()
    latest: dict[str, Any] = {
        "latest_year": None,
        "count": None,
        "per_1000_households": None,
        "national_per_1000_households": None,
        "peers_per_1000_households": None,
    }
    if code is not None:
        comparison = offence_comparison(con, code=code, offence=offence)
        if comparison is not None and not comparison.rates.empty:
            last = comparison.rates.iloc[-1]
            latest = {
                "latest_year": int(last["year"]),
                "count": int(last["count"]),
                "per_1000_households": _round(last["municipality"]),
                "national_per_1000_households": _round(last["national"]),
                "peers_per_1000_households": _round(last["peers"]),
            }
    else:
        complete = years[years["quarters"] == 4]
        if not complete.empty:
            last_year = int(complete["year"].iloc[-1])
            covered = set(every.loc[every["year"] == last_year, "code"].astype(int))
            total = int(complete["count"].iloc[-1])
            latest = latest | {
                "latest_year": last_year,
                "count": total,
                "per_1000_households": _round(
                    rate_per_1000(
                        count=total, households=sum(households.get(c, 0.0) for c in covered)
                    )
                ),
            }
    labels = stored_offences(con)
    return {
        "offence": offence,
        "label": labels.get(offence, offence_name(offence)),
        **latest,
        "goal": None,  # no goal for other offences unless a partnership adds one (not yet possible)
        "years": [
            {"year": int(r.year), "count": int(r.count), "quarters": int(r.quarters)}
            for r in years.itertuples()
        ],
        "quarters": [
            {"period": str(r.period), "count": int(r.count), "provisional": bool(r.provisional)}
            for r in own.sort_values("period").itertuples()
        ],
        "demo": bool(own["is_demo"].astype(bool).any()),
        "sources": [
            {"name": s.name, "as_of": s.as_of, "demo": s.demo} for s in _sources(con, sources)
        ],
    }
