"""Tryghed: insecurity about burglary with its uncertainty, against the 10 % goal and the country."""

from datetime import date

import pandas as pd
import streamlit as st

from dataio.store.sources import source_label
from models.formatting import fmt_date
from models.i18n import translate
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
from ui.i18n import _, active_language
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
    version, lang = loaders.current_version(), active_language()
    code, name, district = municipality_picker(actor, version)
    st.title(_("Tryghed: {name}").format(name=name))
    overview = loaders.load_insecurity(version, actor, code)
    demo_notice(overview.demo, text=DEMO_SURVEY_BANNER, lang=lang)
    measure = overview.measure  # shipped reference words (marked in dataio.store.surveys)
    card, chart = st.columns([1, 2])
    with card:
        insecurity_card(overview, lang=lang)
        rates = load_response_rates(version, actor, code)
        latest_rate_line(overview.rounds["year"], rates)
        with st.expander(_("Hvad måles der?")):
            st.markdown(
                f"**{for_markdown(translate(lang, measure.label))}**: "
                f"«{for_markdown(translate(lang, measure.question))}»"
            )
            st.caption(
                _("Spørges af {owner}. Andelen tæller {share}.").format(
                    owner=translate(lang, measure.owner),
                    share=translate(lang, measure.share_label),
                )
            )
            # the goal's note: the shipped national goal's words are marked; a partnership's own
            # note shows as written
            if overview.goal_note:
                st.caption(for_markdown(translate(lang, overview.goal_note)))
            st.caption(
                _(
                    "Justitsministeriets Tryghedsundersøgelse måler utryghed i eget nabolag: "
                    "et andet spørgsmål, som aldrig sammenlignes med 10 %-målet her."
                )
            )
    with chart:
        if overview.rounds.empty:
            st.info(_("Der er endnu ingen tryghedsmåling for {name}.").format(name=name))
        cached_chart(
            lambda: insecurity_chart(overview, lang=lang),
            key="insecurity_chart",
            version=version,
            cache_key=(actor, code),
            lang=lang,
        )
    if not overview.rounds.empty:
        st.subheader(_("Målingerne"))
        rounds = with_response_rate(
            rounds_for_display(overview.rounds, lang=lang),
            overview.rounds["year"],
            rates,
            lang=lang,
        )
        st.dataframe(rounds, hide_index=True, key="rounds_table")
        table_download(rounds, title=_("Tryghedsmålinger"), key="rounds_download")
        st.caption(
            _(
                "Andelene kommer fra stikprøver: intervallet viser, hvor den sande andel med 95 % "
                "sikkerhed ligger (Wilson). Under {small} besvarelser markeres som lille stikprøve."
            ).format(small=SMALL_SAMPLE)
        )
        rate_caption(rates)
    st.subheader(_("Sikring af hjemmet"))
    if overview.protection.empty:
        st.info(_("Ingen målinger af sikring endnu."))
    else:
        cached_chart(
            lambda: protection_chart(overview, lang=lang),
            key="protection_chart",
            version=version,
            cache_key=(actor, code),
            lang=lang,
        )
        st.dataframe(
            rounds_for_display(overview.protection, lang=lang),
            hide_index=True,
            key="protection_table",
        )
    schedule_section(actor, code, name, district, date.today())
    local_questions_section(actor, code, name, district)
    if may_import(actor, SURVEY.action):
        with st.expander(_("Indlæs en tryghedsmåling fra en fil (CSV eller Excel)")):
            table_upload_section(actor, SURVEY)
    if not overview.sources.empty:
        st.caption(
            _("Kilder: ")
            + "; ".join(
                _("{source} (pr. {date})").format(
                    source=source_label(str(s.name), lang=lang),
                    date=fmt_date(pd.Timestamp(s.as_of).date(), lang=lang),
                )
                for s in overview.sources.itertuples()
            )
        )


guard = require("tryghed", title="Tryghed")
guarded(lambda: render(guard.actor))
