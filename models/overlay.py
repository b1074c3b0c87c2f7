"""Actions on a series (pure): the partnership's finished plan items, safety walks, mobile police
stations and other recruitment activities, gathered per quarter and placed on that quarter's
burglary count (the Kommune page's quarter chart), or per day and placed on the neighbour-helper
line at that day (the Nabohjælp chart). Putting them side by side shows what was done when; it is a
comparison in time, not proof that an action changed the count."""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from models.i18n import N_
from models.periods import period_of

_Key = TypeVar("_Key", date, str)  # a day, or a quarter such as "2024K3"

# the kinds in the chart's order, with their legend words
ACTION_KINDS: dict[str, str] = {
    "plan_done": N_("Aktivitet i handlingsplanen færdig"),
    "walk": N_("Tryghedsvandring"),
    "police_station": N_("Mobil politistation"),
    "recruitment": N_("Rekrutteringsaktivitet (Nabohjælp)"),
}
OVERLAY_CAPTION = N_(
    "Markeringerne viser, i hvilket kvartal aktiviteter i handlingsplanen blev meldt færdige, og "
    "hvornår der var tryghedsvandringer, mobile politistationer og rekrutteringsaktiviteter. At "
    "indbruddene ændrer sig i samme periode er en sammenligning, ikke bevis for årsag."
)
HELPER_OVERLAY_CAPTION = N_(
    "Markeringerne viser dagene med rekrutteringsaktiviteter, mobile politistationer, "
    "tryghedsvandringer og aktiviteter i handlingsplanen, der blev meldt færdige, sat på linjen "
    "mellem to optællinger. At antallet af nabohjælpere ændrer sig bagefter er en sammenligning, "
    "ikke bevis for årsag. Aktiviteter før første og efter seneste optælling vises ikke."
)
MAX_LABELS = 5  # titles named in a marker's hover text; the rest are counted
STACK_STEP = 0.08  # a second kind in the same quarter sits this share of the top count higher


@dataclass(frozen=True)
class ActionEvent:
    """One action on a day: a plan item marked done, a safety walk, a recruitment activity."""

    day: date
    kind: str  # a key of ACTION_KINDS
    label: str


@dataclass(frozen=True)
class QuarterMark:
    """The actions of one kind in one quarter, placed on that quarter's burglary count."""

    kind: str
    period: str
    count: int  # burglaries that quarter
    height: float  # where the marker is drawn: on the count, or stacked above another kind's
    actions: int
    text: str  # 'Tryghedsvandring: Vejleåparken; Gadekæret' for the hover


@dataclass(frozen=True)
class DayMark:
    """The actions of one kind on one day, placed on the series' value that day."""

    kind: str
    day: date
    value: float  # the series at that day (straight line between the two counts around it)
    height: float  # where the marker is drawn: on the line, or stacked above another kind's
    actions: int
    text: str


def quarter_of(day: date) -> str:
    """'2024K3' for any day from 1 July to 30 September 2024."""
    return period_of(year=day.year, quarter=(day.month - 1) // 3 + 1)


def _grouped(
    events: Iterable[ActionEvent], key: Callable[[date], _Key]
) -> dict[tuple[str, _Key], list[str]]:
    """Labels per (kind, key of the day), in ACTION_KINDS' order and then by key."""
    grouped: dict[tuple[str, _Key], list[str]] = defaultdict(list)
    for event in events:
        if event.kind not in ACTION_KINDS:
            raise ValueError(f"Ukendt slags aktivitet: {event.kind}")
        grouped[(event.kind, key(event.day))].append(event.label)
    order = list(ACTION_KINDS)
    return dict(sorted(grouped.items(), key=lambda g: (order.index(g[0][0]), g[0][1])))


def _text(kind: str, labels: list[str]) -> str:
    shown = sorted(labels)[:MAX_LABELS]
    rest = len(labels) - len(shown)
    return f"{ACTION_KINDS[kind]}: " + "; ".join(shown) + (f" og {rest} mere" if rest else "")


def value_on(day: date, series: Sequence[tuple[date, float]]) -> float | None:
    """The series on a day: a count's own value on its day, the straight line between the two
    counts around any other day, and None before the first or after the last count."""
    points = sorted(series)
    if not points or day < points[0][0] or day > points[-1][0]:
        return None
    right = bisect_left([p[0] for p in points], day)
    if points[right][0] == day:
        return float(points[right][1])
    (d0, v0), (d1, v1) = points[right - 1], points[right]
    return float(v0) + (float(v1) - float(v0)) * (day - d0).days / (d1 - d0).days


def day_marks(events: Iterable[ActionEvent], series: Sequence[tuple[date, float]]) -> list[DayMark]:
    """One mark per kind and day on a dated series (the helper counts), in ACTION_KINDS' order and
    then by day, drawn on the line between the counts around it (`value_on`); other kinds on the
    same day are stacked above it (STACK_STEP of the series' top value each). Days before the first
    or after the last count are left out: the line does not reach them."""
    step = STACK_STEP * max((float(v) for _, v in series), default=0.0)
    stacked: dict[date, int] = defaultdict(int)
    marks = []
    for (kind, day), labels in _grouped(events, lambda d: d).items():
        value = value_on(day, series)
        if value is None:
            continue
        level = stacked[day]
        stacked[day] += 1
        marks.append(
            DayMark(
                kind=kind,
                day=day,
                value=value,
                height=value + level * step,
                actions=len(labels),
                text=_text(kind, labels),
            )
        )
    return marks


def quarter_marks(events: Iterable[ActionEvent], counts: Mapping[str, int]) -> list[QuarterMark]:
    """One mark per kind and quarter that has a burglary count, in ACTION_KINDS' order and then
    by quarter, drawn on the quarter's count; a second and third kind in the same quarter are
    stacked above it (STACK_STEP of the top count each), so no marker hides another. Actions in
    quarters without a count (before the series, or not yet published) are left out, as the chart
    has nowhere to put them."""
    step = STACK_STEP * max(counts.values(), default=0)
    stacked: dict[str, int] = defaultdict(int)  # kinds already placed in each quarter
    marks = []
    for (kind, period), labels in _grouped(events, quarter_of).items():
        if period not in counts:
            continue
        level = stacked[period]
        stacked[period] += 1
        marks.append(
            QuarterMark(
                kind=kind,
                period=period,
                count=int(counts[period]),
                height=float(counts[period]) + level * step,
                actions=len(labels),
                text=_text(kind, labels),
            )
        )
    return marks
