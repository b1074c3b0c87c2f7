"""Charts with a text alternative: the numbers a plotly figure shows, as one sentence (the chart's
`alt`, read by screen readers) and as a table behind an expander.

`chart(figure, key=...)` replaces `st.plotly_chart(figure, key=...)` on a page; the numbers are
read from the figure's own traces, so a chart cannot show one thing and describe another.
"""

from collections.abc import Callable, Hashable
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from models.formatting import fmt_date, fmt_decimal, fmt_int
from models.safe_text import for_markdown
from ui.built_once import built_once

MAX_SENTENCE_SERIES = 6


def _category(value: Any) -> str:
    if isinstance(value, datetime | pd.Timestamp):
        return fmt_date(value.date())
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, str):
        try:  # plotly keeps dates it was given as ISO text
            return fmt_date(date.fromisoformat(value[:10])) if len(value) >= 10 else value
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any, suffix: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, int | float):
        text = fmt_int(value) if float(value).is_integer() else fmt_decimal(float(value), digits=1)
        return f"{text}{suffix}"
    return str(value)


def _span(start: Any, duration_ms: Any) -> str:
    begin = pd.Timestamp(start)
    end = begin + pd.Timedelta(milliseconds=float(duration_ms))
    return f"{fmt_date(begin.date())} – {fmt_date(end.date())}"


def figure_numbers(figure: go.Figure) -> pd.DataFrame:
    """One row per point of every named trace: Serie, Punkt (the category or x value), Værdi."""
    layout = figure.layout
    y_suffix = str(layout.yaxis.ticksuffix or "") if layout.yaxis else ""
    x_suffix = str(layout.xaxis.ticksuffix or "") if layout.xaxis else ""
    rows: list[dict[str, str]] = []
    for trace in figure.data:
        if trace.type not in ("scatter", "bar", "scattergl") or trace.visible is False:
            continue
        xs = list(trace.x) if trace.x is not None else []
        ys = list(trace.y) if trace.y is not None else []
        name = str(trace.name or "")
        horizontal = getattr(trace, "orientation", None) == "h"
        base: Any = getattr(trace, "base", None)
        categories, values = (ys, xs) if horizontal else (xs, ys)
        sequence = base is not None and not isinstance(base, str | int | float)
        bases: list[Any] = list(base) if sequence else [base] * len(values)
        for i, (category, value) in enumerate(zip(categories, values, strict=False)):
            if base is not None and bases[i] is not None:
                shown = _span(bases[i], value)  # a timeline bar: from base, for value ms
            else:
                shown = _number(value, x_suffix if horizontal else y_suffix)
            rows.append({"Serie": name, "Punkt": _category(category), "Værdi": shown})
    return pd.DataFrame(rows, columns=["Serie", "Punkt", "Værdi"])


def figure_sentence(figure: go.Figure, numbers: pd.DataFrame) -> str:
    """'Diagram: <title or axis>. <series>: <first> <value> … <last> <value>; …'."""
    layout = figure.layout
    title = (layout.title.text if layout.title else None) or (
        layout.yaxis.title.text if layout.yaxis and layout.yaxis.title else None
    )
    parts = []
    for name, group in list(numbers.groupby("Serie", sort=False))[:MAX_SENTENCE_SERIES]:
        first, last = group.iloc[0], group.iloc[-1]
        label = name or "Serie"
        if len(group) == 1:
            parts.append(f"{label}: {first['Punkt']} {first['Værdi']}")
        else:
            parts.append(
                f"{label}: {len(group)} punkter, fra {first['Punkt']} {first['Værdi']} "
                f"til {last['Punkt']} {last['Værdi']}"
            )
    head = f"Diagram: {title}." if title else "Diagram."
    return f"{head} {'; '.join(parts)}." if parts else f"{head} Ingen tal at vise."


def _describe(build: Callable[[], go.Figure]) -> tuple[go.Figure, pd.DataFrame, str]:
    figure = build()
    numbers = figure_numbers(figure)
    return figure, numbers, figure_sentence(figure, numbers)


def cached_chart(
    build: Callable[[], go.Figure],
    *,
    key: str,
    version: int,
    cache_key: Hashable,
    **options: Any,
) -> None:
    """`chart(build())`, building the figure and its text alternative only the first time any
    session asks for this `version` and `cache_key` (ui.built_once): the loader arguments its
    data came from."""
    figure, numbers, sentence = built_once(
        lambda: _describe(build), key=key, version=version, cache_key=cache_key, site=build
    )
    _draw(figure, numbers, sentence, key=key, **options)


def chart(figure: go.Figure, *, key: str, **options: Any) -> None:
    """`st.plotly_chart` with the figure's numbers as its alt text and in a table below it."""
    numbers = figure_numbers(figure)
    _draw(figure, numbers, figure_sentence(figure, numbers), key=key, **options)


def _draw(
    figure: go.Figure, numbers: pd.DataFrame, sentence: str, *, key: str, **options: Any
) -> None:
    # theme=None: our template's colours, not Streamlit's grey tick labels (ui.figures)
    st.plotly_chart(figure, key=key, alt=sentence, theme=None, **options)
    with st.expander("Diagrammets tal som tekst"):
        st.markdown(for_markdown(sentence))
        if not numbers.empty:
            st.dataframe(numbers, hide_index=True)  # a table shows text as text
