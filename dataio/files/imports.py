"""What every file import shares: the dry run behind each preview, the provenance row, demo-row
removal, and (for files of municipalities' own counts) the whole write with its rights and audit.

A preview runs the real import with dry_run=True: everything is written and checked in the
import's transaction, then DryRun carries the report out and the transaction rolls back. So a
preview says exactly what the import would do, with the same messages, and writes nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, cast

from sqlalchemy import Engine, delete
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import PermissionDenied
from dataio.files.tabular import municipality_lookup
from models.domain import SourceKind
from models.permissions import Action, Actor, Target, require
from models.tables import DataSource, Municipality

R = TypeVar("R")
P = ParamSpec("P")


class Reported(Protocol):
    """A report that says in one Danish line what an import did."""

    def text(self) -> str: ...


Content = TypeVar("Content")
Report = TypeVar("Report", bound=Reported)
# what data_source.description says before the file name ("Fil: ..." unless named here)
_ORIGIN: dict[str, str] = {SourceKind.API: "Statistikbankens API"}


# --------------------------------------------------------------------------------- the dry run


class DryRun(Exception):
    """Raised at the end of a dry run's transaction so that everything is rolled back."""

    def __init__(self, report: object) -> None:
        super().__init__("dry run")
        self.report = report


def finish(report: R, *, dry_run: bool) -> R:
    """The last step inside an import's transaction: the report, or for a dry run DryRun."""
    if dry_run:
        raise DryRun(report)
    return report


def preview_of(importer: Callable[P, R]) -> Callable[P, R]:
    """The importer's preview: called as the importer is, it runs it with dry_run=True and
    returns the report of what it would do, all of it rolled back."""

    def preview(*args: P.args, **kwargs: P.kwargs) -> R:
        """What the import would do, found by doing it and rolling it all back."""
        kwargs["dry_run"] = True
        try:
            importer(*args, **kwargs)
        except DryRun as done:
            return cast(R, done.report)
        raise AssertionError("a dry run always rolls back")  # pragma: no cover

    return preview


# ---------------------------------------------------------------------------- the write steps


def source_row(
    session: Session,
    *,
    actor: Actor,
    name: str,
    dataset: str,
    file_name: str,
    rows: int,
    rows_read: int | None = None,
    kind: str = SourceKind.FILE,
    as_of: date | None = None,
) -> DataSource:
    """The provenance row of one imported file (its counts and periods are set after writing)."""
    source = DataSource(
        name=name,
        kind=kind,
        dataset=dataset,
        description=f"{_ORIGIN.get(kind, 'Fil')}: {file_name}",
        rows=rows,
        rows_read=rows if rows_read is None else rows_read,
        file_name=file_name,
        as_of=as_of or date.today(),
        loaded_at=datetime.now(UTC),
        loaded_by=actor.username,
    )
    session.add(source)
    session.flush()
    return source


def remove_demo_rows(session: Session, model: Any, codes: list[int]) -> int:
    """Delete the demo rows of these municipalities from a table with municipality_code and
    is_demo (real data replaces example data, never mixes with it); how many there were."""
    result = session.execute(
        delete(model).where(col(model.municipality_code).in_(codes), col(model.is_demo))
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]  # a CursorResult for DELETE


def check_rights(
    actor: Actor, action: Action, first_rows: dict[int, int], lookup: dict[str, Municipality]
) -> None:
    """Refuse, naming the row and municipality, unless the actor may write every municipality."""
    for code, number in sorted(first_rows.items(), key=lambda item: item[1]):
        municipality = lookup[str(code)]
        target = Target(code, municipality.police_district_number)
        try:
            require(actor, action, target, where=f"{municipality.name} ({code})")
        except PermissionDenied as refused:
            raise PermissionDenied(f"Række {number}: {refused}") from refused


def first_rows(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Municipality code -> the first row naming it, from (code, row) pairs in any order."""
    found: dict[int, int] = {}
    for code, row in pairs:
        found[code] = min(row, found.get(code, row))
    return found


def audit_scope(codes: set[int], lookup: dict[str, Municipality]) -> tuple[int | None, int | None]:
    """(municipality, police district) for the audit row: set when the file stays within one."""
    districts = {lookup[str(c)].police_district_number for c in codes}
    municipality = next(iter(codes)) if len(codes) == 1 else None
    return municipality, next(iter(districts)) if len(districts) == 1 else None


# ------------------------------------------------------------- files of municipalities' counts


@dataclass(frozen=True)
class Parsed(Generic[Content]):
    """A file read and checked against the database, before anything is written."""

    content: Content
    rows: int  # data rows in the file
    first_rows: dict[int, int]  # municipality code -> the first row naming it


@dataclass(frozen=True)
class Written(Generic[Report]):
    """What writing a file did: the report, and what the provenance and audit rows record."""

    report: Report
    periods: str
    changed: int
    after: dict[str, int]


class Reader(Protocol[Content]):
    """Reads the file and checks it against the database (ValidationFailed naming row and column)."""

    def __call__(
        self, data: bytes, *, session: Session, lookup: dict[str, Municipality], today: date
    ) -> Parsed[Content]: ...


class Writer(Protocol[Content, Report]):
    """Writes what was read; the provenance row exists already."""

    def __call__(
        self, session: Session, parsed: Parsed[Content], *, actor: Actor, source_id: int
    ) -> Written[Report]: ...


@dataclass(frozen=True)
class FileImport(Generic[Content, Report]):
    """One kind of file with municipalities' own counts (neighbour-helpers, surveys): read, the
    rights for every municipality in it, written all or nothing with provenance and audit."""

    name: str  # data_source.name
    dataset: str  # data_source.dataset
    action: Action  # needed for every municipality in the file
    audit_action: str
    entity: str
    what: str  # for the audit summary: "Import af {what} fra FILE: ..."
    read: Reader[Content]
    write: Writer[Content, Report]

    def run(
        self,
        engine: Engine,
        *,
        actor: Actor,
        data: bytes,
        file_name: str,
        today: date | None = None,
        dry_run: bool = False,
    ) -> Report:
        """Read, validate and write one file; on any error nothing is written."""
        with transaction(engine) as session:
            lookup = municipality_lookup(session.exec(select(Municipality)).all())
            parsed = self.read(data, session=session, lookup=lookup, today=today or date.today())
            check_rights(actor, self.action, parsed.first_rows, lookup)
            source = source_row(
                session,
                actor=actor,
                name=self.name,
                dataset=self.dataset,
                file_name=file_name,
                rows=parsed.rows,
            )
            assert source.id is not None
            written = self.write(session, parsed, actor=actor, source_id=source.id)
            source.periods, source.rows_changed = written.periods, written.changed
            session.add(source)
            self._audit(
                session,
                actor=actor,
                source=source,
                written=written,
                codes=set(parsed.first_rows),
                lookup=lookup,
            )
            return finish(written.report, dry_run=dry_run)

    def _audit(
        self,
        session: Session,
        *,
        actor: Actor,
        source: DataSource,
        written: Written[Report],
        codes: set[int],
        lookup: dict[str, Municipality],
    ) -> None:
        municipality, district = audit_scope(codes, lookup)
        audit.record(
            session,
            actor=actor,
            action=self.audit_action,
            entity=self.entity,
            entity_key=str(source.id),
            summary=f"Import af {self.what} fra {source.file_name}: {written.report.text()}",
            before=None,
            after=written.after,
            municipality_code=municipality,
            police_district_number=district,
        )
