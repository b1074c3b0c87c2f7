"""`botrygt prune`: the police's incidents older than the retention limit are deleted, audited."""

import calendar
from datetime import date

from sqlalchemy import Engine, delete, func
from sqlmodel import col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import ValidationFailed
from models.formatting import fmt_count, fmt_date
from models.i18n import M_
from models.permissions import Action, Actor, require
from models.tables import Incident


def retention_cutoff(today: date, months: int) -> date:
    """The first day kept: `months` calendar months before today (31 March - 1 month: 28/29 Feb)."""
    if months < 1:
        raise ValidationFailed(
            M_("Opbevaringsgrænsen skal være mindst 1 måned (ikke {months}).", months=months)
        )
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def prune_incidents(engine: Engine, *, actor: Actor, months: int, today: date | None = None) -> int:
    """Delete every incident dated before the retention cutoff, in all municipalities; one audit
    row with the count (none when nothing was old enough). The administrator's alone."""
    cutoff = retention_cutoff(today or date.today(), months)
    with transaction(engine) as session:
        require(actor, Action.IMPORT_INCIDENTS)  # nationally: the administrator
        old = col(Incident.day) < cutoff
        counts = dict(
            session.exec(
                select(col(Incident.municipality_code), func.count())
                .where(old)
                .group_by(col(Incident.municipality_code))
            ).all()
        )
        deleted = sum(int(n) for n in counts.values())
        if not deleted:
            return 0
        session.execute(delete(Incident).where(old))
        audit.record(
            session,
            actor=actor,
            action="incidents.prune",
            entity="incident",
            entity_key=cutoff.isoformat(),
            summary=(
                f"{fmt_count(deleted, one='hændelse', many='hændelser')} fra før "
                f"{fmt_date(cutoff)} slettet (opbevaringsgrænse {months} måneder)"
            ),
            before=None,
            after={"deleted": deleted, "months": months, "before": cutoff.isoformat()},
            municipalities=sorted(counts),
        )
        return deleted
