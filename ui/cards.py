"""Status cards: one goal, its latest figure, what the path requires and the classification."""

import streamlit as st

from dataio.store.burglaries import BurglaryOverview
from dataio.store.sources import source_label
from models.formatting import fmt_date, fmt_int
from models.goal_text import burglary_lines
from models.i18n import DANISH, translator
from models.vocabulary import DEMO_LABEL, NO_DATA_LABEL
from models.vocabulary import status_rules as rules_of_status
from ui.text import status_badge


def burglary_card(overview: BurglaryOverview, *, title: str, lang: str = DANISH) -> None:
    """The burglary goal's card (`title` already in the language)."""
    _ = translator(lang)
    result = overview.assessment
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {status_badge(result.status, lang=lang)}")
        st.metric(
            _("Indbrud i beboelser {year}").format(year=result.latest_year or ""),
            fmt_int(result.latest_count, lang=lang),
        )
        for line in burglary_lines(result, lang=lang):
            st.caption(line)
        if overview.demo:
            st.caption(":orange[" + _("Bygger på eksempeldata") + "]")


def no_data_card(*, title: str, goal_text: str, reason: str) -> None:
    """A goal without data yet: said honestly, never drawn as zero."""
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"### {status_badge(None, NO_DATA_LABEL)}")
        st.caption(goal_text)
        st.caption(reason)


def sources_caption(overview: BurglaryOverview, *, lang: str = DANISH) -> None:
    """Where the numbers come from, with as-of dates."""
    _ = translator(lang)
    parts = [
        _("{source} (pr. {date})").format(
            # a stored source name is Danish data: a shipped source's name (ours, marked) and the
            # demo's are said in the page's language, any other as it is
            source=_(DEMO_LABEL) if s.demo and lang != DANISH else source_label(s.name, lang=lang),
            date=fmt_date(s.as_of, lang=lang),
        )
        for s in overview.sources
    ]
    st.caption(_("Kilder: ") + "; ".join(parts))


def status_rules(*, lang: str = DANISH) -> None:
    """How a status is decided, for anyone who asks in the meeting."""
    _ = translator(lang)
    with st.expander(_("Sådan afgøres status")):
        st.markdown("\n".join(f"- {rule}" for rule in rules_of_status(lang)))
        st.caption(
            _(
                "Fremskrivningen bygger på de seneste fem hele år efter lovændringen i 2018, uden "
                "COVID-årene 2020-21, når der er mindst tre år tilbage. Landstendensen er et "
                "vægtet gennemsnit af kommunernes egne tendenser fra de samme år; en kommune med "
                "få indbrud om året låner styrke fra de andre, en med tusinder beholder sin egen."
            )
        )
