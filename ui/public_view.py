"""The public page (pages/15_Offentlig.py) and the form that publishes it (Min kommune).

The page needs no login: it reads only `dataio.public.public_view` (public statistics and the
published summary) and draws with the same chart builders as the Kommune page."""

import streamlit as st

from dataio.public import MAX_SUMMARY, NOT_PUBLISHED, PublicView, set_published
from models.formatting import fmt_date, fmt_decimal, fmt_int
from models.permissions import Action, Actor, Target, allows
from ui import loaders
from ui.cards import burglary_card, sources_caption, status_rules
from ui.charts import goal_chart, rate_chart
from ui.described import cached_chart
from ui.page import demo_notice


def requested_code() -> int | None:
    """The municipality in ?kommune=, when it is a number."""
    wanted = st.query_params.get("kommune", "")
    return int(wanted) if wanted.isdigit() else None


def render_public(view: PublicView | None, *, version: int) -> None:
    """The public page's body; a municipality that does not publish gets only the message."""
    if view is None:
        st.info(NOT_PUBLISHED + ".")
        return
    st.title(f"Bo trygt i {view.name}")
    demo_notice(view.demo)
    if view.summary_markdown:
        st.markdown(view.summary_markdown)
    card, rate = st.columns([1, 2])
    with card:
        burglary_card(view.burglaries, title="Indbrud mod målet")
        status_rules()
    with rate:
        if view.rate is not None:
            comparison = view.rate
            cached_chart(
                lambda: rate_chart(comparison, name=view.name),
                key="public_rate_chart",
                version=version,
                cache_key=("public", view.code, comparison.year),
            )
            st.caption(
                "Sammenlignelige kommuner: de ti nærmeste i antal husstande: "
                + ", ".join(comparison.peer_names)
                + "."
            )
    if not view.burglaries.quarters.empty:
        st.subheader("Indbrud i beboelser mod målet")
        cached_chart(
            lambda: goal_chart(view.burglaries),
            key="public_goal_chart",
            version=version,
            cache_key=("public", view.code),
        )
        sources_caption(view.burglaries)
    if view.helpers is not None:
        helpers = view.helpers
        st.subheader("Nabohjælp")
        left, right = st.columns(2)
        left.metric(f"Nabohjælpere pr. {fmt_date(helpers.count_date)}", fmt_int(helpers.helpers))
        right.metric(
            "Nabohjælpere pr. 100 husstande", fmt_decimal(helpers.per_100_households, digits=1)
        )
        if helpers.demo:
            st.caption(":orange[Eksempeldata]")


def may_publish(actor: Actor, code: int, district: int) -> bool:
    """Whether the actor may switch this municipality's public view."""
    return allows(actor, Action.PUBLISH_PUBLIC_VIEW, Target(code, district))


def publish_form(actor: Actor, *, code: int, name: str) -> None:
    """On/off and the summary, for the project leader (and the administrator)."""
    state = loaders.load_publication(code)
    with st.expander("Offentlig visning", expanded=False):
        if state is None:
            st.caption(
                f"{name} er ikke en partnerskabskommune og kan ikke have en offentlig visning."
            )
            return
        st.caption(
            f"Den offentlige side (uden login): Offentlig?kommune={code}. Den viser kun offentlig "
            "statistik (indbrud mod målet, sammenlignelige kommuner, nabohjælpere) og teksten her."
        )
        with st.form("publish_form"):
            on = st.toggle("Offentlig visning slået til", value=state.published)
            summary = st.text_area("Tekst til borgerne", value=state.summary, max_chars=MAX_SUMMARY)
            if st.form_submit_button("Gem offentlig visning"):
                set_published(loaders.engine(), actor=actor, code=code, on=on, summary=summary)
                st.success("Den offentlige visning er gemt og skrevet i ændringsloggen.")
