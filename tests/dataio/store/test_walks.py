"""Safety walks and their follow-ups, on SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.action_plans import plan_items
from dataio.store.walks import (
    add_walk,
    follow_up_to_item,
    open_follow_ups,
    set_observation_status,
    walk_table,
)
from tests.factories import LEADER, POLICE, READER, make_plan, make_walk


def test_walk_with_observations_and_open_follow_ups(seeded_engine: Engine) -> None:
    make_walk(seeded_engine)
    follow_ups = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183)
    assert list(follow_ups["number"]) == [1, 2] and set(follow_ups["status"]) == {"åben"}
    first = follow_ups.iloc[0]
    set_observation_status(
        seeded_engine,
        actor=LEADER,
        observation_id=int(first["id"]),
        loaded_version=int(first["row_version"]),
        status="lukket",
    )
    assert list(
        open_follow_ups(seeded_engine, viewer=READER, municipality_code=183)["description"]
    ) == ["Høj hæk"]
    walks = walk_table(seeded_engine, viewer=READER, municipality_code=183)
    assert (int(walks.iloc[0]["observations"]), int(walks.iloc[0]["open"])) == (2, 1)


def test_a_follow_up_becomes_a_plan_item(seeded_engine: Engine) -> None:
    make_walk(seeded_engine)
    observation = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183).iloc[0]
    with pytest.raises(ValidationFailed, match="ingen handlingsplan"):
        follow_up_to_item(seeded_engine, actor=LEADER, observation_id=int(observation["id"]))
    make_plan(seeded_engine, template_rows=[0])
    item_id = follow_up_to_item(seeded_engine, actor=LEADER, observation_id=int(observation["id"]))
    items = plan_items(seeded_engine, viewer=READER, municipality_code=183)
    added = items[items["id"] == item_id].iloc[0]
    assert (added["track"], added["title"], added["owner_name"]) == (
        "Spor 1",
        "Opfølgning (Vejleåparken): Mørk sti",
        "Kommunen",
    )
    linked = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183).iloc[0]
    assert (linked["action_item_id"], linked["status"]) == (item_id, "i gang")
    with pytest.raises(ValidationFailed, match="allerede i handlingsplanen"):
        follow_up_to_item(seeded_engine, actor=LEADER, observation_id=int(observation["id"]))


def test_stale_status_change_is_refused(seeded_engine: Engine) -> None:
    make_walk(seeded_engine)
    observation = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183).iloc[0]
    set_observation_status(
        seeded_engine,
        actor=LEADER,
        observation_id=int(observation["id"]),
        loaded_version=1,
        status="i gang",
    )
    with pytest.raises(ValidationFailed, match="ændret af projektleder i mellemtiden"):
        set_observation_status(
            seeded_engine,
            actor=LEADER,
            observation_id=int(observation["id"]),
            loaded_version=1,
            status="lukket",
        )


@pytest.mark.parametrize(
    ("extra", "message"),
    [({"area": " "}, "Angiv området"), ({"lat": 40.0}, "Position"), ({"lon": None}, "Position")],
)
def test_bad_walks_are_refused(seeded_engine: Engine, extra: dict, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        make_walk(seeded_engine, **extra)
    assert walk_table(seeded_engine, viewer=READER, municipality_code=183).empty


def test_police_cannot_register_walks(seeded_engine: Engine) -> None:
    with pytest.raises(PermissionDenied):
        add_walk(
            seeded_engine,
            actor=POLICE,
            municipality_code=183,
            walk_date=date(2026, 10, 1),
            area="X",
        )
