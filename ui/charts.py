"""Plotly figures built from overviews: data in, figure out (no Streamlit calls)."""

from datetime import date, datetime

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dataio.store.burglaries import BurglaryOverview
from dataio.store.comparison import RateComparison
from models.formatting import fmt_decimal, fmt_int
from models.periods import quarter_end, quarter_start
from ui.text import QUALITY_LABELS

QUALITY_COLOURS = {
    "official": "#1f5f8b",
    "reported": "#1f5f8b",
    "sum_of_quarters": "#4a7fa8",
    "approximate": "#9dbbd3",
    "demo": "#b5b5b5",
}


def _danish_layout(figure: go.Figure, *, y_title: str, height: int = 420) -> go.Figure:
    figure.update_layout(
        separators=",.",  # decimal comma, thousands dot
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis_title=y_title,
        hovermode="x unified",
        template="plotly_white",
    )
    return figure


def _annual_bars(figure: go.Figure, overview: BurglaryOverview) -> None:
    for quality, rows in overview.annual.groupby("quality", sort=False):
        figure.add_bar(
            x=rows["year"],
            y=rows["count"],
            name=QUALITY_LABELS.get(str(quality), str(quality)),
            marker={
                "color": QUALITY_COLOURS.get(str(quality), "#1f5f8b"),
                "pattern": {"shape": "/" if quality == "demo" else ""},
            },
            hovertemplate="%{x}: %{y:,.0f} indbrud<extra>"
            + QUALITY_LABELS.get(str(quality), "")
            + "</extra>",
        )


def _provisional_marks(figure: go.Figure, overview: BurglaryOverview) -> None:
    """A complete year whose last quarter is still provisional says so above its bar."""
    for row in overview.annual[overview.annual["provisional"].astype(bool)].itertuples():
        figure.add_annotation(
            x=row.year,
            y=row.count,
            text="foreløbigt",
            showarrow=False,
            yshift=10,
            font={"size": 10, "color": "#e67814"},
        )


def _goal_lines(figure: go.Figure, overview: BurglaryOverview) -> None:
    result = overview.assessment
    goal = result.goal
    if goal is None:
        return
    years = [p.year for p in result.path]
    figure.add_scatter(
        x=years,
        y=[p.linear for p in result.path],
        name="Krævet forløb (lige linje)",
        mode="lines",
        line={"color": "#1a9641", "dash": "dash"},
    )
    figure.add_scatter(
        x=years,
        y=[p.constant_rate for p in result.path],
        name="Krævet forløb (fast procentvis fald)",
        mode="lines",
        line={"color": "#1a9641", "dash": "dot"},
    )
    default_note = " (standardmålår)" if goal.target_year_is_default else ""
    figure.add_scatter(
        x=[goal.target_year],
        y=[goal.target],
        mode="markers+text",
        name="Mål",
        marker={"symbol": "star", "size": 16, "color": "#1a9641"},
        text=[f"Mål {fmt_int(round(goal.target))}{default_note}"],
        textposition="top left",
    )


def _projection(figure: go.Figure, overview: BurglaryOverview) -> None:
    result = overview.assessment
    if not result.band or result.latest_year is None or result.latest_count is None:
        return
    years = [result.latest_year] + [p.to_year for p in result.band]
    low = [result.latest_count] + [p.low for p in result.band]
    high = [result.latest_count] + [p.high for p in result.band]
    expected = [result.latest_count] + [p.expected for p in result.band]
    figure.add_scatter(
        x=years + years[::-1],
        y=high + low[::-1],
        fill="toself",
        mode="lines",
        fillcolor="rgba(230,120,20,0.15)",
        line={"width": 0},
        name="Fremskrivning, 95 %-interval",
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=years,
        y=expected,
        mode="lines",
        name="Fremskrivning (nuværende tendens)",
        line={"color": "#e67814"},
    )


def _annual_breaks(figure: go.Figure, overview: BurglaryOverview) -> None:
    years = overview.annual["year"]
    if years.empty:
        return
    if years.min() <= 2018 <= years.max():
        figure.add_vline(
            x=2017.5,
            line={"color": "#666", "dash": "dot"},
            annotation_text="§ 276 a (2018)",
            annotation_position="top left",
        )
    if years.min() <= 2021 and years.max() >= 2020:
        figure.add_vrect(
            x0=2019.5,
            x1=2021.5,
            fillcolor="#888",
            opacity=0.08,
            line_width=0,
            annotation_text="COVID-19",
            annotation_position="top right",
        )


def goal_chart(overview: BurglaryOverview) -> go.Figure:
    """Annual burglaries against the required path, the target and the projection."""
    figure = go.Figure()
    _annual_bars(figure, overview)
    _provisional_marks(figure, overview)
    _goal_lines(figure, overview)
    _projection(figure, overview)
    _annual_breaks(figure, overview)
    figure.update_xaxes(dtick=2)
    return _danish_layout(figure, y_title="Indbrud i beboelser pr. år")


def quarter_chart(overview: BurglaryOverview) -> go.Figure:
    """Quarterly counts with the law change, COVID years and the provisional quarter marked."""
    quarters = overview.quarters
    figure = go.Figure()
    x = [quarter_start(p) for p in quarters["period"]]
    name = "Indbrud pr. kvartal" + (" (eksempeldata)" if overview.demo else "")
    figure.add_scatter(
        x=x,
        y=quarters["count"],
        mode="lines+markers",
        name=name,
        line={"color": "#1f5f8b"},
        marker={"size": 4},
        customdata=quarters["period"],
        hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
    )
    for item in overview.breaks:
        start, end = quarter_start(item.first_period), quarter_end(item.last_period)
        if item.kind == "law_change":
            figure.add_vline(x=start, line={"color": "#666", "dash": "dot"})
            figure.add_annotation(
                x=start, y=1, yref="paper", text="§ 276 a", showarrow=False, xanchor="left"
            )
        else:
            colour = "#e67814" if item.kind == "provisional" else "#888"
            label = "Foreløbigt" if item.kind == "provisional" else "COVID-19"
            figure.add_vrect(
                x0=start,
                x1=end,
                fillcolor=colour,
                opacity=0.12,
                line_width=0,
                annotation_text=label,
                annotation_position="top left",
            )
    return _danish_layout(figure, y_title="Indbrud i beboelser pr. kvartal", height=360)


def rate_chart(comparison: RateComparison, *, name: str) -> go.Figure:
    """Burglaries per 1,000 households: the municipality, its peers and the nation."""
    labels = [name, "Sammenlignelige kommuner", "Hele landet"]
    values = [comparison.municipality, comparison.peers, comparison.national]
    figure = go.Figure(
        go.Bar(
            x=[v or 0 for v in values],
            y=labels,
            orientation="h",
            marker={"color": ["#1f5f8b", "#9dbbd3", "#9dbbd3"]},
            text=[fmt_decimal(v, digits=1) for v in values],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
        )
    )
    title = f"Indbrud pr. 1.000 husstande, {comparison.year}" + (
        " (husstande tilnærmet)" if comparison.approximate_households else ""
    )
    figure.update_layout(title=title)
    figure.update_yaxes(autorange="reversed")
    return _danish_layout(figure, y_title="", height=260)


STATUS_COLOURS_PLAN = {
    "ikke startet": "#b5b5b5",
    "i gang": "#1f5f8b",
    "færdig": "#1a9641",
    "udskudt": "#e6a014",
    "aflyst": "#7a7a7a",
}


def gantt_chart(items: pd.DataFrame, *, today: date) -> go.Figure:
    """The plan on a timeline, coloured by status, with a line for today."""
    dated = items.dropna(subset=["start_date", "due_date"]).copy()
    dated["label"] = [t if len(t) <= 60 else t[:57] + "…" for t in dated["title"]]
    figure = px.timeline(
        dated,
        x_start="start_date",
        x_end="due_date",
        y="label",
        color="status",
        color_discrete_map=STATUS_COLOURS_PLAN,
        hover_data={"owner_name": True, "track": True, "label": False},
        labels={"status": "Status", "owner_name": "Ansvarlig", "track": "Spor"},
    )
    figure.update_yaxes(autorange="reversed", title="")
    figure.add_vline(
        x=datetime.combine(today, datetime.min.time()).timestamp() * 1000,
        line={"color": "#c82828", "dash": "dash"},
    )
    figure.add_annotation(
        x=datetime.combine(today, datetime.min.time()),
        y=1,
        yref="paper",
        text="I dag",
        showarrow=False,
        font={"color": "#c82828"},
    )
    return _danish_layout(figure, y_title="", height=max(320, 22 * len(dated) + 120))


def track_progress_chart(progress: dict[str, float | None]) -> go.Figure:
    """Average progress per track (blank where a track has no counting items)."""
    tracks = list(progress)
    values = [None if v is None else v * 100 for v in progress.values()]
    figure = go.Figure(
        go.Bar(
            x=[v or 0 for v in values],
            y=tracks,
            orientation="h",
            marker={"color": "#1f5f8b"},
            text=["–" if v is None else f"{fmt_decimal(v, digits=0)} %" for v in values],
            textposition="auto",
        )
    )
    figure.update_xaxes(range=[0, 100], title="Fremdrift (%)")
    figure.update_yaxes(autorange="reversed")
    return _danish_layout(figure, y_title="", height=240)
