"""AppTest: Møder in English, for every role that sees it (tests/pages/test_access.py): no Danish
string of the catalogue is left on the page, the tables' headings included; the project leader's
forms write and answer in English."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.meetings.minutes import meeting_minutes
from dataio.meetings.store import NewItem, create_meeting, draft_agenda, record_decision
from dataio.store.action_plans import plan_items
from dataio.store.walks import open_follow_ups
from models.actionplan import Organisation, Track
from models.formatting import fmt_date
from tests.danish_left import danish_left_in
from tests.factories import ISHOJ, LEADER, READER
from tests.pages.apptest import every_text, run_page, use_english

PAGE = "pages/13_Moeder.py"
HELD_ON = date(2026, 11, 23)
# Data the partnership types itself stays as typed: written in English here, so that a Danish
# word left on the page can only be ours.
TITLE = "Steering group meeting"
DECISION = "The police hold a stand at the shopping centre"
ITEM = "Stand at the shopping centre"


def _meeting(url: str, agenda: str | None = None) -> int:
    """A meeting with an English agenda (by default drafted in English) and one decision creating
    an item."""
    engine = make_engine(url)
    try:
        if agenda is None:
            agenda = draft_agenda(engine, viewer=LEADER, code=ISHOJ, today=HELD_ON, lang="en")
        made = create_meeting(
            engine,
            actor=LEADER,
            code=ISHOJ,
            held_on=HELD_ON,
            title=TITLE,
            participants="Project leader, police",
            agenda=agenda,
        )
        record_decision(
            engine,
            actor=LEADER,
            meeting_id=made,
            text=DECISION,
            new_item=NewItem(
                title=ITEM,
                track=Track.CITIZENS,
                owner_username=None,
                owner_name="Kim",
                organisation=Organisation.JOINT,
                due_date=date(2027, 1, 15),
            ),
        )
    finally:
        engine.dispose()
    return made


def _partnership_data(url: str) -> list[str]:
    """The demo partnership's own Danish texts the page shows as typed (plan items' titles and
    owners, the safety walks' follow-ups), longest first."""
    engine = make_engine(url)
    try:
        items = plan_items(engine, viewer=READER, municipality_code=ISHOJ)
        walks = open_follow_ups(engine, viewer=READER, municipality_code=ISHOJ)
    finally:
        engine.dispose()
    texts = [*items["title"], *items["owner_name"].dropna(), *walks["description"], *walks["area"]]
    return sorted({str(t) for t in texts if str(t).strip()}, key=len, reverse=True)


def _danish_left(at: AppTest, data: list[str]) -> list[str]:
    # a page link's `page` is its address (the file name, "Tryghed"), not text a person reads
    addresses = {link.proto.page for link in at.get("page_link")}
    texts = [t for t in every_text(at) if t not in addresses]
    texts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    cleaned = []
    for text in texts:
        for own in data:  # the partnership's data stays as typed: taken out, not ours to translate
            text = text.replace(own, "")
        cleaned.append(text)
    return sorted({m for t in cleaned for m in danish_left_in(t)})


@pytest.mark.parametrize("user", ["admin", "projektleder", "politi", "byraad", "erhverv"])
def test_moeder_in_english(private_db: str, user: str) -> None:
    _meeting(private_db)
    use_english(private_db, user)
    at = run_page(PAGE, user=user, query={"kommune": str(ISHOJ)})
    assert not at.exception and not at.error
    assert _danish_left(at, _partnership_data(private_db)) == []
    assert at.title[0].value == "Meetings: Ishøj"
    assert at.subheader[0].value == f"{TITLE}, 23 Nov 2026"
    assert [d.proto.label for d in at.get("download_button")] == ["Download the minutes (PDF)"]
    listed = next(d.value for d in at.dataframe if "Meeting" in d.value.columns)
    assert list(listed.columns) == ["Date", "Meeting", "Decisions", "Meeting pack"]
    assert list(listed["Date"]) == ["23 Nov 2026"]
    decisions = next(d.value for d in at.dataframe if "Decision" in d.value.columns)
    assert list(decisions.columns) == ["No.", "Decision", "Action item", "Owner", "Due"]
    assert list(decisions["Due"]) == [fmt_date(date(2027, 1, 15), lang="en")]
    writes = user in {"admin", "projektleder"}
    labels = [b.label for b in at.button]
    assert ("Tie the meeting pack" in labels) == writes
    if writes:
        assert "Record the decision" in labels and "Save the meeting" in labels
        agenda = str(at.text_area(key="meeting_agenda").value)
        assert agenda.startswith("1. Welcome and approval of the agenda\n2. Since the last meeting")
        assert at.text_input(key="meeting_title").value == "Partnership meeting"
        options = at.selectbox(key="decision_organisation").options
        assert options == ["municipality", "police", "joint", "business association"]
    else:
        caption = "The project leader registers meetings and decisions; you can read them here."
        assert caption in [c.value for c in at.caption]


def test_the_project_leaders_forms_answer_in_english(private_db: str) -> None:
    _meeting(private_db)
    use_english(private_db, "projektleder")
    at = run_page(PAGE, user="projektleder")
    at.text_input(key="meeting_title").input("")
    next(b for b in at.button if b.label == "Create the meeting").click().run()
    assert [e.value for e in at.error] == ["The meeting needs a title."]
    at.text_area(key="decision_text").input("Plan the next walk")
    next(b for b in at.button if b.label == "Record the decision").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["The decision is recorded."]
    assert _danish_left(at, _partnership_data(private_db)) == []


def test_the_minutes_pdf_in_english(private_db: str) -> None:
    # the agenda is the meeting's own text (a drafted one quotes the plan's Danish titles)
    made = _meeting(private_db, agenda="1. Welcome\n2. Any other business")
    engine = make_engine(private_db)
    try:
        english = meeting_minutes(engine, viewer=READER, meeting_id=made, demo=True, lang="en")
        danish = meeting_minutes(engine, viewer=READER, meeting_id=made, demo=True)
    finally:
        engine.dispose()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(english)).pages)
    assert danish_left_in(text) == []
    for expected in ("Minutes: Steering group meeting", "Date: 23 Nov 2026", "Agenda", "Decisions"):
        assert expected in text
    assert "EXAMPLE DATA – demo installation with example data" in text
    assert "Dato: 23. nov. 2026" in "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(danish)).pages
    )
