"""Settings: demo mode only when asked, a cookie key with real entropy, Secure cookies outside demo."""

import secrets

import pytest

from dataio.errors import ValidationFailed
from dataio.settings import DEMO_COOKIE_KEY, Settings, cookie_key_problem

GOOD_KEY = "3q8Zr1-LxT0vWm4NpC7yKd2hFs9GbJ6uAe5oRi_E"
NOT_RANDOM = "BOTRYGT_COOKIE_KEY er ikke tilfældig nok"


def settings(**fields: object) -> Settings:
    values: dict[str, object] = {
        "database_url": "postgresql+psycopg://x/y",
        "demo_mode": False,
        "cookie_key": GOOD_KEY,
    }
    values.update(fields)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (GOOD_KEY, None),
        (secrets.token_urlsafe(48), None),
        (secrets.token_hex(32), None),  # 64 hex digits: 16 different characters at most
        ("", "BOTRYGT_COOKIE_KEY er ikke sat"),
        (" " * 32, "BOTRYGT_COOKIE_KEY består kun af mellemrum"),
        ("\t \n" * 20, "BOTRYGT_COOKIE_KEY består kun af mellemrum"),
        (DEMO_COOKIE_KEY, "BOTRYGT_COOKIE_KEY er den offentlige demo-nøgle"),
        ("kort", "BOTRYGT_COOKIE_KEY er for kort: mindst 32 bytes"),
        ("k" * 40, NOT_RANDOM),
        ("abcdefgh" * 5, NOT_RANDOM),  # 8 different characters
        ("0123456789abcdefghij" * 2, NOT_RANDOM),  # 20 different, but one piece twice
        ("0123456789abcdefghij" * 2 + "0123", NOT_RANDOM),  # ... with a part of it a third time
        ("hemmelig-nøgle-hemmelig-nøgle-12", NOT_RANDOM),  # 11 different characters
    ],
)
def test_the_cookie_key_needs_real_entropy(key: str, problem: str | None) -> None:
    found = cookie_key_problem(key)
    if problem == NOT_RANDOM:
        assert found is not None and found.startswith(NOT_RANDOM)
    else:
        assert found == problem


@pytest.mark.parametrize(
    ("fields", "has_admin", "problems"),
    [
        ({}, True, []),
        ({"cookie_key": ""}, True, ["BOTRYGT_COOKIE_KEY er ikke sat"]),
        (
            {"cookie_key": DEMO_COOKIE_KEY},
            True,
            ["BOTRYGT_COOKIE_KEY er den offentlige demo-nøgle"],
        ),
        ({"cookie_key": "kort"}, True, ["BOTRYGT_COOKIE_KEY er for kort: mindst 32 bytes"]),
        (
            {"cookie_secure": False},
            True,
            [
                "BOTRYGT_COOKIE_SECURE=0 er kun tilladt i demo-tilstand (uden https kan "
                "login-cookien aflures)"
            ],
        ),
        (
            {},
            False,
            ["der er ingen aktiv administrator (opret en med `botrygt users add --role admin`)"],
        ),
        # demo mode is exempt: it lists its users and passwords on the login page anyway
        ({"demo_mode": True, "cookie_key": "", "cookie_secure": False}, False, []),
    ],
)
def test_security_problems(fields: dict, has_admin: bool, problems: list[str]) -> None:
    assert settings(**fields).security_problems(has_active_admin=has_admin) == problems


def test_without_its_own_server_routes_the_app_refuses_outside_demo_mode() -> None:
    assert settings().security_problems(has_active_admin=True, server_routes=False) == [
        "appen er startet uden sine egne serverruter: start den med `streamlit run serve.py` "
        "(ikke app.py)"
    ]
    assert (
        settings(demo_mode=True).security_problems(has_active_admin=True, server_routes=False) == []
    )


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (
        "DATABASE_URL",
        "BOTRYGT_DEMO",
        "BOTRYGT_COOKIE_KEY",
        "BOTRYGT_COOKIE_SECURE",
        "BOTRYGT_SESSION_HOURS",
        "BOTRYGT_LOCKOUT_FAILURES",
        "BOTRYGT_LOCKOUT_MINUTES",
        "BOTRYGT_HOTSPOT_MIN_COUNT",
        "BOTRYGT_INCIDENT_RETENTION_MONTHS",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_settings_from_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DATABASE_URL", "postgresql+psycopg://u@h/d")
    clean_env.setenv("BOTRYGT_LOCKOUT_FAILURES", "7")
    read = Settings.from_env()
    assert (read.demo_mode, read.cookie_key, read.lockout_max_failures, read.lockout_minutes) == (
        False,
        "",
        7,
        15,
    )
    assert (read.cookie_secure, read.session_hours) == (True, 8.0)


def test_sqlite_alone_is_not_demo_mode(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite")
    read = Settings.from_env()
    assert (read.demo_mode, read.cookie_key) == (False, "")
    assert read.security_problems(has_active_admin=True) == ["BOTRYGT_COOKIE_KEY er ikke sat"]


def test_demo_mode_when_asked_signs_with_a_random_key_of_its_own(
    clean_env: pytest.MonkeyPatch,
) -> None:
    clean_env.setenv("BOTRYGT_DEMO", "1")
    read = Settings.from_env()
    assert read.demo_mode
    assert read.cookie_key != DEMO_COOKIE_KEY and cookie_key_problem(read.cookie_key) is None
    assert Settings.from_env().cookie_key == read.cookie_key  # the same for the whole process
    clean_env.setenv("BOTRYGT_COOKIE_KEY", GOOD_KEY)
    assert Settings.from_env().cookie_key == GOOD_KEY  # a key that is set wins


@pytest.mark.parametrize(
    ("value", "secure", "hours"),
    [("0", False, 8.0), ("1", True, 8.0), ("nej", False, 8.0)],
)
def test_cookie_secure_flag(
    clean_env: pytest.MonkeyPatch, value: str, secure: bool, hours: float
) -> None:
    clean_env.setenv("BOTRYGT_COOKIE_SECURE", value)
    assert (Settings.from_env().cookie_secure, Settings.from_env().session_hours) == (secure, hours)


@pytest.mark.parametrize(
    ("value", "hours"),
    [("2", 2.0), ("0,5", 0.5), ("0", 8.0), ("-3", 8.0), ("mange", 8.0), ("100000", 8.0)],
)
def test_session_hours(clean_env: pytest.MonkeyPatch, value: str, hours: float) -> None:
    clean_env.setenv("BOTRYGT_SESSION_HOURS", value)
    assert Settings.from_env().session_hours == hours


def test_incident_settings_default_to_three_and_24_months(clean_env: pytest.MonkeyPatch) -> None:
    read = Settings.from_env()
    assert (read.hotspot_min_count, read.incident_retention_months) == (3, 24)
    clean_env.setenv("BOTRYGT_HOTSPOT_MIN_COUNT", "5")
    clean_env.setenv("BOTRYGT_INCIDENT_RETENTION_MONTHS", "12")
    read = Settings.from_env()
    assert (read.hotspot_min_count, read.incident_retention_months) == (5, 12)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOTRYGT_HOTSPOT_MIN_COUNT", "2"),
        ("BOTRYGT_HOTSPOT_MIN_COUNT", "0"),
        ("BOTRYGT_HOTSPOT_MIN_COUNT", "-4"),
        ("BOTRYGT_HOTSPOT_MIN_COUNT", "tre"),
        ("BOTRYGT_INCIDENT_RETENTION_MONTHS", "0"),
        ("BOTRYGT_INCIDENT_RETENTION_MONTHS", "2,5"),
    ],
)
def test_a_privacy_floor_below_its_minimum_is_refused_not_defaulted(
    clean_env: pytest.MonkeyPatch, name: str, value: str
) -> None:
    clean_env.setenv(name, value)
    with pytest.raises(ValidationFailed, match=rf"^{name}={value} afvist: skal være et helt tal"):
        Settings.from_env()
