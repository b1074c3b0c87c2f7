"""The stakeholder register and plan items' partners on SQLite and PostgreSQL: the project leader
writes (audited), the police and the council read, another municipality is refused in Danish."""

import pytest
from sqlalchemy import Engine

from dataio.communication.stakeholders import (
    add_stakeholder,
    delete_stakeholder,
    edit_stakeholder,
    item_partners,
    set_item_partners,
    stakeholders,
)
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from tests.dataio.communication.test_press import _audit
from tests.factories import (
    ADMIN,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_LEADER,
    POLICE,
    READER,
    make_plan,
    row_count,
)


def _add(engine: Engine, organisation: str = "Bauhaus Ishøj", **changes: object) -> int:
    values: dict = {
        "code": ISHOJ,
        "contact_name": "Mette Hansen",
        "email": "mette@example.dk",
        "phone": "12 34 56 78",
        "tracks": ["Spor 2", "Spor 1"],
        "note": "Stand i foråret",
    } | changes
    actor = values.pop("actor", LEADER)
    return add_stakeholder(engine, actor=actor, organisation=organisation, **values)


def test_the_project_leader_keeps_the_register_audited(seeded_engine: Engine) -> None:
    made = _add(seeded_engine)
    _add(seeded_engine, "Ishøj Boldklub", tracks=["Spor 1"], email="", phone="")
    table = stakeholders(seeded_engine, viewer=POLICE, code=ISHOJ)
    assert list(table["organisation"]) == ["Bauhaus Ishøj", "Ishøj Boldklub"]
    assert list(table["tracks"]) == ["Spor 1,Spor 2", "Spor 1"]  # the guide's order
    [first, _second] = _audit(seeded_engine, "stakeholder.create")
    assert first["summary"] == "Aktør «Bauhaus Ishøj» tilføjet" and first["scope"] == (ISHOJ, 10)
    assert first["after"]["contact_name"] == "Mette Hansen"
    edit_stakeholder(
        seeded_engine,
        actor=LEADER,
        stakeholder_id=made,
        loaded_version=1,
        organisation="Bauhaus Ishøj",
        contact_name="Jens Jensen",
        email="mette@example.dk",
        phone="12 34 56 78",
        tracks=["Spor 2", "Spor 1"],
        note="Stand i foråret",
    )
    [change] = _audit(seeded_engine, "stakeholder.update")
    assert (change["before"], change["after"]) == (
        {"contact_name": "Mette Hansen"},
        {"contact_name": "Jens Jensen"},
    )
    with pytest.raises(ValidationFailed, match="ændret eller slettet af en anden"):
        delete_stakeholder(seeded_engine, actor=LEADER, stakeholder_id=made, loaded_version=1)
    delete_stakeholder(seeded_engine, actor=ADMIN, stakeholder_id=made, loaded_version=2)
    assert list(stakeholders(seeded_engine, viewer=READER, code=ISHOJ)["organisation"]) == [
        "Ishøj Boldklub"
    ]
    assert len(_audit(seeded_engine, "stakeholder.delete")) == 1


@pytest.mark.parametrize(
    ("actor", "words"),
    [
        (
            COUNCIL,
            "Ingen adgang: du er byråd for kommune 183 og må ikke ændre aktørlisten og "
            "aktiviteternes partnere for Ishøj.",
        ),
        (
            POLICE,
            "Ingen adgang: du er politi for politikreds 10 og må ikke ændre aktørlisten og "
            "aktiviteternes partnere for Ishøj.",
        ),
        (
            OTHER_LEADER,
            "Ingen adgang: du er projektleder for kommune 101 og må ikke ændre aktørlisten og "
            "aktiviteternes partnere for Ishøj.",
        ),
    ],
)
def test_others_are_refused_in_danish_and_nothing_is_written(
    seeded_engine: Engine, actor: object, words: str
) -> None:
    made = _add(seeded_engine)
    make_plan(seeded_engine, template_rows=[0])
    item = int(plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)["id"].iloc[0])
    audit_before = row_count(seeded_engine, "audit_entry")
    for write in (
        lambda: _add(seeded_engine, "Andet", actor=actor),
        lambda: delete_stakeholder(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            stakeholder_id=made,
            loaded_version=1,
        ),
        lambda: set_item_partners(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            item_id=item,
            stakeholder_ids=[made],
        ),
    ):
        with pytest.raises(PermissionDenied) as refused:
            write()
        assert str(refused.value) == words
    assert row_count(seeded_engine, "stakeholder") == 1
    assert row_count(seeded_engine, "stakeholder_item") == 0
    assert row_count(seeded_engine, "audit_entry") == audit_before
    with pytest.raises(PermissionDenied):
        stakeholders(seeded_engine, viewer=OTHER_LEADER, code=ISHOJ)


def test_invalid_values_are_refused_in_danish(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match=r"Organisationen skal udfyldes\."):
        _add(seeded_engine, " ")
    with pytest.raises(ValidationFailed, match="Ukendt spor"):
        _add(seeded_engine, tracks=["Spor 7"])
    assert row_count(seeded_engine, "stakeholder") == 0


def test_plan_items_name_stakeholders_as_partners(seeded_engine: Engine) -> None:
    bauhaus, club = _add(seeded_engine), _add(seeded_engine, "Ishøj Boldklub")
    make_plan(seeded_engine, template_rows=[0, 1])
    items = plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)
    first, second = (int(i) for i in items["id"].iloc[:2])
    assert set_item_partners(
        seeded_engine, actor=LEADER, item_id=first, stakeholder_ids=[bauhaus, club]
    )
    assert set_item_partners(seeded_engine, actor=ADMIN, item_id=second, stakeholder_ids=[club])
    assert not set_item_partners(  # the same set again: nothing written
        seeded_engine, actor=LEADER, item_id=second, stakeholder_ids=[club]
    )
    links = item_partners(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert sorted(zip(links["item_id"], links["organisation"], strict=True)) == sorted(
        [(first, "Bauhaus Ishøj"), (first, "Ishøj Boldklub"), (second, "Ishøj Boldklub")]
    )
    assert set_item_partners(seeded_engine, actor=LEADER, item_id=first, stakeholder_ids=[club])
    rows = _audit(seeded_engine, "stakeholder.partners")
    assert [(r["before"], r["after"]) for r in rows] == [
        ({"partners": ""}, {"partners": "Bauhaus Ishøj, Ishøj Boldklub"}),
        ({"partners": ""}, {"partners": "Ishøj Boldklub"}),
        ({"partners": "Bauhaus Ishøj, Ishøj Boldklub"}, {"partners": "Ishøj Boldklub"}),
    ]
    # another municipality's stakeholder cannot be named; a deleted item or stakeholder takes
    # its links with it
    other = _add(seeded_engine, "Københavnsk", actor=ADMIN, code=101)
    with pytest.raises(NotFound):
        set_item_partners(seeded_engine, actor=LEADER, item_id=first, stakeholder_ids=[other])
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        edits=[ItemEdit(second, int(items["row_version"].iloc[1]), None)],
    )
    delete_stakeholder(seeded_engine, actor=LEADER, stakeholder_id=club, loaded_version=1)
    assert item_partners(seeded_engine, viewer=READER, code=ISHOJ).empty
    assert row_count(seeded_engine, "stakeholder_item") == 0
