"""AppTest: Kommunikation (track 3). The project leader logs coverage and adds a stakeholder, names
it as a plan item's partner; the police log coverage but only read the register; the council reads
all of it with no form; a save from an older page is refused in Danish with nothing lost."""

from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from dataio.communication.press import add_press_entry, edit_press_entry, press_entries
from dataio.communication.stakeholders import (
    add_stakeholder,
    item_partners,
    set_item_partners,
    stakeholders,
)
from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items
from tests.factories import ADMIN, ISHOJ, LEADER, READER
from tests.pages.apptest import page_text, plotly_specs, run_page

PAGE = "pages/16_Kommunikation.py"


def _button(at: AppTest, label: str) -> Button:
    return next(b for b in at.button if b.label == label)


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_the_project_leader_logs_coverage_and_keeps_the_register(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert at.title[0].value == "Kommunikation: Ishøj"
    # nothing on this page is made up: no demo banner about other pages' figures
    assert not any("Eksempeldata" in w.value for w in at.warning)
    assert "Der er ikke registreret nogen presseomtale endnu." in [i.value for i in at.info]
    at.text_input(key="press_medium").input("Ishøj Avis")
    at.text_input(key="press_headline").input("Sådan sikrer du dit hjem *før* ferien")
    at.text_input(key="press_url").input("https://ishoj-avis.dk/artikel/1")
    at.selectbox(key="press_goal").select(1)  # Indbrud
    _button(at, "Gem omtalen").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Omtalen «Sådan sikrer du dit hjem \\*før\\* ferien» er gemt i presseloggen."
    ]
    log = _frame(at, "Overskrift")
    assert list(log["Overskrift"]) == ["Sådan sikrer du dit hjem *før* ferien"]  # text, as typed
    assert list(log["Tone"]) == ["konstruktiv"] and list(log["Mål"]) == ["Indbrud"]
    assert list(log["Link"]) == ["https://ishoj-avis.dk/artikel/1"]
    [figure] = plotly_specs(at)
    assert figure["data"][0]["text"] == ["1 af 1"]
    assert "100,0 % (1 af 1 omtale; 95 %-interval " in page_text(at)

    # a javascript: link is refused where the person acted, nothing written
    at.text_input(key="press_headline").input("Endnu en")
    at.text_input(key="press_url").input("javascript:alert(1)")
    _button(at, "Gem omtalen").click().run()
    assert [e.value for e in at.error] == [
        "Linket skal være en webadresse, der begynder med https:// eller http://."
    ]
    engine = make_engine(private_db)
    assert len(press_entries(engine, viewer=READER, code=ISHOJ)) == 1

    at.text_input(key="stakeholder_organisation").input("Bauhaus Ishøj")
    at.text_input(key="stakeholder_contact").input("Mette Hansen")
    at.multiselect(key="stakeholder_tracks").select("Spor 2")
    _button(at, "Tilføj aktøren").click().run()
    assert not at.exception and not at.error
    assert "Aktøren «Bauhaus Ishøj» er tilføjet." in [s.value for s in at.success]
    register = _frame(at, "Organisation")
    assert list(register["Organisation"]) == ["Bauhaus Ishøj"]
    assert list(register["Spor"]) == ["Spor 2: Det lokale erhvervsliv"]

    made = int(stakeholders(engine, viewer=READER, code=ISHOJ)["id"].iloc[0])
    first = plan_items(engine, viewer=READER, municipality_code=ISHOJ).iloc[0]
    at.selectbox(key="partner_item").select(int(first["id"])).run()
    at.multiselect(key=f"partner_ids_{int(first['id'])}").select(made)
    _button(at, "Gem partnerne").click().run()
    assert not at.exception and not at.error
    assert f"Partnerne for «{first['title']}» er gemt." in [s.value for s in at.success]
    assert list(item_partners(engine, viewer=READER, code=ISHOJ)["organisation"]) == [
        "Bauhaus Ishøj"
    ]
    assert list(_frame(at, "Partnere")["Partnere"]) == ["Bauhaus Ishøj"]
    assert list(_frame(at, "Partner i")["Partner i"]) == [first["title"]]
    engine.dispose()


def test_a_save_from_an_older_page_is_refused_and_nothing_is_lost(private_db: str) -> None:
    engine = make_engine(private_db)
    entry = add_press_entry(
        engine,
        actor=LEADER,
        code=ISHOJ,
        published_on=date(2026, 11, 2),
        medium="Ishøj Avis",
        headline="Nabohjælp virker",
        tone="constructive",
        today=date.today(),
    )
    at = run_page(PAGE, user="projektleder")
    at.selectbox(key="press_pick").select(entry).run()
    # meanwhile a colleague saves the same entry
    edit_press_entry(
        engine,
        actor=ADMIN,
        entry_id=entry,
        loaded_version=1,
        published_on=date(2026, 11, 2),
        medium="Ishøj Avis",
        headline="Nabohjælp virker i Ishøj",
        url="",
        tone="constructive",
        goal=None,
        item_id=None,
        today=date.today(),
    )
    at.text_input(key=f"press_edit_{entry}_headline").input("Min overskrift")
    _button(at, "Gem ændringerne").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Omtalen «Nabohjælp virker i Ishøj» er ændret eller slettet af en anden, siden du åbnede "
        "siden. Indlæs siden igen og ret derefter (intet er gemt)."
    ]
    assert list(press_entries(engine, viewer=READER, code=ISHOJ)["headline"]) == [
        "Nabohjælp virker i Ishøj"
    ]
    engine.dispose()


def test_the_police_log_coverage_but_only_read_the_register(private_db: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": str(ISHOJ)})
    assert not at.exception and not at.error
    assert at.title[0].value == "Kommunikation: Ishøj"
    assert "Gem omtalen" in [b.label for b in at.button]
    assert "Tilføj aktøren" not in [b.label for b in at.button]
    assert "Projektlederen fører listen over aktører; du kan læse den her." in page_text(at)


def test_the_council_reads_and_gets_no_form(private_db: str) -> None:
    engine = make_engine(private_db)
    add_press_entry(
        engine,
        actor=LEADER,
        code=ISHOJ,
        published_on=date(2026, 11, 2),
        medium="TV2 Lorry",
        headline="Indbrud i Ishøj",
        tone="negative",
        today=date.today(),
    )
    add_stakeholder(engine, actor=LEADER, code=ISHOJ, organisation="Ishøj Boldklub")
    engine.dispose()
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert list(_frame(at, "Overskrift")["Overskrift"]) == ["Indbrud i Ishøj"]
    assert list(_frame(at, "Organisation")["Organisation"]) == ["Ishøj Boldklub"]
    assert not at.get("form")
    assert [b.label for b in at.button] == ["Log ud"]
    text = page_text(at)
    assert "Projektlederen og politiet registrerer presseomtale; du kan læse den her." in text
    assert "0,0 % (0 af 1 omtale; 95 %-interval " in text


def test_the_administrator_sees_the_page_with_the_forms(app_env: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception and not at.error
    assert at.title[0].value.startswith("Kommunikation: ")
    assert {"Gem omtalen", "Tilføj aktøren"} <= {b.label for b in at.button}


def test_the_plan_shows_its_items_partners(private_db: str) -> None:
    engine = make_engine(private_db)
    made = add_stakeholder(engine, actor=LEADER, code=ISHOJ, organisation="Bauhaus Ishøj")
    first = plan_items(engine, viewer=READER, municipality_code=ISHOJ).iloc[0]
    set_item_partners(engine, actor=LEADER, item_id=int(first["id"]), stakeholder_ids=[made])
    engine.dispose()
    at = run_page("pages/4_Handlingsplan.py", user="byraad")
    assert not at.exception and not at.error
    assert "Partnere (aktører fra siden Kommunikation)" in [e.label for e in at.expander]
    shown = _frame(at, "Partnere")
    assert list(shown["Aktivitet"]) == [first["title"]]
    assert list(shown["Partnere"]) == ["Bauhaus Ishøj"]
