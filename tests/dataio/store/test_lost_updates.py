"""Two people save the same row from the same loaded version: the rival's save lands between the
first save's read and its write (a deterministic interleaving, on SQLite and PostgreSQL). The
first save must be refused with both versions, and must write no audit row. Plan rows and goals."""

import json

import pytest
from sqlalchemy import Engine, text

from dataio.store.action_plans import (
    ItemEdit,
    SaveResult,
    create_plan,
    plan_items,
    save_changes,
    template,
)
from dataio.store.goals import GoalChange, GoalConflict, find_goal, update_goal
from models.permissions import Actor, Role
from models.tables import Goal
from tests.factories import ADMIN, COLLEAGUE, LEADER, READER
from tests.support.interleave import rival_before_write, second_engine

TITLE = "Planlægningsmøde"


@pytest.fixture
def plan(seeded_engine: Engine) -> Engine:
    create_plan(
        seeded_engine,
        actor=LEADER,
        municipality_code=183,
        template_rows=list(range(len(template()))),
    )
    return seeded_engine


def current(engine: Engine) -> dict:
    items = plan_items(engine, viewer=READER, municipality_code=183)
    return items[items["title"] == TITLE].iloc[0].to_dict()


def audit_rows(engine: Engine, action: str) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT before, after FROM audit_entry WHERE action = :a ORDER BY id"),
            {"a": action},
        ).all()
    return [{"before": json.loads(r[0]), "after": r[1] and json.loads(r[1])} for r in rows]


@pytest.mark.parametrize("mine", [{"notes": "min tekst"}, None], ids=["update", "delete"])
def test_a_save_started_between_read_and_write_is_refused(plan: Engine, mine: dict | None) -> None:
    loaded = current(plan)
    item_id, version = int(loaded["id"]), int(loaded["row_version"])
    theirs = ItemEdit(item_id, version, {"notes": "kollegaens tekst"}, label=TITLE)
    rival_engine = second_engine(plan)
    results: dict[str, SaveResult] = {}

    def rival() -> None:
        results["rival"] = save_changes(
            rival_engine, actor=COLLEAGUE, municipality_code=183, edits=[theirs]
        )

    try:
        with rival_before_write(plan, table="action_item", rival=rival) as hooked:
            results["mine"] = save_changes(
                plan,
                actor=LEADER,
                municipality_code=183,
                edits=[ItemEdit(item_id, version, mine, label=TITLE)],
            )
    finally:
        rival_engine.dispose()
    assert hooked, "the rival never ran between the read and the write"
    assert results["rival"].saved == 1
    assert (results["mine"].saved, len(results["mine"].conflicts)) == (0, 1)
    [conflict] = results["mine"].conflicts
    assert conflict.theirs["notes"] == "kollegaens tekst" and conflict.changed_by == "kollega"
    assert conflict.yours == (mine or {"slettet": True})
    stored = current(plan)  # the rival's save stands, and the row was not deleted
    assert (stored["notes"], stored["row_version"]) == ("kollegaens tekst", version + 1)
    # only the rival's audit row, and its "before" is the row as it really was
    updates = audit_rows(plan, "action_item.update") + audit_rows(plan, "action_item.delete")
    assert len(updates) == 1 and updates[0]["before"]["notes"] == loaded["notes"]


# --- goals ----------------------------------------------------------------------------------

OTHER_ADMIN = Actor("admin2", Role.ADMIN)


def national_goal(engine: Engine) -> Goal:
    goal = find_goal(engine, indicator="burglaries", code=None)
    assert goal is not None and goal.id is not None
    return goal


def with_target(goal: Goal, target: float) -> GoalChange:
    """The goal as loaded, with a new target level."""
    return GoalChange(
        baseline=goal.baseline,
        baseline_year=goal.baseline_year,
        target=target,
        target_reduction=None,
        target_year=goal.target_year,
        source_note=goal.source_note,
    )


def test_a_goal_save_started_between_read_and_write_is_refused(seeded_engine: Engine) -> None:
    loaded = national_goal(seeded_engine)
    assert loaded.id is not None and loaded.target == 10000
    rival_engine = second_engine(seeded_engine)

    def rival() -> None:
        update_goal(
            rival_engine,
            actor=OTHER_ADMIN,
            goal_id=loaded.id or 0,
            change=with_target(loaded, 8000),
            loaded_version=loaded.row_version,
        )

    updates = len(audit_rows(seeded_engine, "goal.update"))
    try:
        with (
            rival_before_write(seeded_engine, table="goal", rival=rival) as hooked,
            pytest.raises(GoalConflict) as refused,
        ):
            update_goal(
                seeded_engine,
                actor=ADMIN,
                goal_id=loaded.id,
                change=with_target(loaded, 7000),
                loaded_version=loaded.row_version,
            )
    finally:
        rival_engine.dispose()
    assert hooked, "the rival never ran between the read and the write"
    message = str(refused.value)
    assert "ændret af admin2" in message and "målniveau er nu 8.000" in message
    assert "du ville gemme 7.000" in message
    stored = national_goal(seeded_engine)
    assert (stored.target, stored.row_version) == (8000, loaded.row_version + 1)
    assert len(audit_rows(seeded_engine, "goal.update")) == updates + 1  # the rival's only


def test_a_goal_saved_from_an_older_page_is_refused(seeded_engine: Engine) -> None:
    loaded = national_goal(seeded_engine)
    first = update_goal(
        seeded_engine,
        actor=OTHER_ADMIN,
        goal_id=loaded.id or 0,
        change=with_target(loaded, 8000),
        loaded_version=loaded.row_version,
    )
    assert first.changed and first.goal.row_version == loaded.row_version + 1
    with pytest.raises(GoalConflict, match=r"målniveau er nu 8\.000 \(du ville gemme 7\.000\)"):
        update_goal(
            seeded_engine,
            actor=ADMIN,
            goal_id=loaded.id or 0,
            change=with_target(loaded, 7000),
            loaded_version=loaded.row_version,
        )
    assert national_goal(seeded_engine).target == 8000


def test_a_goal_save_that_changes_nothing_writes_nothing(seeded_engine: Engine) -> None:
    loaded = national_goal(seeded_engine)
    with seeded_engine.connect() as connection:
        version = connection.execute(text("SELECT version FROM data_version")).scalar_one()
    saved = update_goal(
        seeded_engine,
        actor=ADMIN,
        goal_id=loaded.id or 0,
        change=with_target(loaded, loaded.target or 0),
        loaded_version=loaded.row_version,
    )
    assert not saved.changed and saved.goal.row_version == loaded.row_version
    assert audit_rows(seeded_engine, "goal.update") == []
    with seeded_engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM data_version")).scalar_one() == version
