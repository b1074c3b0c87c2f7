"""The projection band as the charts draw it: from the latest figure out to the projected ones (pure).

The page (plotly) and the meeting pack (matplotlib) draw the same points from here, so the band
cannot start, widen or end differently in the two.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from models.burglaries import BurglaryAssessment
from models.neighbour_help import HelperAssessment

X = TypeVar("X", int, date)


@dataclass(frozen=True)
class ProjectionBand(Generic[X]):
    """Points along x (years or dates), each with the 95 % interval and the expected level.

    The first point is the latest figure itself (low = high = expected), so the band opens from it.
    """

    x: list[X]
    low: list[float]
    high: list[float]
    expected: list[float]

    def outline(self) -> tuple[list[X], list[float]]:
        """The band as one closed outline, out along the high end and back along the low end
        (for a filled polygon such as plotly's fill="toself")."""
        return self.x + self.x[::-1], self.high + self.low[::-1]


def projection_band(
    *, start: X, level: float, steps: Sequence[tuple[X, float, float, float]]
) -> ProjectionBand[X] | None:
    """A band from (start, level) through steps of (x, low, high, expected); None without steps."""
    if not steps:
        return None
    return ProjectionBand(
        x=[start] + [x for x, _, _, _ in steps],
        low=[float(level)] + [low for _, low, _, _ in steps],
        high=[float(level)] + [high for _, _, high, _ in steps],
        expected=[float(level)] + [expected for _, _, _, expected in steps],
    )


def burglary_band(result: BurglaryAssessment) -> ProjectionBand[int] | None:
    """The yearly projections from the latest complete year to the target year (None without)."""
    if result.latest_year is None or result.latest_count is None:
        return None
    return projection_band(
        start=result.latest_year,
        level=result.latest_count,
        steps=[(p.to_year, p.low, p.high, p.expected) for p in result.band],
    )


def helper_band(result: HelperAssessment) -> ProjectionBand[date] | None:
    """The straight-line projection from the latest count to the deadline (None without)."""
    p = result.projection
    if p is None or result.as_of is None or result.latest is None:
        return None
    return projection_band(
        start=result.as_of, level=result.latest, steps=[(p.to_date, p.low, p.high, p.expected)]
    )
