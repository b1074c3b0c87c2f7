"""Every role, every write action, in scope and out: refused ones raise and write nothing at all."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text

from dataio.files.incidents import import_incidents
from dataio.seed.demo_users import DEMO_USERS
from dataio.store.goals import (
    GoalChange,
    create_helper_goal,
    create_local_goal,
    find_goal,
    update_goal,
)
from dataio.store.users import add_user, change_own_password, rescope_user, set_active, set_password
from dataio.survey_rounds.local import add_local_measure
from dataio.survey_rounds.schedule import ScheduleInput, create_schedule
from models.errors import PermissionDenied
from models.permissions import Actor
from models.projection import to_utm32  # the town hall square in København (OTHER)
from tests.factories import ADMIN, COLLEAGUE, COUNCIL, LEADER, POLICE, goal_change
from tests.support.incident_extracts import TODAY, ExtractRow, extract, inside_positions

ACTORS = {actor.username: actor for actor in (ADMIN, LEADER, POLICE, COUNCIL)}
PASSWORDS = {u.username: u.password for u in DEMO_USERS}
CHANGE = goal_change(
    baseline=30000, target=None, target_reduction=0.5, target_year=2029, source_note="test"
)
HELPER_GOAL = GoalChange(None, 2024, 500.0, None, 2030, "test", target_unit="increase")
OWN, OTHER = (
    183,
    101,
)  # Ishøj (the demo scope: district 10) and København (district 11), neither with a goal


def _goal_for(code: int) -> Callable[[Engine], None]:
    """Set-up: make sure the municipality has a goal to edit (not the write under test)."""

    def setup(engine: Engine) -> None:
        if find_goal(engine, indicator="burglaries", code=code) is None:
            create_local_goal(engine, actor=COLLEAGUE, municipality_code=code)

    return setup


def _edit_goal(code: int | None) -> Callable[[Engine, Actor], Any]:
    def edit(engine: Engine, actor: Actor) -> Any:
        goal = find_goal(engine, indicator="burglaries", code=code)
        assert goal is not None and goal.id is not None
        return update_goal(
            engine, actor=actor, goal_id=goal.id, change=CHANGE, loaded_version=goal.row_version
        )

    return edit


def _import_incidents(code: int, position: tuple[float, float]) -> Callable[[Engine, Actor], Any]:
    """The police's extract for a municipality: one burglary at a position inside it."""

    def run(engine: Engine, actor: Actor) -> Any:
        data = extract([ExtractRow(date(2026, 11, 2), *position)], layout="xy")
        return import_incidents(
            engine, actor=actor, municipality_code=code, data=data, file_name="f.csv", today=TODAY
        )

    return run


def _schedule(code: int) -> Callable[[Engine, Actor], Any]:
    """Plan the municipality's next survey round."""

    def run(engine: Engine, actor: Actor) -> Any:
        values = ScheduleInput(
            year=2027, invitation_date=date(2027, 3, 1), close_date=date(2027, 3, 29)
        )
        return create_schedule(engine, actor=actor, code=code, values=values)

    return run


def _local_question(code: int) -> Callable[[Engine, Actor], Any]:
    """Add a local survey question to the municipality."""

    def run(engine: Engine, actor: Actor) -> Any:
        return add_local_measure(
            engine,
            actor=actor,
            code=code,
            question="Tryg?",
            categories=["Ja", "Nej"],
            in_share=["Nej"],
        )

    return run


def _nothing(engine: Engine) -> None:
    return None


@dataclass(frozen=True)
class Write:
    """One write action: its set-up, the call, and the roles the issue says may make it."""

    setup: Callable[[Engine], None]
    call: Callable[[Engine, Actor], Any]
    allowed: frozenset[str]


def write(
    call: Callable[[Engine, Actor], Any], *allowed: str, setup: Callable[[Engine], None] = _nothing
) -> Write:
    return Write(setup, call, frozenset(allowed))


# Hand-written from the roles issue, not derived from the rule book.
WRITES: dict[str, Write] = {
    "add_user": write(
        lambda e, a: add_user(
            e,
            actor=a,
            username="ny-bruger",
            display_name="Ny",
            role="council",
            password="en-lang-kode-123",
            municipality_code=OWN,
        ),
        "admin",
    ),
    "disable_user": write(
        lambda e, a: set_active(e, actor=a, username="byraad", active=False), "admin"
    ),
    "rescope_user": write(
        lambda e, a: rescope_user(
            e,
            actor=a,
            username="byraad",
            role="council",
            municipality_code=OTHER,
            police_district_number=None,
        ),
        "admin",
    ),
    "reset_password": write(
        lambda e, a: set_password(e, actor=a, username="byraad", password="nulstillet-kode-1"),
        "admin",
    ),
    "edit_national_goal": write(_edit_goal(None), "admin"),
    "edit_local_goal_own": write(_edit_goal(OWN), "admin", "projektleder", setup=_goal_for(OWN)),
    "edit_local_goal_other": write(_edit_goal(OTHER), "admin", setup=_goal_for(OTHER)),
    "create_local_goal_own": write(
        lambda e, a: create_local_goal(e, actor=a, municipality_code=OWN), "admin", "projektleder"
    ),
    "create_local_goal_other": write(
        lambda e, a: create_local_goal(e, actor=a, municipality_code=OTHER), "admin"
    ),
    "create_helper_goal_own": write(
        lambda e, a: create_helper_goal(e, actor=a, municipality_code=OWN, change=HELPER_GOAL),
        "admin",
        "projektleder",
        "politi",  # the police of the district set helper goals with the municipality
    ),
    "create_helper_goal_other": write(
        lambda e, a: create_helper_goal(e, actor=a, municipality_code=OTHER, change=HELPER_GOAL),
        "admin",
    ),
    # single incidents: the police of the district and the administrator, nobody else
    "import_incidents_own": write(_import_incidents(OWN, inside_positions()[0]), "admin", "politi"),
    "import_incidents_other": write(_import_incidents(OTHER, to_utm32(55.6761, 12.5683)), "admin"),
    # surveys as a process (dataio.survey_rounds): the municipality's project leader and the admin
    "create_survey_schedule_own": write(_schedule(OWN), "admin", "projektleder"),
    "create_survey_schedule_other": write(_schedule(OTHER), "admin"),
    "add_local_question_own": write(_local_question(OWN), "admin", "projektleder"),
    "add_local_question_other": write(_local_question(OTHER), "admin"),
    "change_own_password": write(
        lambda e, a: change_own_password(
            e, actor=a, old_password=PASSWORDS[a.username], new_password="en-helt-ny-kode-9"
        ),
        "admin",
        "projektleder",
        "politi",
        "byraad",
    ),
}


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a write may touch."""
    with engine.connect() as connection:
        return {
            table: [
                tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            ]
            for table in ("goal", "app_user", "audit_entry", "incident")
        }


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("write_name", list(WRITES))
def test_write_matrix(seeded_engine: Engine, write_name: str, role: str) -> None:
    case = WRITES[write_name]
    case.setup(seeded_engine)
    before = snapshot(seeded_engine)
    if role in case.allowed:
        case.call(seeded_engine, ACTORS[role])
        after = snapshot(seeded_engine)
        assert len(after["audit_entry"]) == len(before["audit_entry"]) + 1
        assert after["audit_entry"][-1][2] == ACTORS[role].username  # who
        return
    with pytest.raises(PermissionDenied, match=r"^Ingen adgang: du er "):
        case.call(seeded_engine, ACTORS[role])
    assert snapshot(seeded_engine) == before
