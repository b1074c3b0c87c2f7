"""Goal check-ins in words and rules (pure): the period a comment is for, and the project leader's
own status shown beside the computed one, never instead of it."""

import re
from datetime import date

from models.domain import Status
from models.i18n import DANISH, translate
from models.vocabulary import status_label, status_mark

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


def override_line(*, computed: str | None, override: str, reason: str, lang: str = DANISH) -> str:
    """'Beregnet: ■ Ikke på rette vej · Projektlederens vurdering: ● På rette vej — »begrundelse«'
    (English 'Computed: ... · The project leader's assessment: ...')."""
    return translate(
        lang, "Beregnet: {computed} · Projektlederens vurdering: {override} — »{reason}«"
    ).format(
        computed=_mark(computed, lang),
        override=_mark(override, lang),
        reason=reason,
    )


def _mark(status: str | None, lang: str) -> str:
    """models.vocabulary.status_mark in `lang`: the shape, then the word."""
    return status_mark(status, status_label(status, lang=lang))


OVERRIDE_CHOICES = tuple(s.value for s in Status)
