"""'Virker partnerskabet?': on the Effekt page the verdict's card beside the chart of the
comparison and the comparison group as a table, or one line saying why there is no estimate; on
the Kommune page one line with the verdict and a link to the Effekt page. In the session's
language (`ui.i18n`)."""

import pandas as pd
import streamlit as st

from dataio.store.comparison import PartnershipEffect
from models.effect import explanation_text
from models.effect_text import (
    donor_line,
    donor_rows,
    effect_heading,
    effect_method,
    estimate_line,
    fit_warning,
    no_partnership_line,
    no_start_line,
    placebo_line,
    short_verdict,
)
from models.formatting import fmt_int, fmt_period
from models.i18n import DANISH, N_, translate
from models.safe_text import for_markdown
from models.vocabulary import EFFECT_COLOURS, EFFECT_SHAPES
from ui import loaders
from ui.described import cached_chart
from ui.effect_charts import effect_chart
from ui.i18n import _, active_language, ngettext
from ui.page import PAGES

DEMO_CAPTION = N_("Eksempeldata: kvartalstallene er genererede og må ikke citeres.")


def effect_badge(status: str, *, lang: str) -> str:
    """The verdict as markdown, its shape in its colour and its words in `lang` (as
    `ui.text.effect_badge`, which is Danish)."""
    colour = EFFECT_COLOURS[status].hex
    words = effect_heading(status, lang=lang)
    return f':color[{EFFECT_SHAPES[status]}]{{foreground="{colour}"}} {words}'


def effect_card(effect: PartnershipEffect) -> None:
    """The verdict, the estimate with its interval, the placebo test, the comparison's makeup and
    the one sentence that says it is a comparison, not proof of cause."""
    result = effect.result
    if result is None:
        return
    lang = active_language()
    with st.container(border=True):
        since = _("Indbrud siden starten ({start})").format(
            start=fmt_period(result.start_period, lang=lang)
        )
        st.markdown(f"**{since}**")
        st.markdown(f"### {effect_badge(result.status, lang=lang)}")
        estimate = estimate_line(result, lang=lang)
        if estimate is not None:
            st.markdown(f"**{for_markdown(estimate)}**")
        st.markdown(for_markdown(explanation_text(result, lang=lang)))
        warning = fit_warning(result, lang=lang)
        if warning is not None:
            st.warning(for_markdown(warning), icon=":material/warning:")
        for line in (
            placebo_line(result, lang=lang),
            donor_line(result, effect.donor_names, lang=lang),
        ):
            if line is not None:
                st.caption(for_markdown(line))
        if effect.demo:
            st.caption(":orange[" + translate(lang, DEMO_CAPTION) + "]")


def chart_caption(effect: PartnershipEffect, *, lang: str = DANISH) -> str:
    """What the chart's band means, and whether the households are approximate."""
    households = (
        " " + translate(lang, "Husstandstallet er tilnærmet.")
        if effect.households_approximate
        else ""
    )
    fit = translate(lang, "Før starten viser kurverne, hvor godt sammenligningen passer.")
    if effect.result is None or effect.result.low is None:
        return f"{fit}{households}"
    band = translate(
        lang,
        "Båndet efter starten viser, hvor kommunens tal ville ligge uden nogen virkning, efter "
        "placebotesten; det gælder summen efter starten, ikke det enkelte kvartal.",
    )
    return f"{fit} {band}{households}"


def _no_estimate(problem: str) -> None:
    st.info(
        _("Intet skøn over partnerskabets virkning: {problem}").format(
            problem=for_markdown(problem)
        )
    )


def effect_section(*, version: int, code: int, name: str) -> None:
    """The section's body for one municipality (computed once per data version by the loader)."""
    lang = active_language()
    effect = loaders.load_partnership_effect(version, code)
    if effect is None:
        st.markdown(for_markdown(no_partnership_line(name, lang=lang)))
        return
    if effect.result is None:
        if effect.problem is not None:
            _no_estimate(effect.problem)
        else:
            st.markdown(for_markdown(no_start_line(name, lang=lang)))
        return
    card, chart = st.columns([1, 2])
    with card:
        effect_card(effect)
    with chart:
        cached_chart(
            lambda: effect_chart(effect, name=name, lang=lang),
            key="effect_chart",
            version=version,
            cache_key=code,
            lang=lang,
        )
        st.caption(for_markdown(chart_caption(effect, lang=lang)))
    with st.expander(_("Sådan laves sammenligningen")):
        st.markdown("\n".join(f"- {for_markdown(line)}" for line in effect_method(lang=lang)))


def donor_table(effect: PartnershipEffect) -> None:
    """The municipalities the comparison is made of, with their weights (largest first)."""
    if effect.result is None or not effect.result.donor_weights:
        return
    lang = active_language()
    rows = donor_rows(effect.result, effect.donor_names, lang=lang)
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="donor_table")
    count = ngettext(
        "{count} kommune uden partnerskab indgår i sammenligningen.",
        "{count} kommuner uden partnerskab indgår i sammenligningen.",
        len(rows),
    ).format(count=fmt_int(len(rows), lang=lang))
    st.caption(
        count
        + " "
        + _(
            "Vægtene er valgt, så gruppen fulgte kommunens indbrud bedst muligt før starten; de "
            "siger, hvad sammenligningen er lavet af, ikke hvilke kommuner der ligner mest."
        )
    )


def effect_summary(*, version: int, code: int, name: str) -> None:
    """The Kommune page's line: the verdict (or why there is none) and a link to the Effekt page,
    where the comparison, its fit before the start and the comparison group are shown."""
    lang = active_language()
    effect = loaders.load_partnership_effect(version, code)
    if effect is None:
        st.markdown(for_markdown(no_partnership_line(name, lang=lang)))
        return
    if effect.result is not None:
        st.markdown(
            f"{effect_badge(effect.result.status, lang=lang)}  \n"
            f"{for_markdown(short_verdict(effect.result, lang=lang))}"
        )
    elif effect.problem is not None:
        _no_estimate(effect.problem)
    else:
        st.markdown(for_markdown(no_start_line(name, lang=lang)))
    item = PAGES["effekt"]
    st.page_link(
        item.path,
        label=_("Se sammenligningen på siden Effekt"),
        icon=item.icon,
        query_params={"kommune": str(code)},
    )
