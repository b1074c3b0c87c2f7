"""The test harness itself: both database backends, the throwaway PostgreSQL, the browser."""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from dataio.db.migrate import upgrade_schema
from tests.support.browser import screenshot
from tests.support.postgres import PostgresServer

if TYPE_CHECKING:
    from playwright.sync_api import Page

EXPECTED_DIALECT = {"sqlite": "sqlite", "postgres": "postgresql"}


def test_fresh_database_has_no_tables(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_upgrade_schema_creates_municipality(engine: Engine) -> None:
    assert inspect(engine).has_table("municipality")


def test_upgrade_schema_twice_is_harmless(engine: Engine) -> None:
    tables_before, revision_before = _tables_and_revision(engine)

    upgrade_schema(engine)

    assert _tables_and_revision(engine) == (tables_before, revision_before)
    assert "municipality" in tables_before


def _tables_and_revision(engine: Engine) -> tuple[set[str], str]:
    with engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    return set(inspect(engine).get_table_names()), revision


def test_backend_is_the_one_the_param_names(engine: Engine, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.params["db_url"]
    assert engine.dialect.name == EXPECTED_DIALECT[backend]
    version_query = "SELECT version()" if backend == "postgres" else "SELECT sqlite_version()"
    with engine.connect() as connection:
        version = connection.execute(text(version_query)).scalar_one()
    assert version.startswith("PostgreSQL") == (backend == "postgres")


@pytest.mark.postgres
def test_postgres_databases_are_separate(pg_server: PostgresServer) -> None:
    first, second = pg_server.create_database("first"), pg_server.create_database("second")
    assert first != second
    engines = [create_engine(first), create_engine(second)]
    try:
        with engines[0].begin() as connection:
            connection.execute(text("CREATE TABLE only_here (id integer)"))
        assert engines[0].dialect.name == "postgresql"
        assert inspect(engines[1]).get_table_names() == []
    finally:
        for engine in engines:
            engine.dispose()
        pg_server.drop_database(first)
        pg_server.drop_database(second)


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[str]:
    """A tiny local web page served from tmp_path on a free port of 127.0.0.1."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="da"><meta charset="utf-8"><title>Harness</title>'
        "<h1>Bo trygt – æøå</h1></html>",
        encoding="utf-8",
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.e2e
def test_browser_reads_heading_of_local_page(page: "Page", static_site: str) -> None:
    page.goto(static_site)

    assert page.locator("h1").inner_text() == "Bo trygt – æøå"
    assert page.evaluate("navigator.language") == "da-DK"
    assert page.viewport_size == {"width": 1400, "height": 1000}
    assert screenshot(page, "harness-local-page").stat().st_size > 0
