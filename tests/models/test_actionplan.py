"""Action-plan rules, with hand-worked cases."""

from datetime import UTC, date, datetime

import pytest

from models.actionplan import (
    GOAL_CHOICES,
    GOAL_LABELS,
    ItemFacts,
    effective_progress,
    is_overdue,
    is_stale,
    progress_by_track,
    summarise,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        ("i gang", date(2026, 11, 22), True),  # yesterday
        ("i gang", date(2026, 11, 23), False),  # due today is not late yet
        ("ikke startet", date(2026, 1, 1), True),
        ("udskudt", date(2026, 1, 1), True),  # postponed without a new date is still late
        ("færdig", date(2026, 1, 1), False),
        ("aflyst", date(2026, 1, 1), False),
        ("i gang", None, False),
    ],
)
def test_is_overdue(status: str, due: date | None, expected: bool) -> None:
    assert is_overdue(status=status, due_date=due, today=TODAY) is expected


@pytest.mark.parametrize(
    ("status", "changed", "expected"),
    [
        ("i gang", datetime(2026, 8, 25, tzinfo=UTC), True),  # 90 days before 23 Nov
        ("i gang", datetime(2026, 8, 26, tzinfo=UTC), False),  # 89 days
        ("færdig", datetime(2025, 1, 1, tzinfo=UTC), False),
        ("aflyst", datetime(2025, 1, 1, tzinfo=UTC), False),
        ("udskudt", datetime(2025, 1, 1, tzinfo=UTC), True),
    ],
)
def test_is_stale(status: str, changed: datetime, expected: bool) -> None:
    assert is_stale(status=status, changed_at=changed, today=TODAY) is expected


@pytest.mark.parametrize(
    ("status", "progress", "expected"),
    [
        ("i gang", 40, 0.4),
        ("færdig", 40, 1.0),
        ("aflyst", 40, None),
        ("i gang", 140, 1.0),
        ("i gang", -5, 0.0),
    ],
)
def test_effective_progress(status: str, progress: int, expected: float | None) -> None:
    assert effective_progress(status=status, progress=progress) == expected


def item(
    track: str,
    status: str,
    progress: int,
    due: date | None = None,
    changed: datetime = datetime(2026, 11, 1, tzinfo=UTC),
) -> ItemFacts:
    return ItemFacts(
        track=track, status=status, progress=progress, due_date=due, changed_at=changed
    )


def test_summary_by_hand() -> None:
    items = [
        item("Spor 1", "færdig", 0),  # counts as 100
        item("Spor 1", "i gang", 50, due=date(2026, 10, 1)),  # overdue
        item("Spor 1", "aflyst", 0),  # left out of progress
        item("Spor 2", "ikke startet", 0, changed=datetime(2026, 1, 1, tzinfo=UTC)),  # stale
    ]
    summary = summarise(items, today=TODAY)
    assert (summary.items, summary.done, summary.overdue, summary.stale) == (4, 1, 1, 1)
    assert summary.progress == pytest.approx((1.0 + 0.5 + 0.0) / 3)
    by_track = progress_by_track(items)
    assert by_track == {
        "Organisering": None,
        "Spor 1": pytest.approx(0.75),
        "Spor 2": 0.0,
        "Spor 3": None,
    }


def test_empty_plan() -> None:
    summary = summarise([], today=TODAY)
    assert (summary.items, summary.progress) == (0, None)


def test_every_goal_choice_has_its_danish_label() -> None:
    assert GOAL_LABELS == {
        "burglaries": "Indbrud",
        "helpers": "Nabohjælpere",
        "insecurity": "Tryghed",
        "none": "Intet",
    }
    assert tuple(GOAL_LABELS) == GOAL_CHOICES  # the workbook's drop-down keeps the page's order
