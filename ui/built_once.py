"""Figures and maps built once and drawn for every session that asks for the same data.

Building a plotly figure and its text alternative, or a boundary map and its JSON, is most of a
page's CPU (a goal chart 26 ms, its description 8 ms, the status map 30 ms), and the pages of a
meeting repeat. The data version and the cache key are what the page's data came from (the
loaders' arguments: municipality, viewer...), so together they determine the result; the call site is part of it,
so two charts with the same data never share an entry. st.plotly_chart and st.pydeck_chart only
read what they draw, so one object can serve many sessions.
"""

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

import streamlit as st

from models.i18n import DANISH
from ui.i18n import active_language

T = TypeVar("T")
KEPT = 600  # distinct figures and maps held by the server (a few hundred KB each at most)
TTL_SECONDS = 600  # the loaders' own TTL: nothing outlives the data it was drawn from


@st.cache_resource(max_entries=KEPT, ttl=TTL_SECONDS, show_spinner=False)
def _built(
    version: int, site: str, cache_key: Hashable, day: date, _build: Callable[[], Any]
) -> Any:
    return _build()


def call_site(key: str, builder: Callable[..., Any]) -> str:
    """'<key>@<file>:<line>' of the function (a page's lambda) that builds the object."""
    code = getattr(builder, "__code__", None)
    return f"{key}@{code.co_filename}:{code.co_firstlineno}" if code else key


def built_once(
    build: Callable[[], T],
    *,
    key: str,
    version: int,
    cache_key: Hashable,
    site: Callable[..., Any] | None = None,
) -> T:
    """`build()`, or what it returned for the same data version, call site, cache key, day and
    language. `version` first, as for every cached loader: a write on another server reaches this
    cache. The session's language is part of the key (a Danish figure is never served to an
    English session), added only when it is not Danish, so Danish keys are as before."""
    lang = active_language()
    keyed = cache_key if lang == DANISH else (cache_key, lang)
    result: T = _built(version, call_site(key, site or build), keyed, date.today(), build)
    return result
