"""Positions between WGS84 (lat/lon, what a map draws) and UTM zone 32N (EPSG:25832, metres, what
Danish authorities record and what the hotspot grid is laid in).

pyproj computes; it draws nothing and reads nothing from the network (PROJ's network grids stay off,
the default), so this stays a pure model. The transformers are built once per process.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyproj import Transformer

WGS84 = 4326
UTM32 = 25832

# Denmark (with Bornholm and a margin) in each system: a position outside is not Danish.
LAT_RANGE = (54.4, 57.9)
LON_RANGE = (7.8, 15.4)
EASTING_RANGE = (400_000.0, 910_000.0)
NORTHING_RANGE = (6_030_000.0, 6_420_000.0)


@cache
def _transformer(source: int, target: int) -> Transformer:
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def to_utm32(lat: float, lon: float) -> tuple[float, float]:
    """(easting, northing) in metres for a WGS84 position."""
    x, y = _transformer(WGS84, UTM32).transform(lon, lat)
    return float(x), float(y)


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(lat, lon) for a UTM zone 32N position in metres."""
    lon, lat = _transformer(UTM32, WGS84).transform(x, y)
    return float(lat), float(lon)


def looks_like_wgs84(lat: float, lon: float) -> bool:
    """Whether a pair could be a Danish lat/lon (and not, say, UTM metres put in those columns)."""
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


def looks_like_utm32(x: float, y: float) -> bool:
    """Whether a pair could be a Danish UTM zone 32N easting/northing."""
    return EASTING_RANGE[0] <= x <= EASTING_RANGE[1] and NORTHING_RANGE[0] <= y <= NORTHING_RANGE[1]
