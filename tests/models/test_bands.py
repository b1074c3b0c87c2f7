"""The projection band's points, the same for the page's and the meeting pack's charts."""

from datetime import date

import pytest

from models.bands import ProjectionBand, burglary_band, helper_band, projection_band
from models.burglaries import BurglaryAssessment
from models.domain import Status
from models.neighbour_help import HelperAssessment, LevelProjection
from models.trends import Projection


def projection(year: int, expected: float, low: float, high: float) -> Projection:
    return Projection(year, expected, low, high, -0.05, -0.08, -0.02, (2021, 2022, 2023))


def test_band_opens_at_the_latest_figure_and_runs_through_every_step() -> None:
    band = projection_band(
        start=2024, level=1000, steps=[(2025, 900, 1100, 950), (2026, 800, 1150, 900)]
    )
    assert band == ProjectionBand(
        x=[2024, 2025, 2026],
        low=[1000.0, 900, 800],
        high=[1000.0, 1100, 1150],
        expected=[1000.0, 950, 900],
    )


def test_outline_goes_out_along_the_high_end_and_back_along_the_low_end() -> None:
    band = ProjectionBand(
        x=[1, 2, 3], low=[10.0, 8, 6], high=[10.0, 12, 14], expected=[10.0, 10, 10]
    )
    assert band.outline() == ([1, 2, 3, 3, 2, 1], [10.0, 12, 14, 6, 8, 10])


def test_no_steps_no_band() -> None:
    assert projection_band(start=2024, level=1000, steps=[]) is None


def burglaries(**fields: object) -> BurglaryAssessment:
    values: dict[str, object] = {
        "goal": None,
        "latest_year": 2024,
        "latest_count": 1000,
        "required_for_latest_year": None,
        "projection": None,
        "status": Status.INSUFFICIENT_EVIDENCE,
    }
    values.update(fields)
    return BurglaryAssessment(**values)  # type: ignore[arg-type]


def test_burglary_band_is_one_point_a_year_to_the_target() -> None:
    steps = [projection(2025, 950, 900, 1000), projection(2026, 900, 820, 990)]
    band = burglary_band(burglaries(projection=steps[-1], band=steps))
    assert band is not None
    assert (band.x, band.low, band.high, band.expected) == (
        [2024, 2025, 2026],
        [1000, 900, 820],
        [1000, 1000, 990],
        [1000, 950, 900],
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"band": []},  # fewer than three years: no projection
        {"latest_year": None, "latest_count": None, "band": [projection(2025, 950, 900, 1000)]},
        {"latest_count": None, "band": [projection(2025, 950, 900, 1000)]},
    ],
)
def test_no_burglary_band_without_a_start_or_steps(fields: dict[str, object]) -> None:
    assert burglary_band(burglaries(**fields)) is None


def helpers(**fields: object) -> HelperAssessment:
    values: dict[str, object] = {
        "latest": 1200,
        "as_of": date(2026, 6, 30),
        "households": None,
        "per_100_households": None,
        "baseline": None,
        "change_since_baseline": None,
        "target": None,
        "target_year": None,
        "progress": None,
        "nabovenner": None,
        "nabovenner_needed": None,
        "coverage": None,
        "projection": LevelProjection(date(2030, 12, 31), 2000, 1700, 2300, 180, 150, 210, 8),
        "status": Status.ON_TRACK,
    }
    values.update(fields)
    return HelperAssessment(**values)  # type: ignore[arg-type]


def test_helper_band_runs_from_the_latest_count_to_the_deadline() -> None:
    band = helper_band(helpers())
    assert band is not None
    assert band.x == [date(2026, 6, 30), date(2030, 12, 31)]
    assert (band.low, band.high, band.expected) == ([1200, 1700], [1200, 2300], [1200, 2000])


@pytest.mark.parametrize("fields", [{"projection": None}, {"as_of": None}, {"latest": None}])
def test_no_helper_band_without_a_projection_or_a_count(fields: dict[str, object]) -> None:
    assert helper_band(helpers(**fields)) is None
