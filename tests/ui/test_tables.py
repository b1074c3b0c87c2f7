"""Display tables: Danish headings, only what changed, missing values shown as blank."""

import json
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from ui.tables import audit_for_display, changed_fields, goal_target_text


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (None, json.dumps({"a": 1}), ("", "a: 1")),
        (np.nan, json.dumps({"a": 1}), ("", "a: 1")),  # a None in a DataFrame column arrives as NaN
        (json.dumps({"a": 1, "b": 2}), json.dumps({"a": 1, "b": 3}), ("b: 2", "b: 3")),
        (
            json.dumps({"status": "udskudt"}),
            json.dumps({"status": "færdig"}),
            ("Status: udskudt", "Status: færdig"),
        ),
        (
            json.dumps({"a": 1, "updated_at": "x"}),
            json.dumps({"a": 2, "updated_at": "y"}),
            ("a: 1", "a: 2"),
        ),
        (None, None, ("", "")),
    ],
)
def test_changed_fields(before: object, after: object, expected: tuple[str, str]) -> None:
    assert changed_fields(before, after) == expected


def test_audit_for_display() -> None:
    entries = pd.DataFrame(
        {
            "at": [datetime(2026, 11, 23, 16, 20, tzinfo=UTC)],
            "username": ["projektleder"],
            "summary": ["Mål for Ishøj (indbrud) ændret"],
            "before": [json.dumps({"target_year": 2030})],
            "after": [json.dumps({"target_year": 2029})],
        }
    )
    shown = audit_for_display(entries)
    assert shown.to_dict("records") == [
        {
            "Tidspunkt": "23. nov. 2026 kl. 17.20",
            "Bruger": "projektleder",
            "Ændring": "Mål for Ishøj (indbrud) ændret",
            "Før": "Målår: 2030",
            "Efter": "Målår: 2029",
        }
    ]


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
