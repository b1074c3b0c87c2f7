"""A user's e-mail address: who may set it, what is refused, and the audit row it leaves."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.errors import ValidationFailed
from dataio.store.users import clean_email, find_user, set_email
from models.errors import PermissionDenied
from models.permissions import Actor, Role
from models.tables import AuditEntry

ADMIN = Actor(username="admin", role=Role.ADMIN)
LEADER = Actor(username="projektleder", role=Role.PROJECT_LEADER, municipality_code=183)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Anne.Hansen@Ishoj.DK ", "Anne.Hansen@ishoj.dk"),
        ("", None),
        ("   ", None),
        (None, None),
        ("a@b.dk", "a@b.dk"),
    ],
)
def test_clean_email(typed: str | None, stored: str | None) -> None:
    assert clean_email(typed) == stored


@pytest.mark.parametrize(
    "typed", ["anne", "anne@", "@ishoj.dk", "anne@ishoj", "a b@ishoj.dk", "a@@b.dk"]
)
def test_not_an_address_is_refused_by_name(typed: str) -> None:
    with pytest.raises(ValidationFailed, match="ikke en e-mailadresse"):
        clean_email(typed)


def test_a_user_sets_their_own_and_it_is_audited(seeded_engine: Engine) -> None:
    set_email(
        seeded_engine,
        actor=LEADER,
        username="projektleder",
        email="pl@ishoj.dk",
        brief_subscribed=False,
    )
    user = find_user(seeded_engine, username="projektleder")
    assert user is not None and user.email == "pl@ishoj.dk" and user.brief_subscribed is False
    with Session(seeded_engine) as session:
        rows = session.exec(select(AuditEntry).where(AuditEntry.action == "user.set_email")).all()
    assert [row.entity_key for row in rows] == ["projektleder"]


def test_only_the_admin_sets_someone_elses(seeded_engine: Engine) -> None:
    with pytest.raises(PermissionDenied):
        set_email(seeded_engine, actor=LEADER, username="politi", email="x@politi.dk")
    set_email(seeded_engine, actor=ADMIN, username="politi", email="x@politi.dk")
    user = find_user(seeded_engine, username="politi")
    assert user is not None and user.email == "x@politi.dk"


def test_demo_users_have_addresses_no_mailbox_receives(seeded_engine: Engine) -> None:
    user = find_user(seeded_engine, username="politi")
    assert user is not None and user.email == "politi@demo.botrygt.invalid"
