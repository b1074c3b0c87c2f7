"""Display tables: Danish headings, only what changed, missing values shown as blank."""

import json
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from models.change_text import Names
from ui.tables import audit_for_display, changed_fields, goal_target_text, markdown_cells


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, json.dumps({"helpers": 1450}), ("", "Nabohjælpere: 1.450")),
        (np.nan, json.dumps({"sign_ups": 1}), ("", "Tilmeldte: 1")),  # None in a frame is NaN
        (
            json.dumps({"kind": "messe", "place": "Torvet"}),
            json.dumps({"kind": "messe", "place": "Biblioteket"}),
            ("Sted: Torvet", "Sted: Biblioteket"),
        ),
        (
            json.dumps({"status": "udskudt", "due_date": "2026-12-02"}),
            json.dumps({"status": "færdig", "due_date": "2027-01-15"}),
            ("Status: Udskudt; Frist: 2. dec. 2026", "Status: Færdig; Frist: 15. jan. 2027"),
        ),
        (
            json.dumps({"target_year": 2030, "updated_at": "x"}),
            json.dumps({"target_year": 2029, "updated_at": "y"}),
            ("Målår: 2030", "Målår: 2029"),
        ),
        (None, None, ("", "")),
    ],
)
def test_changed_fields(before: object, after: object, expected: tuple[str, str]) -> None:
    assert changed_fields(before, after) == expected


def test_audit_for_display() -> None:
    entries = pd.DataFrame(
        {
            "at": [datetime(2026, 11, 23, 16, 20, tzinfo=UTC)] * 3,
            "username": ["projektleder", "ukendt", "admin"],
            "display_name": ["Pia Projektleder", None, None],
            "action": ["goal.update", "walk_observation.update", "helpers.count"],
            "summary": [
                "Mål for Ishøj (indbrud) ændret",
                "",
                "Nabohjælpere i Ishøj pr. 2026-12-02: 1450",
            ],
            "before": [json.dumps({"target_year": 2030}), None, None],
            "after": [json.dumps({"target_year": 2029}), None, json.dumps({"helpers": 1450})],
        }
    )
    shown = audit_for_display(entries, names=Names({}, {}, {"admin": "Anne Admin"}))
    assert shown.to_dict("records") == [
        {
            "Tidspunkt": "23. nov. 2026 kl. 17.20",
            "Person": "Pia Projektleder",
            "Ændring": "Mål for Ishøj (indbrud) ændret",
            "Før": "Målår: 2030",
            "Efter": "Målår: 2029",
        },
        {
            "Tidspunkt": "23. nov. 2026 kl. 17.20",
            "Person": "ukendt",
            "Ændring": "Opfølgning ændret",
            "Før": "",
            "Efter": "",
        },
        {
            "Tidspunkt": "23. nov. 2026 kl. 17.20",
            "Person": "Anne Admin",
            "Ændring": "Nabohjælpere i Ishøj pr. 2. dec. 2026: 1.450",
            "Før": "",
            "Efter": "Nabohjælpere: 1.450",
        },
    ]
    assert list(audit_for_display(entries.iloc[:0]).columns) == list(shown.columns)


@pytest.mark.parametrize(
    ("indicator", "target", "reduction", "expected"),
    [
        ("burglaries", 10000.0, None, "højst 10.000"),
        ("burglaries", None, 0.66, "66 % færre end udgangspunktet"),
        ("insecurity", 0.1, None, "højst 10 %"),
    ],
)
def test_goal_target_text(
    indicator: str, target: float | None, reduction: float | None, expected: str
) -> None:
    assert goal_target_text(indicator=indicator, target=target, reduction=reduction) == expected


@pytest.mark.parametrize(
    ("unit", "target", "expected"),
    [
        ("increase", 1275.0, "1.275 nye nabohjælpere"),
        ("household_share", 0.6, "60 % af husstandene i Nabohjælp"),
        ("level", 3000.0, "mindst 3.000 nabohjælpere"),
    ],
)
def test_goal_target_text_for_helpers(unit: str, target: float, expected: str) -> None:
    assert (
        goal_target_text(indicator="helpers", target=target, reduction=None, unit=unit) == expected
    )


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("2. dec. 2026 kl. 22.08", "2\\. dec. 2026 kl. 22.08"),  # not an ordered list item
        ("Mål for Ishøj (indbrud) ændret", "Mål for Ishøj (indbrud) ændret"),
        ("![x](https://e.example/i.png)", "!\\[x\\](https\\://e.example/i.png)"),
        ("**fed**", "\\*\\*fed\\*\\*"),
        ("", ""),
    ],
)
def test_markdown_cells_show_every_cell_as_typed(cell: str, shown: str) -> None:
    frame = markdown_cells(pd.DataFrame({"Før": [cell], "*Efter*": [None]}))
    assert frame.iloc[0, 0] == shown
    assert frame.iloc[0, 1] == ""
    assert list(frame.columns) == ["Før", "\\*Efter\\*"]
