"""Whether `botrygt init --demo-if-empty` (what `make run` does) has anything to do: a few cheap
questions, not the full pass (the full pass imports the demo generators and rewrites reference
data, 3-10 s on a laptop before the server can start)."""

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from dataio.db.migrate import database_revision, head_revision
from dataio.seed.demo_users import DEMO_USERS
from models.tables import (
    ActionPlan,
    AgeStructureYear,
    AppUser,
    BurglaryQuarter,
    HelperCount,
    Municipality,
    RecruitmentActivity,
    SurveyRound,
)

DEMO_PLAN_MUNICIPALITY = (
    183  # dataio.seed.demo_plan.DEMO_MUNICIPALITY (Ishøj), held equal by a test
)


def _has_rows(session: Session, table: type) -> bool:
    return bool(session.exec(select(func.count()).select_from(table)).one())


def database_is_current(engine: Engine, *, demo: bool) -> bool:
    """The schema is at this code's newest migration, the reference data is there, and (in demo
    mode) everything `initialise` would add when missing is there: the demo burglaries, users,
    Ishøj's plan, helpers, activities, surveys and the age structure. The conditions are initialise's own."""
    if database_revision(engine) != head_revision(engine):
        return False
    with Session(engine) as session:
        if session.exec(select(Municipality.code).limit(1)).first() is None:
            return False
        if not demo:
            return True
        users = set(session.exec(select(AppUser.username)).all())
        return (
            {user.username for user in DEMO_USERS} <= users
            and session.get(ActionPlan, DEMO_PLAN_MUNICIPALITY) is not None
            and all(
                _has_rows(session, table)
                for table in (
                    AgeStructureYear,
                    BurglaryQuarter,
                    HelperCount,
                    RecruitmentActivity,
                    SurveyRound,
                )
            )
        )
