"""Plotly figures for the helper and insecurity goals: data in, figure out (no Streamlit calls)."""

from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dataio.store.neighbour_help import HelperOverview
from dataio.store.surveys import InsecurityOverview
from models.bands import helper_band
from models.formatting import fmt_date
from models.overlay import DayMark
from models.vocabulary import (
    GOAL_GREEN,
    LIGHT_GREY,
    LINEAR_PATH_LABEL,
    MID_GREY,
    SERIES_BLUE,
    TARGET_LABEL,
    quality_colour,
    quality_label,
)
from ui.charts import add_action_marks
from ui.figures import (
    add_band,
    add_path,
    add_target,
    danish_date_axis,
    danish_layout,
    number_axis,
)


def helper_chart(overview: HelperOverview, *, marks: Sequence[DayMark] = ()) -> go.Figure:
    """Helper counts over time against the straight path to the target and the projection, with
    the partnership's actions (`models.overlay.day_marks`) as markers on the line."""
    figure = go.Figure()
    counts = overview.counts
    result = overview.assessment
    figure.add_scatter(
        x=counts["count_date"],
        y=counts["helpers"],
        mode="lines",
        name="Nabohjælpere" + (" (eksempeldata)" if overview.demo else ""),
        line={"color": (LIGHT_GREY if overview.demo else SERIES_BLUE).hex, "width": 2},
        customdata=[fmt_date(pd.Timestamp(d).date()) for d in counts["count_date"]],
        hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
    )
    if (
        result.target is not None
        and result.baseline is not None
        and result.target_year is not None
        and overview.baseline_year is not None
    ):
        start = date(overview.baseline_year, 12, 31)
        end = date(result.target_year, 12, 31)
        add_path(
            figure,
            [start, end],
            [result.baseline, result.target],
            name=LINEAR_PATH_LABEL,
            dash="dash",
        )
        add_target(figure, end, result.target)
    band = helper_band(result)
    add_band(figure, band)
    add_action_marks(figure, marks, x=[m.day for m in marks], count_word="nabohjælpere")
    figure.update_yaxes(rangemode="tozero")
    _helper_dates(figure, overview, band_end=band.x[-1] if band is not None and band.x else None)
    return danish_layout(figure, y_title="Aktive nabohjælpere")


def _helper_dates(figure: go.Figure, overview: HelperOverview, *, band_end: object) -> None:
    """Danish month or year ticks from the first count to the target or the projection's end."""
    days = [pd.Timestamp(d).date() for d in overview.counts["count_date"]]
    target_year = overview.assessment.target_year
    if target_year is not None:
        days.append(date(target_year, 12, 31))
    if band_end is not None:
        days.append(pd.Timestamp(band_end).date())
    if days:
        danish_date_axis(figure, first=min(days), last=max(days))


def sign_ups_chart(by_kind: pd.DataFrame) -> go.Figure:
    """Sign-ups per activity by type: which recruitment works."""
    figure = go.Figure()
    figure.add_bar(
        x=by_kind["per_activity"],
        y=by_kind["kind"],
        orientation="h",
        marker={"color": SERIES_BLUE.hex},
        text=[f"{int(n)} aktiviteter" for n in by_kind["activities"]],
        textposition="auto",
        hovertemplate="%{y}: %{x:,.1f} tilmeldte pr. aktivitet<extra></extra>",
        showlegend=False,
    )
    figure.update_yaxes(autorange="reversed")
    number_axis(figure)
    figure = danish_layout(figure, y_title="", height=320)
    figure.update_layout(xaxis_title="Tilmeldte nabohjælpere pr. aktivitet", hovermode="closest")
    return figure


def _share_trace(figure: go.Figure, rounds: pd.DataFrame, *, name: str, colour: str) -> None:
    figure.add_scatter(
        x=rounds["year"],
        y=rounds["share"] * 100,
        mode="lines+markers",
        name=name,
        line={"color": colour},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (rounds["high"] - rounds["share"]) * 100,
            "arrayminus": (rounds["share"] - rounds["low"]) * 100,
            "thickness": 1.5,
        },
        customdata=rounds[["respondents"]],
        hovertemplate="%{x}: %{y:.1f} % (%{customdata[0]} besvarelser)<extra></extra>",
    )


def insecurity_chart(overview: InsecurityOverview) -> go.Figure:
    """The municipality's shares with 95 % intervals, the national series, the goal and its path."""
    figure = go.Figure()
    if not overview.rounds.empty:
        _share_trace(
            figure,
            overview.rounds,
            name=f"{overview.name}, 95 %-interval" + (" (eksempeldata)" if overview.demo else ""),
            colour=(MID_GREY if overview.demo else SERIES_BLUE).hex,
        )
    for quality, rows in overview.national.groupby("quality", sort=False):
        figure.add_scatter(
            x=rows["year"],
            y=rows["share"] * 100,
            mode="markers",
            name=f"Hele landet ({quality_label(str(quality)).lower()})",
            marker={
                "color": quality_colour(str(quality)).hex,
                "symbol": "diamond",
                "size": 10,
            },
            hovertemplate="%{x}: %{y:.1f} %<extra>Hele landet</extra>",
        )
    goal = overview.assessment.goal
    if goal is not None:
        add_path(
            figure,
            [goal.baseline_year, goal.target_year],
            [goal.baseline * 100, goal.target * 100],
            name=LINEAR_PATH_LABEL,
            dash="dash",
        )
        figure.add_hline(
            y=goal.target * 100,
            line={"color": GOAL_GREEN.hex, "dash": "dot"},
            annotation_text=f"{TARGET_LABEL} {goal.target * 100:.0f} %".replace(".", ","),
            annotation_position="bottom right",
        )
    figure = danish_layout(figure, y_title="Andel utrygge ved indbrud (%)")
    figure.update_yaxes(rangemode="tozero", ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure


def protection_chart(overview: InsecurityOverview) -> go.Figure:
    """Share with a well-secured home, with 95 % intervals (no goal: none is set)."""
    figure = go.Figure()
    if not overview.protection.empty:
        _share_trace(
            figure,
            overview.protection,
            name="Godt sikret hjem, 95 %-interval",
            colour=SERIES_BLUE.hex,
        )
    figure = danish_layout(figure, y_title="Andel med godt sikret hjem (%)", height=320)
    figure.update_yaxes(range=[0, 100], ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure
