"""The public page (pages/15_Offentlig.py) and the form that publishes it (Min kommune).

The page needs no login: it reads only `dataio.public.public_view` (public statistics and the
published summary) and draws with the same chart builders as the Kommune page."""

import streamlit as st

from dataio.public import (
    MAX_SUMMARY,
    NOT_PUBLISHED,
    PublicHelpers,
    PublicSurvey,
    PublicView,
    set_published,
)
from models.errors import DomainError
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, ENGLISH, LANGUAGE_NAMES, translator
from models.permissions import Action, Actor, Target, allows
from models.vocabulary import quality_label
from ui import loaders
from ui.cards import burglary_card, sources_caption, status_rules
from ui.charts import goal_chart, rate_chart
from ui.described import cached_chart
from ui.i18n import active_language, error_text
from ui.page import demo_notice


def requested_code() -> int | None:
    """The municipality in ?kommune=, when it is a number."""
    wanted = st.query_params.get("kommune", "")
    return int(wanted) if wanted.isdigit() else None


def render_public(view: PublicView | None, *, version: int, lang: str = DANISH) -> None:
    """The public page's body in `lang`; a municipality that does not publish gets only the
    message."""
    _ = translator(lang)
    if view is None:
        st.info(_(NOT_PUBLISHED) + ".")
        return
    st.title(_("Bo trygt i {name}").format(name=view.name))
    other = ENGLISH if lang == DANISH else DANISH
    st.caption(f"[{LANGUAGE_NAMES[other]}](?kommune={view.code}&lang={other})")
    demo_notice(view.demo, lang=lang)
    if view.summary_markdown:
        st.markdown(view.summary_markdown)
    card, rate = st.columns([1, 2])
    with card:
        burglary_card(view.burglaries, title=_("Indbrud mod målet"), lang=lang)
        status_rules(lang=lang)
    with rate:
        if view.rate is not None:
            comparison = view.rate
            cached_chart(
                lambda: rate_chart(comparison, name=view.name, lang=lang),
                key="public_rate_chart",
                version=version,
                cache_key=("public", view.code, comparison.year),
                lang=lang,
            )
            st.caption(
                _("Sammenlignelige kommuner: de ti nærmeste i antal husstande: {names}.").format(
                    names=", ".join(comparison.peer_names)
                )
            )
    if not view.burglaries.quarters.empty:
        st.subheader(_("Indbrud i beboelser mod målet"))
        cached_chart(
            lambda: goal_chart(view.burglaries, lang=lang),
            key="public_goal_chart",
            version=version,
            cache_key=("public", view.code),
            lang=lang,
        )
        sources_caption(view.burglaries, lang=lang)
    if view.helpers is not None:
        helpers_section(view.helpers, lang=lang)
    if view.survey is not None:
        survey_section(view.survey, lang=lang)


def helpers_section(helpers: PublicHelpers, *, lang: str) -> None:
    """The latest neighbour-helper count and helpers per 100 households."""
    _ = translator(lang)
    st.subheader(_("Nabohjælp"))
    left, right = st.columns(2)
    left.metric(
        _("Nabohjælpere pr. {date}").format(date=fmt_date(helpers.count_date, lang=lang)),
        fmt_int(helpers.helpers, lang=lang),
    )
    right.metric(
        _("Nabohjælpere pr. 100 husstande"),
        fmt_decimal(helpers.per_100_households, digits=1, lang=lang),
    )
    if helpers.demo:
        st.caption(":orange[" + _("Eksempeldata") + "]")


def survey_section(survey: PublicSurvey, *, lang: str) -> None:
    """The latest published national share of the insecurity measure, with its interval when
    the sample size is published (and saying so when it is not)."""
    _ = translator(lang)
    st.subheader(_("Utryghed ved indbrud"))
    st.metric(
        _("Andel utrygge ved risikoen for indbrud, hele landet {year}").format(year=survey.year),
        fmt_percent(survey.share, lang=lang),
    )
    if survey.low is not None and survey.high is not None and survey.respondents is not None:
        st.caption(
            _("95 %-interval {low}–{high} ({respondents} besvarelser).").format(
                low=fmt_percent(survey.low, lang=lang),
                high=fmt_percent(survey.high, lang=lang),
                respondents=fmt_int(survey.respondents, lang=lang),
            )
        )
    else:
        st.caption(
            _(
                "Landstallet er offentliggjort uden stikprøvens størrelse, så der kan ikke "
                "beregnes et interval."
            )
        )
    st.caption(
        _(
            "Målingen er TrygFondens og Det Kriminalpræventive Råds; målet er højst 10 % utrygge. "
            "Tallets kvalitet: {quality}."
        ).format(quality=quality_label(survey.quality, lang=lang))
    )
    if survey.demo:
        st.caption(":orange[" + _("Eksempeldata") + "]")


def may_publish(actor: Actor, code: int, district: int) -> bool:
    """Whether the actor may switch this municipality's public view."""
    return allows(actor, Action.PUBLISH_PUBLIC_VIEW, Target(code, district))


def publish_form(actor: Actor, *, code: int, name: str) -> None:
    """On/off and the summary, for the project leader (and the administrator), in the reader's
    language (the session's: this form is on Min kommune, behind the login)."""
    _ = translator(active_language())
    state = loaders.load_publication(code)
    with st.expander(_("Offentlig visning"), expanded=False):
        if state is None:
            st.caption(
                _(
                    "{name} er ikke en partnerskabskommune og kan ikke have en offentlig visning."
                ).format(name=name)
            )
            return
        st.caption(
            _(
                "Den offentlige side (uden login): Offentlig?kommune={code}. Den viser kun "
                "offentlig statistik (indbrud mod målet, sammenlignelige kommuner, nabohjælpere) "
                "og teksten her."
            ).format(code=code)
        )
        with st.form("publish_form"):
            on = st.toggle(
                _("Offentlig visning slået til"), value=state.published, key="publish_on"
            )
            summary = st.text_area(
                _("Tekst til borgerne"),
                value=state.summary,
                max_chars=MAX_SUMMARY,
                key="publish_summary",
            )
            if st.form_submit_button(_("Gem offentlig visning"), key="publish_save"):
                try:
                    set_published(loaders.engine(), actor=actor, code=code, on=on, summary=summary)
                except DomainError as refused:  # the page's own words, in the reader's language
                    st.error(error_text(refused), icon=":material/error:")
                    return
                st.success(_("Den offentlige visning er gemt og skrevet i ændringsloggen."))
