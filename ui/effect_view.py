"""'Virker partnerskabet?': on the Effekt page the verdict's card beside the chart of the
comparison and the comparison group as a table, or one line saying why there is no estimate; on
the Kommune page one line with the verdict and a link to the Effekt page."""

import pandas as pd
import streamlit as st

from dataio.store.comparison import PartnershipEffect
from models.effect_text import (
    EFFECT_METHOD,
    donor_line,
    donor_rows,
    estimate_line,
    fit_warning,
    no_partnership_line,
    no_start_line,
    placebo_line,
    short_verdict,
)
from models.formatting import fmt_count, fmt_period
from models.safe_text import for_markdown
from ui import loaders
from ui.described import cached_chart
from ui.effect_charts import effect_chart
from ui.page import PAGES
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


def chart_caption(effect: PartnershipEffect) -> str:
    """What the chart's band means, and whether the households are approximate."""
    households = " Husstandstallet er tilnærmet." if effect.households_approximate else ""
    if effect.result is None or effect.result.low is None:
        return f"Før starten viser kurverne, hvor godt sammenligningen passer.{households}"
    return (
        "Før starten viser kurverne, hvor godt sammenligningen passer. Båndet efter starten viser, "
        "hvor kommunens tal ville ligge uden nogen virkning, efter placebotesten; det gælder "
        f"summen efter starten, ikke det enkelte kvartal.{households}"
    )


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
        st.caption(for_markdown(chart_caption(effect)))
    with st.expander("Sådan laves sammenligningen"):
        st.markdown("\n".join(f"- {for_markdown(line)}" for line in EFFECT_METHOD))


def donor_table(effect: PartnershipEffect) -> None:
    """The municipalities the comparison is made of, with their weights (largest first)."""
    if effect.result is None or not effect.result.donor_weights:
        return
    rows = donor_rows(effect.result, effect.donor_names)
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="donor_table")
    st.caption(
        f"{fmt_count(len(rows), one='kommune', many='kommuner')} uden partnerskab indgår i "
        "sammenligningen. Vægtene er valgt, så gruppen fulgte kommunens indbrud bedst muligt før "
        "starten; de siger, hvad sammenligningen er lavet af, ikke hvilke kommuner der ligner "
        "mest."
    )


def effect_summary(*, version: int, code: int, name: str) -> None:
    """The Kommune page's line: the verdict (or why there is none) and a link to the Effekt page,
    where the comparison, its fit before the start and the comparison group are shown."""
    effect = loaders.load_partnership_effect(version, code)
    if effect is None:
        st.markdown(for_markdown(no_partnership_line(name)))
        return
    if effect.result is not None:
        st.markdown(
            f"{effect_badge(effect.result.status)}  \n{for_markdown(short_verdict(effect.result))}"
        )
    elif effect.problem is not None:
        st.info(f"Intet skøn over partnerskabets virkning: {for_markdown(effect.problem)}")
    else:
        st.markdown(for_markdown(no_start_line(name)))
    item = PAGES["effekt"]
    st.page_link(
        item.path,
        label="Se sammenligningen på siden Effekt",
        icon=item.icon,
        query_params={"kommune": str(code)},
    )
