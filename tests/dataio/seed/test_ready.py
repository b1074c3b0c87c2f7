"""`botrygt init --demo-if-empty` skips its work only on a database that is current."""

from sqlalchemy import Engine, text

from dataio.seed.demo_plan import DEMO_MUNICIPALITY
from dataio.seed.init import initialise
from dataio.seed.ready import DEMO_PLAN_MUNICIPALITY, database_is_current


def test_the_demo_plan_municipality_is_the_seeds_own() -> None:
    assert DEMO_PLAN_MUNICIPALITY == DEMO_MUNICIPALITY


def test_current_after_init_and_not_before_or_after_a_demo_user_is_gone(engine: Engine) -> None:
    assert not database_is_current(engine, demo=True)
    initialise(engine, demo=True)
    assert database_is_current(engine, demo=True)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM app_user WHERE username = 'politi'"))
    assert not database_is_current(engine, demo=True)
    assert database_is_current(engine, demo=False)  # without demo mode the users do not matter
