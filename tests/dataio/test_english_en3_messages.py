"""The plan's, walks' and tasks' refusals render in English (Message) and stay Danish in str()."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.errors import DomainError, ValidationFailed
from dataio.files.action_plan_reading import read_plan
from dataio.store.action_plans import ItemEdit, clean_item, plan_items, save_changes
from dataio.store.walks import NewObservation
from dataio.tasks.check_ins import record_check_in
from tests.factories import POLICE, READER, make_plan, make_walk


@pytest.mark.parametrize(
    ("values", "danish", "english"),
    [
        (
            {"status": "klar"},
            "Række «Møde», kolonne Status: skal være ikke startet, i gang, færdig, udskudt eller "
            "aflyst (fik 'klar')",
            "Row «Møde», column Status: must be ikke startet, i gang, færdig, udskudt or aflyst "
            "(got 'klar')",
        ),
        (
            {"title": " "},
            "Række «Møde», kolonne Titel: må ikke være tom (fik ' ')",
            "Row «Møde», column Title: may not be empty (got ' ')",
        ),
        (
            {"due_date": "i morgen"},
            "Række «Møde», kolonne Frist: ikke en dato ('i morgen')",
            "Row «Møde», column Due: not a date ('i morgen')",
        ),
    ],
)
def test_clean_item_refusals(values: dict, danish: str, english: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        clean_item(values, label="Møde")
    assert str(refused.value) == danish
    assert refused.value.text("en") == english


@pytest.mark.parametrize(
    ("data", "danish", "english"),
    [
        (b"", "Filen er tom.", "The file is empty."),
    ],
)
def test_workbook_refusals(data: bytes, danish: str, english: str) -> None:
    with pytest.raises(DomainError) as refused:
        read_plan(data)
    assert (str(refused.value), refused.value.text("en")) == (danish, english)


def test_walk_refusals(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed) as refused:
        make_walk(seeded_engine, area=" ")
    assert str(refused.value) == "Angiv området for vandringen"
    assert refused.value.text("en") == "Give the area of the walk"
    with pytest.raises(ValidationFailed) as refused:
        make_walk(seeded_engine, observations=[NewObservation(" ", "Kommunen")])
    assert refused.value.text("en") == "Observation 1: the description may not be empty"


def test_police_refusal_and_check_in_refusal(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    items = plan_items(seeded_engine, viewer=READER, municipality_code=183)
    row = items[items["organisation"] == "kommune"].iloc[0]
    edit = ItemEdit(int(row["id"]), int(row["row_version"]), {"notes": "x"}, str(row["title"]))
    with pytest.raises(DomainError) as refused:
        save_changes(seeded_engine, actor=POLICE, municipality_code=183, edits=[edit])
    assert str(refused.value).startswith("Ingen adgang: du er politi for politikreds 10 og må ")
    english = refused.value.text("en")
    assert english.startswith("No access: you are ") and "politikreds" not in english
    assert english.endswith(
        f"may not change «{row['title']}» in Ishøj's action plan (the police change only the "
        "police's and the joint items)."
    )
    with pytest.raises(ValidationFailed) as refused:
        record_check_in(
            seeded_engine,
            actor=POLICE,
            item_id=int(row["id"]),
            loaded_version=int(row["row_version"]),
            status="i gang",
            progress=10,
            comment="",
            new_due_date=date(2027, 1, 1),
            due_reason="",
        )
    assert refused.value.text("en") == "A new due date needs a reason: say why the due date moves"
