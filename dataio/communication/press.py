"""The press log: coverage of burglary in the local media, its tone, and the share of constructive
coverage per quarter (models.communication.quarterly_shares).

The project leader of the municipality, the police of its district and the administrator write
(models.permissions.EDIT_PRESS_LOG); the council reads.
"""

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy import select as select_columns
from sqlmodel import Session, col

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.db.versioned import delete_if_unchanged, edit_if_unchanged
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from models.communication import QuarterShare, press_refusal, quarterly_shares
from models.i18n import M_, N_
from models.permissions import Action, Actor, Target, require
from models.tables import ActionItem, PressEntry

# the fields of an entry a person writes, as the change log shows them (models.change_text)
PRESS_FIELDS = ("published_on", "medium", "headline", "url", "tone", "goal", "item_id")
STALE = N_(  # marked: the refusal is shown in the reader's language
    "Omtalen «{headline}» er ændret eller slettet af en anden, siden du åbnede siden. Indlæs siden "
    "igen og ret derefter (intet er gemt)."
)


def press_entries(con: Connectable, *, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's press log, newest first, with the title of the plan item each concerns."""
    require_read(con, viewer=viewer, municipality_code=code)
    statement = (
        select_columns(
            col(PressEntry.id),
            col(PressEntry.published_on),
            col(PressEntry.medium),
            col(PressEntry.headline),
            col(PressEntry.url),
            col(PressEntry.tone),
            col(PressEntry.goal),
            col(PressEntry.item_id),
            col(ActionItem.title),
            col(PressEntry.created_by),
            col(PressEntry.row_version),
        )
        .outerjoin(ActionItem, col(ActionItem.id) == col(PressEntry.item_id))
        .where(col(PressEntry.municipality_code) == code)
        .order_by(col(PressEntry.published_on).desc(), col(PressEntry.id).desc())
    )
    return read_frame(con, statement).rename(columns={"title": "item_title"})


def press_quarters(con: Connectable, *, viewer: Actor, code: int) -> list[QuarterShare]:
    """Per quarter with coverage, oldest first: the share of constructive entries (95 % interval)."""
    require_read(con, viewer=viewer, municipality_code=code)
    rows = read_frame(
        con,
        select_columns(col(PressEntry.published_on), col(PressEntry.tone)).where(
            col(PressEntry.municipality_code) == code
        ),
    )
    return quarterly_shares(
        (pd.Timestamp(day).date(), str(tone))
        for day, tone in zip(rows["published_on"], rows["tone"], strict=True)
    )


def _values(
    session: Session,
    *,
    code: int,
    published_on: date | None,
    medium: str,
    headline: str,
    url: str,
    tone: str,
    goal: str | None,
    item_id: int | None,
    today: date,
) -> dict[str, Any]:
    """The checked values of an entry (ValidationFailed, in Danish, when one is not acceptable)."""
    problem = press_refusal(
        published_on=published_on,
        medium=medium,
        headline=headline,
        url=url,
        tone=tone,
        goal=goal,
        today=today,
    )
    if problem:
        raise ValidationFailed(problem)
    if item_id is not None:
        item = session.get(ActionItem, item_id)
        if item is None or item.municipality_code != code:
            raise NotFound(M_("Aktiviteten findes ikke (længere) i kommunens handlingsplan."))
    return {
        "published_on": published_on,
        "medium": medium.strip(),
        "headline": headline.strip(),
        "url": url.strip(),
        "tone": tone,
        "goal": goal,
        "item_id": item_id,
    }


def _allowed(session: Session, actor: Actor, code: int) -> Target:
    target, name = municipality_target(session, code)
    require(actor, Action.EDIT_PRESS_LOG, target, where=name)
    return target


def _entry(session: Session, entry_id: int) -> PressEntry:
    found = session.get(PressEntry, entry_id)
    if found is None:
        raise NotFound(M_("Omtalen findes ikke længere i presseloggen; indlæs siden igen."))
    return found


def add_press_entry(
    engine: Engine,
    *,
    actor: Actor,
    code: int,
    published_on: date | None,
    medium: str,
    headline: str,
    url: str = "",
    tone: str,
    goal: str | None = None,
    item_id: int | None = None,
    today: date,
) -> int:
    """Log a piece of coverage for the municipality; returns its id."""
    with transaction(engine) as session:
        target = _allowed(session, actor, code)
        values = _values(
            session,
            code=code,
            published_on=published_on,
            medium=medium,
            headline=headline,
            url=url,
            tone=tone,
            goal=goal,
            item_id=item_id,
            today=today,
        )
        now = datetime.now(UTC)
        entry = PressEntry(
            municipality_code=code,
            **values,
            created_by=actor.username,
            created_at=now,
            changed_by=actor.username,
            changed_at=now,
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="press.create",
            entity="press_entry",
            entity_key=str(entry.id),
            summary=f"Presseomtale «{entry.headline}» ({entry.medium}) registreret",
            before=None,
            after=values,
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return entry.id or 0


def edit_press_entry(
    engine: Engine,
    *,
    actor: Actor,
    entry_id: int,
    loaded_version: int,
    published_on: date | None,
    medium: str,
    headline: str,
    url: str,
    tone: str,
    goal: str | None,
    item_id: int | None,
    today: date,
) -> None:
    """Change an entry, if nobody else saved it since it was loaded (else nothing is written)."""
    with transaction(engine) as session:
        entry = _entry(session, entry_id)
        target = _allowed(session, actor, entry.municipality_code)
        values = _values(
            session,
            code=entry.municipality_code,
            published_on=published_on,
            medium=medium,
            headline=headline,
            url=url,
            tone=tone,
            goal=goal,
            item_id=item_id,
            today=today,
        )
        changes = edit_if_unchanged(
            session,
            entry,
            loaded_version=loaded_version,
            values=values,
            by=actor.username,
            stale=M_(STALE, headline=entry.headline),
        )
        if changes is None:
            return
        audit.record(
            session,
            actor=actor,
            action="press.update",
            entity="press_entry",
            entity_key=str(entry_id),
            summary=f"Presseomtale «{values['headline']}» ændret",
            before=changes.before,
            after=changes.after,
            municipality_code=entry.municipality_code,
            police_district_number=target.police_district_number,
        )


def delete_press_entry(engine: Engine, *, actor: Actor, entry_id: int, loaded_version: int) -> None:
    """Delete an entry, if nobody else changed it since it was loaded (else nothing is written)."""
    with transaction(engine) as session:
        entry = _entry(session, entry_id)
        target = _allowed(session, actor, entry.municipality_code)
        before = {k: getattr(entry, k) for k in PRESS_FIELDS}
        if not delete_if_unchanged(
            session, PressEntry, key=entry_id, loaded_version=loaded_version
        ):
            raise ValidationFailed(M_(STALE, headline=entry.headline))
        session.expunge(entry)
        audit.record(
            session,
            actor=actor,
            action="press.delete",
            entity="press_entry",
            entity_key=str(entry_id),
            summary=f"Presseomtale «{entry.headline}» ({entry.medium}) slettet",
            before=before,
            after=None,
            municipality_code=entry.municipality_code,
            police_district_number=target.police_district_number,
        )
