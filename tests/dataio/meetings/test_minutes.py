"""The minutes as PDF: read back with pypdf, they hold the date, participants, agenda, decisions
with owners and due dates, the pack's snapshot id, and æøå as typed."""

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from cli import main
from dataio.meetings.minutes import meeting_minutes, minutes_file_name, minutes_pdf
from dataio.meetings.store import (
    NewItem,
    create_meeting,
    edit_meeting,
    meeting_detail,
    record_decision,
)
from tests.factories import ISHOJ, LEADER, READER, make_plan


def _text(data: bytes) -> str:
    """The PDF's text, whitespace collapsed (fpdf2 wraps lines where it likes)."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


@pytest.fixture
def held(seeded_engine: Engine) -> int:
    """A meeting in Ishøj with two decisions (one made a plan item for the police user) and
    minutes with æøå."""
    make_plan(seeded_engine, template_rows=[0])
    meeting_id = create_meeting(
        seeded_engine,
        actor=LEADER,
        code=ISHOJ,
        held_on=date(2026, 12, 2),
        title="Styregruppemøde i Ishøj",
        participants="Søren Ærø (projektleder), Åse Øberg (politiet)",
        agenda="1. Velkomst\n2. Forsinkede aktiviteter",
    )
    record_decision(
        seeded_engine,
        actor=LEADER,
        meeting_id=meeting_id,
        text="Politiet går tryghedsvandring i Vejleåparken",
        new_item=NewItem(
            title="Tryghedsvandring i Vejleåparken",
            owner_username="politi",
            due_date=date(2027, 1, 15),
        ),
    )
    record_decision(seeded_engine, actor=LEADER, meeting_id=meeting_id, text="Næste møde i februar")
    edit_meeting(
        seeded_engine,
        actor=LEADER,
        meeting_id=meeting_id,
        loaded_version=1,
        held_on=date(2026, 12, 2),
        title="Styregruppemøde i Ishøj",
        participants="Søren Ærø (projektleder), Åse Øberg (politiet)",
        agenda="1. Velkomst\n2. Forsinkede aktiviteter",
        minutes="Gården ved skolen får bedre lys; økonomien er på plads.",
    )
    return meeting_id


def test_the_minutes_hold_the_decisions_owners_due_dates_and_aeoeaa(
    seeded_engine: Engine, held: int
) -> None:
    text = _text(meeting_minutes(seeded_engine, viewer=READER, meeting_id=held, demo=False))
    assert "Referat: Styregruppemøde i Ishøj" in text
    assert "Partnerskabet i Ishøj" in text
    assert "Dato: 2. dec. 2026" in text
    assert "Søren Ærø (projektleder), Åse Øberg (politiet)" in text
    assert "Politiet går tryghedsvandring i Vejleåparken" in text
    assert "Demo Politi (Københavns Vestegn)" in text
    assert "15. jan. 2027" in text
    assert "Næste møde i februar" in text
    assert "Gården ved skolen får bedre lys; økonomien er på plads." in text
    assert "Mødepakke: ingen knyttet til mødet" in text
    assert "EKSEMPELDATA" not in text


def test_the_minutes_cite_the_packs_snapshot_id_and_carry_the_demo_band(
    seeded_engine: Engine, held: int
) -> None:
    detail = meeting_detail(seeded_engine, viewer=READER, meeting_id=held)
    detail.meeting.pack_snapshot_id = "0123456789ab"
    text = _text(minutes_pdf(detail, demo=True))
    assert "Mødepakke: snapshot 0123456789ab" in text
    assert "EKSEMPELDATA" in text
    assert minutes_file_name(detail) == "referat-2026-12-02-styregruppemoede-i-ishoej.pdf"


def test_botrygt_minutes_writes_the_pdf(
    seeded_engine: Engine,
    held: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", seeded_engine.url.render_as_string(hide_password=False))
    output = tmp_path / "referat.pdf"
    capsys.readouterr()
    assert main(["minutes", "--meeting", str(held), "-o", str(output)]) == 0
    assert capsys.readouterr().out == (
        f"Referatet af «Styregruppemøde i Ishøj» (Ishøj, 2026-12-02) er skrevet til {output}.\n"
    )
    assert "Næste møde i februar" in _text(output.read_bytes())
    assert main(["minutes", "--meeting", "999", "-o", str(output)]) == 2
    assert capsys.readouterr().err == "botrygt: Mødet findes ikke (id 999)\n"
