"""Ray casting against a boundary in metres, with the tolerance buffer: hand-drawn cases."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.boundary import within

# A 1000 m square with a 200 m square hole in its middle, and a separate 100 m island.
SQUARE = np.array([(0, 0), (1000, 0), (1000, 1000), (0, 1000), (0, 0)], dtype=float)
HOLE = np.array([(400, 400), (600, 400), (600, 600), (400, 600), (400, 400)], dtype=float)
ISLAND = np.array([(2000, 0), (2100, 0), (2100, 100), (2000, 100), (2000, 0)], dtype=float)
RINGS = [SQUARE, HOLE, ISLAND]
CASES = [
    # (x, y, tolerance, inside or near) -- by hand
    (100, 100, 0, True),
    (500, 500, 0, False),  # in the hole
    (500, 500, 100, True),  # 100 m from the hole's edge
    (500, 500, 99, False),
    (1100, 500, 0, False),
    (1100, 500, 100, True),  # 100 m east of the square
    (1100, 500, 99.9, False),
    (1070, 1070, 100, True),  # 99,0 m from the corner (1000, 1000)
    (1071, 1071, 100, False),  # 100,4 m from it
    (2050, 50, 0, True),  # on the island
    (1500, 50, 300, False),  # between square and island, 400 m from the island
    (-300, -300, 300, False),  # 424 m from the corner
]


@pytest.mark.parametrize(("x", "y", "tolerance", "expected"), CASES)
def test_within(x: float, y: float, tolerance: float, expected: bool) -> None:
    assert within(RINGS, [x], [y], tolerance_m=tolerance) == [expected]


def test_no_boundary_contains_nothing() -> None:
    assert within([], [1.0, 2.0], [3.0, 4.0]) == [False, False]


@given(st.lists(st.tuples(st.floats(-500, 1500), st.floats(-500, 1500)), max_size=50))
def test_many_positions_at_once_agree_with_one_at_a_time(points: list[tuple[float, float]]) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert within(RINGS, xs, ys, tolerance_m=50) == [
        within(RINGS, [x], [y], tolerance_m=50)[0] for x, y in points
    ]
