"""AppTest: Erhverv. The business association creates a group and an event through the forms; bad
input and a stale version are Danish messages that write nothing; the council and the police read,
with no form to write with."""

from datetime import date

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from dataio.business.store import (
    add_event,
    business_events,
    business_groups,
    business_walks,
    create_group,
    edit_group,
)
from dataio.db.engine import make_engine, transaction
from dataio.store.users import find_user
from tests.factories import ADMIN, ISHOJ, LEADER, READER
from tests.pages.apptest import page_text, run_page

PAGE = "pages/17_Erhverv.py"


@pytest.fixture
def no_groups(private_db: str) -> str:
    """The demo database without Ishøj's demo business groups: a municipality starting afresh."""
    engine = make_engine(private_db)
    with transaction(engine) as session:
        session.execute(text("DELETE FROM business_group_walk"))
        session.execute(text("DELETE FROM business_event"))
        session.execute(text("DELETE FROM business_group"))
    engine.dispose()
    return private_db


def _button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def _fill_group(at: AppTest, **fields: str) -> None:
    inputs = {t.label: t for t in at.text_input}
    for label, value in fields.items():
        inputs[label].input(value)


def test_the_business_user_creates_a_group_and_an_event(no_groups: str) -> None:
    at = run_page(PAGE, user="erhverv")
    assert not at.exception and not at.error
    assert at.title[0].value == "Erhverv: Ishøj"
    assert "Der er ikke registreret nogen erhvervsnabohjælpsgrupper endnu." in [
        i.value for i in at.info
    ]
    assert any("Erhvervsgrupperne" in w.value and "Eksempeldata" in w.value for w in at.warning)
    _fill_group(
        at,
        **{
            "Navn": "Ishøj Erhvervspark",
            "Erhvervsområde": "Ishøj Erhvervspark",
            "Antal virksomheder": "40",
            "Heraf med sikringstjek": "12",
            "Kontakt": "Ishøj Erhvervsforening",
        },
    )
    _button(at, "Opret gruppen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Gruppen «Ishøj Erhvervspark» er oprettet."]
    engine = make_engine(no_groups)
    groups = business_groups(engine, viewer=READER, code=ISHOJ)
    assert list(groups["name"]) == ["Ishøj Erhvervspark"]
    assert (int(groups["members"].iloc[0]), int(groups["businesses_checked"].iloc[0])) == (40, 12)
    text = page_text(at)
    assert "Andel med sikringstjek 30,0 %" in text
    assert "Andelen er optalt, ikke estimeret" in text
    assert at.get("plotly_chart")

    at.selectbox(key="be_kind").select("sikringstjek")
    at.text_input(key="be_note").input("Fem virksomheder gennemgået")
    _button(at, "Registrér aktiviteten").click().run()
    assert not at.exception and not at.error
    assert "Aktiviteten er registreret." in [s.value for s in at.success]
    events = business_events(engine, viewer=READER, code=ISHOJ)
    assert list(events["kind"]) == ["sikringstjek"]
    assert list(events["note"]) == ["Fem virksomheder gennemgået"]
    engine.dispose()
    # audited, and in the council's change log in Danish words
    log = run_page("pages/2_Aendringslog.py", user="byraad")
    assert not log.exception and not log.error
    frame = log.table[0].value
    assert "Erhvervsgruppe «Ishøj Erhvervspark» oprettet" in set(frame["Ændring"])
    assert any(str(c).startswith("Sikringstjek den ") for c in frame["Ændring"])


@pytest.mark.parametrize(
    ("members", "checked", "message"),
    [
        ("-3", "0", "Antal virksomheder kan ikke være negativt (fik -3)"),
        (
            "10",
            "11",
            "Antal med sikringstjek (11) kan ikke være større end antal virksomheder (10)",
        ),
        ("ti", "0", "Antal virksomheder skal være et helt tal (fik «ti»)"),
    ],
)
def test_bad_counts_are_danish_messages_and_write_nothing(
    no_groups: str, members: str, checked: str, message: str
) -> None:
    at = run_page(PAGE, user="erhverv")
    _fill_group(
        at, **{"Navn": "Gruppe", "Antal virksomheder": members, "Heraf med sikringstjek": checked}
    )
    _button(at, "Opret gruppen").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [message]
    engine = make_engine(no_groups)
    assert business_groups(engine, viewer=READER, code=ISHOJ).empty
    engine.dispose()


def test_a_stale_group_is_refused_with_a_danish_message(no_groups: str) -> None:
    engine = make_engine(no_groups)
    group = create_group(engine, actor=ADMIN, code=ISHOJ, name="Vejleåvej", members=10, checked=2)
    at = run_page(PAGE, user="erhverv")
    at.selectbox(key="business_group_choice").select(group).run()
    _fill_group(at, **{"Heraf med sikringstjek": "5"})
    # meanwhile the project leader saves the same group
    row = business_groups(engine, viewer=READER, code=ISHOJ).iloc[0]
    edit_group(
        engine,
        actor=LEADER,
        group_id=group,
        loaded_version=int(row["row_version"]),
        name="Vejleåvej",
        area="",
        members=12,
        checked=2,
        contact="",
        start_date=None,
    )
    _button(at, "Gem gruppen").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Gruppen «Vejleåvej» er ændret af en anden, siden du åbnede siden (gemt af projektleder). "
        "Indlæs siden igen og ret derefter (intet er gemt)."
    ]
    row = business_groups(engine, viewer=READER, code=ISHOJ).iloc[0]
    assert (int(row["members"]), int(row["businesses_checked"])) == (12, 2)
    engine.dispose()


@pytest.mark.parametrize("user", ["byraad", "politi"])
def test_council_and_police_read_without_forms(no_groups: str, user: str) -> None:
    engine = make_engine(no_groups)
    group = create_group(engine, actor=ADMIN, code=ISHOJ, name="Vejleåvej", members=10, checked=4)
    add_event(engine, actor=ADMIN, group_id=group, event_date=date(2026, 11, 2), kind="møde")
    engine.dispose()
    at = run_page(PAGE, query={"kommune": str(ISHOJ)}, user=user)
    assert not at.exception and not at.error
    assert at.title[0].value == "Erhverv: Ishøj"
    shown = next(d.value for d in at.dataframe if "Gruppe" in d.value.columns)
    assert list(shown["Gruppe"]) == ["Vejleåvej"]
    assert "Andel med sikringstjek 40,0 %" in page_text(at)
    assert not at.get("form")
    assert not any(b.label in ("Opret gruppen", "Registrér aktiviteten") for b in at.button)
    assert "Erhvervsforeningen og projektlederen ændrer grupperne" in page_text(at)


@pytest.mark.parametrize("user", ["erhverv", "projektleder", "admin"])
def test_the_editing_roles_get_the_forms(app_env: str, user: str) -> None:
    at = run_page(PAGE, query={"kommune": str(ISHOJ)}, user=user)
    assert not at.exception and not at.error
    assert any(b.label == "Opret gruppen" for b in at.button)


def test_the_admin_creates_a_business_user_bound_to_a_municipality(private_db: str) -> None:
    at = run_page("pages/8_Administration.py", user="admin")
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Brugernavn (små bogstaver)"].input("erhverv2")
    form_inputs["Navn"].input("Ishøj Erhvervsforening")
    at.selectbox(key="add_role").select("business")
    form_inputs["Adgangskode (mindst 10 tegn)"].input("en-lang-kode-123")
    _button(at, "Opret bruger").click().run()
    assert [e.value for e in at.error] == [
        "Rollen erhvervsforening skal bindes til netop én kommune"
    ]
    form_inputs = {t.label: t for t in at.text_input}  # the form was cleared on submit
    form_inputs["Brugernavn (små bogstaver)"].input("erhverv2")
    form_inputs["Navn"].input("Ishøj Erhvervsforening")
    at.selectbox(key="add_role").select("business")
    at.selectbox(key="add_municipality").select(ISHOJ)
    form_inputs["Adgangskode (mindst 10 tegn)"].input("en-lang-kode-123")
    _button(at, "Opret bruger").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success] == ["Brugeren erhverv2 er oprettet."]
    engine = make_engine(private_db)
    user = find_user(engine, username="erhverv2")
    engine.dispose()
    assert user is not None and (user.role, user.municipality_code) == ("business", ISHOJ)
    shown = next(d.value for d in at.dataframe if "Rolle" in d.value.columns)
    assert "Erhvervsforening" in set(shown["Rolle"]) or "erhvervsforening" in set(shown["Rolle"])


def test_the_business_user_deletes_a_group_with_its_events(no_groups: str) -> None:
    engine = make_engine(no_groups)
    group = create_group(engine, actor=ADMIN, code=ISHOJ, name="Vejleåvej", members=10, checked=4)
    add_event(engine, actor=ADMIN, group_id=group, event_date=date(2026, 11, 2), kind="møde")
    at = run_page(PAGE, user="erhverv")
    at.selectbox(key="business_group_choice").select(group).run()
    _button(at, "Ja, slet gruppen").click().run()
    assert not at.exception and not at.error
    assert "Gruppen «Vejleåvej» er slettet." in [s.value for s in at.success]
    assert business_groups(engine, viewer=READER, code=ISHOJ).empty
    assert business_events(engine, viewer=READER, code=ISHOJ).empty
    assert at.selectbox(key="business_group_choice").value == 0  # back at "Ny gruppe"
    engine.dispose()


def test_a_safety_walk_is_linked_to_a_group_and_unlinked(no_groups: str) -> None:
    engine = make_engine(no_groups)
    create_group(engine, actor=ADMIN, code=ISHOJ, name="Vejleåvej", members=10, checked=4)
    at = run_page(PAGE, user="erhverv")  # the demo's walks in Ishøj are offered
    _button(at, "Knyt vandringen til gruppen").click().run()
    assert not at.exception and not at.error
    assert "Vandringen er knyttet til gruppen." in [s.value for s in at.success]
    linked = business_walks(engine, viewer=READER, code=ISHOJ)
    assert list(linked["group_name"]) == ["Vejleåvej"]
    shown = next(d.value for d in at.dataframe if "Område" in d.value.columns)
    assert list(shown["Gruppe"]) == ["Vejleåvej"]
    _button(at, "Fjern vandringen fra gruppen").click().run()
    assert not at.exception and not at.error
    assert business_walks(engine, viewer=READER, code=ISHOJ).empty
    engine.dispose()


def test_the_demo_shows_ishojs_example_groups_as_eksempeldata(app_env: str) -> None:
    at = run_page(PAGE, query={"kommune": str(ISHOJ)}, user="byraad")
    assert not at.exception and not at.error
    assert any("Eksempeldata" in w.value for w in at.warning)
    shown = next(d.value for d in at.dataframe if "Gruppe" in d.value.columns)
    assert list(shown["Gruppe"]) == ["Industrikvarteret Syd", "Ishøj Erhvervspark"]
    assert set(shown["Kontakt"]) == {"Eksempeldata: Ishøj Erhvervsforening"}
    # (17 + 6) of (42 + 25) = 23/67 = 34,3 %
    assert "Andel med sikringstjek 34,3 %" in page_text(at)
