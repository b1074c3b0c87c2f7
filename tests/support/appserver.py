"""Run the app the way `make run` does, for browser tests: init the database, then
`streamlit run serve.py` (st.App: app.py and pages/ plus the server's own cookie and /media/ routes)."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .postgres import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# The browser tests' server signs cookies with this key, so that tests can forge the cookies an
# attacker (or an old browser) would send.
BROWSER_COOKIE_KEY = "tk7Qw2-Vb9Lz0xNc4Mr8Jh1Fp6Dy3Gs5TaEu_KoWiBn"


class AppServerError(RuntimeError):
    """The app could not be started; the message ends with the tail of its log."""


def venv_script(name: str) -> Path:
    """A console script of the project's venv (.venv/bin), else beside the running python."""
    in_venv = REPO_ROOT / ".venv" / "bin" / name
    return in_venv if in_venv.exists() else Path(sys.executable).parent / name


@contextmanager
def running_app(
    *,
    database_url: str,
    extra_env: dict[str, str] | None = None,
    script: str = "serve.py",
    cwd: Path = REPO_ROOT,
    run_init: bool = True,
    startup_timeout: float = 60.0,
) -> Iterator[str]:
    """Init the database, start `streamlit run serve.py` on a free port, yield its base URL."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / f"appserver-{time.strftime('%Y%m%d-%H%M%S')}-{port}.log"
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_SERVER_PORT": str(port)}
    env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"  # no inotify watchers in tests
    env.update(extra_env or {})
    with log_path.open("ab") as log:
        if run_init:
            _init_database(env=env, cwd=cwd, log=log, log_path=log_path)
        process = _start_streamlit(script=script, port=port, env=env, cwd=cwd, log=log)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_healthy(base_url, process, startup_timeout, log_path)
            yield base_url
        finally:
            stop_process_group(process)


def _init_database(*, env: dict[str, str], cwd: Path, log: BinaryIO, log_path: Path) -> None:
    command = [str(venv_script("botrygt")), "init", "--demo-if-empty"]
    _log_command(log, command)
    try:
        done = subprocess.run(command, cwd=cwd, env=env, stdout=log, stderr=log, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise AppServerError(f"`botrygt init` did not run: {error}{log_tail(log_path)}") from error
    if done.returncode != 0:
        raise AppServerError(f"`botrygt init` exited with {done.returncode}{log_tail(log_path)}")


def _start_streamlit(
    *, script: str, port: int, env: dict[str, str], cwd: Path, log: BinaryIO
) -> subprocess.Popen[bytes]:
    command = [str(venv_script("streamlit")), "run", script, "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    _log_command(log, command)
    # its own process group, so that teardown also ends anything streamlit started
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=log, stderr=log, start_new_session=True
    )


def _log_command(log: BinaryIO, command: list[str]) -> None:
    log.write(f"$ {' '.join(command)}\n".encode())
    log.flush()


def _wait_until_healthy(
    base_url: str, process: subprocess.Popen[bytes], timeout: float, log_path: Path
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            problem = f"streamlit exited with {process.returncode} before it was healthy"
            raise AppServerError(problem + log_tail(log_path))
        if http_get(f"{base_url}/_stcore/health") == "ok":
            return
        time.sleep(0.2)
    problem = f"{base_url}/_stcore/health did not answer 'ok' within {timeout:.0f} s"
    raise AppServerError(problem + log_tail(log_path))


def http_get(url: str, timeout: float = 2.0) -> str | None:
    """The body of a local URL (never through a proxy), or None when it does not answer."""
    try:
        with _NO_PROXY.open(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def stop_process_group(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM the process group, SIGKILL it if it is still there after `grace` seconds."""
    if process.poll() is not None:
        _signal_group(process.pid, signal.SIGKILL)  # stragglers of a leader that already exited
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not _signal_group(process.pid, sig):
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def log_tail(log_path: Path, lines: int = 40) -> str:
    """The last lines of a log, formatted to end an error message."""
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return f"\n(no log at {log_path})"
    tail = "\n".join(text.splitlines()[-lines:])
    return f"\n--- last {lines} lines of {log_path} ---\n{tail}"


def _signal_group(pgid: int, sig: signal.Signals) -> bool:
    try:
        os.killpg(pgid, sig)
        return True
    except (ProcessLookupError, PermissionError):
        return False
