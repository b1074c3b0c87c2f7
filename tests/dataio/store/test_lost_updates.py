"""Two people save the same row from the same loaded version: the rival's save lands between the
first save's read and its write (a deterministic interleaving, on SQLite and PostgreSQL). The
first save must be refused with both versions, and must write no audit row. Plan rows."""

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
from models.permissions import Actor, Role
from tests.support.interleave import rival_before_write, second_engine

LEADER = Actor("projektleder", Role.PROJECT_LEADER, municipality_code=183)
COLLEAGUE = Actor("kollega", Role.ADMIN)
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
    items = plan_items(engine, municipality_code=183)
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

