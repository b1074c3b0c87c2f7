"""Login sessions: the signed login cookie, and whether a session still holds.

A session belongs to one user and carries that user's `sessions_valid_from` as it stood when the
session began (its *mark*). Logout, a password change or reset, disabling and re-enabling move
`sessions_valid_from`, so every open session and every cookie that carries the old mark is dead
from that moment, on every server, whatever their clocks say. Expiry is enforced here too: the
UI checks `expires_at` on every script run and the server on every /media/ request; the browser's
own expiry of the cookie is only a courtesy.

The cookie is a JWT signed with HS256 and BOTRYGT_COOKIE_KEY, nothing else: an unsigned token,
another algorithm, another key, a malformed or expired token or one without our claims all read
as "no cookie". The browser gets the cookie from the server itself (`ui.web`, HttpOnly), in
exchange for a one-minute, single-use ticket the script run hands the page.
"""

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Literal, TypeGuard

import jwt
from sqlalchemy import Engine

from dataio.store.users import find_user
from models.tables import AppUser

ALGORITHM = "HS256"  # the only one accepted
TICKET_SECONDS = 60
Ended = Literal["unknown", "disabled", "expired", "revoked"]
Purpose = Literal["set-cookie", "end-cookie"]


@dataclass(frozen=True)
class LoginSession:
    """Who is logged in, since when, until when, and the user's mark at login."""

    username: str
    mark: str  # the user's sessions_valid_from when the session began ("" when never set)
    issued_at: float  # seconds since the epoch
    expires_at: float


def valid_from_mark(user: AppUser) -> str:
    """The user's sessions_valid_from as a comparable string ("" when it was never set)."""
    when = user.sessions_valid_from
    if when is None:
        return ""
    aware = when if when.tzinfo else when.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    return aware.astimezone(UTC).isoformat()


def new_session(user: AppUser, *, hours: float, now: float | None = None) -> LoginSession:
    """A session for a user who has just proved their password."""
    now = time.time() if now is None else now
    return LoginSession(
        username=user.username,
        mark=valid_from_mark(user),
        issued_at=now,
        expires_at=now + hours * 3600,
    )


def session_ended(
    session: LoginSession, user: AppUser | None, *, now: float | None = None
) -> Ended | None:
    """Why the session no longer holds against the user's record (None while it does)."""
    if user is None or user.username != session.username:
        return "unknown"
    if not user.active:
        return "disabled"
    if (time.time() if now is None else now) >= session.expires_at:
        return "expired"
    if valid_from_mark(user) != session.mark:
        return "revoked"  # logged out, new password, or disabled and enabled again since
    return None


def check_session(
    engine: Engine, session: LoginSession, *, now: float | None = None
) -> tuple[AppUser | None, Ended | None]:
    """The user as the database has them now, and why the session has ended (None: it holds)."""
    user = find_user(engine, username=session.username)
    return user, session_ended(session, user, now=now)


def _claims(session: LoginSession) -> dict[str, Any]:
    return {
        "sub": session.username,
        "svf": session.mark,
        "iat": int(session.issued_at),
        "exp": int(session.expires_at),
    }


def _session_from(claims: Any) -> LoginSession | None:
    if not isinstance(claims, dict):
        return None
    username, mark = claims.get("sub"), claims.get("svf")
    issued, expires = claims.get("iat"), claims.get("exp")
    if not (isinstance(username, str) and username and isinstance(mark, str)):
        return None
    if not (_is_number(issued) and _is_number(expires)):
        return None
    return LoginSession(
        username=username, mark=mark, issued_at=float(issued), expires_at=float(expires)
    )


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _decode(token: object, key: str) -> dict[str, Any] | None:
    if not isinstance(token, str) or not token or not key:
        return None
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            options={"require": ["exp"], "verify_iat": False},  # iat: servers' clocks differ
        )
    except Exception:  # the cookie is whatever the browser sent: anything wrong is "no cookie"
        return None
    return claims if isinstance(claims, dict) else None


def encode_cookie(session: LoginSession, *, key: str) -> str:
    """The login cookie's value."""
    return jwt.encode({"typ": "login", **_claims(session)}, key, algorithm=ALGORITHM)


def decode_cookie(token: object, *, key: str, now: float | None = None) -> LoginSession | None:
    """The session a login cookie carries, or None for anything but a valid, unexpired cookie."""
    claims = _decode(token, key)
    if claims is None or claims.get("typ") != "login":
        return None
    session = _session_from(claims)
    if session is None or (time.time() if now is None else now) >= session.expires_at:
        return None
    return session


class _UsedTickets:
    """Ticket ids redeemed in this process (each ticket works once, for a minute)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until: dict[str, float] = {}

    def first_use(self, ticket_id: str, *, until: float, now: float) -> bool:
        with self._lock:
            for old in [t for t, end in self._until.items() if end < now]:
                del self._until[old]
            if ticket_id in self._until:
                return False
            self._until[ticket_id] = until
            return True


_USED = _UsedTickets()


def encode_ticket(
    session: LoginSession, *, key: str, purpose: Purpose, now: float | None = None
) -> str:
    """A one-minute, single-use ticket the page trades at the server for setting (or deleting)
    the HttpOnly login cookie; it never appears in a URL."""
    now = time.time() if now is None else now
    claims = {
        "typ": purpose,
        "jti": secrets.token_urlsafe(16),
        "exp": int(now) + TICKET_SECONDS,
        "session": _claims(session),
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def redeem_ticket(
    token: object, *, key: str, purpose: Purpose, now: float | None = None
) -> LoginSession | None:
    """The session a ticket was made for, the first time it is presented within its minute."""
    now = time.time() if now is None else now
    claims = _decode(token, key)
    if claims is None or claims.get("typ") != purpose or not isinstance(claims.get("jti"), str):
        return None
    session = _session_from(claims.get("session"))
    if session is None or not _USED.first_use(claims["jti"], until=claims["exp"], now=now):
        return None
    return session
