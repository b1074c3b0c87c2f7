"""The command line and the mails in English: `botrygt --lang en ...` prints no Danish of ours, and
`botrygt remind` writes each mail in its recipient's language (a real local SMTP server)."""

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from cli import main
from dataio.db.engine import make_engine
from dataio.meetings.store import create_meeting
from dataio.store.action_plans import plan_items
from models.tables import AppUser
from tests.danish_left import danish_left_in
from tests.factories import ISHOJ, LEADER, READER
from tests.support.smtp import body, smtp_server

PUBLIC = "https://botrygt.kommune.example"


@pytest.fixture
def demo_copy(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This test's own copy of the demo database, and the environment pointing at it."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_PUBLIC_URL", PUBLIC)
    monkeypatch.delenv("BOTRYGT_SMTP_USER", raising=False)
    monkeypatch.delenv("BOTRYGT_MAIL_FROM", raising=False)
    monkeypatch.delenv("BOTRYGT_LANG", raising=False)
    return url


def set_language(url: str, username: str, language: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).one()
        user.language = language
        session.add(user)
        session.commit()
    engine.dispose()


def plan_titles(url: str) -> list[str]:
    """The demo plan's item titles (Danish data), longest first."""
    engine = make_engine(url)
    titles = plan_items(engine, viewer=READER, municipality_code=ISHOJ)["title"]
    engine.dispose()
    return sorted({str(t) for t in titles}, key=len, reverse=True)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    printed = capsys.readouterr()
    return status, printed.out, printed.err


def test_an_english_owner_gets_an_english_reminder_and_a_danish_one_the_same_as_before(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language(demo_copy, "projektleder", "en")
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    with smtp_server() as (collector, port):
        monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        status, out, _ = run(["--lang", "en", "remind"], capsys)
        assert status == 0
        english = [m for m in collector.to("projektleder@demo.botrygt.invalid")]
        danish = [m for m in collector.to("politi@demo.botrygt.invalid")]
    (reminder,) = [m for m in english if "attention needed" in m["Subject"]]
    text = body(reminder)
    # the links are addresses (the Danish page names of the app), not text, and the plan items'
    # titles are the partnership's own Danish data: both taken out
    ours = re.sub(r"https://\S+", "", text)
    for title in plan_titles(demo_copy):
        ours = ours.replace(title, "")
    assert danish_left_in(ours) == []
    assert danish_left_in(str(reminder["Subject"])) == []
    assert str(reminder["Subject"]).startswith("Bo trygt: ")
    assert "overdue)" in reminder["Subject"]
    assert text.startswith("Dear Demo Projektleder")
    assert "Example data: the activities are examples from the demo action plan." in text
    assert "Overdue (" in text and ", due " in text and ", overdue by " in text
    assert f"{PUBLIC}/Handlingsplan?kommune=183" in text
    assert "It is sent at most once a day" in text
    # the police user kept Danish: the reminder reads exactly as before
    (kept,) = [m for m in danish if "opmærksomhed" in m["Subject"]]
    assert "forsinket" in kept["Subject"]
    kept_text = body(kept)
    assert kept_text.startswith("Kære ") and "Forsinket (" in kept_text
    assert "forsinket i " in kept_text
    # the monthly brief, where one went to the English user: the brief's own lines in English
    briefs = [m for m in english if "status of the targets" in m["Subject"]]
    assert briefs, [m["Subject"] for m in english]
    for brief in briefs:
        brief_text = body(brief)
        assert (
            "Here is the status of the targets in the Bo trygt partnership in Ishøj" in brief_text
        )
        assert "Overdue activities in the action plan" in brief_text
        assert "Unsubscribe under My account: " in brief_text
        assert "Forsinkede aktiviteter" not in brief_text
    # what the command printed, in English
    assert "Sent: " in out and "queued" in out and "Sendt" not in out
    assert "  reminder to projektleder <projektleder@demo.botrygt.invalid>" in out


def test_commands_print_in_english(
    demo_copy: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the demo's Ishøj has no partnership row to publish (tests/cli/test_publish_cli.py publishes
    # for real): here only what `publish` prints is checked
    monkeypatch.setattr("cli.publish.set_published", lambda *args, **kwargs: None)
    engine = make_engine(demo_copy)
    meeting = create_meeting(
        engine, actor=LEADER, code=ISHOJ, held_on=date(2026, 11, 23), title="Steering group"
    )
    engine.dispose()
    printed: list[str] = []
    minutes = tmp_path / "minutes.pdf"
    for argv, expected in [
        (["init"], "The database is ready"),
        (
            ["minutes", "--meeting", str(meeting), "-o", str(minutes)],
            f"The minutes of «Steering group» (Ishøj, 2026-11-23) are written to {minutes}.",
        ),
        (
            ["remind", "--brief-day", "5", "--municipality", "183"],
            "The monthly brief for municipality 183: on day 5 of the month",
        ),
        (
            ["remind", "--brief-day", "0", "--municipality", "183"],
            "The monthly brief for municipality 183: only after new quarterly figures",
        ),
        (["publish", "--municipality", "183", "--off"], "Public view switched off for Ishøj."),
        (["publish", "--municipality", "183"], "Public view switched on for Ishøj: "),
        (["hotspots", "--municipality", "183"], "Municipality 183: "),
        (["prune"], "Deleted "),
        (["users", "disable", "erhverv"], "User erhverv disabled."),
        (["audit", "verify"], "Latest chain value: "),
    ]:
        status, out, err = run(["--lang", "en", *argv], capsys)
        assert status == 0, (argv, err)
        assert expected in out, (argv, out)
        printed.append(out)
    assert minutes.read_bytes().startswith(b"%PDF")
    text = "\n".join(printed)
    # the audit chain's own sentence is dataio.db.audit's (no language yet): taken out here
    text = "\n".join(line for line in text.splitlines() if not line.startswith("Revisionssporet"))
    # the public page's address ("Offentlig?kommune=183") is an address, not text: taken out
    text = re.sub(r"\S+\?kommune=\d+", "", text)
    assert danish_left_in(text) == []
    assert "incidents per cell); use --json for details." in text
    assert "months." in text


def test_errors_raised_in_the_command_line_are_english(
    demo_copy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv, expected in [
        (
            ["remind", "--brief-day", "5"],
            "botrygt: --brief-day needs --municipality CODE (e.g. 183 for Ishøj)",
        ),
        (["minutes", "--meeting", "99999", "-o", "x.pdf"], "The meeting does not exist"),
        (["hotspots", "--municipality", "183", "--weeks", "0"], "--weeks must be at least 1"),
        (
            ["remind", "--brief-day", "40", "--municipality", "183"],
            "The day of the monthly brief must be between 1 and 28 (not 40)",
        ),
    ]:
        status, _out, err = run(["--lang", "en", *argv], capsys)
        assert status == 2 and expected in err, (argv, err)
        assert danish_left_in(err) == []
    # the same errors stay Danish by default
    status, _, err = run(["remind", "--brief-day", "5"], capsys)
    assert status == 2
    assert err == "botrygt: --brief-day kræver --municipality KODE (fx 183 for Ishøj)\n"


def test_bad_smtp_settings_are_named_in_english(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOTRYGT_SMTP_URL", "http://mail.example")
    monkeypatch.setenv("BOTRYGT_LANG", "en")  # the environment chooses the language too
    status, _, err = run(["remind"], capsys)
    assert status == 2
    assert err == (
        "botrygt: BOTRYGT_SMTP_URL must begin with smtp:// or smtps:// (not http://mail.example)\n"
    )
