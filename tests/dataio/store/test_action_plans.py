"""The action plan on SQLite and PostgreSQL: template, saves, conflicts, rights, all-or-nothing."""

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.action_plans import (
    ItemEdit,
    create_plan,
    plan_items,
    plan_summary,
    save_changes,
    template,
    with_flags,
)
from models.permissions import Actor
from tests.factories import (
    COLLEAGUE,
    COUNCIL,
    LEADER,
    OTHER_LEADER,
    POLICE,
    READER,
    item_edit,
    make_plan,
    row_count,
)


@pytest.fixture
def plan(seeded_engine: Engine) -> Engine:
    """Ishøj's plan with the guide's full template."""
    make_plan(seeded_engine)
    return seeded_engine


def row(engine: Engine, title: str) -> dict:
    items = plan_items(engine, viewer=READER, municipality_code=183)
    return items[items["title"] == title].iloc[0].to_dict()


def test_template_has_the_guides_four_parts() -> None:
    rows = template()
    assert list(rows["track"].unique()) == ["Organisering", "Spor 1", "Spor 2", "Spor 3"]
    assert "Mobil politistation" in set(rows["title"]) and len(rows) == 28


def test_create_plan_from_chosen_template_rows(seeded_engine: Engine) -> None:
    assert (
        create_plan(seeded_engine, actor=LEADER, municipality_code=183, template_rows=[0, 2, 8])
        == 3
    )
    items = plan_items(seeded_engine, viewer=READER, municipality_code=183)
    assert list(items["title"]) == [template().title[i] for i in (0, 2, 8)]
    assert set(items["status"]) == {"ikke startet"}
    with pytest.raises(ValidationFailed, match="har allerede en handlingsplan"):
        create_plan(seeded_engine, actor=LEADER, municipality_code=183, template_rows=[1])


@pytest.mark.parametrize("actor", [COUNCIL, POLICE, OTHER_LEADER])
def test_only_the_project_leader_or_admin_creates_the_plan(
    seeded_engine: Engine, actor: Actor
) -> None:
    with pytest.raises(PermissionDenied):
        create_plan(seeded_engine, actor=actor, municipality_code=183, template_rows=[0])
    assert plan_items(seeded_engine, viewer=READER, municipality_code=183).empty


def test_save_updates_adds_and_deletes_in_one_go(plan: Engine) -> None:
    before = row_count(plan, "audit_entry")
    result = save_changes(
        plan,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(
                plan,
                "Planlægningsmøde",
                status="i gang",
                progress=30,
                due_date="2026-12-01",
                owner_name="Mette",
            ),
            ItemEdit(
                id=None,
                loaded_version=None,
                values={
                    "track": "Spor 1",
                    "title": "Naboværn på Strandvejen",
                    "organisation": "fælles",
                },
                label="ny",
            ),
            ItemEdit(
                id=int(row(plan, "Mobil politistation")["id"]),
                loaded_version=1,
                values=None,
                label="Mobil politistation",
            ),
        ],
    )
    assert (result.saved, result.conflicts) == (3, [])
    changed = row(plan, "Planlægningsmøde")
    assert (
        changed["status"],
        changed["progress"],
        changed["owner_name"],
        changed["row_version"],
    ) == ("i gang", 30, "Mette", 2)
    titles = set(plan_items(plan, viewer=READER, municipality_code=183)["title"])
    assert "Naboværn på Strandvejen" in titles and "Mobil politistation" not in titles
    assert row_count(plan, "audit_entry") == before + 3


def test_two_people_edit_the_same_row(plan: Engine) -> None:
    # both load version 1 of the row; the first save wins, the second is refused for that row only
    mine = item_edit(plan, "Planlægningsmøde", status="færdig", progress=100)
    theirs = item_edit(plan, "Planlægningsmøde", status="udskudt", notes="venter på lokale")
    other_row = item_edit(plan, "Sende invitationer ud", progress=10)
    assert save_changes(plan, actor=LEADER, municipality_code=183, edits=[mine]).saved == 1
    result = save_changes(plan, actor=COLLEAGUE, municipality_code=183, edits=[theirs, other_row])
    assert result.saved == 1  # the other row still saves
    [conflict] = result.conflicts
    assert conflict.yours == {
        "status": "udskudt",
        "notes": "venter på lokale",
    }  # nothing of theirs is lost
    assert conflict.theirs["status"] == "færdig" and conflict.changed_by == "projektleder"
    assert row(plan, "Planlægningsmøde")["status"] == "færdig"  # the first save stands


def test_police_edit_only_police_and_joint_items(plan: Engine) -> None:
    police_item = item_edit(plan, "Mobil politistation", status="i gang")
    # the guide: police and municipality make the plan together, so the joint items are theirs too
    joint_item = item_edit(
        plan, "Kickoff møder for alle relevante medarbejdere i Bo trygt samarbejdet", progress=20
    )
    assert (
        save_changes(
            plan, actor=POLICE, municipality_code=183, edits=[police_item, joint_item]
        ).saved
        == 2
    )
    before = plan_items(plan, viewer=READER, municipality_code=183)
    with pytest.raises(
        PermissionDenied, match="politiet ændrer kun politiets og de fælles punkter"
    ):
        save_changes(
            plan,
            actor=POLICE,
            municipality_code=183,
            edits=[
                item_edit(plan, "Mobil politistation", progress=50),
                item_edit(plan, "Planlægningsmøde", status="i gang"),
            ],
        )
    with pytest.raises(PermissionDenied):  # nor hand a police item to the municipality
        save_changes(
            plan,
            actor=POLICE,
            municipality_code=183,
            edits=[item_edit(plan, "Mobil politistation", organisation="kommune")],
        )
    assert plan_items(plan, viewer=READER, municipality_code=183).equals(before)  # all or nothing


def test_council_cannot_save(plan: Engine) -> None:
    before = row_count(plan, "audit_entry")
    with pytest.raises(PermissionDenied):
        save_changes(
            plan,
            actor=COUNCIL,
            municipality_code=183,
            edits=[item_edit(plan, "Planlægningsmøde", status="i gang")],
        )
    assert row_count(plan, "audit_entry") == before


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"progress": 140}, "kolonne Fremdrift (%): skal være et tal fra 0 til 100 (fik 140)"),
        (
            {"status": "måske"},
            "kolonne Status: skal være ikke startet, i gang, færdig, udskudt eller aflyst",
        ),
        ({"title": "  "}, "kolonne Titel: må ikke være tom"),
        ({"due_date": "i morgen"}, "kolonne Frist: ikke en dato"),
        (
            {"organisation": "borgere"},
            "kolonne Organisation: skal være kommune, politi, fælles eller erhvervsforening",
        ),
    ],
)
def test_invalid_values_name_row_and_column_and_write_nothing(
    plan: Engine, values: dict, message: str
) -> None:
    good = item_edit(plan, "Sende invitationer ud", progress=10)
    bad = item_edit(plan, "Planlægningsmøde", **values)
    before = plan_items(plan, viewer=READER, municipality_code=183)
    with pytest.raises(
        ValidationFailed,
        match="Række «Planlægningsmøde», " + message.replace("(", r"\(").replace(")", r"\)"),
    ):
        save_changes(plan, actor=LEADER, municipality_code=183, edits=[good, bad])
    assert plan_items(plan, viewer=READER, municipality_code=183).equals(before)


def test_summary_counts(plan: Engine) -> None:
    from datetime import date

    save_changes(
        plan,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(plan, "Planlægningsmøde", status="færdig"),
            item_edit(plan, "Sende invitationer ud", due_date="2026-01-01"),
        ],
    )
    summary = plan_summary(plan, viewer=READER, municipality_code=183, today=date(2026, 11, 23))
    assert summary is not None
    assert (summary.items, summary.done, summary.overdue) == (28, 1, 1)
    assert summary.progress == pytest.approx(1 / 28)
    assert (
        plan_summary(plan, viewer=READER, municipality_code=101, today=date(2026, 11, 23)) is None
    )


def test_police_cannot_add_a_municipality_item(plan: Engine) -> None:
    new_municipal = ItemEdit(
        id=None,
        loaded_version=None,
        values={
            "track": "Spor 1",
            "title": "Politiet skriver i kommunens punkt",
            "organisation": "kommune",
        },
        label="ny",
    )
    with pytest.raises(PermissionDenied):
        save_changes(plan, actor=POLICE, municipality_code=183, edits=[new_municipal])
    new_police = ItemEdit(
        id=None,
        loaded_version=None,
        values={"track": "Spor 1", "title": "Patrulje i Strandområdet", "organisation": "politi"},
        label="ny",
    )
    # without an organisation a new item is joint (fælles), which the police may add too
    new_joint = ItemEdit(
        id=None,
        loaded_version=None,
        values={"track": "Spor 1", "title": "Fælles borgermøde"},
        label="ny",
    )
    assert (
        save_changes(plan, actor=POLICE, municipality_code=183, edits=[new_police, new_joint]).saved
        == 2
    )


@pytest.mark.parametrize(
    ("status", "due", "changed", "flag"),
    [
        ("i gang", date(2026, 12, 1), datetime(2026, 11, 30), "■ Forsinket"),
        ("i gang", date(2026, 12, 8), datetime(2026, 9, 8), "▲ Ikke rørt i 90 dage"),
        ("i gang", date(2026, 12, 6), datetime(2026, 9, 1), "■ Forsinket · ▲ Ikke rørt i 90 dage"),
        ("færdig", date(2026, 1, 1), datetime(2026, 1, 1), ""),  # closed: neither
        ("i gang", None, datetime(2026, 12, 1), ""),
    ],
)
def test_the_warning_column_is_a_shape_and_a_word(
    status: str, due: date | None, changed: datetime, flag: str
) -> None:
    items = pd.DataFrame(
        {
            "track": ["Spor 1"],
            "status": [status],
            "progress": [10],
            "due_date": [due],
            "changed_at": [changed],
        }
    )
    assert list(with_flags(items, today=date(2026, 12, 7))["advarsel"]) == [flag]
