"""Survey rounds: shares summed in SQL, Wilson intervals, the insecurity status and its goal."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.status_document import insecurity_document
from dataio.store.surveys import insecurity_overview, measure, national_series, survey_rounds
from models.tables import SurveyMeasure
from tests.factories import READER, add_survey_round, insecurity_answers


def test_share_counts_only_the_insecure_categories(seeded_engine: Engine) -> None:
    add_survey_round(
        seeded_engine,
        year=2024,
        measure_code="utryg_indbrud",
        answers=insecurity_answers(utryg=50, meget_utryg=18, rest=332),
    )
    frame = survey_rounds(seeded_engine, viewer=READER, codes=[183], measure_code="utryg_indbrud")
    row = frame.iloc[0]
    assert (row["in_share"], row["respondents"]) == (68, 400)
    assert row["share"] == pytest.approx(0.17)
    assert (row["low"], row["high"]) == pytest.approx((0.136369, 0.209909), abs=1e-6)
    assert not row["small_sample"]


def test_insecurity_status_document(seeded_engine: Engine) -> None:
    add_survey_round(
        seeded_engine,
        year=2022,
        measure_code="utryg_indbrud",
        answers=insecurity_answers(utryg=110, meget_utryg=40, rest=350),
    )
    add_survey_round(
        seeded_engine,
        year=2024,
        measure_code="utryg_indbrud",
        answers=insecurity_answers(utryg=80, meget_utryg=30, rest=390),
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
    add_survey_round(
        seeded_engine,
        year=2024,
        measure_code="utryg_indbrud",
        answers=insecurity_answers(utryg=5, meget_utryg=2, rest=50),
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
