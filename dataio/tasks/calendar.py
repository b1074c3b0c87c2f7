"""Each user's calendar feed: the due dates of their items behind a secret address.

The address holds a random token (32 bytes, urlsafe); only its sha256 is stored, so a copy of the
database does not give anyone's feed away, and the address can be shown only when it is made
("Ny kalenderadresse" replaces it, and the old one stops working at once)."""

import hashlib
import secrets
from datetime import datetime
from urllib.parse import urlencode

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import NotFound
from dataio.meetings.store import UserMeeting, meetings_for_user
from dataio.store.users import actor_of
from dataio.tasks.owners import my_items
from models.actionplan import value_label, warning_text
from models.calendar import CalendarEvent, calendar_text
from models.formatting import fmt_int
from models.i18n import DANISH, M_, language_of, translator
from models.permissions import Action, Actor, require
from models.tables import AppUser

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 128
PLAN_PATH = "Handlingsplan"  # pages/4_Handlingsplan.py's address
MEETINGS_PATH = "Moeder"  # pages/13_Moeder.py's address


def token_hash(token: str) -> str:
    """What is stored for a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_calendar_token(engine: Engine, *, actor: Actor) -> str:
    """A new secret for the actor's own feed (the old one stops working); audited, without it."""
    require(actor, Action.CHANGE_OWN_SETTINGS)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction(engine) as session:
        user = session.exec(select(AppUser).where(AppUser.username == actor.username)).first()
        if user is None:
            raise NotFound(M_("Ukendt bruger: {user}", user=actor.username))
        user.calendar_token_hash = token_hash(token)
        session.add(user)
        audit.record(
            session,
            actor=actor,
            action="user.calendar_token",
            entity="app_user",
            entity_key=user.username,
            summary=f"Ny kalenderadresse for {user.username}",
            before=None,
            after=None,
        )
    return token


def has_calendar(engine: Engine, *, username: str) -> bool:
    """Whether the user has made a feed address."""
    with Session(engine) as session:
        found = session.exec(
            select(AppUser.calendar_token_hash).where(AppUser.username == username)
        ).first()
        return found is not None


def _owner_of(engine: Engine, token: str) -> AppUser | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    with Session(engine) as session:
        user = session.exec(
            select(AppUser).where(
                col(AppUser.calendar_token_hash) == token_hash(token), col(AppUser.active)
            )
        ).first()
        if user is not None:
            session.expunge(user)
        return user


def plan_link(public_url: str | None, code: int) -> str | None:
    """The item's plan in the app, where the app's public address is known."""
    if not public_url:
        return None
    return f"{public_url.rstrip('/')}/{PLAN_PATH}?{urlencode({'kommune': code})}"


def item_events(
    items: pd.DataFrame, *, public_url: str | None, lang: str = DANISH
) -> list[CalendarEvent]:
    """One event per item with a due date (its words in `lang`)."""
    _ = translator(lang)
    return [
        CalendarEvent(
            uid=f"botrygt-action-item-{int(row.id)}",
            day=row.due_date,
            summary=str(row.title),
            description=(
                _(
                    "Status: {status}\nFremdrift: {progress} %\nHandlingsplan: {municipality}"
                ).format(
                    status=value_label(row.status, lang=lang),
                    progress=fmt_int(int(row.progress), lang=lang),
                    municipality=row.municipality,
                )
                + (f"\n{warning_text(row.advarsel, lang=lang)}" if row.advarsel else "")
            ),
            url=plan_link(public_url, int(row.municipality_code)),
        )
        for row in items.itertuples()
        if row.due_date is not None and not pd.isna(row.due_date)
    ]


def meeting_events(
    meetings: list[UserMeeting], *, public_url: str | None, lang: str = DANISH
) -> list[CalendarEvent]:
    """One event per partnership meeting the user belongs to (its words in `lang`)."""
    _ = translator(lang)
    return [
        CalendarEvent(
            uid=f"botrygt-meeting-{meeting.id}",
            day=meeting.held_on,
            summary=_("Møde: {title}").format(title=meeting.title),
            description=_("Bo trygt-partnerskabet i {municipality}").format(
                municipality=meeting.municipality
            ),
            url=(
                f"{public_url.rstrip('/')}/{MEETINGS_PATH}?"
                + urlencode({"kommune": meeting.municipality_code})
                if public_url
                else None
            ),
        )
        for meeting in meetings
    ]


def calendar_feed(
    engine: Engine, *, token: str, public_url: str | None, now: datetime
) -> str | None:
    """The feed of the user whose token it is (their items in the plans they may read), or None
    for an unknown token or a disabled user: the caller answers 404 and says no more."""
    user = _owner_of(engine, token)
    if user is None:
        return None
    lang = language_of(user.language)  # the language the user chose on Min konto
    items = my_items(engine, viewer=actor_of(user), today=now.date())
    meetings = meetings_for_user(engine, username=user.username)
    return calendar_text(
        item_events(items, public_url=public_url, lang=lang)
        + meeting_events(meetings, public_url=public_url, lang=lang),
        name=f"Bo trygt: {user.display_name}",
        now=now,
    )
