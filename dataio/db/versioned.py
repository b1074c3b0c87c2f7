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

`write_if_unchanged` is that statement; `delete_if_unchanged` the same for a deletion;
`edit_if_unchanged` the usual edit around it (only the fields that differ, stamped with who and
when, refused with the caller's message when the row has moved on).
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, update
from sqlmodel import Session, SQLModel

from dataio.errors import ValidationFailed
from models.i18n import Message


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


def delete_if_unchanged(
    session: Session, model: type[SQLModel], *, key: int, loaded_version: int
) -> bool:
    """Delete row `key` if it is still at `loaded_version`: True when it was deleted, False when
    it moved on or is gone (then nothing was deleted). Rows that hang on it are the caller's."""
    session.flush()
    table = _table(model)
    statement = delete(table).where(table.c.id == key, table.c.row_version == loaded_version)
    return bool(session.connection().execute(statement).rowcount == 1)


@dataclass(frozen=True)
class Changes:
    """What an edit changed: the fields' old values and their new ones (the audit row's halves)."""

    before: dict[str, Any]
    after: dict[str, Any]


def edit_if_unchanged(
    session: Session,
    row: Any,
    *,
    loaded_version: int,
    values: dict[str, Any],
    by: str,
    stale: Message,
    raced: Message | None = None,
) -> Changes | None:
    """Write the fields of `values` that differ from `row` (a table row with `id`, `row_version`,
    `changed_by` and `changed_at`), stamped with `by` and now, if the row is still at
    `loaded_version`. None when no field differs (nothing is written).

    Raises ValidationFailed(stale) when the row had moved on before the edit began, and
    ValidationFailed(raced or stale) when another save lands between the read and the write;
    nothing is written either way."""
    if row.row_version != loaded_version:
        raise ValidationFailed(stale)
    after = {k: v for k, v in values.items() if getattr(row, k) != v}
    if not after:
        return None
    before = {k: getattr(row, k) for k in after}
    stamp = {"changed_by": by, "changed_at": datetime.now(UTC)}
    if not write_if_unchanged(
        session, type(row), key=row.id, loaded_version=loaded_version, values={**after, **stamp}
    ):
        raise ValidationFailed(raced or stale)
    return Changes(before, after)
