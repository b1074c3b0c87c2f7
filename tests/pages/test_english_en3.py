"""English AppTests for Handlingsplan and Mine opgaver (issue 18): with English chosen, no Danish
string of the catalogue is left on either page, for every role that sees them."""

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items, template
from dataio.tasks.owners import set_owner
from tests.danish_left import danish_left_in
from tests.factories import LEADER, READER
from tests.pages.apptest import every_text, plotly_specs, run_page, use_english
from ui.page import PAGES

PLAN = "pages/4_Handlingsplan.py"
TASKS = "pages/12_Mine_opgaver.py"
# the sidebar's page links carry each page's address ("Handlingsplan", "Effekt"): not read
ADDRESSES = {re.sub(r"^\d+_", "", Path(item.path).stem) for item in PAGES.values()}
# The walk form's editor: its column names are identifiers; its headings are column settings
IDENTIFIER_COLUMNS = [["Beskrivelse", "Ansvarlig", "Opfølgning"]]


def _read(value: Any, into: list[str]) -> None:
    """The strings of a JSON value a person reads: values, not keys, and no option's stored value
    (a selectbox column's {"value": "i gang", "label": "in progress"})."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if name != "value":
                _read(inner, into)
    elif isinstance(value, list):
        for inner in value:
            _read(inner, into)
    elif isinstance(value, str):
        into.append(value)


def partnership_texts() -> list[str]:
    """The partnership's own words in the demo database (item titles, walk areas and
    observations), longest first: some hold a catalogue word ("Opfølgning på møde", "Få naboer i
    Nabohjælp"), and they are not ours to translate, so they are taken out of what is checked."""
    engine = make_engine(os.environ["DATABASE_URL"])
    with engine.connect() as connection:
        texts = [
            *connection.execute(text("SELECT title FROM action_item")).scalars(),
            *connection.execute(text("SELECT owner_name FROM action_item")).scalars(),
            *connection.execute(text("SELECT area FROM safety_walk")).scalars(),
            *connection.execute(text("SELECT description FROM walk_observation")).scalars(),
        ]
    engine.dispose()
    texts += list(template()["title"])  # the guide's template activities (reference data)
    shortened = [t[:32] + "…" for t in texts if t and len(t) > 34]  # the timeline's labels
    return sorted({t for t in [*texts, *shortened] if t}, key=len, reverse=True)


def read_texts(at: AppTest) -> list[str]:
    """every_text, with JSON strings (a table's column settings) opened, page addresses and the
    partnership's own words left out, and the column headings of every table of ours."""
    found: list[str] = []
    for value in every_text(at):
        if value in ADDRESSES or re.fullmatch(r"\w+=\d+", value):  # a link's ?kommune=183
            continue
        if value.startswith(("{", "[")):
            try:
                _read(json.loads(value), found)
                continue
            except ValueError:
                pass
        found.append(value)
    for table in at.dataframe:
        columns = [str(c) for c in table.value.columns]
        if columns not in IDENTIFIER_COLUMNS:
            found += columns
    own = partnership_texts()
    out = []
    for value in found:
        for words in own:
            value = value.replace(words, "")
        out.append(value)
    return out


def danish_left(at: AppTest) -> list[str]:
    return sorted({m for t in read_texts(at) for m in danish_left_in(t)})


@pytest.mark.parametrize("user", ["admin", "projektleder", "politi", "byraad", "erhverv"])
def test_handlingsplan_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(PLAN, user=user, query={"kommune": "183"})
    assert not at.exception and not at.error
    assert danish_left(at) == []
    assert [t.value for t in at.title] == ["Action plan: Ishøj"]
    assert [m.label for m in at.metric] == [
        "Activities",
        "Done",
        "Overdue",
        "Not touched in 90 days",
        "Progress",
    ]
    text = "\n".join(read_texts(at))
    assert "The action plan in Excel: download or upload" in text
    assert "Open follow-ups from safety walks" in text
    assert "Changed since (e.g. the last meeting)" in text
    assert [m.label for m in at.multiselect][:4] == ["Track", "Status", "Owner", "Organisation"]


def english_page(url: str, user: str, page: str = PLAN, **query: str) -> AppTest:
    use_english(url, user)
    return run_page(page, user=user, query=query or None)


def test_the_timeline_and_progress_charts_are_in_english(private_db: str) -> None:
    at = english_page(private_db, "projektleder")
    progress, gantt = plotly_specs(at)
    assert progress["layout"]["xaxis"]["title"]["text"] == "Progress (%)"
    assert progress["data"][0]["y"] == ["Organisation", "Track 1", "Track 2", "Track 3"]
    names = {trace["name"] for trace in gantt["data"]}
    assert names <= {"not started", "in progress", "done", "postponed", "cancelled"}
    assert "Owner: %{customdata[1]}" in gantt["data"][0]["hovertemplate"]
    spans = [row[0] for trace in gantt["data"] for row in trace["customdata"]]
    assert all(re.fullmatch(r"\d+ [A-Z][a-z]{2} \d{4} – \d+ [A-Z][a-z]{2} \d{4}", s) for s in spans)
    ticks = gantt["layout"]["xaxis"]["ticktext"]
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}|\d{4}", t) for t in ticks), ticks
    assert [a["text"] for a in gantt["layout"]["annotations"]] == ["Today"]
    assert {s["layout"]["separators"] for s in (progress, gantt)} == {".,"}
    assert gantt["layout"]["legend"]["title"]["text"] == "Status"


def test_a_saved_edit_and_its_summary_are_in_english(private_db: str) -> None:
    at = english_page(private_db, "projektleder")
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = int(items.index[items["title"] == "Planlægningsmøde"][0])
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {row: {"status": "færdig", "progress": 100}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = next(b for b in at.button if b.label == "Save changes").click().run()
    assert [s.value for s in at.success] == ["1 change saved and written to the change log."]
    assert danish_left(at) == []


def test_unsaved_edits_banner_is_in_english(private_db: str) -> None:
    at = english_page(private_db, "projektleder")
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {0: {"owner_name": "Ulla"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.switch_page("pages/6_Nabohjaelp.py").run()
    at.switch_page(PLAN).run()
    [banner] = [w.value for w in at.warning if "not saved" in w.value]
    assert banner == "You have changes that are not saved (1 row). They are in the table below."
    assert {"Save", "Discard"} <= {b.label for b in at.button}
    assert danish_left(at) == []
    at = next(b for b in at.button if b.label == "Discard").click().run()
    assert [i.value for i in at.info] == [
        "Your changes are discarded; the table shows the plan as saved."
    ]


def test_a_police_refusal_is_in_english(private_db: str) -> None:
    at = english_page(private_db, "politi", kommune="183")
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = int(items.index[items["title"] == "Planlægningsmøde"][0])
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {row: {"status": "aflyst"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = next(b for b in at.button if b.label == "Save changes").click().run()
    [error] = [e.value for e in at.error]
    assert error.startswith("No access: you are ")
    assert "(the police change only the police's and the joint items)." in error


def test_walk_registration_and_follow_ups_are_in_english(private_db: str) -> None:
    at = english_page(private_db, "projektleder")
    labels = [t.label for t in at.text_input]
    assert {"Area", "Participants", "Latitude (optional)", "Longitude (optional)"} <= set(labels)
    next(t for t in at.text_input if t.label == "Area").set_value("Strandparken")
    next(t for t in at.text_input if t.label == "Longitude (optional)").set_value("12.35")
    next(t for t in at.text_input if t.label == "Latitude (optional)").set_value("55,6123")
    at = next(b for b in at.button if b.label == "Register walk").click().run()
    assert [e.value for e in at.error] == [
        "The walk is not registered: «12.35» is not a number written like 55,6123."
    ]
    next(t for t in at.text_input if t.label == "Area").set_value("Strandparken")
    at.session_state["observations_editor"] = {
        "edited_rows": {0: {"Beskrivelse": "Væltet lygtepæl", "Ansvarlig": "Kommunen"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = next(b for b in at.button if b.label == "Register walk").click().run()
    assert not at.error
    assert [s.value for s in at.success] == [
        "The walk in Strandparken is registered with 1 observation."
    ]
    [follow_ups] = [d.value for d in at.dataframe if "In the plan" in d.value.columns]
    assert list(follow_ups.columns) == [
        "Date",
        "Area",
        "No.",
        "Description",
        "Owner",
        "Follow-up",
        "Status",
        "In the plan",
    ]
    assert set(follow_ups["In the plan"]) <= {"yes", "no"}
    assert all(re.fullmatch(r"\d+ [A-Z][a-z]{2} \d{4}", d) for d in follow_ups["Date"])
    close = next(s for s in at.selectbox if s.label == "Close a follow-up")
    assert ", no. " in close.options[0]
    at = next(b for b in at.button if b.label == "Close follow-up").click().run()
    assert [e.value for e in at.error] == ["Write a note on why the follow-up is closed"]
    assert danish_left(at) == []


def test_owner_and_check_in_forms_are_in_english(private_db: str) -> None:
    at = english_page(private_db, "projektleder")
    assert "Owner and status update" in [s.value for s in at.subheader]
    owner = next(s for s in at.selectbox if s.label == "Owner (user)")
    assert owner.options[0] == "(no user: type a name)"
    status = next(s for s in at.selectbox if s.label == "Status")
    assert status.options == ["not started", "in progress", "done", "postponed", "cancelled"]
    at = next(b for b in at.button if b.label == "Save status update").click().run()
    assert not at.error and at.success[0].value.startswith("The status update for «")
    assert "History (1 status update)" in [e.label for e in at.expander]
    [history] = [d.value for d in at.dataframe if "New due date" in d.value.columns]
    assert list(history.columns) == [
        "Time",
        "By",
        "Status",
        "Progress",
        "New due date",
        "Reason",
        "Comment",
    ]
    assert danish_left(at) == []


def test_a_municipality_without_a_plan_offers_the_template_in_english(private_db: str) -> None:
    with make_engine(private_db).begin() as connection:  # Ishøj's plan gone: the creation form
        connection.execute(text("DELETE FROM item_check_in"))
        connection.execute(text("UPDATE walk_observation SET action_item_id = NULL"))
        connection.execute(text("DELETE FROM action_item"))
        connection.execute(text("DELETE FROM action_plan"))
    at = english_page(private_db, "projektleder")
    assert not at.exception and not at.error
    assert danish_left(at) == []
    template = next(m for m in at.multiselect if m.label == "Activities from the template")
    assert template.options[0].startswith("Organisation · ")
    at = next(b for b in at.button if b.label == "Create action plan").click().run()
    assert at.success[0].value.startswith("The action plan is created with ")


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


@pytest.mark.parametrize("user", ["admin", "projektleder", "politi", "erhverv"])
def test_mine_opgaver_in_english(private_db: str, user: str) -> None:
    if user in {"projektleder", "politi"}:  # users of Ishøj's plan: own two items
        for title in ("Mobil politistation", "Tryghedsvandringer"):
            give(private_db, title, user)
    at = english_page(private_db, user, TASKS)
    assert not at.exception and not at.error
    assert danish_left(at) == []
    assert [t.value for t in at.title] == ["My tasks"]
    if user not in {"projektleder", "politi"}:
        assert [i.value for i in at.info] == [
            "You do not own any activities yet. The project leader sets the activities' "
            "owners on the Action plan page."
        ]
        return
    [summary] = [c.value for c in at.caption if ", of which " in c.value]
    assert re.fullmatch(
        r"\d+ activit(y|ies), of which \d+ open · \d+ overdue · \d+ not touched in 90 days",
        summary,
    )
    [table] = [d.value for d in at.dataframe if "Due" in d.value.columns]
    assert list(table.columns) == [
        "Warning",
        "Activity",
        "Municipality",
        "Status",
        "Progress",
        "Due",
    ]
    assert "Give a status update" in [s.value for s in at.subheader]
    links = [str(link.proto.label) for link in at.get("page_link")]
    links = [label for label in links if label.startswith("Open the")]
    assert links == ["Open the action plan for Ishøj"]
    at = next(b for b in at.button if b.label == "Save status update").click().run()
    assert not at.error and any(s.value.startswith("The status update for «") for s in at.success)
    assert danish_left(at) == []
