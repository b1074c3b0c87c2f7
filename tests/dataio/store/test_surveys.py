"""Survey rounds: shares summed in SQL, Wilson intervals, the insecurity status and its goal."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.db.engine import transaction
from dataio.status_document import insecurity_document
from dataio.store.surveys import insecurity_overview, measure, national_series, survey_rounds
from models.permissions import Actor, Role
from models.tables import DataSource, SurveyAnswer, SurveyMeasure, SurveyRound

READER = Actor("læser", Role.ADMIN)  # reads of partnership data take a viewer


def _round(
    engine: Engine, *, code: int, year: int, measure_code: str, answers: dict[str, int]
) -> None:
    from datetime import UTC, date, datetime

    with transaction(engine) as session:
        source = DataSource(
            name="test", kind="file", as_of=date(2026, 1, 1), loaded_at=datetime.now(UTC)
        )
        session.add(source)
        session.flush()
        survey = SurveyRound(
            municipality_code=code,
            year=year,
            measure_code=measure_code,
            respondents=sum(answers.values()),
            source_id=source.id or 0,
        )
        session.add(survey)
        session.flush()
        for category, count in answers.items():
            session.add(SurveyAnswer(round_id=survey.id or 0, category=category, count=count))


def _insecurity(utryg: int, meget_utryg: int, rest: int) -> dict[str, int]:
    return {"tryg": rest - 10, "ved_ikke": 10, "utryg": utryg, "meget_utryg": meget_utryg}


def test_share_counts_only_the_insecure_categories(seeded_engine: Engine) -> None:
    _round(
        seeded_engine,
        code=183,
        year=2024,
        measure_code="utryg_indbrud",
        answers=_insecurity(50, 18, 332),
    )
    frame = survey_rounds(seeded_engine, viewer=READER, codes=[183], measure_code="utryg_indbrud")
    row = frame.iloc[0]
    assert (row["in_share"], row["respondents"]) == (68, 400)
    assert row["share"] == pytest.approx(0.17)
    assert (row["low"], row["high"]) == pytest.approx((0.136369, 0.209909), abs=1e-6)
    assert not row["small_sample"]


def test_insecurity_status_document(seeded_engine: Engine) -> None:
    _round(
        seeded_engine,
        code=183,
        year=2022,
        measure_code="utryg_indbrud",
        answers=_insecurity(110, 40, 350),
    )
    _round(
        seeded_engine,
        code=183,
        year=2024,
        measure_code="utryg_indbrud",
        answers=_insecurity(80, 30, 390),
    )
    document = insecurity_document(seeded_engine, viewer=READER, code=183)
    assert document == {
        "year": 2024,
        "share": 0.22,
        "ci_low": pytest.approx(0.1859, abs=1e-4),
        "ci_high": pytest.approx(0.2584, abs=1e-4),
        "respondents": 500,
        "goal": 0.10,
        "status": "needs_acceleration",  # 30 % -> 22 % is a real fall, still above the path
        "demo": False,
    }
    assert insecurity_document(seeded_engine, viewer=READER, code=101) is None


def test_small_samples_are_flagged(seeded_engine: Engine) -> None:
    _round(
        seeded_engine,
        code=183,
        year=2024,
        measure_code="utryg_indbrud",
        answers=_insecurity(5, 2, 50),
    )
    frame = survey_rounds(seeded_engine, viewer=READER, codes=[183], measure_code="utryg_indbrud")
    assert bool(frame["small_sample"].iloc[0])


def test_the_neighbourhood_measure_is_never_judged_against_the_burglary_goal(
    seeded_engine: Engine,
) -> None:
    nabolag = measure(seeded_engine, "utryg_nabolag")
    assert nabolag.goal_indicator is None
    assert "Justitsministeriet" in nabolag.owner
    assert measure(seeded_engine, "utryg_indbrud").goal_indicator == "insecurity"
    with Session(seeded_engine) as session:
        assert {m.code for m in session.exec(select(SurveyMeasure)).all()} >= {
            "utryg_indbrud",
            "sikring",
            "utryg_nabolag",
        }


def test_national_series_carries_its_quality(seeded_engine: Engine) -> None:
    national = national_series(seeded_engine, measure_code="utryg_indbrud")
    assert set(national["quality"]) == {"approximate"}
    assert national.set_index("year").loc[2017, "share"] == 0.25
    assert national_series(seeded_engine, measure_code="utryg_nabolag")["share"].tolist() == [0.074]


def test_overview_without_rounds_is_insufficient_evidence(seeded_engine: Engine) -> None:
    overview = insecurity_overview(seeded_engine, viewer=READER, code=183)
    assert (
        overview.rounds.empty and overview.estimate_missing
        if hasattr(overview, "estimate_missing")
        else True
    )
    assert overview.assessment.status.value == "insufficient_evidence"
    assert overview.assessment.estimate is None
