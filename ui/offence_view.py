"""'Er vi mere belastet end andre?' on the Kommune page: each other imported offence (STRAF11 codes
beside residential burglary, e.g. 1310 business burglary) per 1.000 households per year for the
municipality, its ten peers and the nation, as a chart with a Danish caption; no goal (none is set
for these offences)."""

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from dataio.offences.store import OffenceComparison, offence_comparison, stored_offences
from models.formatting import fmt_date
from models.i18n import DANISH, N_, translator
from models.offences import burden_sentence, offence_label
from models.safe_text import for_markdown
from models.vocabulary import BREAK_GREY, DEMO_LABEL, PALE_BLUE, SERIES_BLUE
from ui.described import cached_chart
from ui.figures import danish_layout
from ui.i18n import active_language
from ui.loaders import TTL_SECONDS, engine

HEADING = N_("Er vi mere belastet end andre?")
DEMO_CAPTION = N_(
    ":orange[Eksempeldata: tallene for andre overtrædelser er genererede og må ikke citeres.]"
)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_offence_comparisons(version: int, code: int) -> list[OffenceComparison]:
    """Every stored other offence of the municipality against the nation and its peers."""
    found = [
        offence_comparison(engine(), code=code, offence=o)
        for o in sorted(stored_offences(engine()))
    ]
    return [c for c in found if c is not None]


def offence_chart(comparison: OffenceComparison, *, lang: str = DANISH) -> go.Figure:
    """Rate per 1.000 households per complete year: the municipality, its peers, the nation."""
    _ = translator(lang)
    rates = comparison.rates
    figure = go.Figure()
    for column, name, colour, dash in (
        ("municipality", comparison.name, SERIES_BLUE.hex, "solid"),
        ("peers", _("Sammenlignelige kommuner"), PALE_BLUE.hex, "dash"),
        ("national", _("Hele landet"), BREAK_GREY.hex, "dot"),
    ):
        figure.add_scatter(
            x=rates["year"],
            y=rates[column],
            name=name,
            mode="lines+markers",
            line={"color": colour, "dash": dash},
            hovertemplate=f"{name}: %{{y:,.2f}}<extra></extra>",
        )
    # whole years on the axis (not 2.021,5): one tick a year, every second on a long series
    figure.update_xaxes(tickformat="d", dtick=1 if len(rates) <= 12 else 2)
    figure.update_yaxes(rangemode="tozero")  # rates compared from zero, not from the lowest
    label = offence_label(comparison.label, lang=lang)
    title = _("{offence} pr. 1.000 husstande").format(offence=label) + (
        _(" (husstande tilnærmet)") if comparison.households_approximate else ""
    )
    return danish_layout(
        figure, y_title=_("pr. 1.000 husstande"), height=320, title=title, lang=lang
    )


def _caption(comparison: OffenceComparison, lang: str = DANISH) -> str:
    _ = translator(lang)
    if lang == DANISH:
        sources = "; ".join(f"{s.name}, {s.as_of}" for s in comparison.sources)
    else:  # a stored source name is Danish data; the demo's is said in the language
        sources = "; ".join(
            f"{_(DEMO_LABEL) if s.demo else s.name}, "
            f"{fmt_date(date.fromisoformat(s.as_of), lang=lang)}"
            for s in comparison.sources
        )
    return _(
        "Anmeldte {offence} (STRAF11, OVERTRÆD {code}) pr. 1.000 husstande i hele år. "
        "Sammenlignelige kommuner: de ti nærmeste i antal husstande ({peers}). Der er ikke sat "
        "et mål for denne overtrædelse."
    ).format(
        offence=offence_label(comparison.label, lang=lang).lower(),
        code=comparison.offence,
        peers=", ".join(comparison.peer_names),
    ) + (_(" Kilde: {sources}.").format(sources=sources) if sources else "")


def offence_section(*, version: int, code: int, name: str) -> None:
    """The section's heading, and per offence its sentence, chart and caption."""
    lang = active_language()
    _ = translator(lang)
    st.subheader(_(HEADING))
    comparisons = load_offence_comparisons(version, code)
    if not comparisons:
        st.info(
            _(
                "Der er ingen tal for andre overtrædelser end indbrud i beboelser for {name}. "
                "De indlæses fra STRAF11 (fx 1310, indbrud i forretning, virksomhed mv.)."
            ).format(name=name)
        )
        return
    for comparison in comparisons:
        label = offence_label(comparison.label, lang=lang)
        if comparison.demo:
            st.caption(_(DEMO_CAPTION))
        if comparison.rates.empty:
            st.info(
                _("{offence}: endnu intet helt år for {name}.").format(offence=label, name=name)
            )
            continue
        latest = comparison.rates.iloc[-1].to_dict()
        st.markdown(for_markdown(burden_sentence(label=label, name=name, latest=latest, lang=lang)))
        cached_chart(
            lambda c=comparison: offence_chart(c, lang=lang),
            key=f"offence_chart_{comparison.offence}",
            version=version,
            cache_key=(code, comparison.offence),
            lang=lang,
        )
        st.caption(for_markdown(_caption(comparison, lang)))
