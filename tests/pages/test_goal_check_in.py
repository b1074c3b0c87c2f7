"""AppTest: on Mål the project leader writes a period's comment and their own status with a
reason (refused in Danish without one); Min kommune and Kommune show it beside the computed status."""

from dataio.db.engine import make_engine
from dataio.store.goals import create_local_goal, find_goal
from tests.factories import LEADER
from tests.pages.apptest import page_text, run_page

MAAL = "pages/3_Maal.py"
REASON = "Tre nye nabohjælpergrupper i Vejleåparken"


def local_goal_id(url: str) -> int:
    engine = make_engine(url)
    goal = find_goal(engine, indicator="burglaries", code=183)
    if goal is None:
        goal = create_local_goal(engine, actor=LEADER, municipality_code=183)
    assert goal.id is not None
    return goal.id


def test_an_own_status_needs_a_reason_and_shows_beside_the_computed(private_db: str) -> None:
    goal_id = local_goal_id(private_db)
    at = run_page(MAAL, user="projektleder")
    at.selectbox(key="goal_choice").set_value(goal_id).run()
    assert not at.exception and not at.error
    assert any(m.value.startswith("Beregnet: ") for m in at.markdown)
    at.text_area(key=f"goal_comment_{goal_id}").input("Sommerens kampagne virker")
    at.selectbox(key=f"goal_override_{goal_id}").set_value("on_track")
    at.text_input(key=f"goal_reason_{goal_id}").input("")
    at = next(b for b in at.button if b.label == "Gem kommentar").click().run()
    assert [e.value for e in at.error] == [
        "Kommentaren er ikke gemt: En egen vurdering af status skal have en skriftlig "
        "begrundelse: skriv, hvorfor"
    ]
    at.text_input(key=f"goal_reason_{goal_id}").input(REASON)
    at = next(b for b in at.button if b.label == "Gem kommentar").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Kommentaren er gemt og skrevet i ændringsloggen."]
    line = next(m.value for m in at.markdown if m.value.startswith("Beregnet: "))
    assert f"· Projektlederens vurdering: ● På rette vej — »{REASON}«" in line
    [history] = [d.value for d in at.dataframe if "Periode" in d.value.columns]
    assert list(history["Kommentar"]) == ["Sommerens kampagne virker"]

    for page in ("pages/0_Min_kommune.py", "pages/1_Kommune.py"):
        shown = run_page(page, user="byraad", query={"kommune": "183"})
        assert not shown.exception and not shown.error
        text = page_text(shown)
        assert (
            "Beregnet: " in text
            and f"Projektlederens vurdering: ● På rette vej — »{REASON}«" in text
        ), page


def test_without_an_own_status_no_line_is_shown(private_db: str) -> None:
    local_goal_id(private_db)
    at = run_page("pages/0_Min_kommune.py", user="byraad")
    assert not at.exception and "Projektlederens vurdering" not in page_text(at)
