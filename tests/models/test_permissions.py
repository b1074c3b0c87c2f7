"""The rule book: every role, every action, in scope and out of scope."""

import pytest

from models.errors import PermissionDenied
from models.permissions import Action, Role, Target, allows, require, validate_scope
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE

ISHOJ = Target(183, 10)  # own municipality
ALBERTSLUND = Target(165, 10)  # same police district, other municipality
AARHUS = Target(751, 2)  # other district
NATIONAL = Target()

# For each action: the (actor, target) pairs that are allowed; everything else is refused.
# Spelled out by hand from the roles issue, not derived from the implementation.
A = Action
EXPECTED_ALLOWED: dict[Action, set[tuple[str, str]]] = {
    A.VIEW_NATIONAL: {
        (r, t) for r in "aPcb" for t in ("ishoj", "albertslund", "aarhus", "national")
    },
    A.VIEW_AUDIT: {(r, t) for r in "aPcb" for t in ("ishoj", "albertslund", "aarhus", "national")},
    A.CHANGE_OWN_PASSWORD: {
        (r, t) for r in "aPcb" for t in ("ishoj", "albertslund", "aarhus", "national")
    },
    A.CHANGE_OWN_SETTINGS: {
        (r, t) for r in "aPcb" for t in ("ishoj", "albertslund", "aarhus", "national")
    },
    A.VIEW_MUNICIPALITY: {("P", "ishoj"), ("b", "ishoj"), ("c", "ishoj"), ("c", "albertslund")},
    A.MANAGE_USERS: set(),
    A.EDIT_NATIONAL_GOALS: set(),
    A.EDIT_LOCAL_GOALS: {("P", "ishoj")},
    A.EDIT_HELPER_GOALS: {("P", "ishoj"), ("c", "ishoj"), ("c", "albertslund")},
    A.IMPORT_DATA: {("P", "ishoj")},
    A.EDIT_ACTION_PLAN: {("P", "ishoj")},
    A.EDIT_POLICE_ACTION_ITEMS: {("P", "ishoj"), ("c", "ishoj"), ("c", "albertslund")},
    A.EDIT_SAFETY_WALKS: {("P", "ishoj"), ("c", "ishoj"), ("c", "albertslund")},
    A.EDIT_HELPERS: {("c", "ishoj"), ("c", "albertslund")},
    A.EDIT_SURVEYS: {("P", "ishoj")},
    A.EDIT_PARTNERSHIPS: set(),  # the administrator's alone
    A.EDIT_MEETINGS: {("P", "ishoj")},  # the police and the council read the meetings
    A.PUBLISH_PUBLIC_VIEW: {("P", "ishoj")},  # the project leader (and the administrator)
    # single incidents: the police of the district (and the administrator), nobody else
    A.VIEW_INCIDENTS: {("c", "ishoj"), ("c", "albertslund")},
    A.IMPORT_INCIDENTS: {("c", "ishoj"), ("c", "albertslund")},
    # track 3: the project leader and the district's police log the press; the council reads
    A.EDIT_PRESS_LOG: {("P", "ishoj"), ("c", "ishoj"), ("c", "albertslund")},
    A.EDIT_STAKEHOLDERS: {("P", "ishoj")},  # the register is the project leader's
}
ACTORS = {"a": ADMIN, "P": LEADER, "c": POLICE, "b": COUNCIL}
TARGETS = {"ishoj": ISHOJ, "albertslund": ALBERTSLUND, "aarhus": AARHUS, "national": NATIONAL}
CASES = [(action, actor, target) for action in Action for actor in ACTORS for target in TARGETS]


def test_every_action_has_an_expectation() -> None:
    assert set(EXPECTED_ALLOWED) == set(Action)


@pytest.mark.parametrize(("action", "actor", "target"), CASES)
def test_matrix(action: Action, actor: str, target: str) -> None:
    expected = actor == "a" or (actor, target) in EXPECTED_ALLOWED[action]
    assert allows(ACTORS[actor], action, TARGETS[target]) is expected


def test_refusal_names_the_role_and_the_action() -> None:
    with pytest.raises(PermissionDenied) as refused:
        require(COUNCIL, Action.EDIT_ACTION_PLAN, ISHOJ, where="Ishøj")
    assert (
        str(refused.value)
        == "Ingen adgang: du er byråd for kommune 183 og må ikke ændre handlingsplanen for Ishøj."
    )


def test_require_is_silent_when_allowed() -> None:
    require(LEADER, Action.EDIT_ACTION_PLAN, ISHOJ)


@pytest.mark.parametrize(
    ("role", "municipality", "district", "problem"),
    [
        (Role.ADMIN, None, None, None),
        (Role.ADMIN, 183, None, "administrator bindes ikke"),
        (Role.PROJECT_LEADER, 183, None, None),
        (Role.PROJECT_LEADER, None, None, "netop én kommune"),
        (Role.PROJECT_LEADER, 183, 10, "netop én kommune"),
        (Role.COUNCIL, None, 10, "netop én kommune"),
        (Role.POLICE, None, 10, None),
        (Role.POLICE, 183, None, "netop én politikreds"),
    ],
)
def test_validate_scope(
    role: Role, municipality: int | None, district: int | None, problem: str | None
) -> None:
    result = validate_scope(
        role=role, municipality_code=municipality, police_district_number=district
    )
    assert (result is None) if problem is None else (problem in (result or ""))
