"""Every read of partnership data is refused out of the viewer's scope, as every write is.

The table below calls each such read for Ishøj (183, Københavns Vestegns Politi, district 10) as
viewers bound elsewhere. The completeness test then walks dataio's public functions: any function
that takes `viewer` must be in the table, and any function that takes a municipality but neither
`viewer` nor `actor` must be named a public statistic here, so a new unguarded read fails.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

import dataio
from dataio.business.store import business_events, business_groups, business_walks, checked_totals
from dataio.communication.press import press_entries, press_quarters
from dataio.communication.stakeholders import item_partners, stakeholders
from dataio.errors import PermissionDenied
from dataio.files.action_plan_workbook import export_plan
from dataio.mail.brief import brief_content
from dataio.meeting_pack.content import municipality_report, police_district_report
from dataio.meeting_pack.pack import build_pack, build_report
from dataio.meetings.minutes import meeting_minutes
from dataio.meetings.store import (
    agenda_goals,
    create_meeting,
    decision_owners,
    draft_agenda,
    last_meeting_date,
    meeting_detail,
    meetings,
)
from dataio.status_document import (
    helpers_document,
    insecurity_document,
    other_goals,
    scope_status_document,
)
from dataio.store.action_plans import has_plan, plan_items, plan_summary
from dataio.store.incidents import (
    incident_aggregates,
    incident_points,
    incident_rows,
    incident_scan,
)
from dataio.store.incidents.actions import hotspot_actions
from dataio.store.incidents.view import hotspot_view
from dataio.store.neighbour_help import (
    activities,
    district_table,
    helper_counts,
    helper_overview,
    helper_sources,
    sign_ups_by_kind,
)
from dataio.store.surveys import insecurity_overview, survey_rounds
from dataio.store.walks import action_events, closed_follow_ups, open_follow_ups, walk_table
from dataio.survey_rounds.local import local_measures
from dataio.survey_rounds.schedule import next_round, response_rates, schedules
from dataio.tasks.check_ins import check_ins
from dataio.tasks.owners import my_items, owner_choices
from models.permissions import Actor, Role

ISHOJ = 183
TODAY = date(2026, 12, 2)
OUTSIDERS = [
    Actor("pl-kbh", Role.PROJECT_LEADER, municipality_code=101),
    Actor("byraad-kbh", Role.COUNCIL, municipality_code=101),
    Actor("politi-nord", Role.POLICE, police_district_number=1),
    Actor("erhverv-kbh", Role.BUSINESS, municipality_code=101),
]

Read = Callable[[Engine, Actor], Any]


def _ishoj_meeting(engine: Engine) -> int:
    """A meeting of Ishøj's partnership, registered by the administrator."""
    return create_meeting(
        engine, actor=Actor("admin", Role.ADMIN), code=ISHOJ, held_on=TODAY, title="Møde"
    )


def _refuse_if_empty(table: Any) -> Any:
    """The district table filters instead of refusing: an outsider's table must hold no Ishøj row."""
    if ISHOJ not in set(table["code"]) if len(table) else True:
        raise PermissionDenied("Ingen adgang: Ishøj er ikke i tabellen")
    return table


def _own_ishoj_item(engine: Engine, viewer: Actor) -> int:
    """An Ishøj plan item (the plan made once) owned by the viewer: the test of the reads of items."""
    from sqlalchemy import text

    from tests.factories import make_plan

    with engine.begin() as connection:
        if not connection.execute(text("SELECT count(*) FROM action_plan")).scalar_one():
            make_plan(engine, template_rows=[0])
        item_id = int(connection.execute(text("SELECT min(id) FROM action_item")).scalar_one())
        connection.execute(
            text("UPDATE action_item SET owner_username = :me WHERE id = :id"),
            {"me": viewer.username, "id": item_id},
        )
    return item_id


def _my_ishoj_items(engine: Engine, viewer: Actor) -> Any:
    """my_items filters: an Ishøj item the outsider owns must not be in their list."""
    _own_ishoj_item(engine, viewer)
    items = my_items(engine, viewer=viewer, today=TODAY)
    if ISHOJ not in set(items["municipality_code"]):
        raise PermissionDenied("Ingen adgang: Ishøj er ikke i listen")
    return items


READS: dict[str, Read] = {
    "owner_choices": lambda e, v: owner_choices(e, viewer=v, municipality_code=ISHOJ),
    "my_items": _my_ishoj_items,
    "check_ins": lambda e, v: check_ins(e, viewer=v, item_id=_own_ishoj_item(e, v)),
    "action_events": lambda e, v: action_events(e, viewer=v, code=ISHOJ),
    "hotspot_actions": lambda e, v: hotspot_actions(e, viewer=v, code=ISHOJ),
    "plan_items": lambda e, v: plan_items(e, viewer=v, municipality_code=ISHOJ),
    "has_plan": lambda e, v: has_plan(e, viewer=v, municipality_code=ISHOJ),
    "plan_summary": lambda e, v: plan_summary(e, viewer=v, municipality_code=ISHOJ, today=TODAY),
    "open_follow_ups": lambda e, v: open_follow_ups(e, viewer=v, municipality_code=ISHOJ),
    "closed_follow_ups": lambda e, v: closed_follow_ups(e, viewer=v, municipality_code=ISHOJ),
    "walk_table": lambda e, v: walk_table(e, viewer=v, municipality_code=ISHOJ),
    "helper_counts": lambda e, v: helper_counts(e, viewer=v, codes=[ISHOJ]),
    "district_table": lambda e, v: _refuse_if_empty(district_table(e, viewer=v, district=10)),
    "helper_overview": lambda e, v: helper_overview(e, viewer=v, code=ISHOJ),
    "activities": lambda e, v: activities(e, viewer=v, codes=[ISHOJ]),
    "sign_ups_by_kind": lambda e, v: sign_ups_by_kind(e, viewer=v, codes=[ISHOJ]),
    "helper_sources": lambda e, v: helper_sources(e, viewer=v, codes=[ISHOJ]),
    "survey_rounds": lambda e, v: survey_rounds(
        e, viewer=v, codes=[ISHOJ], measure_code="utryg_indbrud"
    ),
    "insecurity_overview": lambda e, v: insecurity_overview(e, viewer=v, code=ISHOJ),
    "schedules": lambda e, v: schedules(e, viewer=v, code=ISHOJ),
    "response_rates": lambda e, v: response_rates(e, viewer=v, code=ISHOJ),
    "next_round": lambda e, v: next_round(e, viewer=v, code=ISHOJ, today=TODAY),
    "local_measures": lambda e, v: local_measures(e, viewer=v, code=ISHOJ),
    "helpers_document": lambda e, v: helpers_document(e, viewer=v, code=ISHOJ),
    "insecurity_document": lambda e, v: insecurity_document(e, viewer=v, code=ISHOJ),
    "other_goals": lambda e, v: other_goals(e, viewer=v, code=ISHOJ),
    "scope_status_document": lambda e, v: scope_status_document(
        e, viewer=v, code=ISHOJ, today=TODAY
    ),
    "export_plan": lambda e, v: export_plan(
        e,
        viewer=v,
        municipality_code=ISHOJ,
        municipality_name="Ishøj",
        police_district_name="Københavns Vestegns Politi",
    ),
    "municipality_report": lambda e, v: municipality_report(e, viewer=v, code=ISHOJ, today=TODAY),
    "police_district_report": lambda e, v: police_district_report(
        e, viewer=v, district=10, today=TODAY
    ),
    "build_report": lambda e, v: build_report(
        e, viewer=v, municipality_code=ISHOJ, police_district=None, since=None, today=TODAY
    ),
    "meetings": lambda e, v: meetings(e, viewer=v, code=ISHOJ),
    "meeting_detail": lambda e, v: meeting_detail(e, viewer=v, meeting_id=_ishoj_meeting(e)),
    "last_meeting_date": lambda e, v: last_meeting_date(e, viewer=v, code=ISHOJ),
    "draft_agenda": lambda e, v: draft_agenda(e, viewer=v, code=ISHOJ, today=TODAY),
    "agenda_goals": lambda e, v: agenda_goals(e, viewer=v, code=ISHOJ),
    "decision_owners": lambda e, v: decision_owners(e, viewer=v, code=ISHOJ),
    "meeting_minutes": lambda e, v: meeting_minutes(
        e, viewer=v, meeting_id=_ishoj_meeting(e), demo=False
    ),
    "brief_content": lambda e, v: brief_content(e, viewer=v, code=ISHOJ, today=TODAY),
    "build_pack": lambda e, v: build_pack(
        e,
        viewer=v,
        municipality_code=ISHOJ,
        police_district=None,
        since=None,
        today=TODAY,
        formats=("pdf",),
    ),
    # single incidents: the police of the district and the administrator only (in scope below)
    "incident_rows": lambda e, v: incident_rows(e, viewer=v, code=ISHOJ),
    "incident_points": lambda e, v: incident_points(e, viewer=v, code=ISHOJ),
    # their aggregates (cells of at least 3): anyone who may view the municipality
    "incident_aggregates": lambda e, v: incident_aggregates(
        e, viewer=v, code=ISHOJ, start=date(2026, 11, 4), end=TODAY
    ),
    "incident_scan": lambda e, v: incident_scan(e, viewer=v, code=ISHOJ, until=TODAY),
    "hotspot_view": lambda e, v: hotspot_view(e, viewer=v, code=ISHOJ),
    # track 3 (dataio.communication): the press log, its quarters, stakeholders and partners
    "press_entries": lambda e, v: press_entries(e, viewer=v, code=ISHOJ),
    "press_quarters": lambda e, v: press_quarters(e, viewer=v, code=ISHOJ),
    "stakeholders": lambda e, v: stakeholders(e, viewer=v, code=ISHOJ),
    "item_partners": lambda e, v: item_partners(e, viewer=v, code=ISHOJ),
    # business neighbour-watch (dataio.business)
    "business_groups": lambda e, v: business_groups(e, viewer=v, code=ISHOJ),
    "business_events": lambda e, v: business_events(e, viewer=v, code=ISHOJ),
    "business_walks": lambda e, v: business_walks(e, viewer=v, code=ISHOJ),
    "checked_totals": lambda e, v: checked_totals(e, viewer=v, code=ISHOJ),
}
# Reads that need the police of the district in scope (a project leader is refused them).
POLICE_ONLY = {"police_district_report", "incident_rows", "incident_points"}
# Reads that hand the points to the pure hotspot model (models.hotspots, from its own branch).
NEED_HOTSPOT_MODEL = {"incident_points", "incident_aggregates", "incident_scan", "hotspot_view"}
# Functions that take `viewer` only to pass it on to a read above (checked through those reads).
PASS_THROUGH = {
    "municipality_part",
    "follow_up_table",
    "burglary_section",
    "helpers_section",
    "insecurity_section",
    # a goal builder's signature; it reads public statistics only (partnership_effect, PUBLIC)
    "effect_section",
    # likewise: public statistics only (expected_view: counts, households, age structure)
    "expected_section",
    # the pack's hotspots: the Hotspots page's view (hotspot_view, above), aggregates only
    "hotspot_section",
    "require_read",
    "require_read_all",
    "readable",
    "_require_incidents",  # incident_rows' and incident_points' refusal (tested through them)
    "audit_entries",  # scoped by the change-log tests (tests/dataio/db/test_audit.py)
    # the change log's scope as SQL, and the list of imports filtered by it (test_audit_scope.py)
    "visible_to",
    "source_table",
    # the change log's pages, filters and export: visible_to in SQL (tests/dataio/db/test_audit_pages.py)
    "_where",
    "_selection",
    "audit_page",
    "audit_chunks",
    "audit_choices",
    "audit_counts",  # Min kommune's summary: the same _where, counted per table
    "audit_workbook",
    "plan_changes",  # the meeting pack's changes since the last meeting, through audit_page
    # the monthly brief (dataio.mail.brief): brief_content's parts, and its call per due brief
    "_goals",
    "_overdue",
    "compose_briefs",
}
# They take a municipality but read no partnership data: public statistics, names, helpers.
PUBLIC = {
    "municipality_overview",
    "municipality_quarters",
    "rate_comparison",
    # a partnership's burglaries against the non-partners': counts, households, partnership list
    "effect_inputs",
    "partnership_effect",
    # burglaries against what the conditions predict: counts, households, age structure
    "expected_for",
    "expected_document",
    "sources_of_burglaries",
    "find_goal",
    "municipality_names",
    "municipality_target",
    "parse_helpers",
    "national_insecurity_document",
    "measure",
    "remove_demo_rows",  # a write step inside an import's transaction, after its rights check
    # the project leader's own status of a goal, shown beside the goal's public status
    "goal_override",
    "with_overrides",
    "plan_link",  # the plan's address in the app for a calendar event: reads nothing
    "spread_over_quarters",  # demo generation: splits made-up yearly counts, reads nothing
    # the public view (dataio.public): public statistics and the summary published on purpose
    "public_view",
    "publication",
    # other offences of STRAF11 (dataio.offences): public statistics like the burglaries
    "offence_quarters",
    "offence_comparison",
    "offence_document",
}


@pytest.mark.parametrize("name", sorted(READS))
@pytest.mark.parametrize("viewer", OUTSIDERS, ids=lambda a: a.username)
def test_a_read_out_of_scope_is_refused(seeded_engine: Engine, name: str, viewer: Actor) -> None:
    with pytest.raises(PermissionDenied) as refused:
        READS[name](seeded_engine, viewer)
    assert "Ingen adgang" in str(refused.value)
    assert ("Ishøj" if name != "police_district_report" else "må ikke se") in str(refused.value)


@pytest.mark.parametrize("name", ["incident_rows", "incident_points"])
@pytest.mark.parametrize(
    "viewer",
    [
        Actor("pl-ishoj", Role.PROJECT_LEADER, municipality_code=ISHOJ),
        Actor("byraad-ishoj", Role.COUNCIL, municipality_code=ISHOJ),
        Actor("erhverv-ishoj", Role.BUSINESS, municipality_code=ISHOJ),
    ],
    ids=lambda a: a.username,
)
def test_single_incidents_are_refused_to_the_municipalitys_own_leader_and_council(
    seeded_engine: Engine, name: str, viewer: Actor
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        READS[name](seeded_engine, viewer)
    assert "må ikke se politiets hændelser (enkelte indbrud) for Ishøj" in str(refused.value)


@pytest.mark.parametrize("name", sorted(READS))
def test_the_same_read_in_scope_is_allowed(seeded_engine: Engine, name: str) -> None:
    if name in NEED_HOTSPOT_MODEL:
        pytest.importorskip("models.hotspots")
    if name in POLICE_ONLY:
        viewer = Actor("politi-kv", Role.POLICE, police_district_number=10)
    else:
        viewer = Actor("pl-ishoj", Role.PROJECT_LEADER, municipality_code=ISHOJ)
    READS[name](seeded_engine, viewer)


def test_the_district_table_shows_only_what_the_viewer_may_read(seeded_engine: Engine) -> None:
    leader = Actor("pl-ishoj", Role.PROJECT_LEADER, municipality_code=ISHOJ)
    assert list(district_table(seeded_engine, viewer=leader, district=10)["code"]) == [ISHOJ]
    assert district_table(seeded_engine, viewer=OUTSIDERS[0], district=10).empty
    police = Actor("politi-kv", Role.POLICE, police_district_number=10)
    assert len(district_table(seeded_engine, viewer=police, district=10)) > 1


def _public_functions() -> dict[str, inspect.Signature]:
    found: dict[str, inspect.Signature] = {}
    for module_info in pkgutil.walk_packages(dataio.__path__, "dataio."):
        if ".migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__:
                found[name] = inspect.signature(function)
    return found


def test_every_read_of_a_municipality_takes_a_viewer_or_is_named_public() -> None:
    functions = _public_functions()
    takes_viewer = {n for n, s in functions.items() if "viewer" in s.parameters}
    assert takes_viewer - PASS_THROUGH == set(READS)
    municipal = {
        n
        for n, s in functions.items()
        if not n.startswith("_")
        and {"code", "codes", "municipality_code"} & set(s.parameters)
        and not {"viewer", "actor"} & set(s.parameters)
    }
    assert municipal <= PUBLIC, f"a read of a municipality without viewer=: {municipal - PUBLIC}"
