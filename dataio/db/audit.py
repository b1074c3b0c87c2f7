"""The audit trail: written in the same transaction as the change, read within the viewer's scope,
and chained by hashes so that a row changed behind the application's back is found.

Append-only, three fences:

1. Triggers refuse UPDATE and DELETE (migration 0002) and, since 0008, the two holes left: SQLite's
   `REPLACE INTO` (its implicit delete fires no delete trigger; a BEFORE INSERT trigger refuses an
   id that exists) and PostgreSQL's `TRUNCATE` (a statement trigger). `audit_scope` has the same.
2. Grants: the application's PostgreSQL role may only SELECT and INSERT these tables (README,
   "Revisionssporet").
3. The hash chain. Each row stores `prev_hash`, the `row_hash` of the row before it in id order
   (`GENESIS` for the first), and its own `row_hash`: sha256 over a canonical JSON of its fields
   (when, who, what, scope, summary, before, after) and `prev_hash`. `verify_chain` (and
   `botrygt audit verify`) walks the rows in id order and names the first row whose hash does not
   match its contents (changed) or whose `prev_hash` is not the row before it (a row deleted,
   inserted or swapped). The chain proves nothing against someone who recomputes every hash after
   an edit: it finds edits made without the application's code. The last hash `audit verify`
   prints, kept outside the database (in the minutes of a meeting), anchors the chain up to then.

Concurrency of the chain: two writers must never chain to the same predecessor, and the chain order
must be the id order. So `record` only queues the row on the session; the queued rows are written
by the session's `before_commit` hook, as the last statements of the transaction, after taking the
chain lock and only then reading the last row's hash:

- PostgreSQL: `pg_advisory_xact_lock(CHAIN_LOCK)`, held until commit or rollback. The statement that
  reads the last hash starts after the lock is granted, so under READ COMMITTED it sees the previous
  holder's committed row; the new row's id is drawn from the sequence while the lock is held, so ids
  rise in chain order. An advisory lock needs no right on the table (`LOCK TABLE` in an exclusive
  mode would need UPDATE, DELETE or TRUNCATE, which the application's role does not have).
- SQLite: the database's write lock. A transaction that has written anything holds it already
  (every `transaction()` has bumped the data version by then); otherwise `BEGIN IMMEDIATE` takes it
  before the last hash is read.

Written last, the lock is held only for these inserts and the commit, and no other lock is taken
after it, so it cannot close a deadlock with the row locks of a batch save. A rollback drops the
queued rows. (Savepoints are not used with audited writes: a rolled back savepoint would not drop
the rows queued inside it.)
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, Row, event, func, or_, text
from sqlalchemy import select as sa_select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction, aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from dataio.db.frames import Connectable, read_frame
from models.change_text import person_name
from models.formatting import fmt_datetime
from models.permissions import Actor, Role
from models.tables import AppUser, AuditEntry, AuditScope, Municipality

# Never in the log: a password hash is a secret even when hashed.
REDACTED_FIELDS = {"password_hash"}
GENESIS = "0" * 64  # the prev_hash of the first row
CHAIN_LOCK = 0x626F7472  # PostgreSQL advisory lock key of the chain ("botr")
# the audit actions that record a data_source row's import (entity_key is the source id)
IMPORT_ACTIONS = ("data.import", "helpers.import", "survey.import", "incidents.import")
_QUEUE = "audit_queue"


def _json(values: dict[str, Any] | None) -> str | None:
    if values is None:
        return None
    clean = {k: ("***" if k in REDACTED_FIELDS else v) for k, v in values.items()}
    return json.dumps(clean, ensure_ascii=False, default=str, sort_keys=True)


def record(
    session: Session,
    *,
    actor: Actor,
    action: str,
    entity: str,
    entity_key: str,
    summary: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    municipality_code: int | None = None,
    police_district_number: int | None = None,
    municipalities: Iterable[int] = (),
) -> None:
    """Add one audit row to the session's open transaction (it commits or rolls back with the change).

    Whose it is: `municipality_code` and `police_district_number`, or, for a write that touched
    several municipalities (a file import), all of them in `municipalities`: the row is then shown
    to each of them and their police districts, and to nobody else. Neither: a national row."""
    codes = sorted({int(code) for code in municipalities})
    scopes: list[tuple[int, int]] = []
    if codes:
        if municipality_code is not None or police_district_number is not None:
            raise ValueError("give the municipalities or one scope, not both")
        districts = dict(
            session.exec(
                select(col(Municipality.code), col(Municipality.police_district_number)).where(
                    col(Municipality.code).in_(codes)
                )
            ).all()
        )
        scopes = [(code, districts[code]) for code in codes]
        numbers = {number for _, number in scopes}
        municipality_code = codes[0] if len(codes) == 1 else None
        police_district_number = next(iter(numbers)) if len(numbers) == 1 else None
        if len(codes) == 1:
            scopes = []  # one municipality: the row's own columns say it
    entry = AuditEntry(
        at=datetime.now(UTC),
        username=actor.username,
        action=action,
        entity=entity,
        entity_key=entity_key,
        municipality_code=municipality_code,
        police_district_number=police_district_number,
        summary=summary,
        before=_json(before),
        after=_json(after),
    )
    session.info.setdefault(_QUEUE, []).append((entry, scopes))


# --- the hash chain -------------------------------------------------------------------------


def canonical(entry: AuditEntry, scopes: Iterable[tuple[int, int]]) -> str:
    """The row as hashed: its fields and scope and its prev_hash, in one fixed JSON form."""
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    fields = {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "username": entry.username,
        "action": entry.action,
        "entity": entry.entity,
        "entity_key": entry.entity_key,
        "municipality_code": entry.municipality_code,
        "police_district_number": entry.police_district_number,
        "summary": entry.summary,
        "before": entry.before,
        "after": entry.after,
        "scopes": [[code, number] for code, number in sorted(scopes)],
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(entry: AuditEntry, scopes: Iterable[tuple[int, int]]) -> str:
    """sha256 (hex) of the canonical row."""
    return hashlib.sha256(canonical(entry, scopes).encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Take the chain lock for the rest of the transaction (see the module docstring)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    elif connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


@event.listens_for(OrmSession, "before_commit")
def _write_queued(session: OrmSession) -> None:
    queued: list[tuple[AuditEntry, list[tuple[int, int]]]] = session.info.pop(_QUEUE, [])
    if not queued:
        return
    assert isinstance(session, Session)
    lock_chain(session)
    last = session.exec(
        select(col(AuditEntry.row_hash)).order_by(col(AuditEntry.id).desc()).limit(1)
    ).first()
    previous = last or GENESIS
    for entry, scopes in queued:  # one at a time: each id is drawn after the one before it
        entry.prev_hash = previous
        entry.row_hash = previous = row_hash(entry, scopes)
        session.add(entry)
        session.flush()
        for code, number in scopes:
            session.add(
                AuditScope(
                    audit_entry_id=entry.id or 0,
                    municipality_code=code,
                    police_district_number=number,
                )
            )
        session.flush()


@event.listens_for(OrmSession, "after_soft_rollback")
def _drop_queued(session: OrmSession, _previous: SessionTransaction) -> None:
    session.info.pop(_QUEUE, None)


@dataclass(frozen=True)
class BrokenLink:
    """The first row where the chain does not hold."""

    id: int
    at: datetime
    username: str
    action: str
    summary: str
    why: str

    def text(self) -> str:
        return (
            f"Revisionssporet er brudt ved række {self.id} ({fmt_datetime(self.at)}, "
            f"{self.username}, {self.action}: «{self.summary}»): {self.why}"
        )


@dataclass(frozen=True)
class ChainCheck:
    """What `verify_chain` found."""

    rows: int
    last_hash: str
    broken: BrokenLink | None

    def text(self) -> str:
        if self.broken is not None:
            return self.broken.text()
        return f"Revisionssporet er intakt ({self.rows} rækker)"


def verify_chain(engine: Engine) -> ChainCheck:
    """Walk the log in id order; the first row that does not match its hash or its predecessor."""
    with Session(engine) as session:
        scopes: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for scope in session.exec(select(AuditScope)).all():
            scopes[scope.audit_entry_id].append(
                (scope.municipality_code, scope.police_district_number)
            )
        previous, previous_id, rows = GENESIS, None, 0
        statement = select(AuditEntry).order_by(col(AuditEntry.id)).execution_options(yield_per=500)
        for entry in session.exec(statement):
            why = None
            if entry.row_hash is None:
                why = "rækken har ingen kædeværdi (skrevet uden om programmet)"
            elif entry.prev_hash != previous:
                why = (
                    "rækken peger ikke på rækken før den"
                    + (f" (række {previous_id})" if previous_id is not None else "")
                    + ": en række imellem er slettet, indsat eller skiftet ud"
                )
            elif row_hash(entry, scopes.get(entry.id or 0, [])) != entry.row_hash:
                why = "rækkens indhold er ændret, efter den blev skrevet"
            if why is not None:
                broken = BrokenLink(
                    entry.id or 0, entry.at, entry.username, entry.action, entry.summary, why
                )
                return ChainCheck(rows, previous, broken)
            previous, previous_id, rows = entry.row_hash or GENESIS, entry.id, rows + 1
        return ChainCheck(rows, previous, None)


# --- reading within scope -------------------------------------------------------------------


def visible_to(viewer: Actor) -> ColumnElement[bool] | None:
    """The audit rows the viewer may read, as a condition on audit_entry (None: all of them)."""
    if viewer.role is Role.ADMIN:
        return None
    scoped = select(col(AuditScope.audit_entry_id)).where(
        col(AuditScope.audit_entry_id) == col(AuditEntry.id)
    )
    if viewer.role is Role.POLICE:
        own = (col(AuditEntry.police_district_number) == viewer.police_district_number) | (
            scoped.where(
                col(AuditScope.police_district_number) == viewer.police_district_number
            ).exists()
        )
    else:
        own = (col(AuditEntry.municipality_code) == viewer.municipality_code) | (
            scoped.where(col(AuditScope.municipality_code) == viewer.municipality_code).exists()
        )
    national = (
        col(AuditEntry.municipality_code).is_(None)
        & col(AuditEntry.police_district_number).is_(None)
        & ~scoped.exists()
    )
    # User administration is the administrator's; national goal changes concern everyone.
    return (col(AuditEntry.entity) != "app_user") & or_(own, national)


def audit_entries(
    con: Connectable, *, viewer: Actor, since: datetime | None = None
) -> pd.DataFrame:
    """The log, newest first, limited to what the viewer may see."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if since is not None:
        statement = statement.where(col(AuditEntry.at) >= since)
    visible = visible_to(viewer)
    if visible is not None:
        statement = statement.where(visible)
    return read_frame(con, statement)


# --- the change log's pages -----------------------------------------------------------------

PAGE_SIZE = 200  # rows on one page of the change log


@dataclass(frozen=True)
class AuditFilter:
    """What the change log shows: since when, and optionally one kind of change (an action),
    one municipality and one person (a username)."""

    since: datetime | None = None
    action: str | None = None
    municipality_code: int | None = None
    username: str | None = None
    entities: tuple[str, ...] = ()  # the tables written (empty: all); the meeting pack's plan part


@dataclass(frozen=True)
class AuditPage:
    """One page of the filtered log (newest first) and how many rows the whole selection has."""

    rows: pd.DataFrame  # the columns of audit_entry, and display_name (None: no such user)
    total: int
    page: int  # 1-based, clamped to the pages there are
    pages: int  # at least 1


@dataclass(frozen=True)
class AuditChoices:
    """The filters' choices: what occurs in the viewer's log since the date."""

    actions: list[str]
    municipality_codes: list[int]
    usernames: dict[str, str]  # username -> display name (the username where none is known)


def _where(viewer: Actor, filters: AuditFilter) -> list[ColumnElement[bool]]:
    """The viewer's scope and the filters, as conditions on audit_entry (all in SQL)."""
    conditions: list[ColumnElement[bool]] = []
    visible = visible_to(viewer)
    if visible is not None:
        conditions.append(visible)
    if filters.since is not None:
        conditions.append(col(AuditEntry.at) >= filters.since)
    if filters.action is not None:
        conditions.append(col(AuditEntry.action) == filters.action)
    if filters.username is not None:
        conditions.append(col(AuditEntry.username) == filters.username)
    if filters.entities:
        conditions.append(col(AuditEntry.entity).in_(filters.entities))
    if filters.municipality_code is not None:
        # its own row, or one of the municipalities of an import that touched several
        in_scope = (
            select(col(AuditScope.audit_entry_id))
            .where(col(AuditScope.audit_entry_id) == col(AuditEntry.id))
            .where(col(AuditScope.municipality_code) == filters.municipality_code)
            .exists()
        )
        conditions.append(
            or_(col(AuditEntry.municipality_code) == filters.municipality_code, in_scope)
        )
    return conditions


def _selection(viewer: Actor, filters: AuditFilter) -> Any:
    """The rows of the selection with the writer's display name, newest first."""
    return (
        sa_select(  # sqlalchemy's: sqlmodel's select is typed for at most four columns
            col(AuditEntry.id),
            col(AuditEntry.at),
            col(AuditEntry.username),
            col(AppUser.display_name),
            col(AuditEntry.action),
            col(AuditEntry.entity),
            col(AuditEntry.entity_key),
            col(AuditEntry.municipality_code),
            col(AuditEntry.police_district_number),
            col(AuditEntry.summary),
            col(AuditEntry.before),
            col(AuditEntry.after),
        )
        .outerjoin(AppUser, col(AppUser.username) == col(AuditEntry.username))
        .where(*_where(viewer, filters))
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    )


def audit_page(
    con: Connectable,
    *,
    viewer: Actor,
    filters: AuditFilter,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> AuditPage:
    """One page of the log as the viewer may see it, filtered in SQL, and the selection's size."""
    count = select(func.count()).select_from(AuditEntry).where(*_where(viewer, filters))
    if isinstance(con, Session):
        total = int(con.exec(count).one())
    else:
        with Session(con) as session:
            total = int(session.exec(count).one())
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = read_frame(
        con, _selection(viewer, filters).limit(page_size).offset((page - 1) * page_size)
    )
    return AuditPage(rows=rows, total=total, page=page, pages=pages)


def audit_counts(con: Connectable, *, viewer: Actor, filters: AuditFilter) -> dict[str, int]:
    """How many rows of the selection each table (entity) has: one grouped count in SQL."""
    statement = (
        sa_select(col(AuditEntry.entity), func.count())
        .where(*_where(viewer, filters))
        .group_by(col(AuditEntry.entity))
    )
    if isinstance(con, Session):
        rows = con.execute(statement).all()
    else:
        with Session(con) as session:
            rows = session.execute(statement).all()
    return {str(entity): int(count) for entity, count in rows}


def audit_chunks(
    con: Engine, *, viewer: Actor, filters: AuditFilter, chunk: int = 2000
) -> Iterator[Sequence[Row[Any]]]:
    """The whole selection, newest first, a chunk of rows at a time (for the export): rows as the
    driver gives them (a DataFrame per chunk would cost more than the rows themselves)."""
    with con.connect() as connection:
        result = connection.execution_options(yield_per=chunk).execute(_selection(viewer, filters))
        yield from result.partitions(chunk)


def audit_choices(con: Connectable, *, viewer: Actor, since: datetime | None) -> AuditChoices:
    """The kinds of change, municipalities and people in the viewer's log since the date."""
    where = _where(viewer, AuditFilter(since=since))
    # one scan of the log for all three filters (a DISTINCT per column would scan it three times,
    # and the one on municipality_code walks its index into random reads of every row)
    groups = (
        sa_select(
            col(AuditEntry.action), col(AuditEntry.municipality_code), col(AuditEntry.username)
        )
        .where(*where)
        .group_by(
            col(AuditEntry.action), col(AuditEntry.municipality_code), col(AuditEntry.username)
        )
    )
    # an alias: the scope condition's own subqueries on audit_scope must not correlate with it
    scope = aliased(AuditScope)
    shared = (
        select(scope.municipality_code)
        .join(AuditEntry, col(AuditEntry.id) == scope.audit_entry_id)
        .where(*where)
        .distinct()
    )

    def read(session: Session) -> AuditChoices:
        rows = session.execute(groups).all()
        codes = {int(code) for _, code, _ in rows if code is not None}
        codes |= {int(c) for c in session.exec(shared).all()}
        usernames = sorted({str(username) for _, _, username in rows})
        known = dict(
            session.exec(
                select(col(AppUser.username), col(AppUser.display_name)).where(
                    col(AppUser.username).in_(usernames)
                )
            ).all()
        )
        names = {u: known.get(u) or person_name(u) for u in usernames}
        return AuditChoices(sorted({str(a) for a, _, _ in rows}), sorted(codes), names)

    if isinstance(con, Session):
        return read(con)
    with Session(con) as session:
        return read(session)
