"""Min kommune's pure parts: the meeting day, the changes by topic, the plan items needing attention."""

from datetime import date

import pandas as pd
import pytest

from models.domain import Indicator, Status
from models.home import (
    AttentionItem,
    ChangeSummary,
    attention_line,
    change_sentence,
    change_summary,
    follow_up_sentence,
    last_meeting,
    plan_attention,
    shorten,
    status_sentence,
)

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("known", "expected"),
    [
        (None, date(2026, 11, 2)),  # nobody knows: 30 days back
        (date(2026, 11, 20), date(2026, 11, 20)),  # the known meeting
        (TODAY, TODAY),  # a meeting today counts from today
        (date(2026, 12, 9), date(2026, 11, 2)),  # a meeting in the future is not the last one
    ],
)
def test_last_meeting(known: date | None, expected: date) -> None:
    assert last_meeting(today=TODAY, known=known) == expected


def test_change_summary_counts_by_topic_in_the_pages_order() -> None:
    """The log's count per table (entity) becomes a count per topic, in the page's topic order
    (not the log's), with tables the page does not know under 'andet'."""
    by_entity = {
        "something_new": 1,
        "goal": 1,
        "action_item": 2,
        "walk_observation": 1,
        "action_plan": 1,
        "helper_count": 1,
    }
    summary = change_summary(
        by_entity,
        latest=["Punkt ændret", "Mål ændret", "Opfølgning lukket"],
        since=date(2026, 11, 2),
    )
    assert summary == ChangeSummary(
        since=date(2026, 11, 2),
        total=7,
        by_topic={
            "handlingsplanen": 3,
            "tryghedsvandringer": 1,
            "mål": 1,
            "nabohjælp": 1,
            "andet": 1,
        },
        latest=["Punkt ændret", "Mål ændret", "Opfølgning lukket"],
    )
    assert change_sentence(summary) == (
        "7 ændringer siden 2. nov. 2026: 3 i handlingsplanen, 1 i tryghedsvandringer, 1 i mål, "
        "1 i nabohjælp, 1 i andet."
    )


def test_no_changes() -> None:
    summary = change_summary({}, latest=[], since=date(2026, 11, 2))
    assert summary == ChangeSummary(since=date(2026, 11, 2), total=0, by_topic={}, latest=[])
    assert change_sentence(summary) == "Ingen ændringer siden 2. nov. 2026."
    one = change_summary({"action_item": 1}, latest=["Punkt ændret"], since=date(2026, 12, 1))
    assert change_sentence(one) == "1 ændring siden 1. dec. 2026: 1 i handlingsplanen."


def _items(rows: list[tuple[str, str, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "title": t,
                "status": s,
                "due_date": None if d is None else date.fromisoformat(d),
                "owner_name": o,
            }
            for t, s, d, o in rows
        ]
    )


def test_plan_attention_splits_overdue_and_due_soon() -> None:
    items = _items(
        [
            ("Late B", "i gang", "2026-11-30", "Politi"),  # 2 days late
            ("Late A", "ikke startet", "2026-10-01", None),  # 62 days late, listed first
            ("Done late", "færdig", "2026-10-01", "X"),  # done: never overdue
            ("Cancelled", "aflyst", "2026-12-10", "X"),  # cancelled: never due
            ("Today", "i gang", "2026-12-02", "Kommunen"),  # due today: due soon, not overdue
            ("In 30", "udskudt", "2027-01-01", "Kommunen"),  # 30 days: the last due-soon day
            ("In 31", "i gang", "2027-01-02", "Kommunen"),  # 31 days: not yet
            ("No date", "i gang", None, "Kommunen"),
        ]
    )
    result = plan_attention(items, today=TODAY)
    assert [(i.title, i.days_left) for i in result.overdue] == [("Late A", -62), ("Late B", -2)]
    assert [(i.title, i.days_left) for i in result.due_soon] == [("Today", 0), ("In 30", 30)]
    assert result.overdue[0].owner == ""


@pytest.mark.parametrize(
    ("item", "line"),
    [
        (
            AttentionItem("Lys på stien", "Kommunen", date(2026, 11, 30), -2),
            "Lys på stien (Kommunen): 2 dage over fristen",
        ),
        (
            AttentionItem("Møde", "", date(2026, 12, 1), -1),
            "Møde: 1 dag over fristen",
        ),
        (AttentionItem("Nu", "", TODAY, 0), "Nu: frist i dag"),
        (AttentionItem("Senere", "", date(2026, 12, 30), 28), "Senere: frist om 28 dage"),
        (AttentionItem("Snart", "Politi", date(2026, 12, 3), 1), "Snart (Politi): frist om 1 dag"),
    ],
)
def test_attention_line(item: AttentionItem, line: str) -> None:
    assert attention_line(item) == line


@pytest.mark.parametrize(
    ("indicator", "status", "start"),
    [
        (Indicator.BURGLARIES, Status.NEEDS_ACCELERATION, "Indbruddene falder klart"),
        (Indicator.HELPERS, Status.NEEDS_ACCELERATION, "Antallet af nabohjælpere stiger klart"),
        (Indicator.INSECURITY, Status.NEEDS_ACCELERATION, "Utrygheden falder klart"),
        (Indicator.BURGLARIES, Status.ON_TRACK, "Selv den pessimistiske"),
        (Indicator.INSECURITY, Status.ON_TRACK, "Hele usikkerhedsintervallet"),
        (Indicator.HELPERS, Status.OFF_TRACK, "Selv den optimistiske"),
        (Indicator.INSECURITY, Status.OFF_TRACK, "Seneste måling ligger over"),
        (Indicator.BURGLARIES, Status.INSUFFICIENT_EVIDENCE, "Usikkerheden dækker"),
        (Indicator.HELPERS, None, "Uden mål eller tal"),
    ],
)
def test_status_sentence(indicator: Indicator, status: Status | None, start: str) -> None:
    sentence = status_sentence(indicator, status)
    assert sentence.startswith(start)
    assert sentence.endswith(".") and sentence.count(".") == 1  # one sentence


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Kort titel", 20, "Kort titel"),
        ("Præcis ti", 9, "Præcis ti"),
        ("Gennemgå egen kommunikation med udgangspunkt", 20, "Gennemgå egen…"),
        ("Formøde/kontakt, med", 17, "Formøde/kontakt…"),  # the comma before the cut goes
        ("Ordsomikkekanbrydes", 8, "Ordsomi…"),
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit=limit) == expected
    assert len(shorten(text, limit=limit)) <= limit


def test_attention_line_cuts_a_long_title() -> None:
    item = AttentionItem("Gennemgå egen kommunikation med udgangspunkt", "", TODAY, 0)
    assert attention_line(item, limit=20) == "Gennemgå egen…: frist i dag"
    late = AttentionItem("Lys", "Kommunen", date(2026, 11, 1), -31)
    assert attention_line(late, owner=False) == "Lys: 31 dage over fristen"


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (0, "Ingen åbne opfølgninger fra tryghedsvandringer."),
        (1, "1 opfølgning fra tryghedsvandringer er ikke lukket."),
        (1234, "1.234 opfølgninger fra tryghedsvandringer er ikke lukket."),
    ],
)
def test_follow_up_sentence(count: int, sentence: str) -> None:
    assert follow_up_sentence(count) == sentence


def test_change_summary_lines_read_as_the_change_log_does() -> None:
    """Stored summaries carry ISO dates and plain counts; Min kommune shows them in Danish."""
    summary = change_summary(
        {"helper_count": 1, "safety_walk": 1},
        latest=[
            "Nabohjælpere i Ishøj pr. 2026-12-07: 1450",
            "Tryghedsvandring i Vejleåparken (2026-12-06) registreret med 3 observationer",
        ],
        since=date(2026, 12, 1),
    )
    assert summary.latest == [
        "Nabohjælpere i Ishøj pr. 7. dec. 2026: 1.450",
        "Tryghedsvandring i Vejleåparken (6. dec. 2026) registreret med 3 observationer",
    ]
