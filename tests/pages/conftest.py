"""The page tests' own database: a copy of the session's demo database for tests that write."""

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def private_db(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo database for tests that write, so other tests never see their changes."""
    copy = tmp_path / "private.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return url
