"""goal versions, audit scopes, audit hash chain, REPLACE and TRUNCATE refused

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00.000000
"""

import hashlib
import json
from datetime import UTC

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


# The two holes 0002 left: SQLite's REPLACE deletes the old row without firing a delete trigger,
# so an insert of an id that exists is refused; PostgreSQL's TRUNCATE fires no row trigger, so a
# statement trigger refuses it. audit_scope (new here) is append-only like audit_entry.
SQLITE_GUARDS = [
    "CREATE TRIGGER audit_entry_no_replace BEFORE INSERT ON audit_entry "
    "WHEN EXISTS (SELECT 1 FROM audit_entry WHERE id = NEW.id) "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_scope_no_update BEFORE UPDATE ON audit_scope "
    "BEGIN SELECT RAISE(ABORT, 'audit_scope is append-only'); END",
    "CREATE TRIGGER audit_scope_no_delete BEFORE DELETE ON audit_scope "
    "BEGIN SELECT RAISE(ABORT, 'audit_scope is append-only'); END",
    "CREATE TRIGGER audit_scope_no_replace BEFORE INSERT ON audit_scope "
    "WHEN EXISTS (SELECT 1 FROM audit_scope WHERE audit_entry_id = NEW.audit_entry_id "
    "AND municipality_code = NEW.municipality_code) "
    "BEGIN SELECT RAISE(ABORT, 'audit_scope is append-only'); END",
]
POSTGRES_GUARDS = [
    "CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$",
    "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only()",
    "CREATE TRIGGER audit_scope_no_change BEFORE UPDATE OR DELETE ON audit_scope "
    "FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only()",
    "CREATE TRIGGER audit_scope_no_truncate BEFORE TRUNCATE ON audit_scope "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only()",
]
# 0002's update trigger, set aside while the existing rows get their hashes
SQLITE_NO_UPDATE = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END"
)
GENESIS = "0" * 64
IMPORTS = {  # import action -> the table whose rows carry the import's source_id
    "helpers.import": "helper_count",
    "survey.import": "survey_round",
}

entries = sa.table(
    "audit_entry",
    sa.column("id", sa.Integer()),
    sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
    sa.column("username", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_key", sa.String()),
    sa.column("municipality_code", sa.Integer()),
    sa.column("police_district_number", sa.Integer()),
    sa.column("summary", sa.String()),
    sa.column("before", sa.String()),
    sa.column("after", sa.String()),
    sa.column("prev_hash", sa.String()),
    sa.column("row_hash", sa.String()),
)
scopes = sa.table(
    "audit_scope",
    sa.column("audit_entry_id", sa.Integer()),
    sa.column("municipality_code", sa.Integer()),
    sa.column("police_district_number", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('row_version', sa.Integer(), nullable=False, server_default='1'))

    op.create_table('audit_scope',
    sa.Column('audit_entry_id', sa.Integer(), nullable=False),
    sa.Column('municipality_code', sa.Integer(), nullable=False),
    sa.Column('police_district_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['audit_entry_id'], ['audit_entry.id'], ),
    sa.PrimaryKeyConstraint('audit_entry_id', 'municipality_code')
    )
    with op.batch_alter_table('audit_scope', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_scope_municipality_code'), ['municipality_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_scope_police_district_number'), ['police_district_number'], unique=False)

    # plain ADD COLUMN, never batch: recreating audit_entry on SQLite would drop its triggers
    op.add_column('audit_entry', sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column('audit_entry', sa.Column('row_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    bind = op.get_bind()
    _scope_old_imports(bind)
    sqlite = bind.dialect.name == "sqlite"
    op.execute("DROP TRIGGER audit_entry_no_update" if sqlite else
               "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change")
    _chain_existing_rows(bind)
    op.execute(SQLITE_NO_UPDATE if sqlite else
               "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_change")
    for statement in SQLITE_GUARDS if sqlite else POSTGRES_GUARDS:
        op.execute(statement)


def _scope_old_imports(bind: sa.Connection) -> None:
    """Imports written before this migration with several municipalities were stored as national
    (or district-wide): give them the municipalities they touched, where that can still be told
    (a Statistikbanken import's undo record; helper and survey rows still carrying its source)."""
    districts = dict(bind.execute(sa.text("SELECT code, police_district_number FROM municipality")).all())
    rows = bind.execute(
        sa.select(entries.c.id, entries.c.action, entries.c.entity_key)
        .where(entries.c.municipality_code.is_(None))
        .where(entries.c.action.in_(["data.import", "data.undo", *IMPORTS]))
    ).all()
    for entry_id, action, key in rows:
        if not key.isdigit():
            continue
        if action in IMPORTS:
            codes = bind.execute(
                sa.text(f"SELECT DISTINCT municipality_code FROM {IMPORTS[action]} WHERE source_id = :s"),
                {"s": int(key)},
            ).scalars().all()
        else:
            undo = bind.execute(
                sa.text("SELECT table_name, scope FROM import_undo WHERE source_id = :s"),
                {"s": int(key)},
            ).first()
            codes = [] if undo is None or undo[0] == "national_burglary_year" else json.loads(undo[1])
        codes = sorted({int(c) for c in codes if int(c) in districts})
        if len(codes) > 1:
            bind.execute(
                scopes.insert(),
                [{"audit_entry_id": entry_id, "municipality_code": c,
                  "police_district_number": districts[c]} for c in codes],
            )


def _canonical(row: sa.Row, scope: list[list[int]], prev_hash: str) -> str:
    # frozen copy of dataio.db.audit.canonical (a test checks that they agree)
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
    fields = {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "username": row.username,
        "action": row.action,
        "entity": row.entity,
        "entity_key": row.entity_key,
        "municipality_code": row.municipality_code,
        "police_district_number": row.police_district_number,
        "summary": row.summary,
        "before": row.before,
        "after": row.after,
        "scopes": sorted(scope),
        "prev_hash": prev_hash,
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _chain_existing_rows(bind: sa.Connection) -> None:
    by_entry: dict[int, list[list[int]]] = {}
    for entry_id, code, number in bind.execute(sa.select(scopes)).all():
        by_entry.setdefault(entry_id, []).append([code, number])
    previous = GENESIS
    updates = []
    for row in bind.execute(sa.select(entries).order_by(entries.c.id)).all():
        canonical = _canonical(row, by_entry.get(row.id, []), previous)
        current = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        updates.append({"key": row.id, "prev": previous, "hash": current})
        previous = current
    if updates:
        bind.execute(
            entries.update()
            .where(entries.c.id == sa.bindparam("key"))
            .values(prev_hash=sa.bindparam("prev"), row_hash=sa.bindparam("hash")),
            updates,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("audit_entry_no_replace", "audit_scope_no_update", "audit_scope_no_delete", "audit_scope_no_replace"):
            op.execute(f"DROP TRIGGER {name}")
    else:
        op.execute("DROP TRIGGER audit_entry_no_truncate ON audit_entry")
        op.execute("DROP TRIGGER audit_scope_no_change ON audit_scope")
        op.execute("DROP TRIGGER audit_scope_no_truncate ON audit_scope")
        op.execute("DROP FUNCTION audit_trail_append_only()")
    # plain DROP COLUMN (SQLite 3.35+): recreating audit_entry would drop 0002's triggers
    op.drop_column('audit_entry', 'row_hash')
    op.drop_column('audit_entry', 'prev_hash')
    with op.batch_alter_table('audit_scope', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_scope_police_district_number'))
        batch_op.drop_index(batch_op.f('ix_audit_scope_municipality_code'))
    op.drop_table('audit_scope')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_column('row_version')
