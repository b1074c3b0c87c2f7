"""The import preview's figure: one municipality's quarters before and after a STRAF11 import."""

import plotly.graph_objects as go

from models.i18n import DANISH, translator
from models.import_diff import MunicipalityDiff
from ui.figures import danish_layout

BEFORE_GREY = "#8c8c8c"
AFTER_BLUE = "#1f5fa8"
REMOVED_RED = "#c0392b"


def before_after_chart(diff: MunicipalityDiff, *, name: str, lang: str = DANISH) -> go.Figure:
    """Before (grey, demo dotted) and after (blue) as lines over the quarters; removed quarters
    marked in red, so what disappears is seen, not only counted. Words in `lang`."""
    _ = translator(lang)
    figure = go.Figure()
    before = sorted(diff.before.items())
    for demo, label, dash in (
        (True, _("Før: eksempeldata"), "dot"),
        (False, _("Før: indlæst"), "solid"),
    ):
        points = [(p, v) for p, (v, is_demo) in before if is_demo is demo]
        if points:
            figure.add_trace(
                go.Scatter(
                    x=[p for p, _v in points],
                    y=[v for _p, v in points],
                    name=label,
                    mode="lines+markers",
                    line={"color": BEFORE_GREY, "dash": dash},
                    marker={"size": 4},
                )
            )
    after = list(diff.after.items())
    figure.add_trace(
        go.Scatter(
            x=[p for p, _v in after],
            y=[v for _p, v in after],
            name=_("Efter indlæsningen"),
            mode="lines+markers",
            line={"color": AFTER_BLUE, "width": 3},
        )
    )
    if diff.removed_demo:
        figure.add_trace(
            go.Scatter(
                x=list(diff.removed_demo),
                y=[diff.before[p][0] for p in diff.removed_demo],
                name=_("Fjernes"),
                mode="markers",
                marker={"color": REMOVED_RED, "symbol": "x", "size": 7},
            )
        )
    # every quarter on one category axis, in time order (before and after mix their quarters)
    order = sorted({*diff.before, *diff.after})
    return danish_layout(
        figure,
        y_title=_("Anmeldte indbrud pr. kvartal"),
        height=360,
        lang=lang,
        title=_("{name}: før og efter indlæsningen").format(name=name),
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": order},
    )
