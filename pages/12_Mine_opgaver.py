"""Mine opgaver: the logged-in user's items across every plan they may read, with the plan's
warnings (■ Forsinket, ▲ Ikke rørt i 90 dage), due dates and a way to their plan."""

from datetime import date

import streamlit as st

from ui import flash, loaders
from ui.auth import Guarded, require
from ui.my_tasks import load_my_items, plan_links, tasks_for_display, tasks_summary
from ui.page import guarded

NOTHING = (
    "Du er ikke ansvarlig for nogen aktiviteter endnu. Projektlederen sætter ansvarlige for "
    "aktiviteterne på siden Handlingsplan."
)


def render(guard: Guarded) -> None:
    """The page body."""
    st.title("Mine opgaver")
    flash.show()
    items = load_my_items(loaders.current_version(), guard.actor, date.today())
    if items.empty:
        st.info(NOTHING)
        return
    st.caption(tasks_summary(items))
    st.dataframe(tasks_for_display(items), hide_index=True, key="my_items")
    plan_links(items)


guard = require("mine_opgaver", title="Mine opgaver")
guarded(lambda: render(guard))
