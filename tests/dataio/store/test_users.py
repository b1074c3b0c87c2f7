"""Users: passwords, lockout, compatibility with streamlit-authenticator, and start-up safety."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine
from streamlit_authenticator.utilities.hasher import Hasher

from dataio.errors import ValidationFailed
from dataio.settings import DEMO_COOKIE_KEY, Settings
from dataio.store.users import (
    LockoutPolicy,
    change_own_password,
    check_password,
    find_user,
    hash_password,
    is_locked,
    record_login_failure,
    record_login_success,
    set_password,
)
from models.permissions import Actor, Role
from tests.factories import ADMIN, COUNCIL

POLICY = LockoutPolicy(max_failures=3, minutes=10)


def test_our_hashes_and_the_libraries_are_interchangeable() -> None:
    ours = hash_password("en-lang-kode-123")
    assert Hasher.check_pw("en-lang-kode-123", ours)
    assert check_password("en-lang-kode-123", Hasher.hash("en-lang-kode-123"))
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
        "cookie_key": "k" * 40,
    }
    values.update(fields)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "has_admin", "problems"),
    [
        ({}, True, []),
        ({"cookie_key": ""}, True, ["BOTRYGT_COOKIE_KEY er ikke sat (eller er demo-nøglen)"]),
        (
            {"cookie_key": DEMO_COOKIE_KEY},
            True,
            ["BOTRYGT_COOKIE_KEY er ikke sat (eller er demo-nøglen)"],
        ),
        ({"cookie_key": "kort"}, True, ["BOTRYGT_COOKIE_KEY er for kort: mindst 32 bytes"]),
        (
            {},
            False,
            ["der er ingen aktiv administrator (opret en med `botrygt users add --role admin`)"],
        ),
        ({"demo_mode": True, "cookie_key": DEMO_COOKIE_KEY}, False, []),  # demo mode is exempt
    ],
)
def test_security_problems(fields: dict, has_admin: bool, problems: list[str]) -> None:
    assert settings(**fields).security_problems(has_active_admin=has_admin) == problems


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/d")
    monkeypatch.delenv("BOTRYGT_DEMO", raising=False)
    monkeypatch.delenv("BOTRYGT_COOKIE_KEY", raising=False)
    monkeypatch.setenv("BOTRYGT_LOCKOUT_FAILURES", "7")
    read = Settings.from_env()
    assert (read.demo_mode, read.cookie_key, read.lockout_max_failures, read.lockout_minutes) == (
        False,
        "",
        7,
        15,
    )
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite")
    assert Settings.from_env().demo_mode is True
    assert Settings.from_env().cookie_key == DEMO_COOKIE_KEY


def test_demo_accounts_with_public_passwords_are_found(seeded_engine: Engine) -> None:
    from dataio.seed.demo_users import demo_passwords_in_use
    from dataio.store.users import set_active

    assert demo_passwords_in_use(seeded_engine) == ["admin", "projektleder", "politi", "byraad"]
    set_password(seeded_engine, actor=ADMIN, username="admin", password="en-rigtig-hemmelighed")
    set_active(seeded_engine, actor=ADMIN, username="politi", active=False)
    assert demo_passwords_in_use(seeded_engine) == ["projektleder", "byraad"]
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
