"""The partnership's actions as dated events for the quarter chart: finished plan items, safety
walks and recruitment activities of one municipality, refused outside the viewer's scope."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.errors import PermissionDenied
from dataio.store.action_plans import plan_items, save_changes
from dataio.store.neighbour_help import add_activity
from dataio.store.walks import action_events
from tests.factories import (
    ADMIN,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_LEADER,
    item_edit,
    make_plan,
    make_walk,
)


def test_done_items_walks_and_activities(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0, 1, 2])
    first = str(plan_items(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ)["title"].iloc[0])
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        edits=[item_edit(seeded_engine, first, status="færdig", progress=100)],
    )
    make_walk(seeded_engine, walk_date=date(2026, 10, 1), area="Vejleåparken")
    add_activity(
        seeded_engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        activity_date=date(2026, 9, 12),
        kind="messe",
        place="Torvet",
        sign_ups=12,
    )
    add_activity(
        seeded_engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        activity_date=date(2026, 9, 20),
        kind="mobil politistation",
        place="Ishøj Bycenter",
        sign_ups=4,
    )
    events = action_events(seeded_engine, viewer=COUNCIL, code=ISHOJ)  # the council reads
    by_kind = {e.kind: e for e in events}
    assert set(by_kind) == {"plan_done", "walk", "police_station", "recruitment"}
    assert len(events) == 4
    assert by_kind["police_station"].label == "mobil politistation, Ishøj Bycenter"
    assert by_kind["plan_done"].label == first
    assert by_kind["plan_done"].day == date.today()  # marked done today
    assert (by_kind["walk"].day, by_kind["walk"].label) == (date(2026, 10, 1), "Vejleåparken")
    assert (by_kind["recruitment"].day, by_kind["recruitment"].label) == (
        date(2026, 9, 12),
        "messe, Torvet",
    )


def test_nothing_done_is_no_events_and_outsiders_are_refused(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    assert action_events(seeded_engine, viewer=ADMIN, code=ISHOJ) == []
    with pytest.raises(PermissionDenied, match="Ishøj"):
        action_events(seeded_engine, viewer=OTHER_LEADER, code=ISHOJ)
