"""Kommunikation (track 3): the press log with the share of constructive coverage per quarter, the
register of stakeholders ("aktører") and the plan items that name them as partners."""

from datetime import date

import streamlit as st

from models.permissions import Action, Target, allows
from ui import flash, loaders
from ui.auth import Guarded, require
from ui.communication_view import (
    edit_press_form,
    edit_stakeholder_form,
    load_partners,
    load_press,
    load_quarters,
    load_stakeholders,
    new_press_form,
    new_stakeholder_form,
    partners_form,
    partners_table,
    press_table,
    stakeholder_table,
    tone_section,
)
from ui.i18n import _
from ui.page import guarded, municipality_picker


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    code, name, district = municipality_picker(actor, version)
    target = Target(code, district)
    may_log = allows(actor, Action.EDIT_PRESS_LOG, target)
    may_register = allows(actor, Action.EDIT_STAKEHOLDERS, target)
    st.title(_("Kommunikation: {name}").format(name=name))
    st.caption(
        _(
            "Spor 3 i Bo trygt: mål på omfanget af konstruktiv presse i de lokale medier, og hold "
            "styr på de aktører, der er relevante for hvilke aktiviteter."
        )
    )
    log = load_press(version, actor, code)
    tone_section(load_quarters(version, actor, code), version=version)
    flash.show("press")
    press_table(log)
    items = loaders.load_plan(version, actor, code, today)[0] if (may_log or may_register) else None
    if may_log and items is not None:
        with st.expander(_("Ny presseomtale"), icon=":material/add:"):
            new_press_form(actor, code, items, today=today)
        with st.expander(_("Ret eller slet en omtale"), icon=":material/edit:"):
            edit_press_form(actor, log, items, today=today)
    else:
        st.caption(_("Projektlederen og politiet registrerer presseomtale; du kan læse den her."))
    register = load_stakeholders(version, actor, code)
    partners = load_partners(version, actor, code)
    flash.show("stakeholders")
    stakeholder_table(register, partners)
    if may_register and items is not None:
        with st.expander(_("Ny aktør"), icon=":material/add:"):
            new_stakeholder_form(actor, code)
        with st.expander(_("Ret eller slet en aktør"), icon=":material/edit:"):
            edit_stakeholder_form(actor, register)
    else:
        st.caption(_("Projektlederen fører listen over aktører; du kan læse den her."))
    st.subheader(_("Partnere i handlingsplanen"))
    flash.show("partners")
    partners_table(partners)
    if may_register and items is not None:
        with st.expander(_("Vælg partnere for en aktivitet"), icon=":material/handshake:"):
            partners_form(actor, items, register, partners)


guard = require("kommunikation", title="Kommunikation")
guarded(lambda: render(guard))
