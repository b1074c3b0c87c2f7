"""From st.data_editor's state to the saves dataio understands (pure: no Streamlit calls)."""

from typing import Any

import pandas as pd

from dataio.store.action_plans import ItemEdit


def _plain(value: Any) -> Any:
    """Editor values as plain Python (numpy numbers, NaN and NaT become int/float/None)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def edits_from_editor(state: dict[str, Any], shown: pd.DataFrame) -> list[ItemEdit]:
    """Map edited, added and deleted rows (by position in `shown`) to item ids and loaded versions."""
    edits = []
    for position, changes in state.get("edited_rows", {}).items():
        row = shown.iloc[int(position)]
        values = {k: _plain(v) for k, v in changes.items()}
        edits.append(
            ItemEdit(
                id=int(row["id"]),
                loaded_version=int(row["row_version"]),
                values=values,
                label=str(row["title"]),
            )
        )
    for added in state.get("added_rows", []):
        values = {k: _plain(v) for k, v in added.items() if _plain(v) is not None}
        edits.append(
            ItemEdit(
                id=None,
                loaded_version=None,
                values=values,
                label=str(values.get("title", "ny aktivitet")),
            )
        )
    for position in state.get("deleted_rows", []):
        row = shown.iloc[int(position)]
        edits.append(
            ItemEdit(
                id=int(row["id"]),
                loaded_version=int(row["row_version"]),
                values=None,
                label=str(row["title"]),
            )
        )
    return edits


def filter_items(
    items: pd.DataFrame,
    *,
    tracks: list[str],
    statuses: list[str],
    owners: list[str],
    organisations: list[str],
) -> pd.DataFrame:
    """The rows matching every non-empty filter, in plan order, index reset for the editor."""
    mask = pd.Series(True, index=items.index)
    for column, chosen in (
        ("track", tracks),
        ("status", statuses),
        ("owner_name", owners),
        ("organisation", organisations),
    ):
        if chosen:
            mask &= items[column].isin(chosen)
    return items[mask].reset_index(drop=True)


FILTER_COLUMNS = ("track", "status", "owner_name", "organisation")


def filter_options(items: pd.DataFrame) -> dict[str, list[str]]:
    """The choices of each filter: the values present in the plan, sorted, blanks left out."""
    return {
        column: sorted({str(v) for v in items[column] if isinstance(v, str) and v.strip()})
        for column in FILTER_COLUMNS
    }
