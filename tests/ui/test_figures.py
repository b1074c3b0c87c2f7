"""The shared plotly look: Danish numbers and months, readable text, a timeline in Danish."""

import json
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui.charts import gantt_chart, track_progress_chart
from ui.figures import TEXT_COLOUR, danish_date_axis, danish_layout


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _spec(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


def test_text_on_white_meets_wcag_aa() -> None:
    ratio = (1.05) / (_luminance(TEXT_COLOUR) + 0.05)
    assert ratio >= 4.5, ratio
    assert _luminance("#808495") > _luminance(TEXT_COLOUR)  # darker than Streamlit's tick grey


def test_our_template_is_the_default_even_after_streamlit_is_imported() -> None:
    import plotly.io as pio
    import streamlit  # noqa: F401  (its plotly module makes "streamlit" the default on import)

    assert pio.templates.default == "botrygt"  # one merged template: no merge per figure


def test_every_figure_carries_the_danish_template() -> None:
    layout = _spec(danish_layout(go.Figure(go.Scatter(x=[1], y=[1400])), y_title="Antal"))
    template = layout["layout"]["template"]["layout"]
    assert template["separators"] == ",."  # decimal comma, thousands dot: 1.400 and 17,3
    assert template["yaxis"]["tickformat"] == ",~f"  # never "50k"
    assert template["yaxis"]["tickfont"]["color"] == TEXT_COLOUR
    assert template["xaxis"]["tickfont"]["color"] == TEXT_COLOUR
    assert template["font"]["family"].startswith('"Source Sans"')  # the font our server serves


def test_date_axis_names_months_in_danish() -> None:
    figure = go.Figure(go.Scatter(x=["2026-09-01", "2026-11-30"], y=[1, 2]))
    danish_date_axis(figure, first=date(2026, 9, 1), last=date(2026, 11, 30))
    axis = _spec(figure)["layout"]["xaxis"]
    assert axis["tickvals"] == ["2026-09-01", "2026-10-01", "2026-11-01"]
    assert axis["ticktext"] == ["sep. 2026", "okt. 2026", "nov. 2026"]


def _plan(*rows: tuple[str, str, str, str | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "title": t,
                "status": s,
                "owner_name": o,
                "track": "Spor 1",
                "start_date": a,
                "due_date": b,
            }
            for t, s, o, a, b in rows
        ]
    )


def test_timeline_bars_run_from_start_to_due_date_with_danish_hover() -> None:
    plan = _plan(
        ("Kickoff", "i gang", "Anne <b>", "2026-10-01", "2026-10-31"),
        ("Vandring", "færdig", "Bo", "2026-09-01", "2026-09-02"),
        ("Uden datoer", "i gang", "Bo", None, None),
    )
    spec = _spec(gantt_chart(plan, today=date(2026, 12, 2)))
    bars = {trace["name"]: trace for trace in spec["data"]}
    assert set(bars) == {"i gang", "færdig"}  # a trace per status: the legend; undated left out
    going = bars["i gang"]
    assert going["base"] == ["2026-10-01"] and going["y"] == ["Kickoff"]
    assert going["x"] == [30 * 24 * 3600 * 1000]  # 30 days, in milliseconds on a date axis
    assert going["customdata"][0][:2] == ["1. okt. 2026 – 31. okt. 2026", "Anne &lt;b&gt;"]
    axis = spec["layout"]["xaxis"]
    assert axis["type"] == "date" and len(axis["ticktext"]) <= 4
    assert all(label.split()[0] in {"sep.", "okt.", "nov.", "dec."} for label in axis["ticktext"])


def test_timeline_keeps_items_with_the_same_short_label_apart() -> None:
    long = "Møde med lokale erhvervsdrivende om "
    plan = _plan(
        (long + "tyverisikring", "i gang", "Bo", "2026-10-01", "2026-10-31"),
        (long + "belysning", "i gang", "Bo", "2026-11-01", "2026-11-30"),
    )
    bars = _spec(gantt_chart(plan, today=date(2026, 12, 2)))["data"][0]
    assert len(set(bars["y"])) == 2 and bars["y"][1].endswith("(2)")
    assert [c[3] for c in bars["customdata"]] == [long + "tyverisikring", long + "belysning"]


@pytest.mark.parametrize(
    ("progress", "texts"),
    [({"Spor 1": 0.5, "Spor 2": None}, ["50 %", "–"]), ({"Organisering": 1.0}, ["100 %"])],
)
def test_track_progress_shows_percent_and_dash_for_none(
    progress: dict[str, float | None], texts: list[str]
) -> None:
    spec = _spec(track_progress_chart(progress))
    assert spec["data"][0]["text"] == texts
    assert spec["layout"]["xaxis"]["tickvals"] == [0, 25, 50, 75, 100]
