"""AppTest: Møder. The project leader registers a meeting with the drafted agenda and records a
decision that puts an item owned by the police user in the plan; the council reads only."""

from datetime import date, timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button, TextArea

from dataio.db.engine import make_engine
from dataio.meetings.store import create_meeting, meetings
from dataio.store.action_plans import plan_items
from models.formatting import fmt_date
from tests.factories import ISHOJ, LEADER, READER
from tests.pages.apptest import page_text, run_page

PAGE = "pages/13_Moeder.py"


def _button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def _text_area(at: AppTest, key: str) -> TextArea:
    return next(t for t in at.text_area if t.key == key)


def test_the_project_leader_registers_a_meeting_and_a_decision_for_the_police(
    private_db: str,
) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert at.title[0].value == "Møder: Ishøj"
    assert "Der er ikke registreret nogen møder endnu." in [i.value for i in at.info]
    agenda = str(_text_area(at, "meeting_agenda").value)
    assert agenda.startswith("1. Velkomst og godkendelse af dagsorden\n2. Siden sidste møde")
    assert "Forsinkede aktiviteter i handlingsplanen" in agenda  # the demo plan has some
    at.text_input(key="meeting_title").input("Styregruppemøde december")
    _text_area(at, "meeting_participants").input("Projektleder Ishøj, Københavns Vestegns Politi")
    _button(at, "Opret mødet").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Mødet «Styregruppemøde december» er oprettet."]
    assert at.subheader[0].value.startswith("Styregruppemøde december, ")
    engine = make_engine(private_db)
    listed = meetings(engine, viewer=READER, code=ISHOJ)
    assert list(listed["title"]) == ["Styregruppemøde december"]
    assert listed["held_on"].map(lambda d: pd.Timestamp(d).date()).tolist() == [date.today()]

    _text_area(at, "decision_text").input("Politiet holder nabohjælp-stand i Ishøj Bycenter")
    at.checkbox(key="decision_make_item").check()
    at.text_input(key="decision_item_title").input("Nabohjælp-stand i Ishøj Bycenter")
    at.selectbox(key="decision_owner").select("politi")
    at.selectbox(key="decision_organisation").select("politi")
    _button(at, "Registrér beslutningen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Beslutningen er registreret, og aktiviteten «Nabohjælp-stand i Ishøj Bycenter» står nu "
        "i handlingsplanen."
    ]
    items = plan_items(engine, viewer=READER, municipality_code=ISHOJ)
    made = items[items["title"] == "Nabohjælp-stand i Ishøj Bycenter"]
    assert list(made["owner_username"]) == ["politi"]
    assert list(made["organisation"]) == ["politi"]
    shown = next(d.value for d in at.dataframe if "Beslutning" in d.value.columns)
    assert list(shown["Ansvarlig"]) == ["Demo Politi (Københavns Vestegn)"]
    assert list(shown["Aktivitet i handlingsplanen"]) == ["Nabohjælp-stand i Ishøj Bycenter"]
    assert [d.proto.label for d in at.get("download_button")] == ["Hent referatet (PDF)"]
    engine.dispose()


def test_a_decision_without_text_is_a_danish_message_and_writes_nothing(private_db: str) -> None:
    engine = make_engine(private_db)
    create_meeting(engine, actor=LEADER, code=ISHOJ, held_on=date(2026, 12, 1), title="Møde")
    at = run_page(PAGE, user="projektleder")
    _button(at, "Registrér beslutningen").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Beslutningen skal have en tekst."]
    assert int(meetings(engine, viewer=READER, code=ISHOJ)["decisions"].iloc[0]) == 0
    engine.dispose()


def test_the_council_reads_the_meeting_and_cannot_write(private_db: str) -> None:
    engine = make_engine(private_db)
    create_meeting(
        engine,
        actor=LEADER,
        code=ISHOJ,
        held_on=date(2026, 12, 1),
        title="Styregruppemøde",
        participants="Projektleder, politi",
        agenda="1. Velkomst",
    )
    engine.dispose()
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert at.subheader[0].value == "Styregruppemøde, 1. dec. 2026"
    assert "Projektlederen registrerer møder og beslutninger" in page_text(at)
    assert not at.get("form") and not at.get("expandable")
    assert [b.label for b in at.button] == ["Log ud"]
    assert [d.proto.label for d in at.get("download_button")] == ["Hent referatet (PDF)"]
    assert "1. Velkomst" in [t.value for t in at.text]


def test_the_packs_since_defaults_to_the_last_meeting(private_db: str) -> None:
    before = run_page("pages/10_Rapport.py", user="projektleder")
    assert before.date_input[0].value == date.today() - timedelta(days=30)  # no meeting yet
    engine = make_engine(private_db)
    last = date.today() - timedelta(days=9)
    create_meeting(engine, actor=LEADER, code=ISHOJ, held_on=last, title="Sidste møde")
    create_meeting(engine, actor=LEADER, code=ISHOJ, held_on=date.today(), title="Dagens møde")
    engine.dispose()
    at = run_page("pages/10_Rapport.py", user="projektleder")
    assert not at.exception and not at.error
    assert at.date_input[0].label == "Sidste møde"
    assert at.date_input[0].value == last  # today's meeting is the one the pack is made for


def test_a_decision_changes_an_items_due_date_and_status(private_db: str) -> None:
    engine = make_engine(private_db)
    create_meeting(engine, actor=LEADER, code=ISHOJ, held_on=date(2026, 12, 1), title="Møde")
    first = plan_items(engine, viewer=READER, municipality_code=ISHOJ).iloc[0]
    at = run_page(PAGE, user="projektleder")
    _text_area(at, "change_text").input("Fristen rykkes til marts")
    at.selectbox(key="change_item").select(int(first["id"]))
    at.date_input(key="change_due").set_value(date(2027, 3, 1))
    at.selectbox(key="change_status").select("udskudt")
    _button(at, "Registrér ændringen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        f"Beslutningen er registreret, og «{first['title']}» er ændret i handlingsplanen."
    ]
    items = plan_items(engine, viewer=READER, municipality_code=ISHOJ)
    changed = items[items["id"] == first["id"]].iloc[0]
    assert (changed["status"], str(changed["due_date"])[:10]) == ("udskudt", "2027-03-01")
    assert changed["owner_name"] == first["owner_name"]  # the owner was left as it was
    shown = next(d.value for d in at.dataframe if "Beslutning" in d.value.columns)
    assert list(shown["Aktivitet i handlingsplanen"]) == [first["title"]]
    assert list(shown["Frist"]) == ["1. mar. 2027"]
    engine.dispose()


def test_min_kommune_counts_the_changes_from_the_last_meeting(private_db: str) -> None:
    engine = make_engine(private_db)
    last = date.today() - timedelta(days=3)
    create_meeting(engine, actor=LEADER, code=ISHOJ, held_on=last, title="Sidste møde")
    create_meeting(
        engine, actor=LEADER, code=ISHOJ, held_on=date.today() + timedelta(days=7), title="Næste"
    )
    engine.dispose()
    at = run_page("pages/0_Min_kommune.py", user="byraad")
    assert not at.exception and not at.error
    text = page_text(at)
    assert f"siden {fmt_date(last)}: " in text  # the two meetings made changes since then
    assert "(Sidste møde regnes som 30 dage siden.)" not in text
