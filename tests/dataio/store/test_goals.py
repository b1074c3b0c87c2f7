"""Goal validation: every rule names what is wrong, in Danish."""

import pytest

from dataio.errors import ValidationFailed
from dataio.store.goals import GoalChange, validate_goal
from tests.factories import goal_change


@pytest.mark.parametrize(
    ("changes", "indicator", "national", "message"),
    [
        (
            {"target_year": 2017},
            "burglaries",
            True,
            "Målåret (2017) skal ligge efter udgangsåret (2017)",
        ),
        ({"baseline_year": 1900}, "burglaries", True, "mellem 1990 og 2100"),
        (
            {"target_reduction": 0.5},
            "burglaries",
            True,
            "enten et målniveau eller en procentvis reduktion",
        ),
        ({"target": None}, "burglaries", True, "enten et målniveau eller en procentvis reduktion"),
        ({"target": None, "target_reduction": 1.2}, "burglaries", False, "mellem 0 og 100 %"),
        ({"baseline": 0.0}, "burglaries", False, "større end 0"),
        ({"target": -1.0}, "burglaries", False, "negativt"),
        ({"target": 1e23}, "burglaries", False, "Målniveauet er for stort (højst 1.000.000)"),
        ({"baseline": 3e9}, "helpers", False, "Udgangspunktet er for stort"),
        ({"baseline": 0.25, "target": 10.0}, "insecurity", True, "andel mellem 0 og 1"),
        ({"baseline": None}, "burglaries", True, "nationalt mål skal have et udgangspunkt"),
    ],
)
def test_invalid_goals_are_refused(
    changes: dict, indicator: str, national: bool, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_goal(goal_change(**changes), indicator=indicator, national=national)


@pytest.mark.parametrize(
    ("changes", "national"),
    [({}, True), ({"baseline": None}, False), ({"target": None, "target_reduction": 0.66}, False)],
)
def test_valid_goals_pass(changes: dict, national: bool) -> None:
    validate_goal(goal_change(**changes), indicator="burglaries", national=national)


def test_a_helper_goal_cannot_be_a_reduction() -> None:
    change = GoalChange(
        baseline=None,
        baseline_year=2020,
        target=None,
        target_reduction=0.5,
        target_year=2030,
        source_note="",
    )
    with pytest.raises(ValidationFailed, match="nabohjælpere"):
        validate_goal(change, indicator="helpers", national=False)
    validate_goal(
        GoalChange(None, 2020, 1275.0, None, 2030, ""), indicator="helpers", national=False
    )
