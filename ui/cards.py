"""Status cards: one goal, its latest figure, what the path requires and the classification."""

import streamlit as st

from dataio.store.burglaries import BurglaryOverview
from models.formatting import fmt_date, fmt_decimal, fmt_int
from models.trends import STATUS_RULES_DA, status_label_da
from ui.text import STATUS_ICONS


def burglary_card(overview: BurglaryOverview, *, title: str) -> None:
    """The burglary goal's card."""
    result = overview.assessment
    goal = result.goal
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {STATUS_ICONS[result.status]} {status_label_da(result.status)}")
        st.metric(f"Indbrud i beboelser {result.latest_year or ''}", fmt_int(result.latest_count))
        if result.required_for_latest_year is not None:
            st.caption(
                f"Målforløbet (lige linje) krævede højst {fmt_int(round(result.required_for_latest_year))} i {result.latest_year}."
            )
        if goal is not None:
            default = " (standardmålår, kan ændres)" if goal.target_year_is_default else ""
            st.caption(
                f"Mål: fra {fmt_int(round(goal.baseline))} ({goal.baseline_year}) til {fmt_int(round(goal.target))} i {goal.target_year}{default}."
            )
        if result.projection is not None:
            p = result.projection
            st.caption(
                f"Fremskrevet til {p.to_year}: {fmt_int(round(p.expected))} (95 %-interval {fmt_int(round(p.low))}–{fmt_int(round(p.high))}); tendens {fmt_decimal(p.annual_change * 100, digits=1)} % om året."
            )
        if overview.demo:
            st.caption(":orange[Bygger på eksempeldata]")


def no_data_card(*, title: str, goal_text: str, reason: str) -> None:
    """A goal without data yet: said honestly, never drawn as zero."""
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {STATUS_ICONS['insufficient_evidence']} Ingen data endnu")
        st.caption(goal_text)
        st.caption(reason)


def sources_caption(overview: BurglaryOverview) -> None:
    """Where the numbers come from, with as-of dates."""
    parts = [f"{s.name} (pr. {fmt_date(s.as_of)})" for s in overview.sources]
    st.caption("Kilder: " + "; ".join(parts))


def status_rules() -> None:
    """How a status is decided, in Danish, for anyone who asks in the meeting."""
    with st.expander("Sådan afgøres status"):
        st.markdown("\n".join(f"- {rule}" for rule in STATUS_RULES_DA))
        st.caption(
            "Fremskrivningen bygger på de seneste fem hele år efter lovændringen i 2018, uden COVID-årene 2020-21, når der er mindst tre år tilbage."
        )
