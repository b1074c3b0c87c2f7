"""Display tables in English (ui.tables with lang="en"): headings, field names, values, numbers
and dates the English way; Danish stays the default (hand-written cases)."""

import json
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from dataio.db.audit import AuditPage
from models.change_text import Names
from ui.tables import (
    audit_for_display,
    changed_fields,
    changes_caption,
    goal_label,
    goal_target_text,
    partnerships_for_display,
    users_for_display,
)

EN = "en"
AT = datetime(2026, 11, 23, 16, 20, tzinfo=UTC)


def test_audit_for_display_in_english() -> None:
    entries = pd.DataFrame(
        {
            "at": [AT, AT, AT],
            "username": ["projektleder", "botrygt demo", "admin"],
            "display_name": ["Pia Projektleder", None, None],
            "action": ["goal.update", "walk_observation.update", "helpers.count"],
            "summary": ["Mål for Ishøj (indbrud) ændret", "", "Nabohjælpere i Ishøj pr. 2026-12-02: 1450"],
            "before": [json.dumps({"target_year": 2030, "target": 12000}), None, None],
            "after": [json.dumps({"target_year": 2029, "target": 10000}), None, json.dumps({"helpers": 1450})],
        }
    )  # fmt: skip
    shown = audit_for_display(entries, names=Names({}, {}, {"admin": "Anne Admin"}), lang=EN)
    assert list(shown.columns) == ["Time", "Person", "Change", "Before", "After"]
    records = shown.to_dict("records")
    assert records[0]["Time"].startswith("23 Nov 2026")
    assert records[0] == records[0] | {
        "Person": "Pia Projektleder",
        "Change": "Goal changed (as logged in Danish: «Mål for Ishøj (indbrud) ændret»)",
        "Before": "Target year: 2030; Target level: 12,000",
        "After": "Target year: 2029; Target level: 10,000",
    }
    assert records[1]["Person"] == "Example data (automatic)"
    assert records[1]["Change"] == "Follow-up changed"
    assert records[2]["Person"] == "Anne Admin"
    assert records[2]["After"] == "Neighbour helpers: 1,450"
    # Danish by default, as before
    danish = audit_for_display(entries, names=Names({}, {}, {"admin": "Anne Admin"}))
    assert list(danish.columns) == ["Tidspunkt", "Person", "Ændring", "Før", "Efter"]
    assert danish["Efter"][2] == "Nabohjælpere: 1.450"
    assert list(audit_for_display(entries.iloc[:0], lang=EN).columns) == list(shown.columns)


def test_changed_fields_in_english() -> None:
    before = json.dumps({"status": "udskudt", "due_date": "2026-12-02"})
    after = json.dumps({"status": "færdig", "due_date": "2027-01-15"})
    assert changed_fields(before, after, lang=EN) == (
        "Status: Postponed; Due: 2 Dec 2026",
        "Status: Done; Due: 15 Jan 2027",
    )


@pytest.mark.parametrize(
    ("indicator", "target", "reduction", "unit", "danish", "english"),
    [
        ("burglaries", 10000.0, None, "level", "højst 10.000", "at most 10,000"),
        (
            "burglaries",
            None,
            0.66,
            "level",
            "66 % færre end udgangspunktet",
            "66 % fewer than the baseline",
        ),
        ("insecurity", 0.1, None, "level", "højst 10 %", "at most 10 %"),
        (
            "helpers",
            1500.0,
            None,
            "level",
            "mindst 1.500 nabohjælpere",
            "at least 1,500 neighbour helpers",
        ),
        ("helpers", 300.0, None, "increase", "300 nye nabohjælpere", "300 new neighbour helpers"),
        (
            "helpers",
            0.05,
            None,
            "household_share",
            "5 % af husstandene i Nabohjælp",
            "5 % of households in Neighbour help",
        ),
        ("burglaries", None, None, "level", "", ""),
    ],
)
def test_goal_target_text_in_both_languages(
    indicator: str,
    target: float | None,
    reduction: float | None,
    unit: str,
    danish: str,
    english: str,
) -> None:
    args = {"indicator": indicator, "target": target, "reduction": reduction, "unit": unit}
    assert goal_target_text(**args) == danish  # type: ignore[arg-type]
    assert goal_target_text(**args, lang=EN) == english  # type: ignore[arg-type]


def test_goal_label() -> None:
    assert goal_label(indicator="burglaries", scope_name="Ishøj") == "Indbrud · Ishøj"
    assert goal_label(indicator="burglaries", scope_name="Ishøj", lang=EN) == "Burglaries · Ishøj"
    assert (
        goal_label(indicator="helpers", scope_name="Ishøj", lang=EN) == "Neighbour helpers · Ishøj"
    )
    assert goal_label(indicator="other", scope_name="Ishøj", lang=EN) == "other · Ishøj"


def test_users_for_display_in_english() -> None:
    users = pd.DataFrame(
        {
            "username": ["pia", "root"],
            "display_name": ["Pia", "Root"],
            "role": ["project_leader", "admin"],
            "municipality_code": [183, None],
            "police_district_number": [None, None],
            "email": ["pia@example.org", None],
            "active": [True, False],
            "locked_until": [pd.NaT, pd.Timestamp(AT)],
        }
    )
    shown = users_for_display(users, municipality_names={183: "Ishøj"}, district_names={}, lang=EN)
    assert list(shown.columns) == [
        "Username", "Name", "Role", "Area", "E-mail", "Active", "Locked until",
    ]  # fmt: skip
    assert list(shown["Role"]) == ["project leader", "administrator"]
    assert list(shown["Area"]) == ["Ishøj", "all of Denmark"]
    assert list(shown["Active"]) == ["yes", "no"]
    assert shown["Locked until"][1].startswith("23 Nov 2026")
    danish = users_for_display(users, municipality_names={183: "Ishøj"}, district_names={})
    assert list(danish["Område"]) == ["Ishøj", "hele landet"] and list(danish["Aktiv"]) == [
        "ja",
        "nej",
    ]


def test_partnerships_for_display_in_english() -> None:
    partnerships = pd.DataFrame(
        {
            "code": [183, 165],
            "partner_since": ["2019-10", None],
            "start_date": [date(2019, 10, 1), None],
        }
    )
    names = {165: "Albertslund", 183: "Ishøj"}
    shown = partnerships_for_display(partnerships, names=names, lang=EN)
    assert shown.to_dict("records") == [
        {"Municipality": "Albertslund", "Code": "165", "Partnership since": "unknown", "First day": "–"},
        {"Municipality": "Ishøj", "Code": "183", "Partnership since": "2019-10", "First day": "1 Oct 2019"},
    ]  # fmt: skip
    danish = partnerships_for_display(partnerships, names=names)
    assert list(danish.columns) == ["Kommune", "Kode", "Partnerskab siden", "Første dag"]
    assert danish["Første dag"][1] == "1. okt. 2019"


@pytest.mark.parametrize(
    ("total", "shown", "danish", "english"),
    [
        (1, 1, "1 ændring i planen og opfølgningerne siden 2. nov. 2026.",
         "1 change in the plan and the follow-ups since 2 Nov 2026."),
        (1234, 200, "1.234 ændringer i planen og opfølgningerne siden 2. nov. 2026. De 200 nyeste "
         "vises her; alle står i Ændringslog.",
         "1,234 changes in the plan and the follow-ups since 2 Nov 2026. The 200 newest are shown "
         "here; all are in the Change log."),
    ],
)  # fmt: skip
def test_changes_caption(total: int, shown: int, danish: str, english: str) -> None:
    page = AuditPage(rows=pd.DataFrame({"x": range(shown)}), total=total, page=1, pages=1)
    since = date(2026, 11, 2)
    assert changes_caption(page, since=since) == danish
    assert changes_caption(page, since=since, lang=EN) == english
