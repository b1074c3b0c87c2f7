"""Kommune: one municipality's quarterly series, rate against peers, goal path and status, and
for a partnership a one-line verdict on whether burglaries fell more than in comparable
municipalities, linking to the Effekt page where the comparison is shown in full; other imported
offences (business burglary) against the nation and peers ("Er vi mere belastet end andre?")."""

import streamlit as st

from models.burglaries import source_note_text
from models.formatting import fmt_change, fmt_decimal, fmt_int, fmt_period
from models.i18n import N_
from models.overlay import quarter_marks
from models.permissions import Actor
from models.rates import same_quarter_change
from models.safe_text import for_markdown
from ui import loaders
from ui.auth import require
from ui.cards import burglary_card, sources_caption, status_rules
from ui.charts import goal_chart, quarter_chart, rate_chart
from ui.described import cached_chart
from ui.effect_view import effect_summary
from ui.goal_check_in_view import override_caption
from ui.i18n import _, active_language
from ui.offence_view import offence_section
from ui.page import any_municipality_picker, demo_notice, guarded, reads_municipality

# models.overlay.OVERLAY_CAPTION, marked here (its module does not mark it) for the page's language
_OVERLAY_CAPTION = N_(
    "Markeringerne viser, i hvilket kvartal aktiviteter i handlingsplanen blev meldt færdige, og "
    "hvornår der var tryghedsvandringer, mobile politistationer og rekrutteringsaktiviteter. At "
    "indbruddene ændrer sig i samme periode er en sammenligning, ikke bevis for årsag."
)


def render(actor: Actor) -> None:
    """The page body."""
    version = loaders.current_version()
    lang = active_language()
    code, _name = any_municipality_picker(version=version, actor=actor)
    overview = loaders.load_municipality_overview(version, code)
    st.title(_("Kommune: {name}").format(name=overview.name))
    demo_notice(overview.demo, lang=lang)
    card, numbers = st.columns([1, 2])
    with card:
        burglary_card(overview, title=_("Indbrud mod målet"), lang=lang)
        override_caption(
            version, indicator="burglaries", code=code, computed=overview.assessment.status
        )
        if overview.assessment.goal is not None:
            st.caption(for_markdown(source_note_text(overview.assessment.goal, lang=lang)))
        status_rules(lang=lang)
    if overview.quarters.empty:
        st.info(_("Der er endnu ingen indbrudstal for {name}.").format(name=overview.name))
        return
    with numbers:
        counts = dict(
            zip(overview.quarters["period"], overview.quarters["count"].astype(int), strict=True)
        )
        last = str(overview.quarters["period"].iloc[-1])
        provisional = bool(overview.quarters["provisional"].astype(bool).iloc[-1])
        change, relative = same_quarter_change(counts=counts, period=last)
        st.metric(
            _("Seneste kvartal: {period}").format(period=fmt_period(last, lang=lang))
            + (_(" (foreløbigt)") if provisional else ""),
            fmt_int(counts[last], lang=lang),
            delta=None
            if change is None
            else _("{change} ({relative}) mod året før").format(
                change=fmt_int(change, lang=lang), relative=fmt_change(relative, lang=lang)
            ),
            delta_color="inverse",
        )
        year = overview.assessment.latest_year
        if year is not None:
            comparison = loaders.load_rate_comparison(version, code, year)
            cached_chart(
                lambda: rate_chart(comparison, name=overview.name, lang=lang),
                key="rate_chart",
                version=version,
                cache_key=(code, year),
                lang=lang,
            )
            st.caption(
                _("Sammenlignelige kommuner: de ti nærmeste i antal husstande: {peers}.").format(
                    peers=", ".join(comparison.peer_names)
                )
            )
    st.subheader(_("Indbrud pr. kvartal"))
    # the partnership's actions on the series, for those who may read its plan, walks and helpers
    actions = reads_municipality(actor, version, code)
    marks = (
        quarter_marks(loaders.load_action_events(version, actor, code), counts) if actions else []
    )
    cached_chart(
        lambda: quarter_chart(overview, marks=marks, lang=lang),
        key="quarter_chart",
        version=version,
        cache_key=(code, actions),
        lang=lang,
    )
    if marks:
        st.caption(_(_OVERLAY_CAPTION))
    st.subheader(_("Indbrud pr. år mod målet"))
    cached_chart(
        lambda: goal_chart(overview, lang=lang),
        key="goal_chart",
        version=version,
        cache_key=code,
        lang=lang,
    )
    st.caption(
        _("Pr. 1.000 husstande {year}: {rate}").format(
            year=year, rate=fmt_decimal(overview.per_1000_households, digits=1, lang=lang)
        )
        + (_(" (husstande tilnærmet)") if overview.households_approximate else "")
    )
    st.subheader(_("Virker partnerskabet?"))
    effect_summary(version=version, code=code, name=overview.name)
    offence_section(version=version, code=code, name=overview.name)
    sources_caption(overview, lang=lang)


guard = require("kommune", title="Kommune")
guarded(lambda: render(guard.actor))
