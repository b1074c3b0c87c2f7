"""AppTest: the Kommune page's quarter chart shows the partnership's finished plan items, safety
walks and recruitment activities as markers on their quarter, with the caption that it is a
comparison, not proof of cause; only for those who may read the municipality's plan."""

import base64
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

from models.overlay import ACTION_KINDS, OVERLAY_CAPTION
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/1_Kommune.py"


def values(y: object) -> list[float]:
    """A trace's y as numbers: plotly writes arrays from pandas as typed base64 data."""
    if isinstance(y, dict):
        return [float(v) for v in np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"])]
    assert isinstance(y, list)
    return [float(v) for v in y]


def quarter_chart(at: AppTest) -> dict[str, Any]:
    _, quarters, _, _ = plotly_specs(at)  # rate, quarters, goal, business burglaries
    return quarters


def test_the_council_sees_its_own_actions_on_the_series(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")  # Ishøj: the demo plan, walks and recruitment
    assert not at.exception and not at.error
    traces = quarter_chart(at)["data"]
    names = [t["name"] for t in traces]
    assert names[0].startswith("Indbrud pr. kvartal")
    shown = [name for name in names[1:]]
    assert shown and set(shown) <= set(ACTION_KINDS.values())
    series = dict(zip(traces[0]["x"], values(traces[0]["y"]), strict=True))
    top = max(series.values())
    on_the_count = 0
    for trace in traces[1:]:  # on its quarter's count, or stacked one or two steps above it
        assert trace["mode"] == "markers"
        for x, y, text in zip(trace["x"], values(trace["y"]), trace["customdata"], strict=True):
            steps = (y - series[x]) / (0.08 * top)
            assert min(abs(steps - k) for k in (0, 1, 2)) < 1e-6, (x, y, series[x])
            on_the_count += steps < 0.5
            assert text.startswith(trace["name"] + ": ")
            assert text.endswith(f"(indbrud i kvartalet: {int(series[x])})")
    assert on_the_count > 0
    assert OVERLAY_CAPTION in page_text(at)


def test_no_actions_where_the_viewer_may_not_read_the_plan(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "183"}, user="politi")  # Ishøj is in their district
    assert len(quarter_chart(at)["data"]) > 1
    at = run_page(PAGE, query={"kommune": "751"}, user="byraad")  # Aarhus: not the council's
    assert not at.exception and not at.error
    assert len(quarter_chart(at)["data"]) == 1 and OVERLAY_CAPTION not in page_text(at)
