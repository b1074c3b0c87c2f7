"""AppTest: the Nabohjælp page for each role; police record counts and activities in the form."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextInput

from dataio.db.engine import make_engine
from dataio.store.neighbour_help import district_table
from models.formatting import fmt_int
from models.overlay import ACTION_KINDS, HELPER_OVERLAY_CAPTION
from tests.factories import READER
from tests.pages.apptest import deck_specs, page_text, plotly_specs, run_page

PAGE = "pages/6_Nabohjaelp.py"


def _table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Nabohjælpere" in d.value.columns)


def test_police_see_their_district_with_map_charts_and_forms(app_env: str) -> None:
    at = run_page(PAGE, user="politi")
    assert not at.exception and not at.error
    assert at.title[0].value == "Nabohjælp: Københavns Vestegns Politi"
    table = _table(at)
    expected = district_table(make_engine(app_env), viewer=READER, district=10)
    assert list(table["Kommune"]) == list(expected["name"])
    assert "Aarhus" not in set(table["Kommune"])
    assert "Eksempeldata" in page_text(at)  # demo data labelled
    assert {"Herlev"} <= set(table["Kommune"])
    herlev = table.set_index("Kommune").loc["Herlev"]
    assert herlev["Status"] != "Intet mål"  # a partnership municipality has a target
    assert len(plotly_specs(at)) == 2  # helper series against the target, sign-ups by type
    [deck] = deck_specs(at)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    areas = layers["kommuner"]["data"]["features"]  # every municipality of the district as a shape
    assert sorted(f["properties"]["name"] for f in areas) == sorted(expected["name"])
    assert deck["mapStyle"] == "__MAP_STYLE__"  # no basemap: Streamlit fetches none
    buttons = {b.label for b in at.button}
    assert {"Gem nabohjælpertal", "Gem aktivitet"} <= buttons
    assert "Indlæs mange optællinger fra en fil (CSV eller Excel)" in [e.label for e in at.expander]


def test_density_and_coverage_are_shown_as_computed(app_env: str) -> None:
    at = run_page(PAGE, user="politi")
    row = _table(at).set_index("Kommune").loc["Ishøj"]
    expected = (
        district_table(make_engine(app_env), viewer=READER, district=10)
        .set_index("name")
        .loc["Ishøj"]
    )
    assert row["Pr. 100 husstande"] == f"{expected['per_100_households']:.1f}".replace(".", ",")
    assert row["Nabovenner (aktive/behov)"].endswith(f"/ {int(expected['nabovenner_needed'])}")


def test_council_sees_only_its_own_municipality_and_no_forms(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert list(_table(at)["Kommune"]) == ["Ishøj"]
    assert "Gem nabohjælpertal" not in {b.label for b in at.button}
    assert not [e.label for e in at.expander if "Indlæs" in e.label]


def test_project_leader_reads_but_does_not_record_helpers(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert "Gem aktivitet" not in {b.label for b in at.button}


def test_admin_chooses_a_district(app_env: str) -> None:
    at = run_page(PAGE, user="admin", query={"kreds": "2"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Nabohjælp: Østjyllands Politi"
    assert "Aarhus" in set(_table(at)["Kommune"])
    at.sidebar.selectbox[0].set_value(9).run()
    assert at.title[0].value == "Nabohjælp: Nordsjællands Politi"
    assert "Aarhus" not in set(_table(at)["Kommune"])


def test_a_link_for_one_municipality_opens_its_district_with_it_chosen(app_env: str) -> None:
    """Min kommune links with ?kommune=: the admin lands on that municipality's district."""
    at = run_page(PAGE, user="admin", query={"kommune": "751"})  # Aarhus, Østjyllands Politi
    assert not at.exception and not at.error
    assert at.title[0].value == "Nabohjælp: Østjyllands Politi"
    assert at.selectbox(key="helper_municipality").value == 751
    police = run_page(PAGE, user="politi", query={"kommune": "187"})  # Vallensbæk, own district
    assert police.selectbox(key="helper_municipality").value == 187


def _field(at: AppTest, label: str) -> TextInput:
    return next(t for t in at.text_input if t.label == label)


def test_police_record_a_count_and_an_activity(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    at.selectbox(key="count_code").set_value(187)  # Vallensbæk
    _field(at, "Aktive nabohjælpere").set_value("4.321")  # as a Dane writes it
    _field(at, "Aktive nabovenner (valgfrit)").set_value("55")
    next(b for b in at.button if b.label == "Gem nabohjælpertal").click().run()
    # over double the latest count (512): asked first, with both values, then saved
    [question] = [w.value for w in at.warning if "Er du sikker?" in w.value]
    assert "4.321 nabohjælpere, er over det dobbelte af det seneste, 512" in question
    next(b for b in at.button if b.label == "Ja, gem 4.321").click().run()
    assert not at.exception and not at.error
    assert any("4.321 nabohjælpere i Vallensbæk" in s.value for s in at.success)
    assert _table(at).set_index("Kommune").loc["Vallensbæk", "Nabohjælpere"] == "4.321"
    at.selectbox(key="activity_code").set_value(187)
    _field(at, "Sted").set_value("Vallensbæk Station")
    _field(at, "Tilmeldte nabohjælpere").set_value("17")
    next(b for b in at.button if b.label == "Gem aktivitet").click().run()
    assert not at.exception and not at.error
    assert any("17 tilmeldte" in s.value for s in at.success)


@pytest.mark.parametrize(
    ("typed", "stored"), [("1.450", 1450), ("1450", 1450), ("1 450", 1450), ("1\u00a0450", 1450)]
)
def test_a_count_is_read_the_danish_way(private_db: str, typed: str, stored: int) -> None:
    at = run_page(PAGE, user="politi")
    at.selectbox(key="count_code").set_value(183)  # Ishøj, latest 1.388: 1.450 is plausible
    _field(at, "Aktive nabohjælpere").set_value(typed)
    next(b for b in at.button if b.label == "Gem nabohjælpertal").click().run()
    assert not at.exception and not at.error
    assert not [w for w in at.warning if "Er du sikker?" in w.value]
    assert _table(at).set_index("Kommune").loc["Ishøj", "Nabohjælpere"] == fmt_int(stored)


def test_an_implausible_count_asks_first_and_no_saves_nothing(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    at.selectbox(key="count_code").set_value(183)
    _field(at, "Aktive nabohjælpere").set_value("1")  # "1.450" cut short: the fall
    next(b for b in at.button if b.label == "Gem nabohjælpertal").click().run()
    [question] = [w.value for w in at.warning if "Er du sikker?" in w.value]
    assert "Det nye tal, 1 nabohjælpere, er under halvdelen af det seneste, 1.388" in question
    assert _table(at).set_index("Kommune").loc["Ishøj", "Nabohjælpere"] == "1.388"
    next(b for b in at.button if b.label == "Nej, ret tallet").click().run()
    assert not at.exception and not at.success
    assert not [w for w in at.warning if "Er du sikker?" in w.value]
    assert "Gem nabohjælpertal" in [b.label for b in at.button]  # the form is back
    assert _table(at).set_index("Kommune").loc["Ishøj", "Nabohjælpere"] == "1.388"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,5", "«1,5» er ikke et helt tal"),
        ("mange", "«mange» er ikke et helt tal"),
        ("-3", "-3 er negativ"),
        ("3000000000", "er for stort et antal (højst 1.000.000)"),
        ("1" + "0" * 5000, "er for stort et antal"),
    ],
)
def test_an_impossible_count_is_refused_and_nothing_is_saved(
    private_db: str, typed: str, message: str
) -> None:
    at = run_page(PAGE, user="politi")
    before = _table(at).set_index("Kommune").loc["Vallensbæk", "Nabohjælpere"]
    at.selectbox(key="count_code").set_value(187)
    _field(at, "Aktive nabohjælpere").set_value(typed)
    next(b for b in at.button if b.label == "Gem nabohjælpertal").click().run()
    assert not at.exception
    assert any(message in e.value.replace("\\", "") for e in at.error), [e.value for e in at.error]
    assert _table(at).set_index("Kommune").loc["Vallensbæk", "Nabohjælpere"] == before


def test_a_count_without_helpers_is_refused_in_danish(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    next(b for b in at.button if b.label == "Gem nabohjælpertal").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Angiv antallet af aktive nabohjælpere."]


def test_an_activity_without_a_place_is_refused_in_danish(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    next(b for b in at.button if b.label == "Gem aktivitet").click().run()
    assert not at.exception
    assert any("Angiv stedet" in e.value for e in at.error)


def test_the_partnerships_actions_sit_on_the_helper_line_with_the_caption(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")  # Ishøj: the demo plan, walks and recruitment
    helper = plotly_specs(at)[0]
    shown = {trace["name"] for trace in helper["data"] if trace.get("mode") == "markers"}
    assert shown and shown <= set(ACTION_KINDS.values())
    assert HELPER_OVERLAY_CAPTION in [c.value for c in at.caption]
    # every marker sits within the line's span of dates
    line = next(t for t in helper["data"] if str(t["name"]).startswith("Nabohjælpere"))
    days = [str(x)[:10] for x in line["x"]]
    for trace in helper["data"]:
        if trace["name"] in shown:
            assert all(min(days) <= str(x)[:10] <= max(days) for x in trace["x"])
