"""One typed settings object, read from the environment; unsafe values are refused outside demo mode."""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Only ever accepted in demo mode: a known key signs cookies anyone could forge.
DEMO_COOKIE_KEY = "demo-tilstand-ikke-hemmelig-cookie-noegle-0000"
MIN_COOKIE_KEY_BYTES = 32


def default_database_url() -> str:
    """The embedded SQLite file under var/ (git-ignored)."""
    data_dir = Path(os.environ.get("BOTRYGT_DATA_DIR", PROJECT_ROOT / "var"))
    return f"sqlite:///{data_dir / 'botrygt.sqlite'}"


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "ja"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


@dataclass(frozen=True)
class Settings:
    """Everything configurable, from environment variables."""

    database_url: str
    demo_mode: bool
    cookie_key: str
    cookie_name: str = "botrygt_login"
    cookie_expiry_days: float = 1.0
    lockout_max_failures: int = 5
    lockout_minutes: int = 15

    @classmethod
    def from_env(cls, *, secret_cookie_key: str | None = None) -> "Settings":
        """Read the environment (the UI passes st.secrets' cookie key as a fallback)."""
        url = os.environ.get("DATABASE_URL") or default_database_url()
        demo = _flag("BOTRYGT_DEMO", "1" if url.startswith("sqlite") else "0")
        key = (
            os.environ.get("BOTRYGT_COOKIE_KEY")
            or secret_cookie_key
            or (DEMO_COOKIE_KEY if demo else "")
        )
        return cls(
            database_url=url,
            demo_mode=demo,
            cookie_key=key,
            lockout_max_failures=max(1, _int("BOTRYGT_LOCKOUT_FAILURES", 5)),
            lockout_minutes=max(1, _int("BOTRYGT_LOCKOUT_MINUTES", 15)),
        )

    def security_problems(
        self, *, has_active_admin: bool, demo_accounts: list[str] | None = None
    ) -> list[str]:
        """Why the app must refuse to start (empty when it may); demo mode is exempt."""
        if self.demo_mode:
            return []
        problems = []
        if not self.cookie_key or self.cookie_key == DEMO_COOKIE_KEY:
            problems.append("BOTRYGT_COOKIE_KEY er ikke sat (eller er demo-nøglen)")
        elif len(self.cookie_key.encode()) < MIN_COOKIE_KEY_BYTES:
            problems.append(f"BOTRYGT_COOKIE_KEY er for kort: mindst {MIN_COOKIE_KEY_BYTES} bytes")
        if demo_accounts:
            names = ", ".join(demo_accounts)
            problems.append(
                f"demo-brugerne {names} har stadig deres offentlige demo-adgangskode (deaktivér dem)"
            )
        if not has_active_admin:
            problems.append(
                "der er ingen aktiv administrator (opret en med `botrygt users add --role admin`)"
            )
        return problems
