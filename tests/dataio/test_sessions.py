"""Login sessions: the cookie is HS256 with our key or nothing; a session holds only while the
user's record says so (active, unexpired, sessions_valid_from unchanged); tickets work once."""

import base64
import json
import time
from datetime import UTC, datetime
from typing import Any

import jwt
import pytest

from dataio.sessions import (
    LoginSession,
    decode_cookie,
    encode_cookie,
    encode_ticket,
    new_session,
    redeem_ticket,
    session_ended,
    valid_from_mark,
)
from models.tables import AppUser

# PyJWT's types want a key even for alg none (typed Any: the key types come from cryptography)
NO_KEY: Any = None

KEY = "3q8Zr1-LxT0vWm4NpC7yKd2hFs9GbJ6uAe5oRi_E3q8Zr1-LxT0vWm4NpC7yKd2hFs9Gb"  # 64+ bytes
NOW = float(int(time.time()))


def user(**fields: object) -> AppUser:
    values: dict[str, object] = {
        "username": "byraad",
        "display_name": "B",
        "role": "council",
        "municipality_code": 183,
        "password_hash": "x",
        "password_changed_at": datetime(2026, 1, 1, tzinfo=UTC),
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
    }
    values.update(fields)
    return AppUser(**values)  # type: ignore[arg-type]


def session(**fields: object) -> LoginSession:
    values: dict[str, object] = {
        "username": "byraad",
        "mark": "",
        "issued_at": NOW,
        "expires_at": NOW + 3600,
    }
    values.update(fields)
    return LoginSession(**values)  # type: ignore[arg-type]


def b64(part: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


def test_a_cookie_reads_back_as_its_session() -> None:
    token = encode_cookie(session(), key=KEY)
    assert decode_cookie(token, key=KEY, now=NOW) == session()


def claims() -> dict:
    return {"typ": "login", "sub": "admin", "svf": "", "iat": int(NOW), "exp": int(NOW) + 3600}


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(jwt.encode(claims(), NO_KEY, algorithm="none"), id="alg none"),
        pytest.param(
            b64({"alg": "none", "typ": "JWT"}) + "." + b64(claims()) + ".", id="bare none"
        ),
        pytest.param(jwt.encode(claims(), KEY, algorithm="HS512"), id="HS512 with our key"),
        pytest.param(jwt.encode(claims(), KEY + "x", algorithm="HS256"), id="another key"),
        pytest.param(
            jwt.encode({**claims(), "exp": int(NOW) - 10}, KEY, algorithm="HS256"), id="expired"
        ),
        pytest.param(
            jwt.encode({**claims(), "typ": "set-cookie"}, KEY, algorithm="HS256"), id="a ticket"
        ),
        pytest.param(
            jwt.encode({"sub": "admin", "exp": int(NOW) + 60}, KEY, algorithm="HS256"),
            id="old format",
        ),
        pytest.param(jwt.encode({**claims(), "sub": 7}, KEY, algorithm="HS256"), id="sub not text"),
        pytest.param(
            jwt.encode({**claims(), "exp": "soon"}, KEY, algorithm="HS256"), id="exp not a number"
        ),
        pytest.param(b64({"alg": 5}) + "." + b64(claims()) + ".c2ln", id="alg not text"),
        pytest.param("ikke.en.jwt", id="three dots of nonsense"),
        pytest.param("%%%", id="garbage"),
        pytest.param("", id="empty"),
        pytest.param(None, id="no cookie"),
        pytest.param(["a"], id="not text"),
    ],
)
def test_anything_else_is_no_cookie(token: object) -> None:
    assert decode_cookie(token, key=KEY, now=NOW) is None


def test_no_key_reads_no_cookie() -> None:
    assert decode_cookie(encode_cookie(session(), key=KEY), key="", now=NOW) is None


def test_the_mark_is_the_same_for_naive_and_aware_utc() -> None:
    aware = datetime(2026, 11, 23, 12, 0, 1, 123456, tzinfo=UTC)
    assert valid_from_mark(user(sessions_valid_from=aware)) == valid_from_mark(
        user(sessions_valid_from=aware.replace(tzinfo=None))
    )
    assert valid_from_mark(user()) == ""


def test_a_session_holds_until_the_record_says_otherwise() -> None:
    record = user()
    started = new_session(record, hours=2, now=NOW)
    assert session_ended(started, record, now=NOW + 7199) is None
    assert session_ended(started, record, now=NOW + 7200) == "expired"
    assert session_ended(started, None, now=NOW) == "unknown"
    assert session_ended(started, user(active=False), now=NOW) == "disabled"
    moved = user(sessions_valid_from=datetime(2026, 11, 23, tzinfo=UTC))  # a logout somewhere
    assert session_ended(started, moved, now=NOW) == "revoked"
    assert session_ended(new_session(moved, hours=2, now=NOW), moved, now=NOW) is None


def test_the_mark_decides_not_the_clock() -> None:
    """A login on a server whose clock is behind still holds; an old cookie with a forged
    future issue time does not (it carries the old mark)."""
    moved = user(sessions_valid_from=datetime.fromtimestamp(NOW + 600, tz=UTC))
    behind = new_session(moved, hours=2, now=NOW)  # issued "before" the logout, by its clock
    assert session_ended(behind, moved, now=NOW) is None
    forged = session(issued_at=NOW + 10_000, mark="")
    assert session_ended(forged, moved, now=NOW) == "revoked"


def test_a_ticket_works_once_for_its_purpose_and_a_minute() -> None:
    now = time.time()
    ticket = encode_ticket(session(), key=KEY, purpose="set-cookie", now=now)
    assert redeem_ticket(ticket, key=KEY, purpose="end-cookie", now=now) is None
    assert redeem_ticket(ticket, key=KEY, purpose="set-cookie", now=now) == session()
    assert redeem_ticket(ticket, key=KEY, purpose="set-cookie", now=now) is None  # used
    late = encode_ticket(session(), key=KEY, purpose="set-cookie", now=now - 61)
    assert redeem_ticket(late, key=KEY, purpose="set-cookie", now=now) is None
    other_key = encode_ticket(session(), key=KEY + "x", purpose="set-cookie", now=now)
    assert redeem_ticket(other_key, key=KEY, purpose="set-cookie", now=now) is None
    assert redeem_ticket(encode_cookie(session(), key=KEY), key=KEY, purpose="set-cookie") is None
