"""AppTest: the Mål page saves a goal from the version the person saw; an older page is refused."""

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.goals import GoalChange, find_goal, update_goal
from models.permissions import Actor, Role
from models.tables import Goal
from tests.pages.apptest import run_page

PAGE = "pages/3_Maal.py"
TARGET = "Målniveau (antal pr. år)"


def national(url: str) -> Goal:
    goal = find_goal(make_engine(url), indicator="burglaries", code=None)
    assert goal is not None
    return goal


def goal_updates(url: str, username: str) -> int:
    with make_engine(url).connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(*) FROM audit_entry WHERE action = 'goal.update' AND username = :u"
                ),
                {"u": username},
            ).scalar_one()
        )


def target_field(at: AppTest) -> str:
    return str(next(n for n in at.text_input if n.label == TARGET).value)


def save(at: AppTest, target: str) -> AppTest:
    next(n for n in at.text_input if n.label == TARGET).set_value(target)
    return next(b for b in at.button if b.label == "Gem mål").click().run()


def test_a_save_from_an_older_page_is_refused_and_named(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception and target_field(at) == "10.000"
    # another administrator saves 8.000 while this page still shows 10.000
    loaded = national(private_db)
    update_goal(
        make_engine(private_db),
        actor=Actor("admin2", Role.ADMIN),
        goal_id=loaded.id or 0,
        change=GoalChange(
            baseline=loaded.baseline,
            baseline_year=loaded.baseline_year,
            target=8000,
            target_reduction=None,
            target_year=loaded.target_year,
            source_note=loaded.source_note,
        ),
        loaded_version=loaded.row_version,
    )
    at = save(at, "7.000")
    assert not at.exception and not at.success
    [error] = [e.value for e in at.error]
    assert "ændret af admin2" in error and "målniveau er nu 8.000 (du ville gemme 7.000)" in error
    assert national(private_db).target == 8000 and goal_updates(private_db, "admin") == 0
    # the form now shows what is stored, and saving from it works
    assert target_field(at) == "8.000"
    at = save(at, "7.000")
    assert [s.value for s in at.success] == ["Målet er gemt og skrevet i ændringsloggen."]
    assert national(private_db).target == 7000 and goal_updates(private_db, "admin") == 1


def test_saving_without_a_change_writes_nothing(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    at = save(at, "10000")
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == ["Intet at gemme: målet er uændret."]
    assert goal_updates(private_db, "admin") == 0


def test_project_leader_creates_a_helper_goal_and_sees_its_status(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception
    assert "Opret mål for nabohjælpere" in [b.label for b in at.button]
    at.selectbox(key="helper_goal_unit").set_value("level")
    next(t for t in at.text_input if t.key == "helper_goal_target").set_value("1.450")
    at = next(b for b in at.button if b.label == "Opret mål for nabohjælpere").click().run()
    assert not at.exception and not at.error
    [message] = [s.value for s in at.success]
    assert message.startswith("Målet for nabohjælpere i Ishøj er oprettet. Status nu: ")
    goal = find_goal(make_engine(private_db), indicator="helpers", code=183)
    assert goal is not None and (goal.target, goal.target_unit) == (1450.0, "level")
    # the new goal is the one shown, with its status card; the form to create one is gone
    assert next(s for s in at.selectbox if s.label == "Mål").value == goal.id
    assert "Opret mål for nabohjælpere" not in [b.label for b in at.button]
    texts = [m.value for m in at.markdown]
    assert any("Nabohjælpere: Ishøj" in t for t in texts)
    assert not any("Intet rekrutteringsmål" in t for t in texts)


def test_police_edit_their_districts_helper_goal_typed_the_danish_way(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    assert not at.exception
    goal = find_goal(make_engine(private_db), indicator="helpers", code=163)  # Herlev, district 10
    assert goal is not None
    next(s for s in at.selectbox if s.label == "Mål").set_value(goal.id)
    at.run()
    next(t for t in at.text_input if t.label == "Målniveau (nye nabohjælpere)").set_value("1.500")
    at = next(b for b in at.button if b.label == "Gem mål").click().run()
    assert [s.value for s in at.success] == ["Målet er gemt og skrevet i ændringsloggen."]
    stored = find_goal(make_engine(private_db), indicator="helpers", code=163)
    assert stored is not None and stored.target == 1500.0 and stored.updated_by == "politi"


def test_a_number_that_is_not_danish_is_refused_in_danish(private_db: str) -> None:
    at = save(run_page(PAGE, user="admin"), "7.5")
    assert not at.exception and not at.success
    [error] = [e.value for e in at.error]
    assert "Målniveauet" in error and "«7.5»" in error
    assert national(private_db).target == 10000
