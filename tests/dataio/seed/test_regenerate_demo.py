"""`botrygt demo` makes every kind of demo data anew and keeps what people recorded or imported."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import ColumnExpressionArgument, Engine, delete, func
from sqlmodel import Session, col, select

from cli import main
from dataio.db.engine import transaction
from dataio.seed.init import initialise, regenerate_demo
from dataio.store.neighbour_help import add_helper_count
from models.domain import SourceKind
from models.tables import (
    ActionPlan,
    AgeStructureYear,
    BurglaryQuarter,
    DataSource,
    HelperCount,
    RecruitmentActivity,
    SurveyRound,
)
from tests.factories import POLICE

TODAY = date(2026, 12, 2)
TABLES = (AgeStructureYear, HelperCount, RecruitmentActivity, SurveyRound)


def _count(session: Session, table: type, *where: ColumnExpressionArgument[bool]) -> int:
    return int(session.exec(select(func.count()).select_from(table).where(*where)).one())


def test_init_then_demo_fills_every_goal_and_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite'}")
    assert main(["init"]) == 0
    assert main(["status", "--municipality", "183", "--json"]) == 0
    empty = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert empty["helpers"] is None and empty["insecurity"] is None
    assert empty["action_plan"] is None
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["status", "--municipality", "183", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["helpers"]["latest"] > 0 and document["helpers"]["demo"] is True
    assert 0 < document["insecurity"]["share"] < 1
    assert document["action_plan"]["items"] > 0
    assert empty["expected"] is None  # no age structure before the demo
    expected = document["expected"]
    assert expected["demo"] is True and expected["status"] in {
        "below_expected",
        "as_expected",
        "above_expected",
    }
    assert expected["low"] <= expected["expected"] <= expected["high"]


def test_demo_twice_replaces_rather_than_adds(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    first = regenerate_demo(engine, today=TODAY)
    with Session(engine) as session:
        before = [_count(session, t) for t in TABLES]
    assert regenerate_demo(engine, today=TODAY) == first
    with Session(engine) as session:
        after = [_count(session, t) for t in TABLES]
        assert session.get(ActionPlan, 183) is not None
    assert after == before and min(before) > 0


def test_demo_keeps_recorded_counts_and_writes_no_demo_rows_beside_them(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    regenerate_demo(engine, today=TODAY)
    add_helper_count(
        engine,
        actor=POLICE,
        municipality_code=183,
        count_date=date(2026, 11, 30),
        helpers=1450,
        today=TODAY,
    )
    with Session(engine) as session:
        real_quarters = _count(session, BurglaryQuarter, ~col(BurglaryQuarter.is_demo))
    regenerate_demo(engine, today=TODAY)
    with Session(engine) as session:
        ishoj = col(HelperCount.municipality_code) == 183
        assert _count(session, HelperCount, ishoj, ~col(HelperCount.is_demo)) == 1
        assert _count(session, HelperCount, ishoj, col(HelperCount.is_demo)) == 0
        assert _count(session, HelperCount, col(HelperCount.is_demo)) > 0  # the others get demo
        assert _count(session, BurglaryQuarter, ~col(BurglaryQuarter.is_demo)) == real_quarters


def test_demo_writes_no_demo_quarters_for_a_municipality_with_imported_ones(engine: Engine) -> None:
    initialise(engine, demo=False, today=TODAY)
    regenerate_demo(engine, today=TODAY)
    with transaction(engine) as session:
        source = DataSource(
            name="STRAF11 (test)",
            kind=SourceKind.FILE,
            dataset="burglary_quarter",
            rows=1,
            as_of=TODAY,
            loaded_at=datetime.now(UTC),
            loaded_by="test",
        )
        session.add(source)
        session.flush()
        assert source.id is not None
        # a real quarter where the demo series has one too: the two used to collide
        session.execute(
            delete(BurglaryQuarter).where(col(BurglaryQuarter.municipality_code) == 183)
        )
        session.add(
            BurglaryQuarter(
                municipality_code=183,
                period="2020K1",
                year=2020,
                quarter=1,
                count=17,
                source_id=source.id,
                imported_at=datetime.now(UTC),
            )
        )
    regenerate_demo(engine, today=TODAY)
    with Session(engine) as session:
        ishoj = col(BurglaryQuarter.municipality_code) == 183
        assert _count(session, BurglaryQuarter, ishoj) == 1  # the real one, no demo beside it
        assert _count(session, BurglaryQuarter, ishoj, col(BurglaryQuarter.is_demo)) == 0
        assert _count(session, BurglaryQuarter, col(BurglaryQuarter.is_demo)) > 0  # the others
