"""Tick marks for date axes in Danish: plotly names months in English ("Oct 2026") and has no
Danish locale without loading a script from elsewhere, so the ticks and their labels are ours.
"""

from datetime import date

from models.formatting import fmt_date

# month steps to choose from, smallest first: every month, quarter, half year, year, ...
STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200)
MOST_TICKS = 7


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _first_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def month_label(day: date, *, step: int) -> str:
    """'okt. 2026' for a month tick; '2026' once ticks are a year or more apart."""
    if step >= 12:
        return str(day.year)
    return fmt_date(day.replace(day=1)).split(" ", 1)[1]  # "1. okt. 2026" -> "okt. 2026"


def date_ticks(*, first: date, last: date, most: int = MOST_TICKS) -> tuple[list[date], list[str]]:
    """Month starts within [first, last], evenly stepped so that at most `most` show, labelled
    in Danish; steps of a year or more start in January of a year divisible by the step."""
    if last < first:
        first, last = last, first
    low = _month_index(first) + (0 if first.day == 1 else 1)
    high = _month_index(last)
    for step in STEPS:
        start = -(-low // step) * step  # the first multiple of step at or after low
        indices = range(start, high + 1, step)
        if len(indices) <= most:
            break
    ticks = [_first_of(i) for i in indices]
    if not ticks:  # a span inside one month: its two ends, as dates
        ends = sorted({first, last})
        return ends, [fmt_date(d) for d in ends]
    return ticks, [month_label(t, step=step) for t in ticks]
