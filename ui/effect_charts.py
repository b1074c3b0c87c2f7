"""The effect chart: a partnership's burglaries per quarter against its synthetic comparison, data
in, figure out (no Streamlit calls); its words in Danish or English (`lang`)."""

from datetime import date
from typing import Any

import plotly.graph_objects as go

from dataio.store.comparison import PartnershipEffect
from models.breaks import series_breaks
from models.effect import no_effect_band
from models.formatting import fmt_date, fmt_period
from models.i18n import DANISH, N_, language_of, translate
from models.periods import quarter_end, quarter_start
from models.safe_text import for_html
from models.ticks import date_ticks
from models.vocabulary import (
    ACTUAL_LABEL,
    BREAK_GREY,
    COUNTERFACTUAL_LABEL,
    GOAL_GREEN,
    NO_EFFECT_BAND_LABEL,
    PARTNERSHIP_START_LABEL,
    PERIOD_GREY,
    PROJECTION_ORANGE,
    SERIES_BLUE,
)
from ui.figures import danish_date_axis, danish_layout, top_label, vline, vrect

# models.vocabulary's chart words, marked here too so the catalogue has them for `translate`
_CHART_WORDS = (
    N_("Faktiske indbrud"),
    N_("Sammenligning: vægtede kommuner uden partnerskab"),
    N_("Partnerskabet starter"),
    N_("Uden virkning (95 %-placebobånd)"),
)


def date_axis(figure: go.Figure, *, first: date, last: date, lang: str = DANISH) -> None:
    """`danish_date_axis`, with the month names in `lang` ('Oct 2026')."""
    if language_of(lang) == DANISH:
        danish_date_axis(figure, first=first, last=last)
        return
    ticks, labels = date_ticks(first=first, last=last)
    shown = [
        label if label.isdigit() else fmt_date(tick, lang=lang).split(" ", 1)[1]
        for tick, label in zip(ticks, labels, strict=True)
    ]
    figure.update_xaxes(tickvals=[t.isoformat() for t in ticks], ticktext=shown)


def _marks(
    first: str, last: str, start: str, *, lang: str = DANISH
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The law change and COVID as on the quarter chart, and the start a line below them."""
    shapes: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    for item in series_breaks(first_period=first, last_period=last, provisional_period=None):
        begin = quarter_start(item.first_period)
        if item.kind == "law_change":
            shapes.append(vline(begin, colour=BREAK_GREY.hex))
            # left of its line: COVID-19 begins two years later, and its label right of its own
            labels.append(top_label(begin, "§ 276 a", side="left"))
        else:
            end = quarter_end(item.last_period)
            shapes.append(vrect(begin, end, colour=PERIOD_GREY.hex, opacity=0.12))
            labels.append(top_label(begin, "COVID-19", side="right"))
    begin = quarter_start(start)
    shapes.append(vline(begin, colour=GOAL_GREEN.hex, dash="dash"))
    # a second row: the start is often the law change's or COVID's quarter, or next to it
    labels.append(
        top_label(begin, translate(lang, PARTNERSHIP_START_LABEL), side="right") | {"yshift": -20}
    )
    return shapes, labels


def effect_chart(
    effect: PartnershipEffect, *, name: str, height: int = 420, lang: str = DANISH
) -> go.Figure:
    """Burglaries per 1,000 households per quarter: the partnership municipality and the weighted
    municipalities without a partnership (the fit before the start, the comparison after it),
    and after the start the placebo band around the comparison (`models.effect.no_effect_band`)."""
    result = effect.result
    figure = go.Figure()
    if result is None or not result.series:
        return danish_layout(figure, y_title="", lang=lang)
    demo = " (" + translate(lang, "eksempeldata") + ")" if effect.demo else ""
    x = [quarter_start(point.period) for point in result.series]
    when = [fmt_period(point.period, lang=lang) for point in result.series]
    band = no_effect_band(result)
    if band:  # drawn first, behind the lines: where the rate would lie with no effect at all
        band_x = [quarter_start(period) for period, _, _ in band]
        band_when = [fmt_period(period, lang=lang) for period, _, _ in band]
        figure.add_scatter(
            x=band_x,
            y=[low for _, low, _ in band],
            mode="lines",
            name=translate(lang, "{band}, nedre grænse").format(
                band=translate(lang, NO_EFFECT_BAND_LABEL)
            ),
            line={"width": 0},
            showlegend=False,
            customdata=band_when,
            hovertemplate="%{customdata}: %{y:,.2f}<extra></extra>",
        )
        figure.add_scatter(
            x=band_x,
            y=[high for _, _, high in band],
            mode="lines",
            name=translate(lang, NO_EFFECT_BAND_LABEL),
            line={"width": 0},
            fill="tonexty",
            fillcolor=PROJECTION_ORANGE.rgba(0.18),
            customdata=band_when,
            hovertemplate="%{customdata}: %{y:,.2f}<extra></extra>",
        )
    figure.add_scatter(
        x=x,
        y=[point.actual for point in result.series],
        mode="lines+markers",
        name=f"{translate(lang, ACTUAL_LABEL)}, {for_html(name)}{demo}",
        line={"color": SERIES_BLUE.hex},
        marker={"size": 4},
        customdata=when,
        hovertemplate="%{customdata}: %{y:,.2f}<extra></extra>",
    )
    if any(point.counterfactual is not None for point in result.series):
        figure.add_scatter(
            x=x,
            y=[point.counterfactual for point in result.series],
            mode="lines",
            name=translate(lang, COUNTERFACTUAL_LABEL) + demo,
            line={"color": PROJECTION_ORANGE.hex, "dash": "dash"},
            customdata=when,
            hovertemplate="%{customdata}: %{y:,.2f}<extra></extra>",
        )
    shapes, labels = _marks(
        result.series[0].period, result.series[-1].period, result.start_period, lang=lang
    )
    date_axis(figure, first=min(x), last=max(x), lang=lang)
    return danish_layout(
        figure,
        # "tilnærmet": the caption below
        y_title=translate(lang, "Indbrud pr. 1.000 husstande pr. kvartal"),
        height=height,
        shapes=shapes,
        annotations=labels,
        lang=lang,
    )
