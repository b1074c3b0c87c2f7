"""A database that is locked or down costs seconds, not half a minute; nothing is half-written; the
error is recognised as "the database does not answer" (shown in Danish by the UI)."""

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, exc, text
from sqlmodel import Session

from dataio.db.engine import WAIT_SECONDS, data_version, database_unavailable, make_engine
from dataio.db.migrate import upgrade_schema
from dataio.store.users import LockoutPolicy, add_user, attempt_login, end_sessions, find_user
from models.permissions import Actor, Role
from tests.support.postgres import free_port


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'locked.sqlite'}")
    upgrade_schema(engine)
    admin = Actor("admin", Role.ADMIN)
    add_user(
        engine,
        actor=admin,
        username="anna",
        display_name="A",
        role="admin",
        password="en-lang-kode-123",
    )
    return engine


def test_a_locked_sqlite_database_answers_within_seconds(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    before = data_version(sqlite_engine)
    other_writer = sqlite3.connect(tmp_path / "locked.sqlite", isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long import would
    try:
        started = time.monotonic()
        with pytest.raises(exc.OperationalError) as raised:
            # a failed login writes its counter: that is what waits for the lock
            attempt_login(
                sqlite_engine,
                username="anna",
                password="forkert-kode-123",
                policy=LockoutPolicy(),
            )
        waited = time.monotonic() - started
        assert database_unavailable(raised.value)
        assert WAIT_SECONDS - 0.5 <= waited < WAIT_SECONDS + 3, waited
        assert data_version(sqlite_engine) == before  # reads go on meanwhile (WAL)
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    user = find_user(sqlite_engine, username="anna")
    assert user is not None and user.failed_logins == 0  # nothing half-written
    end_sessions(sqlite_engine, username="anna")  # the lock is gone: writes work again


def test_an_unreachable_postgresql_answers_within_seconds() -> None:
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/botrygt")
    started = time.monotonic()
    with pytest.raises(exc.OperationalError) as raised, Session(engine) as session:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    waited = time.monotonic() - started
    assert database_unavailable(raised.value)
    assert waited < 2 * WAIT_SECONDS + 1, waited  # refused at once here; one retry after 0.3 s


@pytest.mark.parametrize(
    "error",
    [
        ValueError("x"),
        exc.IntegrityError("INSERT", {}, Exception("duplicate key")),
        exc.ProgrammingError("SELECT", {}, Exception("syntax error")),
    ],
)
def test_bugs_are_not_mistaken_for_a_database_that_is_down(error: Exception) -> None:
    assert not database_unavailable(error)


def test_a_wrapped_database_error_is_still_recognised() -> None:
    try:
        try:
            raise exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))
        except exc.OperationalError as inner:
            raise RuntimeError("while loading the page") from inner
    except RuntimeError as outer:
        assert database_unavailable(outer)
