"""`botrygt import incidents`, `botrygt hotspots --json` and `botrygt prune` on a demo database."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cli import main
from tests.support.incident_extracts import FIXTURE


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    monkeypatch.delenv("BOTRYGT_HOTSPOT_MIN_COUNT", raising=False)
    monkeypatch.delenv("BOTRYGT_INCIDENT_RETENTION_MONTHS", raising=False)
    assert main(["init", "--demo-if-empty"]) == 0
    return url


def query(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def incidents(url: str) -> tuple[int, int]:
    """(all incidents, demo incidents)."""
    [(total, demo)] = query(
        url, "SELECT count(*), coalesce(sum(CASE WHEN is_demo THEN 1 ELSE 0 END), 0) FROM incident"
    )
    return int(total), int(demo)


def test_demo_seeding_writes_the_labelled_demo_extract(cli_db: str) -> None:
    total, demo = incidents(cli_db)
    assert total == demo == 600
    [(name,)] = query(cli_db, "SELECT name FROM data_source WHERE is_demo AND dataset = 'incident'")
    assert name.startswith("Eksempeldata")
    assert main(["demo"]) == 0  # made anew: still one demo extract and one source row
    assert incidents(cli_db) == (600, 600)
    assert len(query(cli_db, "SELECT id FROM data_source WHERE dataset = 'incident'")) == 1


def test_import_incidents_replaces_the_demo_extract(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code = main(["import", "incidents", str(FIXTURE), "--municipality", "183", "--as", "politi"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Indlæst Politiets hændelser for Ishøj: 600 hændelser (2. dec. 2024")
    assert "600 rækker eksempeldata fjernet" in out
    assert incidents(cli_db) == (600, 0)
    [(who, action)] = query(
        cli_db, "SELECT username, action FROM audit_entry WHERE entity = 'incident'"
    )
    assert (who, action) == ("politi", "incidents.import")


def test_a_bad_extract_exits_2_with_the_rows_listed_and_writes_nothing(
    cli_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    future = (date.today() + timedelta(days=3)).strftime("%d-%m-%Y")
    bad = tmp_path / "udtraek.csv"
    bad.write_text(
        f"dato;lat;lon\n01-11-2026;55,6155;12,3497\n{future};55,6155;12,3497\n"
        "02-11-2026;704146;6169491\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", "incidents", str(bad), "--municipality", "183"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "botrygt: Filen er ikke indlæst (2 fejl; intet er skrevet):"
    assert err[1].startswith("Række 3, kolonne «dato»:") and "ligger i fremtiden" in err[1]
    assert err[2].startswith("Række 4, kolonne «lat/lon»: (704146; 6169491) ligner UTM-koordinater")
    assert incidents(cli_db) == (600, 600)


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ("projektleder", "Ingen adgang: du er projektleder for kommune 183 og må ikke indlæse"),
        ("byraad", "Ingen adgang: du er byråd for kommune 183 og må ikke indlæse"),
        ("ingen-sådan", "Ukendt eller deaktiveret bruger: ingen-sådan"),
    ],
)
def test_import_as_a_user_who_may_not_is_refused(
    cli_db: str, capsys: pytest.CaptureFixture[str], user: str, message: str
) -> None:
    capsys.readouterr()
    args = ["import", "incidents", str(FIXTURE), "--municipality", "183", "--as", user]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert incidents(cli_db) == (600, 600)


def test_import_incidents_needs_the_municipality(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["import", "incidents", str(FIXTURE)]) == 2
    assert "import incidents kræver --municipality KODE" in capsys.readouterr().err


def test_prune_deletes_the_old_demo_incidents_and_says_how_many(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cutoff = date.today() - timedelta(days=400)
    [(older,)] = query(cli_db, f"SELECT count(*) FROM incident WHERE day < '{cutoff:%Y-%m-%d}'")
    capsys.readouterr()
    assert main(["prune", "--months", "13"]) == 0
    out = capsys.readouterr().out
    deleted = int(out.split()[1])
    assert out == f"Slettet {deleted} hændelser ældre end 13 måneder.\n"
    assert deleted >= older > 100 and incidents(cli_db)[0] == 600 - deleted
    [(summary,)] = query(cli_db, "SELECT summary FROM audit_entry WHERE action = 'incidents.prune'")
    assert summary.startswith(f"{deleted} hændelser fra før ")
    assert main(["prune"]) == 0  # 24 months by default: nothing left that old
    assert capsys.readouterr().out == "Slettet 0 hændelser ældre end 24 måneder.\n"


@pytest.mark.parametrize("user", [None, "byraad", "projektleder", "politi"])
def test_hotspots_json_lists_only_cells_of_at_least_the_minimum_and_finds_the_demo_hotspot(
    cli_db: str, capsys: pytest.CaptureFixture[str], user: str | None
) -> None:
    pytest.importorskip("models.hotspots")
    capsys.readouterr()
    args = ["hotspots", "--municipality", "183", "--json"] + (["--as", user] if user else [])
    assert main(args) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["municipality"] == 183 and document["min_count"] == 3
    assert document["window"]["to"] == date.today().isoformat()
    assert all(cell["recent"] >= 3 for cell in document["cells"])
    assert any(cell["hotspot"] for cell in document["cells"])
    assert set(document["cells"][0]) >= {"cell", "lat", "lon", "recent", "expected", "p_value"}
    assert "address" not in json.dumps(document)


def test_hotspots_with_a_floor_below_three_is_refused(
    cli_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOTRYGT_HOTSPOT_MIN_COUNT", "2")
    capsys.readouterr()
    assert main(["hotspots", "--municipality", "183", "--json"]) == 2
    assert "BOTRYGT_HOTSPOT_MIN_COUNT=2 afvist" in capsys.readouterr().err


def test_hotspots_weeks_and_until(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("models.hotspots")
    capsys.readouterr()
    until = date.today() - timedelta(days=60)
    args = ["hotspots", "--municipality", "183", "--weeks", "2", "--until", until.isoformat()]
    assert main([*args, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["window"] == {
        "from": (until - timedelta(days=13)).isoformat(),
        "to": until.isoformat(),
    }
    assert main(args) == 0
    assert "brug --json for detaljer" in capsys.readouterr().out
    assert main(["hotspots", "--municipality", "183", "--weeks", "0"]) == 2
