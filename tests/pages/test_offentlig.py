"""Offentlig: the public page without login reads no partnership-private table, ever.

A `before_cursor_execute` listener on SQLAlchemy's Engine class records every statement the page
runs (the Streamlit caches are empty at the start of each test, tests/conftest.py), and none may
name a private table. The guard on every other page is tests/pages/test_access.py."""

import re
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.public import publication, set_published
from dataio.store.areas import NOT_A_PARTNERSHIP, set_partnership_start
from models.permissions import Actor, Role
from tests.danish_left import danish_left_in
from tests.pages.apptest import APP, TIMEOUT, page_text, plotly_specs, run_page

PAGE = "pages/15_Offentlig.py"
PRIVATE = [  # every table of a partnership's own work, its people and its log (models/tables.py)
    "action_plan",
    "action_item",
    "item_check_in",
    "goal_check_in",
    "safety_walk",
    "walk_observation",
    "incident",
    "hotspot_action",
    "app_user",  # the users, and their login sessions (sessions_valid_from)
    "audit_entry",
    "audit_scope",
    "meeting",
    "meeting_decision",
    "mail_outbox",
    "brief_schedule",
    "recruitment_activity",
    "survey_round",  # a municipality's survey rounds are partnership data here (dataio.public)
    "survey_answer",
    "import_undo",
]
LEADER = Actor("projektleder", Role.PROJECT_LEADER, municipality_code=183)


@pytest.fixture
def published(private_db: str) -> str:
    """The demo database with Ishøj a partnership that publishes."""
    engine = make_engine(private_db)
    set_partnership_start(
        engine,
        actor=Actor("admin", Role.ADMIN),
        municipality_code=183,
        start=date(2024, 1, 1),
        seen=NOT_A_PARTNERSHIP,
        today=date(2026, 12, 2),
    )
    set_published(engine, actor=LEADER, code=183, on=True, summary="Vi går **sammen** mod indbrud.")
    engine.dispose()
    return private_db


@pytest.fixture
def statements() -> list[str]:
    """The SQL statements the page ran (filled by run_public)."""
    return []


def run_public(query: dict[str, str], recorded: list[str]) -> AppTest:
    """app.py first (as a browser would land), then the public page with the listener on."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.run()

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        recorded.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        at.switch_page(PAGE)
        at.run()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return at


def private_tables_in(recorded: list[str]) -> set[str]:
    return {
        table
        for statement in recorded
        for table in PRIVATE
        if re.search(rf"\b{table}\b", statement, flags=re.IGNORECASE)
    }


def test_the_published_page_reads_no_private_table(published: str, statements: list[str]) -> None:
    at = run_public({"kommune": "183"}, statements)
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Bo trygt i Ishøj"]
    assert any("burglary_quarter" in s for s in statements)  # the listener saw the page's reads
    assert private_tables_in(statements) == set()
    assert private_tables_in(["SELECT app_user.id FROM app_user"]) == {"app_user"}  # it can fail
    text = page_text(at)
    assert "Vi går \\*\\*sammen\\*\\* mod indbrud." in text  # the summary, shown literally
    assert "Eksempeldata" in text  # the demo burglaries are labelled
    assert "Nabohjælpere pr. 100 husstande" in text
    assert len(plotly_specs(at)) == 2  # the rate against similar municipalities, the goal path
    # no login form, no menu, nothing of a session
    assert not at.text_input and not at.get("page_link") and not at.button
    assert "Log ind" not in text


@pytest.mark.parametrize("query", [{"kommune": "223"}, {"kommune": "999"}, {}])
def test_a_municipality_that_does_not_publish_gets_only_the_message(
    published: str, statements: list[str], query: dict[str, str]
) -> None:
    at = run_public(query, statements)  # Hørsholm is a partnership that has not published
    assert not at.exception
    assert [i.value for i in at.info] == ["Kommunen har ikke en offentlig visning."]
    assert not at.title and not at.get("plotly_chart") and not at.metric and not at.markdown
    assert private_tables_in(statements) == set()


def test_switched_off_the_page_is_gone(published: str, statements: list[str]) -> None:
    engine = make_engine(published)
    set_published(engine, actor=Actor("admin", Role.ADMIN), code=183, on=False)
    engine.dispose()
    at = run_public({"kommune": "183"}, statements)
    assert [i.value for i in at.info] == ["Kommunen har ikke en offentlig visning."]
    assert not at.title


def test_the_project_leader_publishes_on_min_kommune(published: str) -> None:
    at = run_page("pages/0_Min_kommune.py", user="projektleder")
    assert not at.exception and not at.error
    assert at.toggle[0].value is True  # published by the fixture
    at.toggle[0].set_value(False)
    at.text_area[0].input("Ny tekst")
    next(b for b in at.button if b.label == "Gem offentlig visning").click().run()
    assert [s.value for s in at.success] == [
        "Den offentlige visning er gemt og skrevet i ændringsloggen."
    ]
    state = publication(make_engine(published), code=183)
    assert state is not None and not state.published and state.summary == "Ny tekst"


@pytest.mark.parametrize("user", ["byraad", "politi"])
def test_others_get_no_publish_form(app_env: str, user: str) -> None:
    at = run_page("pages/0_Min_kommune.py", user=user)
    assert not at.exception and not at.toggle
    assert "Gem offentlig visning" not in [b.label for b in at.button]


def test_a_municipality_without_partnership_says_so(app_env: str) -> None:
    at = run_page("pages/0_Min_kommune.py", user="projektleder")  # Ishøj: not in the list
    assert "Ishøj er ikke en partnerskabskommune og kan ikke have en offentlig visning." in (
        page_text(at)
    )
    assert not at.toggle


def english_text(at: AppTest) -> str:
    """What a reader of the English page reads: text, expanders, chart words (not the summary,
    which is the partnership's own, in its own language)."""
    parts = [page_text(at).replace("Vi går \\*\\*sammen\\*\\* mod indbrud.", "")]
    parts += [e.proto.label for e in at.get("expandable")]
    for spec in plotly_specs(at):
        layout = spec.get("layout", {})
        parts += [str(t.get("name", "")) for t in spec.get("data", [])]
        parts += [str(t.get("hovertemplate", "")) for t in spec.get("data", [])]
        parts += [str(a.get("text", "")) for a in layout.get("annotations", [])]
        parts += [str(layout.get("title", {}).get("text", ""))]
        parts += [str(layout.get("yaxis", {}).get("title", {}).get("text", ""))]
    parts += [" ".join(map(str, d.value.columns)) for d in at.dataframe]
    return "\n".join(parts)


def test_lang_en_shows_the_public_page_in_english(published: str, statements: list[str]) -> None:
    at = run_public({"kommune": "183", "lang": "en"}, statements)
    assert not at.exception and not at.error
    assert [t.value for t in at.title] == ["Bo trygt in Ishøj"]
    text = english_text(at)
    assert danish_left_in(text) == []
    assert "Burglaries against the goal" in text and "Neighbour helpers per 100 households" in text
    assert "Example data" in text and "Eksempeldata" not in text
    assert "Share insecure about the risk of burglary, all of Denmark" in text
    assert [s.value for s in at.subheader][:1] == ["Residential burglaries against the goal"]
    specs = plotly_specs(at)
    assert len(specs) == 2 and all(s["layout"]["separators"] == ".," for s in specs)
    # English numbers: a thousands comma, never a decimal comma, in the metrics
    metrics = {m.label: m.value for m in at.metric}
    per_100 = metrics["Neighbour helpers per 100 households"]
    assert re.fullmatch(r"\d+\.\d", per_100), per_100
    helpers_label = next(label for label in metrics if label.startswith("Neighbour helpers as of"))
    assert re.fullmatch(r"Neighbour helpers as of \d{1,2} [A-Z][a-z]{2} \d{4}", helpers_label)
    assert private_tables_in(statements) == set()  # the English page reads no more than the Danish
    assert "[Dansk](?kommune=183&lang=da)" in text  # the way back to Danish


def test_the_danish_page_stays_danish_with_the_national_survey(
    published: str, statements: list[str]
) -> None:
    at = run_public({"kommune": "183"}, statements)
    text = page_text(at)
    assert "Utryghed ved indbrud" in text and "hele landet" in text
    assert "[English](?kommune=183&lang=en)" in text
    assert "Burglaries" not in text and "Example data" not in text
    assert "separators" not in plotly_specs(at)[0]["layout"]  # the template's Danish marks


def test_an_unpublished_municipality_says_so_in_english(
    published: str, statements: list[str]
) -> None:
    at = run_public({"kommune": "223", "lang": "en"}, statements)
    assert [i.value for i in at.info] == ["The municipality has no public page."]
