"""The maps: real boundaries (DAGI, shipped in dataio/seed/reference/geo/) coloured by status,
with a legend, a Danish tooltip, a text alternative and no basemap from anywhere.

- No basemap: `map_provider=None` leaves pydeck's style sentinel in the JSON, which Streamlit's
  frontend reads as "no map style" (with `map_style=None` it fetches a style from an outside
  tile host). The sea is a pale rectangle drawn by us.
- Status is told by colour, by a shape drawn at each municipality's centroid (TextLayer, with
  its character set given: deck.gl draws only the characters in it) and by the word in the
  tooltip and the legend.
- Fixed layer ids and compact JSON with sorted keys (`CompactDeck`): the same data gives the
  same bytes, so Streamlit's message cache sends an unchanged map as a reference to what the
  browser already holds instead of sending it again.

Builders return a `MapFigure` (no Streamlit calls); `show_map` draws it.
"""

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from dataio.seed.geo import BOUNDARY_SOURCE, municipality_shapes, police_district_shapes
from models.domain import Status
from models.formatting import fmt_count, fmt_date, fmt_decimal, fmt_int
from models.geo import Bounds, bounds, fit_view
from models.hotspot_text import expected_text, hotspot_rows, suppression_line
from models.hotspots import HotspotScan, cell_corners
from models.i18n import DANISH, N_, translate_plural, translator
from models.safe_text import for_html, for_markdown
from models.vocabulary import (
    ALERT_RED,
    DEMO_LABEL,
    MID_GREY,
    NO_GOAL_COLOUR,
    NO_GOAL_LABEL,
    NO_GOAL_SHAPE,
    PALE_BLUE,
    PROJECTION_ORANGE,
    Colour,
    status_colour,
    status_label,
    status_shape,
)
from ui.built_once import built_once

SEA = [236, 242, 247, 255]
OUTLINE = [255, 255, 255, 255]  # between municipalities
DISTRICT_LINE = [40, 40, 40, 255]  # police districts
MARK_COLOUR = [20, 20, 20, 255]  # the status shapes on the fills
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
STATUS_ORDER = (
    Status.ON_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.OFF_TRACK,
    Status.INSUFFICIENT_EVIDENCE,
)


class CompactDeck(pdk.Deck):
    """pydeck's Deck with deterministic, compact JSON (pydeck indents by two spaces, which
    about triples the size of a boundary map)."""

    def to_json(self) -> str:
        """Sorted keys, no whitespace; written once (a deck is not changed after it is built,
        and a cached map is drawn for many sessions: `cached_map`)."""
        written: str | None = self.__dict__.get("_written_json")
        if written is None:
            written = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":")
            )
            self.__dict__["_written_json"] = written
        return written


@dataclass(frozen=True)
class LegendEntry:
    """One line of a map's legend: the shape, its colour, the word and how many areas."""

    shape: str
    colour: Colour
    word: str
    count: int


@dataclass(frozen=True)
class MapFigure:
    """A map ready to draw: the deck, its legend, a one-sentence text alternative and the
    table of the numbers it shows (behind an expander)."""

    deck: pdk.Deck
    legend: tuple[LegendEntry, ...]
    alt: str
    table: pd.DataFrame
    source: str = BOUNDARY_SOURCE
    notes: tuple[str, ...] = field(default=())


def _fill(colour: Colour, alpha: int = 235) -> list[int]:
    return [colour.red, colour.green, colour.blue, alpha]


def _sea(box: Bounds | None) -> pdk.Layer:
    west, south, east, north = box if box is not None else Bounds(7.5, 54.4, 15.3, 57.9)
    pad_x, pad_y = (east - west) * 0.6 + 0.05, (north - south) * 0.6 + 0.05
    ring = [
        [west - pad_x, south - pad_y],
        [east + pad_x, south - pad_y],
        [east + pad_x, north + pad_y],
        [west - pad_x, north + pad_y],
    ]
    return pdk.Layer(
        "PolygonLayer",
        id="hav",
        data=[{"polygon": ring}],
        get_polygon="polygon",
        get_fill_color=SEA,
        stroked=False,
        pickable=False,
    )


def _areas(features: list[dict[str, Any]], *, layer_id: str) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        id=layer_id,
        data={"type": "FeatureCollection", "features": features},
        filled=True,
        stroked=True,
        get_fill_color="properties.fill",
        get_line_color=OUTLINE,
        line_width_min_pixels=0.5,
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 255, 255, 90],
    )


def _districts(numbers: list[int]) -> pdk.Layer:
    shapes = police_district_shapes()
    features = [
        {"type": "Feature", "properties": {}, "geometry": shapes[n]} for n in numbers if n in shapes
    ]
    return pdk.Layer(
        "GeoJsonLayer",
        id="politikredse",
        data={"type": "FeatureCollection", "features": features},
        filled=False,
        stroked=True,
        get_line_color=DISTRICT_LINE,
        line_width_min_pixels=1.5,
        pickable=False,
    )


def character_set(texts: list[str]) -> str:
    """Every character the TextLayer will draw, sorted (deck.gl leaves out the others, and a
    sorted set keeps the map's JSON the same from run to run)."""
    return "".join(sorted({c for text in texts for c in text} | {" "}))


def _text_layer(layer_id: str, rows: list[dict[str, Any]], **props: Any) -> pdk.Layer:
    """A TextLayer whose font and character set reach deck.gl as plain strings (pydeck turns a
    string argument into an expression, "@@=...", so they are set after construction)."""
    layer = pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=rows,
        get_position=["lon", "lat"],
        get_text="text",
        get_color=MARK_COLOUR,
        pickable=False,
        **props,
    )
    layer.fontFamily = FONT
    layer.characterSet = character_set([str(r["text"]) for r in rows])
    return layer


def _marks(rows: list[dict[str, Any]], *, layer_id: str, size: int = 13) -> pdk.Layer:
    return _text_layer(layer_id, rows, get_size=size)


def _deck(
    layers: list[pdk.Layer],
    box: Bounds | None,
    tooltip: dict[str, Any],
    *,
    height: int,
    width: int = 650,
) -> pdk.Deck:
    view = fit_view(box, width_px=width, height_px=height)
    return CompactDeck(
        layers=[_sea(box), *layers],
        initial_view_state=pdk.ViewState(
            latitude=view.latitude, longitude=view.longitude, zoom=view.zoom
        ),
        map_provider=None,  # no basemap: nothing is fetched from a tile host
        tooltip=tooltip,
    )


def _status_legend(statuses: list[str | None], lang: str = DANISH) -> tuple[LegendEntry, ...]:
    counts = pd.Series([s if s is not None else Status.INSUFFICIENT_EVIDENCE for s in statuses])
    return tuple(
        LegendEntry(
            status_shape(s),
            status_colour(s),
            status_label(s, lang=lang),
            int((counts == s).sum()),
        )
        for s in STATUS_ORDER
    )


# models.vocabulary.NO_GOAL_LABEL, marked here (its module does not mark it) for the helper map
_NO_GOAL = N_("Intet mål")
# dataio.seed.geo.BOUNDARY_SOURCE, marked here so that a map can name its source in its language
_BOUNDARY_SOURCE = N_("Kommunegrænser: DAGI, Geodatastyrelsen (1:500.000, forenklet)")


def status_map(statuses: pd.DataFrame, *, lang: str = DANISH) -> MapFigure:
    """Denmark's municipalities coloured by their burglary goal status, police districts outlined."""
    _ = translator(lang)
    shapes = municipality_shapes()
    rows = statuses[statuses["code"].isin(list(shapes))].sort_values("code")
    features, marks = [], []
    for r in rows.itertuples():
        features.append(
            {
                "type": "Feature",
                "geometry": shapes[int(r.code)],
                "properties": {
                    "name": for_html(str(r.name)),  # the tooltip renders HTML
                    "fill": _fill(status_colour(r.status)),
                    "status_da": f"{status_shape(r.status)} {status_label(r.status, lang=lang)}",
                    "count_da": fmt_int(r.count, lang=lang),
                    "rate_da": fmt_decimal(r.per_1000_households, digits=1, lang=lang),
                    "year": int(r.latest_year),
                    "demo_da": _(DEMO_LABEL) if r.demo else "",
                },
            }
        )
        marks.append({"lon": float(r.lon), "lat": float(r.lat), "text": status_shape(r.status)})
    box = bounds(shapes[int(c)] for c in rows["code"] if int(c) != 411)  # Christiansø: a dot
    layers = [
        _areas(features, layer_id="kommuner"),
        _districts(sorted(police_district_shapes())),
        _marks(marks, layer_id="statusmaerker", size=11),
    ]
    # the tooltip's placeholders ({name}...) are deck.gl's, filled in the browser: the words
    # around them are translated first, then the placeholders put back as they were
    tooltip = {
        "html": "<b>{name}</b><br/>{status_da}<br/>"
        + _("{count} indbrud ({year})").format(count="{count_da}", year="{year}")
        + "<br/>"
        + _("{rate} pr. 1.000 husstande").format(rate="{rate_da}")
        + "<br/><i>{demo_da}</i>",
        "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "14px"},
    }
    legend = _status_legend(list(rows["status"]), lang)
    parts = ", ".join(f"{fmt_int(e.count, lang=lang)} {e.word.lower()}" for e in legend)
    alt = _(
        "Danmarkskort over {count} kommuner farvet efter status mod indbrudsmålet: {parts}. "
        "Tallene pr. kommune står i tabellen under kortet."
    ).format(count=fmt_int(len(rows), lang=lang), parts=parts)
    name = _("Kommune")
    table = pd.DataFrame(
        {
            name: rows["name"],
            _("Politikreds"): rows["police_district"],
            _("Status"): [status_label(s, lang=lang) for s in rows["status"]],
            _("Indbrud ({year})").format(
                year=int(rows["latest_year"].max()) if len(rows) else ""
            ): [fmt_int(c, lang=lang) for c in rows["count"]],
            _("Pr. 1.000 husstande"): [
                fmt_decimal(v, digits=1, lang=lang) for v in rows["per_1000_households"]
            ],
        }
    ).sort_values(name)
    source = BOUNDARY_SOURCE if lang == DANISH else _(_BOUNDARY_SOURCE)
    return MapFigure(_deck(layers, box, tooltip, height=520), legend, alt, table, source=source)


def helper_map(table: pd.DataFrame, *, lang: str = DANISH) -> MapFigure:
    """The district's municipalities coloured by helper-goal status (pale: no goal), the district
    outlined; helpers per 100 households in the tooltip."""
    _ = translator(lang)
    no_goal = _(NO_GOAL_LABEL)
    shapes = municipality_shapes()
    rows = table[table["code"].isin(list(shapes))].sort_values("code")
    features, marks, kinds = [], [], []
    for r in rows.itertuples():
        status = r.status if isinstance(r.status, str) else None
        shape = status_shape(status) if status else NO_GOAL_SHAPE
        kinds.append(status)
        features.append(
            {
                "type": "Feature",
                "geometry": shapes[int(r.code)],
                "properties": {
                    "name": for_html(str(r.name)),
                    "fill": _fill(status_colour(status) if status else NO_GOAL_COLOUR),
                    "status_da": f"{shape} {status_label(status, lang=lang) if status else no_goal}",
                    "latest_da": fmt_int(r.latest, lang=lang),
                    "density_da": fmt_decimal(r.per_100_households, digits=1, lang=lang),
                    "demo_da": _(DEMO_LABEL) if r.demo else "",
                },
            }
        )
        marks.append({"lon": float(r.lon), "lat": float(r.lat), "text": shape})
    districts = sorted({int(n) for n in rows["police_district_number"]})
    box = bounds([shapes[int(c)] for c in rows["code"]])
    layers = [
        _areas(features, layer_id="kommuner"),
        _districts(districts),
        _marks(marks, layer_id="statusmaerker"),
    ]
    # deck.gl's placeholders put back into the translated words (as in status_map)
    tooltip = {
        "html": "<b>{name}</b><br/>{status_da}<br/>"
        + _("{count} nabohjælpere").format(count="{latest_da}")
        + "<br/>"
        + _("{rate} pr. 100 husstande").format(rate="{density_da}")
        + "<br/><i>{demo_da}</i>",
        "style": {"backgroundColor": "#222", "color": "#fff", "fontSize": "14px"},
    }
    legend = (
        *(e for e in _status_legend([k for k in kinds if k is not None], lang) if e.count),
        # the pale fill's shape in the legend in a grey that reads on white
        LegendEntry(NO_GOAL_SHAPE, MID_GREY, no_goal, sum(k is None for k in kinds)),
    )
    parts = ", ".join(f"{fmt_int(e.count, lang=lang)} {e.word.lower()}" for e in legend if e.count)
    alt = _(
        "Kort over politikredsens {count} kommuner farvet efter status mod rekrutteringsmålet: "
        "{parts}. Tallene står i tabellen under kortet."
    ).format(count=fmt_int(len(rows), lang=lang), parts=parts)
    name = _("Kommune")
    numbers = pd.DataFrame(
        {
            name: rows["name"],
            _("Status"): [status_label(k, lang=lang) if k is not None else no_goal for k in kinds],
            _("Nabohjælpere"): [fmt_int(v, lang=lang) for v in rows["latest"]],
            _("Pr. 100 husstande"): [
                fmt_decimal(v, digits=1, lang=lang) for v in rows["per_100_households"]
            ],
        }
    ).sort_values(name)
    source = BOUNDARY_SOURCE if lang == DANISH else _(_BOUNDARY_SOURCE)
    # drawn in the right-hand column of the page, about 320 px wide at 1280
    return MapFigure(
        _deck(layers, box, tooltip, height=320, width=320), legend, alt, numbers, source=source
    )


def _outline(outline: list[dict[str, Any]]) -> pdk.Layer:
    """One municipality's boundary, pale with a dark line, under what is drawn on it."""
    return pdk.Layer(
        "GeoJsonLayer",
        id="kommune",
        data={
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": g} for g in outline],
        },
        filled=True,
        stroked=True,
        get_fill_color=[250, 250, 248, 255],
        get_line_color=DISTRICT_LINE,
        line_width_min_pixels=1.5,
        pickable=False,
    )


def walks_map(walks: pd.DataFrame, *, code: int, lang: str = DANISH) -> MapFigure | None:
    """The municipality's outline and its walks with open follow-ups, where a position is known."""
    _ = translator(lang)
    placed = walks[walks["lat"].notna() & (walks["open"] > 0)].sort_values("id")
    if placed.empty:
        return None
    shapes = municipality_shapes()
    outline = [shapes[code]] if code in shapes else []
    dates = [fmt_date(pd.Timestamp(d).date(), lang=lang) for d in placed["walk_date"]]

    def open_ones(count: int) -> str:
        word = translate_plural(lang, "åben opfølgning", "åbne opfølgninger", count)
        return f"{fmt_int(count, lang=lang)} {word}"

    points: list[dict[str, Any]] = [
        {
            "lon": float(r.lon),
            "lat": float(r.lat),
            "label": f"{r.area} ({day}): {open_ones(int(r.open))}",
        }
        for r, day in zip(placed.itertuples(), dates, strict=True)
    ]
    labels: list[dict[str, Any]] = [
        {"lon": float(r.lon), "lat": float(r.lat), "text": str(r.area)} for r in placed.itertuples()
    ]
    orange = _fill(PROJECTION_ORANGE, 230)
    layers = [
        _outline(outline),
        pdk.Layer(
            "ScatterplotLayer",
            id="vandringer",
            data=points,
            get_position=["lon", "lat"],
            get_fill_color=orange,
            get_line_color=[255, 255, 255, 255],
            stroked=True,
            line_width_min_pixels=1,
            get_radius=150,
            radius_min_pixels=7,
            pickable=True,
        ),
        _text_layer("vandringsnavne", labels, get_size=14, get_pixel_offset=[0, -18]),
    ]
    box = bounds(outline, points=[(p["lon"], p["lat"]) for p in points])
    legend = (
        LegendEntry(
            "●", PROJECTION_ORANGE, _("Tryghedsvandring med åbne opfølgninger"), len(points)
        ),
    )
    alt = translate_plural(
        lang,
        "Kort over kommunen med {count} tryghedsvandring med åbne opfølgninger: {walks}.",
        "Kort over kommunen med {count} tryghedsvandringer med åbne opfølgninger: {walks}.",
        len(points),
    ).format(count=fmt_int(len(points), lang=lang), walks="; ".join(p["label"] for p in points))
    table = pd.DataFrame(
        {
            _("Område"): [str(a) for a in placed["area"]],
            _("Dato"): dates,
            _("Åbne opfølgninger"): [fmt_int(v, lang=lang) for v in placed["open"]],
        }
    )
    tooltip = {"text": "{label}"}
    source = BOUNDARY_SOURCE if lang == DANISH else _(_BOUNDARY_SOURCE)
    return MapFigure(_deck(layers, box, tooltip, height=320), legend, alt, table, source=source)


def hotspot_map(result: HotspotScan, *, code: int) -> MapFigure:
    """The municipality's outline and its squares with at least `min_count` incidents in the
    window: hotspots red and numbered by cluster, the others pale; the tooltip names the count
    against the expected."""
    shapes = municipality_shapes()
    outline = [shapes[code]] if code in shapes else []
    features = []
    for cell in result.cells:
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "label": (
                        ("Hotspot: " if cell.hotspot else "")
                        + f"{fmt_int(cell.recent)} indbrud mod {expected_text(cell.expected)} "
                        f"forventet"
                    ),
                    "fill": _fill(ALERT_RED, 220) if cell.hotspot else _fill(PALE_BLUE, 200),
                },
                "geometry": {"type": "Polygon", "coordinates": [cell_corners(cell.cell)]},
            }
        )
    marks = [
        {"lon": c.lon, "lat": c.lat, "text": f"{c.cluster}"} for c in result.hotspots if c.cluster
    ]
    layers = [
        _outline(outline),
        pdk.Layer(
            "GeoJsonLayer",
            id="felter",
            data={"type": "FeatureCollection", "features": features},
            filled=True,
            stroked=True,
            get_fill_color="properties.fill",
            get_line_color=[60, 60, 60, 255],
            line_width_min_pixels=0.5,
            pickable=True,
        ),
        _text_layer("klynger", marks, get_size=16, get_pixel_offset=[0, -16]),
    ]
    box = bounds(outline, points=[(c.lon, c.lat) for c in result.cells])
    hotspots = len(result.hotspots)
    legend = (
        LegendEntry("■", ALERT_RED, "Hotspot (felt)", hotspots),
        LegendEntry(
            "■",
            PALE_BLUE,
            f"Felt med mindst {result.min_count} indbrud",
            len(result.cells) - hotspots,
        ),
    )
    alt = (
        f"Kort over kommunen med {fmt_count(len(result.cells), one='felt', many='felter')} med mindst "
        f"{fmt_int(result.min_count)} indbrud i perioden, heraf "
        f"{fmt_count(hotspots, one='hotspot', many='hotspots')}."
    )
    table = hotspot_rows(result)
    notes = tuple(n for n in [suppression_line(result.suppressed_cells, result.min_count)] if n)
    return MapFigure(
        _deck(layers, box, {"text": "{label}"}, height=420), legend, alt, table, notes=notes
    )


def legend_markdown(entries: tuple[LegendEntry, ...], *, lang: str = DANISH) -> str:
    """The legend as markdown lines: the shape in its colour, the word, the count."""
    lines = []
    for e in entries:
        mark = f':color[{e.shape}]{{foreground="{e.colour.hex}"}}'
        lines.append(f"{mark} {e.word}: **{fmt_int(e.count, lang=lang)}**")
    return "  \n".join(lines)


def cached_map(
    build: Callable[[], MapFigure],
    *,
    key: str,
    version: int,
    cache_key: Hashable,
    height: int,
    legend_beside: bool = True,
    lang: str = DANISH,
) -> None:
    """`show_map(build())`, building the map (boundaries, marks, its JSON) only the first time
    any session asks for this `version` and `cache_key`: the loader arguments its data came from.
    `lang` is the language of the frame around the map (the map's own words are `build`'s) and
    part of the cache key."""
    figure = built_once(
        build,
        key=key,
        version=version,
        cache_key=cache_key if lang == DANISH else (cache_key, lang),
    )
    show_map(figure, key=key, height=height, legend_beside=legend_beside, lang=lang)


def show_map(
    figure: MapFigure,
    *,
    key: str,
    height: int,
    legend_beside: bool = True,
    lang: str = DANISH,
) -> None:
    """The map with its legend beside it (or below, in a narrow column), the source of the
    boundaries, and its numbers as a table behind an expander."""
    _ = translator(lang)
    if legend_beside:
        left, right = st.columns([4, 1])
    else:
        left = right = st.container()
    with left:
        st.pydeck_chart(figure.deck, height=height, key=key, alt=figure.alt)
    with right:
        st.markdown("**" + _("Signatur") + "**  \n" + legend_markdown(figure.legend, lang=lang))
        st.caption(_(figure.source))
    with st.expander(_("Kortets tal som tekst")):
        st.markdown(for_markdown(figure.alt))
        st.dataframe(figure.table, hide_index=True)
