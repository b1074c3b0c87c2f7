"""The change log's Danish for owners, item check-ins and goal check-ins (hand-written cases)."""

from datetime import date

import pytest

from models.change_text import (
    Names,
    change_sentence,
    check_in_summary,
    goal_check_in_summary,
    value_text,
)
from models.check_ins import clean_period, override_line, quarter_label

PEOPLE = Names({}, {}, {"politi": "Demo Politi (Københavns Vestegn)"})


def test_the_owners_username_reads_as_their_name() -> None:
    assert value_text("owner_username", "politi", PEOPLE) == "Demo Politi (Københavns Vestegn)"
    assert value_text("owner_username", "ukendt", PEOPLE) == "ukendt"
    assert value_text("owner_username", None, PEOPLE) == "–"


@pytest.mark.parametrize(
    ("before", "after", "comment", "reason", "text"),
    [
        (
            {"status": "i gang", "progress": 40, "due_date": None},
            {"status": "i gang", "progress": 60, "due_date": None},
            "Møde med boligforeningen holdt",
            "",
            "Statusopdatering af «Kampagne»: Fremdrift 40 % → 60 %, »Møde med boligforeningen holdt«",
        ),
        (
            {"status": "ikke startet", "progress": 0, "due_date": date(2026, 12, 1)},
            {"status": "i gang", "progress": 10, "due_date": date(2027, 2, 1)},
            "",
            "Afventer budget",
            "Statusopdatering af «Kampagne»: Status Ikke startet → I gang, Fremdrift 0 % → 10 %, "
            "Frist 1. dec. 2026 → 1. feb. 2027 (Afventer budget)",
        ),
        (
            {"status": "i gang", "progress": 50, "due_date": None},
            {"status": "i gang", "progress": 50, "due_date": None},
            "",
            "",
            "Statusopdatering af «Kampagne»: uændret",
        ),
    ],
)
def test_check_in_summary(before: dict, after: dict, comment: str, reason: str, text: str) -> None:
    assert (
        check_in_summary(
            title="Kampagne", before=before, after=after, comment=comment, due_reason=reason
        )
        == text
    )


def test_a_check_in_sentence_is_its_summary_alone() -> None:
    summary = "Statusopdatering af «Kampagne»: Fremdrift 40 % → 60 %"
    sentence = change_sentence(
        action="action_item.check_in",
        summary=summary,
        before={"progress": 40},
        after={"progress": 60, "comment": ""},
    )
    assert sentence == summary + "."


def test_goal_check_in_summary() -> None:
    assert (
        goal_check_in_summary(
            goal="målet for Ishøj (indbrud)",
            period="2026-K3",
            comment="Sommerens kampagne virker",
            override_status="on_track",
            reason="Tre nye nabohjælpergrupper",
        )
        == "Kommentar til målet for Ishøj (indbrud), 2026-K3: »Sommerens kampagne virker«; "
        "projektlederens vurdering: ● På rette vej (»Tre nye nabohjælpergrupper«)"
    )
    assert (
        goal_check_in_summary(
            goal="x", period="2026-K3", comment="", override_status=None, reason=""
        )
        == "Kommentar til x, 2026-K3: uden tekst"
    )


@pytest.mark.parametrize(
    ("day", "label"),
    [(date(2026, 1, 1), "2026-K1"), (date(2026, 3, 31), "2026-K1"), (date(2026, 4, 1), "2026-K2"),
     (date(2026, 9, 30), "2026-K3"), (date(2026, 12, 31), "2026-K4")],
)  # fmt: skip
def test_quarter_label(day: date, label: str) -> None:
    assert quarter_label(day) == label


@pytest.mark.parametrize(
    ("text", "stored"),
    [("2026-K3", "2026-K3"), (" 2026-k4 ", "2026-K4"), ("2026 - K1", "2026-K1"),
     ("2026-11-23", "2026-11-23"), ("2026-K5", None), ("2026-K0", None), ("K3 2026", None),
     ("23.11.2026", None), ("", None)],
)  # fmt: skip
def test_clean_period(text: str, stored: str | None) -> None:
    assert clean_period(text) == stored


def test_override_line_shows_both_statuses() -> None:
    assert (
        override_line(computed="off_track", override="on_track", reason="begrundelse")
        == "Beregnet: ■ Ikke på rette vej · Projektlederens vurdering: ● På rette vej — »begrundelse«"
    )
