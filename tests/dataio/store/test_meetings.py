"""Meetings on SQLite and PostgreSQL: register, decide (an item for the police user), rights,
all-or-nothing, the draft agenda on hand-built data, the last meeting's date, the pack's id."""

import json
import re
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db.engine import transaction
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.meetings.store import (
    ItemChange,
    NewItem,
    create_meeting,
    decision_owners,
    draft_agenda,
    edit_meeting,
    last_meeting_date,
    meeting_detail,
    meetings,
    meetings_for_user,
    record_decision,
    tie_pack,
)
from dataio.seed.demo_incidents import write_demo_incidents
from dataio.store.action_plans import plan_items, save_changes
from dataio.store.goals import create_helper_goal
from models.permissions import Actor, Role
from models.tables import AuditEntry, Meeting
from tests.factories import (
    ADMIN,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_LEADER,
    POLICE,
    READER,
    add_count,
    goal_change,
    item_edit,
    make_plan,
    row_count,
)

TODAY = date(2026, 12, 2)
POLICE_NAME = "Demo Politi (Københavns Vestegn)"  # dataio.seed.demo_users


def _meeting(engine: Engine, *, held_on: date = TODAY, title: str = "Styregruppemøde") -> int:
    return create_meeting(
        engine,
        actor=LEADER,
        code=ISHOJ,
        held_on=held_on,
        title=title,
        participants="Projektleder, politiet",
        agenda="1. Velkomst",
    )


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEntry)
                .where(col(AuditEntry.action) == action)
                .order_by(col(AuditEntry.id))
            ).all()
        )


def test_the_project_leader_registers_a_meeting(seeded_engine: Engine) -> None:
    meeting_id = _meeting(seeded_engine)
    listed = meetings(seeded_engine, viewer=POLICE, code=ISHOJ)
    assert list(listed["title"]) == ["Styregruppemøde"]
    assert int(listed["decisions"].iloc[0]) == 0
    detail = meeting_detail(seeded_engine, viewer=COUNCIL, meeting_id=meeting_id)
    assert (detail.municipality, detail.meeting.participants) == ("Ishøj", "Projektleder, politiet")
    (entry,) = _audit(seeded_engine, "meeting.create")
    assert entry.username == "projektleder" and entry.municipality_code == ISHOJ
    assert json.loads(entry.after or "{}")["held_on"] == "2026-12-02"


def test_a_decision_creates_a_plan_item_owned_by_the_police_user(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    meeting_id = _meeting(seeded_engine)
    decision_id = record_decision(
        seeded_engine,
        actor=LEADER,
        meeting_id=meeting_id,
        text="Politiet tager en tryghedsvandring i Vejleåparken",
        new_item=NewItem(
            title="Tryghedsvandring i Vejleåparken",
            track="Spor 1",
            owner_username="politi",
            organisation="politi",
            due_date=date(2027, 1, 15),
        ),
    )
    items = plan_items(seeded_engine, viewer=POLICE, municipality_code=ISHOJ)
    made = items[items["title"] == "Tryghedsvandring i Vejleåparken"].iloc[0]
    assert made["owner_username"] == "politi"
    assert made["owner_name"] == POLICE_NAME
    assert str(made["due_date"])[:10] == "2027-01-15"
    assert made["status"] == "ikke startet"
    (created,) = [
        e for e in _audit(seeded_engine, "action_item.create") if e.entity_key == str(made["id"])
    ]
    assert json.loads(created.after or "{}")["owner_username"] == "politi"
    assert created.username == "projektleder"
    (decided,) = _audit(seeded_engine, "meeting.decision")
    assert decided.entity_key == str(decision_id)
    after = json.loads(decided.after or "{}")
    assert (after["item_id"], after["owner_username"]) == (int(made["id"]), "politi")
    detail = meeting_detail(seeded_engine, viewer=POLICE, meeting_id=meeting_id)
    (row,) = detail.decisions
    assert (row.item_title, row.owner, row.due_date) == (
        "Tryghedsvandring i Vejleåparken",
        POLICE_NAME,
        date(2027, 1, 15),
    )
    assert int(meetings(seeded_engine, viewer=LEADER, code=ISHOJ)["decisions"].iloc[0]) == 1


def test_a_decision_changes_an_existing_items_due_date_owner_and_status(
    seeded_engine: Engine,
) -> None:
    make_plan(seeded_engine, template_rows=[0])
    title = str(plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)["title"][0])
    edit = item_edit(seeded_engine, title)
    meeting_id = _meeting(seeded_engine)
    assert edit.id is not None and edit.loaded_version is not None
    record_decision(
        seeded_engine,
        actor=LEADER,
        meeting_id=meeting_id,
        text="Fristen rykkes; politiet overtager",
        change=ItemChange(
            item_id=edit.id,
            loaded_version=edit.loaded_version,
            due_date=date(2027, 3, 1),
            owner_username="politi",
            status="i gang",
        ),
    )
    row = plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ).iloc[0]
    assert (row["owner_username"], row["status"], str(row["due_date"])[:10]) == (
        "politi",
        "i gang",
        "2027-03-01",
    )
    # the same loaded version again: someone (this decision) saved it since; nothing is written
    with pytest.raises(ValidationFailed, match="ændret af en anden"):
        record_decision(
            seeded_engine,
            actor=LEADER,
            meeting_id=meeting_id,
            text="Igen",
            change=ItemChange(edit.id, edit.loaded_version, status="færdig"),
        )
    assert row_count(seeded_engine, "meeting_decision") == 1
    assert (
        plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)["status"][0] == "i gang"
    )


@pytest.mark.parametrize("actor", [POLICE, COUNCIL, OTHER_LEADER], ids=lambda a: a.username)
def test_police_council_and_outsiders_may_not_write(seeded_engine: Engine, actor: Actor) -> None:
    make_plan(seeded_engine, template_rows=[0])
    meeting_id = _meeting(seeded_engine)
    version = meetings(seeded_engine, viewer=READER, code=ISHOJ)
    assert len(version) == 1
    with pytest.raises(PermissionDenied, match="må ikke registrere møder og beslutninger"):
        create_meeting(seeded_engine, actor=actor, code=ISHOJ, held_on=TODAY, title="Mit møde")
    with pytest.raises(PermissionDenied):
        record_decision(
            seeded_engine,
            actor=actor,
            meeting_id=meeting_id,
            text="Noget",
            new_item=NewItem(title="Noget", owner_username="politi"),
        )
    with pytest.raises(PermissionDenied):
        edit_meeting(
            seeded_engine,
            actor=actor,
            meeting_id=meeting_id,
            loaded_version=1,
            held_on=TODAY,
            title="Nyt navn",
            participants="",
            agenda="",
            minutes="Referat",
        )
    with pytest.raises(PermissionDenied):
        tie_pack(seeded_engine, actor=actor, meeting_id=meeting_id, today=TODAY)
    assert row_count(seeded_engine, "meeting") == 1
    assert row_count(seeded_engine, "meeting_decision") == 0
    assert len(plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)) == 1


def test_an_owner_outside_the_partnership_is_refused_and_nothing_is_written(
    seeded_engine: Engine,
) -> None:
    make_plan(seeded_engine, template_rows=[0])
    meeting_id = _meeting(seeded_engine)
    assert [u.username for u in decision_owners(seeded_engine, viewer=LEADER, code=ISHOJ)] == [
        "erhverv",
        "politi",
        "projektleder",
    ]  # by display name: "Demo Erhvervsforening ...", "Demo Politi ...", "Demo Projektleder ...";
    # not the council
    with pytest.raises(ValidationFailed, match="«byraad» er ikke en aktiv bruger"):
        record_decision(
            seeded_engine,
            actor=LEADER,
            meeting_id=meeting_id,
            text="Byrådet gør det",
            new_item=NewItem(title="Byrådets punkt", owner_username="byraad"),
        )
    with pytest.raises(ValidationFailed, match="skal have en tekst"):
        record_decision(seeded_engine, actor=LEADER, meeting_id=meeting_id, text="  ")
    assert row_count(seeded_engine, "meeting_decision") == 0
    assert len(plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)) == 1


def test_a_free_text_owner_and_a_decision_without_an_item(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    meeting_id = _meeting(seeded_engine)
    record_decision(seeded_engine, actor=LEADER, meeting_id=meeting_id, text="Vi mødes igen")
    record_decision(
        seeded_engine,
        actor=ADMIN,
        meeting_id=meeting_id,
        text="Boligselskabet sætter lys op",
        new_item=NewItem(title="Lys i stierne", owner_name="Vej og Park", organisation="kommune"),
    )
    detail = meeting_detail(seeded_engine, viewer=COUNCIL, meeting_id=meeting_id)
    assert [(d.position, d.item_title, d.owner) for d in detail.decisions] == [
        (0, None, ""),
        (1, "Lys i stierne", "Vej og Park"),
    ]
    items = plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)
    made = items[items["title"] == "Lys i stierne"].iloc[0]
    assert made["owner_name"] == "Vej og Park" and made["owner_username"] is None


def test_a_decision_in_a_municipality_without_a_plan_writes_nothing(seeded_engine: Engine) -> None:
    meeting_id = _meeting(seeded_engine)
    with pytest.raises(NotFound, match="ingen handlingsplan"):
        record_decision(
            seeded_engine,
            actor=LEADER,
            meeting_id=meeting_id,
            text="Noget",
            new_item=NewItem(title="Noget"),
        )
    assert row_count(seeded_engine, "meeting_decision") == 0


def test_editing_a_meeting_is_audited_and_a_stale_edit_refused(seeded_engine: Engine) -> None:
    meeting_id = _meeting(seeded_engine)
    edit_meeting(
        seeded_engine,
        actor=LEADER,
        meeting_id=meeting_id,
        loaded_version=1,
        held_on=TODAY,
        title="Styregruppemøde",
        participants="Projektleder, politiet",
        agenda="1. Velkomst",
        minutes="Referat: alle var enige.",
    )
    (entry,) = _audit(seeded_engine, "meeting.update")
    assert json.loads(entry.after or "{}") == {"minutes": "Referat: alle var enige."}
    with pytest.raises(ValidationFailed, match="ændret af en anden"):
        edit_meeting(
            seeded_engine,
            actor=LEADER,
            meeting_id=meeting_id,
            loaded_version=1,
            held_on=TODAY,
            title="Andet navn",
            participants="",
            agenda="",
            minutes="",
        )
    with pytest.raises(ValidationFailed, match="skal have en titel"):
        create_meeting(seeded_engine, actor=LEADER, code=ISHOJ, held_on=TODAY, title=" ")
    detail = meeting_detail(seeded_engine, viewer=READER, meeting_id=meeting_id)
    assert (detail.meeting.title, detail.meeting.row_version) == ("Styregruppemøde", 2)


def test_last_meeting_date(seeded_engine: Engine) -> None:
    assert last_meeting_date(seeded_engine, viewer=POLICE, code=ISHOJ) is None
    _meeting(seeded_engine, held_on=date(2026, 10, 6))
    _meeting(seeded_engine, held_on=date(2026, 11, 3))
    _meeting(seeded_engine, held_on=date(2027, 1, 5))  # planned
    assert last_meeting_date(seeded_engine, viewer=POLICE, code=ISHOJ) == date(2027, 1, 5)
    assert last_meeting_date(seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY) == date(
        2026, 11, 3
    )
    assert last_meeting_date(seeded_engine, viewer=READER, code=101, today=TODAY) is None


def test_meetings_for_user_follow_the_users_partnership(seeded_engine: Engine) -> None:
    meeting_id = _meeting(seeded_engine, held_on=date(2026, 12, 8))
    for username in ("projektleder", "politi", "byraad", "admin"):
        (found,) = meetings_for_user(seeded_engine, username=username)
        assert (found.id, found.held_on, found.municipality) == (
            meeting_id,
            date(2026, 12, 8),
            "Ishøj",
        )
    assert meetings_for_user(seeded_engine, username="ukendt") == []


def _falling_helpers(engine: Engine) -> None:
    """Ishøj's helpers: a goal of 1.000 by 2030 from 500 in 2020, and counts falling away from it."""
    create_helper_goal(
        engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        change=goal_change(baseline=500, baseline_year=2020, target=1000, target_year=2030),
    )
    for day, helpers in [
        (date(2020, 12, 1), 500),
        (date(2024, 12, 1), 420),
        (date(2025, 12, 1), 380),
        (date(2026, 11, 1), 340),
    ]:
        add_count(engine, count_date=day, helpers=helpers)


def _rising_helpers(engine: Engine) -> None:
    create_helper_goal(
        engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        change=goal_change(baseline=500, baseline_year=2020, target=1000, target_year=2030),
    )
    for day, helpers in [
        (date(2020, 12, 1), 500),
        (date(2024, 12, 1), 1000),
        (date(2025, 12, 1), 1100),
        (date(2026, 11, 1), 1200),
    ]:
        add_count(engine, count_date=day, helpers=helpers)


def _agenda_point(agenda: str, heading: str) -> list[str]:
    """The lines under a numbered point of the agenda (empty when the point is not there)."""
    lines = agenda.splitlines()
    for n, line in enumerate(lines):
        if re.fullmatch(rf"\d+\. {re.escape(heading)}", line):
            found = []
            for below in lines[n + 1 :]:
                if not below.startswith("   - "):
                    break
                found.append(below.removeprefix("   - "))
            return found
    return []


@pytest.fixture
def hand_built_plan(seeded_engine: Engine) -> Engine:
    """Ishøj's plan: one item overdue, one done after its due date, one due later, one without."""
    make_plan(seeded_engine, template_rows=[0, 1, 2, 3])
    titles = list(plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)["title"])
    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        edits=[
            item_edit(seeded_engine, titles[0], due_date=date(2026, 11, 1), owner_name="Kim"),
            item_edit(seeded_engine, titles[1], due_date=date(2026, 10, 1), status="færdig"),
            item_edit(seeded_engine, titles[2], due_date=date(2027, 1, 1)),
        ],
    )
    return seeded_engine


def test_the_draft_agenda_lists_exactly_the_goals_off_track_and_the_overdue_items(
    hand_built_plan: Engine,
) -> None:
    _falling_helpers(hand_built_plan)
    overdue = str(plan_items(hand_built_plan, viewer=READER, municipality_code=ISHOJ)["title"][0])
    agenda = draft_agenda(hand_built_plan, viewer=LEADER, code=ISHOJ, today=TODAY)
    # no burglary figures in the seeded database (insufficient basis); the national insecurity
    # goal without a local survey (insufficient basis); the helpers falling away from their goal
    assert _agenda_point(agenda, "Mål, der ikke er på rette vej") == [
        "Indbrud: ◆ Utilstrækkeligt grundlag",
        "Nabohjælp: ■ Ikke på rette vej",
        "Tryghed: ◆ Utilstrækkeligt grundlag",
    ]
    assert _agenda_point(agenda, "Forsinkede aktiviteter i handlingsplanen") == [
        f"{overdue} (frist 1. nov. 2026, 31 dage over, ansvarlig: Kim)"
    ]
    assert agenda.startswith("1. Velkomst og godkendelse af dagsorden\n2. Siden sidste møde")


def test_a_goal_on_track_is_not_on_the_agenda_and_changes_count_from_the_last_meeting(
    hand_built_plan: Engine,
) -> None:
    _rising_helpers(hand_built_plan)
    _meeting(hand_built_plan, held_on=date(2026, 11, 20))
    agenda = draft_agenda(hand_built_plan, viewer=POLICE, code=ISHOJ, today=TODAY)
    goals = _agenda_point(agenda, "Mål, der ikke er på rette vej")
    assert goals == ["Indbrud: ◆ Utilstrækkeligt grundlag", "Tryghed: ◆ Utilstrækkeligt grundlag"]
    changes = _agenda_point(agenda, "Siden sidste møde (20. nov. 2026)")
    assert len(changes) == 1 and "i handlingsplanen" in changes[0] and "i møder" in changes[0]


def test_tying_the_pack_stores_its_snapshot_id(seeded_engine: Engine) -> None:
    make_plan(seeded_engine, template_rows=[0])
    _meeting(seeded_engine, held_on=date(2026, 11, 3))
    meeting_id = _meeting(seeded_engine)
    snapshot = tie_pack(seeded_engine, actor=LEADER, meeting_id=meeting_id, today=TODAY)
    assert re.fullmatch(r"[0-9a-f]{12}", snapshot)
    detail = meeting_detail(seeded_engine, viewer=POLICE, meeting_id=meeting_id)
    assert detail.meeting.pack_snapshot_id == snapshot
    (entry,) = _audit(seeded_engine, "meeting.update")
    assert json.loads(entry.after or "{}") == {"pack_snapshot_id": snapshot}
    with Session(seeded_engine) as session:
        assert session.get(Meeting, meeting_id) is not None


def test_an_unknown_meeting_is_a_danish_not_found(seeded_engine: Engine) -> None:
    with pytest.raises(NotFound, match="Mødet findes ikke"):
        meeting_detail(seeded_engine, viewer=READER, meeting_id=999)
    with pytest.raises(NotFound, match="Mødet findes ikke"):
        record_decision(seeded_engine, actor=LEADER, meeting_id=999, text="x")


def test_an_admin_may_register_and_an_unbound_police_user_reads_only_their_district(
    seeded_engine: Engine,
) -> None:
    meeting_id = create_meeting(
        seeded_engine, actor=ADMIN, code=ISHOJ, held_on=TODAY, title="Administratorens møde"
    )
    elsewhere = Actor("politi-nord", Role.POLICE, police_district_number=1)
    with pytest.raises(PermissionDenied):
        meeting_detail(seeded_engine, viewer=elsewhere, meeting_id=meeting_id)


def test_the_draft_agenda_names_the_hotspot_of_the_police_extract(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        write_demo_incidents(session, today=TODAY)
    agenda = draft_agenda(seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY)
    [line] = _agenda_point(agenda, "Hotspots i politiets udtræk (se siden Hotspots)")
    assert re.fullmatch(r"250m:E\d+N\d+: 12 indbrud i de seneste 4 uger mod .+ forventet.*", line)


def test_a_raised_minimum_keeps_a_smaller_hotspot_off_the_agenda(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        write_demo_incidents(session, today=TODAY)  # its hotspot square holds 12
    agenda = draft_agenda(
        seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY, hotspot_min_count=13
    )
    assert "Hotspots i politiets udtræk" not in agenda
