"""Erhverv: business neighbour-watch (erhvervsnabohjælp) in the municipality: the groups of
businesses per business area, their events, the safety walks in their areas and the share of their
businesses with a security check. The business association (Erhvervsforening) and the project
leader edit; the police and the council read."""

from datetime import date

import streamlit as st

from models.permissions import Action, Target, allows
from ui import loaders
from ui.auth import Guarded, require
from ui.business_view import (
    event_form,
    events_table,
    group_form,
    groups_table,
    load_business_walks,
    load_events,
    load_groups,
    load_totals,
    share_section,
    walk_form,
    walks_table,
)
from ui.i18n import _, active_language
from ui.page import demo_notice, guarded, municipality_picker
from ui.text import DEMO_BUSINESS_BANNER


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    code, name, district = municipality_picker(actor, version)
    may_write = allows(actor, Action.EDIT_BUSINESS_GROUPS, Target(code, district))
    st.title(_("Erhverv: {name}").format(name=name))
    demo_notice(guard.settings.demo_mode, text=DEMO_BUSINESS_BANNER, lang=active_language())
    st.caption(
        _(
            "Erhvervsnabohjælp: virksomheder i samme erhvervsområde holder øje med hinanden. "
            "Erhvervsforeningen og projektlederen registrerer grupperne; politiet og byrådet læser."
        )
    )
    groups = load_groups(version, actor, code)
    st.subheader(_("Grupper"))
    groups_table(groups)
    if may_write:
        with st.expander(_("Opret eller ret en gruppe"), icon=":material/edit:"):
            group_form(actor, code, groups, today=today)
    share_section(load_totals(version, actor, code), groups, name=name, version=version)
    st.subheader(_("Aktiviteter"))
    events = load_events(version, actor, code)
    events_table(events)
    if may_write and not groups.empty:
        event_form(actor, groups, events, today=today)
    st.subheader(_("Tryghedsvandringer i erhvervsområderne"))
    linked = load_business_walks(version, actor, code)
    walks_table(linked)
    if may_write and not groups.empty:
        walk_form(actor, groups, loaders.load_walks(version, actor, code)[0], linked)
    if not may_write:
        st.caption(_("Erhvervsforeningen og projektlederen ændrer grupperne; du kan læse dem her."))


guard = require("erhverv", title="Erhverv")
guarded(lambda: render(guard))
