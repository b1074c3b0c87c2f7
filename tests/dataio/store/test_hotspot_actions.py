"""From a hotspot to action: each proposal writes its plan item and its activity or walk together,
linked to the cell; a user without the right, or a municipality without a plan, writes nothing."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.errors import NotFound, PermissionDenied
from dataio.store.action_plans import plan_items, save_changes
from dataio.store.incidents.actions import allowed_proposals, hotspot_actions, take_proposal
from dataio.store.neighbour_help import activities, add_activity, sign_ups_by_kind
from dataio.store.walks import walk_table
from models.hotspot_actions import HotspotPlace, Proposal
from models.permissions import Target
from tests.factories import (
    ADMIN,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_POLICE,
    POLICE,
    VESTEGN,
    ItemEdit,
    make_plan,
    row_count,
)

PLACE = HotspotPlace(cell="250m:E713000N6166000", lat=55.6153, lon=12.3502)
DAY = date(2026, 12, 15)


def test_a_mobile_police_station_is_a_police_item_and_an_activity(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    taken = take_proposal(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        proposal=Proposal.POLICE_STATION,
        place=PLACE,
        day=DAY,
    )
    items = plan_items(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ).set_index("id")
    item = items.loc[taken.action_item_id]
    assert item["organisation"] == "politi" and str(item["due_date"])[:10] == "2026-12-15"
    assert item["title"] == (
        "Mobil politistation ved hotspot, felt 250m:E713000N6166000 (55,6153° N, 12,3502° Ø)"
    )
    activity = activities(seeded_engine, viewer=ADMIN, codes=[ISHOJ]).set_index("id")
    assert activity.loc[taken.activity_id, "kind"] == "mobil politistation"
    assert taken.walk_id is None
    [link] = hotspot_actions(seeded_engine, viewer=COUNCIL, code=ISHOJ).itertuples()
    assert (link.cell, link.proposal, link.title) == (PLACE.cell, "police_station", item["title"])
    # planned, not held: it does not pull the kind's sign-ups per activity down before the day
    assert "mobil politistation" not in set(
        sign_ups_by_kind(seeded_engine, viewer=ADMIN, codes=[ISHOJ], today=date(2026, 12, 14))[
            "kind"
        ]
    )
    assert "mobil politistation" in set(
        sign_ups_by_kind(seeded_engine, viewer=ADMIN, codes=[ISHOJ], today=DAY)["kind"]
    )


def test_a_walk_is_registered_at_the_cells_centre(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    taken = take_proposal(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        proposal=Proposal.WALK,
        place=PLACE,
        day=DAY,
    )
    walk = walk_table(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ).set_index("id")
    assert walk.loc[taken.walk_id, "area"].startswith("Hotspot-område, felt 250m:E713000N6166000")
    items = plan_items(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ).set_index("id")
    assert items.loc[taken.action_item_id, "organisation"] == "fælles"


@pytest.mark.parametrize(
    ("actor", "proposal"),
    [
        (COUNCIL, Proposal.WALK),
        (COUNCIL, Proposal.RECRUITMENT),
        (LEADER, Proposal.POLICE_STATION),  # the activity is the police's to register
        (OTHER_POLICE, Proposal.POLICE_STATION),  # another district
    ],
)
def test_without_the_right_nothing_is_written(
    seeded_engine: Engine, actor: object, proposal: Proposal
) -> None:
    make_plan(seeded_engine, template_rows=[0])
    before = {t: row_count(seeded_engine, t) for t in ("action_item", "hotspot_action")}
    with pytest.raises(PermissionDenied):
        take_proposal(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            municipality_code=ISHOJ,
            proposal=proposal,
            place=PLACE,
            day=DAY,
        )
    assert {t: row_count(seeded_engine, t) for t in before} == before


def test_without_a_plan_not_even_the_activity_is_written(seeded_engine: Engine) -> None:
    with pytest.raises(NotFound, match="ingen handlingsplan"):
        take_proposal(
            seeded_engine,
            actor=POLICE,
            municipality_code=ISHOJ,
            proposal=Proposal.POLICE_STATION,
            place=PLACE,
            day=DAY,
        )
    assert row_count(seeded_engine, "recruitment_activity") == 0
    assert row_count(seeded_engine, "hotspot_action") == 0


def test_deleting_the_item_keeps_the_cells_record(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    taken = take_proposal(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        proposal=Proposal.RECRUITMENT,
        place=PLACE,
        day=DAY,
    )
    items = plan_items(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ).set_index("id")
    version = int(items.loc[taken.action_item_id, "row_version"])
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        edits=[ItemEdit(id=taken.action_item_id, loaded_version=version, values=None)],
    )
    [link] = hotspot_actions(seeded_engine, viewer=ADMIN, code=ISHOJ).itertuples()
    assert link.cell == PLACE.cell and link.title is None


def test_allowed_proposals_per_role() -> None:
    target = Target(ISHOJ, VESTEGN)
    assert allowed_proposals(COUNCIL, target) == []
    assert allowed_proposals(LEADER, target) == [Proposal.WALK, Proposal.RECRUITMENT]
    assert allowed_proposals(POLICE, target) == list(Proposal)
    assert allowed_proposals(OTHER_POLICE, target) == []


def test_an_activity_added_by_hand_still_counts_on_its_day(seeded_engine: Engine) -> None:
    add_activity(
        seeded_engine,
        actor=POLICE,
        municipality_code=ISHOJ,
        activity_date=DAY,
        kind="messe",
        place="Torvet",
        sign_ups=10,
    )
    frame = sign_ups_by_kind(seeded_engine, viewer=ADMIN, codes=[ISHOJ], today=DAY)
    assert list(frame["sign_ups"]) == [10]
