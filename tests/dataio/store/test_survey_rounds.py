"""Survey rounds as a process on SQLite and PostgreSQL (dataio.survey_rounds): the schedule (plan,
record counts, stale versions, rights, audit), the next round's defaults and local questions."""

import json
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.survey_rounds.local import add_local_measure, local_measures, record_local_counts
from dataio.survey_rounds.schedule import (
    ScheduleInput,
    create_schedule,
    next_round,
    response_rates,
    schedules,
    update_schedule,
)
from models.tables import AuditEntry
from tests.factories import (
    ADMIN,
    COLLEAGUE,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_LEADER,
    POLICE,
    add_survey_round,
    insecurity_answers,
    row_count,
)
from tests.support.interleave import rival_before_write, second_engine

TODAY = date(2026, 12, 7)
PLAN = ScheduleInput(
    year=2027,
    invitation_date=date(2027, 3, 1),
    close_date=date(2027, 3, 29),
    reminder_dates=(date(2027, 3, 15),),
)


def _audit(engine: Engine, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEntry)
                .where(col(AuditEntry.action) == action)
                .order_by(col(AuditEntry.id))
            ).all()
        )


def _running(**changes: object) -> ScheduleInput:
    values = {
        **PLAN.__dict__,
        "status": "i gang",
        "invitations": 1000,
        "responses": 420,
        "reminders_sent_on": (date(2027, 3, 15),),
    }
    values.update(changes)
    return ScheduleInput(**values)


def test_the_project_leader_plans_a_round_and_records_its_counts(seeded_engine: Engine) -> None:
    schedule_id = create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)
    (row,) = schedules(seeded_engine, viewer=COUNCIL, code=ISHOJ).itertuples()
    assert (row.year, row.status, row.reminder_dates) == (2027, "planlagt", "2027-03-15")
    assert row.response_rate is None and row.reminders_sent == 0
    assert response_rates(seeded_engine, viewer=POLICE, code=ISHOJ) == {}
    assert update_schedule(
        seeded_engine,
        actor=LEADER,
        schedule_id=schedule_id,
        loaded_version=int(row.row_version),
        values=_running(),
    )
    (row,) = schedules(seeded_engine, viewer=COUNCIL, code=ISHOJ).itertuples()
    assert (row.invitations, row.responses, row.reminders_sent) == (1000, 420, 1)
    assert row.response_rate == pytest.approx(0.42)
    assert response_rates(seeded_engine, viewer=COUNCIL, code=ISHOJ) == {2027: (420, 1000)}
    (created,) = _audit(seeded_engine, "survey_schedule.create")
    assert created.username == "projektleder" and created.municipality_code == ISHOJ
    assert json.loads(created.after or "{}")["invitation_date"] == "2027-03-01"
    (updated,) = _audit(seeded_engine, "survey_schedule.update")
    after = json.loads(updated.after or "{}")
    assert after == {
        "status": "i gang",
        "invitations": 1000,
        "responses": 420,
        "reminders_sent_on": "2027-03-15",
    }
    assert json.loads(updated.before or "{}")["status"] == "planlagt"


def test_a_save_without_a_change_writes_nothing(seeded_engine: Engine) -> None:
    schedule_id = create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)
    assert not update_schedule(
        seeded_engine, actor=LEADER, schedule_id=schedule_id, loaded_version=1, values=PLAN
    )
    assert _audit(seeded_engine, "survey_schedule.update") == []


def test_a_stale_version_is_refused_in_danish(seeded_engine: Engine) -> None:
    schedule_id = create_schedule(seeded_engine, actor=ADMIN, code=ISHOJ, values=PLAN)
    update_schedule(
        seeded_engine, actor=COLLEAGUE, schedule_id=schedule_id, loaded_version=1, values=_running()
    )
    with pytest.raises(ValidationFailed, match=r"er ændret af kollega .* hent siden igen"):
        update_schedule(
            seeded_engine,
            actor=LEADER,
            schedule_id=schedule_id,
            loaded_version=1,
            values=_running(responses=10),
        )
    (row,) = schedules(seeded_engine, viewer=ADMIN, code=ISHOJ).itertuples()
    assert row.responses == 420 and len(_audit(seeded_engine, "survey_schedule.update")) == 1


@pytest.mark.parametrize("actor", [COUNCIL, POLICE, OTHER_LEADER], ids=lambda a: a.username)
def test_roles_out_of_scope_are_refused_and_nothing_is_written(
    seeded_engine: Engine, actor: object
) -> None:
    before = row_count(seeded_engine, "audit_entry")
    with pytest.raises(PermissionDenied, match="må ikke ændre tryghedsmålinger for Ishøj"):
        create_schedule(seeded_engine, actor=actor, code=ISHOJ, values=PLAN)  # type: ignore[arg-type]
    schedule_id = create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        update_schedule(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            schedule_id=schedule_id,
            loaded_version=1,
            values=_running(),
        )
    with pytest.raises(PermissionDenied, match="Ingen adgang"):
        add_local_measure(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            code=ISHOJ,
            question="Tryg i Vejleåparken?",
            categories=["Ja", "Nej"],
            in_share=["Nej"],
        )
    assert row_count(seeded_engine, "survey_schedule") == 1
    assert row_count(seeded_engine, "local_survey_measure") == 0
    assert row_count(seeded_engine, "audit_entry") == before + 1


def test_more_responses_than_invitations_are_refused(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match=r"flere svar \(1\.001\) end inviterede \(1\.000\)"):
        create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=_running(responses=1001))
    assert row_count(seeded_engine, "survey_schedule") == 0


def test_one_schedule_per_year(seeded_engine: Engine) -> None:
    create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)
    with pytest.raises(ValidationFailed, match="allerede en planlagt måling i 2027"):
        create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)


def test_the_next_round_comes_two_years_after_the_last(seeded_engine: Engine) -> None:
    assert (
        next_round(seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY).year == 2026
    )  # none yet: this year
    add_survey_round(
        seeded_engine, year=2025, answers=insecurity_answers(utryg=20, meget_utryg=5, rest=200)
    )
    dates = next_round(seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY)
    assert (dates.year, dates.invitation, dates.close) == (
        2027,
        date(2027, 3, 1),
        date(2027, 3, 29),
    )
    create_schedule(
        seeded_engine,
        actor=LEADER,
        code=ISHOJ,
        values=ScheduleInput(
            year=2027, invitation_date=date(2027, 4, 6), close_date=date(2027, 5, 4)
        ),
    )
    after = next_round(seeded_engine, viewer=COUNCIL, code=ISHOJ, today=TODAY)
    assert (after.year, after.invitation) == (2029, date(2029, 4, 6))


def test_a_local_question_with_its_counts_and_share(seeded_engine: Engine) -> None:
    measure_id = add_local_measure(
        seeded_engine,
        actor=LEADER,
        code=ISHOJ,
        question="Føler du dig tryg i Vejleåparken om aftenen?",
        categories=["Ja", "Nej", "Ved ikke"],
        in_share=["Nej"],
    )
    record_local_counts(
        seeded_engine,
        actor=LEADER,
        measure_id=measure_id,
        year=2025,
        counts={"Ja": 70, "Nej": 17, "Ved ikke": 13},
    )
    (measure,) = local_measures(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert measure.code == "foeler_du_dig_tryg_i_vej"
    assert [c.label for c in measure.categories] == ["Ja", "Nej", "Ved ikke"]
    assert measure.share_label == "Nej"
    (row,) = measure.rounds.itertuples()
    assert (row.year, row.respondents, row.in_share) == (2025, 100, 17)
    assert (row.low, row.high) == pytest.approx((0.108936, 0.255480), abs=1e-6)
    # the round entered again replaces its counts
    record_local_counts(
        seeded_engine,
        actor=ADMIN,
        measure_id=measure_id,
        year=2025,
        counts={"Ja": 50, "Nej": 50},
    )
    (measure,) = local_measures(seeded_engine, viewer=POLICE, code=ISHOJ)
    assert list(measure.rounds["share"]) == [0.5]
    (made,) = _audit(seeded_engine, "local_measure.create")
    assert json.loads(made.after or "{}")["in_share"] == "Nej"
    _first, second = _audit(seeded_engine, "local_measure.counts")
    assert json.loads(second.before or "{}")["answers"] == "Ja: 70, Nej: 17, Ved ikke: 13"
    assert json.loads(second.after or "{}")["answers"] == "Ja: 50, Nej: 50, Ved ikke: 0"


def test_local_counts_are_refused_out_of_scope_and_checked(seeded_engine: Engine) -> None:
    measure_id = add_local_measure(
        seeded_engine,
        actor=LEADER,
        code=ISHOJ,
        question="Spørgsmål",
        categories=["Ja", "Nej"],
        in_share=["Ja"],
    )
    for actor in (COUNCIL, POLICE, OTHER_LEADER):
        with pytest.raises(PermissionDenied, match="Ingen adgang"):
            record_local_counts(
                seeded_engine, actor=actor, measure_id=measure_id, year=2025, counts={"Ja": 1}
            )
    with pytest.raises(ValidationFailed, match="Ukendt svarkategori: Måske"):
        record_local_counts(
            seeded_engine, actor=LEADER, measure_id=measure_id, year=2025, counts={"Måske": 1}
        )
    with pytest.raises(ValidationFailed, match="negativt"):
        record_local_counts(
            seeded_engine, actor=LEADER, measure_id=measure_id, year=2025, counts={"Ja": -1}
        )
    with pytest.raises(ValidationFailed, match="Andelen kan ikke tælle alle"):
        add_local_measure(
            seeded_engine,
            actor=LEADER,
            code=ISHOJ,
            question="Andet",
            categories=["Ja", "Nej"],
            in_share=["Ja", "Nej"],
        )
    assert row_count(seeded_engine, "local_survey_answer") == 0


def test_two_questions_with_the_same_words_get_their_own_codes(seeded_engine: Engine) -> None:
    for _ in range(2):
        add_local_measure(
            seeded_engine,
            actor=LEADER,
            code=ISHOJ,
            question="Tryg?",
            categories=["Ja", "Nej"],
            in_share=["Nej"],
        )
    assert [m.code for m in local_measures(seeded_engine, viewer=LEADER, code=ISHOJ)] == [
        "tryg",
        "tryg_2",
    ]


def test_of_two_simultaneous_saves_from_the_same_version_exactly_one_lands(
    seeded_engine: Engine,
) -> None:
    schedule_id = create_schedule(seeded_engine, actor=LEADER, code=ISHOJ, values=PLAN)
    rival_engine = second_engine(seeded_engine)

    def rival() -> None:
        update_schedule(
            rival_engine,
            actor=COLLEAGUE,
            schedule_id=schedule_id,
            loaded_version=1,
            values=_running(responses=300),
        )

    try:
        with (
            rival_before_write(seeded_engine, table="survey_schedule", rival=rival) as hooked,
            pytest.raises(ValidationFailed, match="er ændret af kollega"),
        ):
            update_schedule(
                seeded_engine,
                actor=LEADER,
                schedule_id=schedule_id,
                loaded_version=1,
                values=_running(responses=500),
            )
    finally:
        rival_engine.dispose()
    assert hooked, "the rival never ran between the read and the write"
    (row,) = schedules(seeded_engine, viewer=ADMIN, code=ISHOJ).itertuples()
    assert (row.responses, row.row_version) == (300, 2)
    (updated,) = _audit(seeded_engine, "survey_schedule.update")
    assert updated.username == "kollega"
