"""AppTest: the Kommune page's "Virker partnerskabet?" is one line with the verdict and a link to
the Effekt page (where the comparison is shown in full), for a partnership, a partnership without
a start date and a municipality without a partnership, on the demo data."""

from models.overlay import OVERLAY_CAPTION
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/1_Kommune.py"
CAVEAT = "sammenligning, ikke bevis for årsag"


def effect_links(at: object) -> list[tuple[str, str]]:
    return [
        (link.proto.label, link.proto.query_string)
        for link in at.main.get("page_link")  # type: ignore[attr-defined]
    ]


def test_a_partnership_shows_its_verdict_in_one_line_with_a_link_to_effekt(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "751"})  # Aarhus, partner since 2019-11: 2019K4
    assert not at.exception and not at.error
    assert "Virker partnerskabet?" in [s.value for s in at.subheader]
    text = page_text(at)
    assert "Faldet mere end sammenlignelige" in text
    assert "Siden 4. kvt. 2019: " in text and "95 %-interval" in text and CAVEAT in text
    assert effect_links(at) == [("Se sammenligningen på siden Effekt", "kommune=751")]
    # the rate, quarter and goal charts and the business burglaries': the effect's is on Effekt
    assert len(plotly_specs(at)) == 4


def test_a_municipality_without_a_partnership_says_so_in_one_line(app_env: str) -> None:
    at = run_page(PAGE)  # Ishøj
    assert not at.exception and not at.error
    assert "Virker partnerskabet?" in [s.value for s in at.subheader]
    text = page_text(at)
    assert "Ishøj er ikke en Bo trygt-partnerskabskommune" in text
    assert not effect_links(at)
    assert text.count(CAVEAT) == 1 and OVERLAY_CAPTION in text  # the actions' caption only
    # the rate, quarter and goal charts and the business burglaries' ("Er vi mere belastet...")
    assert len(plotly_specs(at)) == 4


def test_a_partnership_without_a_start_date_says_so(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "157"})  # Gentofte: start date not found
    assert not at.exception and not at.error
    assert "Gentofte er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke" in (
        page_text(at)
    )
    assert effect_links(at) == [("Se sammenligningen på siden Effekt", "kommune=157")]
    assert len(plotly_specs(at)) == 4
