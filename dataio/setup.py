"""Create or upgrade the database and fill it: what `botrygt init` and `botrygt demo` do."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from dataio.db import transaction
from dataio.demo import demo_municipalities, has_burglary_data, write_demo
from dataio.migrate import upgrade_schema
from dataio.reference import load_reference


@dataclass(frozen=True)
class InitReport:
    """What initialise did."""

    demo_rows: int


def initialise(engine: Engine, *, demo: bool, today: date | None = None) -> InitReport:
    """Upgrade the schema, load reference data, and add demo data if asked and none exists."""
    upgrade_schema(engine)
    with transaction(engine) as session:
        load_reference(session)
        session.flush()
        demo_rows = 0
        if demo and not has_burglary_data(session):
            municipalities = demo_municipalities(session)
            demo_rows = write_demo(
                session, municipalities=municipalities, today=today or date.today()
            )
    return InitReport(demo_rows=demo_rows)


def regenerate_demo(engine: Engine, *, today: date | None = None) -> int:
    """Replace the demo burglaries (real imported rows are kept)."""
    with transaction(engine) as session:
        return write_demo(
            session, municipalities=demo_municipalities(session), today=today or date.today()
        )
