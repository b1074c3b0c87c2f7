"""Goal validation: every rule names what is wrong, in Danish."""

import pytest
from sqlalchemy import Engine

from dataio.errors import ValidationFailed
from dataio.store.goals import (
    GoalChange,
    create_helper_goal,
    find_goal,
    goals_for_editing,
    update_goal,
    validate_goal,
)
from tests.factories import LEADER, POLICE, goal_change


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


@pytest.mark.parametrize(
    ("unit", "target", "indicator", "message"),
    [
        ("household_share", 10.0, "helpers", "andel af husstandene er et tal mellem 0 og 1"),
        ("household_share", 0.0, "helpers", "andel af husstandene er et tal mellem 0 og 1"),
        ("increase", 500.0, "burglaries", "Kun et mål for nabohjælpere"),
        ("procent", 5.0, "helpers", "Ukendt måltype «procent»"),
    ],
)
def test_helper_goal_units_are_checked(
    unit: str, target: float, indicator: str, message: str
) -> None:
    change = GoalChange(None, 2020, target, None, 2030, "", target_unit=unit)
    with pytest.raises(ValidationFailed, match=message):
        validate_goal(change, indicator=indicator, national=False)


@pytest.mark.parametrize(
    ("unit", "target"), [("level", 1500.0), ("increase", 300.0), ("household_share", 0.1)]
)
def test_a_helper_goal_is_created_and_the_police_edit_it(
    seeded_engine: Engine, unit: str, target: float
) -> None:
    change = GoalChange(None, 2024, target, None, 2030, "aftalt på mødet", target_unit=unit)
    created = create_helper_goal(seeded_engine, actor=LEADER, municipality_code=183, change=change)
    stored = find_goal(seeded_engine, indicator="helpers", code=183)
    assert stored is not None and (stored.id, stored.target_unit, stored.target) == (
        created.id,
        unit,
        target,
    )
    with pytest.raises(ValidationFailed, match="har allerede et mål for nabohjælpere"):
        create_helper_goal(seeded_engine, actor=LEADER, municipality_code=183, change=change)
    # the district's police see it among the goals they may edit, and edit it
    assert [g.id for g in goals_for_editing(seeded_engine, actor=POLICE)] == [created.id]
    saved = update_goal(
        seeded_engine,
        actor=POLICE,
        goal_id=created.id or 0,
        change=GoalChange(None, 2024, target * 0.5, None, 2031, "ny aftale", target_unit=unit),
        loaded_version=stored.row_version,
    )
    assert saved.changed and (saved.goal.target, saved.goal.target_year) == (target * 0.5, 2031)
