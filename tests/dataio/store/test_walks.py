"""Safety walks and their follow-ups, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import Engine, text

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from dataio.store.walks import (
    closed_follow_ups,
    follow_up_to_item,
    open_follow_ups,
    set_observation_status,
    walk_table,
)
from tests.factories import COUNCIL, LEADER, POLICE, READER, make_plan, make_walk


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
        note="Lyset er sat op",
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


def test_police_of_the_district_register_walks_and_the_council_cannot(
    seeded_engine: Engine,
) -> None:
    # the guide: police and municipality make the plan together, walks included
    make_walk(seeded_engine, actor=POLICE)
    assert len(walk_table(seeded_engine, viewer=READER, municipality_code=183)) == 1
    with pytest.raises(PermissionDenied):
        make_walk(seeded_engine, actor=COUNCIL)


def audit_rows(engine: Engine, entity_key: str) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                text(
                    "SELECT username, action, summary FROM audit_entry "
                    "WHERE entity = 'walk_observation' AND entity_key = :k ORDER BY id"
                ),
                {"k": entity_key},
            )
        ]


def test_a_follow_up_is_closed_and_reopened_with_a_note_who_and_when(
    seeded_engine: Engine,
) -> None:
    make_walk(seeded_engine)
    first = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183).iloc[0]
    key = str(int(first["id"]))
    with pytest.raises(ValidationFailed, match="Skriv en note om, hvorfor opfølgningen lukkes"):
        set_observation_status(
            seeded_engine,
            actor=LEADER,
            observation_id=int(first["id"]),
            loaded_version=1,
            status="lukket",
            note="  ",
        )
    set_observation_status(
        seeded_engine,
        actor=POLICE,  # the district's police close follow-ups too
        observation_id=int(first["id"]),
        loaded_version=1,
        status="lukket",
        note="Lyset er sat op",
    )
    [closed] = closed_follow_ups(seeded_engine, viewer=READER, municipality_code=183).to_dict(
        "records"
    )
    assert (closed["description"], closed["status_note"], closed["changed_by"]) == (
        "Mørk sti",
        "Lyset er sat op",
        "politi",
    )
    assert closed["changed_at"] is not None
    with pytest.raises(ValidationFailed, match="genåbnes"):
        set_observation_status(
            seeded_engine,
            actor=LEADER,
            observation_id=int(first["id"]),
            loaded_version=2,
            status="åben",
        )
    set_observation_status(
        seeded_engine,
        actor=LEADER,
        observation_id=int(first["id"]),
        loaded_version=2,
        status="åben",
        note="Lampen er gået igen",
    )
    assert closed_follow_ups(seeded_engine, viewer=READER, municipality_code=183).empty
    assert list(open_follow_ups(seeded_engine, viewer=READER, municipality_code=183)["number"]) == [
        1,
        2,
    ]
    assert audit_rows(seeded_engine, key) == [
        (
            "politi",
            "walk_observation.update",
            "Opfølgning 1 fra Vejleåparken: lukket (Lyset er sat op)",
        ),
        (
            "projektleder",
            "walk_observation.update",
            "Opfølgning 1 fra Vejleåparken: genåbnet (Lampen er gået igen)",
        ),
    ]


def test_finishing_the_plan_item_closes_its_follow_up(seeded_engine: Engine) -> None:
    make_walk(seeded_engine)
    make_plan(seeded_engine, template_rows=[0])
    first, second = open_follow_ups(seeded_engine, viewer=READER, municipality_code=183).iloc[:2][
        "id"
    ]
    item_id = follow_up_to_item(seeded_engine, actor=LEADER, observation_id=int(first))
    items = plan_items(seeded_engine, viewer=READER, municipality_code=183)
    item = items[items["id"] == item_id].iloc[0]
    edit = ItemEdit(
        id=item_id,
        loaded_version=int(item["row_version"]),
        values={"status": "færdig"},
        label=str(item["title"]),
    )
    assert save_changes(seeded_engine, actor=LEADER, municipality_code=183, edits=[edit]).saved == 1
    assert list(open_follow_ups(seeded_engine, viewer=READER, municipality_code=183)["id"]) == [
        second
    ]
    [closed] = closed_follow_ups(seeded_engine, viewer=READER, municipality_code=183).to_dict(
        "records"
    )
    assert closed["status_note"] == (
        "Lukket, da aktiviteten «Opfølgning (Vejleåparken): Mørk sti» blev færdig"
    )
    assert [a for _, a, _ in audit_rows(seeded_engine, str(int(first)))] == [
        "walk_observation.update"
    ]
