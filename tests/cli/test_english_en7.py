"""`botrygt --lang en report`: the meeting pack in the command line's language, with the Danish
pack's snapshot id; a refusal in English too."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cli import main
from tests.danish_left import danish_left_in


@pytest.fixture
def demo_cli(demo_db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The session's demo database: `report` only reads, so it can be shared."""
    monkeypatch.setenv("DATABASE_URL", demo_db_url)
    monkeypatch.delenv("BOTRYGT_LANG", raising=False)
    return demo_db_url


def test_report_in_english_writes_the_english_pdf(
    demo_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "pack.pdf"
    args = ["report", "--municipality", "183", "--since", "2026-11-01", "--format", "pdf"]
    assert main(["--lang", "en", *args, "-o", str(pdf)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("Meeting pack: Ishøj (pdf, snapshot ")
    assert line.endswith(f"has been written to {pdf}.")
    assert danish_left_in(line) == []
    snapshot = line.split("snapshot ")[1][:12]
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for phrase in (
        f"Snapshot id: {snapshot}",
        "Period: since the last meeting 1 Nov 2026 to ",
        "The goals at a glance",
        "EXAMPLE DATA – generated example figures, not to be quoted",
    ):
        assert phrase in text, phrase
    assert "Målene på ét blik" not in text and "EKSEMPELDATA" not in text
    # the same numbers in Danish: the same snapshot id
    danish = tmp_path / "pakke.pdf"
    assert main([*args, "-o", str(danish)]) == 0
    assert f"snapshot {snapshot})" in capsys.readouterr().out


def test_a_report_refusal_in_english(demo_cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "report", "--municipality", "183", "-o", "pack.doc"]) == 2
    error = capsys.readouterr().err
    assert "Give --format pdf, xlsx or pptx (the file name pack.doc does not say)" in error
    args = ["report", "--municipality", "183", "--since", "1.11.2026", "-o", "pack.pdf"]
    assert main(["--lang", "en", *args]) == 2
    assert "Invalid date of the last meeting: '1.11.2026'" in capsys.readouterr().err
