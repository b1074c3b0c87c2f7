"""'Er vi mere belastet end andre?' on the Kommune page: each other imported offence (STRAF11 codes
beside residential burglary, e.g. 1310 business burglary) per 1.000 households per year for the
municipality, its ten peers and the nation, as a chart with a Danish caption; no goal (none is set
for these offences)."""

import plotly.graph_objects as go
import streamlit as st

from dataio.offences.store import OffenceComparison, offence_comparison, stored_offences
from models.offences import burden_sentence
from models.safe_text import for_markdown
from models.vocabulary import BREAK_GREY, PALE_BLUE, SERIES_BLUE
from ui.described import cached_chart
from ui.figures import danish_layout
from ui.loaders import TTL_SECONDS, engine

HEADING = "Er vi mere belastet end andre?"
DEMO_CAPTION = (
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


def offence_chart(comparison: OffenceComparison) -> go.Figure:
    """Rate per 1.000 households per complete year: the municipality, its peers, the nation."""
    rates = comparison.rates
    figure = go.Figure()
    for column, name, colour, dash in (
        ("municipality", comparison.name, SERIES_BLUE.hex, "solid"),
        ("peers", "Sammenlignelige kommuner", PALE_BLUE.hex, "dash"),
        ("national", "Hele landet", BREAK_GREY.hex, "dot"),
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
    title = f"{comparison.label} pr. 1.000 husstande" + (
        " (husstande tilnærmet)" if comparison.households_approximate else ""
    )
    return danish_layout(figure, y_title="pr. 1.000 husstande", height=320, title=title)


def _caption(comparison: OffenceComparison) -> str:
    sources = "; ".join(f"{s.name}, {s.as_of}" for s in comparison.sources)
    return (
        f"Anmeldte {comparison.label.lower()} (STRAF11, OVERTRÆD {comparison.offence}) pr. 1.000 "
        "husstande i hele år. Sammenlignelige kommuner: de ti nærmeste i antal husstande ("
        + ", ".join(comparison.peer_names)
        + "). Der er ikke sat et mål for denne overtrædelse."
        + (f" Kilde: {sources}." if sources else "")
    )


def offence_section(*, version: int, code: int, name: str) -> None:
    """The section's heading, and per offence its sentence, chart and caption."""
    st.subheader(HEADING)
    comparisons = load_offence_comparisons(version, code)
    if not comparisons:
        st.info(
            f"Der er ingen tal for andre overtrædelser end indbrud i beboelser for {name}. "
            "De indlæses fra STRAF11 (fx 1310, indbrud i forretning, virksomhed mv.)."
        )
        return
    for comparison in comparisons:
        if comparison.demo:
            st.caption(DEMO_CAPTION)
        if comparison.rates.empty:
            st.info(f"{comparison.label}: endnu intet helt år for {name}.")
            continue
        latest = comparison.rates.iloc[-1].to_dict()
        st.markdown(for_markdown(burden_sentence(label=comparison.label, name=name, latest=latest)))
        cached_chart(
            lambda c=comparison: offence_chart(c),
            key=f"offence_chart_{comparison.offence}",
            version=version,
            cache_key=(code, comparison.offence),
        )
        st.caption(for_markdown(_caption(comparison)))
