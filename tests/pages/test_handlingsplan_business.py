"""AppTest: the Erhvervsforening in the action plan. Its user saves its own item from the table and
is refused, in Danish, a municipality item; nothing of the refused save is written."""

from dataio.db.engine import make_engine
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from tests.factories import LEADER, READER
from tests.pages.apptest import run_page
from tests.pages.test_handlingsplan import PAGE, edit_and_save

OWN = "Sikringstjek i Ishøj Erhvervspark"


def _add_business_item(url: str) -> None:
    engine = make_engine(url)
    new = {"title": OWN, "track": "Spor 1", "organisation": "erhvervsforening"}
    save_changes(engine, actor=LEADER, municipality_code=183, edits=[ItemEdit(None, None, new)])
    engine.dispose()


def _row(url: str, title: str) -> int:
    items = plan_items(make_engine(url), viewer=READER, municipality_code=183)
    return int(items.index[items["title"] == title][0])


def test_the_business_user_saves_its_own_item(private_db: str) -> None:
    _add_business_item(private_db)
    at = run_page(PAGE, user="erhverv")
    assert not at.exception and not at.error
    assert at.title[0].value == "Handlingsplan: Ishøj"
    edit_and_save(at, {_row(private_db, OWN): {"status": "i gang", "progress": 25}})
    assert [s.value for s in at.success] == ["1 ændring gemt og skrevet i ændringsloggen."]
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert saved.set_index("title").loc[OWN, ["status", "progress"]].tolist() == ["i gang", 25]


def test_the_business_user_is_refused_a_municipality_item_in_danish(private_db: str) -> None:
    _add_business_item(private_db)
    at = run_page(PAGE, user="erhverv")
    edit_and_save(at, {_row(private_db, "Planlægningsmøde"): {"status": "aflyst"}})
    assert at.error and "erhvervsforeningen ændrer kun sine egne punkter" in at.error[0].value
    assert not at.exception
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert saved.set_index("title").loc["Planlægningsmøde", "status"] != "aflyst"
    assert "Registrér vandring" not in [b.label for b in at.button]  # walks are not theirs
