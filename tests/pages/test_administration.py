"""AppTest: after "Opret bruger" the table and every picker show the new user at once."""

from tests.pages.apptest import run_page

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
    [users] = [d.value for d in at.dataframe]
    assert "ny.leder" in " ".join(str(v) for v in users.to_numpy().ravel())
    assert "ny.leder" in at.selectbox(key="activity_user").options
