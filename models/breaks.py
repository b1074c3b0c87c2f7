"""Series breaks that charts mark and tables footnote (law change, COVID, provisional data)."""

from collections.abc import Collection
from dataclasses import dataclass

from models.i18n import DANISH, N_, translate
from models.periods import parse_period
from models.trends import COVID_YEARS

LAW_CHANGE_PERIOD = "2018K1"
COVID_FIRST_PERIOD = f"{min(COVID_YEARS)}K1"
COVID_LAST_PERIOD = f"{max(COVID_YEARS)}K4"

# marked: shown in the reader's language with translate(lang, label) where they are drawn
LAW_CHANGE_LABEL_DA = N_(
    "1. jan. 2018: ny indbrudsbestemmelse (§ 276 a) – nogle tyverier tælles nu som indbrud"
)
COVID_LABEL_DA = N_("COVID-19 (2020-21): færre indbrud, mens flere var hjemme")
PROVISIONAL_LABEL_DA = N_("Foreløbigt tal: sene anmeldelser kommer til")


@dataclass(frozen=True)
class SeriesBreak:
    """A period (or single quarter when first equals last) to mark on a chart."""

    first_period: str
    last_period: str
    kind: str  # "law_change", "covid" or "provisional"
    label_da: str


def _overlaps(item: SeriesBreak, *, first_period: str, last_period: str) -> bool:
    """Whether a break shares at least one quarter with the shown range."""
    starts_before_end = parse_period(item.first_period) <= parse_period(last_period)
    ends_after_start = parse_period(item.last_period) >= parse_period(first_period)
    return starts_before_end and ends_after_start


def series_breaks(
    *, first_period: str, last_period: str, provisional_period: str | None
) -> list[SeriesBreak]:
    """The breaks that overlap [first_period, last_period], in chronological order."""
    candidates = [
        SeriesBreak(LAW_CHANGE_PERIOD, LAW_CHANGE_PERIOD, "law_change", LAW_CHANGE_LABEL_DA),
        SeriesBreak(COVID_FIRST_PERIOD, COVID_LAST_PERIOD, "covid", COVID_LABEL_DA),
    ]
    if provisional_period is not None:
        candidates.append(
            SeriesBreak(provisional_period, provisional_period, "provisional", PROVISIONAL_LABEL_DA)
        )
    return [
        item
        for item in candidates
        if _overlaps(item, first_period=first_period, last_period=last_period)
    ]


def year_notes(
    year: int, *, provisional_years: Collection[int] = (), lang: str = DANISH
) -> list[str]:
    """Short footnotes (Danish, or in `lang`) for a year in a yearly table or chart."""
    notes = []
    if year == int(LAW_CHANGE_PERIOD[:4]):
        notes.append(N_("Ny indbrudsbestemmelse fra 2018: nogle tyverier tælles nu som indbrud"))
    if year in COVID_YEARS:
        notes.append(N_("COVID-19: færre indbrud, mens flere var hjemme"))
    if year in provisional_years:
        notes.append(PROVISIONAL_LABEL_DA)
    return [translate(lang, note) for note in notes]
