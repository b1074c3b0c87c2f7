"""Announced partnership targets (free text) become goal fields."""

from datetime import date

import pytest

from models.announced import (
    AnnouncedTarget,
    parse_burglary_target,
    parse_helper_target,
    parse_partner_since,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 per year by 2023", AnnouncedTarget(target=150, target_year=2023)),
        ("two thirds fewer", AnnouncedTarget(target_reduction=2 / 3)),
        ("under 85 per year", AnnouncedTarget(target=85)),
        ("66% fewer", AnnouncedTarget(target_reduction=0.66)),
        (
            "two thirds fewer within 5 years",
            AnnouncedTarget(target_reduction=2 / 3, years_after_start=5),
        ),
        ("under 1,230 per year", AnnouncedTarget(target=1230)),
        ("", None),
        (None, None),
        ("be a safer town", None),  # nothing measurable: no goal rather than a made-up one
    ],
)
def test_parse_burglary_target(text: str | None, expected: AnnouncedTarget | None) -> None:
    assert parse_burglary_target(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018", date(2018, 1, 1)),
        ("2019-10", date(2019, 10, 1)),
        ("2021-03-01", date(2021, 3, 1)),
        (None, None),
        ("", None),
    ],
)
def test_parse_partner_since(text: str | None, expected: date | None) -> None:
    assert parse_partner_since(text) == expected


@pytest.mark.parametrize(
    ("text", "unit", "target"),
    [
        ("at least 2,000 new helpers", "increase", 2000.0),
        ("2,000 more helpers", "increase", 2000.0),
        ("1,275 new active helpers", "increase", 1275.0),
        ("over 400 new helpers", "increase", 400.0),
        ("60% of households in Nabohjælp", "household_share", 0.6),
    ],
)
def test_parse_helper_target(text: str, unit: str, target: float) -> None:
    parsed = parse_helper_target(text)
    assert parsed is not None
    assert (parsed.unit, parsed.target) == (unit, pytest.approx(target))


@pytest.mark.parametrize("text", [None, "", "  ", "more neighbours"])
def test_parse_helper_target_without_a_number(text: str | None) -> None:
    assert parse_helper_target(text) is None
