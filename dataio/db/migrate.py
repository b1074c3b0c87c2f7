"""Schema migrations with alembic, run from code so that `botrygt init` needs no alembic.ini."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """An alembic Config bound to this engine."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def head_revision(engine: Engine) -> str | None:
    """The newest migration this code knows (read from the migration files, nothing run)."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def database_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for a new database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
