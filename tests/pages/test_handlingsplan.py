"""AppTest: the action plan is edited in the table, saved once, and survives a rerun; conflicts kept."""

from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from tests.factories import COLLEAGUE, READER
from tests.pages.apptest import page_text, run_page

PAGE = "pages/4_Handlingsplan.py"


def edit_and_save(at: AppTest, changes: dict) -> None:
    generation = at.session_state["plan_generation"] if "plan_generation" in at.session_state else 0  # noqa: SIM401 (AppTest state has no .get)
    at.session_state[f"plan_editor_{generation}"] = {
        "edited_rows": changes,
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in at.button if b.label == "Gem ændringer").click().run()


def test_demo_plan_shows_summary_charts_and_follow_ups(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert at.title[0].value == "Handlingsplan: Ishøj"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Aktiviteter"] == "28" and metrics["Fremdrift"].endswith("%")
    assert len(at.get("plotly_chart")) == 2  # progress per track, and the Gantt chart
    assert "Åbne opfølgninger fra tryghedsvandringer" in page_text(at)
    assert at.get("deck_gl_json_chart")


def test_project_leader_edits_saves_and_sees_it_after_a_rerun(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = int(items.index[items["title"] == "Planlægningsmøde"][0])
    edit_and_save(at, {row: {"status": "færdig", "progress": 100, "owner_name": "Ole"}})
    assert [s.value for s in at.success] == ["1 ændring gemt og skrevet i ændringsloggen."]
    again = run_page(PAGE, user="byraad")  # a new session: what is in the database
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert saved.set_index("title").loc[
        "Planlægningsmøde", ["status", "progress", "owner_name"]
    ].tolist() == ["færdig", 100, "Ole"]
    [log] = [d.value for d in again.dataframe if "Ændring" in d.value.columns]
    assert "Aktivitet «Planlægningsmøde» ændret" in set(log["Ændring"])  # "changed since" shows it


def test_concurrent_edit_is_refused_for_that_row_and_both_values_shown(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")  # loads version 1 of every row
    engine = make_engine(private_db)
    items = plan_items(engine, viewer=READER, municipality_code=183)
    target = items[items["title"] == "Sende invitationer ud"].iloc[0]
    # meanwhile a colleague saves the same row first
    save_changes(
        engine,
        actor=COLLEAGUE,
        municipality_code=183,
        edits=[
            ItemEdit(
                int(target["id"]),
                int(target["row_version"]),
                {"notes": "sendt i går"},
                "Sende invitationer ud",
            )
        ],
    )
    row = int(items.index[items["title"] == "Sende invitationer ud"][0])
    edit_and_save(at, {row: {"notes": "sendes i morgen"}})
    assert any("blev ikke gemt, fordi en anden har ændret dem" in w.value for w in at.warning)
    [conflict] = [d.value for d in at.dataframe if "Dine ændringer" in d.value.columns]
    shown = " ".join(str(v) for v in conflict.to_dict("records")[0].values())
    assert "sendes i morgen" in shown and "sendt i går" in shown and "kollega" in shown
    assert (
        plan_items(engine, viewer=READER, municipality_code=183)
        .set_index("title")
        .loc["Sende invitationer ud", "notes"]
        == "sendt i går"
    )


def test_council_reads_without_an_editor(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.error
    assert "Gem ændringer" not in [b.label for b in at.button]
    assert "Registrér vandring" not in [b.label for b in at.button]


def test_police_save_of_a_municipality_item_is_refused_in_danish(private_db: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "183"})
    assert at.title[0].value == "Handlingsplan: Ishøj"
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = int(items.index[items["title"] == "Planlægningsmøde"][0])
    edit_and_save(at, {row: {"status": "aflyst"}})
    assert at.error and "politiet ændrer kun politiets og de fælles punkter" in at.error[0].value
    assert (
        plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
        .set_index("title")
        .loc["Planlægningsmøde", "status"]
        != "aflyst"
    )


def test_police_cannot_open_a_plan_outside_the_district(app_env: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "751"})
    assert at.title[0].value != "Handlingsplan: Aarhus"  # the picker offers only the district
