"""Hotspots: where burglaries cluster now in the police's extract, and what the partnership does
about it (a mobile police station, a safety walk, a recruitment drive), with the square's counts
before and after. Aggregates only: single incidents are the police's (an expander for them)."""

from datetime import date

import streamlit as st

from models.formatting import fmt_date
from models.hotspot_text import hotspot_method, scan_summary, suppression_line, weeks_label
from models.permissions import Action, Target, allows
from ui import flash, loaders
from ui.auth import require
from ui.hotspot_views import hotspot_figure, incidents_section, proposals_section, taken_section
from ui.i18n import _, active_language
from ui.maps import cached_map
from ui.page import demo_notice, guarded, municipality_picker
from ui.session import current_settings
from ui.text import DEMO_INCIDENTS_BANNER

WEEKS = {2: "2 uger", 4: "4 uger", 8: "8 uger", 13: "13 uger"}


def min_count() -> int:
    """The smallest count a square is shown with (BOTRYGT_HOTSPOT_MIN_COUNT, at least 3)."""
    return current_settings().hotspot_min_count


def render() -> None:
    """The page body."""
    actor, version = guard.actor, loaders.current_version()
    code, name, district = municipality_picker(actor, version)
    target = Target(code, district)
    lang = active_language()
    st.title(_("Hotspots: {name}").format(name=name))
    flash.show()
    weeks = int(
        st.segmented_control(
            _("Periode"),
            list(WEEKS),
            default=4,
            format_func=lambda weeks: weeks_label(weeks, lang=lang),
            key="hotspot_weeks",
        )
        or 4
    )
    view = loaders.load_hotspot_view(version, actor, code, weeks, min_count())
    if view.scan is None or view.first_day is None or view.last_day is None:
        st.info(
            _(
                "Der er ikke indlæst politiets udtræk af indbrud for {name}. Politiet i kredsen "
                "indlæser det på siden Data."
            ).format(name=name)
        )
        return
    scanned = view.scan
    demo_notice(view.demo, text=DEMO_INCIDENTS_BANNER, lang=lang)
    st.markdown(f"**{scan_summary(view.scan, lang=lang)}**")
    st.caption(
        _("Udtrækket dækker {first}–{last}; perioden er udtrækkets seneste uger.").format(
            first=fmt_date(view.first_day, lang=lang), last=fmt_date(view.last_day, lang=lang)
        )
    )
    cached_map(
        lambda: hotspot_figure(scanned, code=code, lang=lang),
        key="hotspot_map",
        version=version,
        cache_key=(code, weeks, scanned.min_count, lang),
        height=420,
        lang=lang,
    )
    if line := suppression_line(view.scan.suppressed_cells, view.scan.min_count, lang=lang):
        st.caption(
            line + _(": kortet viser kun felter med mindst så mange, og altid feltets midte.")
        )
    if view.scan.hotspots:
        st.subheader(_("Hvad gør vi?"))
        proposals_section(actor, view, target=target, today=date.today())
    taken_section(view)
    with st.expander(_("Sådan findes et hotspot")):
        method = hotspot_method(scanned.min_count, lang=lang)
        st.markdown("\n".join(f"- {line}" for line in method))
    if allows(actor, Action.VIEW_INCIDENTS, target):
        incidents_section(actor, code)


guard = require("hotspots", title="Hotspots")
guarded(render)
