"""The expected-versus-actual chart: every municipality's burglaries against what its size and
age structure predict, ordered, with the chosen one marked; data in, figure out (no Streamlit);
its words in Danish or English (`lang`)."""

import pandas as pd
import plotly.graph_objects as go

from models.expected import ExpectedStatus, status_text
from models.expected_text import STATUS_COLOUR, STATUS_SHAPE
from models.formatting import fmt_decimal, fmt_int
from models.i18n import DANISH, translate, translator
from models.safe_text import for_html
from models.vocabulary import MID_GREY, SERIES_BLUE
from ui.figures import danish_layout

_SYMBOL = {
    ExpectedStatus.BELOW: "triangle-down",
    ExpectedStatus.AS_EXPECTED: "circle",
    ExpectedStatus.ABOVE: "triangle-up",
}
assert set(_SYMBOL) == set(STATUS_SHAPE)  # the chart's shapes are the badges' shapes


def _hover(rows: pd.DataFrame, *, lang: str = DANISH) -> list[str]:
    _ = translator(lang)
    counts = _("{actual} indbrud, forventet {expected} ({low}-{high})")
    ratio = _("{ratio} gange det forventede")
    return [
        f"<b>{for_html(str(r.name))}</b><br>"
        + counts.format(
            actual=fmt_int(r.actual, lang=lang),
            expected=fmt_decimal(r.expected, digits=1, lang=lang),
            low=fmt_int(r.low, lang=lang),
            high=fmt_int(r.high, lang=lang),
        )
        + "<br>"
        + ratio.format(ratio=fmt_decimal(r.ratio, digits=2, lang=lang))
        for r in rows.itertuples()
    ]


def expected_chart(
    table: pd.DataFrame, *, code: int, demo: bool, height: int = 420, lang: str = DANISH
) -> go.Figure:
    """Actual / expected for every municipality, lowest ratio first; a bar from low/expected to
    high/expected shows where the ratio falls 95 % of the time when a municipality is as expected
    (a point outside its bar is fewer or more than expected); the chosen municipality is ringed."""
    ordered = table.sort_values(["rank", "code"], ignore_index=True)
    ordered = ordered.assign(
        label=ordered["name"].map(lambda n: for_html(str(n))),
        low_ratio=ordered["low"] / ordered["expected"],
        high_ratio=ordered["high"] / ordered["expected"],
    )
    suffix = " (" + translate(lang, "eksempeldata") + ")" if demo else ""
    figure = go.Figure()
    for status in ExpectedStatus:
        rows = ordered[ordered["status"] == status.value]
        if rows.empty:
            continue
        figure.add_scatter(
            x=rows["label"],
            y=rows["ratio"],
            mode="markers",
            name=f"{STATUS_SHAPE[status]} {status_text(status, lang=lang)}{suffix}",
            marker={"color": STATUS_COLOUR[status].hex, "symbol": _SYMBOL[status], "size": 8},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": rows["high_ratio"] - rows["ratio"],
                "arrayminus": rows["ratio"] - rows["low_ratio"],
                "color": "rgba(127,127,127,0.45)",
                "thickness": 1,
                "width": 0,
            },
            hovertext=_hover(rows, lang=lang),
            hoverinfo="text",
        )
    chosen = ordered[ordered["code"] == code]
    if not chosen.empty:
        figure.add_scatter(
            x=chosen["label"],
            y=chosen["ratio"],
            mode="markers+text",
            name=str(chosen["label"].iloc[0]),
            marker={
                "color": "rgba(0,0,0,0)",
                "size": 18,
                "line": {"color": SERIES_BLUE.hex, "width": 3},
            },
            text=chosen["label"],
            textposition="top center",
            textfont={"color": SERIES_BLUE.hex, "size": 15},
            hovertext=_hover(chosen, lang=lang),
            hoverinfo="text",
        )
    figure = danish_layout(
        figure,
        y_title=translate(lang, "Faktiske / forventede indbrud"),
        height=height,
        hovermode="closest",
        lang=lang,
        shapes=[
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": 1,
                "y1": 1,
                "line": {"color": MID_GREY.hex, "dash": "dash", "width": 1},
            }
        ],
    )
    figure.update_xaxes(
        showticklabels=False,
        title_text=translate(
            lang, "Kommunerne, ordnet fra færrest til flest i forhold til det forventede"
        ),
    )
    figure.update_yaxes(tickformat=",.1f", rangemode="tozero")
    return figure
