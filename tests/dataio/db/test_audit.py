"""The audit trail: written or rolled back with its change, append-only, read within scope."""

import json
from typing import Any, NoReturn

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from dataio.db import audit
from dataio.db.audit import audit_entries
from dataio.store.goals import create_local_goal, find_goal, update_goal
from dataio.store.users import add_user
from models.permissions import Actor
from tests.factories import (
    ADMIN,
    COUNCIL,
    OTHER_LEADER,
    OTHER_POLICE,
    POLICE,
    goal_change,
    row_count,
)

CHANGE = goal_change(target=8000, target_year=2031, source_note="ny")


def national_goal_id(engine: Engine) -> int:
    goal = find_goal(engine, indicator="burglaries", code=None)
    assert goal is not None and goal.id is not None
    return goal.id


def test_change_and_its_audit_row_are_one_write(seeded_engine: Engine) -> None:
    update_goal(seeded_engine, actor=ADMIN, goal_id=national_goal_id(seeded_engine), change=CHANGE)
    entries = audit_entries(seeded_engine, viewer=ADMIN)
    latest = entries.iloc[0]
    assert (latest["username"], latest["action"], latest["entity"]) == (
        "admin",
        "goal.update",
        "goal",
    )
    assert json.loads(latest["before"])["target"] == 10000.0
    assert json.loads(latest["after"])["target"] == 8000.0
    assert latest["summary"] == "Mål for hele landet (indbrud) ændret"


def test_failure_after_the_audit_row_rolls_back_both(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_record = audit.record

    def record_then_fail(*args: Any, **kwargs: Any) -> NoReturn:
        real_record(*args, **kwargs)
        raise RuntimeError("the disk is full, mid-write")

    monkeypatch.setattr("dataio.store.goals.audit.record", record_then_fail)
    audit_rows = row_count(seeded_engine, "audit_entry")
    with pytest.raises(RuntimeError, match="mid-write"):
        update_goal(
            seeded_engine, actor=ADMIN, goal_id=national_goal_id(seeded_engine), change=CHANGE
        )
    goal = find_goal(seeded_engine, indicator="burglaries", code=None)
    assert goal is not None and (goal.target, goal.target_year) == (10000.0, 2030)
    assert row_count(seeded_engine, "audit_entry") == audit_rows


def test_failing_audit_write_leaves_the_change_unmade(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_record(*_args: object, **_kwargs: object) -> NoReturn:
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr("dataio.store.users.audit.record", broken_record)
    users = row_count(seeded_engine, "app_user")
    with pytest.raises(RuntimeError):
        add_user(
            seeded_engine,
            actor=ADMIN,
            username="skygge",
            display_name="S",
            role="admin",
            password="en-lang-kode-123",
        )
    assert row_count(seeded_engine, "app_user") == users


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_entry SET username = 'someone else'", "DELETE FROM audit_entry"]
)
def test_audit_trail_is_append_only_in_the_database(seeded_engine: Engine, statement: str) -> None:
    update_goal(seeded_engine, actor=ADMIN, goal_id=national_goal_id(seeded_engine), change=CHANGE)
    with pytest.raises(DatabaseError, match="append-only"), seeded_engine.begin() as connection:
        connection.execute(text(statement))
    assert row_count(seeded_engine, "audit_entry") >= 1


def test_passwords_never_reach_the_log(seeded_engine: Engine) -> None:
    add_user(
        seeded_engine,
        actor=ADMIN,
        username="ny",
        display_name="Ny",
        role="admin",
        password="en-lang-kode-123",
    )
    after = audit_entries(seeded_engine, viewer=ADMIN).iloc[0]["after"]
    assert "password_hash" not in json.loads(after) and "$2b$" not in after


def test_each_role_sees_only_its_scope(seeded_engine: Engine) -> None:
    update_goal(
        seeded_engine, actor=ADMIN, goal_id=national_goal_id(seeded_engine), change=CHANGE
    )  # national
    create_local_goal(seeded_engine, actor=ADMIN, municipality_code=183)  # Ishøj, district 10
    create_local_goal(seeded_engine, actor=ADMIN, municipality_code=101)  # København, district 11
    add_user(
        seeded_engine,
        actor=ADMIN,
        username="ny",
        display_name="Ny",
        role="admin",
        password="en-lang-kode-123",
    )

    def seen(viewer: Actor) -> set[str]:
        return set(audit_entries(seeded_engine, viewer=viewer)["summary"])

    national = "Mål for hele landet (indbrud) ændret"
    ishoj, kobenhavn = (
        "Lokalt mål for Ishøj (indbrud) oprettet",
        "Lokalt mål for København (indbrud) oprettet",
    )
    user = "Bruger ny oprettet (admin)"
    assert {national, ishoj, kobenhavn, user} <= seen(ADMIN)
    assert seen(COUNCIL) == {national, ishoj}
    assert seen(OTHER_LEADER) == {national, kobenhavn}
    assert seen(POLICE) == {national, ishoj}
    assert seen(OTHER_POLICE) == {national}
