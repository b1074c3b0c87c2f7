"""The expected-versus-actual chart on a hand-made table: one trace per status in the badge's words
and shapes, ordered by rank, each bar from low/expected to high/expected, the chosen municipality
ringed and named, names escaped, and a text alternative that names them."""

import pandas as pd
import pytest

from ui.described import figure_numbers, figure_sentence
from ui.expected_charts import expected_chart

TABLE = pd.DataFrame(
    {
        "code": [183, 157, 101, 751],
        "name": ["Ishøj", "Gentofte", "<b>København</b>", "Aarhus"],
        "year": [2025] * 4,
        "actual": [20, 150, 1000, 400],
        "expected": [50.0, 100.0, 1000.0, 400.0],
        "low": [30.0, 70.0, 900.0, 350.0],
        "high": [75.0, 135.0, 1100.0, 455.0],
        "ratio": [0.4, 1.5, 1.0, 1.0],
        "status": ["below_expected", "above_expected", "as_expected", "as_expected"],
        "rank": [1, 4, 2, 3],
        "demo": [False] * 4,
    }
)


def test_traces_per_status_in_rank_order_with_their_bars() -> None:
    figure = expected_chart(TABLE, code=157, demo=False)
    names = [trace.name for trace in figure.data]
    assert names == [
        "▼ Færre end forventet",
        "● Som forventet",
        "▲ Flere end forventet",
        "Gentofte",
    ]
    below, as_expected, above, chosen = figure.data
    assert [below.marker.symbol, as_expected.marker.symbol, above.marker.symbol] == [
        "triangle-down",
        "circle",
        "triangle-up",
    ]
    assert list(as_expected.x) == ["&lt;b&gt;København&lt;/b&gt;", "Aarhus"]  # rank 2, 3
    # Gentofte: ratio 1,5, its bar 0,7-1,35: the point above the bar, so "more than expected"
    assert above.y[0] == pytest.approx(1.5)
    assert above.y[0] + above.error_y.array[0] == pytest.approx(1.35)
    assert above.y[0] - above.error_y.arrayminus[0] == pytest.approx(0.7)
    assert list(chosen.x) == ["Gentofte"] and chosen.text == ("Gentofte",)
    assert figure.layout.yaxis.title.text == "Faktiske / forventede indbrud"
    assert figure.layout.shapes[0].y0 == 1  # "as expected" line


def test_demo_series_say_so_and_the_text_alternative_names_them() -> None:
    figure = expected_chart(TABLE, code=999, demo=True)  # a code not in the table: no ring
    assert [trace.name for trace in figure.data] == [
        "▼ Færre end forventet (eksempeldata)",
        "● Som forventet (eksempeldata)",
        "▲ Flere end forventet (eksempeldata)",
    ]
    numbers = figure_numbers(figure)
    assert set(numbers["Punkt"]) == {"Ishøj", "Gentofte", "&lt;b&gt;København&lt;/b&gt;", "Aarhus"}
    assert "▼ Færre end forventet (eksempeldata): Ishøj 0,4" in figure_sentence(figure, numbers)
