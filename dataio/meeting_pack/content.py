"""The meeting pack's content, gathered from the same functions the dashboard's pages use.

A goal section is a small pluggable unit: `GOAL_SECTION_BUILDERS` lists the functions that each
turn one municipality into a `GoalSection` (or None where that goal has no data to show). Add a
builder there (helpers, insecurity) and both the PDF and the Excel workbook show it.
"""

from datetime import UTC, date, datetime
from typing import Protocol

import pandas as pd
from sqlalchemy import Engine
from sqlmodel import Session

from dataio.db.audit import AuditFilter, audit_page
from dataio.errors import NotFound, UnknownMunicipality
from dataio.meeting_pack.burglaries import burglary_section
from dataio.meeting_pack.effect import effect_section
from dataio.meeting_pack.expected import expected_section
from dataio.meeting_pack.hotspots import hotspot_section
from dataio.meeting_pack.other_goals import helpers_section, insecurity_section
from dataio.settings import MIN_HOTSPOT_COUNT
from dataio.store.action_plans import has_plan, plan_items, plan_summary, require_read
from dataio.store.areas import municipality_table
from dataio.store.walks import open_follow_ups
from models.change_text import PLAN_ENTITIES, change_sentence, person_name
from models.formatting import danish_day, danish_midnight, fmt_date, fmt_int
from models.i18n import DANISH, N_, translate, translate_plural, translator
from models.permissions import Actor
from models.report import (
    Cell,
    GoalSection,
    MeetingReport,
    MunicipalityPart,
    PlanRow,
    ReportTable,
    default_since,
    plan_buckets,
    plan_value_text,
)
from models.tables import PoliceDistrict

DEMO_NOTE = N_(
    "EKSEMPELDATA: rapporten bygger helt eller delvis på genererede eksempeltal (indbrud pr. "
    "kommune, nabohjælpere, tryghedsmålinger). De er ikke officielle tal og må ikke citeres."
)


class GoalSectionBuilder(Protocol):
    """(engine, municipality code, viewer) in, a GoalSection in the language out (or None)."""

    def __call__(
        self, con: Engine, code: int, viewer: Actor, /, *, lang: str = DANISH
    ) -> GoalSection | None: ...


# The goals in the report's order; a builder may return None to leave its goal out.
GOAL_SECTION_BUILDERS: list[GoalSectionBuilder] = [
    burglary_section,
    effect_section,  # partnership municipalities only: "Virker partnerskabet?"
    expected_section,  # "Forventet mod faktisk": against what size and age structure predict
    helpers_section,
    insecurity_section,
]


def _plan_rows(items: pd.DataFrame) -> list[PlanRow]:
    return [
        PlanRow(
            title=str(r.title),
            track=str(r.track),
            owner=str(r.owner_name or ""),
            organisation=str(r.organisation),
            status=str(r.status),  # the value: the rules read it; shown as plan_value_text
            progress=int(r.progress),
            due_date=None if pd.isna(r.due_date) else pd.Timestamp(r.due_date).date(),
            changed_at=pd.Timestamp(r.changed_at).to_pydatetime(),
        )
        for r in items.itertuples()
    ]


def follow_up_table(con: Engine, *, viewer: Actor, code: int, lang: str = DANISH) -> ReportTable:
    """Open safety-walk follow-ups, oldest walk first."""
    _ = translator(lang)
    frame = open_follow_ups(con, viewer=viewer, municipality_code=code)
    rows: list[list[Cell]] = [
        [
            pd.Timestamp(r.walk_date).date(),
            str(r.area),
            int(r.number),
            str(r.description),
            str(r.responsible or ""),
            str(r.follow_up or ""),
            plan_value_text(str(r.status), lang=lang),
            _("ja") if not pd.isna(r.action_item_id) else _("nej"),
        ]
        for r in frame.itertuples()
    ]
    return ReportTable(
        title=_("Åbne opfølgninger fra tryghedsvandringer"),
        columns=[
            _("Vandring"),
            _("Område"),
            _("Nr."),
            _("Observation"),
            _("Ansvarlig"),
            _("Opfølgning"),
            _("Status"),
            _("I planen"),
        ],
        rows=rows,
    )


CHANGES_SHOWN = 40  # the newest changes in the pack; the change log has the rest


def plan_changes(
    con: Engine, *, viewer: Actor, code: int, since: date, lang: str = DANISH
) -> list[str]:
    """What changed in the plan, walks and follow-ups since the last meeting, newest first: one
    sentence each (time, person, what from what to what), as the change log says it (the
    sentences themselves: models.change_text, in Danish until it takes a language)."""
    filters = AuditFilter(
        since=danish_midnight(since), municipality_code=code, entities=PLAN_ENTITIES
    )
    page = audit_page(con, viewer=viewer, filters=filters, page_size=CHANGES_SHOWN)
    lines = []
    for row in page.rows.itertuples():
        person = (
            row.display_name
            if isinstance(row.display_name, str)
            else person_name(row.username, lang=lang)
        )
        sentence = change_sentence(
            action=str(row.action), summary=str(row.summary or ""), before=row.before,
            after=row.after, lang=lang,
        )  # fmt: skip
        lines.append(
            f"{fmt_date(danish_day(pd.Timestamp(row.at).to_pydatetime()), lang=lang)}, {person}: {sentence}"
        )
    if page.total > len(lines):
        rest = page.total - len(lines)
        more = translate_plural(
            lang,
            "… og {count} ændring mere i Ændringslog.",
            "… og {count} ændringer mere i Ændringslog.",
            rest,
        )
        lines.append(more.format(count=fmt_int(rest, lang=lang)))
    return lines


def municipality_part(
    con: Engine,
    *,
    viewer: Actor,
    code: int,
    name: str,
    today: date,
    since: date,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MunicipalityPart:
    """One municipality's goals, action plan and open follow-ups; after the goals its hotspots
    when the police's incidents are imported for it (squares of at least `hotspot_min_count`)."""
    goals = [
        s
        for build in GOAL_SECTION_BUILDERS
        if (s := build(con, code, viewer, lang=lang)) is not None
    ]
    hotspots = hotspot_section(con, code, viewer, min_count=hotspot_min_count, lang=lang)
    if hotspots is not None:
        goals.append(hotspots)
    exists = has_plan(con, viewer=viewer, municipality_code=code)
    rows = _plan_rows(plan_items(con, viewer=viewer, municipality_code=code)) if exists else []
    summary = plan_summary(con, viewer=viewer, municipality_code=code, today=today)
    counts: dict[str, int | float | None] = (
        {}
        if summary is None
        else {
            "items": summary.items,
            "done": summary.done,
            "overdue": summary.overdue,
            "stale": summary.stale,
            "progress": None if summary.progress is None else round(summary.progress, 3),
        }
    )
    return MunicipalityPart(
        code=code,
        name=name,
        goals=goals,
        has_plan=exists,
        plan=plan_buckets(rows, today=today, since=since),
        plan_counts=counts,
        follow_ups=follow_up_table(con, viewer=viewer, code=code, lang=lang),
        changes=plan_changes(con, viewer=viewer, code=code, since=since, lang=lang),
    )


def _assemble(
    *,
    title: str,
    partnership: str,
    parts: list[MunicipalityPart],
    today: date,
    since: date,
    now: datetime,
    lang: str = DANISH,
) -> MeetingReport:
    sections = [g for part in parts for g in part.goals]
    demo = any(g.demo for g in sections)
    sources = list(dict.fromkeys(s for g in sections for s in g.sources))
    notes = ([translate(lang, DEMO_NOTE)] if demo else []) + list(
        dict.fromkeys(n for g in sections for n in g.notes)
    )
    return MeetingReport(
        title=title,
        partnership=partnership,
        since=since,
        today=today,
        generated_at=now,
        demo=demo,
        parts=parts,
        sources=sorted(sources, key=lambda s: (s.name, s.as_of)),
        notes=notes,
        lang=lang,
    )


def municipality_report(
    con: Engine,
    *,
    viewer: Actor,
    code: int,
    today: date,
    since: date | None = None,
    now: datetime | None = None,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MeetingReport:
    """The meeting pack for one municipality's partnership (refused outside the viewer's scope),
    its text in `lang`."""
    _ = translator(lang)
    areas = municipality_table(con)
    match = areas[(areas["code"] == code) & areas["is_municipality"].astype(bool)]
    if match.empty:
        raise UnknownMunicipality(code)
    require_read(con, viewer=viewer, municipality_code=code)
    name, district = str(match["name"].iloc[0]), str(match["police_district"].iloc[0])
    start = since or default_since(today)
    part = municipality_part(
        con,
        viewer=viewer,
        code=code,
        name=name,
        today=today,
        since=start,
        hotspot_min_count=hotspot_min_count,
        lang=lang,
    )
    return _assemble(
        title=_("Mødepakke: {name}").format(name=name),
        partnership=_("Bo trygt-partnerskabet i {name}: {name} Kommune og {district}").format(
            name=name, district=district
        ),
        parts=[part],
        today=today,
        since=start,
        now=now or datetime.now(UTC),
        lang=lang,
    )


def police_district_report(
    con: Engine,
    *,
    viewer: Actor,
    district: int,
    today: date,
    since: date | None = None,
    now: datetime | None = None,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MeetingReport:
    """The meeting pack for a police district: one part per municipality it covers."""
    _ = translator(lang)
    with Session(con) as session:
        found = session.get(PoliceDistrict, district)
        if found is None:
            raise NotFound(f"Ukendt politikreds: {district} (politikredsene er nummereret 1-12)")
        district_name = found.name
    areas = municipality_table(con)
    members = areas[
        (areas["police_district_number"] == district) & areas["is_municipality"].astype(bool)
    ]
    for code in members["code"]:
        require_read(con, viewer=viewer, municipality_code=int(code))
    start = since or default_since(today)
    parts = [
        municipality_part(
            con,
            viewer=viewer,
            code=int(c),
            name=str(n),
            today=today,
            since=start,
            hotspot_min_count=hotspot_min_count,
            lang=lang,
        )
        for c, n in zip(members["code"], members["name"], strict=True)
    ]
    return _assemble(
        title=_("Mødepakke: {name}").format(name=district_name),
        partnership=_("Bo trygt i {district} og dens {count} kommuner: {names}").format(
            district=district_name, count=len(parts), names=", ".join(p.name for p in parts)
        ),
        parts=parts,
        today=today,
        since=start,
        now=now or datetime.now(UTC),
        lang=lang,
    )
