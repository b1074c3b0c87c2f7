"""UTM zone 32N and WGS84 round trips on known Danish positions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.projection import looks_like_utm32, looks_like_wgs84, to_utm32, to_wgs84

# (lat, lon) and their EPSG:25832 metres: on the central meridian 9° E the easting is 500 000
# exactly and the northing 0.9996 times the GRS80 meridian arc to 56° N (about 6 208 563 m).
KNOWN = [
    (56.0, 9.0, 500_000.0, 6_206_080.0),
    (55.6763, 12.5681, 724_000.0, 6_176_000.0),  # Copenhagen City Hall, within a km
]


@pytest.mark.parametrize(("lat", "lon", "x", "y"), KNOWN)
def test_known_positions(lat: float, lon: float, x: float, y: float) -> None:
    got_x, got_y = to_utm32(lat, lon)
    tolerance = 1.0 if x == 500_000.0 else 1_000.0
    assert got_x == pytest.approx(x, abs=tolerance)
    assert got_y == pytest.approx(y, abs=tolerance)


@settings(max_examples=50, deadline=None)
@given(st.floats(54.6, 57.7), st.floats(8.1, 15.1))
def test_round_trip_is_within_a_millimetre(lat: float, lon: float) -> None:
    x, y = to_utm32(lat, lon)
    back = to_wgs84(x, y)
    assert back == pytest.approx((lat, lon), abs=1e-8)
    assert looks_like_utm32(x, y)
    assert looks_like_wgs84(lat, lon)


def test_utm_metres_in_the_lat_lon_columns_are_recognised() -> None:
    assert not looks_like_wgs84(6_170_000.0, 700_000.0)
    assert not looks_like_utm32(55.6, 12.3)
