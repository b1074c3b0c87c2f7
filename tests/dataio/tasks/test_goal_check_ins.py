"""Goal check-ins on SQLite and PostgreSQL: a comment per period, the project leader's own status
only with a written reason, audited in Danish, rights, and the status JSON's "override" key
beside the computed status (which stays as it is)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.status_document import with_overrides
from dataio.store.goals import create_local_goal
from dataio.tasks.goal_check_ins import (
    goal_check_in_history,
    goal_override,
    record_goal_check_in,
)
from models.change_text import change_sentence
from models.tables import AuditEntry
from tests.factories import ADMIN, COUNCIL, LEADER, OTHER_LEADER, POLICE, row_count

T1 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def goal_id(seeded_engine: Engine) -> int:
    goal = create_local_goal(seeded_engine, actor=LEADER, municipality_code=183)
    assert goal.id is not None
    return goal.id


def test_an_override_needs_a_reason_and_nothing_is_written_without(
    seeded_engine: Engine, goal_id: int
) -> None:
    with pytest.raises(ValidationFailed, match="skal have en skriftlig begrundelse"):
        record_goal_check_in(
            seeded_engine,
            actor=LEADER,
            goal_id=goal_id,
            period="2026-K3",
            override_status="on_track",
            override_reason="   ",
        )
    assert row_count(seeded_engine, "goal_check_in") == 0
    assert goal_override(seeded_engine, indicator="burglaries", code=183) is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"period": "sidste kvartal", "comment": "x"}, "hverken et kvartal"),
        ({"period": "2026-K5", "comment": "x"}, "hverken et kvartal"),
        ({"period": "2026-K3", "comment": ""}, "Skriv en kommentar"),
        ({"period": "2026-K3", "override_status": "fint", "override_reason": "x"}, "Ukendt status"),
        ({"period": "2026-K3", "comment": "x" * 501}, "højst være 500 tegn"),
    ],
)
def test_bad_input_is_refused(
    seeded_engine: Engine, goal_id: int, values: dict, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message):
        record_goal_check_in(seeded_engine, actor=LEADER, goal_id=goal_id, **values)
    assert row_count(seeded_engine, "goal_check_in") == 0


def test_comment_and_override_are_stored_audited_and_the_newest_counts(
    seeded_engine: Engine, goal_id: int
) -> None:
    record_goal_check_in(
        seeded_engine,
        actor=LEADER,
        goal_id=goal_id,
        period=" 2026-k3 ",
        comment="Sommerens kampagne virker",
        override_status="on_track",
        override_reason="Tre nye nabohjælpergrupper i Vejleåparken",
        now=T1,
    )
    override = goal_override(seeded_engine, indicator="burglaries", code=183)
    assert override is not None
    assert (override.status, override.reason, override.period, override.username) == (
        "on_track",
        "Tre nye nabohjælpergrupper i Vejleåparken",
        "2026-K3",
        "projektleder",
    )
    with Session(seeded_engine) as session:
        [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "goal.check_in")).all()
    assert entry.summary == (
        "Kommentar til målet for Ishøj (indbrud), 2026-K3: »Sommerens kampagne virker«; "
        "projektlederens vurdering: ● På rette vej (»Tre nye nabohjælpergrupper i Vejleåparken«)"
    )
    assert (
        change_sentence(
            action=entry.action, summary=entry.summary, before=entry.before, after=entry.after
        )
        == entry.summary + "."
    )
    # a later comment without an own status withdraws the override
    record_goal_check_in(
        seeded_engine,
        actor=LEADER,
        goal_id=goal_id,
        period="2026-11-23",
        comment="Ny kvartal",
        now=T2,
    )
    assert goal_override(seeded_engine, indicator="burglaries", code=183) is None
    history = goal_check_in_history(seeded_engine, goal_id=goal_id)
    assert list(history["period"]) == ["2026-11-23", "2026-K3"]


def test_rights(seeded_engine: Engine, goal_id: int) -> None:
    for actor in (COUNCIL, POLICE, OTHER_LEADER):
        with pytest.raises(PermissionDenied, match="Ingen adgang"):
            record_goal_check_in(
                seeded_engine, actor=actor, goal_id=goal_id, period="2026-K3", comment="x"
            )
    record_goal_check_in(seeded_engine, actor=ADMIN, goal_id=goal_id, period="2026-K3", comment="x")
    assert row_count(seeded_engine, "goal_check_in") == 1


def test_the_status_json_keeps_the_computed_status_and_adds_the_override(
    seeded_engine: Engine, goal_id: int
) -> None:
    document = {"burglaries": {"status": "off_track"}, "helpers": None, "insecurity": None}
    assert with_overrides(seeded_engine, document, code=183) == document  # none yet: no key
    record_goal_check_in(
        seeded_engine,
        actor=LEADER,
        goal_id=goal_id,
        period="2026-K3",
        override_status="on_track",
        override_reason="Begrundelse",
        now=T1,
    )
    shown = with_overrides(seeded_engine, document, code=183)
    assert shown["burglaries"] == {
        "status": "off_track",
        "override": {
            "status": "on_track",
            "reason": "Begrundelse",
            "period": "2026-K3",
            "by": "projektleder",
            "at": shown["burglaries"]["override"]["at"],
        },
    }
    assert shown["burglaries"]["override"]["at"].startswith("2026-10-01")
    assert with_overrides(seeded_engine, document, code=101) == document  # another municipality
