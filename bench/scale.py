"""`make bench-scale`: nginx in front of 1 and 2 Streamlit processes on one PostgreSQL.

A throwaway PostgreSQL cluster (initdb, as the tests start one: tests.support.postgres) holds the
full bench dataset. nginx (Debian's package) proxies to the processes with websocket upgrade and
sticky sessions: the first answer to a browser sets an affinity cookie (`botrygt_route`), and
`hash $route consistent` sends every later request with it, the websocket and the login ticket's
POST included, to the same process. (ip_hash would send every session from one address, such
as this benchmark's, to one process.) The load curve of bench.live is then run through nginx,
once per process count. Results: bench/scale.json.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench import live
from bench.dataset import build_full_dataset
from tests.support.appserver import http_get, stop_process_group
from tests.support.postgres import free_port, start_server

HERE = Path(__file__).resolve().parent
COOKIE_KEY = "bench-scale-Qw2Vb9Lz0xNc4Mr8Jh1Fp6Dy3Gs5TaEu"  # shared by the processes
PROCESSES = [1, 2]
LEVELS = [5, 10, 20, 50]
NO_THINK_LEVELS = [20]

NGINX_CONF = """\
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    # sticky sessions: the affinity cookie, or a new one for a browser that has none yet
    map $cookie_botrygt_route $route {{
        ""      $request_id;
        default $cookie_botrygt_route;
    }}
    map $cookie_botrygt_route $set_route {{
        ""      "botrygt_route=$route; Path=/; HttpOnly; SameSite=Strict";
        default "";
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ""      close;
    }}
    upstream streamlit {{
        hash $route consistent;
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://streamlit;
            proxy_http_version 1.1;
            proxy_set_header Host $host:$server_port;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie $set_route;
        }}
    }}
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


@contextmanager
def running_nginx(backends: list[int], folder: Path) -> Iterator[str]:
    """nginx on a free port in front of the given backend ports; yields its base URL."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError(
            "nginx is not installed (Debian package nginx; .ci/system-deps.sh bench)"
        )
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in backends)
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(folder=folder, servers=servers, port=port))
    command = [binary, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"]
    process = subprocess.Popen(command, cwd=folder, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while http_get(f"{base}/_stcore/health") != "ok":
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not serve: {(folder / 'error.log').read_text()}")
            time.sleep(0.1)
        yield base
    finally:
        stop_process_group(process)


def curve(database_url: str, processes: int, folder: Path, *, quick: bool) -> dict[str, Any]:
    """The load curve through nginx with `processes` Streamlit processes."""
    env = {"BOTRYGT_COOKIE_KEY": COOKIE_KEY}
    labels = live.session_labels()
    with ExitStack() as stack:
        servers = [
            stack.enter_context(live.running_server(database_url, extra_env=env))
            for _ in range(processes)
        ]
        ports = [int(s.base_url.rsplit(":", 1)[1]) for s in servers]
        nginx_dir = folder / f"nginx-{processes}"
        nginx_dir.mkdir()
        base = stack.enter_context(running_nginx(ports, nginx_dir))
        before = [s.cpu() for s in servers]
        started = time.perf_counter()
        levels = LEVELS if not quick or len(LEVELS) < 3 else [5, 20]
        result = live.load_curve(
            base,
            labels,
            levels=levels,
            level_s=30.0 if quick else 45.0,
            no_think_s=20.0 if quick else 30.0,
            no_think_levels=NO_THINK_LEVELS,
        )
        wall = time.perf_counter() - started
        cpu = [s.cpu() - b for s, b in zip(servers, before, strict=True)]
        rss = [live.peak_rss_mb(s.pid) for s in servers]
    return {
        "processes": processes,
        **result,
        "server_cpu_share": [round(c / wall, 2) for c in cpu],
        "peak_rss_mb": rss,
    }


def main() -> int:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    if nginx_binary() is None:
        print("nginx mangler: `apt-get install nginx` (se .ci/system-deps.sh bench)")
        return 1
    from bench.run import full_straf11

    pg = start_server(database="bench_scale")
    if isinstance(pg, str):
        print(f"PostgreSQL kan ikke starte: {pg}")
        return 1
    results: dict[str, Any] = {"levels": [5, 20] if quick else LEVELS}
    try:
        with tempfile.TemporaryDirectory(prefix="botrygt-scale-") as name:
            folder = Path(name)
            os.chmod(folder, 0o755)
            url = pg.url
            started = time.perf_counter()
            results["dataset"] = build_full_dataset(url, straf11=full_straf11())
            print(f"Datasæt i PostgreSQL: {time.perf_counter() - started:.0f} s")
            for n in PROCESSES:
                print(f"{n} Streamlit-proces(ser) bag nginx:")
                results[str(n)] = curve(url, n, folder, quick=quick)
    finally:
        pg.stop()
    (HERE / "scale.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in results.items() if k != "dataset"}, indent=1)[:4000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
