"""The Hotspots page's parts: the map of grid squares (real municipality boundary, no basemap,
squares drawn whole, never a position inside one), the list of hotspots with one-click proposals,
and the proposals taken with their square's counts before and after."""

from datetime import date, timedelta

import streamlit as st

from dataio.store.incidents.actions import allowed_proposals, take_proposal
from dataio.store.incidents.view import HotspotView
from models.formatting import fmt_date, fmt_int
from models.hotspot_actions import PROPOSAL_LABELS, HotspotPlace, Proposal
from models.hotspot_text import BEFORE_AFTER_CAPTION, before_after_line, hotspot_line
from models.permissions import Actor, Target
from ui import flash, loaders

MAX_PROPOSAL_ROWS = 5  # hotspots offered one-click proposals (the list shows all)


def proposals_section(actor: Actor, view: HotspotView, *, target: Target, today: date) -> None:
    """Per hotspot (the first few): its sentence and a button per proposal this user may take."""
    assert view.scan is not None
    allowed = allowed_proposals(actor, target)
    for number, cell in enumerate(view.scan.hotspots[:MAX_PROPOSAL_ROWS], start=1):
        place = HotspotPlace(cell.cell, cell.lat, cell.lon)
        with st.container(border=True):
            st.markdown(f"**Hotspot {number}** · {place.words()}")
            st.caption(hotspot_line(cell, view.scan.weeks))
            if not allowed:
                continue
            day = st.date_input(
                "Dato for indsatsen",
                value=today + timedelta(days=7),
                min_value=today,
                format="DD.MM.YYYY",
                key=f"hotspot_day_{cell.cell}",
            )
            for column, proposal in zip(st.columns(len(allowed)), allowed, strict=True):
                if column.button(
                    f"Opret: {PROPOSAL_LABELS[proposal]}",
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
    flash.done(
        f"{PROPOSAL_LABELS[proposal]} {fmt_date(day)} ved {place.words()} er sat i handlingsplanen."
    )


def taken_section(view: HotspotView) -> None:
    """The proposals taken, each with its square's counts before and after its day."""
    if not view.taken:
        return
    st.subheader("Indsatser fra hotspots: før og efter")
    for action in view.taken:
        title = action.title or f"{PROPOSAL_LABELS[Proposal(action.proposal)]} (slettet fra planen)"
        st.markdown(f"**{fmt_date(action.day)}** · {title}")
        st.caption(before_after_line(action.counts))
    st.caption(
        BEFORE_AFTER_CAPTION
        + ": at antallet falder efter en indsats, viser ikke, at indsatsen var årsagen."
    )


def incidents_section(actor: Actor, code: int) -> None:
    """The single incidents behind the squares: the district's police and the administrator only
    (the loader refuses anyone else), with the address the police keep."""
    rows = loaders.load_incident_rows(loaders.current_version(), actor, code)
    with st.expander(f"Politiets hændelser ({fmt_int(len(rows))}): kun politiet i kredsen"):
        shown = rows.sort_values("day", ascending=False).head(500)
        st.dataframe(
            {
                "Dato": [fmt_date(d) for d in shown["day"]],
                "Klokkeslæt": [t or "" for t in shown["time_of_day"]],
                "Overtrædelse": [o or "" for o in shown["offence"]],
                "Adresse": [a or "" for a in shown.get("address", [None] * len(shown))],
            },
            hide_index=True,
        )
        st.caption("De nyeste 500 vises. Enkelte hændelser vises aldrig for andre end politiet.")
