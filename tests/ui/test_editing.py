"""Editor state to saves: positions in the filtered table map to the right ids and versions."""

import numpy as np
import pandas as pd

from ui.editing import edits_from_editor, filter_items, filter_options

SHOWN = pd.DataFrame(
    {
        "id": [7, 9, 12],
        "row_version": [1, 3, 2],
        "title": ["A", "B", "C"],
        "track": ["Spor 1", "Spor 2", "Spor 1"],
        "status": ["i gang"] * 3,
        "owner_name": ["x", "y", "x"],
        "organisation": ["kommune", "politi", "fælles"],
    }
)


def test_edited_added_and_deleted_rows() -> None:
    state = {
        "edited_rows": {"1": {"status": "færdig", "progress": np.int64(100)}},
        "added_rows": [{"title": "Ny", "track": "Spor 3", "notes": np.nan}],
        "deleted_rows": [2],
    }
    edits = edits_from_editor(state, SHOWN)
    assert [(e.id, e.loaded_version, e.values, e.label) for e in edits] == [
        (9, 3, {"status": "færdig", "progress": 100}, "B"),
        (None, None, {"title": "Ny", "track": "Spor 3"}, "Ny"),
        (12, 2, None, "C"),
    ]
    assert type(edits[0].values["progress"]) is int  # type: ignore[index]


def test_cleared_cell_becomes_none() -> None:
    [edit] = edits_from_editor(
        {"edited_rows": {0: {"due_date": None, "owner_name": pd.NaT}}}, SHOWN
    )
    assert edit.values == {"due_date": None, "owner_name": None}


def test_filter_positions_follow_the_filtered_table() -> None:
    shown = filter_items(SHOWN, tracks=["Spor 1"], statuses=[], owners=[], organisations=[])
    assert list(shown["id"]) == [7, 12]
    [edit] = edits_from_editor({"edited_rows": {1: {"progress": 50}}}, shown)
    assert edit.id == 12  # position 1 of the filtered table, not of the whole plan


def test_filter_options_are_the_values_present_sorted_without_blanks() -> None:
    items = SHOWN.assign(owner_name=["y", "", "x"])
    assert filter_options(items) == {
        "track": ["Spor 1", "Spor 2"],
        "status": ["i gang"],
        "owner_name": ["x", "y"],
        "organisation": ["fælles", "kommune", "politi"],
    }
