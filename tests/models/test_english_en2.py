"""The goal sentences of Min kommune, Kommune and Mål in Danish and English (models given `lang`):
the same facts, English words, English numbers and dates; Danish exactly as before."""

from datetime import UTC, date, datetime

import pytest

from models.burglaries import resolve_burglary_goal, source_note_text
from models.domain import Indicator, Status
from models.goal_text import (
    burglary_count_line,
    burglary_rate_line,
    change_sentence,
    helper_lines,
    insecurity_lines,
    points,
    share_with_interval,
)
from models.home import (
    AttentionItem,
    ChangeSummary,
    attention_line,
    follow_up_sentence,
    status_sentence,
)
from models.home import change_sentence as home_change_sentence
from models.i18n import DANISH, ENGLISH
from models.insecurity import InsecurityAssessment, InsecurityGoal
from models.neighbour_help import HelperAssessment, LevelProjection
from models.offences import burden_sentence, offence_label
from models.proportions import ShareChange, ShareEstimate
from models.tables import Goal
from tests.danish_left import danish_left_in

SINCE = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("summary", "danish", "english"),
    [
        (
            ChangeSummary(SINCE, 0, {}, []),
            "Ingen ændringer siden 2. nov. 2026.",
            "No changes since 2 Nov 2026.",
        ),
        (
            ChangeSummary(SINCE, 1234, {"handlingsplanen": 1233, "mål": 1}, []),
            "1.234 ændringer siden 2. nov. 2026: 1233 i handlingsplanen, 1 i mål.",
            "1,234 changes since 2 Nov 2026: 1,233 in the action plan, 1 in goals.",
        ),
        (
            ChangeSummary(SINCE, 1, {"møder": 1}, []),
            "1 ændring siden 2. nov. 2026: 1 i møder.",
            "1 change since 2 Nov 2026: 1 in meetings.",
        ),
    ],
)
def test_change_sentence(summary: ChangeSummary, danish: str, english: str) -> None:
    # Danish as it always was (the topic counts without a thousands mark there: n as it is)
    assert home_change_sentence(summary) == danish.replace("1233", "1.233")
    assert home_change_sentence(summary, lang=ENGLISH) == english


@pytest.mark.parametrize(
    ("days", "danish", "english"),
    [
        (-3, "Lys i parken (Anna): 3 dage over fristen", "Lys i parken (Anna): 3 days overdue"),
        (-1, "Lys i parken (Anna): 1 dag over fristen", "Lys i parken (Anna): 1 day overdue"),
        (0, "Lys i parken (Anna): frist i dag", "Lys i parken (Anna): due today"),
        (
            1200,
            "Lys i parken (Anna): frist om 1.200 dage",
            "Lys i parken (Anna): due in 1,200 days",
        ),
    ],
)
def test_attention_line(days: int, danish: str, english: str) -> None:
    item = AttentionItem("Lys i parken", "Anna", date(2026, 12, 1), days)
    assert attention_line(item) == danish
    assert attention_line(item, lang=ENGLISH) == english


@pytest.mark.parametrize(
    ("count", "danish", "english"),
    [
        (0, "Ingen åbne opfølgninger fra tryghedsvandringer.", "No open follow-ups from safety walks."),
        (1, "1 opfølgning fra tryghedsvandringer er ikke lukket.", "1 follow-up from safety walks is not closed."),
        (1500, "1.500 opfølgninger fra tryghedsvandringer er ikke lukket.", "1,500 follow-ups from safety walks are not closed."),
    ],
)  # fmt: skip
def test_follow_up_sentence(count: int, danish: str, english: str) -> None:
    assert follow_up_sentence(count) == danish
    assert follow_up_sentence(count, lang=ENGLISH) == english


@pytest.mark.parametrize("indicator", list(Indicator))
@pytest.mark.parametrize("status", [None, *[s.value for s in Status]])
def test_status_sentence_has_no_danish_left(indicator: Indicator, status: str | None) -> None:
    english = status_sentence(indicator, status, lang=ENGLISH)
    assert english != status_sentence(indicator, status)
    assert danish_left_in(english) == []


def test_status_sentence_direction() -> None:
    assert status_sentence(Indicator.HELPERS, Status.NEEDS_ACCELERATION, lang=ENGLISH) == (
        "The number of neighbour helpers is rising clearly, but not fast enough to reach the goal."
    )


ESTIMATE = ShareEstimate(221, 1000, 0.221, 0.19, 0.255, False)
CHANGE = ShareChange(-0.055, -0.08, -0.03, 0.0004, "z", True)


def test_shares_and_points() -> None:
    assert points(-0.055) == "-5,5 procentpoint"
    assert points(-0.055, lang=ENGLISH) == "-5.5 percentage points"
    assert share_with_interval(0.221, 0.19, 0.255) == "22,1 % (95 %-interval 19,0–25,5 %)"
    assert share_with_interval(0.221, 0.19, 0.255, lang=ENGLISH) == (
        "22.1 % (95 % interval 19.0–25.5 %)"
    )


def test_change_sentence_of_two_rounds() -> None:
    assert change_sentence(CHANGE, earlier=2022, later=2024) == (
        "Faldet 5,5 procentpoint fra 2022 til 2024: mere end tilfældigheder kan forklare "
        "(p = under 0,001, z-test; 95 %-interval for ændringen -8,0 til -3,0 procentpoint)."
    )
    assert change_sentence(CHANGE, earlier=2022, later=2024, lang=ENGLISH) == (
        "Fallen 5.5 percentage points from 2022 to 2024: more than chance can explain "
        "(p = below 0.001, z-test; 95 % interval for the change -8.0 to -3.0 percentage points)."
    )


def test_insecurity_lines() -> None:
    result = InsecurityAssessment(
        2024,
        ESTIMATE,
        2022,
        CHANGE,
        InsecurityGoal(0.3, 2020, 0.1, 2030),
        0.2,
        Status.OFF_TRACK,
    )
    danish = insecurity_lines(result)
    english = insecurity_lines(result, lang=ENGLISH)
    assert danish[0] == "Måling 2024: 22,1 % (95 %-interval 19,0–25,5 %), 1.000 besvarelser."
    assert english[0] == "Survey 2024: 22.1 % (95 % interval 19.0–25.5 %), 1,000 responses."
    assert english[1:3] == ["Goal: 10 % in 2030.", "The straight goal path requires at most 20.0 % in 2024."]  # fmt: skip
    assert len(danish) == len(english)
    assert all(danish_left_in(line) == [] for line in english)
    assert insecurity_lines(InsecurityAssessment(None, None, None, None, None, None, Status.INSUFFICIENT_EVIDENCE), lang=ENGLISH) == ["No survey yet."]  # fmt: skip


def test_helper_lines() -> None:
    result = HelperAssessment(
        latest=1450,
        as_of=date(2026, 11, 23),
        nabovenner=30,
        households=8000,
        per_100_households=18.125,
        baseline=1200,
        change_since_baseline=250,
        target=2000,
        target_year=2030,
        progress=0.3125,
        coverage=0.375,
        nabovenner_needed=80,
        projection=LevelProjection(date(2030, 12, 31), 1900, 1700, 2100, 110, 90, 130, 5),
        status=Status.NEEDS_ACCELERATION,
    )
    danish = helper_lines(result, target_year_is_default=True)
    english = helper_lines(result, target_year_is_default=True, lang=ENGLISH)
    assert danish[:4] == [
        "1.450 nabohjælpere pr. 23. nov. 2026.",
        "18,1 pr. 100 husstande.",
        "+250 siden udgangspunktet (1.200).",
        "Mål: 2.000 nabohjælpere i 2030 (standardmålår, kan ændres).",
    ]
    assert english[:4] == [
        "1,450 neighbour helpers as of 23 Nov 2026.",
        "18.1 per 100 households.",
        "+250 since the baseline (1,200).",
        "Goal: 2,000 neighbour helpers in 2030 (default target year, can be changed).",
    ]
    assert english[5] == (
        "Projected to 31 Dec 2030: 1,900 (95 % interval 1,700–2,100); 110 more per year."
    )
    assert len(danish) == len(english) == 7
    assert all(danish_left_in(line) == [] for line in english)


def test_burglary_count_and_rate_lines() -> None:
    goal = resolve_burglary_goal(
        own=None, national=_national(), counts_by_year={2017: 2900, 2024: 1234}
    )
    assert goal is not None
    from models.burglaries import assess_burglaries

    result = assess_burglaries(counts_by_year={2017: 2900, 2024: 1234}, goal=goal)
    assert burglary_count_line(result, provisional=True).startswith("Indbrud i beboelser")
    assert burglary_count_line(result, provisional=True, lang=ENGLISH) == (
        f"Residential burglaries {result.latest_year}: 1,234 (provisional)"
    )
    assert burglary_rate_line(12.34, approximate=True) == (
        "Pr. 1.000 husstande: 12,3 (husstande tilnærmet)"
    )
    assert burglary_rate_line(12.34, approximate=True, lang=ENGLISH) == (
        "Per 1,000 households: 12.3 (households approximated)"
    )


def _national() -> Goal:
    return Goal(
        scope_kind="national",
        indicator="burglaries",
        baseline=29000.0,
        baseline_year=2017,
        target=10000.0,
        target_year=2030,
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_inherited_source_note() -> None:
    goal = resolve_burglary_goal(own=None, national=_national(), counts_by_year={2017: 290})
    assert goal is not None
    assert (
        source_note_text(goal, lang=DANISH)
        == goal.source_note
        == (
            "Ingen lokal målsætning: den nationale målsætning omregnet til kommunen "
            "(samme relative fald, 66 %, fra kommunens niveau i 2017)."
        )
    )
    assert source_note_text(goal, lang=ENGLISH) == (
        "No local goal: the national goal scaled to the municipality (the same relative fall, "
        "66 %, from the municipality's level in 2017)."
    )


def test_burden_sentence_and_offence_label() -> None:
    latest = {"year": 2024, "count": 1234, "municipality": 5.25, "national": 4.0, "peers": None}
    assert burden_sentence(label="Indbrud i forretning", name="Ishøj", latest=latest) == (
        "Indbrud i forretning 2024: 5,3 pr. 1.000 husstande i Ishøj mod 4,0 i hele landet "
        "(1.234 anmeldelser)."
    )
    label = offence_label("Indbrud i forretning, virksomhed mv.", lang=ENGLISH)
    assert label == "Burglary of shops, businesses etc."
    assert burden_sentence(label=label, name="Ishøj", latest=latest, lang=ENGLISH) == (
        "Burglary of shops, businesses etc. 2024: 5.3 per 1,000 households in Ishøj against "
        "4.0 in all of Denmark (1,234 reports)."
    )
    assert offence_label("Overtrædelse 1410", lang=ENGLISH) == "Offence 1410"
    assert offence_label("Typed by a person", lang=ENGLISH) == "Typed by a person"
