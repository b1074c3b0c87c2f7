"""Tables as people read them: headings and formats in the reader's language, Danish by default
(pure pandas, no Streamlit calls). Every builder takes a keyword `lang` (the page passes
`ui.i18n.active_language()`); its headings are marked Danish msgids."""

from datetime import date

import pandas as pd

from dataio.db.audit import AuditFilter, AuditPage
from models.change_text import (
    NO_NAMES,
    PLAN_ENTITIES,
    Names,
    change_lines,
    change_text,
    person_name,
)
from models.formatting import (
    danish_midnight,
    fmt_count,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_percent,
)
from models.i18n import DANISH, N_, translate, translate_plural, translator
from models.permissions import ROLE_LABELS, Role
from models.safe_text import for_markdown

# the change log's columns (Danish msgids, shown in the language)
AUDIT_COLUMNS = (N_("Tidspunkt"), N_("Person"), N_("Ændring"), N_("Før"), N_("Efter"))


def changed_fields(
    before: object, after: object, names: Names = NO_NAMES, *, lang: str = DANISH
) -> tuple[str, str]:
    """Only what changed, as 'Felt: værdi' parts (names and values in the language) for Før and
    Efter."""
    return change_lines(before, after, names, sep="; ", lang=lang)


def markdown_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame for st.table, which renders every cell and heading as markdown: each is escaped
    so that it shows as typed (a date "2. dec." is no list item, a typed link no link)."""
    return frame.rename(columns=for_markdown).map(lambda v: "" if v is None else for_markdown(v))


def _person(row: object, names: Names, lang: str = DANISH) -> str:
    display = getattr(row, "display_name", None)
    username = str(getattr(row, "username", ""))
    if isinstance(display, str) and display:
        return display
    return person_name(username, names, lang=lang)


def audit_for_display(
    entries: pd.DataFrame, *, names: Names = NO_NAMES, lang: str = DANISH
) -> pd.DataFrame:
    """The audit log in words: time, person's name, the change and only the fields it touched,
    before and after (Danish by default; in `lang` the headings, field names, values, numbers
    and dates, while a stored summary is quoted as logged, see models.change_text.change_text)."""
    rows = list(entries.itertuples())
    diffs = [change_lines(r.before, r.after, names, sep="; ", lang=lang) for r in rows]
    columns = [translate(lang, c) for c in AUDIT_COLUMNS]
    values = [
        [fmt_datetime(pd.Timestamp(r.at).to_pydatetime(), lang=lang) for r in rows],
        [_person(r, names, lang) for r in rows],
        [_change(r, lang) for r in rows],
        [d[0] for d in diffs],
        [d[1] for d in diffs],
    ]
    return pd.DataFrame(dict(zip(columns, values, strict=True)), columns=columns)


def _change(row: object, lang: str = DANISH) -> str:
    """The stored summary in Danish words; the kind of change where there is none."""
    summary = getattr(row, "summary", "")
    action = str(getattr(row, "action", ""))
    return change_text(action, summary if isinstance(summary, str) else "", lang=lang)


def users_for_display(
    users: pd.DataFrame,
    *,
    municipality_names: dict[int, str],
    district_names: dict[int, str],
    lang: str = DANISH,
) -> pd.DataFrame:
    """Users with role names in the language and their scope spelled out."""
    _ = translator(lang)
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
            scopes.append(_("hele landet"))
    return pd.DataFrame(
        {
            _("Brugernavn"): users["username"],
            _("Navn"): users["display_name"],
            _("Rolle"): [_(ROLE_LABELS[Role(r)]) for r in users["role"]],
            _("Område"): scopes,
            _("E-mail"): [e if isinstance(e, str) else "" for e in users["email"]],
            _("Aktiv"): [_("ja") if a else _("nej") for a in users["active"]],
            _("Låst til"): [
                "" if pd.isna(t) else fmt_datetime(pd.Timestamp(t).to_pydatetime(), lang=lang)
                for t in users["locked_until"]
            ],
        }
    )


def partnerships_for_display(
    partnerships: pd.DataFrame, *, names: dict[int, str], lang: str = DANISH
) -> pd.DataFrame:
    """The partnership municipalities in the order of `names` (the database's): code, the start as stored ('2019-10' as announced,
    a full date when the administrator set it) and its first day as the language writes it."""
    _ = translator(lang)
    municipality, code, since_column, first = (
        _("Kommune"),
        _("Kode"),
        _("Partnerskab siden"),
        _("Første dag"),
    )
    rows = []
    for row in partnerships.itertuples():
        since = row.partner_since if isinstance(row.partner_since, str) else None
        start = pd.to_datetime(row.start_date) if since else None
        rows.append(
            {
                municipality: names.get(int(row.code), str(row.code)),
                code: f"{int(row.code):03d}",
                since_column: since or _("ukendt"),
                first: "–"
                if start is None or pd.isna(start)
                else fmt_date(start.date(), lang=lang),
            }
        )
    frame = pd.DataFrame(rows, columns=[municipality, code, since_column, first])
    order = {name: position for position, name in enumerate(names.values())}  # as `names` lists
    return frame.sort_values(municipality, key=lambda c: c.map(order)).reset_index(drop=True)


def goal_label(*, indicator: str, scope_name: str, lang: str = DANISH) -> str:
    """'Indbrud · Ishøj' and the like, for pickers."""
    names = {
        "burglaries": N_("Indbrud"),
        "insecurity": N_("Utryghed"),
        "helpers": N_("Nabohjælpere"),
    }
    word = translate(lang, names[indicator]) if indicator in names else indicator
    return f"{word} · {scope_name}"


def goal_target_text(
    *,
    indicator: str,
    target: float | None,
    reduction: float | None,
    unit: str = "level",
    lang: str = DANISH,
) -> str:
    """What the target is, in words."""
    _ = translator(lang)
    if indicator == "helpers" and target is not None:
        if unit == "increase":
            return _("{count} nye nabohjælpere").format(count=fmt_int(target, lang=lang))
        if unit == "household_share":
            return _("{share} af husstandene i Nabohjælp").format(
                share=fmt_percent(target, digits=0, lang=lang)
            )
        return _("mindst {count} nabohjælpere").format(count=fmt_int(target, lang=lang))
    if reduction is not None:
        return _("{share} færre end udgangspunktet").format(
            share=fmt_percent(reduction, digits=0, lang=lang)
        )
    if indicator == "insecurity" and target is not None:
        return _("højst {share}").format(share=fmt_percent(target, digits=0, lang=lang))
    if target is None:
        return ""
    return _("højst {count}").format(count=fmt_int(target, lang=lang))


def plan_filter(code: int, since: date) -> AuditFilter:
    """The log entries about one municipality's plan, walks and follow-ups since a day (in SQL)."""
    return AuditFilter(since=danish_midnight(since), municipality_code=code, entities=PLAN_ENTITIES)


def changes_caption(changes: AuditPage, *, since: date, lang: str = DANISH) -> str:
    """'12 ændringer i planen og opfølgningerne siden 2. nov. 2026.', and how many are shown."""
    _ = translator(lang)
    text = _("{changes} i planen og opfølgningerne siden {day}.").format(
        changes=fmt_count(
            changes.total,
            one=translate_plural(lang, "ændring", "ændringer", 1),
            many=translate_plural(lang, "ændring", "ændringer", 2),
            lang=lang,
        ),
        day=fmt_date(since, lang=lang),
    )
    if changes.total > len(changes.rows):
        text += " " + _("De {count} nyeste vises her; alle står i Ændringslog.").format(
            count=fmt_int(len(changes.rows), lang=lang)
        )
    return text
