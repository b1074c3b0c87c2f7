"""Areas: municipalities with their police district and region, households, partnerships, and
the partnership start dates the administrator sets.

Start dates (`set_partnership_start`): validated, audited, and refused when someone else changed
the same municipality's start after the person loaded it. The effect estimate (`dataio.store.comparison.partnership_effect`) reads the start from the
`Partnership` table, and every write here bumps the data version (`transaction`), so the pages'
caches keyed by data version compute the estimate again from the new date.

Optimistic concurrency without a version column: the save carries the start the person saw
(`seen`: `NOT_A_PARTNERSHIP`, None for a partnership without a start, or its `partner_since`
text), and the UPDATE compares it in its WHERE clause (`IS NOT DISTINCT FROM`, so an empty start
compares too), the same compare-and-write in one statement as `dataio.db.versioned`. A new
partnership is an INSERT, which a rival's row makes fail on the primary key.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any, Final, NoReturn

import pandas as pd
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Select
from sqlmodel import col

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import DomainError, NotFound, ValidationFailed
from models.formatting import fmt_date
from models.i18n import M_, Message
from models.permissions import Action, Actor, Target, require
from models.tables import (
    HouseholdYear,
    Municipality,
    Partnership,
    PoliceDistrict,
    Region,
)


def municipality_table(con: Connectable) -> pd.DataFrame:
    """All areas with region and police district names, sorted by name."""
    statement: Select[*tuple[Any, ...]] = (
        select(
            col(Municipality.code),
            col(Municipality.name),
            col(Municipality.dagi_code),
            col(Municipality.lat),
            col(Municipality.lon),
            col(Municipality.is_municipality),
            col(Municipality.police_district_number),
            col(PoliceDistrict.name).label("police_district"),
            col(Region.name).label("region"),
        )
        .join(
            PoliceDistrict, col(PoliceDistrict.number) == col(Municipality.police_district_number)
        )
        .join(Region, col(Region.code) == col(Municipality.region_code))
        .order_by(col(Municipality.name))
    )
    return read_frame(con, statement)


def household_table(con: Connectable) -> pd.DataFrame:
    """Households per municipality and year, with whether the figure is approximate."""
    statement: Select[*tuple[Any, ...]] = select(
        col(HouseholdYear.municipality_code).label("code"),
        col(HouseholdYear.year),
        col(HouseholdYear.households),
        col(HouseholdYear.population),
        col(HouseholdYear.approximate),
    ).order_by(col(HouseholdYear.municipality_code), col(HouseholdYear.year))
    return read_frame(con, statement)


def latest_households(con: Connectable) -> pd.DataFrame:
    """Each municipality's newest household figure, indexed by code (households, approximate, year)."""
    rows = household_table(con)
    return rows.sort_values("year").groupby("code").last()[["households", "approximate", "year"]]


def partnership_table(con: Connectable) -> pd.DataFrame:
    """Partnership municipalities with their announced targets and start year."""
    statement: Select[*tuple[Any, ...]] = select(
        col(Partnership.municipality_code).label("code"),
        col(Partnership.partner_since),
        col(Partnership.start_date),
        col(Partnership.burglary_target_text),
        col(Partnership.helper_target_text),
    )
    frame = read_frame(con, statement)
    frame["start_year"] = pd.to_datetime(frame["start_date"]).dt.year
    return frame


EARLIEST_START = date(2007, 1, 1)  # the municipalities of the 2007 reform; STRAF11 starts 2007K1


class _NotAPartnership:
    """What the person saw for a municipality that was not a partnership."""

    def __repr__(self) -> str:
        return "NOT_A_PARTNERSHIP"


NOT_A_PARTNERSHIP: Final = _NotAPartnership()
Seen = str | None | _NotAPartnership


class PartnershipConflict(DomainError):
    """Someone else changed the start after the person loaded it; nothing was written."""


@dataclass(frozen=True)
class StartSaved:
    """The outcome of a save: the start now stored, and whether anything changed."""

    municipality_code: int
    partner_since: str | None
    changed: bool


def validate_start(start: date | None, *, today: date) -> None:
    """A start is a date, not in the future and not before 2007 (None clears it)."""
    if start is None:
        return
    if not isinstance(start, date):
        raise ValidationFailed(M_("Startdatoen skal være en dato, fx 1.3.2021."))
    if start > today:
        raise ValidationFailed(
            M_(
                "Startdatoen {start} ligger i fremtiden; den må højst være i dag ({today}).",
                start=fmt_date(start),
                today=fmt_date(today),
            )
        )
    if start < EARLIEST_START:
        raise ValidationFailed(
            M_(
                "Startdatoen {start} er før {earliest}: indbrudstallene pr. kommune begynder i "
                "2007.",
                start=fmt_date(start),
                earliest=fmt_date(EARLIEST_START),
            )
        )


def _shown(seen: Seen) -> str | Message:
    if isinstance(seen, _NotAPartnership):
        return M_("ikke partnerskabskommune")
    return seen or M_("ingen startdato")


def _row(code: int, since: str | None) -> dict[str, object]:
    return {"municipality_code": code, "partner_since": since}


def set_partnership_start(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    start: date | None,
    seen: Seen,
    today: date | None = None,
) -> StartSaved:
    """Set, change or clear a partnership municipality's start date, or make a municipality a
    partnership from `start` (seen = NOT_A_PARTNERSHIP). Administrator only; audited in the same
    transaction; PartnershipConflict when the stored start is no longer `seen`."""
    today = today or date.today()
    wanted = None if start is None else start.isoformat()
    try:
        return _save(engine, actor, municipality_code, start, wanted, seen, today)
    except _Unchanged:  # rolled back: no audit row, and the data version stays
        return StartSaved(municipality_code, wanted, changed=False)


class _Unchanged(Exception):
    """Raised inside the transaction so that a save without changes writes nothing at all."""


def _save(
    engine: Engine,
    actor: Actor,
    municipality_code: int,
    start: date | None,
    wanted: str | None,
    seen: Seen,
    today: date,
) -> StartSaved:
    with transaction(engine) as session:
        municipality = session.get(Municipality, municipality_code)
        if municipality is None or not municipality.is_municipality:
            raise NotFound(M_("Ukendt kommunekode: {code}", code=municipality_code))
        target = Target(municipality_code, municipality.police_district_number)
        require(actor, Action.EDIT_PARTNERSHIPS, target, where=municipality.name)
        validate_start(start, today=today)
        stored = session.get(Partnership, municipality_code)
        current: Seen = NOT_A_PARTNERSHIP if stored is None else stored.partner_since
        if current == wanted:  # nothing to change (perhaps someone saved just this meanwhile)
            raise _Unchanged
        if current != seen:  # NOT_A_PARTNERSHIP is one object: equal only to itself
            _conflict(municipality.name, current, wanted)
        if stored is None:
            if start is None:
                raise ValidationFailed(
                    M_(
                        "Angiv en startdato for at gøre {name} til partnerskabskommune.",
                        name=municipality.name,
                    )
                )
            session.add(
                Partnership(
                    municipality_code=municipality_code, partner_since=wanted, start_date=start
                )
            )
            try:
                session.flush()
            except IntegrityError:  # a rival added it between our read and our insert
                raise PartnershipConflict(
                    M_(
                        "{name} er netop gjort til partnerskabskommune af en anden, så din "
                        "ændring er ikke gemt. Hent siden igen og ret, hvis den stadig skal med.",
                        name=municipality.name,
                    )
                ) from None
            action = "partnership.create"
            summary = f"{municipality.name} tilføjet som partnerskabskommune fra {wanted}"
            before = None
        else:
            assert not isinstance(seen, _NotAPartnership)
            session.flush()
            result = session.connection().execute(
                update(Partnership)
                .where(
                    col(Partnership.municipality_code) == municipality_code,
                    col(Partnership.partner_since).is_not_distinct_from(seen),
                )
                .values(partner_since=wanted, start_date=start)
            )
            if result.rowcount != 1:
                session.expire_all()
                again = session.get(Partnership, municipality_code)
                _conflict(municipality.name, None if again is None else again.partner_since, wanted)
            action = "partnership.start"
            summary = (
                f"Startdato for partnerskabet i {municipality.name} ændret fra {_shown(seen)} "
                f"til {_shown(wanted)}"
            )
            before = _row(municipality_code, seen)
        audit.record(
            session,
            actor=actor,
            action=action,
            entity="partnership",
            entity_key=str(municipality_code),
            summary=summary,
            before=before,
            after=_row(municipality_code, wanted),
            municipality_code=municipality_code,
            police_district_number=municipality.police_district_number,
        )
        return StartSaved(municipality_code, wanted, changed=True)


def _conflict(name: str, current: Seen, wanted: str | None) -> NoReturn:
    raise PartnershipConflict(
        M_(
            "Startdatoen for {name} er ændret af en anden, efter du hentede den, så din ændring "
            "er ikke gemt: den er nu {current} (du ville gemme {wanted}). Ret igen, hvis din "
            "ændring stadig skal med.",
            name=name,
            current=_shown(current),
            wanted=_shown(wanted),
        )
    )
