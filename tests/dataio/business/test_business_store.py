"""Business neighbour-watch groups on SQLite and PostgreSQL: rights, audit, versions, validation."""

from datetime import date

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from dataio.business.store import (
    add_event,
    business_events,
    business_groups,
    business_walks,
    checked_totals,
    create_group,
    delete_event,
    delete_group,
    edit_group,
    link_walk,
    unlink_walk,
)
from dataio.db.engine import transaction
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from models.permissions import Actor
from models.tables import AuditEntry, BusinessGroup
from tests.factories import (
    ADMIN,
    BUSINESS,
    COUNCIL,
    KOBENHAVN,
    LEADER,
    OTHER_BUSINESS,
    POLICE,
    READER,
    make_walk,
    row_count,
)

ISHOJ = 183
TODAY = date(2026, 12, 7)


def _group(engine: Engine, **changes: object) -> int:
    fields: dict[str, object] = {
        "actor": BUSINESS,
        "code": ISHOJ,
        "name": "Ishøj Erhvervspark",
        "area": "Ishøj Erhvervspark",
        "members": 40,
        "checked": 12,
        "contact": "Ishøj Erhvervsforening, 12 34 56 78",
        "start_date": date(2026, 3, 1),
        "today": TODAY,
    }
    fields.update(changes)
    return create_group(engine, **fields)  # type: ignore[arg-type]


def _edit(
    engine: Engine, group_id: int, *, actor: Actor = BUSINESS, version: int = 1, **changes: object
) -> bool:
    row = business_groups(engine, viewer=READER, code=ISHOJ).set_index("id").loc[group_id]
    fields: dict[str, object] = {
        "name": row["name"],
        "area": row["area"],
        "members": int(row["members"]),
        "checked": int(row["businesses_checked"]),
        "contact": row["contact"],
        "start_date": None
        if row["start_date"] is None
        else date.fromisoformat(str(row["start_date"])[:10]),
        "today": TODAY,
    }
    fields.update(changes)
    return edit_group(engine, actor=actor, group_id=group_id, loaded_version=version, **fields)  # type: ignore[arg-type]


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).where(col(AuditEntry.action) == action)).all())


def test_the_business_user_creates_a_group_audited(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    groups = business_groups(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert list(groups["name"]) == ["Ishøj Erhvervspark"]
    row = groups.iloc[0]
    assert (int(row["members"]), int(row["businesses_checked"]), int(row["row_version"])) == (
        40,
        12,
        1,
    )
    [entry] = _audit(seeded_engine, "business_group.create")
    assert entry.username == "erhverv" and entry.entity_key == str(group_id)
    assert (entry.municipality_code, entry.police_district_number) == (ISHOJ, 10)
    assert "Ishøj Erhvervspark" in entry.summary and '"members": 40' in (entry.after or "")


@pytest.mark.parametrize("actor", [LEADER, ADMIN], ids=["projektleder", "admin"])
def test_the_project_leader_and_the_admin_edit_groups(seeded_engine: Engine, actor: Actor) -> None:
    group_id = _group(seeded_engine, actor=actor)
    assert _edit(seeded_engine, group_id, actor=actor, members=41) is True


@pytest.mark.parametrize("actor", [COUNCIL, POLICE], ids=["byraad", "politi"])
def test_council_and_police_read_but_may_not_write(seeded_engine: Engine, actor: Actor) -> None:
    group_id = _group(seeded_engine)
    before = row_count(seeded_engine, "audit_entry")
    with pytest.raises(PermissionDenied, match="må ikke ændre erhvervsnabohjælpsgrupper"):
        _group(seeded_engine, actor=actor, name="Ny")
    with pytest.raises(PermissionDenied):
        _edit(seeded_engine, group_id, actor=actor, members=50)
    with pytest.raises(PermissionDenied):
        add_event(
            seeded_engine,
            actor=actor,
            group_id=group_id,
            event_date=TODAY,
            kind="møde",
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        delete_group(seeded_engine, actor=actor, group_id=group_id, loaded_version=1)
    assert row_count(seeded_engine, "audit_entry") == before
    assert len(business_groups(seeded_engine, viewer=actor, code=ISHOJ)) == 1  # they read it


def test_the_business_user_may_not_touch_another_municipalitys_groups(
    seeded_engine: Engine,
) -> None:
    theirs = _group(seeded_engine, actor=ADMIN, code=KOBENHAVN, name="Københavns Nordvest")
    with pytest.raises(PermissionDenied, match="erhvervsforening for kommune 183"):
        edit_group(
            seeded_engine,
            actor=BUSINESS,
            group_id=theirs,
            loaded_version=1,
            name="X",
            area="",
            members=1,
            checked=0,
            contact="",
            start_date=None,
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        _group(seeded_engine, code=KOBENHAVN)
    with pytest.raises(PermissionDenied):
        add_event(
            seeded_engine,
            actor=BUSINESS,
            group_id=theirs,
            event_date=TODAY,
            kind="møde",
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        business_groups(seeded_engine, viewer=BUSINESS, code=KOBENHAVN)
    with pytest.raises(PermissionDenied):
        _group(seeded_engine, actor=OTHER_BUSINESS)  # and Copenhagen's may not touch Ishøj's


def test_a_stale_version_is_refused_and_nothing_is_written(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    assert _edit(seeded_engine, group_id, actor=LEADER, members=45) is True
    before = row_count(seeded_engine, "audit_entry")
    with pytest.raises(ValidationFailed, match=r"er ændret af en anden.*gemt af projektleder"):
        _edit(seeded_engine, group_id, version=1, checked=20)
    with pytest.raises(ValidationFailed, match="er ændret af en anden"):
        delete_group(seeded_engine, actor=BUSINESS, group_id=group_id, loaded_version=1)
    assert row_count(seeded_engine, "audit_entry") == before
    row = business_groups(seeded_engine, viewer=READER, code=ISHOJ).iloc[0]
    assert (int(row["members"]), int(row["businesses_checked"]), int(row["row_version"])) == (
        45,
        12,
        2,
    )


def test_an_edit_without_a_change_writes_nothing(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    before = row_count(seeded_engine, "audit_entry")
    assert _edit(seeded_engine, group_id) is False
    assert row_count(seeded_engine, "audit_entry") == before


def test_an_edit_records_only_what_changed(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    _edit(seeded_engine, group_id, checked=30)
    [entry] = _audit(seeded_engine, "business_group.update")
    assert entry.before == '{"businesses_checked": 12}'
    assert entry.after == '{"businesses_checked": 30}'


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"members": -1, "checked": 0}, "Antal virksomheder kan ikke være negativt"),
        ({"members": 10, "checked": 11}, "kan ikke være større end antal virksomheder"),
        ({"name": " "}, "Gruppen skal have et navn"),
    ],
)
def test_bad_input_is_refused_in_danish(seeded_engine: Engine, changes: dict, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        _group(seeded_engine, **changes)
    group_id = _group(seeded_engine)
    with pytest.raises(ValidationFailed, match=message):
        _edit(seeded_engine, group_id, **changes)
    assert row_count(seeded_engine, "business_group") == 1


def test_the_database_refuses_more_checked_than_members(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    with pytest.raises(IntegrityError), transaction(seeded_engine) as session:
        session.execute(
            text("UPDATE business_group SET businesses_checked = 41 WHERE id = :id"),
            {"id": group_id},
        )
    with pytest.raises(IntegrityError), transaction(seeded_engine) as session:
        session.execute(text("UPDATE business_group SET members = -1, businesses_checked = 0"))


def test_events_are_added_listed_and_deleted(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    first = add_event(
        seeded_engine,
        actor=BUSINESS,
        group_id=group_id,
        event_date=date(2026, 11, 2),
        kind="sikringstjek",
        note="Fem virksomheder",
        today=TODAY,
    )
    add_event(
        seeded_engine,
        actor=LEADER,
        group_id=group_id,
        event_date=date(2026, 12, 1),
        kind="møde",
        today=TODAY,
    )
    events = business_events(seeded_engine, viewer=POLICE, code=ISHOJ)
    assert list(events["kind"]) == ["møde", "sikringstjek"]
    assert set(events["group_name"]) == {"Ishøj Erhvervspark"}
    with pytest.raises(ValidationFailed, match="Typen skal være"):
        add_event(
            seeded_engine,
            actor=BUSINESS,
            group_id=group_id,
            event_date=TODAY,
            kind="fest",
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        delete_event(seeded_engine, actor=COUNCIL, event_id=first)
    delete_event(seeded_engine, actor=BUSINESS, event_id=first)
    assert len(business_events(seeded_engine, viewer=READER, code=ISHOJ)) == 1
    assert len(_audit(seeded_engine, "business_event.create")) == 2
    assert len(_audit(seeded_engine, "business_event.delete")) == 1
    assert int(business_groups(seeded_engine, viewer=READER, code=ISHOJ).iloc[0]["events"]) == 1


def test_walks_in_a_business_area_are_linked_not_copied(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    walk = make_walk(seeded_engine, area="Ishøj Erhvervspark", observations=[])
    link_walk(seeded_engine, actor=BUSINESS, group_id=group_id, walk_id=walk)
    walks = business_walks(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert list(walks["walk_id"]) == [walk] and list(walks["area"]) == ["Ishøj Erhvervspark"]
    with pytest.raises(ValidationFailed, match="allerede knyttet"):
        link_walk(seeded_engine, actor=BUSINESS, group_id=group_id, walk_id=walk)
    with pytest.raises(PermissionDenied):
        unlink_walk(seeded_engine, actor=POLICE, group_id=group_id, walk_id=walk)
    theirs = make_walk(seeded_engine, actor=ADMIN, municipality_code=KOBENHAVN, observations=[])
    with pytest.raises(NotFound, match="gruppens kommune"):
        link_walk(seeded_engine, actor=BUSINESS, group_id=group_id, walk_id=theirs)
    # deleting the group takes its events and links, never the walk
    add_event(
        seeded_engine,
        actor=BUSINESS,
        group_id=group_id,
        event_date=TODAY,
        kind="andet",
        today=TODAY,
    )
    delete_group(seeded_engine, actor=BUSINESS, group_id=group_id, loaded_version=1)
    assert row_count(seeded_engine, "business_group") == 0
    assert row_count(seeded_engine, "business_event") == 0
    assert row_count(seeded_engine, "business_group_walk") == 0
    assert row_count(seeded_engine, "safety_walk") == 2
    [entry] = _audit(seeded_engine, "business_group.delete")
    assert "slettet med 1 aktiviteter" in entry.summary


def test_unlink_walk(seeded_engine: Engine) -> None:
    group_id = _group(seeded_engine)
    walk = make_walk(seeded_engine, observations=[])
    link_walk(seeded_engine, actor=LEADER, group_id=group_id, walk_id=walk)
    unlink_walk(seeded_engine, actor=BUSINESS, group_id=group_id, walk_id=walk)
    assert business_walks(seeded_engine, viewer=READER, code=ISHOJ).empty
    with pytest.raises(NotFound):
        unlink_walk(seeded_engine, actor=BUSINESS, group_id=group_id, walk_id=walk)


def test_checked_totals_over_the_municipalitys_groups(seeded_engine: Engine) -> None:
    assert checked_totals(seeded_engine, viewer=READER, code=ISHOJ).share is None
    _group(seeded_engine)  # 12 of 40
    _group(seeded_engine, name="Vejleåvej", members=20, checked=9)
    _group(
        seeded_engine, actor=ADMIN, code=KOBENHAVN, name="Anden kommune", members=100, checked=100
    )
    total = checked_totals(seeded_engine, viewer=BUSINESS, code=ISHOJ)
    assert (total.groups, total.members, total.checked) == (2, 60, 21)
    assert total.share == pytest.approx(0.35)


def test_a_missing_group_is_not_found(seeded_engine: Engine) -> None:
    with pytest.raises(NotFound, match="Erhvervsgruppen findes ikke"):
        delete_group(seeded_engine, actor=BUSINESS, group_id=999, loaded_version=1)
    with Session(seeded_engine) as session:
        assert session.exec(select(BusinessGroup)).first() is None
