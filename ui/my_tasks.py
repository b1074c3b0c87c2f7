"""Mine opgaver: the logged-in user's items as a table, a summary line and links to their plans."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.tasks.owners import my_items
from models.actionplan import CLOSED
from models.formatting import fmt_count, fmt_date, fmt_int
from models.permissions import Actor
from models.vocabulary import OVERDUE_FLAG, STALE_FLAG
from ui import loaders
from ui.loaders import TTL_SECONDS

PLAN_PAGE = "pages/4_Handlingsplan.py"


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_my_items(version: int, viewer: Actor, today: date) -> pd.DataFrame:
    """The viewer's own items across the plans they may read, with the plan page's warnings."""
    return my_items(loaders.engine(), viewer=viewer, today=today)


def tasks_summary(items: pd.DataFrame) -> str:
    """'3 aktiviteter, heraf 2 åbne · 1 forsinket · 1 ikke rørt i 90 dage'."""
    open_items = int((~items["status"].isin(list(CLOSED))).sum())
    overdue = int(items["advarsel"].str.contains(OVERDUE_FLAG, regex=False).sum())
    stale = int(items["advarsel"].str.contains(STALE_FLAG, regex=False).sum())
    return (
        f"{fmt_count(len(items), one='aktivitet', many='aktiviteter')}, heraf "
        f"{fmt_count(open_items, one='åben', many='åbne')} · "
        f"{fmt_count(overdue, one='forsinket', many='forsinkede')} · "
        f"{fmt_int(stale)} ikke rørt i 90 dage"
    )


def tasks_for_display(items: pd.DataFrame) -> pd.DataFrame:
    """The table a person reads: Danish headings, dates in Danish, the warning first."""
    return pd.DataFrame(
        {
            "Advarsel": items["advarsel"],
            "Aktivitet": items["title"],
            "Kommune": items["municipality"],
            "Status": items["status"].str.capitalize(),
            "Fremdrift": [f"{fmt_int(p)} %" for p in items["progress"]],
            "Frist": [
                "" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date())
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
            label=f"Åbn handlingsplanen for {name}",
            icon=":material/checklist:",
            query_params={"kommune": str(int(code))},
        )
