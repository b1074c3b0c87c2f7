"""Tryghed: insecurity about burglary with its uncertainty, against the 10 % goal and the country."""

from datetime import date

import pandas as pd
import streamlit as st

from models.formatting import fmt_date
from models.permissions import Actor
from models.proportions import SMALL_SAMPLE
from models.safe_text import for_markdown
from ui import loaders
from ui.auth import require
from ui.data_view import SURVEY, may_import, table_upload_section
from ui.described import cached_chart
from ui.downloads import table_download
from ui.goal_charts import insecurity_chart, protection_chart
from ui.goal_views import insecurity_card, rounds_for_display
from ui.page import demo_notice, guarded, municipality_picker
from ui.survey_schedule_view import (
    latest_rate_line,
    load_response_rates,
    local_questions_section,
    rate_caption,
    schedule_section,
    with_response_rate,
)
from ui.text import DEMO_SURVEY_BANNER


def render(actor: Actor) -> None:
    """The page body."""
    version = loaders.current_version()
    code, name, district = municipality_picker(actor, version)
    st.title(f"Tryghed: {name}")
    overview = loaders.load_insecurity(version, actor, code)
    demo_notice(overview.demo, text=DEMO_SURVEY_BANNER)
    card, chart = st.columns([1, 2])
    with card:
        insecurity_card(overview)
        rates = load_response_rates(version, actor, code)
        latest_rate_line(overview.rounds["year"], rates)
        with st.expander("Hvad måles der?"):
            st.markdown(
                f"**{for_markdown(overview.measure.label)}**: «{for_markdown(overview.measure.question)}»"
            )
            st.caption(
                f"Spørges af {overview.measure.owner}. Andelen tæller {overview.measure.share_label}."
            )
            st.caption(for_markdown(overview.goal_note))
            st.caption(
                "Justitsministeriets Tryghedsundersøgelse måler utryghed i eget nabolag: "
                "et andet spørgsmål, som aldrig sammenlignes med 10 %-målet her."
            )
    with chart:
        if overview.rounds.empty:
            st.info(f"Der er endnu ingen tryghedsmåling for {name}.")
        cached_chart(
            lambda: insecurity_chart(overview),
            key="insecurity_chart",
            version=version,
            cache_key=(actor, code),
        )
    if not overview.rounds.empty:
        st.subheader("Målingerne")
        rounds = with_response_rate(
            rounds_for_display(overview.rounds), overview.rounds["year"], rates
        )
        st.dataframe(rounds, hide_index=True, key="rounds_table")
        table_download(rounds, title="Tryghedsmålinger", key="rounds_download")
        st.caption(
            "Andelene kommer fra stikprøver: intervallet viser, hvor den sande andel med 95 % "
            f"sikkerhed ligger (Wilson). Under {SMALL_SAMPLE} besvarelser markeres som lille stikprøve."
        )
        rate_caption(rates)
    st.subheader("Sikring af hjemmet")
    if overview.protection.empty:
        st.info("Ingen målinger af sikring endnu.")
    else:
        cached_chart(
            lambda: protection_chart(overview),
            key="protection_chart",
            version=version,
            cache_key=(actor, code),
        )
        st.dataframe(
            rounds_for_display(overview.protection), hide_index=True, key="protection_table"
        )
    schedule_section(actor, code, name, district, date.today())
    local_questions_section(actor, code, name, district)
    if may_import(actor, SURVEY.action):
        with st.expander("Indlæs en tryghedsmåling fra en fil (CSV eller Excel)"):
            table_upload_section(actor, SURVEY)
    if not overview.sources.empty:
        st.caption(
            "Kilder: "
            + "; ".join(
                f"{s.name} (pr. {fmt_date(pd.Timestamp(s.as_of).date())})"
                for s in overview.sources.itertuples()
            )
        )


guard = require("tryghed", title="Tryghed")
guarded(lambda: render(guard.actor))
