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


def prepare(url: str) -> None:
    """The police own two items (one overdue, one untouched for 200 days); the leader one."""
    engine = make_engine(url)
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


def test_nothing_owned_says_so(app_env: str) -> None:
    at = run_page(PAGE, user="politi")
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "Du er ikke ansvarlig for nogen aktiviteter endnu. Projektlederen sætter ansvarlige for "
        "aktiviteterne på siden Handlingsplan."
    ]
