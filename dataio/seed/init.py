"""Create or upgrade the database and fill it: what `botrygt init` and `botrygt demo` do."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.db.engine import transaction
from dataio.db.migrate import upgrade_schema
from dataio.offences.demo import has_offence_data, write_demo_offences
from dataio.seed.demo_burglaries import demo_municipalities, has_burglary_data, write_demo
from dataio.seed.demo_covariates import has_age_structure, write_demo_age_structure
from dataio.seed.demo_incidents import ensure_demo_incidents, write_demo_incidents
from dataio.seed.demo_neighbour_help import ensure_demo_helpers, replace_demo_helpers
from dataio.seed.demo_plan import ensure_demo_plan
from dataio.seed.demo_users import ensure_demo_users
from dataio.seed.reference import load_reference
from models.tables import Municipality


@dataclass(frozen=True)
class InitReport:
    """What initialise did."""

    demo_rows: int  # quarterly burglaries
    demo_users: int = 0
    # helper counts, activities, survey answers, age structure, business burglaries, incidents
    demo_other_rows: int = 0


def initialise(engine: Engine, *, demo: bool, today: date | None = None) -> InitReport:
    """Upgrade the schema, load reference data; in demo mode add demo data (if none) and demo users."""
    upgrade_schema(engine)
    with transaction(engine) as session:
        load_reference(session)
        session.flush()
        demo_rows = demo_users = demo_other_rows = 0
        if demo and not has_burglary_data(session):
            municipalities = demo_municipalities(session)
            demo_rows = write_demo(
                session, municipalities=municipalities, today=today or date.today()
            )
        if demo:
            demo_users = ensure_demo_users(session)
            ensure_demo_plan(session, today=today or date.today())
            demo_other_rows = ensure_demo_helpers(
                session, municipalities=demo_municipalities(session), today=today or date.today()
            )
            if not has_age_structure(session):  # the expected-burglaries model's covariates
                demo_other_rows += write_demo_age_structure(
                    session,
                    municipalities=demo_municipalities(session),
                    today=today or date.today(),
                )
            if not has_offence_data(session):  # demo business burglaries (1310)
                demo_other_rows += write_demo_offences(
                    session,
                    municipalities=demo_municipalities(session),
                    today=today or date.today(),
                )
            # the police's demo extract for Ishøj, with its one hotspot
            demo_other_rows += ensure_demo_incidents(session, today=today or date.today())
    return InitReport(demo_rows=demo_rows, demo_users=demo_users, demo_other_rows=demo_other_rows)


def regenerate_demo(engine: Engine, *, today: date | None = None) -> int:
    """`botrygt demo`: every kind of demo data made anew (burglaries, business burglaries, helpers,
    activities, surveys),
    and Ishøj's demo plan and walks where it has no plan, and the police's demo extract for Ishøj
    (incidents with one hotspot); real imported rows are kept. Returns
    the number of rows written."""
    day = today or date.today()
    with transaction(engine) as session:
        municipalities = demo_municipalities(session)
        rows = write_demo(session, municipalities=municipalities, today=day)
        rows += replace_demo_helpers(session, municipalities=municipalities, today=day)
        rows += write_demo_age_structure(session, municipalities=municipalities, today=day)
        rows += write_demo_offences(session, municipalities=municipalities, today=day)
        ensure_demo_plan(session, today=day)
        rows += write_demo_incidents(session, today=day)
    return rows


def ensure_reference(engine: Engine) -> None:
    """Schema and reference data, written only when missing (so read-only commands change nothing)."""
    upgrade_schema(engine)
    with Session(engine) as session:
        if session.exec(select(Municipality.code).limit(1)).first() is not None:
            return
    initialise(engine, demo=False)
