"""Mine opgaver: the logged-in user's items across every plan they may read, with the plan's
warnings (■ Forsinket, ▲ Ikke rørt i 90 dage), due dates and a way to their plan."""

from datetime import date

import streamlit as st

from ui import flash, loaders
from ui.auth import Guarded, require
from ui.check_in_view import check_in_form, history
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
    version = loaders.current_version()
    items = load_my_items(version, guard.actor, date.today())
    if items.empty:
        st.info(NOTHING)
        return
    st.caption(tasks_summary(items))
    st.dataframe(tasks_for_display(items), hide_index=True, key="my_items")
    plan_links(items)
    st.subheader("Giv en statusopdatering")
    flash.show("my_items")
    rows = {int(r["id"]): r for _, r in items.iterrows()}
    chosen = st.selectbox(
        "Aktivitet", list(rows), format_func=lambda i: rows[i]["title"], key="my_item"
    )
    check_in_form(rows[int(chosen)], actor=guard.actor, area="my_items")
    history(int(chosen), viewer=guard.actor, version=version)


guard = require("mine_opgaver", title="Mine opgaver")
guarded(lambda: render(guard))
