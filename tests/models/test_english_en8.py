"""The mails' and the agenda's text in English beside Danish (models.reminders, models.meetings):
the same cases in both languages, English numbers and dates included."""

from datetime import date

import pytest

from models.domain import Status
from models.meetings import (
    AgendaChanges,
    AgendaFollowUp,
    AgendaGoal,
    AgendaItem,
    compose_agenda,
    decision_problem,
    decision_problem_message,
    meeting_problem,
    meeting_problem_message,
)
from models.reminders import (
    BriefContent,
    GoalLine,
    OwnedItem,
    Section,
    brief_mail,
    brief_subject,
    days_text,
    in_language,
    item_line,
    reminder_mail,
    reminder_subject,
    section,
    section_heading,
)
from tests.danish_left import danish_left_in

TODAY = date(2026, 12, 5)


def item(
    *,
    due: date | None = None,
    touched: date = date(2026, 11, 30),
    overdue: bool = False,
    stale: bool = False,
) -> OwnedItem:
    return OwnedItem(1, 183, "Ishøj", "Kickoff", "i gang", due, touched, overdue, stale)


@pytest.mark.parametrize(
    ("owned", "danish", "english"),
    [
        (
            item(due=date(2026, 11, 23), overdue=True),
            "Ishøj: Kickoff, frist 23. nov. 2026, forsinket i 12 dage",
            "Ishøj: Kickoff, due 23 Nov 2026, overdue by 12 days",
        ),
        (
            item(due=date(2026, 12, 4), overdue=True),
            "Ishøj: Kickoff, frist 4. dec. 2026, forsinket i 1 dag",
            "Ishøj: Kickoff, due 4 Dec 2026, overdue by 1 day",
        ),
        (
            item(due=date(2026, 12, 5)),
            "Ishøj: Kickoff, frist 5. dec. 2026 (i dag)",
            "Ishøj: Kickoff, due 5 Dec 2026 (today)",
        ),
        (
            item(due=date(2026, 12, 12)),
            "Ishøj: Kickoff, frist 12. dec. 2026 (om 7 dage)",
            "Ishøj: Kickoff, due 12 Dec 2026 (in 7 days)",
        ),
        (
            item(touched=date(2023, 8, 1), stale=True),
            "Ishøj: Kickoff, sidst ændret 1. aug. 2023 (1.222 dage siden)",
            "Ishøj: Kickoff, last changed 1 Aug 2023 (1,222 days ago)",
        ),
        (
            item(due=date(2026, 11, 23), touched=date(2026, 8, 1), overdue=True, stale=True),
            "Ishøj: Kickoff, frist 23. nov. 2026, forsinket i 12 dage; ikke rørt i 126 dage",
            "Ishøj: Kickoff, due 23 Nov 2026, overdue by 12 days; untouched for 126 days",
        ),
    ],
)
def test_item_lines_in_both_languages(owned: OwnedItem, danish: str, english: str) -> None:
    kind = section(owned, today=TODAY)
    assert kind is not None
    assert item_line(kind, owned, today=TODAY) == danish
    assert item_line(kind, owned, today=TODAY, lang="da") == danish
    assert item_line(kind, owned, today=TODAY, lang="en") == english


def test_small_words() -> None:
    assert [days_text(n, lang="en") for n in (1, 2, 1000)] == ["1 day", "2 days", "1,000 days"]
    assert days_text(1000) == "1.000 dage"
    assert section_heading(Section.DUE_SOON) == "Frist inden for 7 dage"
    assert section_heading(Section.DUE_SOON, lang="en") == "Due within 7 days"
    assert section_heading(Section.OVERDUE, lang="en") == "Overdue"
    late = [(Section.OVERDUE, item(due=date(2026, 11, 23), overdue=True))]
    assert reminder_subject(late) == "Bo trygt: 1 aktivitet kræver opmærksomhed (1 forsinket)"
    assert (
        reminder_subject(late, lang="en") == "Bo trygt: attention needed for 1 activity (1 overdue)"
    )


def test_the_reminder_in_english_has_no_danish_of_ours() -> None:
    items = [
        item(due=date(2026, 11, 23), overdue=True),
        item(due=date(2026, 12, 8)),
        item(touched=date(2026, 8, 1), stale=True),
    ]
    mail = reminder_mail(
        display_name="Kim",
        items=items,
        today=TODAY,
        public_url="",
        demo=True,
        lang="en",
    )
    assert mail is not None
    assert danish_left_in(mail.subject + "\n" + mail.body) == []
    assert mail.body.startswith("Dear Kim\n\nExample data: ")
    assert "Overdue (1):" in mail.body and "Due within 7 days (1):" in mail.body
    assert "Not touched in 90 days (1):" in mail.body
    danish = reminder_mail(display_name="Kim", items=items, today=TODAY, public_url="", demo=True)
    assert danish is not None and danish.body.startswith("Kære Kim\n\nEksempeldata: ")


def test_the_brief_in_english() -> None:
    content = BriefContent(
        municipality_code=183,
        municipality_name="Ishøj",
        goals=[GoalLine("Burglaries", "● On track", "69 in 2025.")],
        since=date(2026, 11, 5),
        changes=["Activity changed: Kickoff"],
        more_changes=1234,
        overdue={"Kim": [item(due=date(2026, 11, 23), overdue=True)]},
        demo=True,
        reason="new quarterly figures from Statistics Denmark: Q3 2026",
    )
    mail = brief_mail(
        content,
        display_name="Kim",
        today=TODAY,
        public_url="https://botrygt.example",
        lang="en",
    )
    assert mail.subject == "Bo trygt: status of the targets, Ishøj, 5 Dec 2026 (Example data)"
    assert brief_subject(content, today=TODAY).startswith("Bo trygt: status for måltal, Ishøj, 5.")
    text = mail.body.replace("https://botrygt.example/Handlingsplan?kommune=183", "")
    assert danish_left_in(text) == []
    assert "- … and 1,234 changes more in the change log" in mail.body
    assert "Changed since 5 Nov 2026" in mail.body
    assert "Unsubscribe under My account: https://botrygt.example/Min_konto." in mail.body


def test_the_agenda_in_english() -> None:
    agenda = compose_agenda(
        goals=[AgendaGoal("Indbrud", Status.OFF_TRACK), AgendaGoal("Tryghed", None)],
        overdue=[AgendaItem("Lights", "Kim", date(2026, 11, 1))],
        follow_ups=[AgendaFollowUp("Dark path", "Vejleåparken", date(2026, 10, 1))],
        changes=AgendaChanges(date(2026, 11, 3), {"handlingsplanen": 2, "møder": 1}, True),
        today=date(2026, 12, 2),
        lang="en",
    )
    assert agenda == (
        "1. Welcome and approval of the agenda\n"
        "2. Since the last meeting (3 Nov 2026)\n"
        "   - 3 changes: 2 in the action plan, 1 in meetings.\n"
        "3. Goals that are not on track\n"
        "   - Burglaries: ■ Not on track\n"
        "4. Overdue activities in the action plan\n"
        "   - Lights (due 1 Nov 2026, 31 days overdue, owner: Kim)\n"
        "5. Open follow-ups from safety walks\n"
        "   - Dark path (Vejleåparken, walk 1 Oct 2026)\n"
        "6. Decisions: who does what by when\n"
        "7. Any other business"
    )
    none = compose_agenda(
        goals=[],
        overdue=[],
        follow_ups=[],
        changes=AgendaChanges(date(2026, 11, 2), {}, False),
        today=date(2026, 12, 2),
        lang="en",
    )
    assert "2. Since the last meeting (the last 30 days, from 2 Nov 2026)\n" in none
    assert "   - No changes in the change log.\n" in none


def test_problems_render_in_both_languages() -> None:
    long = "x" * 20_001
    problem = meeting_problem_message(title="Møde", held_on=TODAY, fields={"Referatet": long})
    assert problem is not None
    assert problem.render("en") == "The minutes: too long (20001 characters; at most 20000)."
    assert meeting_problem(title="Møde", held_on=TODAY, fields={"Referatet": long}) == (
        "Referatet er for lang (20001 tegn; højst 20000)."
    )
    untitled = meeting_problem_message(title=" ", held_on=TODAY, fields={})
    assert untitled is not None and untitled.render("en") == "The meeting needs a title."
    empty = decision_problem_message("")
    assert empty is not None and empty.render("en") == "The decision needs a text."
    assert decision_problem("") == "Beslutningen skal have en tekst."


def test_in_language_passes_the_language_only_to_a_function_that_takes_one() -> None:
    def with_lang(value: int, *, lang: str = "da") -> str:
        return f"{value}:{lang}"

    def without(value: int) -> str:
        return str(value)

    assert in_language(with_lang, 1, lang="en") == "1:en"
    assert in_language(without, 1, lang="en") == "1"
