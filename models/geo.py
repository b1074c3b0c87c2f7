"""Plain geometry for the maps: the bounding box of GeoJSON geometries and a view that fits it.

GeoJSON positions are (longitude, latitude) in WGS84. Pure functions, no drawing library."""

import math
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple


class Bounds(NamedTuple):
    """A bounding box in degrees."""

    west: float
    south: float
    east: float
    north: float


class View(NamedTuple):
    """Where a web map looks: its centre and deck.gl's zoom level."""

    latitude: float
    longitude: float
    zoom: float


def positions(geometry: dict[str, Any]) -> Iterator[tuple[float, float]]:
    """Every (lon, lat) of a Polygon or MultiPolygon geometry (outer rings and holes)."""
    kind, coordinates = geometry["type"], geometry["coordinates"]
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    for polygon in polygons:
        for ring in polygon:
            for lon, lat, *_ in ring:
                yield float(lon), float(lat)


def bounds(
    geometries: Iterable[dict[str, Any]], points: Iterable[tuple[float, float]] = ()
) -> Bounds | None:
    """The box around the geometries and extra (lon, lat) points; None when there is nothing."""
    lons: list[float] = []
    lats: list[float] = []
    for geometry in geometries:
        for lon, lat in positions(geometry):
            lons.append(lon)
            lats.append(lat)
    for lon, lat in points:
        lons.append(float(lon))
        lats.append(float(lat))
    if not lons:
        return None
    return Bounds(min(lons), min(lats), max(lons), max(lats))


def fit_view(box: Bounds | None, *, width_px: int, height_px: int, max_zoom: float = 12.0) -> View:
    """The Web-Mercator zoom at which the box fills a map of this size (with a 10 % margin).

    At zoom z the world is 512 * 2**z pixels wide (deck.gl's tiles are 512 px), so a span of
    `d` degrees of longitude takes 512 * 2**z * d / 360 pixels; latitude is measured in Mercator
    y. No box: all of Denmark."""
    if box is None:
        return View(56.1, 10.9, 5.7)
    lon_span = max(box.east - box.west, 1e-4)
    y_span = max(_mercator_y(box.north) - _mercator_y(box.south), 1e-6)
    zoom_x = math.log2(width_px * 360 / (512 * lon_span * 1.1))
    zoom_y = math.log2(height_px * 2 * math.pi / (512 * y_span * 1.1))
    zoom = min(zoom_x, zoom_y, max_zoom)
    centre_y = (_mercator_y(box.north) + _mercator_y(box.south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return View(round(latitude, 4), round((box.east + box.west) / 2, 4), round(zoom, 2))


def _mercator_y(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))
