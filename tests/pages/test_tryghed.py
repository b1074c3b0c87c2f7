"""AppTest: the Tryghed page shows shares with intervals, the change test, the goal and the country."""

from dataio.db.engine import make_engine
from dataio.store.surveys import insecurity_overview
from models.goal_text import share_with_interval
from tests.factories import READER
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/7_Tryghed.py"


def test_project_leader_sees_the_latest_round_with_its_interval(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert at.title[0].value == "Tryghed: Ishøj"
    overview = insecurity_overview(make_engine(app_env), viewer=READER, code=183)
    estimate = overview.assessment.estimate
    assert estimate is not None
    text = page_text(at)
    assert share_with_interval(estimate.share, estimate.low, estimate.high) in text
    assert "Eksempeldata" in text
    assert "procentpoint" in text  # the change between rounds, tested
    assert "Mål: 10 %" in text
    assert "Indlæs en tryghedsmåling fra en fil (CSV eller Excel)" in [e.label for e in at.expander]


def test_chart_shows_rounds_with_error_bars_national_series_and_goal(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    specs = plotly_specs(at)
    assert len(specs) == 2  # insecurity, protection
    traces = specs[0]["data"]
    municipal = next(t for t in traces if t["name"].startswith("Ishøj"))
    assert municipal["error_y"]["type"] == "data"
    assert any(t["name"].startswith("Hele landet") for t in traces)
    assert any(t["name"] == "Krævet forløb (lige linje)" for t in traces)
    rounds = next(d.value for d in at.dataframe if "95 %-interval" in d.value.columns)
    assert len(rounds) == len(
        insecurity_overview(make_engine(app_env), viewer=READER, code=183).rounds
    )


def test_the_neighbourhood_measure_is_named_as_a_different_measure(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert "aldrig sammenlignes med 10 %-målet" in page_text(at)


def test_police_choose_among_their_district_only(app_env: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "751"})  # Aarhus: outside the district
    assert not at.exception and not at.error
    assert at.title[0].value == "Tryghed: Albertslund"  # the district's first, not Aarhus
    assert "Aarhus (751)" not in at.sidebar.selectbox[0].options
    assert not [
        e.label for e in at.expander if "Indlæs" in e.label
    ]  # surveys are the municipality's


def test_council_cannot_read_another_municipality(app_env: str) -> None:
    at = run_page(PAGE, user="byraad", query={"kommune": "751"})
    assert not at.exception
    assert at.title[0].value == "Tryghed: Ishøj"
