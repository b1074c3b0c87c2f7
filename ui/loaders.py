"""Cached loaders: one engine per process; results cached per data version, cleared on writes."""

from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dataio.db.audit import (
    AuditChoices,
    AuditFilter,
    AuditPage,
    audit_choices,
    audit_counts,
    audit_page,
)
from dataio.db.engine import data_version, make_engine
from dataio.public import Publication, PublicView, public_view, publication
from dataio.settings import Settings
from dataio.status_document import national_insecurity_document
from dataio.store.action_plans import facts, has_plan, plan_items, with_flags
from dataio.store.areas import municipality_table, partnership_table
from dataio.store.burglaries import (
    BurglaryOverview,
    municipal_pooling,
    municipality_overview,
    national_overview,
)
from dataio.store.comparison import (
    PartnershipEffect,
    RateComparison,
    municipality_statuses,
    partnership_effect,
    rate_comparison,
)
from dataio.store.expected import ExpectedView, expected_view
from dataio.store.goals import find_goal
from dataio.store.incidents import incident_rows
from dataio.store.incidents.view import HotspotView, hotspot_view
from dataio.store.neighbour_help import (
    HelperOverview,
    activities,
    district_table,
    helper_overview,
    sign_ups_by_kind,
)
from dataio.store.sources import source_table
from dataio.store.surveys import InsecurityOverview, insecurity_overview
from dataio.store.users import user_table
from dataio.store.walks import action_events, closed_follow_ups, open_follow_ups, walk_table
from models.actionplan import PlanSummary, progress_by_track, summarise
from models.overlay import ActionEvent
from models.permissions import Actor
from models.pooling import Pooling
from models.tables import Goal

TTL_SECONDS = 600


@st.cache_resource
def engine() -> Engine:
    """The process's one engine (connection pool)."""
    return make_engine(Settings.from_env().database_url)


def current_version() -> int:
    """The database's data version: part of every cache key, so a write anywhere shows everywhere."""
    return data_version(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_hotspot_view(
    version: int, viewer: Actor, code: int, weeks: int, min_count: int
) -> HotspotView:
    """The Hotspots page's aggregates: the scan of the extract's newest weeks, the proposals taken."""
    return hotspot_view(engine(), viewer=viewer, code=code, weeks=weeks, min_count=min_count)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_incident_rows(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The police's single incidents (refused for anyone but the district's police and the admin)."""
    return incident_rows(engine(), viewer=viewer, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_national_overview(version: int) -> BurglaryOverview:
    """Denmark's burglary overview."""
    return national_overview(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_pooling(version: int) -> Pooling | None:
    """Every municipality's trend pulled towards the common one: 98 trend fits, so once per
    data version and shared by the map and every Kommune page."""
    return municipal_pooling(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_public_view(version: int, code: int) -> PublicView | None:
    """The public page of a municipality (public statistics only), or None: not published."""
    return public_view(engine(), code=code)


def load_publication(code: int) -> Publication | None:
    """A partnership's publishing state for the form (read fresh: it is about to be changed)."""
    return publication(engine(), code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_municipality_overview(version: int, code: int) -> BurglaryOverview:
    """One municipality's burglary overview."""
    return municipality_overview(engine(), code=code, pooling=load_pooling(version))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_statuses(version: int) -> pd.DataFrame:
    """Every municipality's status (the map)."""
    return municipality_statuses(engine(), pooling=load_pooling(version))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_rate_comparison(version: int, code: int, year: int) -> RateComparison:
    """A municipality's rate against its peers and the nation."""
    return rate_comparison(engine(), code=code, year=year)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_partnership_effect(version: int, code: int) -> PartnershipEffect | None:
    """A partnership's burglaries against a synthetic control (None: not a partnership); the
    placebo runs fit some 80 comparisons, so this is computed once per data version."""
    return partnership_effect(engine(), code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_expected(version: int) -> ExpectedView:
    """Every municipality's burglaries against what its size and age structure predict (98
    negative-binomial fits, one left out each), once per data version; public statistics."""
    return expected_view(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_municipalities(version: int) -> pd.DataFrame:
    """The 98 municipalities for pickers (Christiansø left out)."""
    table = municipality_table(engine())
    return table[table["is_municipality"].astype(bool)].reset_index(drop=True)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_national_goal(version: int, indicator: str) -> Goal | None:
    """The national goal for an indicator, as stored."""
    return find_goal(engine(), indicator=indicator, code=None)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_audit_counts(version: int, viewer: Actor, filters: AuditFilter) -> dict[str, int]:
    """The rows of a change-log selection per table, counted in SQL (Min kommune's summary)."""
    return audit_counts(engine(), viewer=viewer, filters=filters)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_audit_page(version: int, viewer: Actor, filters: AuditFilter, page: int) -> AuditPage:
    """One page of the change log (filtered and paged in SQL) and the selection's size."""
    return audit_page(engine(), viewer=viewer, filters=filters, page=page)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_audit_choices(version: int, viewer: Actor, since: datetime | None) -> AuditChoices:
    """The change log's filter choices (kinds of change, municipalities, people) since the date."""
    return audit_choices(engine(), viewer=viewer, since=since)


def load_users(version: int) -> pd.DataFrame:
    """Users for the administration page, read on every run: not cached, because a lockout is
    written without bumping the data version (login bookkeeping must not clear every server's
    caches), so a cached table would show a stale "Låst til" here and on every other server."""
    return user_table(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_partnerships(version: int) -> pd.DataFrame:
    """The partnership municipalities with their start as announced (or set by the administrator)."""
    return partnership_table(engine())


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_police_districts(version: int) -> dict[int, str]:
    """Police district names by number."""
    table = municipality_table(engine())
    return dict(zip(table["police_district_number"], table["police_district"], strict=False))


def after_write() -> None:
    """Every write: drop this process's cached reads (other processes see the new data version)."""
    st.cache_data.clear()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_plan(
    version: int, viewer: Actor, code: int, today: date
) -> tuple[pd.DataFrame, PlanSummary | None, dict[str, float | None]]:
    """The plan's items with flags, its summary and progress per track (summary None: no plan)."""
    items = plan_items(engine(), viewer=viewer, municipality_code=code)
    if not has_plan(engine(), viewer=viewer, municipality_code=code):
        return items, None, {}
    item_facts = facts(items)
    return (
        with_flags(items, today=today),
        summarise(item_facts, today=today),
        progress_by_track(item_facts),
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_action_events(version: int, viewer: Actor, code: int) -> list[ActionEvent]:
    """The municipality's finished plan items, safety walks and recruitment activities (dated)."""
    return action_events(engine(), viewer=viewer, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_walks(
    version: int, viewer: Actor, code: int
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The municipality's walks, its open follow-ups and those closed lately."""
    return (
        walk_table(engine(), viewer=viewer, municipality_code=code),
        open_follow_ups(engine(), viewer=viewer, municipality_code=code),
        closed_follow_ups(engine(), viewer=viewer, municipality_code=code),
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_sources(version: int, viewer: Actor) -> pd.DataFrame:
    """The recorded batches of data the viewer may see (provenance), newest first: shipped data
    for everyone, an import for those whose municipalities it touched (like the change log)."""
    return source_table(engine(), viewer=viewer)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_helper_table(version: int, viewer: Actor, district: int | None) -> pd.DataFrame:
    """The district's municipalities with helpers, goals and status, cut to what the viewer may read."""
    return district_table(engine(), viewer=viewer, district=district)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_helper_overview(version: int, viewer: Actor, code: int) -> HelperOverview:
    """One municipality's helper series and assessment."""
    return helper_overview(engine(), viewer=viewer, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_recruitment(
    version: int, viewer: Actor, codes: tuple[int, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recruitment activities of the municipalities and sign-ups by activity type."""
    return (
        activities(engine(), viewer=viewer, codes=list(codes)),
        sign_ups_by_kind(engine(), viewer=viewer, codes=list(codes)),
    )


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_insecurity(version: int, viewer: Actor, code: int) -> InsecurityOverview:
    """One municipality's survey rounds, national series, goal and status."""
    return insecurity_overview(engine(), viewer=viewer, code=code)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_national_insecurity(version: int) -> dict[str, Any] | None:
    """The latest national insecurity share (as `botrygt status --national` reports it)."""
    return national_insecurity_document(engine())
