"""The shipped boundaries (dataio/seed/reference/geo/, DAGI 1:500.000, simplified, WGS84): the
municipalities and the police districts dissolved from them, as GeoJSON geometries by code.

Read once per process (the files do not change while it runs); callers get copies they may keep.
The maps (`ui/maps.py`) colour these shapes; the geometry itself is `models/geo.py`'s."""

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

GEO_DIR = Path(__file__).resolve().parent / "reference" / "geo"
BOUNDARY_SOURCE = "Kommunegrænser: DAGI, Geodatastyrelsen (1:500.000, forenklet)"


@lru_cache(maxsize=4)
def _features(name: str) -> tuple[dict[str, Any], ...]:
    with (GEO_DIR / name).open(encoding="utf-8") as file:
        collection = json.load(file)
    return tuple(collection["features"])


def municipality_shapes() -> dict[int, dict[str, Any]]:
    """DST municipality code -> its (multi)polygon geometry (99: the 98 and Christiansø, 411)."""
    return {
        int(f["properties"]["code"]): f["geometry"] for f in _features("municipalities.geojson")
    }


def police_district_shapes() -> dict[int, dict[str, Any]]:
    """Police district number (1-12) -> its (multi)polygon geometry."""
    return {
        int(f["properties"]["number"]): f["geometry"] for f in _features("police_districts.geojson")
    }
