"""Versioned writes: a row changes only while it is still at the version the person loaded.

A save from a page carries the `row_version` the person saw. Comparing it after a plain read and
then writing leaves a gap in which another save can land (both would report success, the second
silently overwriting the first). So the comparison is part of the write itself:

    UPDATE table SET ..., row_version = :loaded + 1 WHERE id = :id AND row_version = :loaded

and `rowcount` says whether it happened. On PostgreSQL (READ COMMITTED) a rival UPDATE of the same
row waits for the first one's row lock and then re-checks its WHERE against the committed row, so
it matches nothing; on SQLite the statement runs under the database's write lock, and the first
write of a transaction waits for that lock (busy timeout) before it reads the row. Either way the
loser writes nothing, and the caller reports a conflict instead of an audit row.
"""

from typing import Any

from sqlalchemy import Table, update
from sqlmodel import Session, SQLModel


def _table(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def write_if_unchanged(
    session: Session,
    model: type[SQLModel],
    *,
    key: int,
    loaded_version: int,
    values: dict[str, Any],
) -> bool:
    """Set `values` and the next version on row `key` if it is still at `loaded_version`.

    True when the row was written; False when it moved on or is gone (then nothing was written).
    The session's copy of the row is stale afterwards: refresh it before reading it again."""
    session.flush()  # pending rows of this transaction go first, in the order they were made
    table = _table(model)
    statement = (
        update(table)
        .where(table.c.id == key, table.c.row_version == loaded_version)
        .values(**values, row_version=loaded_version + 1)
    )
    result = session.connection().execute(statement)
    return bool(result.rowcount == 1)
