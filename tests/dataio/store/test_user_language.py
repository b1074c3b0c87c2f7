"""A user's interface language (Min konto): who may set it, what is refused, the audit row."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.errors import ValidationFailed
from dataio.store.users import find_user, set_language
from models.change_text import change_lines
from models.errors import PermissionDenied
from models.permissions import Actor, Role
from models.tables import AuditEntry

ADMIN = Actor(username="admin", role=Role.ADMIN)
LEADER = Actor(username="projektleder", role=Role.PROJECT_LEADER, municipality_code=183)


def _rows(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.exec(select(AuditEntry).where(AuditEntry.action == "user.set_language")).all()
        )


def test_danish_is_the_default(seeded_engine: Engine) -> None:
    user = find_user(seeded_engine, username="projektleder")
    assert user is not None and user.language == "da"


def test_a_user_sets_their_own_and_it_is_audited(seeded_engine: Engine) -> None:
    set_language(seeded_engine, actor=LEADER, username="projektleder", language="en")
    user = find_user(seeded_engine, username="projektleder")
    assert user is not None and user.language == "en"
    rows = _rows(seeded_engine)
    assert [(r.entity_key, r.summary) for r in rows] == [
        ("projektleder", "Sprog for projektleder sat til English")
    ]
    assert change_lines(rows[0].before, rows[0].after) == ("Sprog: Dansk", "Sprog: English")


def test_the_same_language_again_writes_nothing(seeded_engine: Engine) -> None:
    set_language(seeded_engine, actor=LEADER, username="projektleder", language="da")
    assert _rows(seeded_engine) == []


def test_only_the_admin_sets_someone_elses(seeded_engine: Engine) -> None:
    with pytest.raises(PermissionDenied):
        set_language(seeded_engine, actor=LEADER, username="politi", language="en")
    set_language(seeded_engine, actor=ADMIN, username="politi", language="en")
    user = find_user(seeded_engine, username="politi")
    assert user is not None and user.language == "en"


def test_an_unknown_language_is_refused_in_danish(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match=r"Ukendt sprog: de\. Vælg et af: Dansk, English\."):
        set_language(seeded_engine, actor=LEADER, username="projektleder", language="de")
    assert _rows(seeded_engine) == []
