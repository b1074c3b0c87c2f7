"""AppTest: after "Opret bruger" the table and every picker show the new user at once; the
"Partnerskaber" tab sets, changes and clears a start date, refuses bad dates in Danish and a save
from a stale page, and the Effekt page follows the new date."""

from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.areas import set_partnership_start
from tests.factories import COLLEAGUE
from tests.pages.apptest import page_text, run_page

PAGE = "pages/8_Administration.py"


def test_a_new_user_is_in_the_table_and_the_pickers_without_a_reload(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception
    next(t for t in at.text_input if t.label == "Brugernavn (små bogstaver)").set_value("ny.leder")
    next(t for t in at.text_input if t.label == "Navn").set_value("Ny Leder")
    at.selectbox(key="add_role").set_value("project_leader")
    at.selectbox(key="add_municipality").set_value(183)
    next(t for t in at.text_input if t.label.startswith("Adgangskode")).set_value(
        "en-lang-adgangskode-1"
    )
    at = next(b for b in at.button if b.label == "Opret bruger").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Brugeren ny.leder er oprettet."]
    [users] = [d.value for d in at.dataframe if "Brugernavn" in d.value.columns]
    assert "ny.leder" in " ".join(str(v) for v in users.to_numpy().ravel())
    assert "ny.leder" in at.selectbox(key="activity_user").options


def partnerships(at: AppTest) -> dict[str, str]:
    [table] = [d.value for d in at.dataframe if "Partnerskab siden" in d.value.columns]
    return dict(zip(table["Kommune"], table["Partnerskab siden"], strict=True))


def save_start(at: AppTest, code: int, start: date | None, *, clear: bool = False) -> AppTest:
    at.selectbox(key="partnership_code").set_value(code)
    at.date_input(key="partnership_date").set_value(start)
    box = next(c for c in at.checkbox if c.label.startswith("Ryd startdatoen"))
    box.set_value(clear)
    button = next(b for b in at.button if b.label == "Gem startdato")
    return button.click().run()


def test_the_admin_sets_changes_and_clears_a_start_date(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception and not at.error
    assert "Partnerskaber" in [t.label for t in at.tabs]
    before = partnerships(at)
    assert before["Gentofte"] == "ukendt" and before["Hørsholm"] == "2021-01"
    assert "Ishøj" not in before
    at = save_start(at, 157, date(2020, 5, 1))
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Gentofte er partnerskabskommune fra 1. maj 2020."]
    assert partnerships(at)["Gentofte"] == "2020-05-01"
    at = save_start(at, 183, date(2024, 9, 1))  # Ishøj becomes a partnership
    assert partnerships(at)["Ishøj"] == "2024-09-01"
    effect = run_page("pages/11_Effekt.py", query={"kommune": "183"})
    assert "Indbrud siden starten (3. kvt. 2024)" in page_text(effect)
    at = save_start(at, 157, None, clear=True)
    assert [s.value for s in at.success] == ["Startdatoen for Gentofte er ryddet."]
    assert partnerships(at)["Gentofte"] == "ukendt"


def test_bad_dates_are_refused_in_danish(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    at = save_start(at, 157, None)
    assert [e.value for e in at.error] == [
        "Vælg en startdato, eller sæt flueben i »Ryd startdatoen«. Intet er gemt."
    ]
    at = save_start(at, 157, date.today() + timedelta(days=1))  # past the picker's limit
    assert not at.exception
    assert partnerships(at)["Gentofte"] == "ukendt"


def test_a_save_from_a_stale_page_is_refused(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    engine = make_engine(private_db)
    try:  # a colleague saves after the page was drawn
        set_partnership_start(
            engine, actor=COLLEAGUE, municipality_code=157, start=date(2019, 1, 1), seen=None
        )
    finally:
        engine.dispose()
    at = save_start(at, 157, date(2022, 2, 2))
    [error] = [e.value for e in at.error]
    assert error.startswith("Startdatoen for Gentofte er ændret af en anden, efter du hentede den")
    assert "den er nu 2019-01-01 (du ville gemme 2022-02-02)" in error
    assert partnerships(at)["Gentofte"] == "2019-01-01"
    at = save_start(at, 157, date(2022, 2, 2))  # now seen: saved
    assert partnerships(at)["Gentofte"] == "2022-02-02"
