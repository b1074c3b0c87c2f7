"""AppTest: Mine opgaver lists the logged-in user's own items (project leader and police) with the
plan's warnings, Danish due dates and a link to the plan; nothing else's."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items, save_changes
from dataio.tasks.owners import set_owner
from tests.factories import LEADER, READER, item_edit
from tests.pages.apptest import page_text, run_page

PAGE = "pages/12_Mine_opgaver.py"
POLICE_ITEM = "Mobil politistation"
JOINT = "Tryghedsvandringer"
MUNICIPAL = "Informationskampagne om nabohjælpere"


def give(url: str, title: str, username: str) -> None:
    engine = make_engine(url)
    items = plan_items(engine, viewer=READER, municipality_code=183)
    row = items[items["title"] == title].iloc[0]
    set_owner(
        engine,
        actor=LEADER,
        item_id=int(row["id"]),
        loaded_version=int(row["row_version"]),
        owner_username=username,
    )


def no_owners(url: str) -> None:
    """The demo plan names some owners (for `botrygt remind`); these tests start from none."""
    with make_engine(url).begin() as connection:
        connection.execute(text("UPDATE action_item SET owner_username = NULL"))


def prepare(url: str) -> None:
    """The police own two items (one overdue, one untouched for 200 days); the leader one."""
    engine = make_engine(url)
    no_owners(url)
    for title in (POLICE_ITEM, JOINT):
        give(url, title, "politi")
    give(url, MUNICIPAL, "projektleder")
    save_changes(
        engine,
        actor=LEADER,
        municipality_code=183,
        edits=[
            item_edit(
                engine, POLICE_ITEM, due_date=date.today() - timedelta(days=3), status="i gang"
            ),
            item_edit(engine, MUNICIPAL, due_date=date(2031, 5, 4), status="i gang"),
        ],
    )
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE action_item SET changed_at = :old, status = 'i gang' WHERE title = :t"),
            {"old": datetime.now(UTC) - timedelta(days=200), "t": JOINT},
        )


def test_the_police_see_their_items_with_warnings(private_db: str) -> None:
    prepare(private_db)
    at = run_page(PAGE, user="politi")
    assert not at.exception and not at.error
    assert at.title[0].value == "Mine opgaver"
    [table] = [d.value for d in at.dataframe if "Aktivitet" in d.value.columns]
    assert list(table["Aktivitet"]) == [POLICE_ITEM, JOINT]
    assert list(table["Advarsel"]) == ["■ Forsinket", "▲ Ikke rørt i 90 dage"]
    assert list(table["Kommune"]) == ["Ishøj", "Ishøj"]
    assert "2 aktiviteter, heraf 2 åbne · 1 forsinket · 1 ikke rørt i 90 dage" in page_text(at)
    links = [(link.proto.label, link.proto.page) for link in at.get("page_link")]
    assert any(label == "Åbn handlingsplanen for Ishøj" for label, _ in links)


def test_the_project_leader_sees_only_their_own(private_db: str) -> None:
    prepare(private_db)
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    [table] = [d.value for d in at.dataframe if "Aktivitet" in d.value.columns]
    assert list(table["Aktivitet"]) == [MUNICIPAL]
    assert list(table["Frist"]) == ["4. maj 2031"] and list(table["Advarsel"]) == [""]
    assert list(table["Status"]) == ["I gang"]


def test_nothing_owned_says_so(private_db: str) -> None:
    no_owners(private_db)
    at = run_page(PAGE, user="politi")
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "Du er ikke ansvarlig for nogen aktiviteter endnu. Projektlederen sætter ansvarlige for "
        "aktiviteterne på siden Handlingsplan."
    ]


def item_id(url: str, title: str) -> int:
    items = plan_items(make_engine(url), viewer=READER, municipality_code=183)
    return int(items.loc[items["title"] == title, "id"].iloc[0])


def test_the_owner_records_a_check_in_and_sees_it_in_the_history(private_db: str) -> None:
    prepare(private_db)
    chosen = item_id(private_db, JOINT)
    at = run_page(PAGE, user="politi")
    at.selectbox(key="my_item").set_value(chosen).run()
    at.slider(key=f"check_in_progress_{chosen}").set_value(60)
    at.text_area(key=f"check_in_comment_{chosen}").input("Møde med boligforeningen holdt")
    at.date_input(key=f"check_in_due_{chosen}").set_value(date(2027, 2, 1))
    at = next(b for b in at.button if b.label == "Gem statusopdatering").click().run()
    assert [e.value for e in at.error] == [
        "Statusopdateringen er ikke gemt: En ny frist skal have en begrundelse: skriv, hvorfor "
        "fristen flyttes"
    ]
    at.text_input(key=f"check_in_reason_{chosen}").input("Boligforeningen holder ferie")
    at = next(b for b in at.button if b.label == "Gem statusopdatering").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Statusopdateringen for «{JOINT}» er gemt."]
    [table] = [d.value for d in at.dataframe if "Aktivitet" in d.value.columns]
    row = table.set_index("Aktivitet").loc[JOINT]
    assert (row["Advarsel"], row["Fremdrift"], row["Frist"]) == ("", "60 %", "1. feb. 2027")
    [history] = [d.value for d in at.dataframe if "Kommentar" in d.value.columns]
    assert list(history["Kommentar"]) == ["Møde med boligforeningen holdt"]
    assert list(history["Begrundelse"]) == ["Boligforeningen holder ferie"]
    assert at.expander[-1].label == "Historik (1 statusopdatering)"
