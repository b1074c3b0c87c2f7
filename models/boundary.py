"""Is a position in a municipality? Ray casting against its boundary in UTM zone 32N metres.

The shipped boundaries are DAGI 1:500.000, simplified (Ishøj has 20 vertices), so a straight edge
cuts corners of the real boundary by up to a few hundred metres. A position is therefore accepted
when it lies inside the polygon or within `tolerance_m` of its edge (BOUNDARY_TOLERANCE_M, 300 m by
default): a burglary on the real boundary's outer side of a cut corner is not refused, and a
position in the next town but one still is. Pure: numpy and models.projection only.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np

from models.projection import to_utm32

BOUNDARY_TOLERANCE_M = 300.0
_CHUNK = 2048  # positions tested at once (a chunk times the edges is the work array's size)

Ring = np.ndarray  # (n, 2) easting, northing; closed (first == last)


def utm_rings(geometry: dict[str, Any]) -> list[Ring]:
    """Every ring (outer rings and holes) of a GeoJSON Polygon or MultiPolygon, in UTM32 metres."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    rings: list[Ring] = []
    for polygon in polygons:
        for ring in polygon:
            points = [to_utm32(float(lat), float(lon)) for lon, lat, *_ in ring]
            if points and points[0] != points[-1]:
                points.append(points[0])
            if len(points) >= 4:
                rings.append(np.asarray(points, dtype=float))
    return rings


def _edges(rings: Sequence[Ring]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.concatenate([ring[:-1] for ring in rings])
    ends = np.concatenate([ring[1:] for ring in rings])
    return starts, ends


def _inside(x: np.ndarray, y: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Even-odd ray casting: a ray to the east crosses the edges an odd number of times (holes
    and islands come out right because every ring's edges count)."""
    x1, y1 = starts[:, 0][None, :], starts[:, 1][None, :]
    x2, y2 = ends[:, 0][None, :], ends[:, 1][None, :]
    px, py = x[:, None], y[:, None]
    straddles = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    crosses = straddles & (px < crossing_x)
    return np.count_nonzero(crosses, axis=1) % 2 == 1


def _distance(x: np.ndarray, y: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Each position's distance in metres to the nearest edge."""
    x1, y1 = starts[:, 0][None, :], starts[:, 1][None, :]
    dx, dy = (ends[:, 0] - starts[:, 0])[None, :], (ends[:, 1] - starts[:, 1])[None, :]
    px, py = x[:, None], y[:, None]
    length2 = dx * dx + dy * dy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(length2 > 0, ((px - x1) * dx + (py - y1) * dy) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.sqrt((x1 + t * dx - px) ** 2 + (y1 + t * dy - py) ** 2).min(axis=1)


def within(
    rings: Sequence[Ring],
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    tolerance_m: float = BOUNDARY_TOLERANCE_M,
) -> list[bool]:
    """For each UTM32 position: inside the rings, or within tolerance_m of an edge."""
    if not rings:
        return [False] * len(xs)
    starts, ends = _edges(rings)
    x_all, y_all = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    result: list[bool] = []
    for first in range(0, len(x_all), _CHUNK):
        x, y = x_all[first : first + _CHUNK], y_all[first : first + _CHUNK]
        inside = _inside(x, y, starts, ends)
        near = _distance(x, y, starts, ends) <= tolerance_m
        result.extend(bool(v) for v in inside | near)
    return result
