"""The report's charts in matplotlib (Agg: no browser, no display), drawn like the dashboard's.

Matplotlib's default font, DejaVu Sans, ships with matplotlib and has æ, ø and å. The colours,
the legend's words and the projection band's points are the dashboard's own, from
`models.vocabulary` and `models.bands`; this module only draws them.
"""

import io
import math
from datetime import date

# Figure objects without pyplot: no global figure registry and no GUI backend to pick, so
# concurrent Streamlit sessions cannot draw into each other's charts; PNG output uses Agg.
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter, YearLocator, date2num
from matplotlib.figure import Figure
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dataio.store.burglaries import BurglaryOverview
from dataio.store.comparison import PartnershipEffect
from dataio.store.neighbour_help import HelperOverview
from dataio.store.surveys import InsecurityOverview
from models.bands import ProjectionBand, burglary_band, helper_band
from models.domain import Quality
from models.effect import no_effect_band
from models.formatting import fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, translate, translator
from models.periods import quarter_start
from models.vocabulary import (
    ACTUAL_LABEL,
    BAND_ALPHA,
    BAND_LABEL,
    BREAK_GREY,
    CONSTANT_RATE_PATH_LABEL,
    COUNTERFACTUAL_LABEL,
    GOAL_GREEN,
    LINEAR_PATH_LABEL,
    MID_GREY,
    NO_EFFECT_BAND_LABEL,
    PARTNERSHIP_START_LABEL,
    PERIOD_GREY,
    PROJECTION_ORANGE,
    PROVISIONAL_LABEL,
    QUALITY_COLOURS,
    SERIES_BLUE,
    TARGET_LABEL,
    TREND_LABEL,
    quality_colour,
    quality_label,
)

WIDTH_CM, HEIGHT_CM = 17.0, 8.5


def _danish_axes(axes: Axes, *, y_title: str, lang: str = DANISH) -> None:
    """The axes in the language's number format (Danish 1.000, English 1,000)."""
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value, lang=lang)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(y_title, fontsize=8)
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _bars(axes: Axes, overview: BurglaryOverview, *, lang: str = DANISH) -> None:
    for quality, rows in overview.annual.groupby("quality", sort=False):
        axes.bar(
            rows["year"],
            rows["count"],
            width=0.75,
            color=quality_colour(str(quality)).hex,
            hatch="///" if quality == Quality.DEMO else None,
            edgecolor="white",
            linewidth=0.4,
            label=quality_label(str(quality), lang=lang),
        )
    for row in overview.annual[overview.annual["provisional"].astype(bool)].itertuples():
        axes.annotate(
            translate(lang, PROVISIONAL_LABEL),
            (row.year, row.count),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=6,
            color=PROJECTION_ORANGE.hex,
        )


def _goal(axes: Axes, overview: BurglaryOverview, *, lang: str = DANISH) -> None:
    result = overview.assessment
    goal = result.goal
    if goal is None:
        return
    years = [p.year for p in result.path]
    for values, style, label in (
        ([p.linear for p in result.path], "--", LINEAR_PATH_LABEL),
        ([p.constant_rate for p in result.path], ":", CONSTANT_RATE_PATH_LABEL),
    ):
        axes.plot(
            years, values, style, color=GOAL_GREEN.hex, linewidth=1.2, label=translate(lang, label)
        )
    _target(axes, goal.target_year, goal.target, lang=lang)
    default = translate(lang, " (standardmålår)") if goal.target_year_is_default else ""
    axes.annotate(
        f"{translate(lang, TARGET_LABEL)} {fmt_int(round(goal.target), lang=lang)}{default}",
        (goal.target_year, goal.target),
        textcoords="offset points",
        xytext=(4, -9),
        ha="right",
        va="top",
        fontsize=7,
        color=GOAL_GREEN.hex,
        path_effects=[withStroke(linewidth=2.5, foreground="white")],
        zorder=5,
    )


def _target(axes: Axes, x: float, target: float, *, lang: str = DANISH) -> None:
    axes.plot(
        [x], [target], "*", color=GOAL_GREEN.hex, markersize=11, label=translate(lang, TARGET_LABEL)
    )


def _band(
    axes: Axes,
    band: ProjectionBand | None,
    *,
    x: list[float] | None = None,
    lang: str = DANISH,
) -> None:
    """The projection band and its expected line (x: the band's x as matplotlib numbers)."""
    if band is None:
        return
    xs = band.x if x is None else x
    axes.fill_between(
        xs,
        band.low,
        band.high,
        color=PROJECTION_ORANGE.hex,
        alpha=BAND_ALPHA,
        linewidth=0,
        label=translate(lang, BAND_LABEL),
    )
    axes.plot(
        xs,
        band.expected,
        color=PROJECTION_ORANGE.hex,
        linewidth=1.4,
        label=translate(lang, TREND_LABEL),
    )


def _breaks(axes: Axes, overview: BurglaryOverview) -> None:
    years = overview.annual["year"]
    if years.empty:
        return
    if years.min() <= 2018 <= years.max():
        axes.axvline(2017.5, color=BREAK_GREY.hex, linestyle=":", linewidth=1)
        _period_label(axes, "§ 276 a (2018)", 2017.5, right_of=False)
    if years.min() <= 2021 and years.max() >= 2020:
        axes.axvspan(2019.5, 2021.5, color=PERIOD_GREY.hex, alpha=0.08, linewidth=0)
        _period_label(axes, "COVID-19", 2021.5, right_of=True)


def _period_label(axes: Axes, text: str, x: float, *, right_of: bool) -> None:
    axes.annotate(
        text,
        (x, 1),
        xycoords=("data", "axes fraction"),
        xytext=(2 if right_of else -3, -2),
        textcoords="offset points",
        ha="left" if right_of else "right",
        va="top",
        fontsize=6.5,
        color=BREAK_GREY.hex,
    )


def burglary_chart(overview: BurglaryOverview, *, lang: str = DANISH) -> Figure:
    """Annual burglaries against the required path, the target and the projection (as goal_chart)."""
    # (the other charts share the size, the fonts and the legend below the axes)
    figure = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54), layout="constrained")
    axes = figure.add_subplot()
    _bars(axes, overview, lang=lang)
    _goal(axes, overview, lang=lang)
    _band(axes, burglary_band(overview.assessment), lang=lang)
    _breaks(axes, overview)
    _danish_axes(axes, y_title=translate(lang, "Indbrud i beboelser pr. år"), lang=lang)
    axes.set_ylim(bottom=0)
    _legend(figure, axes)
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


def helper_chart(overview: HelperOverview, *, lang: str = DANISH) -> Figure:
    """Helper counts against the straight path to the target and the projection (as the Nabohjælp
    page's chart in ui/goal_charts.py)."""
    _ = translator(lang)
    figure, axes = _figure()
    counts, result = overview.counts, overview.assessment
    colour = QUALITY_COLOURS[Quality.DEMO] if overview.demo else SERIES_BLUE
    label = _("Nabohjælpere") + (_(" (eksempeldata)") if overview.demo else "")
    axes.plot(
        date2num(list(counts["count_date"])),
        list(counts["helpers"]),
        color=colour.hex,
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
            color=GOAL_GREEN.hex,
            linewidth=1.2,
            label=translate(lang, LINEAR_PATH_LABEL),
        )
        _target(axes, ends[1], result.target, lang=lang)
    band = helper_band(result)
    _band(axes, band, x=None if band is None else list(date2num(band.x)), lang=lang)
    _danish_axes(axes, y_title=_("Aktive nabohjælpere"), lang=lang)
    axes.xaxis.set_major_locator(YearLocator())
    axes.xaxis.set_major_formatter(DateFormatter("%Y"))
    axes.set_ylim(bottom=0)
    _legend(figure, axes)
    return figure


def insecurity_chart(overview: InsecurityOverview, *, lang: str = DANISH) -> Figure:
    """Each round's share with its 95 % interval, the national series, the goal and its path (as
    the Tryghed page's chart in ui/goal_charts.py)."""
    _ = translator(lang)
    figure, axes = _figure()
    rounds, goal = overview.rounds, overview.assessment.goal
    if len(rounds):
        shares = rounds["share"] * 100
        colour = (MID_GREY if overview.demo else SERIES_BLUE).hex
        label = _("{name}, 95 %-interval").format(name=overview.name) + (
            _(" (eksempeldata)") if overview.demo else ""
        )
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
            color=quality_colour(str(quality)).hex,
            label=_("Hele landet ({quality})").format(
                quality=quality_label(str(quality), lang=lang).lower()
            ),
        )
    if goal is not None:
        axes.plot(
            [goal.baseline_year, goal.target_year],
            [goal.baseline * 100, goal.target * 100],
            "--",
            color=GOAL_GREEN.hex,
            linewidth=1.2,
            label=translate(lang, LINEAR_PATH_LABEL),
        )
        axes.axhline(goal.target * 100, color=GOAL_GREEN.hex, linestyle=":", linewidth=1.2)
        axes.annotate(
            f"{translate(lang, TARGET_LABEL)} {fmt_percent(goal.target, digits=0, lang=lang)}",
            (0, goal.target * 100),
            xycoords=("axes fraction", "data"),
            xytext=(2, 3),
            textcoords="offset points",
            ha="left",
            fontsize=7,
            color=GOAL_GREEN.hex,
        )
    _danish_axes(axes, y_title=_("Andel utrygge ved indbrud (%)"), lang=lang)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{fmt_int(value, lang=lang)} %"))
    axes.set_ylim(bottom=0)
    _legend(figure, axes)
    return figure


def effect_chart(effect: PartnershipEffect, *, name: str, lang: str = DANISH) -> Figure:
    """The partner's burglaries per 1,000 households per quarter against its synthetic comparison,
    with the start and, after it, the placebo band (as the Effekt page's chart; its labels from
    models.vocabulary, translated where that module marks them)."""
    _ = translator(lang)
    figure, axes = _figure()
    result = effect.result
    if result is None or not result.series:
        return figure
    demo = _(" (eksempeldata)") if effect.demo else ""
    x = list(date2num([quarter_start(p.period) for p in result.series]))
    band = no_effect_band(result)
    if band:
        band_x = list(date2num([quarter_start(period) for period, _, _ in band]))
        axes.fill_between(
            band_x,
            [low for _, low, _ in band],
            [high for _, _, high in band],
            color=PROJECTION_ORANGE.hex,
            alpha=BAND_ALPHA,
            linewidth=0,
            label=translate(lang, NO_EFFECT_BAND_LABEL),
        )
    axes.plot(
        x,
        [p.actual for p in result.series],
        color=SERIES_BLUE.hex,
        linewidth=1.3,
        label=f"{translate(lang, ACTUAL_LABEL)}, {name}{demo}",
    )
    if any(p.counterfactual is not None for p in result.series):
        axes.plot(
            x,
            [math.nan if p.counterfactual is None else p.counterfactual for p in result.series],
            "--",
            color=PROJECTION_ORANGE.hex,
            linewidth=1.2,
            label=translate(lang, COUNTERFACTUAL_LABEL) + demo,
        )
    start = float(date2num(quarter_start(result.start_period)))
    axes.axvline(start, color=GOAL_GREEN.hex, linestyle="--", linewidth=1.2)
    _period_label(axes, translate(lang, PARTNERSHIP_START_LABEL), start, right_of=True)
    _danish_axes(axes, y_title=_("Pr. 1.000 husstande pr. kvartal"), lang=lang)
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _: fmt_decimal(value, digits=1, lang=lang))
    )
    axes.xaxis.set_major_locator(YearLocator(base=2))
    axes.xaxis.set_major_formatter(DateFormatter("%Y"))
    axes.set_ylim(bottom=0)
    # one column: the comparison's label is long, and three side by side run off the page
    figure.legend(loc="outside lower center", ncol=1, fontsize=6.5, frameon=False)
    return figure
