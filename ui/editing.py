"""From st.data_editor's state to the saves dataio understands (pure: no Streamlit calls)."""

from datetime import date, datetime
from typing import Any

import pandas as pd

from dataio.store.action_plans import EDITABLE, ItemEdit

DATE_COLUMNS = ("start_date", "due_date")


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


def _same(before: Any, after: Any) -> bool:
    """Whether a cell is unchanged: blanks are alike (None, NaN, ""), dates by day, numbers by value."""
    before, after = _plain(before), _plain(after)
    if before in (None, "") and after in (None, ""):
        return True
    if isinstance(before, datetime):
        before = before.date()
    if isinstance(after, datetime):
        after = after.date()
    if isinstance(before, date) and isinstance(after, str):
        return before.isoformat() == after[:10]
    if isinstance(before, int | float) and isinstance(after, int | float):
        return float(before) == float(after)
    return bool(before == after)


def apply_editor_state(frame: pd.DataFrame, state: dict[str, Any]) -> pd.DataFrame:
    """The rows as the editor shows them after its edits (edited cells; deleted rows gone; added
    rows at the end, without an id): what a person sees, to carry over to a fresh editor."""
    out = frame.copy().astype(object)
    for position, changes in state.get("edited_rows", {}).items():
        label = out.index[int(position)]
        for column, value in changes.items():
            if column in DATE_COLUMNS and isinstance(value, str) and value:
                value = date.fromisoformat(value[:10])  # the editor's state holds ISO text
            out.at[label, column] = _plain(value)
    out = out.drop(index=[out.index[int(p)] for p in state.get("deleted_rows", [])])
    added = [
        {k: _plain(v) for k, v in row.items() if k in out.columns}
        for row in state.get("added_rows", [])
    ]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=out.columns)], ignore_index=True)
    return out.reset_index(drop=True)


def edits_between(base: pd.DataFrame, current: pd.DataFrame) -> list[ItemEdit]:
    """The saves that turn `base` (the rows as loaded, with ids and versions) into `current`
    (the rows as the person left them): changed cells by id, new rows, and rows removed."""
    loaded = {int(r["id"]): r for _, r in base.iterrows()}
    edits, seen = [], set()
    for _, row in current.iterrows():
        if _plain(row.get("id")) is None:
            values = {
                k: _plain(row[k]) for k in EDITABLE if k in row and _plain(row[k]) not in (None, "")
            }
            if values:
                label = str(values.get("title", "ny aktivitet"))
                edits.append(ItemEdit(id=None, loaded_version=None, values=values, label=label))
            continue
        item_id = int(row["id"])
        seen.add(item_id)
        before = loaded.get(item_id)
        if before is None:
            continue  # not a row of this table (another filter's): nothing of ours to save
        changes = {
            k: _plain(row[k])
            for k in EDITABLE
            if k in row and k in before and not _same(before[k], row[k])
        }
        if changes:
            edits.append(
                ItemEdit(
                    id=item_id,
                    loaded_version=int(before["row_version"]),
                    values=changes,
                    label=str(before["title"]),
                )
            )
    for item_id, before in loaded.items():
        if item_id not in seen:
            edits.append(
                ItemEdit(
                    id=item_id,
                    loaded_version=int(before["row_version"]),
                    values=None,
                    label=str(before["title"]),
                )
            )
    return edits


def same_rows(base: pd.DataFrame, shown: pd.DataFrame) -> bool:
    """Whether two loads of the table hold the same rows at the same versions (nothing to redraw)."""
    return list(zip(base["id"], base["row_version"], strict=True)) == list(
        zip(shown["id"], shown["row_version"], strict=True)
    )


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
