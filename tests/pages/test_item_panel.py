"""AppTest: on Handlingsplan an item's owner is picked from the partnership's users (or typed),
stored with the user's display name; the police see only their own and the joint items there."""

import pandas as pd

from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items
from tests.factories import READER
from tests.pages.apptest import run_page

PAGE = "pages/4_Handlingsplan.py"
TITLE = "Informationskampagne om nabohjælpere"  # a municipal ("kommune") item


def item_id(url: str, title: str) -> int:
    items = plan_items(make_engine(url), viewer=READER, municipality_code=183)
    return int(items.loc[items["title"] == title, "id"].iloc[0])


def stored(url: str, title: str) -> tuple[str | None, str]:
    items = plan_items(make_engine(url), viewer=READER, municipality_code=183)
    row = items[items["title"] == title].iloc[0]
    owner = row["owner_username"]  # a column with some owners reads an empty one as NaN
    return (None if pd.isna(owner) else str(owner)), row["owner_name"]


def test_the_project_leader_picks_a_police_user_as_owner(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    chosen = item_id(private_db, TITLE)
    at.selectbox(key="panel_item").set_value(chosen).run()
    picker = at.selectbox(key=f"owner_pick_{chosen}")
    assert picker.options == [
        "(ingen bruger: skriv et navn)",
        "Demo Erhvervsforening (Ishøj)",  # the business association's user may own items too
        "Demo Politi (Københavns Vestegn)",
        "Demo Projektleder (Ishøj)",
    ]
    picker.set_value("politi")
    at = next(b for b in at.button if b.label == "Gem ansvarlig").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        f"Ansvarlig for «{TITLE}» er nu Demo Politi (Københavns Vestegn)."
    ]
    assert stored(private_db, TITLE) == ("politi", "Demo Politi (Københavns Vestegn)")
    # a name for someone without an account replaces the picked user
    at.selectbox(key=f"owner_pick_{chosen}").select_index(0)
    at.text_input(key=f"owner_free_{chosen}").set_value("Boligforeningen")
    at = next(b for b in at.button if b.label == "Gem ansvarlig").click().run()
    assert not at.error, [e.value for e in at.error]
    assert stored(private_db, TITLE) == (None, "Boligforeningen")


def test_the_police_panel_lists_only_police_and_joint_items(private_db: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "183"})
    assert not at.exception and not at.error
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    allowed = set(items.loc[items["organisation"].isin(["politi", "fælles"]), "id"])
    titles = dict(zip(items["id"], items["title"], strict=True))
    offered = at.selectbox(key="panel_item").options
    assert len(offered) == len(allowed) < len(items)
    assert sorted(o.split(" (")[0] for o in offered) == sorted(
        titles[i].split(" (")[0] for i in allowed
    )  # "title (owner)"
    assert not [o for o in offered if o.startswith(TITLE)]


def test_the_council_has_no_panel(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert not [s for s in at.selectbox if s.key == "panel_item"]


def test_the_project_leader_records_a_check_in_on_the_plan_page(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    chosen = item_id(private_db, TITLE)
    at.selectbox(key="panel_item").set_value(chosen).run()
    at.selectbox(key=f"check_in_status_{chosen}").set_value("i gang")
    at.slider(key=f"check_in_progress_{chosen}").set_value(40)
    at = next(b for b in at.button if b.label == "Gem statusopdatering").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [f"Statusopdateringen for «{TITLE}» er gemt."]
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = items[items["title"] == TITLE].iloc[0]
    assert (row["status"], row["progress"]) == ("i gang", 40)
    [log] = [d.value for d in at.dataframe if "Ændring" in d.value.columns]
    assert (
        f"Statusopdatering af «{TITLE}»: Status Ikke startet → I gang, Fremdrift 0 % → 40 %"
        in set(log["Ændring"])
    )
