"""`botrygt fetch dst` against a local server replaying recorded Statistikbanken responses (no network)."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import Engine, text

from dataio.files.statistikbanken.api import StatbankUnavailable, fetch_dst
from dataio.files.statistikbanken.reader import DstTable
from dataio.store.burglaries import municipality_overview
from tests.factories import ADMIN

RECORDED = Path(__file__).resolve().parents[2] / "data" / "statbank"


class Recorded(BaseHTTPRequestHandler):
    """Answers tableinfo and data requests from the recorded files, and remembers what it was asked."""

    requests: ClassVar[list[tuple[str, str, dict | None]]] = []
    updated = "2026-11-10T08:00:00"

    def do_GET(self) -> None:
        Recorded.requests.append(("GET", self.path, None))
        info = json.loads((RECORDED / "tableinfo_straf11.json").read_text()) | {
            "updated": Recorded.updated
        }
        self._send(200, json.dumps(info).encode(), "application/json")

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorded.requests.append(("POST", self.path, body))
        self._send(200, (RECORDED / "data_straf11.csv").read_bytes(), "text/csv; charset=utf-8")

    def _send(self, status: int, payload: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_args: object) -> None:  # quiet
        return


@pytest.fixture
def statbank(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Recorded]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorded.requests = []
    monkeypatch.setenv("BOTRYGT_STATBANK_URL", f"http://127.0.0.1:{server.server_address[1]}/v1")
    yield Recorded
    server.shutdown()


def test_fetch_asks_tableinfo_then_the_documented_request_and_imports(
    seeded_engine: Engine, statbank: type[Recorded]
) -> None:
    [result] = fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    assert statbank.requests[0][:2] == ("GET", "/v1/tableinfo/STRAF11?format=JSON")
    method, path, body = statbank.requests[1]
    assert (method, path) == ("POST", "/v1/data")
    assert body == {
        "table": "STRAF11",
        "format": "CSV",
        "lang": "da",
        "valuePresentation": "Code",
        "variables": [
            {"code": "OMRÅDE", "values": ["*"]},
            # residential burglary and business burglary (1310, the default other offence)
            {"code": "OVERTRÆD", "values": ["1320", "1310"]},
            {"code": "Tid", "values": ["*"]},
        ],
    }
    assert result.report is not None and result.report.rows_written == 2 * 79
    assert result.report.other_offences == ((1310, 2 * 79),)
    assert result.text().endswith("(Statistikbanken opdateret 2026-11-10T08:00:00)")
    overview = municipality_overview(seeded_engine, code=183)
    assert (overview.assessment.latest_year, overview.assessment.latest_count, overview.demo) == (
        2025,
        41 + 42 + 43 + 44,
        False,
    )
    with seeded_engine.connect() as connection:
        kind, file_name = connection.execute(
            text("SELECT kind, file_name FROM data_source WHERE dataset = 'STRAF11'")
        ).one()
    assert (kind, file_name) == ("api", "statbank:2026-11-10T08:00:00")


def test_nothing_new_means_no_data_request(seeded_engine: Engine, statbank: type[Recorded]) -> None:
    fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    statbank.requests.clear()
    [again] = fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    assert (
        again.report is None
        and again.text() == "STRAF11: intet nyt (Statistikbanken opdateret 2026-11-10T08:00:00)"
    )
    assert [r[0] for r in statbank.requests] == ["GET"]  # tableinfo only
    statbank.updated = "2026-12-10T08:00:00"
    [newer] = fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    assert newer.report is not None and newer.report.rows_changed == 0
    statbank.updated = "2026-11-10T08:00:00"


def test_without_network_fails_fast_and_writes_nothing(
    seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "BOTRYGT_STATBANK_URL", "http://127.0.0.1:9/v1"
    )  # nothing listens on the discard port
    with pytest.raises(StatbankUnavailable, match=r"^Statistikbanken kan ikke nås"):
        fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    with seeded_engine.connect() as connection:
        assert (
            connection.execute(
                text("SELECT count(*) FROM data_source WHERE kind = 'api'")
            ).scalar_one()
            == 0
        )


def test_cli_fetch_without_network_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'f.sqlite'}")
    monkeypatch.setenv("BOTRYGT_STATBANK_URL", "http://127.0.0.1:9/v1")
    assert main(["fetch", "dst"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("botrygt: Statistikbanken kan ikke nås")


def test_fetch_asks_for_the_chosen_offences_only(
    seeded_engine: Engine, statbank: type[Recorded]
) -> None:
    [result] = fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11], offences=(1330,))
    _, _, body = statbank.requests[1]
    assert body is not None and body["variables"][1] == {
        "code": "OVERTRÆD",
        "values": ["1320", "1330"],
    }
    # the recorded answer holds 1310 rows, which were not asked for: none is stored
    assert result.report is not None and result.report.other_offences == ()
    with seeded_engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM offence_quarter")).scalar_one() == 0
    statbank.updated = "2026-12-11T08:00:00"
    [again] = fetch_dst(seeded_engine, actor=ADMIN, tables=[DstTable.STRAF11])
    assert again.report is not None and again.report.other_offences == ((1310, 2 * 79),)
    statbank.updated = "2026-11-10T08:00:00"
