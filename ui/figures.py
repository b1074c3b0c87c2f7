"""What the dashboard's plotly figures share: the template (set once), the Danish layout, the
projection band, the goal's lines and marks for series breaks. Colours and words come from
`models.vocabulary`, the band's points from `models.bands`; this module only draws them.
"""

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from models.bands import ProjectionBand
from models.vocabulary import (
    BAND_ALPHA,
    BAND_LABEL,
    GOAL_GREEN,
    PROJECTION_ORANGE,
    TARGET_LABEL,
    TREND_LABEL,
)

# Once for the process: go.Figure() then takes the template without validating it again, which
# `update_layout(template="plotly_white")` did for every figure (about 13 ms each).
pio.templates.default = "plotly_white"


def danish_layout(
    figure: go.Figure, *, y_title: str, height: int = 420, **layout: Any
) -> go.Figure:
    """Decimal comma, the legend below, one hover box per x; `layout` (shapes, annotations, a
    title...) is set in the same call."""
    figure.update_layout(
        separators=",.",  # decimal comma, thousands dot
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis_title=y_title,
        hovermode="x unified",
        **layout,
    )
    return figure


def add_band(figure: go.Figure, band: ProjectionBand[Any] | None) -> None:
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
        name=BAND_LABEL,
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=band.x,
        y=band.expected,
        mode="lines",
        name=TREND_LABEL,
        line={"color": PROJECTION_ORANGE.hex},
    )


def add_path(
    figure: go.Figure, x: Sequence[Any], y: Sequence[float], *, name: str, dash: str
) -> None:
    """A required path to the target, dashed in the goal's green."""
    figure.add_scatter(
        x=x, y=y, mode="lines", name=name, line={"color": GOAL_GREEN.hex, "dash": dash}
    )


def add_target(figure: go.Figure, x: Any, y: float, *, text: str | None = None) -> None:
    """The target as a green star (with its text, where given)."""
    marker = {"symbol": "star", "size": 16, "color": GOAL_GREEN.hex}
    if text is None:
        figure.add_scatter(x=[x], y=[y], mode="markers", name=TARGET_LABEL, marker=marker)
        return
    figure.add_scatter(
        x=[x],
        y=[y],
        mode="markers+text",
        name=TARGET_LABEL,
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
