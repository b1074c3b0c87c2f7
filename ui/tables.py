"""Tables as people read them: Danish headings and formats (pure pandas, no Streamlit calls)."""

import json

import pandas as pd

from dataio.store.action_plans import COLUMN_LABELS
from models.formatting import fmt_datetime, fmt_int, fmt_percent
from models.permissions import ROLE_LABELS, Role

IGNORED_IN_DIFF = {
    "updated_at",
    "updated_by",
    "password_changed_at",
    "row_version",
    "changed_by",
    "changed_at",
}
FIELD_LABELS = {
    **COLUMN_LABELS,
    "baseline": "Udgangspunkt",
    "baseline_year": "Udgangsår",
    "target": "Målniveau",
    "target_reduction": "Reduktion",
    "target_year": "Målår",
    "target_year_is_default": "Standardmålår",
    "source_note": "Kilde",
    "role": "Rolle",
    "active": "Aktiv",
    "display_name": "Navn",
    "municipality_code": "Kommune",
    "police_district_number": "Politikreds",
    "follow_up": "Opfølgning",
    "items": "Aktiviteter",
}


def _values(value: object) -> dict[str, object]:
    """A stored JSON snapshot as a dict (a missing one, None or NaN in a frame, as empty)."""
    return json.loads(value) if isinstance(value, str) and value else {}


def changed_fields(before: object, after: object) -> tuple[str, str]:
    """Only what changed, as 'field: value' lines for the Før and Efter columns."""
    old, new = _values(before), _values(after)
    keys = [
        k
        for k in dict.fromkeys([*old, *new])
        if k not in IGNORED_IN_DIFF and old.get(k) != new.get(k)
    ]
    return (
        ", ".join(f"{FIELD_LABELS.get(k, k)}: {old[k]}" for k in keys if k in old),
        ", ".join(f"{FIELD_LABELS.get(k, k)}: {new[k]}" for k in keys if k in new),
    )


def audit_for_display(entries: pd.DataFrame) -> pd.DataFrame:
    """The audit log with Danish headings and times, and only the fields each change touched."""
    diffs = [changed_fields(b, a) for b, a in zip(entries["before"], entries["after"], strict=True)]
    return pd.DataFrame(
        {
            "Tidspunkt": [fmt_datetime(pd.Timestamp(t).to_pydatetime()) for t in entries["at"]],
            "Bruger": entries["username"],
            "Ændring": entries["summary"],
            "Før": [d[0] for d in diffs],
            "Efter": [d[1] for d in diffs],
        }
    )


def users_for_display(
    users: pd.DataFrame, *, municipality_names: dict[int, str], district_names: dict[int, str]
) -> pd.DataFrame:
    """Users with Danish role names and their scope spelled out."""
    scopes = []
    for row in users.itertuples():
        if pd.notna(row.municipality_code):
            scopes.append(
                municipality_names.get(int(row.municipality_code), str(row.municipality_code))
            )
        elif pd.notna(row.police_district_number):
            scopes.append(
                district_names.get(int(row.police_district_number), str(row.police_district_number))
            )
        else:
            scopes.append("hele landet")
    return pd.DataFrame(
        {
            "Brugernavn": users["username"],
            "Navn": users["display_name"],
            "Rolle": [ROLE_LABELS[Role(r)] for r in users["role"]],
            "Område": scopes,
            "Aktiv": ["ja" if a else "nej" for a in users["active"]],
            "Låst til": [
                "" if pd.isna(t) else fmt_datetime(pd.Timestamp(t).to_pydatetime())
                for t in users["locked_until"]
            ],
        }
    )


def goal_label(*, indicator: str, scope_name: str) -> str:
    """'Indbrud · Ishøj' and the like, for pickers."""
    names = {"burglaries": "Indbrud", "insecurity": "Utryghed", "helpers": "Nabohjælpere"}
    return f"{names.get(indicator, indicator)} · {scope_name}"


def goal_target_text(
    *, indicator: str, target: float | None, reduction: float | None, unit: str = "level"
) -> str:
    """What the target is, in words."""
    if indicator == "helpers" and target is not None:
        if unit == "increase":
            return f"{fmt_int(target)} nye nabohjælpere"
        if unit == "household_share":
            return f"{fmt_percent(target, digits=0)} af husstandene i Nabohjælp"
        return f"mindst {fmt_int(target)} nabohjælpere"
    if reduction is not None:
        return f"{fmt_percent(reduction, digits=0)} færre end udgangspunktet"
    if indicator == "insecurity" and target is not None:
        return f"højst {fmt_percent(target, digits=0)}"
    return "" if target is None else f"højst {target:,.0f}".replace(",", ".")


PLAN_ENTITIES = {"action_plan", "action_item", "safety_walk", "walk_observation"}


def plan_changes(entries: pd.DataFrame, *, municipality_code: int) -> pd.DataFrame:
    """The log entries about one municipality's plan, walks and follow-ups."""
    mask = (entries["municipality_code"] == municipality_code) & entries["entity"].isin(
        PLAN_ENTITIES
    )
    return entries[mask].reset_index(drop=True)
