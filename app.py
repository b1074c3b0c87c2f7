"""Forside: the national burglary series against the goal, goal status cards, and the map."""

import streamlit as st

from models.burglaries import count_statuses
from models.domain import Indicator
from models.formatting import fmt_int, fmt_percent
from ui import loaders
from ui.auth import require
from ui.cards import burglary_card, sources_caption, status_rules
from ui.charts import goal_chart
from ui.described import cached_chart
from ui.goal_views import national_insecurity_card
from ui.i18n import _, active_language
from ui.maps import cached_map, status_map
from ui.page import demo_notice, guarded
from ui.text import status_badge


def render() -> None:
    """The page body."""
    version = loaders.current_version()
    national = loaders.load_national_overview(version)
    statuses = loaders.load_statuses(version)
    insecurity = loaders.load_national_goal(version, Indicator.INSECURITY)
    lang = active_language()
    st.title(_("Forside: status for måltal"))
    demo_notice(national.demo, lang=lang)
    burglaries, secure, municipalities = st.columns(3)
    with burglaries:
        burglary_card(national, title=_("Indbrud i Danmark"), lang=lang)
    with secure:
        goal_text = (
            ""
            if insecurity is None
            else _("Mål: højst {target} utrygge ved risikoen for indbrud i {year}.").format(
                target=fmt_percent(insecurity.target, digits=0, lang=lang),
                year=insecurity.target_year,
            )
        )
        national_insecurity_card(
            loaders.load_national_insecurity(version), goal_text=goal_text, lang=lang
        )
    with municipalities, st.container(border=True):
        st.markdown("**" + _("Kommunerne mod indbrudsmålet") + "**")
        for status, count in count_statuses(statuses["status"]).items():
            st.markdown(f"{status_badge(status, lang=lang)}: **{fmt_int(count, lang=lang)}**")
    status_rules(lang=lang)
    st.subheader(_("Indbrud i beboelser mod målet"))
    cached_chart(
        lambda: goal_chart(national, lang=lang),
        key="national_chart",
        version=version,
        cache_key=0,
        lang=lang,
    )
    st.subheader(_("Kommunerne på kortet"))
    cached_map(
        lambda: status_map(statuses, lang=lang),
        key="status_map",
        version=version,
        cache_key=0,
        height=520,
        lang=lang,
    )
    st.caption(
        _(
            "Farve = status mod kommunens indbrudsmål (eget mål, ellers det nationale omregnet). "
            "Hold musen over en kommune for tal."
        )
    )
    sources_caption(national, lang=lang)


require("forside", title="Forside")
guarded(render)
