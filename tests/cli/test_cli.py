"""The botrygt command line: init, status (JSON and Danish text), and its error exits."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main


@pytest.fixture
def cli_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")  # demo mode is only ever what is asked for
    assert main(["init", "--demo-if-empty"]) == 0
    return url


def test_status_json_national(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["status", "--national", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document) >= {"scope", "burglaries", "data"}
    assert set(document["burglaries"]) >= {
        "latest_year",
        "count",
        "per_1000_households",
        "goal",
        "required_for_latest_year",
        "status",
    }
    assert document["scope"]["kind"] == "national"


def test_status_json_has_the_helper_and_insecurity_goals(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["status", "--municipality", "269", "--json"]) == 0  # Solrød: a helper target
    document = json.loads(capsys.readouterr().out)
    helpers, insecurity = document["helpers"], document["insecurity"]
    assert set(helpers) >= {"latest", "as_of", "per_100_households", "target", "status"}
    assert set(insecurity) >= {
        "year",
        "share",
        "ci_low",
        "ci_high",
        "respondents",
        "goal",
        "status",
    }
    assert isinstance(helpers["target"], int) and helpers["latest"] > 0
    assert insecurity["ci_low"] <= insecurity["share"] <= insecurity["ci_high"]
    assert insecurity["goal"] == 0.1 and 150 <= insecurity["respondents"] <= 800
    assert main(["status", "--national", "--json"]) == 0
    national = json.loads(capsys.readouterr().out)
    assert national["insecurity"]["ci_low"] is None  # quoted national shares have no sample size


def test_status_text_is_danish(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["status", "--municipality", "183"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ishøj  (EKSEMPELDATA)")
    assert "Indbrud i beboelser" in out and "Status:" in out


def test_unknown_municipality_exits_2_with_one_line(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["status", "--municipality", "999", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert "Ukendt kommunekode: 999" in captured.err


def test_console_script_runs_as_installed(cli_db: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cli", "status", "--municipality", "183", "--json"],
        capture_output=True,
        text=True,
        check=False,
        env={"DATABASE_URL": cli_db, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scope"]["name"] == "Ishøj"


def test_unusable_database_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "DATABASE_URL", f"sqlite:///{tmp_path}/missing-dir/../../../../../../proc/nope.sqlite"
    )
    code = main(["status", "--national", "--json"])
    assert code == 2
    assert capsys.readouterr().err.startswith("botrygt: ")


def users_in(url: str) -> list[str]:
    from dataio.db.engine import make_engine
    from dataio.store.users import user_table

    return sorted(user_table(make_engine(url))["username"])


def test_users_add_list_disable_and_set_password(
    cli_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("en-lang-kode-123\n"))
    assert (
        main(
            [
                "users",
                "add",
                "--username",
                "Mette",
                "--role",
                "council",
                "--municipality",
                "183",
                "--password-stdin",
            ]
        )
        == 0
    )
    assert "mette" in users_in(cli_db)
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    assert "mette" in capsys.readouterr().out
    assert main(["users", "disable", "mette"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("endnu-en-kode-456\n"))
    assert main(["users", "set-password", "mette", "--password-stdin"]) == 0
    from dataio.db.engine import make_engine
    from dataio.store.users import check_password, find_user

    user = find_user(make_engine(cli_db), username="mette")
    assert (
        user is not None
        and not user.active
        and check_password("endnu-en-kode-456", user.password_hash)
    )


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["--role", "council", "--municipality", "999"], "Ukendt kommunekode: 999"),
        (["--role", "police", "--police-district", "13"], "Ukendt politikreds: 13"),
        (["--role", "boss"], "Ukendt rolle: boss"),
        (["--role", "council"], "netop én kommune"),
        (["--role", "admin", "--municipality", "183"], "administrator bindes ikke"),
    ],
)
def test_users_add_refuses_with_one_line_and_writes_nothing(
    cli_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    reason: str,
) -> None:
    before = users_in(cli_db)
    monkeypatch.setattr("sys.stdin", io.StringIO("en-lang-kode-123\n"))
    capsys.readouterr()
    assert main(["users", "add", "--username", "ny", *arguments, "--password-stdin"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err
    assert users_in(cli_db) == before


def test_status_includes_the_action_plan(cli_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["status", "--municipality", "183", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)["action_plan"]
    assert plan["items"] == 28 and 0 <= plan["progress"] <= 1  # the demo plan for Ishøj
    assert main(["status", "--municipality", "101", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["action_plan"] is None  # København has no plan


def test_audit_verify_on_a_fresh_demo_database(
    cli_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    first, last = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"Revisionssporet er intakt \(\d+ rækker\)", first)
    assert re.fullmatch(r"Seneste kædeværdi: [0-9a-f]{64}", last)


def test_import_dst_changes_status_and_bad_file_exits_2(
    cli_db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "straf11.csv"
    good.write_bytes(
        "OMRÅDE;OVERTRÆD;TID;INDHOLD\n".encode()
        + "".join(f"183;1320;2025K{q};{50 + q}\n" for q in range(1, 5)).encode()
    )
    capsys.readouterr()
    assert main(["import", "dst", str(good)]) == 0
    assert capsys.readouterr().out.startswith(
        "Indlæst STRAF11: 4 rækker for 1 kommune (2025K1-2025K4)"
    )
    assert main(["status", "--municipality", "183", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (
        document["burglaries"]["latest_year"],
        document["burglaries"]["count"],
        [source["demo"] for source in document["data"]["sources"]],
    ) == (2025, 51 + 52 + 53 + 54, [False])
    # the demo helpers and survey rounds are still there, and the document says so
    assert document["helpers"]["demo"] and document["insecurity"]["demo"]
    assert document["data"]["demo"]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        b"OMR\xc5DE;OVERTR\xc6D;TID;INDHOLD\n183;1320;2025K9;5\n"
    )  # Windows-1252, a bad quarter
    assert main(["import", "dst", str(bad)]) == 2
    assert "2025K9" in capsys.readouterr().err
    assert main(["status", "--municipality", "183", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["burglaries"]["count"] == 210  # unchanged


@pytest.fixture
def demo_cli(demo_db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The session's demo database: `status` and `report` only read, so it can be shared."""
    monkeypatch.setenv("DATABASE_URL", demo_db_url)
    return demo_db_url


def test_report_writes_pdf_and_xlsx(
    demo_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    import openpyxl
    from pypdf import PdfReader

    from models.formatting import fmt_int

    capsys.readouterr()
    assert main(["status", "--municipality", "183", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)["burglaries"]
    pdf, xlsx = tmp_path / "pakke.pdf", tmp_path / "pakke.xlsx"
    assert main(["report", "--municipality", "183", "--format", "pdf", "-o", str(pdf)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("Mødepakke: Ishøj (pdf, snapshot ") and str(pdf) in line
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert f"Indbrud i beboelser {status['latest_year']}: {fmt_int(status['count'])}" in text
    snapshot = line.split("snapshot ")[1][:12]
    assert f"Snapshot-id: {snapshot}" in text
    # the format follows the file name; the same data gives the same snapshot id
    assert main(["report", "--municipality", "183", "--since", "2026-01-05", "-o", str(xlsx)]) == 0
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    facts = {r[0]: r[1] for r in workbook["Forside"].iter_rows(values_only=True)}
    assert facts["Siden sidste møde"].date().isoformat() == "2026-01-05"
    assert len(facts["Snapshot-id"]) == 12
    assert main(["report", "--police-district", "10", "-o", str(pdf)]) == 0
    assert "Mødepakke: Københavns Vestegns Politi (pdf" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--municipality", "999"], "Ukendt kommunekode: 999"),
        (["--police-district", "77"], "Ukendt politikreds: 77"),
        (["--municipality", "183", "--since", "1.11.2026"], "Ugyldig dato for sidste møde"),
        (["--municipality", "183", "--since", "2999-01-01"], "kan ikke ligge efter i dag"),
    ],
)
def test_report_errors_are_danish_with_exit_2(
    demo_cli: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    output = tmp_path / "pakke.pdf"
    capsys.readouterr()
    assert main(["report", *arguments, "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("botrygt: ") and message in error and error.count("\n") == 1
    assert not output.exists()


def test_report_needs_a_known_format(
    demo_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["report", "--municipality", "183", "-o", str(tmp_path / "pakke.txt")]) == 2
    assert "Angiv --format pdf, xlsx eller pptx" in capsys.readouterr().err


def test_report_writes_pptx_with_the_status_figures(
    demo_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Done-when: `botrygt report --municipality 183 --format pptx -o pack.pptx` writes a deck
    that python-pptx reads back with the status figures of `botrygt status --json`."""
    from pptx import Presentation

    from models.formatting import fmt_int
    from models.vocabulary import status_mark

    capsys.readouterr()
    assert main(["status", "--municipality", "183", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    deck_file = tmp_path / "pack.pptx"
    assert main(["report", "--municipality", "183", "--format", "pptx", "-o", str(deck_file)]) == 0
    line = capsys.readouterr().out
    assert line.startswith("Mødepakke: Ishøj (pptx, snapshot ") and str(deck_file) in line
    snapshot = line.split("snapshot ")[1][:12]
    deck = Presentation(str(deck_file))
    texts = [
        {shape.name: shape.text_frame.text for shape in slide.shapes if shape.has_text_frame}
        for slide in deck.slides
    ]
    assert texts[0]["Snapshot"] == f"Snapshot-id: {snapshot}"
    [goal] = [t for t in texts if t["Titel"] == "Ishøj: Indbrud i beboelser mod målet"]
    burglaries = status["burglaries"]
    assert goal["Status"] == f"Status: {status_mark(burglaries['status'])}"
    figures = goal["Nøgletal"].split("\n")
    assert figures[0] == (
        f"Indbrud i beboelser {burglaries['latest_year']}: {fmt_int(burglaries['count'])}"
    )
    assert f"krævede højst {fmt_int(burglaries['required_for_latest_year'])}" in figures[1]
    [helpers] = [t for t in texts if t["Titel"] == "Ishøj: Nabohjælpere mod rekrutteringsmålet"]
    assert helpers["Status"] == f"Status: {status_mark(status['helpers']['status'])}"
    assert f": {fmt_int(status['helpers']['latest'])}" in helpers["Nøgletal"].split("\n")[0]
    # the format follows the file name too, and a police district makes one deck of them all
    assert main(["report", "--police-district", "10", "-o", str(tmp_path / "kreds.pptx")]) == 0
    assert "Mødepakke: Københavns Vestegns Politi (pptx" in capsys.readouterr().out
    district = Presentation(str(tmp_path / "kreds.pptx"))
    titles = [s.shapes[0].text_frame.text for s in district.slides]
    assert "Albertslund: Indbrud i beboelser mod målet" in titles and BURGLARY_ISHOJ in titles


BURGLARY_ISHOJ = "Ishøj: Indbrud i beboelser mod målet"


def test_status_json_has_the_partnership_effect(
    demo_cli: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["status", "--municipality", "223", "--json"]) == 0  # Hørsholm, since 2021-01
    document = json.loads(capsys.readouterr().out)
    effect = document["partnership_effect"]
    assert set(effect) >= {"start", "estimate", "low", "high", "p_value", "method", "donors"}
    assert (effect["start"], effect["method"], effect["status"]) == (
        "2021-01-01",
        "synthetic_control",
        "fell",
    )
    assert effect["low"] < effect["estimate"] < effect["high"] < 0  # the demo's -13 %
    assert 0 < effect["p_value"] <= 0.05 and effect["donors"] >= 2 and effect["demo"]
    assert set(document) >= {"scope", "burglaries", "action_plan", "helpers", "insecurity"}
    for code in ("183", "157"):  # Ishøj: no partnership; Gentofte: its start is not known
        assert main(["status", "--municipality", code, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["partnership_effect"] is None
    assert main(["status", "--national", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["partnership_effect"] is None
