"""Mine opgaver: the logged-in user's items across every plan they may read, with the plan's
warnings (■ Forsinket, ▲ Ikke rørt i 90 dage), due dates and a way to their plan."""

from datetime import date

import streamlit as st

from models.i18n import N_
from ui import flash, loaders
from ui.auth import Guarded, require
from ui.check_in_view import check_in_form, history
from ui.i18n import _, active_language
from ui.my_tasks import load_my_items, plan_links, tasks_for_display, tasks_summary
from ui.page import guarded

NOTHING = N_(
    "Du er ikke ansvarlig for nogen aktiviteter endnu. Projektlederen sætter ansvarlige for "
    "aktiviteterne på siden Handlingsplan."
)


def render(guard: Guarded) -> None:
    """The page body."""
    lang = active_language()
    st.title(_("Mine opgaver"))
    flash.show()
    version = loaders.current_version()
    items = load_my_items(version, guard.actor, date.today())
    if items.empty:
        st.info(_(NOTHING))
        return
    st.caption(tasks_summary(items, lang=lang))
    st.dataframe(tasks_for_display(items, lang=lang), hide_index=True, key="my_items")
    plan_links(items)
    st.subheader(_("Giv en statusopdatering"))
    flash.show("my_items")
    rows = {int(r["id"]): r for _i, r in items.iterrows()}
    chosen = st.selectbox(
        _("Aktivitet"), list(rows), format_func=lambda i: rows[i]["title"], key="my_item"
    )
    check_in_form(rows[int(chosen)], actor=guard.actor, area="my_items")
    history(int(chosen), viewer=guard.actor, version=version)


guard = require("mine_opgaver", title="Mine opgaver")
guarded(lambda: render(guard))
