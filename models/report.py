"""The meeting pack's content (pure): goal sections, action-plan buckets, and the snapshot id.

The PDF and the Excel workbook are both drawn from one `MeetingReport`, so they cannot disagree,
and the snapshot id is a hash of exactly what they show (everything but the generation time), so
the minutes of a meeting can cite the numbers they discussed. A report is made in one language
(`lang`: its headings, sentences and labels); one in English carries the Danish report's id, so
the id names the numbers whichever language the pack is read in.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from models.actionplan import CLOSED, ItemStatus, is_overdue, is_stale
from models.i18n import DANISH, N_, translate

DEMO_MARK = N_("EKSEMPELDATA")
DUE_SOON_DAYS = 30
DEFAULT_SINCE_DAYS = 30

Cell = str | int | float | date | None


@dataclass(frozen=True)
class ReportTable:
    """A table as both formats show it: headings and rows of plain values (formatted when drawn)."""

    title: str
    columns: list[str]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class SourceLine:
    """A data source with its as-of date, and whether it is demo data."""

    name: str
    as_of: date
    demo: bool


@dataclass(frozen=True)
class GoalSection:
    """One goal of one municipality: a pluggable unit of the report (burglaries, helpers, insecurity).

    `chart` draws the section's chart (a matplotlib Figure in practice); it is left out of the
    snapshot, which hashes the numbers the chart is drawn from (`table` and `lines`) instead.
    """

    key: str  # "burglaries", "effect", "helpers", "insecurity"
    title: str
    # a models.domain.Status value, or None where there is no data yet ("effect": an EffectStatus
    # value, or None without an estimate)
    status: str | None
    status_label: str
    lines: list[str]  # key figures, one sentence each, in the report's language
    table: ReportTable
    figures: list[tuple[str, Cell]] = field(default_factory=list)  # the key figures as values
    demo: bool = False
    sources: list[SourceLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # series breaks and caveats of this goal's data
    chart: Callable[[], Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PlanRow:
    """An action-plan item as the rules and the report need it."""

    title: str
    track: str
    owner: str
    organisation: str
    status: str
    progress: int
    due_date: date | None
    changed_at: datetime


@dataclass(frozen=True)
class PlanBuckets:
    """The action plan as the meeting walks through it."""

    overdue: list[PlanRow]
    stale: list[PlanRow]
    done_since: list[PlanRow]
    due_soon: list[PlanRow]


@dataclass(frozen=True)
class MunicipalityPart:
    """Everything the report says about one municipality."""

    code: int
    name: str
    goals: list[GoalSection]
    has_plan: bool
    plan: PlanBuckets
    plan_counts: dict[str, int | float | None]  # items, done, overdue, stale, progress
    follow_ups: ReportTable
    # what changed in the plan since the last meeting, one sentence each, newest first
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingReport:
    """The whole meeting pack for a municipality or a police district."""

    title: str
    partnership: str
    since: date
    today: date
    generated_at: datetime
    demo: bool
    parts: list[MunicipalityPart]
    sources: list[SourceLine]
    notes: list[str]  # series breaks and other caveats
    lang: str = DANISH  # the language of every text above (the numbers are the same in each)
    # the id of the same report in Danish, for a report in another language: the id names the
    # numbers, so a pack read in English cites the id its meeting tied (dataio.meetings)
    danish_snapshot_id: str | None = None

    @property
    def snapshot_id(self) -> str:
        """First 12 hex digits of sha256 over the canonical content (generation time left out);
        the Danish report's id for a report in another language, when it was given."""
        if self.danish_snapshot_id is not None:
            return self.danish_snapshot_id
        return snapshot_id(canonical_content(self))


def demo_mark(*, lang: str = DANISH) -> str:
    """The demo data's mark on every page, slide and sheet: "EKSEMPELDATA" ("EXAMPLE DATA")."""
    return translate(lang, DEMO_MARK)


# The plan's category values as the data has them (models.actionplan), and what a reader sees
PLAN_VALUE_TEXT = {
    "ikke startet": N_("ikke startet"),
    "i gang": N_("i gang"),
    "færdig": N_("færdig"),
    "udskudt": N_("udskudt"),
    "aflyst": N_("aflyst"),
    "åben": N_("åben"),  # a walk's observation (dataio.store.walks): åben, i gang, lukket
    "lukket": N_("lukket"),
    "Organisering": N_("Organisering"),
    "Spor 1": N_("Spor 1"),
    "Spor 2": N_("Spor 2"),
    "Spor 3": N_("Spor 3"),
    "kommune": N_("kommune"),
    "politi": N_("politi"),
    "fælles": N_("fælles"),
    "erhvervsforening": N_("erhvervsforening"),
}


def plan_value_text(value: str, *, lang: str = DANISH) -> str:
    """An action item's status, track or organisation, or a walk observation's status, as shown
    ('i gang' -> 'in progress'); anything else (a title, a name) as it is."""
    return translate(lang, PLAN_VALUE_TEXT[value]) if value in PLAN_VALUE_TEXT else value


def default_since(today: date) -> date:
    """The last meeting, when nobody says otherwise: 30 days ago."""
    return today - timedelta(days=DEFAULT_SINCE_DAYS)


def plan_buckets(rows: list[PlanRow], *, today: date, since: date) -> PlanBuckets:
    """Overdue, stale (90 days untouched), done since the last meeting, due in the next 30 days."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return PlanBuckets(
        overdue=[r for r in rows if is_overdue(status=r.status, due_date=r.due_date, today=today)],
        stale=[r for r in rows if is_stale(status=r.status, changed_at=r.changed_at, today=today)],
        done_since=[
            r for r in rows if r.status == ItemStatus.DONE and r.changed_at.date() >= since
        ],
        due_soon=[
            r
            for r in rows
            if r.status not in CLOSED and r.due_date is not None and today <= r.due_date <= soon
        ],
    )


def _plain(value: Any) -> Any:
    """A JSON-stable form of a value: dates as ISO text, floats rounded, containers recursed."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _table(table: ReportTable) -> dict[str, Any]:
    return {"title": table.title, "columns": table.columns, "rows": table.rows}


def _plan_row(row: PlanRow) -> list[Any]:
    return [row.title, row.owner, row.status, row.progress, row.due_date, row.changed_at]


def canonical_content(report: MeetingReport) -> dict[str, Any]:
    """What the report shows, as plain data: everything except the generation time and charts."""
    parts = [
        {
            "code": part.code,
            "name": part.name,
            "goals": [
                {
                    "key": g.key,
                    "status": g.status,
                    "lines": g.lines,
                    "table": _table(g.table),
                    "figures": [list(f) for f in g.figures],
                    "demo": g.demo,
                    "sources": [[x.name, x.as_of, x.demo] for x in g.sources],
                    "notes": g.notes,
                }
                for g in part.goals
            ],
            "has_plan": part.has_plan,
            "plan": {
                name: [_plan_row(r) for r in getattr(part.plan, name)]
                for name in ("overdue", "stale", "done_since", "due_soon")
            },
            "plan_counts": part.plan_counts,
            "follow_ups": _table(part.follow_ups),
            "changes": part.changes,
        }
        for part in report.parts
    ]
    return _plain(
        {
            "title": report.title,
            "partnership": report.partnership,
            "since": report.since,
            "today": report.today,
            "demo": report.demo,
            "parts": parts,
            "sources": [[s.name, s.as_of, s.demo] for s in report.sources],
            "notes": report.notes,
        }
    )


def snapshot_id(content: dict[str, Any]) -> str:
    """sha256 over canonical JSON (sorted keys, no spaces), first 12 hex digits."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]
