"""An audit row in Danish: field names, values and sentences (hand-written cases)."""

import json

import pytest

from models.change_text import (
    ACTION_NAMES,
    FIELD_NAMES,
    Names,
    action_name,
    change_lines,
    change_sentence,
    field_changes,
    field_name,
    person_name,
    summary_text,
    value_text,
)

NAMES = Names(
    municipalities={183: "Ishøj", 165: "Albertslund"},
    districts={10: "Københavns Vestegns Politi"},
    people={"projektleder": "Pia Projektleder"},
)


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("helpers", 1450, "1.450"),
        ("helpers", 12, "12"),
        ("sign_ups", 0, "0"),
        ("nabovenner", None, "–"),
        ("walk_date", "2026-12-02", "2. dec. 2026"),
        ("due_date", "2027-05-01", "1. maj 2027"),
        ("start_date", "", "–"),
        ("baseline_year", 2023, "2023"),
        ("target_year", 2030, "2030"),
        ("target_reduction", 0.25, "25 %"),
        ("target", 0.2, "20 %"),
        ("target", 1450.0, "1.450"),
        ("baseline", 312.5, "312,5"),
        ("progress", 40, "40 %"),
        ("active", True, "ja"),
        ("target_year_is_default", False, "nej"),
        ("status", "i gang", "I gang"),
        ("kind", "messe", "Messe"),
        ("track", "Spor 1", "Spor 1: Engagering af borgerne"),
        ("goal", "helpers", "Nabohjælpere"),
        ("indicator", "burglaries", "Indbrud"),
        ("scope_kind", "national", "hele landet"),
        ("target_unit", "household_share", "andel af husstandene"),
        ("role", "council", "Byråd"),
        ("role", "project_leader", "Projektleder"),
        ("municipality_code", 183, "Ishøj"),
        ("scope_code", 165, "Albertslund"),
        ("municipality_code", 999, "999"),
        ("police_district_number", 10, "Københavns Vestegns Politi"),
        ("title", "=HYPERLINK(x)", "=HYPERLINK(x)"),  # text stays as typed (escaped on export)
        ("place", "Bibliotek", "Bibliotek"),
        ("organisation", "fælles", "Fælles"),  # a plan item's owner
        ("organisation", "Ishøj Boldklub", "Ishøj Boldklub"),  # a stakeholder's, as typed
        ("tone", "constructive", "Konstruktiv"),
        ("published_on", "2026-11-20", "20. nov. 2026"),
    ],
)
def test_values_in_words_and_danish_numbers(field: str, value: object, text: str) -> None:
    assert value_text(field, value, NAMES) == text


def test_a_datetime_field_in_danish_time() -> None:
    assert value_text("changed_at", "2026-12-02 13:05:00+00:00") == "2. dec. 2026 kl. 14.05"


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("helpers", "Nabohjælpere"),
        ("walk_date", "Dato for vandringen"),
        ("kind", "Type"),
        ("place", "Sted"),
        ("due_date", "Frist"),
        ("unknown_field", "Unknown field"),  # never a crash; the test of the table keeps it full
    ],
)
def test_field_names(field: str, name: str) -> None:
    assert field_name(field) == name


def test_only_changed_fields_and_no_bookkeeping() -> None:
    before = json.dumps({"status": "i gang", "progress": 40, "title": "Møde", "row_version": 1})
    after = json.dumps({"status": "færdig", "progress": 100, "title": "Møde", "row_version": 2})
    assert change_lines(before, after) == (
        "Status: I gang\nFremdrift: 40 %",
        "Status: Færdig\nFremdrift: 100 %",
    )


def test_a_creation_has_only_after_and_a_deletion_only_before() -> None:
    created = json.dumps({"kind": "messe", "place": "Torvet", "sign_ups": 1450})
    assert change_lines(None, created) == ("", "Type: Messe\nSted: Torvet\nTilmeldte: 1.450")
    assert change_lines(created, None) == ("Type: Messe\nSted: Torvet\nTilmeldte: 1.450", "")
    assert field_changes(float("nan"), "") == []


def test_a_field_that_appears_counts_as_changed_even_when_none() -> None:
    assert field_changes(json.dumps({}), json.dumps({"nabovenner": None})) == [
        field_changes(None, json.dumps({"nabovenner": None}))[0]
    ]
    assert change_lines("{}", json.dumps({"nabovenner": None})) == ("", "Nabovenner: –")


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (
            "Nabohjælpere i Ishøj pr. 2026-12-02: 1450 (nabovenner: 120)",
            "Nabohjælpere i Ishøj pr. 2. dec. 2026: 1.450 (nabovenner: 120)",
        ),
        (
            "Tryghedsvandring i Vejleåparken (2026-12-02) registreret med 3 observationer",
            "Tryghedsvandring i Vejleåparken (2. dec. 2026) registreret med 3 observationer",
        ),
        ("Bruger admin oprettet (council)", "Bruger admin oprettet (byråd)"),
        ("Bruger pia har nu rollen project_leader", "Bruger pia har nu rollen projektleder"),
        ("Import af straf22-2026.csv: 12000 rækker", "Import af straf22-2026.csv: 12.000 rækker"),
        ("Mål for Ishøj ændret med målår 2030", "Mål for Ishøj ændret med målår 2030"),
    ],
)
def test_summaries_with_danish_dates_numbers_and_roles(summary: str, text: str) -> None:
    assert summary_text(summary) == text


def test_a_sentence_for_the_meeting_pack() -> None:
    sentence = change_sentence(
        action="action_item.update",
        summary="Aktivitet «Borgermøde» ændret",
        before=json.dumps({"status": "i gang", "due_date": "2026-12-01"}),
        after=json.dumps({"status": "færdig", "due_date": "2026-12-15"}),
    )
    assert sentence == (
        "Aktivitet «Borgermøde» ændret: status fra I gang til Færdig; "
        "frist fra 1. dec. 2026 til 15. dec. 2026."
    )
    created = change_sentence(
        action="action_item.create", summary="Aktivitet «X» tilføjet", before=None, after="{}"
    )
    assert created == "Aktivitet «X» tilføjet."
    assert change_sentence(action="goal.update", summary="", before=None, after=None) == (
        "Mål ændret."
    )


def test_people_and_kinds_of_change() -> None:
    assert person_name("projektleder", NAMES) == "Pia Projektleder"
    assert person_name("ukendt", NAMES) == "ukendt"
    assert person_name("botrygt demo") == "Eksempeldata (automatisk)"
    assert person_name("cli:root") == "Kommandolinjen (root)"
    assert action_name("helpers.count") == "Nabohjælpertal registreret"
    assert action_name("something.new") == "Ændring"


def test_every_name_is_danish_words() -> None:
    for text in [*FIELD_NAMES.values(), *ACTION_NAMES.values()]:
        assert "_" not in text and "." not in text and text[0].isupper(), text
