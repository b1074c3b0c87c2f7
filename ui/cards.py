"""Status cards: one goal, its latest figure, what the path requires and the classification."""

import streamlit as st

from dataio.store.burglaries import BurglaryOverview
from models.formatting import fmt_date, fmt_int
from models.goal_text import burglary_lines
from models.vocabulary import NO_DATA_LABEL, STATUS_RULES
from ui.text import status_badge


def burglary_card(overview: BurglaryOverview, *, title: str) -> None:
    """The burglary goal's card."""
    result = overview.assessment
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {status_badge(result.status)}")
        st.metric(f"Indbrud i beboelser {result.latest_year or ''}", fmt_int(result.latest_count))
        for line in burglary_lines(result):
            st.caption(line)
        if overview.demo:
            st.caption(":orange[Bygger på eksempeldata]")


def no_data_card(*, title: str, goal_text: str, reason: str) -> None:
    """A goal without data yet: said honestly, never drawn as zero."""
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {status_badge(None, NO_DATA_LABEL)}")
        st.caption(goal_text)
        st.caption(reason)


def sources_caption(overview: BurglaryOverview) -> None:
    """Where the numbers come from, with as-of dates."""
    parts = [f"{s.name} (pr. {fmt_date(s.as_of)})" for s in overview.sources]
    st.caption("Kilder: " + "; ".join(parts))


def status_rules() -> None:
    """How a status is decided, in Danish, for anyone who asks in the meeting."""
    with st.expander("Sådan afgøres status"):
        st.markdown("\n".join(f"- {rule}" for rule in STATUS_RULES))
        st.caption(
            "Fremskrivningen bygger på de seneste fem hele år efter lovændringen i 2018, uden COVID-årene 2020-21, når der er mindst tre år tilbage. "
            "Landstendensen er et vægtet gennemsnit af kommunernes egne tendenser fra de samme år; "
            "en kommune med få indbrud om året låner styrke fra de andre, en med tusinder beholder sin egen."
        )
