"""Min kommune: the municipality's three goals, what changed since the last meeting, the plan
items that need attention and the open follow-ups, on one screen, each linking to its page."""

from datetime import date

import streamlit as st

from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.home_view import attention_row, compact_top, demo_line, goal_cards
from ui.i18n import _
from ui.page import guarded, municipality_picker
from ui.public_view import may_publish, publish_form


def render(actor: Actor) -> None:
    """The page body."""
    version, today = loaders.current_version(), date.today()
    code, name, district = municipality_picker(actor, version)
    compact_top()
    st.title(_("Min kommune: {name}").format(name=name))
    notice = st.empty()  # the demo mark, once the cards know whether they show demo data
    demo = goal_cards(actor, version, code)
    attention_row(actor, version, code, today=today)
    demo_line(notice, demo=demo)
    if may_publish(actor, code, district):  # the project leader (and the administrator)
        publish_form(actor, code=code, name=name)


guard = require("min_kommune", title="Min kommune")
guarded(lambda: render(guard.actor))
