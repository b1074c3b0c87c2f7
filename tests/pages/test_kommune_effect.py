"""AppTest: the Kommune page's "Virker partnerskabet?" for a partnership, a partnership without a
start date and a municipality without a partnership, on the demo data."""

from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/1_Kommune.py"
CAVEAT = "sammenligning, ikke bevis for årsag"


def test_a_partnership_shows_its_comparison_with_the_caveat_and_the_chart(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "751"})  # Aarhus, partner since 2019-11: 2019K4
    assert not at.exception and not at.error
    assert "Virker partnerskabet?" in [s.value for s in at.subheader]
    text = page_text(at)
    assert CAVEAT in text
    assert "Indbrud siden starten (4. kvt. 2019)" in text
    assert "95 %-interval" in text and "Placebotest: 80 kommuner uden partnerskab" in text
    assert "Sammenligningsgruppen: " in text
    assert "Eksempeldata: kvartalstallene er genererede" in text
    effect = plotly_specs(at)[-1]
    names = [trace["name"] for trace in effect["data"]]
    assert names == [
        "Faktiske indbrud, Aarhus (eksempeldata)",
        "Sammenligning: vægtede kommuner uden partnerskab (eksempeldata)",
    ]
    labels = [a.get("text") for a in effect["layout"]["annotations"]]
    assert labels == ["§ 276 a", "COVID-19", "Partnerskabet starter"]
    assert effect["layout"]["yaxis"]["title"]["text"].startswith("Indbrud pr. 1.000 husstande")
    # the chart's text alternative: its numbers, both series
    alt = at.get("plotly_chart")[-1].proto.alt
    assert alt.startswith("Diagram: Indbrud pr. 1.000 husstande") and "Sammenligning" in alt


def test_the_first_partnership_starts_with_the_law_change(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "190"})  # Furesø, partner since 2018: 2018K1
    assert not at.exception and not at.error
    assert CAVEAT in page_text(at)
    effect = plotly_specs(at)[-1]
    lines = [s["x0"] for s in effect["layout"]["shapes"] if s["type"] == "line"]
    assert len(lines) == 2 and len(set(lines)) == 1  # § 276 a and the start, on one date


def test_a_municipality_without_a_partnership_says_so_in_one_line(app_env: str) -> None:
    at = run_page(PAGE)  # Ishøj
    assert not at.exception and not at.error
    assert "Virker partnerskabet?" in [s.value for s in at.subheader]
    text = page_text(at)
    assert "Ishøj er ikke en Bo trygt-partnerskabskommune" in text
    assert CAVEAT not in text
    assert len(plotly_specs(at)) == 3  # the rate, quarter and goal charts only


def test_a_partnership_without_a_start_date_says_so(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": "157"})  # Gentofte: start date not found
    assert not at.exception and not at.error
    assert "Gentofte er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke" in (
        page_text(at)
    )
    assert len(plotly_specs(at)) == 3
