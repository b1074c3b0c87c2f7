"""AppTest: the Kommune page for one municipality, chosen in the picker or by a link."""

import re

from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/1_Kommune.py"


def test_defaults_to_ishoj_and_renders(app_env: str) -> None:
    at = run_page(PAGE)
    assert not at.exception and not at.error
    assert at.title[0].value == "Kommune: Ishøj"
    assert any("Eksempeldata" in w.value for w in at.warning)


def test_three_charts_with_breaks_and_provisional_quarter(app_env: str) -> None:
    at = run_page(PAGE)
    rate, quarters, goal, _business = plotly_specs(at)
    assert [bar["y"] for bar in rate["data"]] == [
        ["Ishøj", "Sammenlignelige kommuner", "Hele landet"]
    ]
    assert "husstande tilnærmet" in rate["layout"]["title"]["text"]
    annotations = [a.get("text") for a in quarters["layout"]["annotations"]]
    assert "§ 276 a" in annotations and "Foreløbigt" in annotations and "COVID-19" in annotations
    assert any(t.get("name") == "Krævet forløb (lige linje)" for t in goal["data"])


def test_inherited_goal_is_explained(app_env: str) -> None:
    at = run_page(PAGE)
    assert "den nationale målsætning omregnet til kommunen" in page_text(at)


def test_switching_municipality_in_the_picker(app_env: str) -> None:
    at = run_page(PAGE)
    at.selectbox[0].select(223).run()
    assert at.title[0].value == "Kommune: Hørsholm"
    assert "«under 85 per year»" in page_text(at)  # Hørsholm's own announced goal
    assert at.query_params["kommune"] == "223"  # the link to share names the chosen municipality


def test_deep_link_with_municipality(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "751"})
    assert at.title[0].value == "Kommune: Aarhus"


def test_bad_link_falls_back_to_a_known_municipality(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "abc"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Kommune: Ishøj"


def test_other_offences_against_nation_and_peers(app_env: str) -> None:
    at = run_page(PAGE)
    assert "Er vi mere belastet end andre?" in [s.value for s in at.subheader]
    text = page_text(at)
    assert re.search(
        r"Indbrud i forretning, virksomhed mv\. 20[0-9]{2}: [0-9]+,[0-9] pr\. 1\.000", text
    )
    assert "pr. 1.000 husstande i Ishøj mod" in text and "i hele landet" in text
    assert "Der er ikke sat et mål for denne overtrædelse." in text
    assert "Eksempeldata: tallene for andre overtrædelser" in text
    business = plotly_specs(at)[3]
    assert [t["name"] for t in business["data"]] == [
        "Ishøj",
        "Sammenlignelige kommuner",
        "Hele landet",
    ]
    assert (
        "Indbrud i forretning, virksomhed mv. pr. 1.000 husstande"
        in business["layout"]["title"]["text"]
    )
