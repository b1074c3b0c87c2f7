"""Check-ins on SQLite and PostgreSQL: the item moves on (status, progress, due date with a
reason), the version moves (a stale form is refused with the conflict message), the audit row
speaks Danish, the check-in counts as a touch for the 90-day rule, and the rights."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.store.action_plans import plan_items, with_flags
from dataio.tasks.check_ins import check_ins, record_check_in
from dataio.tasks.owners import ItemConflict, set_owner
from models.change_text import change_sentence
from models.tables import AuditEntry
from models.vocabulary import STALE_FLAG
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE, READER, make_plan, row_count

MUNICIPAL = "Informationskampagne om nabohjælpere"  # "kommune"
POLICE_ITEM = "Mobil politistation"  # "politi"
JOINT = "Tryghedsvandringer"  # "fælles"


@pytest.fixture
def plan(seeded_engine: Engine) -> Engine:
    make_plan(seeded_engine)
    return seeded_engine


def item(engine: Engine, title: str) -> dict:
    items = plan_items(engine, viewer=READER, municipality_code=183)
    return items[items["title"] == title].iloc[0].to_dict()


def check_in(engine: Engine, title: str, *, actor=LEADER, version: int | None = None, **values):
    row = item(engine, title)
    defaults = {"status": "i gang", "progress": 60}
    record_check_in(
        engine,
        actor=actor,
        item_id=int(row["id"]),
        loaded_version=int(row["row_version"]) if version is None else version,
        **{**defaults, **values},
    )


def test_a_check_in_moves_the_item_and_is_audited_in_danish(plan: Engine) -> None:
    check_in(plan, MUNICIPAL, status="i gang", progress=40)
    check_in(plan, MUNICIPAL, progress=60, comment="  Møde med boligforeningen holdt ")
    row = item(plan, MUNICIPAL)
    assert (row["status"], row["progress"], row["row_version"], row["changed_by"]) == (
        "i gang",
        60,
        3,
        "projektleder",
    )
    with Session(plan) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "action_item.check_in")
        ).all()
    last = entries[-1]
    assert last.summary == (
        f"Statusopdatering af «{MUNICIPAL}»: Fremdrift 40 % → 60 %, »Møde med boligforeningen holdt«"
    )
    assert (
        change_sentence(
            action=last.action, summary=last.summary, before=last.before, after=last.after
        )
        == last.summary
    )  # ends with the quotation: no full stop after it
    history = check_ins(plan, viewer=READER, item_id=int(row["id"]))
    assert list(history["progress"]) == [60, 40]  # newest first
    assert list(history["comment"]) == ["Møde med boligforeningen holdt", ""]


def test_a_new_due_date_needs_a_reason(plan: Engine) -> None:
    with pytest.raises(ValidationFailed, match="En ny frist skal have en begrundelse"):
        check_in(plan, MUNICIPAL, new_due_date=date(2027, 3, 1), due_reason="  ")
    assert item(plan, MUNICIPAL)["row_version"] == 1 and row_count(plan, "item_check_in") == 0
    check_in(plan, MUNICIPAL, new_due_date=date(2027, 3, 1), due_reason="Afventer budget")
    row = item(plan, MUNICIPAL)
    assert str(row["due_date"])[:10] == "2027-03-01"
    [stored] = check_ins(plan, viewer=READER, item_id=int(row["id"])).to_dict("records")
    assert stored["due_reason"] == "Afventer budget"
    assert str(stored["new_due_date"])[:10] == "2027-03-01"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"status": "halvvejs"}, "Status skal være"),
        ({"progress": 101}, "Fremdrift skal være et helt tal fra 0 til 100"),
        ({"progress": -1}, "Fremdrift skal være"),
        ({"comment": "x" * 501}, "må højst være 500 tegn"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    plan: Engine, values: dict, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message):
        check_in(plan, MUNICIPAL, **values)
    assert row_count(plan, "item_check_in") == 0 and item(plan, MUNICIPAL)["row_version"] == 1


def test_a_stale_form_gets_the_conflict_message(plan: Engine) -> None:
    check_in(plan, MUNICIPAL, progress=20)
    with pytest.raises(ItemConflict, match="fordi en anden har ændret den, siden du hentede siden"):
        check_in(plan, MUNICIPAL, progress=90, version=1)
    assert item(plan, MUNICIPAL)["progress"] == 20 and row_count(plan, "item_check_in") == 1


def test_a_check_in_is_a_touch_for_the_90_day_rule(plan: Engine) -> None:
    with plan.begin() as connection:
        connection.execute(
            text("UPDATE action_item SET changed_at = :old"),
            {"old": datetime.now(UTC) - timedelta(days=120)},
        )

    def flag() -> str:
        items = with_flags(
            plan_items(plan, viewer=READER, municipality_code=183), today=date.today()
        )
        return str(items.loc[items["title"] == MUNICIPAL, "advarsel"].iloc[0])

    assert flag() == STALE_FLAG
    check_in(plan, MUNICIPAL, progress=10, comment="Stadig i gang")
    assert flag() == ""


def test_rights(plan: Engine) -> None:
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        check_in(plan, MUNICIPAL, actor=COUNCIL)
    with pytest.raises(PermissionDenied, match="politiet ændrer kun politiets"):
        check_in(plan, MUNICIPAL, actor=POLICE)
    check_in(plan, POLICE_ITEM, actor=POLICE)
    check_in(plan, JOINT, actor=POLICE)
    check_in(plan, MUNICIPAL, actor=ADMIN)
    # the owner may update their own item, even a municipal one
    row = item(plan, MUNICIPAL)
    set_owner(
        plan,
        actor=LEADER,
        item_id=int(row["id"]),
        loaded_version=int(row["row_version"]),
        owner_username="politi",
    )
    check_in(plan, MUNICIPAL, actor=POLICE, progress=80)
    assert item(plan, MUNICIPAL)["progress"] == 80
    # the council stays refused even as a (stale) owner
    with plan.begin() as connection:
        connection.execute(text("UPDATE action_item SET owner_username = 'byraad'"))
    with pytest.raises(PermissionDenied, match="må ikke give statusopdateringer"):
        check_in(plan, JOINT, actor=COUNCIL)
    assert row_count(plan, "item_check_in") == 4


def test_the_history_is_read_in_scope(plan: Engine) -> None:
    from tests.factories import OTHER_LEADER

    row = item(plan, MUNICIPAL)
    with pytest.raises(PermissionDenied, match="Ishøj"):
        check_ins(plan, viewer=OTHER_LEADER, item_id=int(row["id"]))
    assert check_ins(plan, viewer=COUNCIL, item_id=int(row["id"])).empty
