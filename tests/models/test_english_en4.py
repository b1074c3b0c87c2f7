"""Danish and English of the pure functions that the Data, Nabohjælp and Tryghed pages show
(issue 18): Danish unchanged by default, English words, numbers and dates with `lang="en"`."""

from datetime import date

import pytest

from dataio.files.incidents import IncidentImportReport
from dataio.files.neighbour_help import HelperImportReport
from dataio.files.statistikbanken.importer import ImportReport
from dataio.files.statistikbanken.reader import DstRejected, Problem
from dataio.files.surveys import SurveyImportReport
from dataio.store.sources import source_label
from models.import_diff import quarter_diff, removal_confirmation, summary_columns, summary_rows
from models.neighbour_help import activity_kind_label
from models.survey_schedule import (
    local_measure_problem,
    local_measure_problem_message,
    parse_danish_dates,
    response_rate_text,
    schedule_problem,
    schedule_problem_message,
    status_word,
)

DIFF = quarter_diff(
    stored={183: {"2019K1": (2, False), "2020K1": (3, True), "2020K2": (4, True)}},
    file={183: {"2021K1": 1234}},
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "Svarprocent 42,0 % (1.234 af 2.938 inviterede)"),
        ("en", "Response rate 42.0 % (1,234 of 2,938 invited)"),
    ],
)
def test_response_rate_text(lang: str, expected: str) -> None:
    assert response_rate_text(1234, 2938, lang=lang) == expected


def test_response_rate_text_is_danish_by_default() -> None:
    assert response_rate_text(1, 2) == "Svarprocent 50,0 % (1 af 2 inviterede)"


@pytest.mark.parametrize(
    ("status", "danish", "english"),
    [
        ("planlagt", "Planlagt", "Planned"),
        ("i gang", "I gang", "Running"),
        ("afsluttet", "Afsluttet", "Closed"),
    ],
)
def test_status_word(status: str, danish: str, english: str) -> None:
    assert status_word(status) == danish == status.capitalize()
    assert status_word(status, lang="en") == english


def test_parse_danish_dates_refuses_in_the_language() -> None:
    with pytest.raises(ValueError, match=r"^«15.3» er ikke en dato som 15.03.2027$"):
        parse_danish_dates("15.3")
    with pytest.raises(ValueError, match=r"^«15.3» is not a date like 15.03.2027$"):
        parse_danish_dates("15.3", lang="en")
    with pytest.raises(ValueError, match=r"^«31.02.2027» is not a valid date$"):
        parse_danish_dates("31.02.2027", lang="en")


def test_schedule_problem_message_renders_in_both_languages() -> None:
    values = dict(
        year=2027,
        invitation=date(2027, 3, 1),
        reminders=(),
        close=date(2027, 3, 29),
        status="planlagt",
        invitations=1000,
        responses=1200,
    )
    problem = schedule_problem_message(**values)  # type: ignore[arg-type]
    assert problem is not None
    assert str(problem) == schedule_problem(**values)  # type: ignore[arg-type]
    assert str(problem) == "Der kan ikke være flere svar (1.200) end inviterede (1.000)"
    assert (
        problem.render("en") == "There cannot be more responses (1,200) than people invited (1,000)"
    )


def test_local_measure_problem_message() -> None:
    problem = local_measure_problem_message("Tryg?", ["Ja"], ["Ja"])
    assert problem is not None and str(problem) == local_measure_problem("Tryg?", ["Ja"], ["Ja"])
    assert problem.render("en") == "Enter at least two answer categories"


def test_import_diff_in_english() -> None:
    assert summary_columns() == [
        "Kommune",
        "Tilføjes",
        "Erstatter eksempeldata",
        "Ny værdi",
        "Uændret",
        "Fjernes: eksempeldata",
        "Fjernes: indlæst",
        "Bevares: indlæst",
    ]
    assert summary_columns(lang="en")[:3] == ["Municipality", "Added", "Replaces example data"]
    [danish] = summary_rows(DIFF, names={})
    [english] = summary_rows(DIFF, names={}, lang="en")
    assert danish["Kommune"] == "Ukendt (183)" and english["Municipality"] == "Unknown (183)"
    assert english["Removed: example data"] == "2 (2020K1–2020K2)"
    assert removal_confirmation(DIFF) == "Jeg har set, at 2 kvartaler fjernes"
    assert removal_confirmation(DIFF, lang="en") == "I have seen that 2 quarters will be removed"


def test_statistikbanken_report_in_english() -> None:
    report = ImportReport("STRAF11", 1, 1, 1, 1, "2021K1", 0, diff=DIFF)
    assert report.text(planned=True) == (
        "STRAF11: 1 rækker for 1 kommune (2021K1); 1 nye eller ændrede; 2 kvartaler eksempeldata "
        "uden for filen fjernes; 1 tidligere indlæst kvartal bevares"
    )
    assert report.text(planned=True, lang="en") == (
        "STRAF11: 1 rows for 1 municipality (2021K1); 1 new or changed; 2 quarters of example "
        "data outside the file will be removed; 1 quarter imported earlier will be kept"
    )


def test_statistikbanken_refusal_in_english() -> None:
    rejected = DstRejected([Problem(0, "", "", "Filen er tom")])
    assert str(rejected) == "Filen blev ikke indlæst: Filen er tom"
    assert rejected.headline(lang="en") == "The file was not imported: The file is empty"
    many = DstRejected([Problem(4, "TID", "x", "Filen er tom"), Problem(5, "", "", "y")])
    assert many.headline() == "Filen blev ikke indlæst: 2 fejl."
    assert many.headline(lang="en") == "The file was not imported: 2 errors."
    assert many.problems[0].text(lang="en") == "Line 4, column TID: «x» The file is empty"


def test_helper_and_survey_reports_in_english() -> None:
    helpers = HelperImportReport(1234, 1, 0, 1233, 2, date(2026, 11, 1), date(2026, 12, 1), 3)
    assert helpers.text() == (
        "Nabohjælpere: 1.234 rækker for 2 kommuner (1. nov. 2026 til 1. dec. 2026); 1 ny, "
        "0 ændrede, 1.233 uændrede; 3 rækker eksempeldata fjernet"
    )
    assert helpers.text(lang="en") == (
        "Neighbour helpers: 1,234 rows for 2 municipalities (1 Nov 2026 to 1 Dec 2026); 1 new, "
        "0 changed, 1,233 unchanged; 3 rows of example data removed"
    )
    surveys = SurveyImportReport(8, 2, 1, 1, 1, "2025", 1)
    assert surveys.text() == (
        "Tryghedsmålinger: 2 målinger (8 svarkategorier) for 1 kommune (2025); 1 ny, "
        "1 erstattet; 1 måling eksempeldata fjernet"
    )
    assert surveys.text(lang="en") == (
        "Safety surveys: 2 surveys (8 answer categories) for 1 municipality (2025); 1 new, "
        "1 replaced; 1 survey of example data removed"
    )
    incidents = IncidentImportReport(183, "Ishøj", 600, date(2026, 1, 2), date(2026, 1, 2), 1, 0)
    assert incidents.text() == (
        "Politiets hændelser for Ishøj: 600 hændelser (2. jan. 2026); 1 tidligere hændelse i "
        "perioden erstattet; 0 rækker eksempeldata fjernet"
    )
    assert incidents.text(lang="en") == (
        "Police incidents for Ishøj: 600 incidents (2 Jan 2026); 1 earlier incident in the "
        "period replaced; 0 rows of example data removed"
    )


@pytest.mark.parametrize(
    ("kind", "english"),
    [
        ("borgermøde", "public meeting"),
        ("mobil politistation", "mobile police station"),
        ("andet", "andet"),
    ],
)
def test_activity_kind_label(kind: str, english: str) -> None:
    assert activity_kind_label(kind) == kind
    assert activity_kind_label(kind, lang="en") == english


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Eksempeldata: tryghedsmålinger", "Example data: safety surveys"),
        ("Eksempeldata (botrygt demo)", "Example data (botrygt demo)"),
        ("Referencedata: landstal for utryghed", "Reference data: national figures for insecurity"),
        ("Min egen fil", "Min egen fil"),
        ("", ""),
    ],
)
def test_source_label(name: str, english: str) -> None:
    assert source_label(name) == name
    assert source_label(name, lang="en") == english
