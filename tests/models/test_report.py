"""The meeting pack's pure rules: the action-plan buckets and the snapshot id."""

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from models.report import (
    GoalSection,
    MeetingReport,
    MunicipalityPart,
    PlanRow,
    ReportTable,
    SourceLine,
    default_since,
    plan_buckets,
    snapshot_id,
)

TODAY = date(2026, 12, 1)
SINCE = date(2026, 11, 1)


def item(status: str, *, due: int | None, changed: int, progress: int = 0) -> PlanRow:
    """An item due `due` days from today (None: no date), last changed `changed` days ago."""
    return PlanRow(
        title=f"{status} {due} {changed}",
        track="Spor 1",
        owner="Mette",
        organisation="kommune",
        status=status,
        progress=progress,
        due_date=None if due is None else TODAY + timedelta(days=due),
        changed_at=datetime.combine(TODAY - timedelta(days=changed), datetime.min.time(), UTC),
    )


@pytest.mark.parametrize(
    ("row", "buckets"),
    [
        (item("i gang", due=-1, changed=5), {"overdue"}),
        (item("færdig", due=-1, changed=5), {"done_since"}),
        (item("færdig", due=-1, changed=31), set()),  # done before the last meeting
        (item("færdig", due=-1, changed=30), {"done_since"}),  # on the meeting day counts
        (item("aflyst", due=-10, changed=200), set()),
        (item("ikke startet", due=10, changed=90), {"stale", "due_soon"}),
        (item("ikke startet", due=0, changed=1), {"due_soon"}),  # due today is not overdue
        (item("i gang", due=30, changed=1), {"due_soon"}),
        (item("i gang", due=31, changed=1), set()),
        (item("udskudt", due=None, changed=89), set()),
        (item("udskudt", due=-3, changed=120), {"overdue", "stale"}),
    ],
)
def test_plan_buckets(row: PlanRow, buckets: set[str]) -> None:
    found = plan_buckets([row], today=TODAY, since=SINCE)
    names = {"overdue", "stale", "done_since", "due_soon"}
    assert {name for name in names if getattr(found, name)} == buckets


def test_default_since_is_thirty_days_before_today() -> None:
    assert default_since(TODAY) == date(2026, 11, 1)


def report(*, generated_at: datetime, count: int = 69) -> MeetingReport:
    goal = GoalSection(
        key="burglaries",
        title="Indbrud",
        status="on_track",
        status_label="På rette vej",
        lines=[f"Indbrud i beboelser 2025: {count}"],
        table=ReportTable("Indbrud pr. år", ["År", "Indbrud"], [[2025, count]]),
        figures=[("Indbrud i beboelser", count)],
        chart=lambda: None,
    )
    part = MunicipalityPart(
        code=183,
        name="Ishøj",
        goals=[goal],
        has_plan=True,
        plan=plan_buckets([item("i gang", due=-1, changed=5)], today=TODAY, since=SINCE),
        plan_counts={"items": 1, "progress": 0.5},
        follow_ups=ReportTable("Opfølgninger", ["Område"], [["Vejleåparken"]]),
    )
    return MeetingReport(
        title="Mødepakke: Ishøj",
        partnership="Ishøj Kommune og Københavns Vestegns Politi",
        since=SINCE,
        today=TODAY,
        generated_at=generated_at,
        demo=True,
        parts=[part],
        sources=[SourceLine("Eksempeldata", TODAY, True)],
        notes=["EKSEMPELDATA"],
    )


def test_snapshot_id_ignores_the_generation_time_and_the_chart_function() -> None:
    first = report(generated_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    later = report(generated_at=datetime(2026, 12, 1, 17, 30, tzinfo=UTC))
    assert first.snapshot_id == later.snapshot_id
    assert len(first.snapshot_id) == 12 and int(first.snapshot_id, 16) >= 0


def test_snapshot_id_changes_with_any_number_shown() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert report(generated_at=now).snapshot_id != report(generated_at=now, count=70).snapshot_id
    base = report(generated_at=now)
    assert replace(base, since=date(2026, 10, 1)).snapshot_id != base.snapshot_id
    assert replace(base, demo=False).snapshot_id != base.snapshot_id


def test_snapshot_id_is_sha256_of_sorted_compact_json() -> None:
    # the documented recipe, so anyone can recompute it from the canonical content
    expected = hashlib.sha256('{"a":"ø","b":1}'.encode()).hexdigest()[:12]
    assert snapshot_id({"b": 1, "a": "ø"}) == expected
