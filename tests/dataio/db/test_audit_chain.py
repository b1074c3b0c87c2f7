"""The audit trail cannot be rewritten through the holes the triggers of 0002 left (SQLite's
REPLACE, PostgreSQL's TRUNCATE), and a row changed behind the application's back, with the
triggers out of the way, is named by `botrygt audit verify` (SQLite and PostgreSQL)."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DatabaseError

from cli import main
from dataio.db import audit
from dataio.db.engine import make_engine, transaction
from dataio.db.migrate import alembic_config, upgrade_schema
from dataio.store.goals import GoalChange, create_local_goal, find_goal, update_goal
from models.permissions import Actor, Role
from tests.support.interleave import second_engine

ADMIN = Actor("admin", Role.ADMIN)
SQLITE_NO_UPDATE = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END"
)


def write_some_rows(engine: Engine) -> list[int]:
    """A national goal change and two local goals; the ids of the audit rows, oldest first."""
    goal = find_goal(engine, indicator="burglaries", code=None)
    assert goal is not None
    update_goal(
        engine,
        actor=ADMIN,
        goal_id=goal.id or 0,
        change=GoalChange(29000, 2017, 9000, None, 2030, "ny kilde"),
        loaded_version=goal.row_version,
    )
    create_local_goal(engine, actor=ADMIN, municipality_code=183)
    create_local_goal(engine, actor=ADMIN, municipality_code=101)
    with engine.connect() as connection:
        return list(connection.execute(text("SELECT id FROM audit_entry ORDER BY id")).scalars())


@contextmanager
def behind_the_apps_back(engine: Engine) -> Iterator[Connection]:
    """A connection as the database's superuser with the append-only triggers out of the way."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER audit_entry_no_update"))
            connection.execute(text("DROP TRIGGER audit_entry_no_delete"))
            yield connection
            connection.execute(text(SQLITE_NO_UPDATE))
            connection.execute(
                text(SQLITE_NO_UPDATE.replace("no_update", "no_delete").replace("UPDATE", "DELETE"))
            )
        else:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            yield connection


def verify(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    capsys.readouterr()
    status = main(["audit", "verify"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_replace_cannot_rewrite_a_row(seeded_engine: Engine) -> None:
    first = write_some_rows(seeded_engine)[0]
    statement = (
        "REPLACE INTO audit_entry (id, at, username, action, entity, entity_key, summary) "
        "VALUES (:id, '2020-01-01 00:00:00', 'x', 'x', 'x', 'x', 'omskrevet')"
        if seeded_engine.dialect.name == "sqlite"
        else "INSERT INTO audit_entry (id, at, username, action, entity, entity_key, summary) "
        "VALUES (:id, now(), 'x', 'x', 'x', 'x', 'omskrevet') "
        "ON CONFLICT (id) DO UPDATE SET summary = excluded.summary"
    )
    with pytest.raises(DatabaseError, match="append-only"), seeded_engine.begin() as connection:
        connection.execute(text(statement), {"id": first})
    with seeded_engine.connect() as connection:
        summary = connection.execute(
            text("SELECT summary FROM audit_entry WHERE id = :id"), {"id": first}
        ).scalar_one()
    assert summary == "Mål for hele landet (indbrud) ændret"


@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE audit_entry CASCADE",
        "TRUNCATE audit_scope",
        "UPDATE audit_scope SET municipality_code = 101",
        "DELETE FROM audit_scope",
    ],
)
def test_truncate_and_the_scope_table_are_refused(seeded_engine: Engine, statement: str) -> None:
    if statement.startswith("TRUNCATE") and seeded_engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no TRUNCATE (its DELETE is refused by 0002's trigger)")
    write_some_rows(seeded_engine)
    with seeded_engine.begin() as connection:  # a scope row to change
        connection.execute(
            text("INSERT INTO audit_scope VALUES ((SELECT max(id) FROM audit_entry), 183, 10)")
        )
    with pytest.raises(DatabaseError, match="append-only"), seeded_engine.begin() as connection:
        connection.execute(text(statement))
    with seeded_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_scope")).scalar_one() == 1
        assert connection.execute(text("SELECT count(*) FROM audit_entry")).scalar_one() >= 3


def test_verify_names_a_row_changed_behind_the_apps_back(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = write_some_rows(seeded_engine)
    status, out, _ = verify(seeded_engine, monkeypatch, capsys)
    assert status == 0 and out.splitlines()[0] == f"Revisionssporet er intakt ({len(ids)} rækker)"
    with behind_the_apps_back(seeded_engine) as connection:
        connection.execute(
            text("UPDATE audit_entry SET username = 'en anden' WHERE id = :id"), {"id": ids[1]}
        )
    status, out, err = verify(seeded_engine, monkeypatch, capsys)
    assert status == 2 and out == ""
    assert f"Revisionssporet er brudt ved række {ids[1]} (" in err
    assert "en anden, goal.create: «Lokalt mål for Ishøj (indbrud) oprettet»" in err
    assert "rækkens indhold er ændret, efter den blev skrevet" in err


def test_verify_names_the_row_after_a_deleted_one(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = write_some_rows(seeded_engine)
    with behind_the_apps_back(seeded_engine) as connection:
        connection.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": ids[1]})
    status, _, err = verify(seeded_engine, monkeypatch, capsys)
    assert status == 2 and f"ved række {ids[2]} (" in err
    assert f"peger ikke på rækken før den (række {ids[0]})" in err


def test_verify_names_a_row_written_around_the_app(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_some_rows(seeded_engine)
    with seeded_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_entry (at, username, action, entity, entity_key, summary) "
                "VALUES (CURRENT_TIMESTAMP, 'x', 'goal.update', 'goal', '1', 'skjult')"
            )
        )
    status, _, err = verify(seeded_engine, monkeypatch, capsys)
    assert status == 2 and "«skjult»): rækken har ingen kædeværdi" in err


def test_the_last_hash_is_read_under_the_chain_lock(seeded_engine: Engine) -> None:
    """While one writer reads the last row's hash, no other writer can (the chain would fork):
    checked from a second connection at exactly that moment."""
    rival = second_engine(seeded_engine)
    held: list[bool] = []

    def rival_could_write() -> bool:
        if seeded_engine.dialect.name == "sqlite":
            path = seeded_engine.url.database
            assert path is not None
            probe = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return True
            except sqlite3.OperationalError:
                return False
            finally:
                probe.close()
        with rival.connect() as connection:
            got = connection.execute(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": audit.CHAIN_LOCK}
            ).scalar_one()
            connection.rollback()
            return bool(got)

    def before(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().startswith("SELECT audit_entry.row_hash"):
            held.append(not rival_could_write())

    event.listen(seeded_engine, "before_cursor_execute", before)
    try:
        # bookkeeping without the data-version bump: nothing else has taken a lock before
        with transaction(seeded_engine, bump_version=False) as session:
            audit.record(
                session,
                actor=ADMIN,
                action="test.write",
                entity="test",
                entity_key="1",
                summary="prøve",
                before=None,
                after=None,
            )
    finally:
        event.remove(seeded_engine, "before_cursor_execute", before)
        rival.dispose()
    assert held == [True]
    assert audit.verify_chain(seeded_engine).broken is None


def test_the_migration_chains_and_scopes_existing_rows(db_url: str) -> None:
    """A database at 0007 with audit rows (one of them an import of two municipalities stored as
    national): after 0008 the chain holds and the import is scoped to its municipalities."""
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0007")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO region VALUES ('084', 'Region Hovedstaden')",
            "INSERT INTO police_district VALUES (10, 'Københavns Vestegns Politi')",
            "INSERT INTO police_district VALUES (11, 'Københavns Politi')",
            "INSERT INTO municipality (code, dagi_code, name, region_code, police_district_number,"
            " lat, lon, is_municipality) VALUES (183, '0183', 'Ishøj', '084', 10, 55.6, 12.3, true),"
            " (101, '0101', 'København', '084', 11, 55.7, 12.6, true)",
            "INSERT INTO data_source (id, name, kind, description, rows, rows_read, rows_changed,"
            " as_of, loaded_at, is_demo) VALUES (7, 'Nabohjælpere (fil)', 'file', '', 2, 2, 2,"
            " '2026-11-01', '2026-11-01 10:00:00', false)",
            "INSERT INTO helper_count (municipality_code, count_date, helpers, source, source_id,"
            " is_demo, changed_by, changed_at) VALUES (183, '2026-11-01', 10, 'x', 7, false, 'a',"
            " '2026-11-01 10:00:00'), (101, '2026-11-01', 20, 'x', 7, false, 'a',"
            " '2026-11-01 10:00:00')",
            "INSERT INTO audit_entry (at, username, action, entity, entity_key, municipality_code,"
            " police_district_number, summary, before, after) VALUES"
            " ('2026-11-01 09:00:00.123456', 'admin', 'goal.update', 'goal', '1', NULL, NULL,"
            " 'Mål for hele landet (indbrud) ændret', '{\"target\": 10000.0}', '{\"target\": 9000.0}'),"
            " ('2026-11-01 10:00:00', 'admin', 'helpers.import', 'helper_count', '7', NULL, NULL,"
            " 'Import af nabohjælpertal fra to.csv', NULL, '{\"rows\": 2}'),"
            " ('2026-11-02 08:00:00', 'ishoej', 'goal.create', 'goal', '3', 183, 10,"
            " 'Lokalt mål for Ishøj (indbrud) oprettet', NULL, '{}')",
        ):
            connection.execute(text(statement))
    upgrade_schema(engine)
    check = audit.verify_chain(engine)
    assert (check.rows, check.broken) == (3, None)
    with engine.connect() as connection:
        scopes = connection.execute(
            text("SELECT municipality_code, police_district_number FROM audit_scope ORDER BY 1")
        ).all()
    assert [tuple(s) for s in scopes] == [(101, 11), (183, 10)]
    ishoj = Actor("p", Role.PROJECT_LEADER, municipality_code=183)
    other = Actor("q", Role.PROJECT_LEADER, municipality_code=165)
    assert "Import af nabohjælpertal fra to.csv" in set(
        audit.audit_entries(engine, viewer=ishoj)["summary"]
    )
    assert "Import af nabohjælpertal fra to.csv" not in set(
        audit.audit_entries(engine, viewer=other)["summary"]
    )
    # and the app chains on from the migrated rows
    with transaction(engine) as session:
        audit.record(
            session,
            actor=ADMIN,
            action="t",
            entity="t",
            entity_key="1",
            summary="s",
            before=None,
            after=None,
        )
    assert audit.verify_chain(engine).rows == 4 and audit.verify_chain(engine).broken is None
    engine.dispose()
