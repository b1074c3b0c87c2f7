"""The audit trail: written in the same transaction as the change, read within the viewer's scope."""

import json
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import or_
from sqlmodel import Session, col, select

from dataio.db.frames import Connectable, read_frame
from models.permissions import Actor, Role
from models.tables import AuditEntry

# Never in the log: a password hash is a secret even when hashed.
REDACTED_FIELDS = {"password_hash"}


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
) -> None:
    """Add one audit row to the session's open transaction (it commits or rolls back with the change)."""
    session.add(
        AuditEntry(
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
    )


def audit_entries(
    con: Connectable, *, viewer: Actor, since: datetime | None = None
) -> pd.DataFrame:
    """The log, newest first, limited to what the viewer may see."""
    statement = select(AuditEntry).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    if since is not None:
        statement = statement.where(col(AuditEntry.at) >= since)
    if viewer.role is not Role.ADMIN:
        # User administration is the administrator's; national goal changes concern everyone.
        statement = statement.where(col(AuditEntry.entity) != "app_user")
        if viewer.role is Role.POLICE:
            own = col(AuditEntry.police_district_number) == viewer.police_district_number
        else:
            own = col(AuditEntry.municipality_code) == viewer.municipality_code
        national = col(AuditEntry.municipality_code).is_(None) & col(
            AuditEntry.police_district_number
        ).is_(None)
        statement = statement.where(or_(own, national))
    return read_frame(con, statement)
