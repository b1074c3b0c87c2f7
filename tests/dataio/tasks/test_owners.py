"""Owners are people, on SQLite and PostgreSQL: who may own Ishøj's items, setting an owner
(audited, versioned, rights), and Mine opgaver (my_items) across the plans a user may read."""

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.action_plans import plan_items, save_changes
from dataio.store.users import add_user
from dataio.tasks.owners import ItemConflict, my_items, owner_choices, set_owner
from models.change_text import change_sentence
from models.tables import AuditEntry
from models.vocabulary import OVERDUE_FLAG, STALE_FLAG
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE, READER, item_edit, make_plan

TODAY = date(2026, 12, 2)
POLICE_ITEM = "Mobil politistation"  # organisation "politi" in the guide's template
MUNICIPAL = "Informationskampagne om nabohjælpere"  # "kommune"
JOINT = "Tryghedsvandringer"  # "fælles"


def add_people(engine: Engine) -> None:
    """Besides the demo users: a Copenhagen project leader, a police officer of another district,
    a second Ishøj council member, and a disabled Ishøj project leader."""
    password = "en lang nok adgangskode 7"
    for username, name, role, code, district in (
        ("kbh", "Karen KBH", "project_leader", 101, None),
        ("aarhus", "Aase Aarhus", "police", None, 2),
        ("byraad2", "Bent Byråd", "council", 183, None),
        ("gammel", "Gammel Leder", "project_leader", 183, None),
        ("vestegn2", "Anders Vestegn", "police", None, 10),
    ):
        add_user(
            engine,
            actor=ADMIN,
            username=username,
            display_name=name,
            role=role,
            password=password,
            municipality_code=code,
            police_district_number=district,
        )
    with engine.begin() as connection:
        connection.execute(text("UPDATE app_user SET active = false WHERE username = 'gammel'"))


def item(engine: Engine, title: str) -> dict:
    items = plan_items(engine, viewer=READER, municipality_code=183)
    return items[items["title"] == title].iloc[0].to_dict()


def give(engine: Engine, title: str, username: str | None, name: str = "", actor=LEADER) -> None:
    row = item(engine, title)
    set_owner(
        engine,
        actor=actor,
        item_id=int(row["id"]),
        loaded_version=int(row["row_version"]),
        owner_username=username,
        owner_name=name,
    )


def test_owner_choices_are_the_leaders_and_the_districts_police(seeded_engine: Engine) -> None:
    add_people(seeded_engine)
    expected = [
        ("vestegn2", "Anders Vestegn"),
        ("erhverv", "Demo Erhvervsforening (Ishøj)"),  # the business association's user
        ("politi", "Demo Politi (Københavns Vestegn)"),
        ("projektleder", "Demo Projektleder (Ishøj)"),
    ]
    for viewer in (LEADER, POLICE, COUNCIL, ADMIN):
        assert owner_choices(seeded_engine, viewer=viewer, municipality_code=183) == expected
    copenhagen = owner_choices(seeded_engine, viewer=ADMIN, municipality_code=101)
    assert ("kbh", "Karen KBH") in copenhagen and (
        "politi",
        "Demo Politi (Københavns Vestegn)",
    ) not in copenhagen


def test_a_picked_owner_is_stored_with_the_display_name_and_audited(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    give(seeded_engine, MUNICIPAL, "politi")
    row = item(seeded_engine, MUNICIPAL)
    assert (row["owner_username"], row["owner_name"], row["row_version"]) == (
        "politi",
        "Demo Politi (Københavns Vestegn)",
        2,
    )
    give(seeded_engine, MUNICIPAL, None, "  Grundejerforeningen  ")
    row = item(seeded_engine, MUNICIPAL)
    assert (row["owner_username"], row["owner_name"]) == (None, "Grundejerforeningen")
    with Session(seeded_engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "action_item.update")
        ).all()
    assert [e.summary for e in entries] == [
        "Ansvarlig for «Informationskampagne om nabohjælpere» sat til Demo Politi (Københavns Vestegn)",
        "Ansvarlig for «Informationskampagne om nabohjælpere» sat til Grundejerforeningen",
    ]
    last = entries[-1]
    sentence = change_sentence(
        action=last.action, summary=last.summary, before=last.before, after=last.after
    )
    assert "ansvarlig fra Demo Politi (Københavns Vestegn) til Grundejerforeningen" in sentence


def test_only_the_partnerships_people_can_be_picked(seeded_engine: Engine) -> None:
    add_people(seeded_engine)
    make_plan(seeded_engine)
    for outsider in ("kbh", "aarhus", "byraad", "admin", "gammel", "ukendt"):
        with pytest.raises(ValidationFailed, match="kan ikke være ansvarlig i Ishøj"):
            give(seeded_engine, MUNICIPAL, outsider)
    assert item(seeded_engine, MUNICIPAL)["row_version"] == 1


def test_rights_and_a_stale_version(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        give(seeded_engine, MUNICIPAL, "politi", actor=COUNCIL)
    with pytest.raises(PermissionDenied, match="politiet ændrer kun politiets"):
        give(seeded_engine, MUNICIPAL, "politi", actor=POLICE)  # a municipal item
    give(seeded_engine, POLICE_ITEM, "politi", actor=POLICE)
    assert item(seeded_engine, POLICE_ITEM)["owner_username"] == "politi"
    stale = item(seeded_engine, MUNICIPAL)
    give(seeded_engine, MUNICIPAL, "projektleder")
    with pytest.raises(ItemConflict, match="fordi en anden har ændret den"):
        set_owner(
            seeded_engine,
            actor=LEADER,
            item_id=int(stale["id"]),
            loaded_version=int(stale["row_version"]),
            owner_username="politi",
        )
    assert item(seeded_engine, MUNICIPAL)["owner_username"] == "projektleder"


def test_my_items_lists_own_items_with_flags_soonest_first(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    for title in (MUNICIPAL, POLICE_ITEM, JOINT):
        give(seeded_engine, title, "politi")
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(seeded_engine, MUNICIPAL, due_date=date(2026, 11, 1)),
            item_edit(seeded_engine, POLICE_ITEM, due_date=date(2027, 3, 1)),
        ],
    )
    old = datetime.now(UTC) - timedelta(days=200)
    with seeded_engine.begin() as connection:
        connection.execute(
            text("UPDATE action_item SET changed_at = :old WHERE title = 'Tryghedsvandringer'"),
            {"old": old},
        )
    mine = my_items(seeded_engine, viewer=POLICE, today=date.today())
    assert list(mine["title"]) == [MUNICIPAL, POLICE_ITEM, JOINT]
    assert list(mine["municipality"]) == ["Ishøj"] * 3
    flags = dict(zip(mine["title"], mine["advarsel"], strict=True))
    assert flags[MUNICIPAL] == OVERDUE_FLAG and flags[POLICE_ITEM] == ""
    assert flags[JOINT] == STALE_FLAG
    assert my_items(seeded_engine, viewer=LEADER, today=TODAY).empty
    assert list(my_items(seeded_engine, viewer=LEADER, today=TODAY).columns) == list(mine.columns)


def test_typing_another_name_in_the_table_unlinks_the_picked_user(seeded_engine: Engine) -> None:
    make_plan(seeded_engine)
    give(seeded_engine, MUNICIPAL, "politi")
    give(seeded_engine, JOINT, "politi")
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(seeded_engine, MUNICIPAL, owner_name="Ole fra Vej og Park"),
            item_edit(seeded_engine, JOINT, progress=30),  # the owner untouched: still linked
        ],
    )
    typed = item(seeded_engine, MUNICIPAL)
    assert pd.isna(typed["owner_username"]) and typed["owner_name"] == "Ole fra Vej og Park"
    assert item(seeded_engine, JOINT)["owner_username"] == "politi"
    assert list(my_items(seeded_engine, viewer=POLICE, today=TODAY)["title"]) == [JOINT]
