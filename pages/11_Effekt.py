"""Effekt: for a partnership municipality, whether burglaries fell more than in comparable
municipalities without a partnership (the synthetic control, its fit before the start and its
placebo interval), and which municipalities the comparison is made of; for every municipality
its burglaries against what its size and age structure predict."""

import streamlit as st

from models.effect import CAVEAT
from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.effect_view import donor_table, effect_section
from ui.expected_view import expected_demo, expected_section
from ui.page import any_municipality_picker, demo_notice, guarded


def render(actor: Actor) -> None:
    """The page body."""
    version = loaders.current_version()
    code, name = any_municipality_picker(version=version, actor=actor)
    effect = loaders.load_partnership_effect(version, code)
    st.title(f"Effekt: {name}")
    demo_notice((effect is not None and effect.demo) or expected_demo(version))
    st.subheader("Virker partnerskabet?")
    effect_section(version=version, code=code, name=name)
    if effect is not None and effect.result is not None and effect.result.donor_weights:
        st.subheader("Sammenligningsgruppen")
        donor_table(effect)
    if effect is not None and effect.result is not None:
        st.caption(
            f"Tallene er en {CAVEAT}: andet, der ændrede sig i kommunen fra starten, indgår også."
        )
    st.subheader("Forventet mod faktisk")
    expected_section(version=version, code=code, name=name)


guard = require("effekt", title="Effekt")
guarded(lambda: render(guard.actor))
