"""The Hotspots page's parts: the map of grid squares (real municipality boundary, no basemap,
squares drawn whole, never a position inside one), the list of hotspots with one-click proposals,
and the proposals taken with their square's counts before and after. In the session's language
(`ui.i18n`)."""

from dataclasses import replace
from datetime import date, timedelta

import streamlit as st

from dataio.store.incidents.actions import allowed_proposals, take_proposal
from dataio.store.incidents.view import HotspotView
from models.formatting import fmt_date, fmt_int
from models.hotspot_actions import HotspotPlace, Proposal
from models.hotspot_text import (
    BEFORE_AFTER_CAPTION,
    before_after_line,
    hotspot_line,
    hotspot_rows,
    map_alt,
    map_label,
    map_legend_words,
    place_text,
    proposal_label,
    suppression_line,
)
from models.hotspots import HotspotScan
from models.i18n import DANISH, N_, language_of, translate
from models.permissions import Actor, Target
from ui import flash, loaders, text
from ui.i18n import _, active_language
from ui.maps import MapFigure, hotspot_map

MAX_PROPOSAL_ROWS = 5  # hotspots offered one-click proposals (the list shows all)
# ui.text.DEMO_INCIDENTS_BANNER, marked here so the catalogue has it (`demo_notice(lang=)`)
DEMO_INCIDENTS_BANNER = N_(
    "**Eksempeldata.** Indbruddene og deres hotspot er et genereret eksempel på politiets "
    "udtræk, ikke politiets tal. De må ikke citeres."
)
assert DEMO_INCIDENTS_BANNER == text.DEMO_INCIDENTS_BANNER
INCIDENT_COLUMNS = (N_("Dato"), N_("Klokkeslæt"), N_("Overtrædelse"), N_("Adresse"))


def hotspot_figure(scan: HotspotScan, *, code: int, lang: str = DANISH) -> MapFigure:
    """`ui.maps.hotspot_map` (Danish) with its tooltips, legend, text alternative, table and
    notes in `lang` (`models.hotspot_text`)."""
    figure = hotspot_map(scan, code=code)
    if language_of(lang) == DANISH:
        return figure
    for layer in figure.deck.layers:
        if getattr(layer, "id", None) == "felter":
            for feature, cell in zip(layer.data["features"], scan.cells, strict=True):
                feature["properties"]["label"] = map_label(cell, lang=lang)
    words = map_legend_words(scan.min_count, lang=lang)
    legend = tuple(
        replace(entry, word=word) for entry, word in zip(figure.legend, words, strict=True)
    )
    notes = tuple(
        n for n in [suppression_line(scan.suppressed_cells, scan.min_count, lang=lang)] if n
    )
    return replace(
        figure,
        legend=legend,
        alt=map_alt(scan, lang=lang),
        table=hotspot_rows(scan, lang=lang),
        notes=notes,
    )


def proposals_section(actor: Actor, view: HotspotView, *, target: Target, today: date) -> None:
    """Per hotspot (the first few): its sentence and a button per proposal this user may take."""
    assert view.scan is not None
    lang = active_language()
    allowed = allowed_proposals(actor, target)
    for number, cell in enumerate(view.scan.hotspots[:MAX_PROPOSAL_ROWS], start=1):
        place = HotspotPlace(cell.cell, cell.lat, cell.lon)
        with st.container(border=True):
            st.markdown(f"**Hotspot {number}** · {place_text(place, lang=lang)}")
            st.caption(hotspot_line(cell, view.scan.weeks, lang=lang))
            if not allowed:
                continue
            day = st.date_input(
                _("Dato for indsatsen"),
                value=today + timedelta(days=7),
                min_value=today,
                format="DD.MM.YYYY",
                key=f"hotspot_day_{cell.cell}",
            )
            for column, proposal in zip(st.columns(len(allowed)), allowed, strict=True):
                if column.button(
                    _("Opret: {proposal}").format(proposal=proposal_label(proposal, lang=lang)),
                    key=f"hotspot_{proposal}_{cell.cell}",
                ):
                    _take(actor, view.code, proposal, place, day)


def _take(actor: Actor, code: int, proposal: Proposal, place: HotspotPlace, day: date) -> None:
    take_proposal(
        loaders.engine(),
        actor=actor,
        municipality_code=code,
        proposal=proposal,
        place=place,
        day=day,
    )
    lang = active_language()
    flash.done(
        _("{proposal} {day} ved {place} er sat i handlingsplanen.").format(
            proposal=proposal_label(proposal, lang=lang),
            day=fmt_date(day, lang=lang),
            place=place_text(place, lang=lang),
        )
    )


def taken_section(view: HotspotView) -> None:
    """The proposals taken, each with its square's counts before and after its day."""
    if not view.taken:
        return
    lang = active_language()
    st.subheader(_("Indsatser fra hotspots: før og efter"))
    for action in view.taken:
        title = action.title or _("{proposal} (slettet fra planen)").format(
            proposal=proposal_label(action.proposal, lang=lang)
        )
        st.markdown(f"**{fmt_date(action.day, lang=lang)}** · {title}")
        st.caption(before_after_line(action.counts, lang=lang))
    st.caption(
        translate(lang, BEFORE_AFTER_CAPTION)
        + _(": at antallet falder efter en indsats, viser ikke, at indsatsen var årsagen.")
    )


def incidents_section(actor: Actor, code: int) -> None:
    """The single incidents behind the squares: the district's police and the administrator only
    (the loader refuses anyone else), with the address the police keep."""
    lang = active_language()
    rows = loaders.load_incident_rows(loaders.current_version(), actor, code)
    label = _("Politiets hændelser ({count}): kun politiet i kredsen").format(
        count=fmt_int(len(rows), lang=lang)
    )
    with st.expander(label):
        shown = rows.sort_values("day", ascending=False).head(500)
        day, time, offence, address = (translate(lang, c) for c in INCIDENT_COLUMNS)
        st.dataframe(
            {
                day: [fmt_date(d, lang=lang) for d in shown["day"]],
                time: [t or "" for t in shown["time_of_day"]],
                offence: [o or "" for o in shown["offence"]],
                address: [a or "" for a in shown.get("address", [None] * len(shown))],
            },
            hide_index=True,
        )
        st.caption(_("De nyeste 500 vises. Enkelte hændelser vises aldrig for andre end politiet."))
