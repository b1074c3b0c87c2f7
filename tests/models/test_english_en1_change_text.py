"""The change log's words in English (models.change_text with lang="en"): field names, values,
numbers and dates the English way, the kind of change, and the stored Danish summary quoted as
logged; Danish stays the default (hand-written cases)."""

import json

import pytest

from models.actionplan import GOAL_LABELS, TRACK_LABELS, ItemStatus, Organisation
from models.business import EventKind
from models.change_text import (
    _MARKED_ELSEWHERE,
    ACTION_NAMES,
    FIELD_NAMES,
    Names,
    action_name,
    change_lines,
    change_sentence,
    change_text,
    field_name,
    person_name,
    value_text,
)
from models.communication import TONE_LABELS
from models.domain import INDICATOR_LABELS
from models.i18n import ENGLISH, translate
from models.neighbour_help import ActivityKind
from models.survey_schedule import ScheduleStatus
from tests.danish_left import danish_left_in

EN = ENGLISH
NAMES = Names(
    municipalities={183: "Ishøj"},
    districts={10: "Københavns Vestegns Politi"},
    people={"projektleder": "Pia Projektleder"},
)


@pytest.mark.parametrize(
    ("field", "value", "danish", "english"),
    [
        ("helpers", 1450, "1.450", "1,450"),
        ("helpers", 12, "12", "12"),
        ("nabovenner", None, "–", "–"),
        ("walk_date", "2026-12-02", "2. dec. 2026", "2 Dec 2026"),
        ("due_date", "2027-05-01", "1. maj 2027", "1 May 2027"),
        ("target_year", 2030, "2030", "2030"),
        ("target_reduction", 0.25, "25 %", "25 %"),
        ("target", 0.105, "11 %", "11 %"),
        ("target", 1234.5, "1.234,5", "1,234.5"),
        ("progress", 60, "60 %", "60 %"),
        ("active", True, "ja", "yes"),
        ("active", False, "nej", "no"),
        ("track", "Spor 1", "Spor 1: Engagering af borgerne", "Track 1: Engaging the citizens"),
        ("goal", "burglaries", "Indbrud", "Burglaries"),
        ("indicator", "insecurity", "Utryghed", "Insecurity"),
        ("scope_kind", "national", "hele landet", "all of Denmark"),
        ("target_unit", "household_share", "andel af husstandene", "share of households"),
        ("role", "project_leader", "Projektleder", "Project leader"),
        ("role", "council", "Byråd", "Council"),
        ("override_status", "on_track", "● På rette vej", "● On track"),
        ("tone", "constructive", "Konstruktiv", "Constructive"),
        ("status", "i gang", "I gang", "In progress"),
        ("status", "færdig", "Færdig", "Done"),
        ("kind", "messe", "Messe", "Fair"),
        ("kind", "mobil politistation", "Mobil politistation", "Mobile police station"),
        ("organisation", "fælles", "Fælles", "Joint"),
        ("organisation", "Ishøj Boldklub", "Ishøj Boldklub", "Ishøj Boldklub"),  # typed
        ("municipality_code", 183, "Ishøj", "Ishøj"),
        ("language", "en", "English", "English"),
        (
            "reminder_dates",
            "2027-01-04,2027-01-18",
            "4. jan. 2027, 18. jan. 2027",
            "4 Jan 2027, 18 Jan 2027",
        ),
    ],
)
def test_value_text_in_both_languages(field: str, value: object, danish: str, english: str) -> None:
    assert value_text(field, value, NAMES) == danish
    assert value_text(field, value, NAMES, lang=EN) == english


def test_a_datetime_in_english() -> None:
    shown = value_text("updated_at", "2026-12-02T10:30:00", lang=EN)
    assert "2 Dec 2026" in shown and "kl." not in shown


@pytest.mark.parametrize(
    ("field", "danish", "english"),
    [
        ("walk_date", "Dato for vandringen", "Date of the walk"),
        ("helpers", "Nabohjælpere", "Neighbour helpers"),
        ("due_date", "Frist", "Due"),
        ("some_new_field", "Some new field", "Some new field"),
    ],
)
def test_field_names(field: str, danish: str, english: str) -> None:
    assert field_name(field) == danish
    assert field_name(field, lang=EN) == english


def test_every_field_and_action_has_an_english_name() -> None:
    for field in FIELD_NAMES:
        assert field_name(field, lang=EN) != "" and not danish_left_in(field_name(field, lang=EN))
    for action in ACTION_NAMES:
        english = action_name(action, lang=EN)
        assert english != ACTION_NAMES[action] and not danish_left_in(english), action
    assert action_name("x.unknown") == "Ændring" and action_name("x.unknown", lang=EN) == "Change"


def test_the_words_of_other_modules_are_marked_here() -> None:
    """Every stored code the log shows as a word is marked for translation in change_text."""
    words = {
        *TRACK_LABELS.values(),
        *GOAL_LABELS.values(),
        *(w.capitalize() for w in INDICATOR_LABELS.values()),
        *TONE_LABELS.values(),
        *(s.value for s in ItemStatus),
        *(s.value for s in ScheduleStatus),
        *(k.value for k in ActivityKind),
        *(k.value for k in EventKind),
        *(o.value for o in Organisation),
        "åben",
        "lukket",
    }
    assert words <= set(_MARKED_ELSEWHERE) | {"Nabohjælpere", "neutral"}
    for word in words - {"neutral"}:
        assert translate(EN, word) != word, word


def test_people() -> None:
    assert person_name("projektleder", NAMES, lang=EN) == "Pia Projektleder"
    assert person_name("botrygt demo") == "Eksempeldata (automatisk)"
    assert person_name("botrygt demo", lang=EN) == "Example data (automatic)"
    assert person_name("cli:root") == "Kommandolinjen (root)"
    assert person_name("cli:root", lang=EN) == "Command line (root)"
    assert person_name("someone", lang=EN) == "someone"


def test_change_lines_in_english() -> None:
    before = json.dumps({"status": "udskudt", "due_date": "2026-12-02", "progress": 40})
    after = json.dumps({"status": "færdig", "due_date": "2027-01-15", "progress": 100})
    assert change_lines(before, after, sep="; ", lang=EN) == (
        "Status: Postponed; Due: 2 Dec 2026; Progress: 40 %",
        "Status: Done; Due: 15 Jan 2027; Progress: 100 %",
    )
    assert change_lines(None, json.dumps({"helpers": 1450}), lang=EN) == (
        "",
        "Neighbour helpers: 1,450",
    )


def test_change_text_quotes_the_stored_summary_in_english() -> None:
    summary = "Nabohjælpere i Ishøj pr. 2026-12-02: 1450"
    assert change_text("helpers.count", summary) == "Nabohjælpere i Ishøj pr. 2. dec. 2026: 1.450"
    assert change_text("helpers.count", summary, lang=EN) == (
        "Neighbour-helper count recorded (as logged in Danish: "
        "«Nabohjælpere i Ishøj pr. 2. dec. 2026: 1.450»)"
    )
    assert change_text("goal.update", "") == "Mål ændret"
    assert change_text("goal.update", "", lang=EN) == "Goal changed"


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("da", "Mål ændret: målår fra 2030 til 2029; målniveau fra 1.200 til 1.000."),
        ("en", "Goal changed: target year from 2030 to 2029; target level from 1,200 to 1,000."),
    ],
)
def test_change_sentence(lang: str, sentence: str) -> None:
    before = {"target_year": 2030, "target": 1200}
    after = {"target_year": 2029, "target": 1000}
    assert (
        change_sentence(action="goal.update", summary="", before=before, after=after, lang=lang)
        == sentence
    )


def test_change_sentence_removed_field_and_check_in_in_english() -> None:
    sentence = change_sentence(
        action="goal.update", summary="", before={"notes": "x"}, after={"baseline": 1}, lang=EN
    )
    assert sentence == "Goal changed: notes (x) removed."
    check_in = change_sentence(
        action="action_item.check_in",
        summary="Statusopdatering af «Tryghedsvandring»: uændret",
        before=None,
        after=None,
        lang=EN,
    )
    assert check_in == (
        "Status update (as logged in Danish: «Statusopdatering af «Tryghedsvandring»: uændret»)"
    )
