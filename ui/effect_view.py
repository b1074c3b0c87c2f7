"""The Kommune page's "Virker partnerskabet?": the verdict's card beside the chart of the
comparison, or one line saying why there is no estimate."""

import streamlit as st

from dataio.store.comparison import PartnershipEffect
from models.effect_text import (
    EFFECT_METHOD,
    donor_line,
    estimate_line,
    fit_warning,
    no_partnership_line,
    no_start_line,
    placebo_line,
)
from models.formatting import fmt_period
from models.safe_text import for_markdown
from ui import loaders
from ui.described import cached_chart
from ui.effect_charts import effect_chart
from ui.text import effect_badge

DEMO_CAPTION = ":orange[Eksempeldata: kvartalstallene er genererede og må ikke citeres.]"


def effect_card(effect: PartnershipEffect) -> None:
    """The verdict, the estimate with its interval, the placebo test, the comparison's makeup and
    the one sentence that says it is a comparison, not proof of cause."""
    result = effect.result
    if result is None:
        return
    with st.container(border=True):
        st.markdown(f"**Indbrud siden starten ({fmt_period(result.start_period)})**")
        st.markdown(f"### {effect_badge(result.status)}")
        estimate = estimate_line(result)
        if estimate is not None:
            st.markdown(f"**{for_markdown(estimate)}**")
        st.markdown(for_markdown(result.explanation))
        warning = fit_warning(result)
        if warning is not None:
            st.warning(for_markdown(warning), icon=":material/warning:")
        for line in (placebo_line(result), donor_line(result, effect.donor_names)):
            if line is not None:
                st.caption(for_markdown(line))
        if effect.demo:
            st.caption(DEMO_CAPTION)


def effect_section(*, version: int, code: int, name: str) -> None:
    """The section's body for one municipality (computed once per data version by the loader)."""
    effect = loaders.load_partnership_effect(version, code)
    if effect is None:
        st.markdown(for_markdown(no_partnership_line(name)))
        return
    if effect.result is None:
        if effect.problem is not None:
            st.info(f"Intet skøn over partnerskabets virkning: {for_markdown(effect.problem)}")
        else:
            st.markdown(for_markdown(no_start_line(name)))
        return
    card, chart = st.columns([1, 2])
    with card:
        effect_card(effect)
    with chart:
        cached_chart(
            lambda: effect_chart(effect, name=name),
            key="effect_chart",
            version=version,
            cache_key=code,
        )
    with st.expander("Sådan laves sammenligningen"):
        st.markdown("\n".join(f"- {for_markdown(line)}" for line in EFFECT_METHOD))
