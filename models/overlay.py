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
    count: int  # burglaries that quarter: the marker's height
    actions: int
    text: str  # 'Tryghedsvandring: Vejleåparken; Gadekæret' for the hover


def quarter_of(day: date) -> str:
    """'2024K3' for any day from 1 July to 30 September 2024."""
    return period_of(year=day.year, quarter=(day.month - 1) // 3 + 1)


def quarter_marks(events: Iterable[ActionEvent], counts: Mapping[str, int]) -> list[QuarterMark]:
    """One mark per kind and quarter that has a burglary count, in ACTION_KINDS' order and then
    by quarter; actions in quarters without a count (before the series, or not yet published)
    are left out, as the chart has nowhere to put them."""
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        if event.kind not in ACTION_KINDS:
            raise ValueError(f"Ukendt slags aktivitet: {event.kind}")
        grouped[(event.kind, quarter_of(event.day))].append(event.label)
    order = list(ACTION_KINDS)
    marks = []
    for (kind, period), labels in sorted(
        grouped.items(), key=lambda g: (order.index(g[0][0]), g[0][1])
    ):
        if period not in counts:
            continue
        shown = sorted(labels)[:MAX_LABELS]
        rest = len(labels) - len(shown)
        text = "; ".join(shown) + (f" og {rest} mere" if rest else "")
        marks.append(
            QuarterMark(
                kind=kind,
                period=period,
                count=int(counts[period]),
                actions=len(labels),
                text=f"{ACTION_KINDS[kind]}: {text}",
            )
        )
    return marks
