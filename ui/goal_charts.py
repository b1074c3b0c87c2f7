"""Plotly figures for the helper and insecurity goals: data in, figure out (no Streamlit calls)."""

from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dataio.store.neighbour_help import HelperOverview
from dataio.store.surveys import InsecurityOverview
from models.bands import helper_band
from models.formatting import fmt_date
from models.i18n import DANISH, translate, translator
from models.neighbour_help import activity_kind_label
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


def helper_chart(
    overview: HelperOverview, *, marks: Sequence[DayMark] = (), lang: str = DANISH
) -> go.Figure:
    """Helper counts over time against the straight path to the target and the projection, with
    the partnership's actions (`models.overlay.day_marks`) as markers on the line; words in `lang`."""
    _ = translator(lang)
    figure = go.Figure()
    counts = overview.counts
    result = overview.assessment
    figure.add_scatter(
        x=counts["count_date"],
        y=counts["helpers"],
        mode="lines",
        name=_("Nabohjælpere (eksempeldata)") if overview.demo else _("Nabohjælpere"),
        line={"color": (LIGHT_GREY if overview.demo else SERIES_BLUE).hex, "width": 2},
        customdata=[fmt_date(pd.Timestamp(d).date(), lang=lang) for d in counts["count_date"]],
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
            name=translate(lang, LINEAR_PATH_LABEL),
            dash="dash",
        )
        add_target(figure, end, result.target, lang=lang)
    band = helper_band(result)
    add_band(figure, band, lang=lang)
    add_action_marks(
        figure, marks, x=[m.day for m in marks], count_word=_("nabohjælpere"), lang=lang
    )
    figure.update_yaxes(rangemode="tozero")
    _helper_dates(figure, overview, band_end=band.x[-1] if band is not None and band.x else None)
    return danish_layout(figure, y_title=_("Aktive nabohjælpere"), lang=lang)


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


def sign_ups_chart(by_kind: pd.DataFrame, *, lang: str = DANISH) -> go.Figure:
    """Sign-ups per activity by type: which recruitment works (words in `lang`; the kinds are
    shown as their marked Danish names translated)."""
    _ = translator(lang)
    figure = go.Figure()
    figure.add_bar(
        x=by_kind["per_activity"],
        y=[activity_kind_label(str(k), lang=lang) for k in by_kind["kind"]],
        orientation="h",
        marker={"color": SERIES_BLUE.hex},
        text=[_("{count} aktiviteter").format(count=int(n)) for n in by_kind["activities"]],
        textposition="auto",
        hovertemplate=_("%{y}: %{x:,.1f} tilmeldte pr. aktivitet") + "<extra></extra>",
        showlegend=False,
    )
    figure.update_yaxes(autorange="reversed")
    number_axis(figure)
    figure = danish_layout(figure, y_title="", height=320, lang=lang)
    figure.update_layout(xaxis_title=_("Tilmeldte nabohjælpere pr. aktivitet"), hovermode="closest")
    return figure


def _share_trace(
    figure: go.Figure, rounds: pd.DataFrame, *, name: str, colour: str, lang: str = DANISH
) -> None:
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
        hovertemplate=translate(lang, "%{x}: %{y:.1f} % (%{customdata[0]} besvarelser)")
        + "<extra></extra>",
    )


def insecurity_chart(overview: InsecurityOverview, *, lang: str = DANISH) -> go.Figure:
    """The municipality's shares with 95 % intervals, the national series, the goal and its path
    (words in `lang`)."""
    _ = translator(lang)
    figure = go.Figure()
    if not overview.rounds.empty:
        _share_trace(
            figure,
            overview.rounds,
            name=(
                _("{name}, 95 %-interval (eksempeldata)")
                if overview.demo
                else _("{name}, 95 %-interval")
            ).format(name=overview.name),
            colour=(MID_GREY if overview.demo else SERIES_BLUE).hex,
            lang=lang,
        )
    for quality, rows in overview.national.groupby("quality", sort=False):
        figure.add_scatter(
            x=rows["year"],
            y=rows["share"] * 100,
            mode="markers",
            name=_("Hele landet ({quality})").format(
                quality=quality_label(str(quality), lang=lang).lower()
            ),
            marker={
                "color": quality_colour(str(quality)).hex,
                "symbol": "diamond",
                "size": 10,
            },
            hovertemplate="%{x}: %{y:.1f} %<extra>" + _("Hele landet") + "</extra>",
        )
    goal = overview.assessment.goal
    if goal is not None:
        add_path(
            figure,
            [goal.baseline_year, goal.target_year],
            [goal.baseline * 100, goal.target * 100],
            name=translate(lang, LINEAR_PATH_LABEL),
            dash="dash",
        )
        figure.add_hline(
            y=goal.target * 100,
            line={"color": GOAL_GREEN.hex, "dash": "dot"},
            annotation_text=f"{translate(lang, TARGET_LABEL)} {goal.target * 100:.0f} %",
            annotation_position="bottom right",
        )
    figure = danish_layout(figure, y_title=_("Andel utrygge ved indbrud (%)"), lang=lang)
    figure.update_yaxes(rangemode="tozero", ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure


def protection_chart(overview: InsecurityOverview, *, lang: str = DANISH) -> go.Figure:
    """Share with a well-secured home, with 95 % intervals (no goal: none is set); words in `lang`."""
    _ = translator(lang)
    figure = go.Figure()
    if not overview.protection.empty:
        _share_trace(
            figure,
            overview.protection,
            name=_("Godt sikret hjem, 95 %-interval"),
            colour=SERIES_BLUE.hex,
            lang=lang,
        )
    figure = danish_layout(
        figure, y_title=_("Andel med godt sikret hjem (%)"), height=320, lang=lang
    )
    figure.update_yaxes(range=[0, 100], ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure
