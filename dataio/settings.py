"""One typed settings object, read from the environment; unsafe values are refused outside demo mode.

Demo mode is only ever what `BOTRYGT_DEMO=1` asks for (never inferred from the database URL): it
lists the demo users and their published passwords on the login page.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from dataio.errors import ValidationFailed
from models.i18n import DANISH, language_of

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The key earlier versions published for demo mode: refused outside demo mode wherever it turns up.
DEMO_COOKIE_KEY = "demo-tilstand-ikke-hemmelig-cookie-noegle-0000"
MIN_COOKIE_KEY_BYTES = 32
MIN_COOKIE_KEY_DISTINCT = 12  # a random hex key has 16 possible; a typed phrase often fewer
# Demo mode without a key signs cookies with a random key of this process: nobody can forge one,
# and a restart logs everybody out (several demo servers then each keep their own logins).
_DEMO_PROCESS_KEY = secrets.token_urlsafe(48)
DEFAULT_SESSION_HOURS = 8.0
# Incident aggregates never show a grid cell with fewer incidents than this (3 is the floor); the
# police's single incidents are deleted by `botrygt prune` after the retention limit.
MIN_HOTSPOT_COUNT = 3
DEFAULT_RETENTION_MONTHS = 24


def default_database_url() -> str:
    """The embedded SQLite file under var/ (git-ignored)."""
    data_dir = Path(os.environ.get("BOTRYGT_DATA_DIR", PROJECT_ROOT / "var"))
    return f"sqlite:///{data_dir / 'botrygt.sqlite'}"


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "ja"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def _whole(name: str, default: int, *, minimum: int, why: str) -> int:
    """A whole number of at least `minimum`; nothing set gives the default, anything else is
    refused in Danish (a privacy floor is not quietly replaced by a default)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ValidationFailed(
            f"{name}={value} afvist: skal være et helt tal på mindst {minimum} ({why})"
        )
    return int(value)


def _hours(name: str, default: float) -> float:
    """Hours between one minute and 30 days; anything else (or nothing) gives the default."""
    try:
        value = float(os.environ.get(name, "").strip().replace(",", "."))
    except ValueError:
        return default
    return value if 1 / 60 <= value <= 24 * 30 else default


def cookie_key_problem(key: str) -> str | None:
    """Why a key cannot sign login cookies (None when it can): too short, too few different
    characters, or one short pattern repeated (what a person types instead of a random key)."""
    if not key:
        return "BOTRYGT_COOKIE_KEY er ikke sat"
    if not key.strip():
        return "BOTRYGT_COOKIE_KEY består kun af mellemrum"
    if key == DEMO_COOKIE_KEY:
        return "BOTRYGT_COOKIE_KEY er den offentlige demo-nøgle"
    if len(key.encode()) < MIN_COOKIE_KEY_BYTES:
        return f"BOTRYGT_COOKIE_KEY er for kort: mindst {MIN_COOKIE_KEY_BYTES} bytes"
    if len(set(key)) < MIN_COOKIE_KEY_DISTINCT or _is_repetition(key):
        return (
            "BOTRYGT_COOKIE_KEY er ikke tilfældig nok: mindst "
            f"{MIN_COOKIE_KEY_DISTINCT} forskellige tegn og intet gentaget mønster (lav en med "
            '`python3 -c "import secrets; print(secrets.token_urlsafe(48))"`)'
        )
    return None


def _is_repetition(key: str) -> bool:
    """Whether the key is a shorter piece repeated (a partial last piece counts too)."""
    for size in range(1, len(key) // 2 + 1):
        piece = key[:size]
        if (piece * (len(key) // size + 1))[: len(key)] == key:
            return True
    return False


@dataclass(frozen=True)
class Settings:
    """Everything configurable, from environment variables."""

    database_url: str
    demo_mode: bool
    cookie_key: str
    cookie_name: str = "botrygt_login"
    cookie_secure: bool = True  # only plain-http demo servers may switch it off
    session_hours: float = DEFAULT_SESSION_HOURS
    lockout_max_failures: int = 5
    lockout_minutes: int = 15
    # `botrygt remind` (dataio.mail): the SMTP server, its login, the sender and the app's address
    smtp_url: str = ""
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = ""
    public_url: str = ""
    hotspot_min_count: int = MIN_HOTSPOT_COUNT
    incident_retention_months: int = DEFAULT_RETENTION_MONTHS
    # the command line's language (BOTRYGT_LANG=en; `botrygt --lang en` overrides it)
    language: str = DANISH

    @classmethod
    def from_env(cls, *, secret_cookie_key: str | None = None) -> "Settings":
        """Read the environment (the UI passes st.secrets' cookie key as a fallback)."""
        url = os.environ.get("DATABASE_URL") or default_database_url()
        demo = _flag("BOTRYGT_DEMO", "0")
        key = (
            os.environ.get("BOTRYGT_COOKIE_KEY")
            or secret_cookie_key
            or (_DEMO_PROCESS_KEY if demo else "")
        )
        return cls(
            database_url=url,
            demo_mode=demo,
            cookie_key=key,
            cookie_secure=_flag("BOTRYGT_COOKIE_SECURE", "1"),
            session_hours=_hours("BOTRYGT_SESSION_HOURS", DEFAULT_SESSION_HOURS),
            lockout_max_failures=max(1, _int("BOTRYGT_LOCKOUT_FAILURES", 5)),
            lockout_minutes=max(1, _int("BOTRYGT_LOCKOUT_MINUTES", 15)),
            language=language_of(os.environ.get("BOTRYGT_LANG")),
            smtp_url=os.environ.get("BOTRYGT_SMTP_URL", "").strip(),
            smtp_user=os.environ.get("BOTRYGT_SMTP_USER", ""),
            smtp_password=os.environ.get("BOTRYGT_SMTP_PASSWORD", ""),
            mail_from=os.environ.get("BOTRYGT_MAIL_FROM", "").strip(),
            public_url=os.environ.get("BOTRYGT_PUBLIC_URL", "").strip(),
            hotspot_min_count=_whole(
                "BOTRYGT_HOTSPOT_MIN_COUNT",
                MIN_HOTSPOT_COUNT,
                minimum=MIN_HOTSPOT_COUNT,
                why="celler med færre hændelser kunne udpege enkelte indbrud",
            ),
            incident_retention_months=_whole(
                "BOTRYGT_INCIDENT_RETENTION_MONTHS",
                DEFAULT_RETENTION_MONTHS,
                minimum=1,
                why="antal måneder politiets hændelser gemmes",
            ),
        )

    def security_problems(
        self,
        *,
        has_active_admin: bool,
        demo_accounts: list[str] | None = None,
        server_routes: bool = True,
    ) -> list[str]:
        """Why the app must refuse to start (empty when it may); demo mode is exempt.

        server_routes: whether the app runs under `serve.py`, whose own routes set the HttpOnly
        login cookie and refuse /media/ files to requests without a valid login."""
        if self.demo_mode:
            return []
        problems = []
        key_problem = cookie_key_problem(self.cookie_key)
        if key_problem:
            problems.append(key_problem)
        if not self.cookie_secure:
            problems.append(
                "BOTRYGT_COOKIE_SECURE=0 er kun tilladt i demo-tilstand (uden https kan "
                "login-cookien aflures)"
            )
        if not server_routes:
            problems.append(
                "appen er startet uden sine egne serverruter: start den med "
                "`streamlit run serve.py` (ikke app.py)"
            )
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
