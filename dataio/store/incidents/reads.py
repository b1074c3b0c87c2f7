"""Reading the police's incidents: single rows for the police and the administrator only, and the
hotspot model's aggregates (cells of at least `min_count`, centres only) for every viewer of the
municipality.

The aggregates read the points through the private `_points`, which does not refuse: the refusal
of single incidents is `incident_rows`' and `incident_points`', and what leaves `incident_aggregates`
and `incident_scan` is whatever models.hotspots returns, whose cells all hold at least `min_count`.
models.hotspots is imported inside the functions that need it.
"""

from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from dataio.db.frames import Connectable, read_frame
from dataio.errors import ValidationFailed
from dataio.settings import MIN_HOTSPOT_COUNT
from dataio.store.access import municipality_target, require_read
from models.i18n import M_
from models.permissions import Action, Actor, Role, require
from models.projection import to_wgs84
from models.tables import Incident

ROW_COLUMNS = ["day", "time_of_day", "offence", "address", "x", "y", "lat", "lon", "is_demo"]


def _require_incidents(con: Connectable, *, viewer: Actor, code: int) -> None:
    """Refuse (PermissionDenied, in Danish) unless the viewer may see the municipality's incidents."""
    if isinstance(con, Session):
        target, name = municipality_target(con, code)
    else:
        with Session(con) as session:
            target, name = municipality_target(session, code)
    require(viewer, Action.VIEW_INCIDENTS, target, where=name)


def check_min_count(min_count: int) -> int:
    """The minimum count per shown cell: refused below the floor of 3."""
    if min_count < MIN_HOTSPOT_COUNT:
        raise ValidationFailed(
            M_(
                "Mindste antal hændelser pr. celle skal være mindst {least} (ikke {count}): "
                "færre kunne udpege enkelte indbrud.",
                least=MIN_HOTSPOT_COUNT,
                count=min_count,
            )
        )
    return min_count


def incident_rows(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's incidents, oldest first (day, time_of_day, offence, address, x, y in UTM32
    metres, lat, lon, is_demo): the police of the district and the administrator only."""
    _require_incidents(con, viewer=viewer, code=code)
    statement = (
        select(
            col(Incident.day),
            col(Incident.time_of_day),
            col(Incident.offence),
            col(Incident.address),
            col(Incident.x),
            col(Incident.y),
            col(Incident.is_demo),
        )
        .where(col(Incident.municipality_code) == code)
        .order_by(col(Incident.day), col(Incident.id))
    )
    frame = read_frame(con, statement)
    positions = [to_wgs84(float(x), float(y)) for x, y in zip(frame["x"], frame["y"], strict=True)]
    frame["lat"] = [lat for lat, _ in positions]
    frame["lon"] = [lon for _, lon in positions]
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    frame["is_demo"] = frame["is_demo"].astype(bool)
    for column in ("time_of_day", "offence", "address"):  # an empty cell is None, never NaN
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame = frame[ROW_COLUMNS]
    if viewer.role not in (Role.POLICE, Role.ADMIN):  # the address is the police's alone
        frame = frame.drop(columns="address")
    return frame


def _points(con: Connectable, code: int) -> list[Any]:
    """Every incident of the municipality as models.hotspots.Point (day, x, y), oldest first.
    Private: no refusal here; only aggregates of these points may leave this module."""
    from models.hotspots import Point

    statement = (
        select(col(Incident.day), col(Incident.x), col(Incident.y))
        .where(col(Incident.municipality_code) == code)
        .order_by(col(Incident.day), col(Incident.id))
    )
    frame = read_frame(con, statement)
    days = pd.to_datetime(frame["day"]).dt.date
    return [
        Point(day=day, x=float(x), y=float(y))
        for day, x, y in zip(days, frame["x"], frame["y"], strict=True)
    ]


def incident_points(con: Connectable, *, viewer: Actor, code: int) -> list[Any]:
    """The municipality's incidents as the hotspot model's points: the police of the district and
    the administrator only."""
    _require_incidents(con, viewer=viewer, code=code)
    return _points(con, code)


def incident_aggregates(
    con: Connectable,
    *,
    viewer: Actor,
    code: int,
    start: date,
    end: date,
    size_m: int = 250,
    min_count: int = MIN_HOTSPOT_COUNT,
) -> Any:
    """Incidents per grid cell from start to end, for anyone who may view the municipality:
    models.hotspots.cell_counts' (cells of at least min_count as (cell, lat, lon, count) at the
    cell centre, how many cells were suppressed). min_count below 3 is refused."""
    require_read(con, viewer=viewer, municipality_code=code)
    check_min_count(min_count)
    from models.hotspots import cell_counts

    try:
        return cell_counts(
            _points(con, code), start=start, end=end, size_m=size_m, min_count=min_count
        )
    except ValueError as refused:  # the model's own Danish refusals
        raise ValidationFailed(str(refused)) from refused


def incident_scan(
    con: Connectable,
    *,
    viewer: Actor,
    code: int,
    until: date | None = None,
    weeks: int = 4,
    size_m: int = 250,
    min_count: int = MIN_HOTSPOT_COUNT,
    baseline_weeks: int = 104,
    fdr: float = 0.05,
) -> Any:
    """The hotspot scan of the last `weeks` up to `until` (default today), for anyone who may view
    the municipality: models.hotspots.scan's HotspotScan (cells of at least min_count only)."""
    require_read(con, viewer=viewer, municipality_code=code)
    check_min_count(min_count)
    from models.hotspots import scan

    try:
        return scan(
            _points(con, code),
            until=until or date.today(),
            weeks=weeks,
            size_m=size_m,
            min_count=min_count,
            baseline_weeks=baseline_weeks,
            fdr=fdr,
        )
    except ValueError as refused:  # the model's own Danish refusals (weeks, baseline, size)
        raise ValidationFailed(str(refused)) from refused
