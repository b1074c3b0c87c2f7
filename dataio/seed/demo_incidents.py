"""A demo police extract ("Eksempeldata") for Ishøj (183): two years of reported residential
burglaries with one hotspot in the last four weeks, generated with a seeded RNG.

Background: about 300 a year, from a fixed mixture of a few neighbourhoods of uneven weight (the
same every week, so the intensity is stable) and a thin spread over the whole municipality, every
position inside the shipped boundary. Hotspot: HOTSPOT_COUNT burglaries within 125 m of one
spot (a dozen within 250 m of each other, most in one 250 m square), in the 28 days up to and
including "today", in a part of town the background seldom visits. Addresses are invented ("Eksempelvej 12").

The same extract is written to the database by `botrygt demo` and `botrygt init --demo`
(`ensure_demo_incidents`, `write_demo_incidents`) and as the police's CSV layout by
`demo_incident_csv`, which tests import through the real importer.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from dataio.files.incidents import municipality_rings
from models.boundary import within
from models.domain import SourceKind
from models.projection import to_wgs84
from models.tables import DataSource, Incident

DEMO_MUNICIPALITY = 183  # Ishøj
SEED = 16  # issue 16
PER_YEAR = 300
YEARS = 2
NEIGHBOURHOODS = 6
SPREAD_M = 450.0  # a neighbourhood's standard deviation
UNIFORM_SHARE = 0.25  # of the background spread evenly over the municipality
HOTSPOT_COUNT = 12
HOTSPOT_RADIUS_M = 125.0  # every hotspot burglary within this of its centre: a dozen within 250 m
HOTSPOT_OFFSET_M = (30.0, -20.0)  # from the centre of a 250 m square, so most fall in that square
HOTSPOT_DAYS = 28
DATASET = "incident"  # the demo sources name their table, as the other demo generators do
OFFENCES = ("Indbrud i villa/rækkehus", "Indbrud i lejlighed", "Forsøg på indbrud")


@dataclass(frozen=True)
class DemoIncident:
    """One generated burglary: when, where (UTM32 metres and WGS84), and its invented details."""

    day: date
    x: float
    y: float
    lat: float
    lon: float
    time_of_day: str
    offence: str
    address: str
    in_hotspot: bool


def _inside(rings: tuple[np.ndarray, ...], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.asarray(within(rings, list(x), list(y), tolerance_m=0.0))


def _positions(
    rng: np.random.Generator,
    rings: tuple[np.ndarray, ...],
    n: int,
    draw: Callable[[np.random.Generator, int], np.ndarray],
) -> np.ndarray:
    """n positions from `draw`, redrawn until inside the boundary."""
    found: list[np.ndarray] = []
    have = 0
    while have < n:
        xy = draw(rng, 2 * (n - have) + 16)
        keep = xy[_inside(rings, xy[:, 0], xy[:, 1])]
        found.append(keep)
        have += len(keep)
    return np.concatenate(found)[:n]


class Draw:
    """Candidate positions: a mixture of neighbourhoods and an even spread over the bounding box."""

    def __init__(
        self, box: tuple[float, float, float, float], centres: np.ndarray, weights: np.ndarray
    ) -> None:
        self.box, self.centres, self.weights = box, centres, weights

    def __call__(self, rng: np.random.Generator, n: int) -> np.ndarray:
        west, south, east, north = self.box
        even = rng.random(n) < UNIFORM_SHARE
        which = rng.choice(len(self.centres), size=n, p=self.weights)
        xy = self.centres[which] + rng.normal(0.0, SPREAD_M, size=(n, 2))
        xy[even] = np.column_stack(
            [rng.uniform(west, east, int(even.sum())), rng.uniform(south, north, int(even.sum()))]
        )
        return xy


def _uniform(
    rng: np.random.Generator, box: tuple[float, float, float, float], n: int
) -> np.ndarray:
    west, south, east, north = box
    return np.column_stack([rng.uniform(west, east, n), rng.uniform(south, north, n)])


def _hotspot_centre(
    rng: np.random.Generator,
    rings: tuple[np.ndarray, ...],
    box: tuple[float, float, float, float],
    centres: np.ndarray,
) -> np.ndarray:
    """Of candidate spots more than 600 m inside the boundary, the one farthest from every
    neighbourhood (so the background there is thin and the hotspot stands out)."""
    candidates = _uniform(rng, box, 400)
    inside = _inside(rings, candidates[:, 0], candidates[:, 1])
    ring_points = np.concatenate(rings)
    candidates = candidates[inside]
    edge = np.sqrt(((candidates[:, None, :] - ring_points[None, :, :]) ** 2).sum(-1)).min(1)
    candidates = candidates[edge > 600.0]
    nearest = np.sqrt(((candidates[:, None, :] - centres[None, :, :]) ** 2).sum(-1)).min(1)
    return candidates[int(np.argmax(nearest))]


def demo_incidents(*, today: date, seed: int = SEED) -> list[DemoIncident]:
    """The demo extract for Ishøj up to `today`, oldest first (deterministic for a seed and day)."""
    rng = np.random.default_rng(seed)
    rings = municipality_rings(DEMO_MUNICIPALITY)
    ring_points = np.concatenate(rings)
    box = (
        float(ring_points[:, 0].min()),
        float(ring_points[:, 1].min()),
        float(ring_points[:, 0].max()),
        float(ring_points[:, 1].max()),
    )
    centres = _positions(rng, rings, NEIGHBOURHOODS, lambda r, n: _uniform(r, box, n))
    weights = rng.gamma(1.5, size=NEIGHBOURHOODS)
    weights /= weights.sum()
    spot = _hotspot_centre(rng, rings, box, centres)
    hotspot = (spot // 250.0) * 250.0 + 125.0 + np.array(HOTSPOT_OFFSET_M)

    days_back = YEARS * 365
    background = int(rng.poisson(PER_YEAR * YEARS))
    xy = _positions(rng, rings, background, Draw(box, centres, weights))
    back_days = rng.integers(1, days_back + 1, size=background)  # 1..730 days before today

    angle = rng.uniform(0, 2 * np.pi, HOTSPOT_COUNT)
    radius = HOTSPOT_RADIUS_M * np.sqrt(rng.uniform(0, 1, HOTSPOT_COUNT))
    hot_xy = hotspot + np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    hot_days = rng.integers(0, HOTSPOT_DAYS, size=HOTSPOT_COUNT)  # today and the 27 days before

    all_xy = np.concatenate([xy, hot_xy])
    all_days = np.concatenate([back_days, hot_days])
    hot = np.concatenate([np.zeros(background, bool), np.ones(HOTSPOT_COUNT, bool)])
    hours = rng.choice(24, size=len(all_days), p=_hour_weights())
    minutes = rng.integers(0, 12, size=len(all_days)) * 5
    offences = rng.choice(len(OFFENCES), size=len(all_days), p=[0.55, 0.3, 0.15])
    houses = rng.integers(1, 120, size=len(all_days))
    incidents = []
    for i in range(len(all_days)):
        x, y = float(all_xy[i, 0]), float(all_xy[i, 1])
        lat, lon = to_wgs84(x, y)
        incidents.append(
            DemoIncident(
                day=today - timedelta(days=int(all_days[i])),
                x=round(x, 1),
                y=round(y, 1),
                lat=round(lat, 6),
                lon=round(lon, 6),
                time_of_day=f"{int(hours[i]):02d}:{int(minutes[i]):02d}",
                offence=OFFENCES[int(offences[i])],
                address=f"Eksempelvej {int(houses[i])}",
                in_hotspot=bool(hot[i]),
            )
        )
    return sorted(incidents, key=lambda incident: (incident.day, incident.time_of_day))


def _hour_weights() -> np.ndarray:
    """Burglaries in homes cluster in the afternoon and early evening."""
    weights = np.array([1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 8, 9, 9, 8, 6, 4, 3, 2, 1.0])
    return weights / weights.sum()


def demo_incident_csv(*, today: date, seed: int = SEED) -> bytes:
    """The demo extract as the police's CSV (UTF-8 with BOM, `;`, dates DD-MM-YYYY, WGS84)."""
    lines = ["dato;lat;lon;klokkeslaet;overtraedelse;adresse"]
    for incident in demo_incidents(today=today, seed=seed):
        lines.append(
            f"{incident.day:%d-%m-%Y};{incident.lat:.6f};{incident.lon:.6f};"
            f"{incident.time_of_day};{incident.offence};{incident.address}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def has_demo_incidents(session: Session) -> bool:
    """Whether any incident (demo or real) is stored."""
    return session.exec(select(Incident.id).limit(1)).first() is not None


def write_demo_incidents(session: Session, *, today: date) -> int:
    """Replace the demo extract (real imported incidents are kept; where the municipality has real
    ones, no demo is written). Returns the number of rows written."""
    session.execute(delete(Incident).where(col(Incident.is_demo)))
    session.execute(
        delete(DataSource).where(col(DataSource.is_demo), col(DataSource.dataset) == DATASET)
    )
    real = session.exec(
        select(Incident.id).where(col(Incident.municipality_code) == DEMO_MUNICIPALITY).limit(1)
    ).first()
    if real is not None:
        return 0
    incidents = demo_incidents(today=today)
    now = datetime.now(UTC)
    source = DataSource(
        name="Eksempeldata: politiets hændelser (Ishøj)",
        kind=SourceKind.DEMO,
        dataset=DATASET,
        description="Genererede indbrud med position (ikke rigtige hændelser)",
        rows=len(incidents),
        rows_read=len(incidents),
        periods=f"{incidents[0].day.isoformat()} til {incidents[-1].day.isoformat()}",
        as_of=today,
        loaded_at=now,
        loaded_by="botrygt demo",
        is_demo=True,
    )
    session.add(source)
    session.flush()
    session.execute(
        insert(Incident),
        [
            {
                "municipality_code": DEMO_MUNICIPALITY,
                "day": incident.day,
                "x": incident.x,
                "y": incident.y,
                "time_of_day": incident.time_of_day,
                "offence": incident.offence,
                "address": incident.address,
                "import_id": source.id,
                "is_demo": True,
                "created_at": now,
            }
            for incident in incidents
        ],
    )
    return len(incidents)


def ensure_demo_incidents(session: Session, *, today: date) -> int:
    """The demo extract, written only when no incident is stored yet."""
    if has_demo_incidents(session):
        return 0
    return write_demo_incidents(session, today=today)
