"""`botrygt remind` against a real local SMTP server (aiosmtpd) and a copy of the demo database:
one reminder per owner with overdue items, naming them; a rerun sends nothing new; a failing
server (451, or nothing listening) loses nothing and the next run delivers."""

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from cli import main
from dataio.db.engine import make_engine
from dataio.db.frames import read_frame
from dataio.store.action_plans import with_flags
from models.tables import ActionItem, AppUser, AuditEntry, MailOutbox
from models.vocabulary import OVERDUE_FLAG
from tests.support.smtp import Collector, body, free_port, smtp_server

ROOT = Path(__file__).resolve().parents[2]
BOTRYGT = Path(sys.executable).parent / "botrygt"  # the console script beside this Python
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
    return url


def overdue_by_owner(url: str) -> dict[str, set[str]]:
    """The demo plan's overdue items per owner username, computed by the plan's own rule."""
    engine = make_engine(url)
    with Session(engine) as session:
        items = read_frame(
            session, select(ActionItem).where(col(ActionItem.owner_username).is_not(None))
        )
    engine.dispose()
    flagged = with_flags(items, today=date.today())
    owners: dict[str, set[str]] = {}
    for row in flagged.itertuples():
        if OVERDUE_FLAG in row.advarsel:
            owners.setdefault(str(row.owner_username), set()).add(str(row.title))
    return owners


def outbox(url: str) -> list[MailOutbox]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = list(session.exec(select(MailOutbox).order_by(col(MailOutbox.id))).all())
    engine.dispose()
    return rows


def reminders(collector: Collector) -> list:
    return [m for m in collector.received if "opmærksomhed" in m["Subject"]]


def test_done_when_one_mail_per_owner_with_overdue_items_and_a_rerun_sends_nothing(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    owners = overdue_by_owner(demo_copy)
    # the demo seeding gives both the project leader and the police user overdue items
    assert set(owners) == {"projektleder", "politi"}
    with smtp_server() as (collector, port):
        monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        assert main(["remind"]) == 0
        printed = capsys.readouterr().out
        mails = reminders(collector)
        assert sorted(m["To"] for m in mails) == sorted(
            f"{owner}@demo.botrygt.invalid" for owner in owners
        )
        for owner, titles in owners.items():
            (mail,) = [m for m in mails if m["To"] == f"{owner}@demo.botrygt.invalid"]
            text = body(mail)
            assert "forsinket" in mail["Subject"]
            overdue_part = text.split("Forsinket (", 1)[1].split("\n\n", 1)[0]
            for title in titles:
                assert f"{title}, frist " in overdue_part
                assert overdue_part.count(f": {title},") == 1
            assert "forsinket i " in overdue_part
            assert f"{PUBLIC}/Handlingsplan?kommune=183" in text
            assert mail["From"] and mail.get_content_charset() == "utf-8"
        assert "Sendt: " in printed and "Fejlede" not in printed
        first = len(collector.received)

        assert main(["remind"]) == 0  # the same day again: nothing new
        assert len(collector.received) == first
        assert "0 mails lagt i kø" in capsys.readouterr().out
    rows = outbox(demo_copy)
    assert all(r.sent_at is not None and r.attempts == 1 for r in rows)
    assert len(rows) == first


def test_an_inactive_owner_or_one_without_an_address_gets_no_reminder(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(demo_copy)
    with Session(engine) as session:
        for user in session.exec(select(AppUser)).all():
            if user.username == "politi":
                user.active = False
            if user.username == "projektleder":
                user.email = None
            session.add(user)
        session.commit()
    engine.dispose()
    with smtp_server() as (collector, port):
        monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        assert main(["remind"]) == 0
        assert reminders(collector) == []
        assert {m["To"] for m in collector.received} == {"byraad@demo.botrygt.invalid"}


def test_the_next_day_repeats_nothing_unchanged_and_a_week_later_reminds_again(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = date.today()
    with smtp_server() as (collector, port):
        monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        assert main(["remind", "--today", today.isoformat()]) == 0
        first = len(reminders(collector))
        assert main(["remind", "--today", (today + timedelta(days=1)).isoformat()]) == 0
        assert len(reminders(collector)) == first  # the same flagged items: no new reminder
        assert main(["remind", "--today", (today + timedelta(days=8)).isoformat()]) == 0
        assert len(reminders(collector)) == 2 * first


def test_a_server_answering_451_loses_nothing_and_the_next_run_delivers(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with smtp_server(failing=True) as (collector, port):
        monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
        assert main(["remind"]) == 1
        printed = capsys.readouterr().out
        assert "Fejlede: " in printed and "451" in printed
        assert collector.received == [] and collector.refused > 0
        queued = outbox(demo_copy)
        assert queued and all(r.sent_at is None for r in queued)
        assert all(r.attempts == 1 and "451" in (r.last_error or "") for r in queued)

        collector.failing = False
        assert main(["remind"]) == 0
        delivered = sorted((m["To"], m["Subject"]) for m in collector.received)
        assert delivered == sorted((r.address, r.subject) for r in queued)  # nothing lost
        after = outbox(demo_copy)
        assert [r.id for r in after] == [r.id for r in queued]  # retried, not queued again
        assert all(r.sent_at is not None and r.attempts == 2 for r in after)
        assert all(r.last_error is None for r in after)

        assert main(["remind"]) == 0  # and nothing twice
        assert len(collector.received) == len(delivered)


def test_a_closed_port_is_recorded_and_retried_once_a_server_listens(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{port}")
    assert main(["remind"]) == 1
    assert "afviste forbindelsen" in capsys.readouterr().out
    queued = outbox(demo_copy)
    assert queued and all(
        r.sent_at is None and r.attempts == 1 and "afviste" in (r.last_error or "") for r in queued
    )
    engine = make_engine(demo_copy)
    with Session(engine) as session:
        (run,) = session.exec(select(AuditEntry).where(AuditEntry.action == "mail.remind")).all()
    engine.dispose()
    assert f"{len(queued)} fejlede" in run.summary
    with smtp_server(port) as (collector, _):
        assert main(["remind"]) == 0
        assert len(collector.received) == len(queued)
    assert all(r.sent_at is not None for r in outbox(demo_copy))


@pytest.mark.parametrize(
    ("url", "named"),
    [
        (None, "BOTRYGT_SMTP_URL er ikke sat"),
        ("http://127.0.0.1:25", "smtp:// eller smtps://"),
        ("smtp://127.0.0.1:notaport", "BOTRYGT_SMTP_URL er ugyldig"),
        ("smtp://user:pw@127.0.0.1:25", "BOTRYGT_SMTP_USER"),
    ],
)
def test_bad_settings_exit_2_naming_the_variable(
    demo_copy: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str | None,
    named: str,
) -> None:
    if url is None:
        monkeypatch.delenv("BOTRYGT_SMTP_URL", raising=False)
    else:
        monkeypatch.setenv("BOTRYGT_SMTP_URL", url)
    assert main(["remind"]) == 2
    assert named in capsys.readouterr().err
    assert outbox(demo_copy) == []  # nothing queued before the settings are known to work


def test_a_dry_run_shows_what_it_would_send_and_writes_nothing(
    demo_copy: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOTRYGT_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    assert main(["remind", "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert "ville lægge i kø" in printed and "påmindelse til projektleder" in printed
    assert "Tørkørsel" in printed
    assert outbox(demo_copy) == []


@pytest.mark.skipif(not BOTRYGT.exists(), reason="the console script is not installed")
def test_the_installed_command_delivers_as_a_subprocess(demo_copy: str) -> None:
    with smtp_server() as (collector, port):
        env = {
            **os.environ,
            "DATABASE_URL": demo_copy,
            "BOTRYGT_SMTP_URL": f"smtp://127.0.0.1:{port}",
            "PYTHONPATH": str(ROOT),
        }
        done = subprocess.run(
            [str(BOTRYGT), "remind"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert {m["To"] for m in reminders(collector)} == {
            "projektleder@demo.botrygt.invalid",
            "politi@demo.botrygt.invalid",
        }
        assert "Sendt: " in done.stdout
