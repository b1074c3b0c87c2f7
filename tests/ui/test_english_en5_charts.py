"""The Effekt and Hotspots pages' charts and map in English (issue 18): titles, axes, legends,
hover text and the start line in English with English numbers and months; Danish unchanged."""

import json

import pandas as pd

from models.hotspots import Cell, HotspotScan
from tests.danish_left import danish_left_in
from tests.ui.test_effect_charts import _effect
from tests.ui.test_expected_charts import TABLE
from ui.effect_charts import effect_chart
from ui.expected_charts import expected_chart
from ui.hotspot_views import hotspot_figure
from ui.maps import hotspot_map


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for inner in value.values() for s in _strings(inner)]
    if isinstance(value, list | tuple):
        return [s for inner in value for s in _strings(inner)]
    return [value] if isinstance(value, str) else []


def _danish(figure: object) -> list[str]:
    spec = json.loads(figure.to_json())  # type: ignore[attr-defined]
    return sorted({m for s in _strings(spec) for m in danish_left_in(s)})


def test_the_effect_chart_in_english() -> None:
    figure = effect_chart(_effect(too_early=False, demo=True), name="Ishøj", lang="en")
    assert _danish(figure) == []
    names = [trace.name for trace in figure.data]
    assert "Actual burglaries, Ishøj (example data)" in names
    assert "Comparison: weighted municipalities without a partnership (example data)" in names
    assert "No effect (95% placebo band)" in names
    assert figure.layout.yaxis.title.text == "Burglaries per 1,000 households per quarter"
    assert figure.layout.separators == ".,"
    assert "The partnership starts" in [a.text for a in figure.layout.annotations]
    assert figure.data[-1].customdata[0] == "Q1 2016"
    assert all(not any(c in t for c in "æøå.") for t in figure.layout.xaxis.ticktext)


def test_the_effect_chart_stays_danish() -> None:
    figure = effect_chart(_effect(too_early=False, demo=True), name="Ishøj")
    names = [trace.name for trace in figure.data]
    assert "Faktiske indbrud, Ishøj (eksempeldata)" in names
    assert "Uden virkning (95 %-placebobånd), nedre grænse" in names
    assert figure.layout.yaxis.title.text == "Indbrud pr. 1.000 husstande pr. kvartal"
    assert figure.data[-1].customdata[0] == "1. kvt. 2016"


def test_the_expected_chart_in_english() -> None:
    figure = expected_chart(TABLE, code=183, demo=True, lang="en")
    assert _danish(figure) == []
    names = [trace.name for trace in figure.data]
    assert "▼ Fewer than expected (example data)" in names
    assert figure.layout.yaxis.title.text == "Actual / expected burglaries"
    assert figure.layout.xaxis.title.text.startswith("The municipalities, ordered from fewest")
    hover = figure.data[0].hovertext[0]
    assert "20 burglaries, expected 50.0 (30-75)" in hover and "0.40 times the expected" in hover


def test_the_hotspot_map_in_english() -> None:
    hot = Cell(
        cell="250m:E711000N6168250",
        x=711_125.0,
        y=6_168_375.0,
        lat=55.62,
        lon=12.26,
        recent=1234,
        expected=1.1,
        p_value=0.00001,
        q_value=0.00001,
        hotspot=True,
        since=None,
        cluster=1,
    )
    scan = HotspotScan(
        window_from=pd.Timestamp("2026-11-05").date(),
        window_to=pd.Timestamp("2026-12-02").date(),
        weeks=4,
        size_m=250,
        min_count=3,
        cells=(hot,),
        suppressed_cells=2,
        tested_cells=20,
        baseline_from=pd.Timestamp("2024-11-07").date(),
        fdr=0.05,
    )
    danish = hotspot_figure(scan, code=183)
    assert danish.alt == hotspot_map(scan, code=183).alt  # Danish is ui.maps' own
    english = hotspot_figure(scan, code=183, lang="en")
    deck = json.loads(english.deck.to_json())
    labels = [
        f["properties"]["label"]
        for layer in deck["layers"]
        if layer.get("id") == "felter"
        for f in layer["data"]["features"]
    ]
    assert labels == ["Hotspot: 1,234 burglaries against 1.1 expected"]
    assert [e.word for e in english.legend] == [
        "Hotspot (square)",
        "Square with at least 3 burglaries",
    ]
    assert english.alt.startswith("Map of the municipality with 1 square")
    assert english.notes == ("2 squares with fewer than 3 burglaries are hidden",)
    assert list(english.table.columns)[:2] == ["Square", "Hotspot"]
    assert not [m for s in [english.alt, *english.notes, *labels] for m in danish_left_in(s)]
