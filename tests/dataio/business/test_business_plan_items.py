"""The Erhvervsforening's items in the action plan: the business user edits its own, and only those."""

import pytest
from sqlalchemy import Engine

from dataio.errors import PermissionDenied
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from dataio.tasks.owners import partnership_users
from models.permissions import Actor, Target
from tests.factories import (
    BUSINESS,
    COUNCIL,
    LEADER,
    OTHER_BUSINESS,
    POLICE,
    READER,
    item_edit,
    make_plan,
    row_count,
)

BUSINESS_ITEM = "Sikringstjek i erhvervsområdet"


@pytest.fixture
def plan(seeded_engine: Engine) -> Engine:
    """Ishøj's plan (the guide's template) with one item of the Erhvervsforening's, by the leader."""
    make_plan(seeded_engine)
    result = save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=183,
        edits=[
            ItemEdit(
                None,
                None,
                {"title": BUSINESS_ITEM, "track": "Spor 1", "organisation": "erhvervsforening"},
            )
        ],
    )
    assert result.saved == 1
    return seeded_engine


def _row(engine: Engine, title: str) -> dict:
    items = plan_items(engine, viewer=READER, municipality_code=183)
    return items[items["title"] == title].iloc[0].to_dict()


def test_the_business_user_edits_its_own_items(plan: Engine) -> None:
    edit = item_edit(plan, BUSINESS_ITEM, status="i gang", progress=30)
    assert save_changes(plan, actor=BUSINESS, municipality_code=183, edits=[edit]).saved == 1
    assert (_row(plan, BUSINESS_ITEM)["status"], _row(plan, BUSINESS_ITEM)["progress"]) == (
        "i gang",
        30,
    )
    # and adds new ones, as its own
    new = ItemEdit(
        None,
        None,
        {"title": "Møde i gruppen", "track": "Spor 1", "organisation": "erhvervsforening"},
    )
    assert save_changes(plan, actor=BUSINESS, municipality_code=183, edits=[new]).saved == 1


@pytest.mark.parametrize(
    ("title", "values"),
    [
        ("Planlægningsmøde", {"status": "i gang"}),  # the municipality's
        ("Mobil politistation", {"progress": 10}),  # the police's
        ("Kickoff møder for alle relevante medarbejdere i Bo trygt samarbejdet", {"progress": 5}),
        (BUSINESS_ITEM, {"organisation": "kommune"}),  # nor give its own item away
    ],
)
def test_the_business_user_may_not_edit_other_items(plan: Engine, title: str, values: dict) -> None:
    before = row_count(plan, "audit_entry")
    with pytest.raises(PermissionDenied, match="erhvervsforeningen ændrer kun sine egne punkter"):
        save_changes(
            plan, actor=BUSINESS, municipality_code=183, edits=[item_edit(plan, title, **values)]
        )
    assert row_count(plan, "audit_entry") == before


def test_a_new_item_must_be_the_associations_own(plan: Engine) -> None:
    joint = ItemEdit(None, None, {"title": "Fælles", "track": "Spor 1"})  # stored as fælles
    with pytest.raises(PermissionDenied):
        save_changes(plan, actor=BUSINESS, municipality_code=183, edits=[joint])


@pytest.mark.parametrize(
    "actor", [POLICE, COUNCIL, OTHER_BUSINESS], ids=["politi", "byraad", "kbh"]
)
def test_others_may_not_edit_the_associations_items(plan: Engine, actor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        save_changes(
            plan,
            actor=actor,
            municipality_code=183,
            edits=[item_edit(plan, BUSINESS_ITEM, progress=90)],
        )


def test_the_association_users_may_own_items(seeded_engine: Engine) -> None:
    from sqlmodel import Session

    with Session(seeded_engine) as session:
        users = partnership_users(session, Target(183, 10))
    assert ("erhverv", "Demo Erhvervsforening (Ishøj)", "business") in users
