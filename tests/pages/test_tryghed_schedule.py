"""AppTest: Tryghed's "Næste måling" and "Lokale spørgsmål" per role. The project leader plans the
next round, records its counts and adds a local question with a round's counts; the council and
the police read the schedule, the response rate and the local share, with no form."""

from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from dataio.db.engine import make_engine
from dataio.store.surveys import insecurity_overview
from dataio.survey_rounds.local import add_local_measure, local_measures, record_local_counts
from dataio.survey_rounds.schedule import (
    ScheduleInput,
    create_schedule,
    next_round,
    schedules,
    update_schedule,
)
from models.permissions import Actor, Role
from models.survey_schedule import LOCAL_NOTE, RATE_NOTE
from tests.factories import ISHOJ, LEADER, READER
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/7_Tryghed.py"
LOCAL_COLUMNS = ["År", "Andel", "95 %-interval", "Besvarelser", "Bemærkning"]


def _button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def _seed(url: str) -> int:
    """A counted round in the demo's latest survey year, and a local question with one round."""
    engine = make_engine(url)
    latest = int(insecurity_overview(engine, viewer=READER, code=ISHOJ).rounds["year"].max())
    create_schedule(
        engine,
        actor=LEADER,
        code=ISHOJ,
        values=ScheduleInput(
            year=latest,
            invitation_date=date(latest, 3, 1),
            close_date=date(latest, 3, 29),
            reminder_dates=(date(latest, 3, 15),),
            status="afsluttet",
            invitations=1000,
            responses=420,
            reminders_sent_on=(date(latest, 3, 15),),
        ),
    )
    measure_id = add_local_measure(
        engine,
        actor=LEADER,
        code=ISHOJ,
        question="Føler du dig tryg i Vejleåparken om aftenen?",
        categories=["Ja", "Nej", "Ved ikke"],
        in_share=["Nej"],
    )
    record_local_counts(
        engine,
        actor=LEADER,
        measure_id=measure_id,
        year=latest,
        counts={"Ja": 70, "Nej": 17, "Ved ikke": 13},
    )
    engine.dispose()
    return latest


def test_the_project_leader_plans_the_next_round_and_records_its_counts(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert "Næste måling" in [s.value for s in at.subheader]
    assert "Der er endnu ingen planlagt måling for Ishøj." in [i.value for i in at.info]
    proposed = at.number_input(key="schedule_year").value
    assert proposed is not None
    year = int(proposed)
    assert year >= date.today().year
    _button(at, "Planlæg målingen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Målingen {year} er planlagt."]
    engine = make_engine(private_db)
    (row,) = schedules(engine, viewer=READER, code=ISHOJ).itertuples()
    assert (row.year, row.status) == (year, "planlagt")

    at.selectbox(key="schedule_status").select("i gang")
    at.number_input(key="schedule_invitations").set_value(2000)
    at.number_input(key="schedule_responses").set_value(2100)
    _button(at, "Gem forløbet").click().run()
    assert [e.value for e in at.error] == [
        "Der kan ikke være flere svar (2.100) end inviterede (2.000)"
    ]
    at.number_input(key="schedule_responses").set_value(866)
    reminder = pd.Timestamp(row.reminder_dates).date()  # the proposed one
    at.text_input(key="schedule_sent").input(f"{reminder:%d.%m.%Y}")
    _button(at, "Gem forløbet").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Forløbet af målingen {year} er gemt."]
    (row,) = schedules(engine, viewer=READER, code=ISHOJ).itertuples()
    assert (row.invitations, row.responses, row.reminders_sent) == (2000, 866, 1)
    assert "Svarprocent 43,3 % (866 af 2.000 inviterede)" in page_text(at)
    engine.dispose()


def test_the_project_leader_adds_a_local_question_and_its_counts(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    at.text_input(key="local_question").input("Føler du dig tryg i Vejleåparken?")
    at.text_input(key="local_in_share").input("Nej")
    _button(at, "Tilføj spørgsmålet").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Spørgsmålet «Føler du dig tryg i Vejleåparken?» er tilføjet."
    ]
    engine = make_engine(private_db)
    (measure,) = local_measures(engine, viewer=READER, code=ISHOJ)
    at.number_input(key=f"local_year_{measure.id}").set_value(2025)
    at.number_input(key=f"local_count_{measure.id}_0").set_value(70)
    at.number_input(key=f"local_count_{measure.id}_1").set_value(17)
    at.number_input(key=f"local_count_{measure.id}_2").set_value(13)
    _button(at, "Gem svarene").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Svarene for 2025 er gemt."]
    table = next(d.value for d in at.dataframe if list(d.value.columns) == LOCAL_COLUMNS)
    assert list(table["Andel"]) == ["17,0 %"] and list(table["95 %-interval"]) == ["10,9–25,5 %"]
    assert LOCAL_NOTE in page_text(at)
    engine.dispose()


def test_a_local_question_without_a_counted_category_is_a_danish_message(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    at.text_input(key="local_question").input("Spørgsmål")
    _button(at, "Tilføj spørgsmålet").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Vælg mindst én kategori, der tæller i andelen"]


def test_the_council_sees_the_schedule_the_rate_and_the_local_share_but_no_form(
    private_db: str,
) -> None:
    latest = _seed(private_db)
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "Svarprocent 42,0 % (420 af 1.000 inviterede)" in text
    # beside the share on the status card, for the latest round
    assert f"Måling {latest}: Svarprocent 42,0 % (420 af 1.000 inviterede)." in [
        c.value for c in at.caption
    ]
    assert RATE_NOTE in text
    assert "Projektlederen planlægger målingerne og registrerer forløbet." in text
    assert "Projektlederen tilføjer lokale spørgsmål og registrerer svarene." in text
    schedule = next(d.value for d in at.dataframe if "Påmindelser sendt" in d.value.columns)
    assert list(schedule["Svarprocent"]) == ["42,0 %"]
    assert list(schedule["Påmindelser sendt"]) == [f"1 (15. mar. {latest})"]
    rounds = next(
        d.value
        for d in at.dataframe
        if "Svarprocent" in d.value.columns and "Data" in d.value.columns
    )
    assert rounds["Svarprocent"].iloc[-1] == "42,0 % (420 af 1.000)"
    assert LOCAL_NOTE in text
    assert len(plotly_specs(at)) == 3  # insecurity, protection and the local question
    assert not at.get("form")
    assert not [b for b in at.button if b.label != "Log ud"]


def test_the_police_read_the_same_without_a_form(private_db: str) -> None:
    _seed(private_db)
    at = run_page(PAGE, user="politi", query={"kommune": str(ISHOJ)})
    assert not at.exception and not at.error
    assert at.title[0].value == "Tryghed: Ishøj"
    assert "Svarprocent 42,0 % (420 af 1.000 inviterede)" in page_text(at)
    assert not at.get("form")


def test_a_closed_round_is_read_only_and_the_next_is_planned_after_it(private_db: str) -> None:
    latest = _seed(private_db)
    engine = make_engine(private_db)
    upcoming = next_round(engine, viewer=READER, code=ISHOJ, today=date.today()).year
    engine.dispose()
    assert upcoming >= latest + 2 and (upcoming - latest) % 2 == 0
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert int(at.number_input(key="schedule_year").value or 0) == upcoming
    assert not [b for b in at.button if b.label == "Gem forløbet"]  # the round is closed
    _button(at, "Planlæg målingen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Målingen {upcoming} er planlagt."]
    assert at.number_input(key="schedule_invitations").value is None  # the new round's, empty
    schedule = next(d.value for d in at.dataframe if "Påmindelser sendt" in d.value.columns)
    assert list(schedule["Svarprocent"]) == ["–", "42,0 %"]


def test_a_save_from_an_older_page_is_a_danish_message_and_writes_nothing(private_db: str) -> None:
    engine = make_engine(private_db)
    schedule_id = create_schedule(
        engine,
        actor=LEADER,
        code=ISHOJ,
        values=ScheduleInput(
            year=2027, invitation_date=date(2027, 3, 1), close_date=date(2027, 3, 29)
        ),
    )
    at = run_page(PAGE, user="projektleder")  # the page holds version 1
    update_schedule(  # meanwhile the administrator records the invitations
        engine,
        actor=Actor("admin", Role.ADMIN),
        schedule_id=schedule_id,
        loaded_version=1,
        values=ScheduleInput(
            year=2027,
            invitation_date=date(2027, 3, 1),
            close_date=date(2027, 3, 29),
            status="i gang",
            invitations=1500,
        ),
    )
    at.number_input(key="schedule_invitations").set_value(2000)
    _button(at, "Gem forløbet").click().run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith("Målingen 2027 er ændret af admin (")
    assert message.endswith("efter du hentede siden; hent siden igen")
    (row,) = schedules(engine, viewer=READER, code=ISHOJ).itertuples()
    assert (row.invitations, row.row_version) == (1500, 2)
    engine.dispose()
