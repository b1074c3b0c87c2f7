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


def save(at: AppTest, target: float) -> AppTest:
    next(n for n in at.number_input if n.label == TARGET).set_value(target)
    return next(b for b in at.button if b.label == "Gem mål").click().run()


def test_a_save_from_an_older_page_is_refused_and_named(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception and next(n for n in at.number_input if n.label == TARGET).value == 10000
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
    at = save(at, 7000)
    assert not at.exception and not at.success
    [error] = [e.value for e in at.error]
    assert "ændret af admin2" in error and "målniveau er nu 8.000 (du ville gemme 7.000)" in error
    assert national(private_db).target == 8000 and goal_updates(private_db, "admin") == 0
    # the form now shows what is stored, and saving from it works
    assert next(n for n in at.number_input if n.label == TARGET).value == 8000
    at = save(at, 7000)
    assert [s.value for s in at.success] == ["Målet er gemt og skrevet i ændringsloggen."]
    assert national(private_db).target == 7000 and goal_updates(private_db, "admin") == 1


def test_saving_without_a_change_writes_nothing(private_db: str) -> None:
    at = run_page(PAGE, user="admin")
    at = save(at, 10000)
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == ["Intet at gemme: målet er uændret."]
    assert goal_updates(private_db, "admin") == 0
