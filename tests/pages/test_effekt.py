"""AppTest: the Effekt page for a partnership with an estimate, one whose start is too recent, a
municipality without a partnership, and every role, on the demo data."""

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.areas import set_partnership_start
from tests.factories import ADMIN
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/11_Effekt.py"
CAVEAT = "sammenligning, ikke bevis for årsag"
HORSHOLM = "223"  # partner since 2021-01 in the reference table: 2021K1
GENTOFTE = 157  # a partner whose start date is not known


def weight_tables(at: AppTest) -> list[pd.DataFrame]:
    """The comparison group's tables (a chart's numbers are a table too)."""
    return [d.value for d in at.dataframe if "Vægt" in d.value.columns]


def test_a_partnership_shows_the_comparison_its_fit_and_the_comparison_group(
    app_env: str,
) -> None:
    at = run_page(PAGE, query={"kommune": HORSHOLM})
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Effekt: Hørsholm"]
    assert [s.value for s in at.subheader] == [
        "Virker partnerskabet?",
        "Sammenligningsgruppen",
        "Forventet mod faktisk",
    ]
    text = page_text(at)
    assert CAVEAT in text
    assert "Indbrud siden starten (1. kvt. 2021)" in text
    assert "95 %-interval" in text and "Placebotest: 80 kommuner uden partnerskab" in text
    assert "Eksempeldata" in text  # the demo banner and the card's caption
    # actual against the comparison, before and after the start; then expected against actual
    chart, _ = plotly_specs(at)
    assert [trace["name"] for trace in chart["data"]] == [
        "Uden virkning (95 %-placebobånd), nedre grænse",  # the placebo band, from the start
        "Uden virkning (95 %-placebobånd)",
        "Faktiske indbrud, Hørsholm (eksempeldata)",
        "Sammenligning: vægtede kommuner uden partnerskab (eksempeldata)",
    ]
    assert "Partnerskabet starter" in [a.get("text") for a in chart["layout"]["annotations"]]
    band, actual = chart["data"][1], chart["data"][2]
    assert band["fill"] == "tonexty" and len(band["x"]) == 22  # 2021K1-2026K2
    assert len(actual["x"]) == 56 + 22  # the fit before the start, and after it
    assert "Båndet efter starten viser, hvor kommunens tal ville ligge uden nogen virkning" in text
    [donors] = [d.value for d in at.dataframe if "Vægt" in d.value.columns]
    assert list(donors.columns) == ["Kommune", "Kode", "Vægt"]
    assert len(donors) >= 2 and "Hørsholm" not in set(donors["Kommune"])
    assert all(w.endswith(" %") and "," in w for w in donors["Vægt"])  # 31,2 %
    weights = [float(w.removesuffix(" %").replace(",", ".")) for w in donors["Vægt"]]
    assert weights == sorted(weights, reverse=True) and sum(weights) == pytest.approx(100, abs=1)
    assert f"{len(donors)} kommuner uden partnerskab indgår i sammenligningen" in text
    assert at.query_params["kommune"] == HORSHOLM


def test_a_municipality_without_a_partnership_says_so_in_one_line(app_env: str) -> None:
    at = run_page(PAGE)  # the administrator starts at Ishøj
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Effekt: Ishøj"]
    assert [m.value for m in at.markdown if "partnerskab" in m.value] == [
        "Ishøj er ikke en Bo trygt-partnerskabskommune, så der er intet skøn over, om "
        "partnerskabet virker."
    ]
    assert not weight_tables(at) and f"Tallene er en {CAVEAT}" not in page_text(at)
    assert len(plotly_specs(at)) == 1  # expected against actual only


def test_a_partnership_without_a_start_date_says_so(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": str(GENTOFTE)})
    assert not at.exception and not at.error
    assert "Gentofte er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke" in (
        page_text(at)
    )
    assert len(plotly_specs(at)) == 1 and not weight_tables(at)


def test_a_start_too_recent_is_too_early_to_say(private_db: str) -> None:
    engine = make_engine(private_db)
    try:  # two quarters of data after the start; four are needed
        set_partnership_start(
            engine,
            actor=ADMIN,
            municipality_code=GENTOFTE,
            start=date(2026, 1, 1),
            seen=None,
            today=date(2026, 12, 7),
        )
    finally:
        engine.dispose()
    at = run_page(PAGE, query={"kommune": str(GENTOFTE)})
    assert not at.exception and not at.error
    text = page_text(at)
    assert "For tidligt at sige" in text and "Indbrud siden starten (1. kvt. 2026)" in text
    assert CAVEAT in text
    assert "Sammenligningsgruppen" not in [s.value for s in at.subheader]
    assert not weight_tables(at)  # no weights are fitted before there is a year after the start


@pytest.mark.parametrize("user", ["admin", "projektleder", "politi", "byraad"])
def test_every_role_sees_a_partnership_by_deep_link(app_env: str, user: str) -> None:
    at = run_page(PAGE, query={"kommune": HORSHOLM}, user=user)
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Effekt: Hørsholm"]
    assert CAVEAT in page_text(at) and len(plotly_specs(at)) == 2
    assert "Effekt" in [link.proto.label for link in at.sidebar.get("page_link")]


@pytest.mark.parametrize(("user", "home"), [("projektleder", "Ishøj"), ("byraad", "Ishøj")])
def test_municipal_roles_start_at_their_own_municipality(
    app_env: str, user: str, home: str
) -> None:
    at = run_page(PAGE, user=user)
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == [f"Effekt: {home}"]


def test_every_municipality_is_set_against_what_its_size_and_age_predict(app_env: str) -> None:
    at = run_page(PAGE)  # Ishøj: no partnership, but an expectation like every municipality
    assert not at.exception and not at.error
    text = page_text(at)
    assert "Indbrud mod det forventede, 2025" in text
    assert "I 2025: 69 indbrud, forventet" in text and "gange det forventede" in text
    assert "af 98 kommuner efter forholdet mellem faktiske og forventede indbrud" in text
    assert "ikke bevis for årsag" in text and "Eksempeldata" in text
    assert any(badge in text for badge in ("▼ Færre", "● Som forventet", "▲ Flere"))
    [chart] = plotly_specs(at)
    names = [trace["name"] for trace in chart["data"]]
    assert names[-1] == "Ishøj"  # the chosen municipality ringed, on top
    assert all(n.endswith("(eksempeldata)") for n in names[:-1])
    assert sum(len(trace["x"]) for trace in chart["data"][:-1]) == 98
    assert "Spredningsparameter" in text and "Andel 65 år og derover" in text
