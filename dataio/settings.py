"""One typed settings object, read from the environment."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_database_url() -> str:
    """The embedded SQLite file under var/ (git-ignored)."""
    data_dir = Path(os.environ.get("BOTRYGT_DATA_DIR", PROJECT_ROOT / "var"))
    return f"sqlite:///{data_dir / 'botrygt.sqlite'}"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, from environment variables."""

    database_url: str
    demo_mode: bool

    @classmethod
    def from_env(cls) -> "Settings":
        """Read DATABASE_URL and BOTRYGT_DEMO (default: demo on with the embedded database)."""
        url = os.environ.get("DATABASE_URL") or default_database_url()
        demo_default = "1" if url.startswith("sqlite") else "0"
        demo = os.environ.get("BOTRYGT_DEMO", demo_default).strip().lower() in {
            "1",
            "true",
            "yes",
            "ja",
        }
        return cls(database_url=url, demo_mode=demo)
