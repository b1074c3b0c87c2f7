"""Effekt: for a partnership municipality, whether burglaries fell more than in comparable
municipalities without a partnership (the synthetic control, its fit before the start and its
placebo interval), and which municipalities the comparison is made of; for every municipality
its burglaries against what its size and age structure predict."""

import streamlit as st

from models.effect import CAVEAT
from models.i18n import translate
from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.effect_view import donor_table, effect_section
from ui.expected_view import expected_demo, expected_section
from ui.i18n import _, active_language
from ui.page import any_municipality_picker, demo_notice, guarded


def render(actor: Actor) -> None:
    """The page body."""
    version = loaders.current_version()
    code, name = any_municipality_picker(version=version, actor=actor)
    effect = loaders.load_partnership_effect(version, code)
    lang = active_language()
    st.title(_("Effekt: {name}").format(name=name))
    demo_notice((effect is not None and effect.demo) or expected_demo(version), lang=lang)
    st.subheader(_("Virker partnerskabet?"))
    effect_section(version=version, code=code, name=name)
    if effect is not None and effect.result is not None and effect.result.donor_weights:
        st.subheader(_("Sammenligningsgruppen"))
        donor_table(effect)
    if effect is not None and effect.result is not None:
        st.caption(
            _(
                "Tallene er en {caveat}: andet, der ændrede sig i kommunen fra starten, indgår "
                "også."
            ).format(caveat=translate(lang, CAVEAT))
        )
    st.subheader(_("Forventet mod faktisk"))
    expected_section(version=version, code=code, name=name)


guard = require("effekt", title="Effekt")
guarded(lambda: render(guard.actor))
