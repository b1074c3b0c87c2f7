"""What the dashboard's plotly figures share: the template (set once), the Danish layout, the
projection band, the goal's lines and marks for series breaks. Colours and words come from
`models.vocabulary`, the band's points from `models.bands`; this module only draws them.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit.elements.plotly_chart  # noqa: F401  (sets pio.templates.default on import)

from models.bands import ProjectionBand
from models.i18n import DANISH, ENGLISH, language_of, translate
from models.ticks import MOST_TICKS, date_ticks
from models.vocabulary import (
    BAND_ALPHA,
    BAND_LABEL,
    GOAL_GREEN,
    PROJECTION_ORANGE,
    TARGET_LABEL,
    TREND_LABEL,
)

# The page's own text colour (12,6:1 on white) for every label: Streamlit's chart theme draws
# tick labels in a grey of about 3,7:1, below WCAG AA's 4,5:1, so `ui.described.chart` draws
# with theme=None and this template. Source Sans is the font Streamlit itself serves.
TEXT_COLOUR = "#31333f"
FONT = {"family": '"Source Sans", sans-serif', "color": TEXT_COLOUR, "size": 14}
_AXIS = {"tickfont": {"color": TEXT_COLOUR}, "title": {"font": {"color": TEXT_COLOUR}}}
_OWN = go.layout.Template(
    layout={
        "font": FONT,
        "separators": ",.",  # decimal comma, thousands dot
        # "1.400" and "50.000", not plotly's "1400" and "50k" (~ drops trailing zeros: "17,5")
        "yaxis": _AXIS | {"tickformat": ",~f"},
        "xaxis": _AXIS,
        "hoverlabel": {"font": {"family": FONT["family"]}},
    }
)
# Merged once under one name: a default of "plotly_white+botrygt" is merged again for every
# go.Figure() (16 ms each, against 0,5 ms). Set once for the process, after Streamlit's plotly
# module (imported above) has made its own theme the default on import; update_layout(template=)
# per figure validated the template again each time (about 13 ms).
pio.templates["botrygt"] = pio.templates.merge_templates(pio.templates["plotly_white"], _OWN)
pio.templates.default = "botrygt"


# plotly's number marks per language: the decimal mark, then the thousands mark
PLOTLY_SEPARATORS = {DANISH: ",.", ENGLISH: ".,"}


def danish_layout(
    figure: go.Figure, *, y_title: str, height: int = 420, lang: str = DANISH, **layout: Any
) -> go.Figure:
    """The legend below, one hover box per x (the template gives the decimal comma; an English
    figure gets the decimal point); `layout` (shapes, annotations, a title...) is set in the same
    call."""
    defaults: dict[str, Any] = {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "legend": {"orientation": "h", "y": -0.15},
        "yaxis_title": y_title,
        "hovermode": "x unified",
    }
    if language_of(lang) != DANISH:  # Danish is the template's own
        defaults["separators"] = PLOTLY_SEPARATORS[language_of(lang)]
    figure.update_layout(defaults | layout)
    return figure


def danish_date_axis(figure: go.Figure, *, first: date, last: date, most: int = MOST_TICKS) -> None:
    """Month ticks with Danish names ("okt. 2026"), or years once the span is long."""
    ticks, labels = date_ticks(first=first, last=last, most=most)
    figure.update_xaxes(tickvals=[t.isoformat() for t in ticks], ticktext=labels)


def number_axis(figure: go.Figure) -> None:
    """A horizontal bar chart's value axis in Danish numbers, as the template does for y."""
    figure.update_xaxes(tickformat=",~f")


def add_band(figure: go.Figure, band: ProjectionBand[Any] | None, *, lang: str = DANISH) -> None:
    """The projection's 95 % band and its expected line."""
    if band is None:
        return
    x, y = band.outline()
    figure.add_scatter(
        x=x,
        y=y,
        fill="toself",
        mode="lines",
        fillcolor=PROJECTION_ORANGE.rgba(BAND_ALPHA),
        line={"width": 0},
        name=translate(lang, BAND_LABEL),
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=band.x,
        y=band.expected,
        mode="lines",
        name=translate(lang, TREND_LABEL),
        line={"color": PROJECTION_ORANGE.hex},
    )


def add_path(
    figure: go.Figure, x: Sequence[Any], y: Sequence[float], *, name: str, dash: str
) -> None:
    """A required path to the target, dashed in the goal's green."""
    figure.add_scatter(
        x=x, y=y, mode="lines", name=name, line={"color": GOAL_GREEN.hex, "dash": dash}
    )


def add_target(
    figure: go.Figure, x: Any, y: float, *, text: str | None = None, lang: str = DANISH
) -> None:
    """The target as a green star (with its text, where given)."""
    marker = {"symbol": "star", "size": 16, "color": GOAL_GREEN.hex}
    name = translate(lang, TARGET_LABEL)
    if text is None:
        figure.add_scatter(x=[x], y=[y], mode="markers", name=name, marker=marker)
        return
    figure.add_scatter(
        x=[x],
        y=[y],
        mode="markers+text",
        name=name,
        marker=marker,
        text=[text],
        textposition="top left",
    )


def vline(x: Any, *, colour: str, dash: str = "dot") -> dict[str, Any]:
    """A vertical line over the whole height, as a layout shape."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": colour, "dash": dash},
    }


def vrect(x0: Any, x1: Any, *, colour: str, opacity: float) -> dict[str, Any]:
    """A shaded period over the whole height, as a layout shape."""
    return {
        "type": "rect",
        "x0": x0,
        "x1": x1,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "fillcolor": colour,
        "opacity": opacity,
        "line": {"width": 0},
    }


def top_label(x: Any, text: str, *, side: str) -> dict[str, Any]:
    """Text at the top of the plot, on the `side` ("left" or "right") of x, as an annotation."""
    return {
        "x": x,
        "xref": "x",
        "y": 1,
        "yref": "y domain",
        "text": text,
        "showarrow": False,
        "xanchor": "right" if side == "left" else "left",
        "yanchor": "top",
    }
