"""Actions on the burglary series (pure): the partnership's finished plan items, safety walks and
recruitment activities, gathered per quarter and placed on that quarter's count, for the Kommune
page's quarter chart. Putting them side by side shows what was done when; it is a comparison in
time, not proof that an action changed the count."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from models.periods import period_of

# the kinds in the chart's order, with their legend words
ACTION_KINDS: dict[str, str] = {
    "plan_done": "Aktivitet i handlingsplanen færdig",
    "walk": "Tryghedsvandring",
    "recruitment": "Rekrutteringsaktivitet (Nabohjælp)",
}
OVERLAY_CAPTION = (
    "Markeringerne viser, i hvilket kvartal aktiviteter i handlingsplanen blev meldt færdige, og "
    "hvornår der var tryghedsvandringer og rekrutteringsaktiviteter. At indbruddene ændrer sig i "
    "samme periode er en sammenligning, ikke bevis for årsag."
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


def quarter_of(day: date) -> str:
    """'2024K3' for any day from 1 July to 30 September 2024."""
    return period_of(year=day.year, quarter=(day.month - 1) // 3 + 1)


def quarter_marks(events: Iterable[ActionEvent], counts: Mapping[str, int]) -> list[QuarterMark]:
    """One mark per kind and quarter that has a burglary count, in ACTION_KINDS' order and then
    by quarter, drawn on the quarter's count; a second and third kind in the same quarter are
    stacked above it (STACK_STEP of the top count each), so no marker hides another. Actions in
    quarters without a count (before the series, or not yet published) are left out, as the chart
    has nowhere to put them."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        if event.kind not in ACTION_KINDS:
            raise ValueError(f"Ukendt slags aktivitet: {event.kind}")
        grouped[(event.kind, quarter_of(event.day))].append(event.label)
    order = list(ACTION_KINDS)
    step = STACK_STEP * max(counts.values(), default=0)
    stacked: dict[str, int] = defaultdict(int)  # kinds already placed in each quarter
    marks = []
    ordered = sorted(grouped.items(), key=lambda g: (order.index(g[0][0]), g[0][1]))
    for (kind, period), labels in ordered:
        if period not in counts:
            continue
        level = stacked[period]
        stacked[period] += 1
        shown = sorted(labels)[:MAX_LABELS]
        rest = len(labels) - len(shown)
        text = "; ".join(shown) + (f" og {rest} mere" if rest else "")
        marks.append(
            QuarterMark(
                kind=kind,
                period=period,
                count=int(counts[period]),
                height=float(counts[period]) + level * step,
                actions=len(labels),
                text=f"{ACTION_KINDS[kind]}: {text}",
            )
        )
    return marks
