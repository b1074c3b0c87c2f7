"""`botrygt publish` on a copy of the demo database: the same rights and audit as the page."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from cli import main


@pytest.fixture
def cli_db(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    copy = tmp_path / "cli.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return url


def query(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def state(url: str, code: int) -> list[tuple]:
    return query(
        url,
        "SELECT published, published_summary, published_by FROM partnership "
        f"WHERE municipality_code = {code}",
    )


def test_publish_on_and_off(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "--municipality", "223", "--summary", "Hej Hørsholm"]) == 0
    assert capsys.readouterr().out == (
        "Offentlig visning slået til for Hørsholm: Offentlig?kommune=223\n"
    )
    [(published, summary, by)] = state(cli_db, 223)
    assert bool(published) and summary == "Hej Hørsholm" and by.startswith("cli:")
    assert main(["publish", "--municipality", "223", "--off"]) == 0
    assert capsys.readouterr().out == "Offentlig visning slået fra for Hørsholm.\n"
    assert not state(cli_db, 223)[0][0] and state(cli_db, 223)[0][1] == "Hej Hørsholm"
    rows = query(cli_db, "SELECT summary FROM audit_entry WHERE action = 'partnership.publish'")
    assert rows == [
        ("Offentlig visning slået til for Hørsholm",),
        ("Offentlig visning slået fra for Hørsholm",),
    ]


def test_refusals_are_danish(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "--municipality", "223", "--as", "byraad"]) == 2
    assert "må ikke slå kommunens offentlige visning til eller fra" in capsys.readouterr().err
    assert main(["publish", "--municipality", "183"]) == 2  # Ishøj: no partnership row
    assert "Ishøj er ikke en partnerskabskommune" in capsys.readouterr().err
    assert main(["publish", "--municipality", "9999"]) == 2
    assert capsys.readouterr().err.startswith("botrygt: ")
    assert not state(cli_db, 223)[0][0]
    assert query(
        cli_db, "SELECT count(*) FROM audit_entry WHERE action = 'partnership.publish'"
    ) == [(0,)]
