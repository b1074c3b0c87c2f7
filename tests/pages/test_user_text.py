"""User text is text on every page: payloads in every text field people type, every sink checked.

Every free-text column a person can fill (plan titles, owners, notes, walk areas and follow-ups,
goal notes, display names, file names, activity places and notes, helper-count sources, change-log
summaries) is overwritten with HTML, markdown, Streamlit-directive and formula payloads; then every
page is rendered for each role in AppTest and each sink is read back:
- markdown bodies (markdown, captions, alerts, expander and widget labels) rendered by CommonMark
  must contain no link, image or emphasis from a payload, and no unescaped Streamlit directive;
- plotly figures (labels, hover text) and deck.gl maps (data, tooltips) must hold no raw tag;
- the data export toolbar (raw CSV) is switched off in the config.
"""

import json
import re
import shutil
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import markdown_it
import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dataio.communication.press import add_press_entry
from dataio.communication.stakeholders import add_stakeholder
from dataio.db.engine import make_engine
from dataio.meetings.store import create_meeting, record_decision
from models.permissions import Actor, Role
from tests.pages.apptest import run_page

ROOT = Path(__file__).resolve().parents[2]
LINK = '<a href="https://evil.example/a">KLIKLINK</a>'
BOLD = '<b style="font-size:90px">STORTEKST</b>'
IMAGE = "![BILLEDE](https://evil.example/i.png)"
MD_LINK = "[MDLINK](https://evil.example/m)"
EMPHASIS = "**FEDTEKST**"
DIRECTIVE = ":red[RØDTEKST]"
FORMULA = '=HYPERLINK("https://evil.example/f","FORMEL")'
PAYLOAD = f"{LINK} {BOLD} {IMAGE} {MD_LINK} {EMPHASIS} {DIRECTIVE}"
SHORT = f"{LINK}{IMAGE}{EMPHASIS}"  # for short columns
FIELDS = {
    "action_item": ["title", "owner_name", "notes", "activity_group"],
    "safety_walk": ["area", "participants"],
    "walk_observation": ["description", "responsible", "follow_up"],
    "goal": ["source_note"],
    "app_user": ["display_name"],
    "data_source": ["file_name"],
    "recruitment_activity": ["place", "note"],
    "helper_count": ["source"],
    "audit_entry": ["summary"],
    "meeting": ["title", "participants", "agenda", "minutes"],
    "meeting_decision": ["text"],
    "press_entry": ["medium", "headline"],
    "stakeholder": ["organisation", "contact_name", "note"],
}
PAGES = [
    None,
    "pages/0_Min_kommune.py",
    "pages/1_Kommune.py",
    "pages/2_Aendringslog.py",
    "pages/3_Maal.py",
    "pages/4_Handlingsplan.py",
    "pages/5_Data.py",
    "pages/6_Nabohjaelp.py",
    "pages/7_Tryghed.py",
    "pages/8_Administration.py",
    "pages/9_Min_konto.py",
    "pages/10_Rapport.py",
    "pages/11_Effekt.py",
    "pages/12_Mine_opgaver.py",
    "pages/13_Moeder.py",
    "pages/16_Kommunikation.py",
]


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory: pytest.TempPathFactory, demo_db_url: str) -> str:
    """A copy of the demo database with a payload in every free-text field."""
    source = Path(demo_db_url.removeprefix("sqlite:///"))
    copy = tmp_path_factory.mktemp("payload") / "payload.sqlite"
    shutil.copy(source, copy)
    url = f"sqlite:///{copy}"
    engine = make_engine(url)
    # a meeting with a decision (the demo has none), so Møder shows the payloads too
    leader = Actor("projektleder", Role.PROJECT_LEADER, municipality_code=183)
    meeting_id = create_meeting(
        engine, actor=leader, code=183, held_on=date(2026, 12, 1), title="Møde", agenda="1."
    )
    record_decision(engine, actor=leader, meeting_id=meeting_id, text="Beslutning")
    # a press entry and a stakeholder (the demo has none), so Kommunikation shows the payloads
    add_press_entry(
        engine,
        actor=leader,
        code=183,
        published_on=date(2026, 11, 2),
        medium="Avis",
        headline="Overskrift",
        tone="constructive",
        today=date(2026, 12, 1),
    )
    add_stakeholder(engine, actor=leader, code=183, organisation="Aktør", note="Note")
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_entry_no_update"))
        for table, columns in FIELDS.items():
            sets = ", ".join(f"{c} = :payload || ' ' || {c}" for c in columns)
            connection.execute(text(f"UPDATE {table} SET {sets}"), {"payload": PAYLOAD})
        connection.execute(
            text(
                "UPDATE action_item SET notes = :formula WHERE id IN (SELECT MIN(id) FROM action_item)"
            ),
            {"formula": FORMULA},
        )
        connection.execute(text("UPDATE data_version SET version = version + 1"))
    engine.dispose()
    return url


@pytest.fixture
def payload_env(monkeypatch: pytest.MonkeyPatch, payload_db: str) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", payload_db)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    yield payload_db


def _markdown_bodies(at: AppTest) -> list[tuple[str, str]]:
    """(kind, markdown) of every element whose text Streamlit renders as markdown."""
    bodies = [("markdown", e.value) for e in at.markdown]
    bodies += [("caption", e.value) for e in at.caption]
    for kind in ("info", "success", "warning", "error", "title", "subheader", "header"):
        bodies += [(kind, getattr(e, "value", "")) for e in at.get(kind)]
    bodies += [("expander", e.proto.label) for e in at.get("expandable")]
    for kind in ("selectbox", "multiselect", "text_input", "button", "checkbox", "radio"):
        bodies += [(kind, getattr(e, "label", "")) for e in at.get(kind)]
        # options are shown as plain text by the select widgets, not as markdown
    bodies += [("page_link", e.proto.label) for e in at.get("page_link")]
    bodies += [("metric", f"{e.label} {e.value}") for e in at.metric]
    for table in at.table:  # st.table renders every cell and heading as markdown
        frame = table.value
        bodies += [("table heading", str(c)) for c in frame.columns]
        bodies += [("table cell", str(v)) for v in frame.to_numpy().ravel()]
    return [(kind, str(body)) for kind, body in bodies]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _problems(at: AppTest) -> list[str]:
    problems = []
    renderer = markdown_it.MarkdownIt("commonmark")
    for kind, body in _markdown_bodies(at):
        rendered = renderer.render(body)
        where = f"{kind}: {body[:90]}"
        if re.search(r'(href|src)="https://evil\.example', rendered):
            problems.append(f"markdown link or image in {where}")
        if "<strong>FEDTEKST</strong>" in rendered:
            problems.append(f"markdown emphasis in {where}")
        if ":red[RØDTEKST" in body:
            problems.append(f"Streamlit directive in {where}")
    charts = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    # deck.gl renders HTML only in an "html" tooltip; its text layers and "text" tooltips do not
    maps = [
        json.loads(e.proto.json)
        for e in at.get("deck_gl_json_chart")
        if "html" in json.loads(e.proto.tooltip or "{}")
    ]
    for spec in charts + maps:
        for string in _strings(spec):
            if "<a href" in string or "<b style" in string:
                problems.append(f"raw tag in a chart or map: {string[:120]}")
    return problems


def test_the_raw_csv_export_is_switched_off() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


@pytest.mark.parametrize("user", ["admin", "projektleder"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "Forside")
def test_no_payload_is_interpreted(payload_env: str, page: str | None, user: str) -> None:
    at = run_page(page, user=user)
    assert not at.exception, at.exception
    problems = _problems(at)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_payload_reaches_the_sinks_it_is_checked_in(payload_env: str) -> None:
    """The test above would pass on a page that shows no user text: this one makes sure it is shown."""
    plan = run_page("pages/4_Handlingsplan.py", user="admin")
    charts = json.dumps([e.proto.spec for e in plan.get("plotly_chart")])
    assert "KLIKLINK" in charts  # the Gantt chart's labels
    log = run_page("pages/2_Aendringslog.py", user="admin")
    assert any(
        kind == "table cell" and "KLIKLINK" in body for kind, body in _markdown_bodies(log)
    )  # the change log's summaries
    goals = run_page("pages/1_Kommune.py", user="admin")
    assert any("KLIKLINK" in body for _, body in _markdown_bodies(goals))  # the goal note
