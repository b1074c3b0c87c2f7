"""Tables as people read them: Danish headings and formats (pure pandas, no Streamlit calls)."""

from datetime import date

import pandas as pd

from dataio.db.audit import AuditFilter, AuditPage
from models.change_text import (
    NO_NAMES,
    PLAN_ENTITIES,
    Names,
    action_name,
    change_lines,
    person_name,
    summary_text,
)
from models.formatting import (
    danish_midnight,
    fmt_count,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_percent,
)
from models.permissions import ROLE_LABELS, Role
from models.safe_text import for_markdown


def changed_fields(before: object, after: object, names: Names = NO_NAMES) -> tuple[str, str]:
    """Only what changed, as 'Felt: værdi' parts (Danish names and values) for Før and Efter."""
    return change_lines(before, after, names, sep="; ")


def markdown_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame for st.table, which renders every cell and heading as markdown: each is escaped
    so that it shows as typed (a date "2. dec." is no list item, a typed link no link)."""
    return frame.rename(columns=for_markdown).map(lambda v: "" if v is None else for_markdown(v))


def _person(row: object, names: Names) -> str:
    display = getattr(row, "display_name", None)
    username = str(getattr(row, "username", ""))
    return str(display) if isinstance(display, str) and display else person_name(username, names)


def audit_for_display(entries: pd.DataFrame, *, names: Names = NO_NAMES) -> pd.DataFrame:
    """The audit log in Danish: time, person's name, the change in words and only the fields it
    touched, before and after."""
    rows = list(entries.itertuples())
    diffs = [change_lines(r.before, r.after, names, sep="; ") for r in rows]
    return pd.DataFrame(
        {
            "Tidspunkt": [fmt_datetime(pd.Timestamp(r.at).to_pydatetime()) for r in rows],
            "Person": [_person(r, names) for r in rows],
            "Ændring": [_change(r) for r in rows],
            "Før": [d[0] for d in diffs],
            "Efter": [d[1] for d in diffs],
        },
        columns=["Tidspunkt", "Person", "Ændring", "Før", "Efter"],
    )


def _change(row: object) -> str:
    """The stored summary in Danish words; the kind of change where there is none."""
    summary = getattr(row, "summary", "")
    if isinstance(summary, str) and summary:
        return summary_text(summary)
    action = getattr(row, "action", "")
    return action_name(str(action))


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
            "E-mail": [e if isinstance(e, str) else "" for e in users["email"]],
            "Aktiv": ["ja" if a else "nej" for a in users["active"]],
            "Låst til": [
                "" if pd.isna(t) else fmt_datetime(pd.Timestamp(t).to_pydatetime())
                for t in users["locked_until"]
            ],
        }
    )


def partnerships_for_display(partnerships: pd.DataFrame, *, names: dict[int, str]) -> pd.DataFrame:
    """The partnership municipalities in the order of `names` (the database's): code, the start as stored ('2019-10' as announced,
    a full date when the administrator set it) and its first day as Danes write it."""
    rows = []
    for row in partnerships.itertuples():
        since = row.partner_since if isinstance(row.partner_since, str) else None
        start = pd.to_datetime(row.start_date) if since else None
        rows.append(
            {
                "Kommune": names.get(int(row.code), str(row.code)),
                "Kode": f"{int(row.code):03d}",
                "Partnerskab siden": since or "ukendt",
                "Første dag": "–" if start is None or pd.isna(start) else fmt_date(start.date()),
            }
        )
    frame = pd.DataFrame(rows, columns=["Kommune", "Kode", "Partnerskab siden", "Første dag"])
    order = {name: position for position, name in enumerate(names.values())}  # as `names` lists
    return frame.sort_values("Kommune", key=lambda c: c.map(order)).reset_index(drop=True)


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


def plan_filter(code: int, since: date) -> AuditFilter:
    """The log entries about one municipality's plan, walks and follow-ups since a day (in SQL)."""
    return AuditFilter(since=danish_midnight(since), municipality_code=code, entities=PLAN_ENTITIES)


def changes_caption(changes: AuditPage, *, since: date) -> str:
    """'12 ændringer i planen og opfølgningerne siden 2. nov. 2026.', and how many are shown."""
    text = (
        f"{fmt_count(changes.total, one='ændring', many='ændringer')} i planen og "
        f"opfølgningerne siden {fmt_date(since)}."
    )
    if changes.total > len(changes.rows):
        text += f" De {fmt_int(len(changes.rows))} nyeste vises her; alle står i Ændringslog."
    return text
