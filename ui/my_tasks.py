"""Mine opgaver: the logged-in user's items as a table, a summary line and links to their plans."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.tasks.owners import my_items
from models.actionplan import CLOSED, value_label, warning_text
from models.formatting import fmt_date, fmt_int
from models.i18n import DANISH, translate, translate_plural, translator
from models.permissions import Actor
from models.vocabulary import OVERDUE_FLAG, STALE_FLAG
from ui import loaders
from ui.i18n import _
from ui.loaders import TTL_SECONDS

PLAN_PAGE = "pages/4_Handlingsplan.py"


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_my_items(version: int, viewer: Actor, today: date) -> pd.DataFrame:
    """The viewer's own items across the plans they may read, with the plan page's warnings."""
    return my_items(loaders.engine(), viewer=viewer, today=today)


def tasks_summary(items: pd.DataFrame, *, lang: str = DANISH) -> str:
    """'3 aktiviteter, heraf 2 åbne · 1 forsinket · 1 ikke rørt i 90 dage'."""
    open_items = int((~items["status"].isin(list(CLOSED))).sum())
    overdue = int(items["advarsel"].str.contains(OVERDUE_FLAG, regex=False).sum())
    stale = int(items["advarsel"].str.contains(STALE_FLAG, regex=False).sum())

    def counted(phrase: str, count: int) -> str:
        return phrase.format(count=fmt_int(count, lang=lang))

    return translate(
        lang, "{items}, heraf {open} · {overdue} · {stale} ikke rørt i 90 dage"
    ).format(
        items=counted(
            translate_plural(lang, "{count} aktivitet", "{count} aktiviteter", len(items)),
            len(items),
        ),
        open=counted(
            translate_plural(lang, "{count} åben", "{count} åbne", open_items), open_items
        ),
        overdue=counted(
            translate_plural(lang, "{count} forsinket", "{count} forsinkede", overdue), overdue
        ),
        stale=fmt_int(stale, lang=lang),
    )


def tasks_for_display(items: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """The table a person reads: headings, dates and words in `lang`, the warning first."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("Advarsel"): [warning_text(w, lang=lang) for w in items["advarsel"]],
            _("Aktivitet"): items["title"],
            _("Kommune"): items["municipality"],
            _("Status"): [value_label(s, lang=lang).capitalize() for s in items["status"]],
            _("Fremdrift"): [f"{fmt_int(p, lang=lang)} %" for p in items["progress"]],
            _("Frist"): [
                "" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date(), lang=lang)
                for d in items["due_date"]
            ],
        }
    )


def plan_links(items: pd.DataFrame) -> None:
    """One link per plan the items are in (the plan page opens on that municipality)."""
    plans = dict(zip(items["municipality_code"], items["municipality"], strict=True))
    for code, name in sorted(plans.items(), key=lambda p: p[1]):
        st.page_link(
            PLAN_PAGE,
            label=_("Åbn handlingsplanen for {name}").format(name=name),
            icon=":material/checklist:",
            query_params={"kommune": str(int(code))},
        )
