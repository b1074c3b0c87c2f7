"""Goal check-ins in words and rules (pure): the period a comment is for, and the project leader's
own status shown beside the computed one, never instead of it."""

import re
from datetime import date

from models.domain import Status
from models.vocabulary import status_mark

_QUARTER = re.compile(r"(\d{4})-K([1-4])")


def quarter_label(day: date) -> str:
    """The quarter a day is in, as the periods are written: 2026-11-23 -> '2026-K4'."""
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def clean_period(text: str) -> str | None:
    """A period as stored ('2026-K3', or an ISO date '2026-11-23'), or None when it is neither."""
    value = text.strip().upper().replace(" ", "")
    if _QUARTER.fullmatch(value):
        return value
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def override_line(*, computed: str | None, override: str, reason: str) -> str:
    """'Beregnet: ■ Ikke på rette vej · Projektlederens vurdering: ● På rette vej — »begrundelse«'."""
    return (
        f"Beregnet: {status_mark(computed)} · Projektlederens vurdering: "
        f"{status_mark(override)} — »{reason}«"
    )


OVERRIDE_CHOICES = tuple(s.value for s in Status)
