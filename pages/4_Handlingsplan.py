"""Handlingsplan: the partnership's joint plan, edited together, with safety-walk follow-ups."""

from datetime import date, timedelta

import streamlit as st

from models.actionplan import value_label
from models.permissions import Action, Target, allows
from ui import flash, loaders
from ui.auth import Guarded, require
from ui.built_once import built_once
from ui.communication_view import plan_partners
from ui.described import cached_chart
from ui.editing import filter_items, filter_options
from ui.i18n import _, active_language
from ui.item_panel import item_panel
from ui.maps import show_map, walks_map
from ui.page import guarded, municipality_picker
from ui.plan_excel import excel_section
from ui.plan_view import (
    creation_form,
    follow_ups_section,
    gantt_figure,
    may_edit_plan,
    plan_table,
    progress_figure,
    summary_metrics,
    walk_form,
)
from ui.tables import audit_for_display, changes_caption, plan_filter


def render(guard: Guarded) -> None:
    """The page body."""
    actor, version, today = guard.actor, loaders.current_version(), date.today()
    lang = active_language()
    code, name, district = municipality_picker(actor, version)
    target = Target(code, district)
    st.title(_("Handlingsplan: {name}").format(name=name))
    flash.show()
    items, summary, by_track = loaders.load_plan(version, actor, code, today)
    district_name = loaders.load_police_districts(version)[district]
    with st.expander(_("Handlingsplanen i Excel: hent eller indlæs")):
        excel_section(
            actor,
            code,
            name,
            district_name,
            may_import=allows(actor, Action.EDIT_ACTION_PLAN, target),
        )
    if summary is None:
        if allows(actor, Action.EDIT_ACTION_PLAN, target):
            creation_form(actor, code, name)
        else:
            st.info(_("{name} har ingen handlingsplan endnu.").format(name=name))
        return
    summary_metrics(summary)
    options = filter_options(items)
    columns = {"track": _("Spor"), "status": _("Status"), "owner_name": _("Ansvarlig")}
    columns["organisation"] = _("Organisation")
    chosen = {
        column: box.multiselect(
            label,
            options[column],
            placeholder=_("Alle"),
            select_all=False,
            format_func=lambda value: value_label(value, lang=lang),
        )
        for box, (column, label) in zip(st.columns(4), columns.items(), strict=True)
    }
    shown = filter_items(
        items,
        tracks=chosen["track"],
        statuses=chosen["status"],
        owners=chosen["owner_name"],
        organisations=chosen["organisation"],
    )
    plan_table(shown, editable=may_edit_plan(actor, target), actor=actor, code=code)
    item_panel(items, actor=actor, target=target, version=version)
    plan_partners(actor, version, code)  # track 3: the items' partners, when any are named
    left, right = st.columns([1, 2])
    # built once per data version, viewer, municipality and filter choice (ui.built_once)
    choice = (actor, code, tuple((column, tuple(values)) for column, values in chosen.items()))
    with left:
        cached_chart(
            lambda: progress_figure(by_track, lang=lang),
            key="track_progress",
            version=version,
            cache_key=(actor, code),
            lang=lang,
        )
    with right:
        cached_chart(
            lambda: gantt_figure(shown, today=today, lang=lang),
            key="gantt",
            version=version,
            cache_key=choice,
            lang=lang,
        )
    since_day = st.date_input(
        _("Ændret siden (fx sidste møde)"),
        value=today - timedelta(days=30),
        format="DD.MM.YYYY",
        key="plan_changed_since",
    )
    changes = loaders.load_audit_page(version, actor, plan_filter(code, since_day), 1)
    st.caption(changes_caption(changes, since=since_day, lang=lang))
    if not changes.rows.empty:
        shown_changes = built_once(
            lambda: audit_for_display(changes.rows, lang=lang),
            key="plan_changes",
            version=version,
            cache_key=(actor, code, since_day),
        )
        st.dataframe(shown_changes, hide_index=True, key="plan_changes")
    walks, follow_ups, closed = loaders.load_walks(version, actor, code)
    follow_ups_section(follow_ups, closed, actor=actor, target=target)
    walk_figure = built_once(
        lambda: walks_map(walks, code=code, lang=lang),
        key="walks_map",
        version=version,
        cache_key=(actor, code),
    )
    if walk_figure is not None:
        show_map(walk_figure, height=320, key="walks_map", lang=lang)
    if allows(actor, Action.EDIT_SAFETY_WALKS, target):
        walk_form(actor, code)


guard = require("handlingsplan", title="Handlingsplan")
guarded(lambda: render(guard))
