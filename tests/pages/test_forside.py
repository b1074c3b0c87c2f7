"""AppTest: the Forside shows the national series against the goal, the cards and the map."""

import pytest
from streamlit.testing.v1 import AppTest

from models.vocabulary import STATUS_COLOURS
from tests.pages.apptest import deck_specs, page_text, plotly_specs, run_page


@pytest.fixture
def forside(app_env: str) -> AppTest:
    return run_page()


def test_renders_without_errors(forside: AppTest) -> None:
    assert not forside.exception
    assert not forside.error
    assert forside.title[0].value == "Forside: status for måltal"


def test_demo_data_is_labelled(forside: AppTest) -> None:
    assert any("Eksempeldata" in w.value for w in forside.warning)


def test_national_chart_has_series_goal_path_and_projection(forside: AppTest) -> None:
    spec = plotly_specs(forside)[0]
    names = [trace.get("name") for trace in spec["data"]]
    assert "Danmark Statistik (citeret)" not in names  # guard against a misspelt label
    assert "Danmarks Statistik (citeret)" in names
    assert "Eksempeldata" in names
    assert "Krævet forløb (lige linje)" in names
    assert "Fremskrivning (nuværende tendens)" in names
    star = next(t for t in spec["data"] if t.get("name") == "Mål")
    assert star["x"] == [2030] and star["y"] == [10000.0]
    assert "standardmålår" in star["text"][0]
    # our template, not Streamlit's theme (its grey tick labels fail WCAG AA contrast)
    assert all(element.proto.theme == "" for element in forside.get("plotly_chart"))
    danish = spec["layout"]["template"]["layout"]
    assert danish["separators"] == ",." and danish["yaxis"]["tickformat"] == ",~f"
    annotations = " ".join(a.get("text", "") for a in spec["layout"].get("annotations", []))
    assert "§ 276 a" in annotations and "COVID-19" in annotations


def test_cards_show_danish_numbers_and_honest_insecurity(forside: AppTest) -> None:
    text = page_text(forside)
    assert "Ingen data endnu" not in text
    assert "Seneste landstal (2026) 17,0 %" in text  # the demo national share of the survey year
    assert "status kan ikke afgøres for landet" in text  # no sample size: no false status
    assert "10 % utrygge" in text
    assert "fra 29.000 (2017) til 10.000 i 2030" in text


def test_map_has_every_municipality_coloured_by_status(forside: AppTest) -> None:
    deck = deck_specs(forside)[0]
    areas = next(layer for layer in deck["layers"] if layer["id"] == "kommuner")
    shown = [f["properties"] for f in areas["data"]["features"]]
    assert len(shown) == 98
    assert {tuple(p["fill"][:3]) for p in shown} <= set(STATUS_COLOURS.values())
    assert all(p["demo_da"] == "Eksempeldata" for p in shown)
    counts = page_text(forside)
    assert "På rette vej" in counts and "Utilstrækkeligt grundlag" in counts


def test_sources_are_cited_with_dates(forside: AppTest) -> None:
    caption = next(c.value for c in forside.caption if c.value.startswith("Kilder:"))
    assert "Eksempeldata (botrygt demo)" in caption and "pr. " in caption
