"""AppTest: the Effekt and Hotspots pages (and the Kommune page's effect line) in English, for
every role that sees them: no Danish catalogue string left, English numbers and dates."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.danish_left import danish_left_in
from tests.pages.apptest import deck_specs, every_text, run_page, use_english

EFFEKT = "pages/11_Effekt.py"
HOTSPOTS = "pages/14_Hotspots.py"
ISHOJ = {"kommune": "183"}  # the demo municipality: not a partnership, the hotspot's
AARHUS = {"kommune": "751"}  # a partnership since 2019K4 in the demo data
ROLES = ["admin", "projektleder", "politi", "byraad", "erhverv"]


def _paths(at: AppTest) -> set[str]:
    return {link.proto.page for link in at.get("page_link")}


def _left(at: AppTest, *, data: re.Pattern[str] | None = None) -> list[str]:
    """The Danish msgids left on the page. A page link's `page` field is its URL path (the file
    name, "Effekt"), not a word anyone reads: left out; so is the page's own `data` text."""
    paths = _paths(at)
    texts = [t if data is None else data.sub("", t) for t in every_text(at) if t not in paths]
    return sorted({m for t in texts for m in danish_left_in(t)})


def _columns(at: AppTest) -> set[str]:
    return {str(c) for frame in at.dataframe for c in frame.value.columns}


@pytest.mark.parametrize("user", ROLES)
def test_effekt_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(EFFEKT, query=AARHUS, user=user)
    assert not at.exception and not at.error
    assert _left(at) == []
    assert at.title[0].value == "Effect: Aarhus"
    headings = [h.value for h in at.subheader]
    assert headings == [
        "Does the partnership work?",
        "The comparison group",
        "Expected against actual",
    ]
    text = "\n".join(every_text(at))
    assert "comparison, not proof of cause" in text
    assert "How the comparison is made" in text
    assert "Burglaries per 1,000 households per quarter" in text  # the chart's axis
    assert "The partnership starts" in text  # the chart's start line
    assert "Burglaries since the start (Q4 2019)" in text
    assert "Fell more than comparable municipalities" in text
    assert re.search(r"From Q4 2019 to Q\d \d{4} there were \d+\.\d % fewer burglaries", text)
    assert re.search(r"Placebo test: [\d,]+ municipalities without a partnership", text)
    assert "Example data" in text
    assert {"Municipality", "Code", "Weight"} <= _columns(at)
    weights = [
        str(w) for f in at.dataframe if "Weight" in f.value.columns for w in f.value["Weight"]
    ]
    assert weights and all(re.fullmatch(r"\d+\.\d %", w) for w in weights)  # 31.2 %, not 31,2 %


@pytest.mark.parametrize("user", ROLES)
def test_hotspots_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(HOTSPOTS, query=ISHOJ, user=user)
    assert not at.exception and not at.error
    assert _left(at) == []
    assert at.title[0].value == "Hotspots: Ishøj"
    text = "\n".join(every_text(at))
    assert re.search(r"1 hotspot among [\d,]+ squares with burglaries, \d+ [A-Z][a-z]{2}", text)
    [deck] = deck_specs(at)
    squares = {layer["id"]: layer for layer in deck["layers"]}["felter"]["data"]["features"]
    labels = [str(square["properties"]["label"]) for square in squares]
    assert any(label.startswith("Hotspot: 12 burglaries against") for label in labels)
    assert not [m for label in labels for m in danish_left_in(label)]
    assert "Hotspot (square)" in text  # the legend
    assert "How a hotspot is found" in text
    assert "Example data" in text
    assert {"Square", "Hotspot", "Burglaries", "Expected", "Probability"} <= _columns(at)
    buttons = {b.label for b in at.button if b.label.startswith("Create:")}
    if user in ("byraad", "erhverv"):
        assert buttons == set()
    else:
        assert buttons, user
        assert not any(b.label.startswith("Opret") for b in at.button)
    incidents = [e.label for e in at.expander if e.label.startswith("The police's incidents")]
    if user in ("politi", "admin"):
        assert incidents == ["The police's incidents (600): the district's police only"]
        assert {"Date", "Time of day", "Offence", "Address"} <= _columns(at)
    else:
        assert incidents == []


def test_a_proposal_in_english(private_db: str) -> None:
    use_english(private_db, "politi")
    at = run_page(HOTSPOTS, query=ISHOJ, user="politi")
    [walk] = [b for b in at.button if b.label == "Create: Safety walk"][:1]
    walk.click().run()
    assert not at.exception and not at.error
    # the plan item's title is the partnership's data (written in Danish when the item was made)
    title = re.compile(r"Tryghedsvandring i hotspot-området, felt \S+ \([^)]*\)")
    assert _left(at, data=title) == []
    text = "\n".join(every_text(at))
    assert re.search(r"Safety walk on \d+ [A-Z][a-z]{2} \d{4} at square \S+ \(\d+\.\d{4}° N", text)
    assert "Actions from hotspots: before and after" in text
    assert re.search(r"\d+ weeks before \(", text)
    assert "Comparison, not proof of cause: a fall in the number" in text


def test_the_kommune_page_effect_line_in_english(private_db: str) -> None:
    use_english(private_db, "projektleder")
    at = run_page("pages/1_Kommune.py", query=AARHUS, user="projektleder")
    assert not at.exception and not at.error
    links = [link.proto.label for link in at.get("page_link")]
    assert "See the comparison on the Effect page" in links
    text = "\n".join(every_text(at))
    assert "Fell more than comparable municipalities" in text
    assert re.search(r"Since Q4 2019: -\d+ % \(95% interval -\d+ % to -\d+ %\) against", text)
    assert "comparison, not proof of cause" in text
    for danish in ("Se sammenligningen", "Faldet mere end", "Siden 4. kvt."):
        assert danish not in text


def test_not_a_partnership_in_english(private_db: str) -> None:
    use_english(private_db, "byraad")
    at = run_page(EFFEKT, query=ISHOJ, user="byraad")
    assert not at.exception and not at.error
    assert _left(at) == []
    text = "\n".join(every_text(at))
    assert "Ishøj is not a Bo trygt partnership municipality, so there is no estimate" in text
