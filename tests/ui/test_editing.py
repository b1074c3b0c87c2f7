"""Editor state to saves: positions in the filtered table map to the right ids and versions."""

from datetime import date

import numpy as np
import pandas as pd

from ui.editing import (
    apply_editor_state,
    edits_between,
    edits_from_editor,
    filter_items,
    filter_options,
    same_rows,
)

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


PLAN = SHOWN.assign(
    due_date=[date(2026, 3, 1), None, date(2026, 5, 1)],
    progress=[10, 0, 50],
    notes=["", "", "n"],
)


def test_the_editor_state_applied_gives_what_the_person_sees() -> None:
    state = {
        "edited_rows": {"0": {"owner_name": "Ole", "due_date": "2026-04-01T00:00:00"}},
        "added_rows": [{"title": "Ny", "track": "Spor 3"}],
        "deleted_rows": [1],
    }
    seen = apply_editor_state(PLAN, state)
    assert list(seen["title"]) == ["A", "C", "Ny"]
    assert (seen.at[0, "owner_name"], seen.at[0, "due_date"]) == ("Ole", date(2026, 4, 1))
    assert seen.at[2, "id"] is None or pd.isna(seen.at[2, "id"])
    assert list(PLAN["owner_name"]) == ["x", "y", "x"]  # the loaded rows are not touched


def test_edits_between_the_loaded_rows_and_what_is_seen() -> None:
    state = {
        "edited_rows": {
            "0": {"owner_name": "Ole", "due_date": "2026-03-01"},  # the date is unchanged
            "2": {"progress": np.int64(80), "notes": "n"},
        },
        "added_rows": [{"title": "Ny", "track": "Spor 3", "notes": None}],
        "deleted_rows": [1],
    }
    edits = edits_between(PLAN, apply_editor_state(PLAN, state))
    assert [(e.id, e.loaded_version, e.values, e.label) for e in edits] == [
        (7, 1, {"owner_name": "Ole"}, "A"),
        (12, 2, {"progress": 80}, "C"),
        (None, None, {"title": "Ny", "track": "Spor 3"}, "Ny"),
        (9, 3, None, "B"),
    ]


def test_edits_survive_a_second_editor_over_the_first_ones_rows() -> None:
    # back from another page: a fresh editor over the rows as left, edited again, saved once
    first = apply_editor_state(PLAN, {"edited_rows": {"1": {"status": "færdig"}}})
    second = apply_editor_state(first, {"edited_rows": {"1": {"owner_name": "Per"}}})
    [edit] = edits_between(PLAN, second)
    assert (edit.id, edit.loaded_version, edit.values) == (
        9,
        3,
        {"owner_name": "Per", "status": "færdig"},
    )


def test_nothing_edited_is_nothing_to_save_and_the_same_rows() -> None:
    assert edits_between(PLAN, apply_editor_state(PLAN, {})) == []
    assert same_rows(PLAN, PLAN.copy())
    assert not same_rows(PLAN, PLAN.assign(row_version=[1, 4, 2]))
