"""Engine and sessions for SQLite (default) and PostgreSQL.

A database that is down or locked must cost a person a few seconds, not half a minute: SQLite
waits at most WAIT_SECONDS for another writer's lock, PostgreSQL at most WAIT_SECONDS to connect
(tried twice) and WAIT_SECONDS for a lock. The error that follows is recognised by
`database_unavailable` and shown in Danish by the UI; the transaction it interrupted is rolled
back whole, and the next attempt connects afresh (pool_pre_ping)."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, exc, update
from sqlmodel import Session, col, create_engine

from models.tables import DataVersion

WAIT_SECONDS = 3
RETRY_PAUSE_SECONDS = 0.3


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets its folder, foreign keys and WAL for concurrent readers."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": WAIT_SECONDS},
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: a failed INSERT must never print a password hash into a log
    engine = create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args=_postgres_connect_args(url),
    )
    event.listen(engine, "do_connect", _connect_with_one_retry)
    return engine


def _postgres_connect_args(url: str) -> dict[str, Any]:
    if not url.startswith("postgresql"):
        return {}
    return {
        "connect_timeout": WAIT_SECONDS,
        "options": f"-c lock_timeout={WAIT_SECONDS * 1000}",
    }


def _connect_with_one_retry(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
    """A refused or timed-out connection is tried once more (a server restarting, a blip)."""
    try:
        return dialect.connect(*cargs, **cparams)
    except dialect.loaded_dbapi.OperationalError:
        time.sleep(RETRY_PAUSE_SECONDS)
        return dialect.connect(*cargs, **cparams)


def database_unavailable(error: BaseException) -> bool:
    """Whether an error means the database cannot be reached or is locked right now (as opposed
    to a bug): it is worth a Danish "try again in a moment", and the app recovers by itself."""
    seen: BaseException | None = error
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        if isinstance(
            seen,
            exc.OperationalError | exc.InterfaceError | exc.TimeoutError | exc.DisconnectionError,
        ):
            return True
        if isinstance(seen, exc.DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@contextmanager
def transaction(engine: Engine, *, bump_version: bool = True) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error.

    bump_version=False is for bookkeeping no page shows (login counters), which must not make
    every server recompute every cached page."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            if bump_version:
                bump_data_version(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise


def bump_data_version(session: Session) -> None:
    """Mark that data changed, so cached reads on every server become stale."""
    now = datetime.now(UTC)
    result = session.exec(
        update(DataVersion)
        .where(col(DataVersion.id) == 1)
        .values(version=col(DataVersion.version) + 1, changed_at=now)
    )
    if result.rowcount == 0:
        session.add(DataVersion(id=1, version=1, changed_at=now))


def data_version(engine: Engine) -> int:
    """The current data version (0 before anything was written)."""
    with Session(engine) as session:
        row = session.get(DataVersion, 1)
        return row.version if row else 0
