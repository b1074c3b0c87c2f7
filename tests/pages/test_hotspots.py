"""AppTest: the Hotspots page for each role. Everyone who may read the municipality sees the squares
and the hotspot; only the district's police (and the admin) see single incidents; a proposal puts
an item in the plan; no square is ever shown with fewer than the minimum count."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items
from dataio.store.incidents import incident_rows
from models.hotspot_text import BEFORE_AFTER_CAPTION
from tests.factories import ADMIN
from tests.pages.apptest import deck_specs, page_text, run_page

PAGE = "pages/14_Hotspots.py"
ISHOJ = {"kommune": "183"}


def _squares(at: AppTest) -> list[dict[str, object]]:
    [deck] = deck_specs(at)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    return list(layers["felter"]["data"]["features"])


def _buttons(at: AppTest) -> set[str]:
    return {b.label for b in at.button if b.label.startswith("Opret:")}


def test_police_see_the_hotspot_the_proposals_and_the_incidents(app_env: str) -> None:
    at = run_page(PAGE, query=ISHOJ, user="politi")
    assert not at.exception and not at.error
    assert at.title[0].value == "Hotspots: Ishøj"
    text = page_text(at)
    assert "Eksempeldata" in text
    assert re.search(r"1 hotspot blandt \d+ felter med indbrud", text)
    squares = _squares(at)
    assert any("Hotspot: 12 indbrud" in str(f["properties"]["label"]) for f in squares)  # type: ignore[index]
    assert _buttons(at) == {
        "Opret: Mobil politistation",
        "Opret: Tryghedsvandring",
        "Opret: Rekruttering til Nabohjælp",
    }
    assert any(e.label.startswith("Politiets hændelser (600)") for e in at.expander)


@pytest.mark.parametrize("user", ["byraad", "projektleder"])
def test_others_see_aggregates_only(app_env: str, user: str) -> None:
    at = run_page(PAGE, query=ISHOJ, user=user)
    assert not at.exception and not at.error
    assert not any(e.label.startswith("Politiets hændelser") for e in at.expander)
    rows = incident_rows(make_engine(app_env), viewer=ADMIN, code=183)
    dump = json.dumps([d.value.to_dict() for d in at.dataframe], default=str) + page_text(at)
    dump += json.dumps(deck_specs(at))
    for address in rows["address"].dropna().head(50):
        assert str(address) not in dump
    for lat, lon in zip(rows["lat"].head(50), rows["lon"].head(50), strict=True):
        assert f"{lat:.6f}"[:9] not in dump or f"{lon:.6f}"[:9] not in dump
    for feature in _squares(at):  # every square drawn holds at least the minimum
        count = re.search(r"(\d+) indbrud", str(feature["properties"]["label"]))  # type: ignore[index]
        assert count is not None and int(count.group(1)) >= 3


def test_the_council_gets_no_proposals(app_env: str) -> None:
    at = run_page(PAGE, query=ISHOJ, user="byraad")
    assert _buttons(at) == set()


def test_a_proposal_lands_in_the_plan_and_shows_before_and_after(private_db: str) -> None:
    at = run_page(PAGE, query=ISHOJ, user="projektleder")
    assert _buttons(at) == {"Opret: Tryghedsvandring", "Opret: Rekruttering til Nabohjælp"}
    next(b for b in at.button if b.label == "Opret: Tryghedsvandring").click().run()
    assert not at.exception and not at.error
    assert any("er sat i handlingsplanen" in s.value for s in at.success)
    items = plan_items(make_engine(private_db), viewer=ADMIN, municipality_code=183)
    assert items["title"].str.startswith("Tryghedsvandring i hotspot-området").any()
    assert BEFORE_AFTER_CAPTION in page_text(at)
    assert "Indsatser fra hotspots: før og efter" in page_text(at)


def test_a_municipality_without_an_extract_says_so(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "101"}, user="admin")
    assert not at.exception and not at.error
    assert any("ikke indlæst politiets udtræk" in i.value for i in at.info)
