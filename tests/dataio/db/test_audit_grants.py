"""The README's grants for the application's PostgreSQL role: with them the app writes, audits and
chains as usual, and cannot rewrite the audit trail even by setting the triggers aside."""

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from dataio.db.audit import verify_chain
from dataio.db.engine import make_engine
from dataio.files.neighbour_help import import_helpers
from dataio.seed.init import initialise
from dataio.store.goals import GoalChange, find_goal, update_goal
from models.permissions import Actor, Role
from tests.support.postgres import PostgresServer

README = Path(__file__).resolve().parents[3] / "README.md"
ADMIN = Actor("admin", Role.ADMIN)


def readme_grants() -> str:
    """The SQL block of the README's section on the audit trail."""
    section = README.read_text(encoding="utf-8").split("### Revisionssporet", 1)[1]
    match = re.search(r"```sql\n(.*?)```", section, re.DOTALL)
    assert match, "the README shows the grants"
    return match.group(1)


@pytest.fixture
def app_role_engine(pg_server: PostgresServer) -> Iterator[tuple[Engine, Engine]]:
    """(owner engine, engine as the README's app role) on a fresh, initialised database."""
    owner_url = pg_server.create_database("grants")
    database = owner_url.rsplit("/", 1)[1]
    role = f"botrygt_app_{secrets.token_hex(3)}"
    owner = make_engine(owner_url)
    initialise(owner, demo=False)
    script = readme_grants().replace("botrygt_app", role)
    script = script.replace("DATABASE botrygt ", f"DATABASE {database} ")
    with owner.begin() as connection:
        for statement in (s.strip() for s in script.split(";")):
            statement = re.sub(r"--.*", "", statement).strip()
            if statement:
                connection.execute(text(statement))
    app = make_engine(owner_url.replace("postgres@", f"{role}:skift-mig@"))
    try:
        yield owner, app
    finally:
        app.dispose()
        owner.dispose()
        pg_server.drop_database(owner_url)
        pg_server._admin("DROP ROLE IF EXISTS {}", role)


@pytest.mark.postgres
def test_the_app_role_writes_and_chains_but_cannot_rewrite_the_trail(
    app_role_engine: tuple[Engine, Engine],
) -> None:
    owner, app = app_role_engine
    goal = find_goal(app, indicator="burglaries", code=None)
    assert goal is not None
    update_goal(
        app,
        actor=ADMIN,
        goal_id=goal.id or 0,
        change=GoalChange(29000, 2017, 9000, None, 2030, "ny"),
        loaded_version=goal.row_version,
    )
    data = (
        "kommune;dato;nabohjælpere;nabovenner;kilde\n183;2026-11-01;10;;x\n101;2026-11-01;20;;x\n"
    )
    import_helpers(app, actor=ADMIN, data=data.encode(), file_name="to.csv")  # scope rows too
    check = verify_chain(app)
    assert check.broken is None and check.rows >= 2
    for statement in (
        "UPDATE audit_entry SET username = 'x'",
        "DELETE FROM audit_entry",
        "TRUNCATE audit_entry CASCADE",
        "DELETE FROM audit_scope",
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change",
        "SET session_replication_role = replica",
    ):
        with (
            pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
            app.begin() as connection,
        ):
            connection.execute(text(statement))
    assert verify_chain(owner).broken is None
