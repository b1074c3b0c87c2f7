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
from models.i18n import DANISH, translator
from models.safe_text import for_markdown
from ui.built_once import built_once
from ui.i18n import active_language

MAX_SENTENCE_SERIES = 6


def _category(value: Any, lang: str = DANISH) -> str:
    if isinstance(value, datetime | pd.Timestamp):
        return fmt_date(value.date(), lang=lang)
    if isinstance(value, date):
        return fmt_date(value, lang=lang)
    if isinstance(value, str):
        try:  # plotly keeps dates it was given as ISO text
            return (
                fmt_date(date.fromisoformat(value[:10]), lang=lang) if len(value) >= 10 else value
            )
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any, suffix: str, lang: str = DANISH) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, int | float):
        text = (
            fmt_int(value, lang=lang)
            if float(value).is_integer()
            else fmt_decimal(float(value), digits=1, lang=lang)
        )
        return f"{text}{suffix}"
    return str(value)


def _span(start: Any, duration_ms: Any, lang: str = DANISH) -> str:
    begin = pd.Timestamp(start)
    end = begin + pd.Timedelta(milliseconds=float(duration_ms))
    return f"{fmt_date(begin.date(), lang=lang)} – {fmt_date(end.date(), lang=lang)}"


def figure_numbers(figure: go.Figure, *, lang: str = DANISH) -> pd.DataFrame:
    """One row per point of every named trace: Serie, Punkt (the category or x value), Værdi
    (the column names stay Danish: `_draw` shows them in the language)."""
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
                shown = _span(bases[i], value, lang)  # a timeline bar: from base, for value ms
            else:
                shown = _number(value, x_suffix if horizontal else y_suffix, lang)
            rows.append({"Serie": name, "Punkt": _category(category, lang), "Værdi": shown})
    return pd.DataFrame(rows, columns=["Serie", "Punkt", "Værdi"])


def figure_sentence(figure: go.Figure, numbers: pd.DataFrame, *, lang: str = DANISH) -> str:
    """'Diagram: <title or axis>. <series>: <first> <value> … <last> <value>; …'."""
    _ = translator(lang)
    layout = figure.layout
    title = (layout.title.text if layout.title else None) or (
        layout.yaxis.title.text if layout.yaxis and layout.yaxis.title else None
    )
    parts = []
    for name, group in list(numbers.groupby("Serie", sort=False))[:MAX_SENTENCE_SERIES]:
        first, last = group.iloc[0], group.iloc[-1]
        label = name or _("Serie")
        if len(group) == 1:
            parts.append(f"{label}: {first['Punkt']} {first['Værdi']}")
        else:
            parts.append(
                _(
                    "{series}: {count} punkter, fra {first} {first_value} til {last} {last_value}"
                ).format(
                    series=label,
                    count=len(group),
                    first=first["Punkt"],
                    first_value=first["Værdi"],
                    last=last["Punkt"],
                    last_value=last["Værdi"],
                )
            )
    head = _("Diagram: {title}.").format(title=title) if title else _("Diagram.")
    return f"{head} {'; '.join(parts)}." if parts else f"{head} " + _("Ingen tal at vise.")


def _describe(
    build: Callable[[], go.Figure], lang: str = DANISH
) -> tuple[go.Figure, pd.DataFrame, str]:
    figure = build()
    numbers = figure_numbers(figure, lang=lang)
    return figure, numbers, figure_sentence(figure, numbers, lang=lang)


def cached_chart(
    build: Callable[[], go.Figure],
    *,
    key: str,
    version: int,
    cache_key: Hashable,
    lang: str | None = None,
    **options: Any,
) -> None:
    """`chart(build())`, building the figure and its text alternative only the first time any
    session asks for this `version` and `cache_key` (ui.built_once): the loader arguments its
    data came from. `lang` is the language of the text alternative (the figure's own words are
    `build`'s), and part of the cache key; by default the session's language."""
    lang = active_language() if lang is None else lang
    figure, numbers, sentence = built_once(
        lambda: _describe(build, lang),
        key=key,
        version=version,
        cache_key=cache_key if lang == DANISH else (cache_key, lang),
        site=build,
    )
    _draw(figure, numbers, sentence, key=key, lang=lang, **options)


def chart(figure: go.Figure, *, key: str, lang: str | None = None, **options: Any) -> None:
    """`st.plotly_chart` with the figure's numbers as its alt text and in a table below it, in
    `lang` (by default the session's language)."""
    lang = active_language() if lang is None else lang
    numbers = figure_numbers(figure, lang=lang)
    sentence = figure_sentence(figure, numbers, lang=lang)
    _draw(figure, numbers, sentence, key=key, lang=lang, **options)


def _draw(
    figure: go.Figure,
    numbers: pd.DataFrame,
    sentence: str,
    *,
    key: str,
    lang: str = DANISH,
    **options: Any,
) -> None:
    _ = translator(lang)
    # theme=None: our template's colours, not Streamlit's grey tick labels (ui.figures)
    st.plotly_chart(figure, key=key, alt=sentence, theme=None, **options)
    with st.expander(_("Diagrammets tal som tekst")):
        st.markdown(for_markdown(sentence))
        if not numbers.empty:
            columns = {"Serie": _("Serie"), "Punkt": _("Punkt"), "Værdi": _("Værdi")}
            # a table shows text as text
            st.dataframe(numbers.rename(columns=columns), hide_index=True)
