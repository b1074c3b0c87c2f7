"""Figures and maps built once per key and shared: new data, municipality, day or call site build anew."""

from datetime import date
from typing import Any

import plotly.graph_objects as go
import pytest

from ui import built_once as cache
from ui.described import _describe


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache._built.clear()


def _builder(calls: list[float], value: float) -> Any:
    def build() -> go.Figure:
        calls.append(value)
        return go.Figure(go.Bar(x=["2026"], y=[value], name="Indbrud"))

    return build


def test_the_same_key_builds_once_and_shares_the_figure_and_its_description() -> None:
    calls: list[float] = []
    build = _builder(calls, 1450)
    first = cache.built_once(
        lambda: _describe(build), key="goal", version=7, cache_key=183, site=build
    )
    again = cache.built_once(
        lambda: _describe(build), key="goal", version=7, cache_key=183, site=build
    )
    assert calls == [1450] and again is first
    _figure, numbers, sentence = first
    assert numbers.to_dict("records") == [{"Serie": "Indbrud", "Punkt": "2026", "Værdi": "1.450"}]
    assert "1.450" in sentence


def test_a_new_version_municipality_or_call_site_builds_again() -> None:
    calls: list[float] = []
    first = _builder(calls, 1)
    cache.built_once(first, key="goal", version=7, cache_key=183)
    cache.built_once(first, key="goal", version=8, cache_key=183)  # after a write: a new version
    cache.built_once(first, key="goal", version=8, cache_key=101)  # another municipality
    cache.built_once(first, key="rate", version=8, cache_key=101)  # another chart key
    assert calls == [1, 1, 1, 1]
    # the same key and data from another line of code is another figure, never the first one's
    figure = cache.built_once(lambda: _builder(calls, 2)(), key="goal", version=8, cache_key=101)
    assert calls == [1, 1, 1, 1, 2] and list(figure.data[0].y) == [2]


def test_the_next_day_builds_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[float] = []
    build = _builder(calls, 1)
    cache.built_once(build, key="goal", version=7, cache_key=183)

    class Tomorrow(date):
        @classmethod
        def today(cls) -> "Tomorrow":
            return cls(2099, 1, 1)

    monkeypatch.setattr(cache, "date", Tomorrow)
    cache.built_once(build, key="goal", version=7, cache_key=183)
    assert calls == [1, 1]


def test_the_call_site_names_the_file_and_line() -> None:
    def build() -> None:
        return None

    site = cache.call_site("goal", build)
    assert site.startswith("goal@") and site.endswith(
        f"test_built_once.py:{build.__code__.co_firstlineno}"
    )
