"""Møder: the partnership's meetings, each with its agenda (drafted from the status), decisions
(which can put items in the plan with an owner and a due date), minutes and the pack's snapshot id."""

from datetime import date

import streamlit as st

from models.permissions import Action, Target, allows
from ui import flash, loaders
from ui.auth import Guarded, require
from ui.i18n import _, active_language
from ui.meeting_view import (
    change_form,
    decision_form,
    edit_form,
    load_draft_agenda,
    load_meeting,
    load_meetings,
    load_owners,
    meeting_list,
    meeting_view,
    new_meeting_form,
    pack_button,
)
from ui.page import demo_notice, guarded, municipality_picker


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    code, name, district = municipality_picker(actor, version)
    may_write = allows(actor, Action.EDIT_MEETINGS, Target(code, district))
    lang = active_language()
    st.title(_("Møder: {name}").format(name=name))
    demo_notice(guard.settings.demo_mode, lang=lang)
    flash.show("meetings")
    if may_write:
        with st.expander(_("Nyt møde"), icon=":material/add:"):
            new_meeting_form(
                actor,
                code,
                agenda=load_draft_agenda(
                    version, actor, code, today, guard.settings.hotspot_min_count, lang
                ),
                today=today,
            )
    else:
        st.caption(_("Projektlederen registrerer møder og beslutninger; du kan læse dem her."))
    chosen = meeting_list(load_meetings(version, actor, code))
    if chosen is None:
        return
    detail = load_meeting(version, actor, chosen)
    flash.show("meeting")
    meeting_view(detail, demo=guard.settings.demo_mode)
    if may_write:
        pack_button(actor, detail, today=today)
        owners = load_owners(version, actor, code)
        decision_form(actor, detail, owners)
        change_form(actor, detail, owners, loaders.load_plan(version, actor, code, today)[0])
        edit_form(actor, detail)


guard = require("moeder", title="Møder")
guarded(lambda: render(guard))
