"""Users: passwords, lockout, the login attempt, sessions ending, and start-up safety."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from dataio.errors import ValidationFailed
from dataio.settings import Settings
from dataio.store.users import (
    LockoutPolicy,
    attempt_login,
    change_own_password,
    check_password,
    find_user,
    hash_password,
    is_locked,
    record_login_failure,
    record_login_success,
    set_active,
    set_password,
)
from models.permissions import Actor, Role
from tests.factories import ADMIN, COUNCIL

POLICY = LockoutPolicy(max_failures=3, minutes=10)


# made by streamlit-authenticator 0.4.2's Hasher, which hashed the passwords of earlier versions
LIBRARY_HASH = "$2b$12$hAcNLC9tr49Ni.LWPFfkg.0uiD8/1/ATc8aHkTUJPwitg1MP878UO"


def test_hashes_of_earlier_versions_still_check() -> None:
    ours = hash_password("en-lang-kode-123")
    assert ours.startswith("$2b$12$") and check_password("en-lang-kode-123", ours)
    assert check_password("en-lang-kode-123", LIBRARY_HASH)
    assert not check_password("forkert-kode-123", LIBRARY_HASH)
    assert not check_password("forkert-kode-123", ours)
    assert not check_password("hvad-som-helst", "not a bcrypt hash")


def test_lockout_after_the_limit_and_only_then(seeded_engine: Engine) -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert record_login_failure(seeded_engine, username="byraad", policy=POLICY, now=now) is False
    assert record_login_failure(seeded_engine, username="byraad", policy=POLICY, now=now) is False
    assert record_login_failure(seeded_engine, username="byraad", policy=POLICY, now=now) is True
    user = find_user(seeded_engine, username="byraad")
    assert user is not None
    assert is_locked(user, now=now + timedelta(minutes=9))
    assert not is_locked(user, now=now + timedelta(minutes=11))


def test_success_clears_the_count(seeded_engine: Engine) -> None:
    record_login_failure(seeded_engine, username="byraad", policy=POLICY)
    record_login_failure(seeded_engine, username="byraad", policy=POLICY)
    record_login_success(seeded_engine, username="byraad")
    assert record_login_failure(seeded_engine, username="byraad", policy=POLICY) is False


def test_unknown_user_failure_is_ignored(seeded_engine: Engine) -> None:
    assert record_login_failure(seeded_engine, username="findes-ikke", policy=POLICY) is False


def test_reset_password_lifts_the_lock(seeded_engine: Engine) -> None:
    for _ in range(3):
        record_login_failure(seeded_engine, username="byraad", policy=POLICY)
    set_password(seeded_engine, actor=ADMIN, username="byraad", password="nulstillet-kode-1")
    user = find_user(seeded_engine, username="byraad")
    assert user is not None and not is_locked(user)
    assert check_password("nulstillet-kode-1", user.password_hash)


def test_change_own_password_needs_the_old_one(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match="nuværende adgangskode er forkert"):
        change_own_password(
            seeded_engine,
            actor=COUNCIL,
            old_password="gæt-en-kode-1",
            new_password="en-helt-ny-kode-9",
        )
    with pytest.raises(ValidationFailed, match="mindst 10 tegn"):
        change_own_password(
            seeded_engine, actor=COUNCIL, old_password="demo-byraad-1234", new_password="kort"
        )
    change_own_password(
        seeded_engine,
        actor=COUNCIL,
        old_password="demo-byraad-1234",
        new_password="en-helt-ny-kode-9",
    )
    user = find_user(seeded_engine, username="byraad")
    assert user is not None and check_password("en-helt-ny-kode-9", user.password_hash)


def settings(**fields: object) -> Settings:
    values: dict[str, object] = {
        "database_url": "postgresql+psycopg://x/y",
        "demo_mode": False,
        "cookie_key": "3q8Zr1-LxT0vWm4NpC7yKd2hFs9GbJ6uAe5oRi_E",
    }
    values.update(fields)
    return Settings(**values)  # type: ignore[arg-type]


def test_demo_accounts_with_public_passwords_are_found(seeded_engine: Engine) -> None:
    from dataio.seed.demo_users import demo_passwords_in_use
    from dataio.store.users import set_active

    assert demo_passwords_in_use(seeded_engine) == [
        "admin",
        "projektleder",
        "politi",
        "byraad",
        "erhverv",
    ]
    set_password(seeded_engine, actor=ADMIN, username="admin", password="en-rigtig-hemmelighed")
    set_active(seeded_engine, actor=ADMIN, username="politi", active=False)
    assert demo_passwords_in_use(seeded_engine) == ["projektleder", "byraad", "erhverv"]
    problems = settings().security_problems(has_active_admin=True, demo_accounts=["byraad"])
    assert problems == [
        "demo-brugerne byraad har stadig deres offentlige demo-adgangskode (deaktivér dem)"
    ]


def test_the_last_active_admin_cannot_be_removed(seeded_engine: Engine) -> None:
    from dataio.store.users import add_user, rescope_user, set_active

    other = Actor("admin2", Role.ADMIN)
    with pytest.raises(ValidationFailed, match="mindst én aktiv administrator"):
        set_active(seeded_engine, actor=other, username="admin", active=False)
    with pytest.raises(ValidationFailed, match="mindst én aktiv administrator"):
        rescope_user(
            seeded_engine,
            actor=ADMIN,
            username="admin",
            role="council",
            municipality_code=183,
            police_district_number=None,
        )
    add_user(
        seeded_engine,
        actor=ADMIN,
        username="admin2",
        display_name="To",
        role="admin",
        password="en-lang-kode-123",
    )
    set_active(
        seeded_engine, actor=other, username="admin", active=False
    )  # now another admin remains


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("ny", " mellemrum-foran", "begynde eller slutte med mellemrum"),
        ("ny", "mellemrum-bagved ", "begynde eller slutte med mellemrum"),
        ("x" * 65, "en-lang-kode-123", "højst 64 tegn"),
        ("ny", "kort", "mindst 10 tegn"),
    ],
)
def test_unusable_usernames_and_passwords_are_refused(
    seeded_engine: Engine, username: str, password: str, message: str
) -> None:
    from dataio.store.users import add_user

    with pytest.raises(ValidationFailed, match=message):
        add_user(
            seeded_engine,
            actor=ADMIN,
            username=username,
            display_name="N",
            role="admin",
            password=password,
        )


def test_christianso_is_not_a_scope(seeded_engine: Engine) -> None:
    from dataio.store.users import add_user

    with pytest.raises(ValidationFailed, match="Ukendt kommunekode: 411"):
        add_user(
            seeded_engine,
            actor=ADMIN,
            username="ny",
            display_name="N",
            role="council",
            password="en-lang-kode-123",
            municipality_code=411,
        )


def test_login_bookkeeping_leaves_cached_pages_alone(seeded_engine: Engine) -> None:
    from dataio.db.engine import data_version

    before = data_version(seeded_engine)
    record_login_failure(seeded_engine, username="byraad", policy=POLICY)
    record_login_success(seeded_engine, username="byraad")
    assert data_version(seeded_engine) == before


# --- the login form's attempt: same answer and same work for every kind of failure --------------


def _bcrypt_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every bcrypt check attempt_login makes (the hash it checked against)."""
    import dataio.store.users as users

    checked: list[str] = []
    original = users.check_password

    def counting(password: str, password_hash: str) -> bool:
        checked.append(password_hash)
        return original(password, password_hash)

    monkeypatch.setattr(users, "check_password", counting)
    return checked


def test_the_right_password_logs_in(seeded_engine: Engine) -> None:
    user = attempt_login(
        seeded_engine, username=" Byraad ", password="demo-byraad-1234", policy=POLICY
    )
    assert user is not None and user.username == "byraad"


@pytest.mark.parametrize("case", ["wrong password", "unknown name", "disabled", "locked"])
def test_every_failure_costs_one_bcrypt_check_and_counts(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    username, password = "byraad", "demo-byraad-1234"
    if case == "wrong password":
        password = "forkert-kode-123"
    elif case == "unknown name":
        username = "findes-ikke"
    elif case == "disabled":
        set_active(seeded_engine, actor=ADMIN, username="byraad", active=False)
    else:
        for _ in range(POLICY.max_failures):
            record_login_failure(seeded_engine, username="byraad", policy=POLICY)
    checked = _bcrypt_checks(monkeypatch)
    assert attempt_login(seeded_engine, username=username, password=password, policy=POLICY) is None
    assert len(checked) == 1  # the answer takes as long whether the name exists or not
    if case == "wrong password":
        user = find_user(seeded_engine, username="byraad")
        assert user is not None and user.failed_logins == 1


def test_disabling_and_enabling_again_end_every_session(seeded_engine: Engine) -> None:
    from dataio.sessions import new_session, session_ended

    user = find_user(seeded_engine, username="byraad")
    assert user is not None
    session = new_session(user, hours=1)
    set_active(seeded_engine, actor=ADMIN, username="byraad", active=False)
    user = find_user(seeded_engine, username="byraad")
    assert session_ended(session, user) == "disabled"
    set_active(seeded_engine, actor=ADMIN, username="byraad", active=True)
    user = find_user(seeded_engine, username="byraad")
    assert user is not None
    assert session_ended(session, user) == "revoked"  # a cookie from before stays dead
    assert session_ended(new_session(user, hours=1), user) is None  # a new login holds
