"""Nabohjælp: the police district's neighbour-helpers against targets, and how recruitment works."""

from datetime import date

import streamlit as st

from models.overlay import HELPER_OVERLAY_CAPTION
from models.permissions import Action, Actor, Role, Target, allows
from ui import loaders
from ui.auth import require
from ui.data_view import HELPERS, may_import, table_upload_section
from ui.described import cached_chart
from ui.downloads import table_download
from ui.goal_charts import helper_chart, sign_ups_chart
from ui.goal_views import (
    activities_for_display,
    activity_form,
    count_form,
    first_shown,
    helper_action_marks,
    helper_card,
    helper_table_for_display,
    latest_counts,
    saved_message,
)
from ui.i18n import _, active_language
from ui.maps import cached_map, helper_map
from ui.page import demo_notice, guarded, home_municipality
from ui.text import DEMO_HELPERS_BANNER


def linked_municipality() -> int | None:
    """The municipality a link asked for (?kommune=, as from Min kommune), if any."""
    wanted = st.query_params.get("kommune", "")
    return int(wanted) if wanted.isdigit() else None


def choose_district(actor: Actor, version: int) -> int:
    """Police and municipal users see their own district; the administrator picks one."""
    districts = loaders.load_police_districts(version)
    if actor.role is not Role.ADMIN:
        if actor.police_district_number is not None:
            return actor.police_district_number
        table = loaders.load_municipalities(version)
        own = home_municipality(actor, table)
        return int(table.set_index("code").loc[own, "police_district_number"])
    numbers = list(districts)
    wanted = st.query_params.get("kreds", "")
    if not wanted and (code := linked_municipality()) is not None:  # a link for one municipality
        table = loaders.load_municipalities(version).set_index("code")
        if code in table.index:
            wanted = str(int(table.loc[code, "police_district_number"]))
    index = numbers.index(int(wanted)) if wanted.isdigit() and int(wanted) in districts else 0
    number = int(
        st.sidebar.selectbox(
            _("Politikreds"),
            numbers,
            index=index,
            format_func=lambda n: districts[n],
            key="helper_district",
        )
    )
    st.query_params["kreds"] = str(number)
    return number


def render(actor: Actor) -> None:
    """The page body."""
    version, today, lang = loaders.current_version(), date.today(), active_language()
    district = choose_district(actor, version)
    st.title(
        _("Nabohjælp: {district}").format(district=loaders.load_police_districts(version)[district])
    )
    saved_message()
    table = loaders.load_helper_table(version, actor, district)
    if table.empty:
        st.info(_("Du har ikke adgang til kommunerne i denne politikreds."))
        return
    demo_notice(bool(table["demo"].any()), text=DEMO_HELPERS_BANNER, lang=lang)
    names = dict(zip(table["code"], table["name"], strict=True))
    st.subheader(_("Kommunerne i kredsen"))
    district_frame = helper_table_for_display(table, lang=lang)
    table_download(district_frame, title=_("Nabohjælp i kredsen"), key="helper_table_download")
    st.dataframe(
        district_frame,
        hide_index=True,
        key="helper_table",
        height=38 + 35 * min(len(table), 20),  # the whole district without scrolling
    )
    st.caption(
        _(
            "Status bruger samme klassifikation som indbrud: en lige linje gennem de seneste to års "
            "optællinger fremskrives til målåret med 95 %-interval. Nabovenner: én pr. 100 husstande."
        )
    )
    left, right = st.columns([3, 2])
    with left:
        code = int(
            st.selectbox(
                _("Kommune"),
                list(names),
                index=list(names).index(
                    first_shown(table, own=linked_municipality() or actor.municipality_code)
                ),
                format_func=lambda c: names[c],
                key="helper_municipality",
            )
        )
        overview = loaders.load_helper_overview(version, actor, code)
        marks = helper_action_marks(actor, version, overview)
        cached_chart(
            lambda: helper_chart(overview, marks=marks, lang=lang),
            key="helper_chart",
            version=version,
            cache_key=(actor, code),
            lang=lang,
        )
        if marks:
            st.caption(_(HELPER_OVERLAY_CAPTION))
    with right:
        helper_card(overview, lang=lang)
        cached_map(
            lambda: helper_map(table, lang=lang),
            key="helper_map",
            version=version,
            cache_key=(actor, district, lang),
            height=320,
            legend_beside=False,
            lang=lang,
        )
    codes = tuple(int(c) for c in table["code"])
    recent, by_kind = loaders.load_recruitment(version, actor, codes)
    st.subheader(_("Hvilken rekruttering virker?"))
    if by_kind.empty:
        st.info(_("Der er endnu ingen rekrutteringsaktiviteter registreret i kredsen."))
    else:
        cached_chart(
            lambda: sign_ups_chart(by_kind, lang=lang),
            key="sign_ups_chart",
            version=version,
            cache_key=(actor, codes),
            lang=lang,
        )
        with st.expander(_("Seneste aktiviteter")):
            st.dataframe(activities_for_display(recent.head(50), lang=lang), hide_index=True)
    editable = {
        c: n for c, n in names.items() if allows(actor, Action.EDIT_HELPERS, Target(c, district))
    }
    if editable:
        st.subheader(_("Registrér"))
        count_column, activity_column = st.columns(2)
        with count_column:
            count_form(actor, editable, today=today, latest=latest_counts(table), lang=lang)
        with activity_column:
            activity_form(actor, editable, today=today, lang=lang)
    if may_import(actor, HELPERS.action):
        with st.expander(_("Indlæs mange optællinger fra en fil (CSV eller Excel)")):
            table_upload_section(actor, HELPERS)


guard = require("nabohjaelp", title="Nabohjælp")
guarded(lambda: render(guard.actor))
