"""Action-plan rules: overdue, stale, progress, and the plan's summary (pure)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from models.i18n import DANISH, N_, translate


class Track(StrEnum):
    """The guide's four parts of a plan."""

    ORGANISATION = "Organisering"
    CITIZENS = "Spor 1"
    BUSINESS = "Spor 2"
    PRESS = "Spor 3"


TRACK_LABELS = {
    Track.ORGANISATION: N_("Organisering"),
    Track.CITIZENS: N_("Spor 1: Engagering af borgerne"),
    Track.BUSINESS: N_("Spor 2: Det lokale erhvervsliv"),
    Track.PRESS: N_("Spor 3: Konstruktiv presse og kommunikation"),
}
# the stored values as a person reads them (the value is its own msgid; marked for extraction)
SHOWN_VALUES = (
    N_("Organisering"),
    N_("Spor 1"),
    N_("Spor 2"),
    N_("Spor 3"),
    N_("ikke startet"),
    N_("i gang"),
    N_("færdig"),
    N_("udskudt"),
    N_("aflyst"),
    N_("kommune"),
    N_("politi"),
    N_("fælles"),
    N_("erhvervsforening"),
)


class ItemStatus(StrEnum):
    """Where an activity stands."""

    NOT_STARTED = "ikke startet"
    IN_PROGRESS = "i gang"
    DONE = "færdig"
    POSTPONED = "udskudt"
    CANCELLED = "aflyst"


class Organisation(StrEnum):
    """Who owns an activity."""

    MUNICIPALITY = "kommune"
    POLICE = "politi"
    JOINT = "fælles"
    BUSINESS = "erhvervsforening"  # the business association, the partnership's third partner


GOAL_CHOICES = ("burglaries", "helpers", "insecurity", "none")
# The goal an item serves, as the page and the workbook write it (the stored value is the code)
GOAL_LABELS = {
    "burglaries": N_("Indbrud"),
    "helpers": N_("Nabohjælpere"),
    "insecurity": N_("Tryghed"),
    "none": N_("Intet"),
}
STALE_AFTER_DAYS = 90
CLOSED = {ItemStatus.DONE, ItemStatus.CANCELLED}


# the words of the plan's warning flags (models.vocabulary), as shown in another language
FLAG_WORDS = (N_("Forsinket"), N_("Ikke rørt i 90 dage"))


def value_label(value: object, *, lang: str = DANISH) -> str:
    """A stored track, status or organisation as shown: 'i gang' (English 'in progress'); any
    other text (the partnership's own) as it is."""
    text = "" if value is None else str(value)
    return translate(lang, text) if text in SHOWN_VALUES else text


def goal_label(code: object, *, lang: str = DANISH) -> str:
    """An item's goal code as shown: 'burglaries' -> 'Indbrud' (English 'Burglaries')."""
    label = GOAL_LABELS.get(str(code))
    return str(code) if label is None else translate(lang, label)


def warning_text(flags: object, *, lang: str = DANISH) -> str:
    """The warning column ('■ Forsinket · ▲ Ikke rørt i 90 dage') with its words in `lang`."""
    text = flags if isinstance(flags, str) else ""
    for word in FLAG_WORDS:  # models.vocabulary's OVERDUE_FLAG and STALE_FLAG, after the shape
        text = text.replace(f" {word}", f" {translate(lang, word)}")
    return text


@dataclass(frozen=True)
class ItemFacts:
    """What the rules need to know about an item."""

    track: str
    status: str
    progress: int
    due_date: date | None
    changed_at: datetime


def is_overdue(*, status: str, due_date: date | None, today: date) -> bool:
    """Past its due date and neither done nor cancelled."""
    return due_date is not None and due_date < today and status not in CLOSED


def is_stale(
    *, status: str, changed_at: datetime, today: date, days: int = STALE_AFTER_DAYS
) -> bool:
    """Open, and nobody has touched it for `days` days (the guide's monthly meetings should)."""
    return status not in CLOSED and (today - changed_at.date()) >= timedelta(days=days)


def effective_progress(*, status: str, progress: int) -> float | None:
    """Progress as a share: done counts as 100 %, cancelled items do not count at all."""
    if status == ItemStatus.CANCELLED:
        return None
    if status == ItemStatus.DONE:
        return 1.0
    return min(max(progress, 0), 100) / 100


def mean_progress(items: Iterable[ItemFacts]) -> float | None:
    """The average progress of the items that count (None when none do)."""
    shares = [
        s
        for i in items
        if (s := effective_progress(status=i.status, progress=i.progress)) is not None
    ]
    return sum(shares) / len(shares) if shares else None


@dataclass(frozen=True)
class PlanSummary:
    """The plan at a glance, for the page, the report and `botrygt status`."""

    items: int
    done: int
    overdue: int
    stale: int
    progress: float | None


def summarise(items: list[ItemFacts], *, today: date) -> PlanSummary:
    """Counts and average progress of a plan."""
    return PlanSummary(
        items=len(items),
        done=sum(i.status == ItemStatus.DONE for i in items),
        overdue=sum(is_overdue(status=i.status, due_date=i.due_date, today=today) for i in items),
        stale=sum(is_stale(status=i.status, changed_at=i.changed_at, today=today) for i in items),
        progress=mean_progress(items),
    )


def progress_by_track(items: list[ItemFacts]) -> dict[str, float | None]:
    """Average progress per track, in the guide's order."""
    return {track.value: mean_progress(i for i in items if i.track == track) for track in Track}
