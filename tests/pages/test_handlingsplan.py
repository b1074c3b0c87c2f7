"""AppTest: the action plan is edited in the table, saved once, and survives a rerun; conflicts kept."""

from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from tests.factories import COLLEAGUE, READER
from tests.pages.apptest import page_text, run_page

PAGE = "pages/4_Handlingsplan.py"


def edit_and_save(at: AppTest, changes: dict) -> None:
    at.session_state[at.session_state["plan_editor_key"]] = {
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


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _follow_up_descriptions(at: AppTest) -> list[str]:
    [table] = [d.value for d in at.dataframe if "I planen" in d.value.columns]
    return list(table["Beskrivelse"])


def test_a_follow_up_closed_and_another_put_in_the_plan_show_at_once(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert _metrics(at)["Aktiviteter"] == "28"
    before = _follow_up_descriptions(at)
    assert "Hæk skjuler indgange" in before and "Få naboer i Nabohjælp" in before
    # close one, with a note
    choice = at.selectbox(key="close_choice")
    choice.select_index(
        next(i for i, o in enumerate(choice.options) if o.endswith("Hæk skjuler indgange"))
    )
    at.text_input(key="close_note").set_value("Hækken er klippet")
    at = next(b for b in at.button if b.label == "Luk opfølgning").click().run()
    assert not at.exception and not at.error
    assert any("Opfølgningen er lukket" in s.value for s in at.success)
    assert "Hæk skjuler indgange" not in _follow_up_descriptions(at)  # at once, no reload
    [closed] = [d.value for d in at.dataframe if "Lukket af" in d.value.columns]
    row = closed[closed["Opfølgning"].str.endswith("Hæk skjuler indgange")].iloc[0]
    assert (row["Note"], row["Lukket af"]) == ("Hækken er klippet", "projektleder")
    # put another in the plan: the counters say 29 on the same run
    to_plan = next(s for s in at.selectbox if s.label == "Sæt en opfølgning i handlingsplanen")
    to_plan.select_index(
        next(i for i, o in enumerate(to_plan.options) if o.endswith("Få naboer i Nabohjælp"))
    )
    at = next(b for b in at.button if b.label == "Sæt i handlingsplanen").click().run()
    assert not at.exception and not at.error
    assert _metrics(at)["Aktiviteter"] == "29"
    assert any("Opfølgningen er nu en aktivitet" in s.value for s in at.success)
    # and reopen the closed one, with a note
    at.text_input(key="reopen_note").set_value("Hækken er vokset igen")
    at = next(b for b in at.button if b.label == "Genåbn opfølgning").click().run()
    assert not at.exception and not at.error
    assert "Hæk skjuler indgange" in _follow_up_descriptions(at)


def test_a_registered_walk_shows_its_follow_up_at_once(private_db: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "183"})  # the police register walks too
    next(t for t in at.text_input if t.label == "Område").set_value("Strandparken")
    at.session_state["observations_editor"] = {
        "edited_rows": {0: {"Beskrivelse": "Væltet lygtepæl", "Ansvarlig": "Kommunen"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = next(b for b in at.button if b.label == "Registrér vandring").click().run()
    assert not at.exception and not at.error
    assert any("Strandparken er registreret med 1 observation" in s.value for s in at.success)
    assert "Væltet lygtepæl" in _follow_up_descriptions(at)


def test_unsaved_edits_are_kept_when_the_person_leaves_and_can_be_saved(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    items = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    row = int(items.index[items["title"] == "Planlægningsmøde"][0])
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {row: {"owner_name": "Ulla"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.switch_page("pages/6_Nabohjaelp.py").run()  # away without saving
    at.switch_page("pages/4_Handlingsplan.py").run()  # and back
    assert not at.exception
    [banner] = [w.value for w in at.warning if "ikke er gemt" in w.value]
    assert banner.startswith("Du har ændringer, der ikke er gemt (1 række)")
    at = next(b for b in at.button if b.label == "Gem").click().run()
    assert [s.value for s in at.success] == ["1 ændring gemt og skrevet i ændringsloggen."]
    assert not [w for w in at.warning if "ikke er gemt" in w.value]
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert saved.set_index("title").loc["Planlægningsmøde", "owner_name"] == "Ulla"


def test_unsaved_edits_can_be_discarded(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {0: {"owner_name": "Ulla"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.switch_page("pages/6_Nabohjaelp.py").run()
    at.switch_page("pages/4_Handlingsplan.py").run()
    at = next(b for b in at.button if b.label == "Kassér").click().run()
    assert not [w for w in at.warning if "ikke er gemt" in w.value]
    assert any("kasseret" in i.value for i in at.info)
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert "Ulla" not in set(saved["owner_name"])


def test_a_walk_position_is_read_the_danish_way(private_db: str) -> None:
    at = run_page(PAGE, user="projektleder")
    next(t for t in at.text_input if t.label == "Område").set_value("Strandparken")
    next(t for t in at.text_input if t.label == "Breddegrad (valgfri)").set_value("55,6123")
    next(t for t in at.text_input if t.label == "Længdegrad (valgfri)").set_value("12.35")
    at = next(b for b in at.button if b.label == "Registrér vandring").click().run()
    assert [e.value for e in at.error] == [
        "Vandringen er ikke registreret: «12.35» er ikke et tal (skriv decimaler med komma, fx 17,3)."
    ]
    next(t for t in at.text_input if t.label == "Område").set_value("Strandparken")
    next(t for t in at.text_input if t.label == "Breddegrad (valgfri)").set_value("55,6123")
    next(t for t in at.text_input if t.label == "Længdegrad (valgfri)").set_value("12,3512")
    at = next(b for b in at.button if b.label == "Registrér vandring").click().run()
    assert not at.error and any("Strandparken er registreret" in s.value for s in at.success)
    with make_engine(private_db).connect() as connection:
        walks = connection.exec_driver_sql(
            "SELECT lat, lon FROM safety_walk WHERE area = 'Strandparken'"
        ).all()
    assert [tuple(r) for r in walks] == [(55.6123, 12.3512)]


def test_a_new_row_without_a_track_shows_the_track_column_and_keeps_the_row(
    private_db: str,
) -> None:
    """In the compact view Spor is hidden, yet a new activity needs one: saving shows the column,
    says what is missing and keeps the row; once Spor is chosen it is saved."""
    at = run_page(PAGE, user="projektleder")
    assert not at.toggle(key="plan_more_columns").value
    at.session_state[at.session_state["plan_editor_key"]] = {
        "edited_rows": {},
        "added_rows": [{"title": "Ny borgermøde-runde", "owner_name": "Ulla"}],
        "deleted_rows": [],
    }
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception and not at.error
    assert at.toggle(key="plan_more_columns").value  # Spor is shown now
    assert [w.value for w in at.warning if "Spor" in w.value] == [
        "Vælg Spor for «Ny borgermøde-runde» i kolonnen Spor, og gem igen. Intet er gemt endnu."
    ]
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert "Ny borgermøde-runde" not in set(saved["title"])
    key = at.session_state["plan_editor_key"]  # the wider editor holds the new row, last
    at.session_state[key] = {
        "edited_rows": {len(saved): {"track": "Spor 2"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    next(b for b in at.button if b.label == "Gem ændringer").click().run()
    assert not at.exception and not at.error
    saved = plan_items(make_engine(private_db), viewer=READER, municipality_code=183)
    assert saved.set_index("title").loc["Ny borgermøde-runde", "track"] == "Spor 2"
