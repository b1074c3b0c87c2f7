"""pydeck maps built from DataFrames: data in, Deck out (no Streamlit calls)."""

import pandas as pd
import pydeck as pdk

from models.formatting import fmt_decimal, fmt_int
from models.safe_text import for_html
from models.vocabulary import DEMO_LABEL, status_colour, status_mark


def status_map(statuses: pd.DataFrame) -> pdk.Deck:
    """Municipalities as dots at their centroids, coloured by burglary goal status."""
    frame = statuses.copy()
    frame["name"] = [for_html(n) for n in frame["name"]]  # the tooltip renders HTML
    frame["colour"] = [[*status_colour(s), 210] for s in frame["status"]]
    frame["status_da"] = [status_mark(s) for s in frame["status"]]
    frame["count_da"] = [fmt_int(c) for c in frame["count"]]
    frame["rate_da"] = [fmt_decimal(r, digits=1) for r in frame["per_1000_households"]]
    frame["demo_da"] = [DEMO_LABEL if d else "" for d in frame["demo"]]
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=frame[
            [
                "name",
                "lat",
                "lon",
                "colour",
                "status_da",
                "count_da",
                "rate_da",
                "latest_year",
                "demo_da",
            ]
        ],
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_radius=3500,  # metres; the pixel bounds keep dots readable at every zoom
        radius_min_pixels=5,
        radius_max_pixels=14,
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )
    tooltip = {
        "html": "<b>{name}</b><br/>{status_da}<br/>{count_da} indbrud ({latest_year})<br/>{rate_da} pr. 1.000 husstande<br/><i>{demo_da}</i>"
    }
    view = pdk.ViewState(latitude=56.1, longitude=10.9, zoom=5.7)
    return pdk.Deck(layers=[layer], initial_view_state=view, map_style=None, tooltip=tooltip)  # type: ignore[arg-type]


def helper_map(table: pd.DataFrame) -> pdk.Deck:
    """The district's municipalities coloured by helper-goal status (grey: no goal), sized by density."""
    frame = table.copy()
    frame["name"] = [for_html(n) for n in frame["name"]]  # the tooltip renders HTML
    frame["colour"] = [
        [*status_colour(s if isinstance(s, str) else None), 210] for s in frame["status"]
    ]
    frame["status_da"] = [
        status_mark(s) if isinstance(s, str) else "Intet mål" for s in frame["status"]
    ]
    frame["latest_da"] = [fmt_int(v) for v in frame["latest"]]
    frame["density_da"] = [fmt_decimal(v, digits=1) for v in frame["per_100_households"]]
    frame["radius"] = [
        600 + 80 * (v if isinstance(v, float) and v == v else 0)
        for v in frame["per_100_households"]
    ]
    frame["demo_da"] = [DEMO_LABEL if d else "" for d in frame["demo"]]
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=frame[
            [
                "name",
                "lat",
                "lon",
                "colour",
                "radius",
                "status_da",
                "latest_da",
                "density_da",
                "demo_da",
            ]
        ],
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_radius="radius",
        radius_min_pixels=6,
        radius_max_pixels=18,
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1,
        stroked=True,
        pickable=True,
    )
    tooltip = {
        "html": "<b>{name}</b><br/>{status_da}<br/>{latest_da} nabohjælpere<br/>{density_da} pr. 100 husstande<br/><i>{demo_da}</i>"
    }
    view = pdk.ViewState(
        latitude=float(frame["lat"].mean()) if len(frame) else 56.1,
        longitude=float(frame["lon"].mean()) if len(frame) else 10.9,
        zoom=9.5
        if len(frame) and frame["lat"].max() - frame["lat"].min() < 0.5
        else 7.5
        if len(frame) and frame["lat"].max() - frame["lat"].min() < 1.5
        else 6.0,
    )
    return pdk.Deck(layers=[layer], initial_view_state=view, map_style=None, tooltip=tooltip)  # type: ignore[arg-type]
