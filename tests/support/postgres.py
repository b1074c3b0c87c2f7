"""A throwaway PostgreSQL server for the test session, with a fresh database per test."""

import atexit
import itertools
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import LiteralString

# Set to a folder holding initdb and pg_ctl to choose a server (or to a missing folder to
# simulate "no PostgreSQL").
PG_BIN_ENV = "BOTRYGT_TEST_PG_BIN"
_DATABASE_NUMBERS = itertools.count(1)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def find_postgres_bin() -> Path | None:
    """The newest folder with initdb and pg_ctl: Debian's /usr/lib/postgresql/*/bin, else PATH."""
    if PG_BIN_ENV in os.environ:
        candidates = [Path(os.environ[PG_BIN_ENV])]
    else:
        debian = Path("/usr/lib/postgresql").glob("*/bin")
        candidates = sorted(debian, key=lambda p: _version_key(p.parent.name), reverse=True)
        on_path = shutil.which("pg_ctl")
        if on_path:
            candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name)) or (0,)


@dataclass
class PostgresServer:
    """A running throwaway server; `url` points at the session's own database."""

    bin_dir: Path
    base_dir: Path
    port: int
    run_as: list[str]
    url: str = ""
    options: str = ""  # the server options it was started with (halt/resume keep them)
    _stopped: bool = field(default=False, repr=False)

    def url_for(self, database: str) -> str:
        """SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """Create a new empty database with a unique name and return its URL."""
        safe_prefix = re.sub(r"[^a-z0-9_]", "_", prefix.lower())[:30] or "test"
        unique = f"{next(_DATABASE_NUMBERS)}_{secrets.token_hex(3)}"
        return self.create_named_database(f"{safe_prefix}_{unique}")

    def create_named_database(self, name: str) -> str:
        """Create a database with exactly this name and return its URL."""
        self._admin("CREATE DATABASE {}", name)
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database, closing any connection left open."""
        name = url.rsplit("/", 1)[-1]
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)

    def _admin(self, template: LiteralString, database: str) -> None:
        import psycopg  # lazy: only tests that use PostgreSQL pay for the import
        from psycopg import sql

        statement = sql.SQL(template).format(sql.Identifier(database))
        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as connection:
            connection.execute(statement)

    def halt(self) -> None:
        """Stop the server but keep its files: the database "goes down" (see `resume`)."""
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.base_dir / "data")]
        done = _run([*self.run_as, *pg_ctl, "-m", "fast", "-w", "stop"], self.base_dir)
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl stop failed: {_tail(done.stdout + done.stderr)}")

    def resume(self) -> None:
        """Start a halted server again, on the same port with the same options."""
        log = self.base_dir / "server.log"
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.base_dir / "data"), "-l", str(log)]
        command = [*self.run_as, *pg_ctl, "-w", "-t", "30", "-o", self.options, "start"]
        done = _run(command, self.base_dir)
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {_tail(done.stdout + done.stderr)}")

    def stop(self) -> None:
        """Stop the server at once and delete its files (safe to call twice)."""
        if self._stopped:
            return
        self._stopped = True
        pg_ctl = [str(self.bin_dir / "pg_ctl"), "-D", str(self.base_dir / "data")]
        _run([*self.run_as, *pg_ctl, "-m", "immediate", "-w", "stop"], self.base_dir)
        shutil.rmtree(self.base_dir, ignore_errors=True)


def start_server(*, database: str = "botrygt_test") -> PostgresServer | str:
    """Start a server on a free port with one database, or return why it cannot run."""
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        where = os.environ.get(PG_BIN_ENV, "/usr/lib/postgresql/*/bin or PATH")
        return f"initdb/pg_ctl not found in {where} (Debian: apt-get install postgresql)"
    run_as = _run_as_owner()
    if isinstance(run_as, str):
        return run_as
    base_dir = Path(tempfile.mkdtemp(prefix="botrygt-pg-"))
    try:
        server = _initialise_and_start(bin_dir, base_dir, run_as)
        if isinstance(server, str):
            shutil.rmtree(base_dir, ignore_errors=True)
            return server
        atexit.register(server.stop)  # a crashed or interrupted session must not leave it running
        server.url = server.create_named_database(database)
        return server
    except Exception as error:  # any failure here means "no PostgreSQL", with the reason
        shutil.rmtree(base_dir, ignore_errors=True)
        return f"PostgreSQL startup failed: {type(error).__name__}: {error}"


def _run_as_owner() -> list[str] | str:
    """initdb refuses root: as root, run the server programs as the postgres user."""
    if os.geteuid() != 0:
        return []
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return "running as root but there is no 'postgres' user to own the test server"
    if shutil.which("runuser") is None:
        return "running as root but runuser is missing (needed to run initdb as postgres)"
    return ["runuser", "-u", "postgres", "--"]


def _initialise_and_start(bin_dir: Path, base_dir: Path, run_as: list[str]) -> PostgresServer | str:
    socket_dir = base_dir / "run"
    socket_dir.mkdir()
    if run_as:
        import pwd

        owner = pwd.getpwnam("postgres")
        for path in (base_dir, socket_dir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    initdb = [str(bin_dir / "initdb"), "-D", str(base_dir / "data"), "-A", "trust"]
    initdb_options = ["-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]
    done = _run([*run_as, *initdb, *initdb_options], base_dir)
    if done.returncode != 0:
        return f"initdb failed: {_tail(done.stdout + done.stderr)}"
    last_error = ""
    for _attempt in range(3):  # a free port can be taken before the server binds it
        port = free_port()
        options = (
            f"-h 127.0.0.1 -p {port} -k {shlex.quote(str(socket_dir))} -F"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        log = base_dir / "server.log"
        pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(base_dir / "data"), "-l", str(log)]
        done = _run([*run_as, *pg_ctl, "-w", "-t", "30", "-o", options, "start"], base_dir)
        if done.returncode == 0:
            return PostgresServer(
                bin_dir=bin_dir, base_dir=base_dir, port=port, run_as=run_as, options=options
            )
        server_log = log.read_text(errors="replace") if log.exists() else ""
        last_error = _tail(done.stdout + done.stderr + server_log)
        if "already in use" not in server_log and "could not bind" not in server_log:
            break
        _run([*run_as, *pg_ctl[:3], "-m", "immediate", "stop"], base_dir)
    return f"pg_ctl start failed: {last_error}"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # cwd inside the temp dir: as the postgres user, root's working directory may be unreadable
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=90, check=False)


def _tail(text: str, lines: int = 8) -> str:
    return " | ".join(text.strip().splitlines()[-lines:]) or "(no output)"
