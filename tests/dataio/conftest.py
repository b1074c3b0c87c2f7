"""A seeded database (reference data and demo users, no demo burglaries) cloned fresh for each test."""

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from dataio.db.engine import make_engine, transaction
from dataio.seed.demo_users import ensure_demo_users
from dataio.seed.init import initialise
from tests.support.postgres import PostgresServer


def _seed(url: str) -> None:
    engine = make_engine(url)
    initialise(engine, demo=False)
    with transaction(engine) as session:
        ensure_demo_users(session)
    engine.dispose()


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
)
def seeded_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str]:
    """Build the seeded database once per backend: ('sqlite', file path) or ('postgres', name)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("seeded") / "seeded.sqlite"
        _seed(f"sqlite:///{path}")
        return ("sqlite", str(path))
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"seeded_{uuid.uuid4().hex[:8]}"
    _seed(server.create_named_database(name))
    return ("postgres", name)


@pytest.fixture
def seeded_engine(
    seeded_template: tuple[str, str], request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Engine]:
    """A fresh copy of the seeded database for one test."""
    kind, source = seeded_template
    if kind == "sqlite":
        copy = tmp_path / "copy.sqlite"
        shutil.copy(source, copy)
        engine = make_engine(f"sqlite:///{copy}")
        yield engine
        engine.dispose()
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"copy_{uuid.uuid4().hex[:10]}"
    server._admin(f"CREATE DATABASE {{}} TEMPLATE {source}", name)
    engine = make_engine(server.url_for(name))
    yield engine
    engine.dispose()
    server.drop_database(server.url_for(name))
