"""Undo of the last import: what it replaced was kept, in the import's own transaction."""

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import ValidationFailed
from models.domain import SourceKind
from models.i18n import DANISH, M_, translate
from models.permissions import Action, Actor, Target, require
from models.tables import (
    AgeStructureYear,
    BurglaryQuarter,
    DataSource,
    HouseholdYear,
    ImportUndo,
    Municipality,
    NationalBurglaryYear,
    OffenceQuarter,
)

# table -> (model, the column that scopes what an import touches)
TABLES: dict[str, tuple[Any, str]] = {
    "burglary_quarter": (BurglaryQuarter, "municipality_code"),
    "national_burglary_year": (NationalBurglaryYear, "year"),
    "household_year": (HouseholdYear, "municipality_code"),
    "age_structure_year": (AgeStructureYear, "municipality_code"),
    # a STRAF11 import's other offences (dataio.offences), kept beside its burglary quarters
    "offence_quarter": (OffenceQuarter, "municipality_code"),
}


def _rows(session: Session, table: str, scope: list[int]) -> list[dict[str, Any]]:
    model, key = TABLES[table]
    found = session.exec(select(model).where(col(getattr(model, key)).in_(scope))).all()
    return [row.model_dump(mode="json") for row in found]


def remember(
    session: Session,
    *,
    source_id: int,
    table: str,
    scope: list[int],
    also: dict[str, list[int]] | None = None,
) -> None:
    """Before an import writes: keep every row it may replace (call inside the import's transaction).

    also: further tables the same import writes, each with its scope (STRAF11's other offences);
    kept as {"rows": [...], "also": {table: {"scope": [...], "rows": [...]}}}, a plain list otherwise."""
    rows = _rows(session, table, scope)
    previous: list[dict[str, Any]] | dict[str, Any] = rows
    if also:
        previous = {
            "rows": rows,
            "also": {
                name: {"scope": codes, "rows": _rows(session, name, codes)}
                for name, codes in also.items()
            },
        }
    session.add(
        ImportUndo(
            source_id=source_id,
            table_name=table,
            scope=json.dumps(scope),
            previous=json.dumps(previous),
        )
    )


def _restore(session: Session, undo: ImportUndo) -> int:
    kept = json.loads(undo.previous)
    if isinstance(kept, dict):  # with further tables (remember's `also`)
        for name, part in kept["also"].items():
            _put_back(session, name, part["scope"], part["rows"])
        kept = kept["rows"]
    return _put_back(session, undo.table_name, json.loads(undo.scope), kept)


def _put_back(
    session: Session, table: str, scope: list[int], previous: list[dict[str, Any]]
) -> int:
    model, key = TABLES[table]
    session.execute(delete(model).where(col(getattr(model, key)).in_(scope)))
    for row in previous:
        for field, value in row.items():
            if field in ("imported_at",) and value:
                row[field] = datetime.fromisoformat(value)
    if previous:
        session.execute(insert(model), previous)
    return len(previous)


def last_import(engine: Engine) -> DataSource | None:
    """The newest file or API import that can still be undone (None when there is none)."""
    with Session(engine) as session:
        newest = session.exec(
            select(DataSource)
            .where(col(DataSource.kind).in_([SourceKind.FILE, SourceKind.API]))
            .order_by(col(DataSource.loaded_at).desc(), col(DataSource.id).desc())
        ).first()
        if newest is None:
            return None
        undo = session.get(ImportUndo, newest.id)
        if undo is None or undo.undone_at is not None:
            return None
        session.expunge(newest)
        return newest


def undo_last_import(engine: Engine, *, actor: Actor, lang: str = DANISH) -> str:
    """Put back what the newest import replaced; refused unless the actor may import that data."""
    source = last_import(engine)
    if source is None:
        raise ValidationFailed(
            M_("Der er ingen indlæsning at fortryde (kun den nyeste kan fortrydes, og kun én gang)")
        )
    with transaction(engine) as session:
        undo = session.get(ImportUndo, source.id)
        assert undo is not None
        scope = json.loads(undo.scope)
        target = Target()
        if undo.table_name != "national_burglary_year" and len(scope) == 1:
            municipality = session.get(Municipality, scope[0])
            target = Target(scope[0], municipality.police_district_number if municipality else None)
        require(actor, Action.IMPORT_DATA, target, where="denne indlæsning")
        restored = _restore(session, undo)
        undo.undone_at, undo.undone_by = datetime.now(UTC), actor.username
        session.add(undo)
        audit.record(
            session,
            actor=actor,
            action="data.undo",
            entity="data_source",
            entity_key=str(source.id),
            summary=f"Indlæsningen «{source.name}» fra {source.file_name} er fortrudt",
            before={"rows": source.rows},
            after={"restored": restored},
            # whose the import was (national years: everyone's)
            municipalities=scope if undo.table_name != "national_burglary_year" else (),
        )
    return translate(
        lang,
        "Indlæsningen af {name} ({file}, {day}) er fortrudt; {restored} tidligere rækker er sat "
        "tilbage.",
    ).format(
        name=source.name,
        file=source.file_name,
        day=date.fromtimestamp(source.loaded_at.timestamp()).isoformat(),
        restored=restored,
    )
