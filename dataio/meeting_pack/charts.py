"""The report's charts in matplotlib (Agg: no browser, no display), drawn like the dashboard's.

Matplotlib's default font, DejaVu Sans, ships with matplotlib and has æ, ø and å. The colours are the ones `ui/charts.py` gives plotly (a test holds them equal); dataio may not
import ui, so they are repeated here.
"""

import io
from datetime import date

# Figure objects without pyplot: no global figure registry and no GUI backend to pick, so
# concurrent Streamlit sessions cannot draw into each other's charts; PNG output uses Agg.
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter, YearLocator, date2num
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dataio.store.burglaries import BurglaryOverview
from dataio.store.neighbour_help import HelperOverview
from dataio.store.surveys import InsecurityOverview
from models.formatting import fmt_int, fmt_percent

QUALITY_COLOURS = {
    "official": "#1f5f8b",
    "reported": "#1f5f8b",
    "sum_of_quarters": "#4a7fa8",
    "approximate": "#9dbbd3",
    "demo": "#b5b5b5",
}
QUALITY_LABELS = {
    "official": "Danmarks Statistik",
    "reported": "Danmarks Statistik (citeret)",
    "sum_of_quarters": "Sum af kvartaler",
    "approximate": "Omtrentligt tal",
    "demo": "Eksempeldata",
}
BLUE = "#1f5f8b"
GOAL_GREEN = "#1a9641"
PROJECTION_ORANGE = "#e67814"
BREAK_GREY = "#666666"
WIDTH_CM, HEIGHT_CM = 17.0, 8.5


def _danish_axes(axes: Axes, *, y_title: str) -> None:
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(y_title, fontsize=8)
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _bars(axes: Axes, overview: BurglaryOverview) -> None:
    for quality, rows in overview.annual.groupby("quality", sort=False):
        axes.bar(
            rows["year"],
            rows["count"],
            width=0.75,
            color=QUALITY_COLOURS.get(str(quality), "#1f5f8b"),
            hatch="///" if quality == "demo" else None,
            edgecolor="white",
            linewidth=0.4,
            label=QUALITY_LABELS.get(str(quality), str(quality)),
        )
    for row in overview.annual[overview.annual["provisional"].astype(bool)].itertuples():
        axes.annotate(
            "foreløbigt",
            (row.year, row.count),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=6,
            color=PROJECTION_ORANGE,
        )


def _goal(axes: Axes, overview: BurglaryOverview) -> None:
    result = overview.assessment
    goal = result.goal
    if goal is None:
        return
    years = [p.year for p in result.path]
    axes.plot(
        years,
        [p.linear for p in result.path],
        "--",
        color=GOAL_GREEN,
        linewidth=1.2,
        label="Krævet forløb (lige linje)",
    )
    axes.plot(
        years,
        [p.constant_rate for p in result.path],
        ":",
        color=GOAL_GREEN,
        linewidth=1.2,
        label="Krævet forløb (fast procentvis fald)",
    )
    axes.plot([goal.target_year], [goal.target], "*", color=GOAL_GREEN, markersize=11, label="Mål")
    default = " (standardmålår)" if goal.target_year_is_default else ""
    axes.annotate(
        f"Mål {fmt_int(round(goal.target))}{default}",
        (goal.target_year, goal.target),
        textcoords="offset points",
        xytext=(4, -9),
        ha="right",
        va="top",
        fontsize=7,
        color=GOAL_GREEN,
        path_effects=[withStroke(linewidth=2.5, foreground="white")],
        zorder=5,
    )


def _projection(axes: Axes, overview: BurglaryOverview) -> None:
    result = overview.assessment
    if not result.band or result.latest_year is None or result.latest_count is None:
        return
    years = [result.latest_year] + [p.to_year for p in result.band]
    low = [result.latest_count] + [p.low for p in result.band]
    high = [result.latest_count] + [p.high for p in result.band]
    expected = [result.latest_count] + [p.expected for p in result.band]
    axes.fill_between(
        years,
        low,
        high,
        color=PROJECTION_ORANGE,
        alpha=0.15,
        linewidth=0,
        label="Fremskrivning, 95 %-interval",
    )
    axes.plot(
        years,
        expected,
        color=PROJECTION_ORANGE,
        linewidth=1.4,
        label="Fremskrivning (nuværende tendens)",
    )


def _breaks(axes: Axes, overview: BurglaryOverview) -> None:
    years = overview.annual["year"]
    if years.empty:
        return
    if years.min() <= 2018 <= years.max():
        axes.axvline(2017.5, color=BREAK_GREY, linestyle=":", linewidth=1)
        axes.annotate(
            "§ 276 a (2018)",
            (2017.5, 1),
            xycoords=("data", "axes fraction"),
            xytext=(-3, -2),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=6.5,
            color=BREAK_GREY,
        )
    if years.min() <= 2021 and years.max() >= 2020:
        axes.axvspan(2019.5, 2021.5, color="#888888", alpha=0.08, linewidth=0)
        axes.annotate(
            "COVID-19",
            (2021.5, 1),
            xycoords=("data", "axes fraction"),
            xytext=(2, -2),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=6.5,
            color=BREAK_GREY,
        )


def burglary_chart(overview: BurglaryOverview) -> Figure:
    """Annual burglaries against the required path, the target and the projection (as goal_chart)."""
    # (the other charts share the size, the fonts and the legend below the axes)
    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), layout="constrained")
    axes = figure.add_subplot()
    _bars(axes, overview)
    _goal(axes, overview)
    _projection(axes, overview)
    _breaks(axes, overview)
    _danish_axes(axes, y_title="Indbrud i beboelser pr. år")
    axes.set_ylim(bottom=0)
    if axes.get_legend_handles_labels()[0]:
        figure.legend(loc="outside lower center", ncol=3, fontsize=6.5, frameon=False)
    return figure


def figure_png(figure: Figure, *, dpi: int = 150) -> bytes:
    """A figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def _figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(WIDTH_CM / 2.54, 7.0 / 2.54), layout="constrained")
    return figure, figure.add_subplot()


def _legend(figure: Figure, axes: Axes) -> None:
    if axes.get_legend_handles_labels()[0]:
        figure.legend(loc="outside lower center", ncol=3, fontsize=6.5, frameon=False)


def helper_chart(overview: HelperOverview) -> Figure:
    """Helper counts against the straight path to the target and the projection (as the Nabohjælp
    page's chart in ui/goal_charts.py)."""
    figure, axes = _figure()
    counts, result = overview.counts, overview.assessment
    colour = QUALITY_COLOURS["demo"] if overview.demo else BLUE
    label = "Nabohjælpere" + (" (eksempeldata)" if overview.demo else "")
    axes.plot(
        date2num(list(counts["count_date"])),
        list(counts["helpers"]),
        color=colour,
        linewidth=1.6,
        label=label,
    )
    if (
        result.target is not None
        and result.baseline is not None
        and result.target_year is not None
        and overview.baseline_year is not None
    ):
        ends = date2num([date(overview.baseline_year, 12, 31), date(result.target_year, 12, 31)])
        axes.plot(
            ends,
            [result.baseline, result.target],
            "--",
            color=GOAL_GREEN,
            linewidth=1.2,
            label="Krævet forløb (lige linje)",
        )
        axes.plot(ends[1:], [result.target], "*", color=GOAL_GREEN, markersize=11, label="Mål")
    projection = result.projection
    if projection is not None and result.as_of is not None and result.latest is not None:
        dates = date2num([result.as_of, projection.to_date])
        axes.fill_between(
            dates,
            [result.latest, projection.low],
            [result.latest, projection.high],
            color=PROJECTION_ORANGE,
            alpha=0.15,
            linewidth=0,
            label="Fremskrivning, 95 %-interval",
        )
        axes.plot(
            dates,
            [result.latest, projection.expected],
            color=PROJECTION_ORANGE,
            linewidth=1.4,
            label="Fremskrivning (nuværende tendens)",
        )
    _danish_axes(axes, y_title="Aktive nabohjælpere")
    axes.xaxis.set_major_locator(YearLocator())
    axes.xaxis.set_major_formatter(DateFormatter("%Y"))
    axes.set_ylim(bottom=0)
    _legend(figure, axes)
    return figure


def insecurity_chart(overview: InsecurityOverview) -> Figure:
    """Each round's share with its 95 % interval, the national series, the goal and its path (as
    the Tryghed page's chart in ui/goal_charts.py)."""
    figure, axes = _figure()
    rounds, goal = overview.rounds, overview.assessment.goal
    if len(rounds):
        shares = rounds["share"] * 100
        colour = "#7f7f7f" if overview.demo else BLUE
        label = f"{overview.name}, 95 %-interval" + (" (eksempeldata)" if overview.demo else "")
        axes.errorbar(
            list(rounds["year"]),
            list(shares),
            yerr=[list(shares - rounds["low"] * 100), list(rounds["high"] * 100 - shares)],
            fmt="-o",
            color=colour,
            ecolor=colour,
            capsize=3,
            markersize=4,
            linewidth=1.2,
            label=label,
        )
    for quality, rows in overview.national.groupby("quality", sort=False):
        axes.plot(
            list(rows["year"]),
            list(rows["share"] * 100),
            "D",
            markersize=5,
            color=QUALITY_COLOURS.get(str(quality), BLUE),
            label=f"Hele landet ({QUALITY_LABELS.get(str(quality), str(quality)).lower()})",
        )
    if goal is not None:
        axes.plot(
            [goal.baseline_year, goal.target_year],
            [goal.baseline * 100, goal.target * 100],
            "--",
            color=GOAL_GREEN,
            linewidth=1.2,
            label="Krævet forløb (lige linje)",
        )
        axes.axhline(goal.target * 100, color=GOAL_GREEN, linestyle=":", linewidth=1.2)
        axes.annotate(
            f"Mål {fmt_percent(goal.target, digits=0)}",
            (0, goal.target * 100),
            xycoords=("axes fraction", "data"),
            xytext=(2, 3),
            textcoords="offset points",
            ha="left",
            fontsize=7,
            color=GOAL_GREEN,
        )
    _danish_axes(axes, y_title="Andel utrygge ved indbrud (%)")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{fmt_int(value)} %"))
    axes.set_ylim(bottom=0)
    _legend(figure, axes)
    return figure
