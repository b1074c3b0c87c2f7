"""AppTest: the login form, the session checked on every run, the start-up checks, and a locked
database on the login page (a Danish message within seconds, nothing half-written)."""

import shutil
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.users import end_sessions, find_user
from tests.pages.apptest import APP, TIMEOUT, logged_in_session, run_page
from ui.page import DATABASE_DOWN
from ui.session import ENDED, LOGGED_OUT, SESSION_KEY

WRONG = (
    "Forkert brugernavn eller adgangskode. Efter 5 forkerte forsøg i træk låses kontoen i "
    "15 minutter."
)


@pytest.fixture
def private_db(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo database (failed logins are written), in demo mode."""
    copy = tmp_path / "private.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return copy


def login_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    return at


def submit(at: AppTest, username: str, password: str) -> AppTest:
    name, secret = at.text_input
    name.input(username)
    secret.input(password)
    next(b for b in at.button if b.label == "Log ind").click().run()
    return at


def test_logging_in_draws_the_page_in_the_same_run(private_db: Path) -> None:
    at = submit(login_page(), "Politi ", "demo-politi-1234")
    assert not at.exception and not at.error
    assert at.title[0].value == "Forside: status for måltal"
    assert not at.text_input  # the form is gone
    assert at.session_state[SESSION_KEY].username == "politi"


def test_every_failure_gets_one_answer(private_db: Path) -> None:
    answers = []
    for username in ("politi", "findes-ikke", ""):
        at = submit(login_page(), username, "forkert-kode-123")
        answers.append([e.value for e in at.error])
        assert not at.title and SESSION_KEY not in at.session_state
    assert answers == [[WRONG]] * 3


def test_a_failed_login_on_a_locked_database_is_a_danish_message_within_seconds(
    private_db: Path,
) -> None:
    at = login_page()
    other_writer = sqlite3.connect(private_db, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        started = time.monotonic()
        submit(at, "politi", "forkert-kode-123")  # the failure count must be written
        waited = time.monotonic() - started
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert not at.exception
    assert [e.value for e in at.error] == [DATABASE_DOWN]
    assert [b.label for b in at.button] == ["Log ind", "Prøv igen"]  # the form stays
    assert waited < 10, waited
    user = find_user(make_engine(f"sqlite:///{private_db}"), username="politi")
    assert user is not None and user.failed_logins == 0  # nothing half-written


def test_logging_out_ends_the_session_everywhere(private_db: Path) -> None:
    at = run_page(user="politi")
    next(b for b in at.button if b.label == "Log ud").click().run()
    assert [s.value for s in at.success] == [LOGGED_OUT]
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]
    user = find_user(make_engine(f"sqlite:///{private_db}"), username="politi")
    assert user is not None and user.sessions_valid_from is not None


def test_a_session_ended_elsewhere_ends_here_at_the_next_run(private_db: Path) -> None:
    at = run_page(user="politi")
    assert at.title
    end_sessions(make_engine(f"sqlite:///{private_db}"), username="politi")  # another device
    at.run()
    assert [w.value for w in at.warning] == [ENDED["revoked"]]
    assert not at.title and [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]


def test_an_expired_session_ends_at_the_next_run(private_db: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    session = logged_in_session("politi")
    at.session_state[SESSION_KEY] = replace(session, expires_at=time.time() - 1)
    at.run()
    assert [w.value for w in at.warning] == [ENDED["expired"]]
    assert not at.title


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        (
            {"BOTRYGT_DEMO": "0", "BOTRYGT_COOKIE_KEY": "k" * 40},
            "BOTRYGT_COOKIE_KEY er ikke tilfældig",
        ),
        ({"BOTRYGT_DEMO": "0", "BOTRYGT_COOKIE_KEY": " " * 40}, "BOTRYGT_COOKIE_KEY består kun af"),
        ({"BOTRYGT_DEMO": None, "BOTRYGT_COOKIE_KEY": None}, "BOTRYGT_COOKIE_KEY er ikke sat"),
    ],
    ids=["repeated key", "spaces", "sqlite alone is no demo"],
)
def test_unsafe_settings_refuse_to_start(
    private_db: Path, monkeypatch: pytest.MonkeyPatch, env: dict, problem: str
) -> None:
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    at = login_page()
    assert not at.exception
    assert at.error[0].value.startswith(f"Appen kan ikke starte sikkert: {problem}")
    # and started with `streamlit run app.py` (no serve.py routes) it says so too
    assert "start den med `streamlit run serve.py`" in at.error[0].value
    assert not at.text_input and not at.title
