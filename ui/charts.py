"""Plotly figures built from overviews: data in, figure out (no Streamlit calls)."""

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dataio.store.burglaries import BurglaryOverview
from dataio.store.comparison import RateComparison
from models.bands import burglary_band
from models.domain import Quality
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_period
from models.i18n import DANISH, N_, translate, translator
from models.overlay import ACTION_KINDS, DayMark, QuarterMark
from models.periods import quarter_end, quarter_start
from models.safe_text import for_html
from models.vocabulary import (
    ACTION_COLOURS,
    ACTION_SYMBOLS,
    ALERT_RED,
    BREAK_GREY,
    CONSTANT_RATE_PATH_LABEL,
    ITEM_STATUS_COLOURS,
    LIGHT_GREY,
    LINEAR_PATH_LABEL,
    PALE_BLUE,
    PERIOD_GREY,
    PROJECTION_ORANGE,
    PROVISIONAL_LABEL,
    SERIES_BLUE,
    quality_colour,
    quality_label,
)
from ui.figures import (
    add_band,
    add_path,
    add_target,
    danish_date_axis,
    danish_layout,
    number_axis,
    top_label,
    vline,
    vrect,
)


def _annual_bars(figure: go.Figure, overview: BurglaryOverview, lang: str = DANISH) -> None:
    burglaries = translate(lang, "indbrud")
    for quality, rows in overview.annual.groupby("quality", sort=False):
        label = quality_label(str(quality), lang=lang)
        figure.add_bar(
            x=rows["year"],
            y=rows["count"],
            name=label,
            marker={
                "color": quality_colour(str(quality)).hex,
                "pattern": {"shape": "/" if quality == Quality.DEMO else ""},
            },
            hovertemplate="%{x}: %{y:,.0f} " + burglaries + "<extra>" + label + "</extra>",
        )


def _provisional_marks(overview: BurglaryOverview, lang: str = DANISH) -> list[dict[str, Any]]:
    """A complete year whose last quarter is still provisional says so above its bar."""
    return [
        {
            "x": row.year,
            "y": row.count,
            "text": translate(lang, PROVISIONAL_LABEL),
            "showarrow": False,
            "yshift": 10,
            "font": {"size": 10, "color": PROJECTION_ORANGE.hex},
        }
        for row in overview.annual[overview.annual["provisional"].astype(bool)].itertuples()
    ]


def _goal_lines(figure: go.Figure, overview: BurglaryOverview, lang: str = DANISH) -> None:
    _ = translator(lang)
    result = overview.assessment
    goal = result.goal
    if goal is None:
        return
    years = [p.year for p in result.path]
    add_path(figure, years, [p.linear for p in result.path], name=_(LINEAR_PATH_LABEL), dash="dash")
    add_path(
        figure,
        years,
        [p.constant_rate for p in result.path],
        name=_(CONSTANT_RATE_PATH_LABEL),
        dash="dot",
    )
    default_note = _(" (standardmålår)") if goal.target_year_is_default else ""
    add_target(
        figure,
        goal.target_year,
        goal.target,
        text=_("Mål {target}{note}").format(
            target=fmt_int(round(goal.target), lang=lang), note=default_note
        ),
        lang=lang,
    )


def _annual_breaks(overview: BurglaryOverview) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The 2018 law change and the COVID years: (shapes, annotations)."""
    years = overview.annual["year"]
    shapes: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    if years.empty:
        return shapes, labels
    if years.min() <= 2018 <= years.max():
        shapes.append(vline(2017.5, colour=BREAK_GREY.hex))
        labels.append(top_label(2017.5, "§ 276 a (2018)", side="left"))
    if years.min() <= 2021 and years.max() >= 2020:
        shapes.append(vrect(2019.5, 2021.5, colour=PERIOD_GREY.hex, opacity=0.08))
        labels.append(top_label(2021.5, "COVID-19", side="left"))
    return shapes, labels


def goal_chart(overview: BurglaryOverview, *, lang: str = DANISH) -> go.Figure:
    """Annual burglaries against the required path, the target and the projection."""
    figure = go.Figure()
    _annual_bars(figure, overview, lang)
    _goal_lines(figure, overview, lang)
    add_band(figure, burglary_band(overview.assessment), lang=lang)
    shapes, labels = _annual_breaks(overview)
    figure.update_xaxes(dtick=2)
    return danish_layout(
        figure,
        y_title=translate(lang, "Indbrud i beboelser pr. år"),
        shapes=shapes,
        annotations=_provisional_marks(overview, lang) + labels,
        lang=lang,
    )


# models.overlay.ACTION_KINDS' legend words, marked here (their module does not mark them) so
# that a chart can show them in its language
_ACTION_WORDS = (
    N_("Aktivitet i handlingsplanen færdig"),
    N_("Tryghedsvandring"),
    N_("Mobil politistation"),
    N_("Rekrutteringsaktivitet (Nabohjælp)"),
)


def add_action_marks(
    figure: go.Figure,
    marks: Sequence[QuarterMark | DayMark],
    *,
    x: Sequence[object],
    count_word: str,
    lang: str = DANISH,
) -> None:
    """One legend entry per kind of action, each mark at its x and height, with the series' value
    there in the hover ("(indbrud i kvartalet: 35)"; `count_word` already in the language)."""
    placed = list(zip(marks, x, strict=True))
    for kind, danish in ACTION_KINDS.items():
        label = translate(lang, danish)
        own = [(m, at) for m, at in placed if m.kind == kind]
        if not own:
            continue
        figure.add_scatter(
            x=[at for _, at in own],
            y=[m.height for m, _ in own],
            mode="markers",
            name=label,
            marker={
                "symbol": ACTION_SYMBOLS[kind],
                "size": 11,
                "color": ACTION_COLOURS[kind].hex,
                "line": {"color": "white", "width": 1},
            },
            customdata=[
                f"{for_html(_mark_text(m.text, lang))} ({count_word}: "
                f"{fmt_int(_series_value(m), lang=lang)})"
                for m, _ in own
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )


def _mark_text(text: str, lang: str) -> str:
    """A mark's hover text ('Tryghedsvandring: Vejleåparken; Gadekæret') with its kind's word in
    the language (the titles after it are the partnership's own)."""
    if lang == DANISH:
        return text
    more = re.search(r" og (\d+) mere$", text)
    if more:
        rest = int(more.group(1))
        text = (
            text[: more.start()]
            + " "
            + translate(lang, "og {count} mere").format(count=fmt_int(rest, lang=lang))
        )
    for danish in ACTION_KINDS.values():
        if text.startswith(danish + ":"):
            return translate(lang, danish) + text[len(danish) :]
    return text


def _series_value(mark: QuarterMark | DayMark) -> float:
    return mark.count if isinstance(mark, QuarterMark) else round(mark.value)


def quarter_chart(
    overview: BurglaryOverview, *, marks: Sequence[QuarterMark] = (), lang: str = DANISH
) -> go.Figure:
    """Quarterly counts with the law change, COVID years and the provisional quarter marked, and
    the partnership's actions (`models.overlay.quarter_marks`) as markers on their quarter."""
    _ = translator(lang)
    quarters = overview.quarters
    figure = go.Figure()
    x = [quarter_start(p) for p in quarters["period"]]
    name = _("Indbrud pr. kvartal") + (_(" (eksempeldata)") if overview.demo else "")
    figure.add_scatter(
        x=x,
        y=quarters["count"],
        mode="lines+markers",
        name=name,
        line={"color": SERIES_BLUE.hex},
        marker={"size": 4},
        customdata=quarters["period"]
        if lang == DANISH
        else [fmt_period(str(p), lang=lang) for p in quarters["period"]],
        hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
    )
    add_action_marks(
        figure,
        marks,
        x=[quarter_start(m.period) for m in marks],
        count_word=_("indbrud i kvartalet"),
        lang=lang,
    )
    shapes, labels = [], []
    for item in overview.breaks:
        start, end = quarter_start(item.first_period), quarter_end(item.last_period)
        if item.kind == "law_change":
            shapes.append(vline(start, colour=BREAK_GREY.hex))
            labels.append(top_label(start, "§ 276 a", side="right"))
        else:
            provisional = item.kind == "provisional"
            colour = PROJECTION_ORANGE if provisional else PERIOD_GREY
            shapes.append(vrect(start, end, colour=colour.hex, opacity=0.12))
            labels.append(
                top_label(start, _("Foreløbigt") if provisional else "COVID-19", side="right")
            )
    if x:
        danish_date_axis(figure, first=min(x), last=max(x))
    return danish_layout(
        figure,
        y_title=_("Indbrud i beboelser pr. kvartal"),
        height=360,
        shapes=shapes,
        annotations=labels,
        lang=lang,
    )


def rate_chart(comparison: RateComparison, *, name: str, lang: str = DANISH) -> go.Figure:
    """Burglaries per 1,000 households: the municipality, its peers and the nation."""
    _ = translator(lang)
    labels = [name, _("Sammenlignelige kommuner"), _("Hele landet")]
    values = [comparison.municipality, comparison.peers, comparison.national]
    figure = go.Figure(
        go.Bar(
            x=[v or 0 for v in values],
            y=labels,
            orientation="h",
            marker={"color": [SERIES_BLUE.hex, PALE_BLUE.hex, PALE_BLUE.hex]},
            text=[fmt_decimal(v, digits=1, lang=lang) for v in values],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
        )
    )
    title = _("Indbrud pr. 1.000 husstande, {year}").format(year=comparison.year) + (
        _(" (husstande tilnærmet)") if comparison.approximate_households else ""
    )
    figure.update_yaxes(autorange="reversed")
    number_axis(figure)
    return danish_layout(figure, y_title="", height=260, title=title, lang=lang)


def _distinct(labels: list[str]) -> list[str]:
    """Labels on a category axis must differ, or two items share one row: number repeats."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _timeline_bars(figure: go.Figure, dated: pd.DataFrame, lang: str = DANISH) -> None:
    """One horizontal bar per item from its start to its due date, a trace per status (the
    legend); what px.timeline draws, at a fraction of its cost, with the language's dates on
    hover. A status is a stored Danish word, said in the language where the catalogue has it."""
    _ = translator(lang)
    starts = pd.to_datetime(dated["start_date"])
    lengths = (pd.to_datetime(dated["due_date"]) - starts).dt.total_seconds() * 1000
    spans = [
        f"{fmt_date(a.date(), lang=lang)} – {fmt_date(b.date(), lang=lang)}"
        for a, b in zip(starts, pd.to_datetime(dated["due_date"]), strict=True)
    ]
    dated = dated.assign(_start=starts.dt.strftime("%Y-%m-%d"), _length=lengths, _span=spans)
    for status, rows in dated.groupby("status", sort=False):
        shown = _(str(status))
        figure.add_bar(
            base=list(rows["_start"]),
            x=list(rows["_length"]),
            y=list(rows["label"]),
            orientation="h",
            name=shown,
            marker={"color": ITEM_STATUS_COLOURS.get(str(status), LIGHT_GREY).hex},
            customdata=rows[["_span", "owner_name", "track", "full_title"]].to_numpy().tolist(),
            hovertemplate=(
                "%{customdata[3]}<br>%{customdata[0]}<br>"
                + _("Ansvarlig: {owner}").format(owner="%{customdata[1]}")
                + "<br>"
                + _("Spor: {track}").format(track="%{customdata[2]}")
                + "<extra>"
                + for_html(shown)
                + "</extra>"
            ),
        )


def gantt_chart(items: pd.DataFrame, *, today: date, lang: str = DANISH) -> go.Figure:
    """The plan on a timeline, coloured by status, with a line for today."""
    dated = items.dropna(subset=["start_date", "due_date"]).copy()
    # plotly renders HTML in labels and hover text: user text is escaped (models.safe_text)
    # short labels leave the bars room in the page's narrow column; the hover has the whole title
    dated["label"] = _distinct(
        [for_html(t if len(t) <= 34 else t[:32] + "…") for t in dated["title"]]
    )
    dated["full_title"] = [for_html(t) for t in dated["title"]]
    dated["owner_name"] = [for_html(o) for o in dated["owner_name"]]
    dated["track"] = [for_html(str(t)) for t in dated["track"]]
    figure = go.Figure()
    _timeline_bars(figure, dated, lang)
    figure.update_xaxes(type="date")
    figure.update_yaxes(autorange="reversed", title="", type="category")
    figure.update_layout(barmode="overlay", legend_title_text="Status")
    days = [
        *pd.to_datetime(dated["start_date"]).dt.date,
        *pd.to_datetime(dated["due_date"]).dt.date,
    ]
    if days:
        # a narrow column beside long titles: few ticks, or plotly turns them on their side
        danish_date_axis(figure, first=min([*days, today]), last=max([*days, today]), most=4)
    midnight = datetime.combine(today, datetime.min.time())
    today_label = top_label(midnight, translate(lang, "I dag"), side="right") | {
        "font": {"color": ALERT_RED.hex}
    }
    return danish_layout(
        figure,
        y_title="",
        height=max(320, 22 * len(dated) + 120),
        shapes=[vline(midnight, colour=ALERT_RED.hex, dash="dash")],
        annotations=[today_label],
        hovermode="closest",
        lang=lang,
    )


def track_progress_chart(progress: dict[str, float | None], *, lang: str = DANISH) -> go.Figure:
    """Average progress per track (blank where a track has no counting items)."""
    tracks = list(progress)
    values = [None if v is None else v * 100 for v in progress.values()]
    figure = go.Figure(
        go.Bar(
            x=[v or 0 for v in values],
            y=tracks,
            orientation="h",
            marker={"color": SERIES_BLUE.hex},
            text=["–" if v is None else f"{fmt_decimal(v, digits=0, lang=lang)} %" for v in values],
            textposition="auto",
        )
    )
    figure.update_xaxes(
        range=[0, 104], tickvals=[0, 25, 50, 75, 100], title=translate(lang, "Fremdrift (%)")
    )
    figure.update_yaxes(autorange="reversed")
    return danish_layout(figure, y_title="", height=240, lang=lang)
