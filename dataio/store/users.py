"""Users: create, scope, disable, passwords and lockout; every write checked and audited."""

import functools
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import bcrypt
import pandas as pd
from sqlalchemy import Engine
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import NotFound, ValidationFailed
from models.i18n import LANGUAGE_NAMES, LANGUAGES, M_
from models.permissions import Action, Actor, Role, require, validate_scope
from models.tables import AppUser, Municipality, PoliceDistrict

MIN_PASSWORD_LENGTH = 10
# one @, no spaces, a dot in the domain: enough to catch a typo in a form, not a full RFC 5322 parser
# (the mail server is the judge of the rest, and a bounce is logged by `botrygt remind`)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
MAX_EMAIL_LENGTH = 254


@dataclass(frozen=True)
class LockoutPolicy:
    """How many failed logins lock an account, and for how long."""

    max_failures: int = 5
    minutes: int = 15


# bcrypt directly (12 rounds, $2b$), the format streamlit-authenticator's Hasher wrote for earlier
# versions (a test pins that their hashes still check), so dataio and the CLI need no Streamlit.
def hash_password(password: str) -> str:
    """A bcrypt hash of the password."""
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def check_password(password: str, password_hash: str) -> bool:
    """Whether a password matches a stored bcrypt hash."""
    try:
        return bcrypt.checkpw(password.encode(), password_hash.encode())
    except ValueError:
        return False


def _validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            M_("Adgangskoden skal være mindst {length} tegn", length=MIN_PASSWORD_LENGTH)
        )
    if password != password.strip():
        # the login form strips what is typed, so such a password could never be used
        raise ValidationFailed(M_("Adgangskoden må ikke begynde eller slutte med mellemrum"))


def _snapshot(user: AppUser) -> dict[str, Any]:
    return user.model_dump(exclude={"password_hash", "calendar_token_hash"})


def actor_of(user: AppUser) -> Actor:
    """The Actor a user acts as."""
    return Actor(
        username=user.username,
        role=Role(user.role),
        municipality_code=user.municipality_code,
        police_district_number=user.police_district_number,
    )


def _check_scope_exists(
    session: Session, *, municipality_code: int | None, police_district_number: int | None
) -> None:
    municipality = (
        None if municipality_code is None else session.get(Municipality, municipality_code)
    )
    if municipality_code is not None and (municipality is None or not municipality.is_municipality):
        raise ValidationFailed(M_("Ukendt kommunekode: {code}", code=municipality_code))
    if (
        police_district_number is not None
        and session.get(PoliceDistrict, police_district_number) is None
    ):
        raise ValidationFailed(
            M_(
                "Ukendt politikreds: {number} (politikredsene er nummereret 1-12)",
                number=police_district_number,
            )
        )


def _validate_role_and_scope(
    session: Session,
    *,
    role: str,
    municipality_code: int | None,
    police_district_number: int | None,
) -> None:
    """A known role, bound to what it must be bound to, and that place exists."""
    if role not in set(Role):
        raise ValidationFailed(
            M_(
                "Ukendt rolle: {role} (vælg admin, project_leader, police, council eller business)",
                role=role,
            )
        )
    problem = validate_scope(
        role=Role(role),
        municipality_code=municipality_code,
        police_district_number=police_district_number,
    )
    if problem:
        raise ValidationFailed(problem)
    _check_scope_exists(
        session, municipality_code=municipality_code, police_district_number=police_district_number
    )


def _validate_new_user(
    session: Session,
    *,
    username: str,
    role: str,
    municipality_code: int | None,
    police_district_number: int | None,
) -> Role:
    if (
        len(username) > 64
        or not username
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise ValidationFailed(
            M_(
                "Ugyldigt brugernavn: {username} (højst 64 tegn: bogstaver, tal, punktum, - og _)",
                username=repr(username),
            )
        )
    _validate_role_and_scope(
        session,
        role=role,
        municipality_code=municipality_code,
        police_district_number=police_district_number,
    )
    if session.exec(select(AppUser).where(AppUser.username == username)).first():
        raise ValidationFailed(M_("Brugernavnet {username} findes allerede", username=username))
    return Role(role)


def add_user(
    engine: Engine,
    *,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    password: str,
    municipality_code: int | None = None,
    police_district_number: int | None = None,
) -> AppUser:
    """Create a user (administrators only); validated, hashed and audited in one transaction."""
    require(actor, Action.MANAGE_USERS)
    username = username.strip().lower()
    _validate_password(password)
    now = datetime.now(UTC)
    with transaction(engine) as session:
        _validate_new_user(
            session,
            username=username,
            role=role,
            municipality_code=municipality_code,
            police_district_number=police_district_number,
        )
        user = AppUser(
            username=username,
            display_name=display_name.strip() or username,
            role=role,
            municipality_code=municipality_code,
            police_district_number=police_district_number,
            password_hash=hash_password(password),
            password_changed_at=now,
            created_at=now,
        )
        session.add(user)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="user.add",
            entity="app_user",
            entity_key=username,
            summary=f"Bruger {username} oprettet ({role})",
            before=None,
            after=_snapshot(user),
        )
    return user


def _load_for_update(session: Session, username: str) -> AppUser:
    user = session.exec(select(AppUser).where(AppUser.username == username.strip().lower())).first()
    if user is None:
        raise NotFound(M_("Ukendt bruger: {username}", username=username))
    return user


def _keep_an_admin(session: Session, *, losing: str) -> None:
    """Refuse a change that would leave no active administrator (the app could not start)."""
    others = session.exec(
        select(AppUser).where(
            AppUser.role == Role.ADMIN, col(AppUser.active), AppUser.username != losing
        )
    ).first()
    if others is None:
        raise ValidationFailed(M_("Der skal altid være mindst én aktiv administrator"))


def set_active(engine: Engine, *, actor: Actor, username: str, active: bool) -> None:
    """Disable (or enable again) a user; a disabled user cannot log in and is logged out."""
    require(actor, Action.MANAGE_USERS)
    with transaction(engine) as session:
        user = _load_for_update(session, username)
        if not active and user.username == actor.username:
            raise ValidationFailed(M_("Du kan ikke deaktivere din egen bruger"))
        if not active and user.role == Role.ADMIN:
            _keep_an_admin(session, losing=user.username)
        before = _snapshot(user)
        user.active = active
        # both ways every open session and cookie dies: disabling at the user's next click,
        # and re-enabling does not bring back a cookie issued before the disabling
        user.sessions_valid_from = datetime.now(UTC)
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action="user.enable" if active else "user.disable",
            entity="app_user",
            entity_key=user.username,
            summary=f"Bruger {user.username} {'aktiveret' if active else 'deaktiveret'}",
            before=before,
            after=_snapshot(user),
        )


def rescope_user(
    engine: Engine,
    *,
    actor: Actor,
    username: str,
    role: str,
    municipality_code: int | None,
    police_district_number: int | None,
) -> None:
    """Give a user another role or scope."""
    require(actor, Action.MANAGE_USERS)
    with transaction(engine) as session:
        _validate_role_and_scope(
            session,
            role=role,
            municipality_code=municipality_code,
            police_district_number=police_district_number,
        )
        user = _load_for_update(session, username)
        if user.role == Role.ADMIN and role != Role.ADMIN:
            _keep_an_admin(session, losing=user.username)
        before = _snapshot(user)
        user.role, user.municipality_code, user.police_district_number = (
            role,
            municipality_code,
            police_district_number,
        )
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action="user.rescope",
            entity="app_user",
            entity_key=user.username,
            summary=f"Bruger {user.username} har nu rollen {role}",
            before=before,
            after=_snapshot(user),
        )


def clean_email(email: str | None) -> str | None:
    """An e-mail address as stored (lower case domain, trimmed), None for an empty field."""
    text = (email or "").strip()
    if not text:
        return None
    if len(text) > MAX_EMAIL_LENGTH:
        raise ValidationFailed(
            M_("E-mailadressen må højst være {length} tegn", length=MAX_EMAIL_LENGTH)
        )
    if not _EMAIL.fullmatch(text):
        raise ValidationFailed(
            M_("»{text}« er ikke en e-mailadresse (fx navn@kommune.dk)", text=text)
        )
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def set_email(
    engine: Engine,
    *,
    actor: Actor,
    username: str,
    email: str | None,
    brief_subscribed: bool | None = None,
) -> None:
    """Set a user's e-mail address (and, optionally, whether they take the monthly brief).

    The administrator may set anyone's; every user may set their own."""
    if username == actor.username:
        require(actor, Action.CHANGE_OWN_SETTINGS)
    else:
        require(actor, Action.MANAGE_USERS)
    address = clean_email(email)
    with transaction(engine) as session:
        user = _load_for_update(session, username)
        before = _snapshot(user)
        user.email = address
        if brief_subscribed is not None:
            user.brief_subscribed = brief_subscribed
        if _snapshot(user) == before:
            return
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action="user.set_email",
            entity="app_user",
            entity_key=user.username,
            summary=f"E-mail for {user.username} sat til {address or '(ingen)'}",
            before=before,
            after=_snapshot(user),
        )


def set_language(engine: Engine, *, actor: Actor, username: str, language: str) -> None:
    """A user's interface language ('da' or 'en', models.i18n.LANGUAGES); audited.

    Every user may set their own (like their e-mail), the administrator anyone's."""
    if username == actor.username:
        require(actor, Action.CHANGE_OWN_SETTINGS)
    else:
        require(actor, Action.MANAGE_USERS)
    if language not in LANGUAGES:
        raise ValidationFailed(
            M_(
                "Ukendt sprog: {language}. Vælg et af: {names}.",
                language=language,
                names=", ".join(LANGUAGE_NAMES.values()),
            )
        )
    with transaction(engine) as session:
        user = _load_for_update(session, username)
        if user.language == language:
            return  # nothing to change: no audit row
        before = {"language": user.language}
        user.language = language
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action="user.set_language",
            entity="app_user",
            entity_key=user.username,
            summary=f"Sprog for {user.username} sat til {LANGUAGE_NAMES[language]}",
            before=before,
            after={"language": language},
        )


def set_password(engine: Engine, *, actor: Actor, username: str, password: str) -> None:
    """An administrator resets a user's password (and lifts any lockout)."""
    require(actor, Action.MANAGE_USERS)
    _validate_password(password)
    _write_password(
        engine, actor=actor, username=username, password=password, action="user.reset_password"
    )


def change_own_password(
    engine: Engine, *, actor: Actor, old_password: str, new_password: str
) -> None:
    """A user changes their own password, proving the old one first."""
    require(actor, Action.CHANGE_OWN_PASSWORD)
    _validate_password(new_password)
    with Session(engine) as session:
        user = _load_for_update(session, actor.username)
        if not check_password(old_password, user.password_hash):
            raise ValidationFailed(M_("Den nuværende adgangskode er forkert"))
    _write_password(
        engine,
        actor=actor,
        username=actor.username,
        password=new_password,
        action="user.change_password",
    )


def _write_password(
    engine: Engine, *, actor: Actor, username: str, password: str, action: str
) -> None:
    with transaction(engine) as session:
        user = _load_for_update(session, username)
        user.password_hash = hash_password(password)
        user.password_changed_at = user.sessions_valid_from = datetime.now(UTC)
        user.failed_logins, user.locked_until = 0, None
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action=action,
            entity="app_user",
            entity_key=user.username,
            summary=f"Adgangskode for {user.username} ændret",
            before=None,
            after=None,
        )


@functools.cache
def _stand_in_hash() -> str:
    """A hash no typed password matches, checked when the account cannot log in (unknown,
    disabled, locked): the answer then takes as long as for a real account."""
    return hash_password(secrets.token_urlsafe(32))


def attempt_login(
    engine: Engine,
    *,
    username: str,
    password: str,
    policy: LockoutPolicy,
    now: datetime | None = None,
) -> AppUser | None:
    """One attempt at the login form: the user when the password is right and the account may
    log in, else None. Every attempt costs the same (one bcrypt check, one short transaction),
    whether the name exists or not, so neither the answer nor its timing tells which names exist;
    a failure counts towards the lockout of an existing account."""
    name = username.strip().lower()
    user = find_user(engine, username=name) if name else None
    may_log_in = user is not None and user.active and not is_locked(user, now=now)
    stored = user.password_hash if user is not None and may_log_in else _stand_in_hash()
    if check_password(password.strip(), stored) and user is not None and may_log_in:
        record_login_success(engine, username=user.username)
        return user
    record_login_failure(engine, username=name, policy=policy, now=now)
    return None


def record_login_failure(
    engine: Engine, *, username: str, policy: LockoutPolicy, now: datetime | None = None
) -> bool:
    """Count a failed login; lock the account when the limit is reached. Returns whether it is locked."""
    now = now or datetime.now(UTC)
    with transaction(engine, bump_version=False) as session:
        # FOR UPDATE: parallel wrong guesses must not lose counts (PostgreSQL; SQLite locks the file)
        user = session.exec(
            select(AppUser).where(AppUser.username == username).with_for_update()
        ).first()
        if user is None:
            return False
        user.failed_logins += 1
        if user.failed_logins >= policy.max_failures:
            user.locked_until = now + timedelta(minutes=policy.minutes)
            user.failed_logins = 0
        session.add(user)
        return is_locked(user, now=now)


def record_login_success(engine: Engine, *, username: str) -> None:
    """A successful login clears the failure count (written only when there is one)."""
    with transaction(engine, bump_version=False) as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).first()
        if user is not None and (user.failed_logins or user.locked_until):
            user.failed_logins, user.locked_until = 0, None
            session.add(user)


def is_locked(user: AppUser, *, now: datetime | None = None) -> bool:
    """Whether the account is locked now."""
    if user.locked_until is None:
        return False
    locked_until = (
        user.locked_until if user.locked_until.tzinfo else user.locked_until.replace(tzinfo=UTC)
    )
    return locked_until > (now or datetime.now(UTC))


def find_user(con: Engine, *, username: str) -> AppUser | None:
    """A user by name (detached), or None."""
    with Session(con) as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).first()
        if user is not None:
            session.expunge(user)
        return user


def all_users(con: Connectable) -> list[AppUser]:
    """Every user, for building the login's credentials (detached)."""
    if isinstance(con, Session):
        return list(con.exec(select(AppUser).order_by(col(AppUser.username))).all())
    with Session(con) as session:
        users = list(session.exec(select(AppUser).order_by(col(AppUser.username))).all())
        session.expunge_all()
        return users


def user_table(con: Connectable) -> pd.DataFrame:
    """Users for the administration page and `botrygt users list` (no hashes)."""
    statement = select_columns(
        col(AppUser.username),
        col(AppUser.display_name),
        col(AppUser.role),
        col(AppUser.municipality_code),
        col(AppUser.police_district_number),
        col(AppUser.active),
        col(AppUser.locked_until),
        col(AppUser.created_at),
        col(AppUser.email),
        col(AppUser.brief_subscribed),
    ).order_by(col(AppUser.username))
    return read_frame(con, statement)


def has_active_admin(con: Engine) -> bool:
    """Whether at least one active administrator exists (the app refuses to start otherwise)."""
    with Session(con) as session:
        return (
            session.exec(
                select(AppUser).where(AppUser.role == Role.ADMIN, col(AppUser.active))
            ).first()
            is not None
        )


def end_sessions(engine: Engine, *, username: str) -> None:
    """Logout: every open session and login cookie of the user ends now (all devices)."""
    with transaction(engine, bump_version=False) as session:
        user = session.exec(select(AppUser).where(AppUser.username == username)).first()
        if user is not None:
            user.sessions_valid_from = datetime.now(UTC)
            session.add(user)
