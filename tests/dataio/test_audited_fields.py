"""Every field an audited write stores has a Danish name, and every kind of change a Danish word.

Runs the audited writes on a seeded database and reads the field names back from the log, so a
new field (or a new write) without a name in models.change_text fails here. The action codes are
also read from the source: an `audit.record(action="...")` anywhere in dataio without a Danish
name fails even when no write below calls it.
"""

import ast
import json
import re
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.business.store import (
    add_event,
    create_group,
    delete_event,
    delete_group,
    edit_group,
    link_walk,
    unlink_walk,
)
from dataio.communication.press import add_press_entry, delete_press_entry, edit_press_entry
from dataio.communication.stakeholders import (
    add_stakeholder,
    delete_stakeholder,
    edit_stakeholder,
    set_item_partners,
)
from dataio.files.incidents import import_incidents
from dataio.files.neighbour_help import import_helpers
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.surveys import import_survey
from dataio.files.undo import undo_last_import
from dataio.mail.brief import set_brief_day
from dataio.meetings.store import NewItem, create_meeting, edit_meeting, record_decision
from dataio.public import set_published
from dataio.store.action_plans import ItemEdit, create_plan, plan_items, save_changes
from dataio.store.areas import NOT_A_PARTNERSHIP, set_partnership_start
from dataio.store.goals import GoalChange, create_local_goal, update_goal
from dataio.store.incidents import prune_incidents
from dataio.store.neighbour_help import add_activity, add_helper_count
from dataio.store.users import add_user, rescope_user, set_active, set_language, set_password
from dataio.store.walks import (
    NewObservation,
    add_walk,
    follow_up_to_item,
    set_observation_status,
    walk_table,
)
from dataio.survey_rounds.local import add_local_measure, record_local_counts
from dataio.survey_rounds.schedule import ScheduleInput, create_schedule, update_schedule
from dataio.tasks.check_ins import record_check_in
from dataio.tasks.goal_check_ins import record_goal_check_in
from dataio.tasks.owners import set_owner
from models.change_text import ACTION_NAMES, FIELD_NAMES, IGNORED_FIELDS
from models.permissions import Actor, Role
from models.tables import AuditEntry, WalkObservation
from tests.support.incident_extracts import ExtractRow, extract, inside_positions

ROOT = Path(__file__).resolve().parents[2]
ADMIN = Actor("admin", Role.ADMIN)
TODAY = date(2026, 12, 2)
HELPERS = ROOT / "tests" / "data" / "imports" / "helpers_good_semicolon_utf8bom.csv"


def run_every_write(engine: Engine) -> None:
    create_plan(engine, actor=ADMIN, municipality_code=183, template_rows=[0, 1])
    items = plan_items(engine, viewer=ADMIN, municipality_code=183)
    row, second = list(items.itertuples())[:2]
    save_changes(
        engine,
        actor=ADMIN,
        municipality_code=183,
        edits=[
            ItemEdit(int(row.id), int(row.row_version), {"status": "i gang", "progress": 40}),
            ItemEdit(int(second.id), int(second.row_version), None),
            ItemEdit(None, None, {"title": "Ny", "track": "Spor 1", "status": "ikke startet"}),
        ],
    )
    first = plan_items(engine, viewer=ADMIN, municipality_code=183).iloc[0]
    record_check_in(
        engine,
        actor=ADMIN,
        item_id=int(first["id"]),
        loaded_version=int(first["row_version"]),
        status="i gang",
        progress=50,
        comment="Godt i gang",
        new_due_date=date(2027, 1, 1),
        due_reason="Ferie",
    )
    set_owner(
        engine,
        actor=ADMIN,
        item_id=int(first["id"]),
        loaded_version=int(first["row_version"]) + 1,
        owner_username="politi",
    )
    add_walk(
        engine,
        actor=ADMIN,
        municipality_code=183,
        walk_date=TODAY,
        area="Vejleåparken",
        observations=[NewObservation("Mørk sti", "Vej og Park", "Lys")],
    )
    with Session(engine) as session:
        observation = session.exec(select(WalkObservation)).first()
        assert observation is not None and observation.id is not None
        observation_id, version = observation.id, observation.row_version
        walk_id = observation.walk_id
    assert not walk_table(engine, viewer=ADMIN, municipality_code=183).empty
    set_observation_status(
        engine,
        actor=ADMIN,
        observation_id=observation_id,
        loaded_version=version,
        status="i gang",
        follow_up="Lys sat op",
    )
    follow_up_to_item(engine, actor=ADMIN, observation_id=observation_id)
    goal = create_local_goal(engine, actor=ADMIN, municipality_code=183)
    record_goal_check_in(
        engine,
        actor=ADMIN,
        goal_id=goal.id or 0,
        period="2026-K4",
        comment="Kommentar",
        override_status="on_track",
        override_reason="Begrundelse",
    )
    update_goal(
        engine,
        actor=ADMIN,
        goal_id=goal.id or 0,
        change=GoalChange(
            baseline=300,
            baseline_year=2023,
            target=None,
            target_reduction=0.25,
            target_year=2030,
            source_note="Byrådet",
        ),
        loaded_version=goal.row_version,
    )
    add_helper_count(
        engine, actor=ADMIN, municipality_code=183, count_date=TODAY, helpers=1450, today=TODAY
    )
    add_activity(
        engine,
        actor=ADMIN,
        municipality_code=183,
        activity_date=TODAY,
        kind="messe",
        place="Torvet",
        sign_ups=12,
    )
    add_user(
        engine,
        actor=ADMIN,
        username="ny",
        display_name="Ny Bruger",
        role="council",
        password="en lang nok adgangskode 7",
        municipality_code=183,
    )
    set_active(engine, actor=ADMIN, username="ny", active=False)
    rescope_user(
        engine,
        actor=ADMIN,
        username="ny",
        role="project_leader",
        municipality_code=183,
        police_district_number=None,
    )
    set_password(engine, actor=ADMIN, username="ny", password="en anden lang adgangskode 8")
    import_helpers(engine, actor=ADMIN, data=HELPERS.read_bytes(), file_name="h.csv", today=TODAY)
    survey = (
        "kommune;år;måling;kategori;antal\n183;2025;utryg_indbrud;tryg;250\n"
        "183;2025;utryg_indbrud;utryg;40\n"
    ).encode()
    import_survey(engine, actor=ADMIN, data=survey, file_name="s.csv", today=TODAY)
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"] + [f"183;1320;2026K{q};{10 + q}" for q in (1, 2)]
    import_dst(
        engine,
        actor=ADMIN,
        data=("\r\n".join(lines) + "\r\n").encode(),
        file_name="straf11.csv",
        today=TODAY,
    )
    undo_last_import(engine, actor=ADMIN)
    position = inside_positions()[0]
    incidents = [ExtractRow(day, *position) for day in (date(2024, 6, 1), date(2026, 11, 1))]
    import_incidents(
        engine,
        actor=ADMIN,
        municipality_code=183,
        data=extract(incidents),
        file_name="i.csv",
        today=TODAY,
    )
    assert prune_incidents(engine, actor=ADMIN, months=24, today=TODAY) == 1
    set_partnership_start(
        engine,
        actor=ADMIN,
        municipality_code=183,
        start=date(2025, 1, 1),
        seen=NOT_A_PARTNERSHIP,
        today=TODAY,
    )
    set_partnership_start(
        engine,
        actor=ADMIN,
        municipality_code=183,
        start=date(2025, 2, 1),
        seen="2025-01-01",
        today=TODAY,
    )
    meeting_id = create_meeting(
        engine, actor=ADMIN, code=183, held_on=TODAY, title="Møde", participants="Alle"
    )
    edit_meeting(
        engine,
        actor=ADMIN,
        meeting_id=meeting_id,
        loaded_version=1,
        held_on=TODAY,
        title="Møde",
        participants="Alle",
        agenda="1. Velkomst",
        minutes="Referat",
    )
    record_decision(
        engine,
        actor=ADMIN,
        meeting_id=meeting_id,
        text="Politiet går en tur",
        new_item=NewItem(title="Tur", owner_username="politi", due_date=TODAY),
    )
    set_brief_day(engine, actor=ADMIN, municipality_code=183, day=5)
    set_published(engine, actor=ADMIN, code=183, on=True, summary="Vi arbejder sammen.")
    set_language(engine, actor=ADMIN, username="admin", language="en")
    planned = ScheduleInput(
        year=2027, invitation_date=date(2027, 3, 1), close_date=date(2027, 3, 29)
    )
    schedule_id = create_schedule(engine, actor=ADMIN, code=183, values=planned)
    update_schedule(
        engine,
        actor=ADMIN,
        schedule_id=schedule_id,
        loaded_version=1,
        values=ScheduleInput(
            year=2027,
            invitation_date=date(2027, 3, 1),
            close_date=date(2027, 3, 29),
            reminder_dates=(date(2027, 3, 15),),
            status="i gang",
            invitations=1000,
            responses=420,
            reminders_sent_on=(date(2027, 3, 15),),
        ),
    )
    measure_id = add_local_measure(
        engine, actor=ADMIN, code=183, question="Tryg?", categories=["Ja", "Nej"], in_share=["Nej"]
    )
    for count in (5, 6):  # the second replaces the first: before and after
        record_local_counts(
            engine, actor=ADMIN, measure_id=measure_id, year=2025, counts={"Ja": count, "Nej": 1}
        )
    run_communication_writes(engine)
    run_business_writes(engine, walk_id=walk_id)


def run_communication_writes(engine: Engine) -> None:
    """Track 3: the press log and the stakeholder register (dataio.communication)."""
    entry = add_press_entry(
        engine,
        actor=ADMIN,
        code=183,
        published_on=TODAY,
        medium="Ishøj Avis",
        headline="Sådan sikrer du dit hjem",
        url="https://ishoj-avis.dk/1",
        tone="constructive",
        goal="burglaries",
        item_id=int(plan_items(engine, viewer=ADMIN, municipality_code=183)["id"].iloc[0]),
        today=TODAY,
    )
    edit_press_entry(
        engine,
        actor=ADMIN,
        entry_id=entry,
        loaded_version=1,
        published_on=TODAY,
        medium="Ishøj Avis",
        headline="Sådan sikrer du dit hjem mod indbrud",
        url="",
        tone="neutral",
        goal=None,
        item_id=None,
        today=TODAY,
    )
    delete_press_entry(engine, actor=ADMIN, entry_id=entry, loaded_version=2)
    made = add_stakeholder(
        engine,
        actor=ADMIN,
        code=183,
        organisation="Bauhaus",
        contact_name="Mette",
        email="m@example.dk",
        phone="12345678",
        tracks=["Spor 2"],
        note="Stand",
    )
    edit_stakeholder(
        engine,
        actor=ADMIN,
        stakeholder_id=made,
        loaded_version=1,
        organisation="Bauhaus Ishøj",
        contact_name="Jens",
        email="",
        phone="",
        tracks=["Spor 1", "Spor 2"],
        note="",
    )
    item = int(plan_items(engine, viewer=ADMIN, municipality_code=183)["id"].iloc[0])
    set_item_partners(engine, actor=ADMIN, item_id=item, stakeholder_ids=[made])
    delete_stakeholder(engine, actor=ADMIN, stakeholder_id=made, loaded_version=2)


def run_business_writes(engine: Engine, *, walk_id: int) -> None:
    """Business neighbour-watch: groups, their events and walk links (dataio.business)."""
    group = create_group(
        engine, actor=ADMIN, code=183, name="Erhvervspark", members=10, checked=2, today=TODAY
    )
    edit_group(
        engine,
        actor=ADMIN,
        group_id=group,
        loaded_version=1,
        name="Erhvervsparken",
        area="Syd",
        members=12,
        checked=3,
        contact="Foreningen",
        start_date=TODAY,
        today=TODAY,
    )
    event = add_event(
        engine, actor=ADMIN, group_id=group, event_date=TODAY, kind="møde", today=TODAY
    )
    delete_event(engine, actor=ADMIN, event_id=event)
    link_walk(engine, actor=ADMIN, group_id=group, walk_id=walk_id)
    unlink_walk(engine, actor=ADMIN, group_id=group, walk_id=walk_id)
    delete_group(engine, actor=ADMIN, group_id=group, loaded_version=2)


def audited_actions_in_source() -> set[str]:
    """The action codes of every audit.record call in dataio and cli (literal or conditional)."""
    found: set[str] = set()
    for path in [*ROOT.glob("dataio/**/*.py"), *ROOT.glob("cli/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg in {"action", "audit_action"}:
                found |= {
                    c.value
                    for c in ast.walk(node.value)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                }
    return {a for a in found if re.fullmatch(r"[a-z_]+\.[a-z_]+", a)}


def test_every_audited_field_and_action_has_a_danish_name(seeded_engine: Engine) -> None:
    run_every_write(seeded_engine)
    with Session(seeded_engine) as session:
        entries = session.exec(select(AuditEntry)).all()
    fields = {
        key
        for entry in entries
        for stored in (entry.before, entry.after)
        if stored
        for key in json.loads(stored)
    }
    actions = {entry.action for entry in entries}
    assert len(actions) >= 17, actions  # the writes above really ran
    assert not fields - IGNORED_FIELDS - FIELD_NAMES.keys()
    assert not actions - ACTION_NAMES.keys()
    assert not audited_actions_in_source() - ACTION_NAMES.keys()
