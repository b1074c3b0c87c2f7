"""What the Hotspots page shows of a municipality: the scan of the extract's last weeks, whether it
is demo data, the days the extract covers, and the proposals taken with their cell's counts before
and after. Aggregates only (every count shown is at least `min_count`, every position a cell's
centre): any viewer of the municipality may read it; single incidents stay in `incident_rows`."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import col, select

from dataio.db.frames import Connectable, read_frame
from dataio.store.access import require_read
from dataio.store.incidents.actions import hotspot_actions
from dataio.store.incidents.reads import _points, check_min_count
from models.hotspots import BeforeAfter, HotspotScan, before_after, scan
from models.permissions import Actor
from models.tables import Incident


@dataclass(frozen=True)
class TakenAction:
    """A proposal taken from a hotspot, with its cell's counts before and after its day."""

    proposal: str
    cell: str
    lat: float
    lon: float
    day: date
    title: str | None  # the plan item's title; None when the item was deleted since
    status: str | None
    counts: BeforeAfter


@dataclass(frozen=True)
class HotspotView:
    """The Hotspots page's numbers for one municipality."""

    code: int
    scan: HotspotScan | None  # None: no incidents imported
    demo: bool
    first_day: date | None
    last_day: date | None
    incidents: int
    taken: tuple[TakenAction, ...]


def hotspot_view(
    con: Connectable,
    *,
    viewer: Actor,
    code: int,
    weeks: int = 4,
    size_m: int = 250,
    min_count: int = 3,
) -> HotspotView:
    """The scan of the `weeks` up to the last day the extract covers (the police's extract ends
    there, so the window is the extract's newest weeks, not days nobody has reported yet), and
    every proposal taken with its cell's counts in the same number of weeks before and after."""
    require_read(con, viewer=viewer, municipality_code=code)
    check_min_count(min_count)
    points = _points(con, code)
    demo_rows = read_frame(
        con,
        select(col(Incident.is_demo))
        .where(col(Incident.municipality_code) == code, col(Incident.is_demo))
        .limit(1),
    )
    if not points:
        return HotspotView(code, None, False, None, None, 0, ())
    first, last = points[0].day, points[-1].day
    result = scan(
        points, until=last, weeks=weeks, size_m=size_m, min_count=min_count, data_from=first
    )
    taken = tuple(
        TakenAction(
            proposal=str(row.proposal),
            cell=str(row.cell),
            lat=float(row.lat),
            lon=float(row.lon),
            day=pd.Timestamp(row.action_day).date(),
            title=None if pd.isna(row.title) else str(row.title),
            status=None if pd.isna(row.status) else str(row.status),
            counts=before_after(
                points,
                cell=str(row.cell),
                action_day=pd.Timestamp(row.action_day).date(),
                weeks=weeks,
                size_m=int(str(row.cell).split("m:")[0]),
                min_count=min_count,
                until=last,
            ),
        )
        for row in hotspot_actions(con, viewer=viewer, code=code).itertuples()
    )
    return HotspotView(code, result, not demo_rows.empty, first, last, len(points), taken)
