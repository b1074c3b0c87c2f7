"""Engine and sessions for SQLite (default) and PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, event, update
from sqlmodel import Session, col, create_engine

from models.tables import DataVersion


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets its folder, foreign keys and WAL for concurrent readers."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: a failed INSERT must never print a password hash into a log
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


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
