"""The documented demo users, one per role, for Ishøj and Københavns Vestegns Politi."""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.store.users import check_password, find_user, hash_password
from models.permissions import Role
from models.tables import AppUser


@dataclass(frozen=True)
class DemoUser:
    """A demo account as printed by `make run` and listed in the README."""

    username: str
    password: str
    display_name: str
    role: Role
    municipality_code: int | None = None
    police_district_number: int | None = None


DEMO_USERS = (
    DemoUser("admin", "demo-admin-1234", "Demo Administrator", Role.ADMIN),
    DemoUser(
        "projektleder",
        "demo-projekt-1234",
        "Demo Projektleder (Ishøj)",
        Role.PROJECT_LEADER,
        municipality_code=183,
    ),
    DemoUser(
        "politi",
        "demo-politi-1234",
        "Demo Politi (Københavns Vestegn)",
        Role.POLICE,
        police_district_number=10,
    ),
    DemoUser(
        "byraad",
        "demo-byraad-1234",
        "Demo Byrådsmedlem (Ishøj)",
        Role.COUNCIL,
        municipality_code=183,
    ),
    DemoUser(
        "erhverv",
        "demo-erhverv-1234",
        "Demo Erhvervsforening (Ishøj)",
        Role.BUSINESS,
        municipality_code=183,
    ),
)


def demo_email(username: str) -> str:
    """A demo user's address: under .invalid (RFC 2606), so no real mailbox can ever receive it."""
    return f"{username}@demo.botrygt.invalid"


def ensure_demo_users(session: Session) -> int:
    """Create the demo users that are missing; never touch existing ones. Returns how many were made."""
    existing = set(session.exec(select(AppUser.username)).all())
    now = datetime.now(UTC)
    made = 0
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        session.add(
            AppUser(
                username=demo.username,
                display_name=demo.display_name,
                role=demo.role,
                municipality_code=demo.municipality_code,
                police_district_number=demo.police_district_number,
                password_hash=hash_password(demo.password),
                password_changed_at=now,
                created_at=now,
                email=demo_email(demo.username),
            )
        )
        made += 1
    return made


def demo_users_text() -> str:
    """The lines `make run` prints."""
    lines = ["Demo-brugere (kun i demo-tilstand):"]
    lines += [f"  {d.username:<13} {d.password:<19} {d.display_name}" for d in DEMO_USERS]
    return "\n".join(lines)


@lru_cache(maxsize=64)
def _published_password_matches(password: str, password_hash: str) -> bool:
    """bcrypt's answer for one (password, hash) pair never changes, and costs ~0.5 s: ask once."""
    return check_password(password, password_hash)


def demo_passwords_in_use(engine: Engine) -> list[str]:
    """Active demo accounts that still have their published password (refused outside demo mode)."""
    found = []
    for demo in DEMO_USERS:
        user = find_user(engine, username=demo.username)
        if (
            user is not None
            and user.active
            and _published_password_matches(demo.password, user.password_hash)
        ):
            found.append(demo.username)
    return found
