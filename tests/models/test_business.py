"""Business neighbour-watch, pure: the checked share against hand-computed tables, the field checks."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.business import EventKind, checked_share, event_problem, group_problem

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("groups", "count", "members", "checked", "share"),
    [
        # by hand: 12 of 40 = 0,3; (12 + 9) of (40 + 20) = 21/60 = 0,35; 0 of 0: no share
        ([(40, 12)], 1, 40, 12, 0.3),
        ([(40, 12), (20, 9)], 2, 60, 21, 0.35),
        ([(40, 12), (20, 9), (0, 0)], 3, 60, 21, 0.35),  # an empty group adds nothing
        ([(0, 0)], 1, 0, 0, None),
        ([], 0, 0, 0, None),
        ([(7, 7), (3, 0)], 2, 10, 7, 0.7),
    ],
)
def test_checked_share_hand_computed(
    groups: list[tuple[int, int]], count: int, members: int, checked: int, share: float | None
) -> None:
    total = checked_share(groups)
    assert (total.groups, total.members, total.checked) == (count, members, checked)
    assert total.share == (None if share is None else pytest.approx(share))
    assert total.unchecked == members - checked


@pytest.mark.parametrize("bad", [(-1, 0), (5, -1), (5, 6)])
def test_checked_share_refuses_impossible_counts(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        checked_share([(10, 2), bad])


pairs = st.integers(0, 1000).flatmap(lambda m: st.tuples(st.just(m), st.integers(0, m)))


@given(st.lists(pairs, max_size=30))
def test_checked_share_is_a_share_of_the_sums(groups: list[tuple[int, int]]) -> None:
    total = checked_share(groups)
    assert total.members == sum(m for m, _ in groups)
    assert total.checked == sum(c for _, c in groups)
    if total.share is not None:
        assert 0 <= total.share <= 1
        # the total share lies between the smallest and the largest group share
        shares = [c / m for m, c in groups if m]
        assert min(shares) - 1e-12 <= total.share <= max(shares) + 1e-12


@given(st.lists(pairs, max_size=10), st.lists(pairs, max_size=10))
def test_checked_share_adds_up(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> None:
    a, b, both = checked_share(first), checked_share(second), checked_share(first + second)
    assert (both.groups, both.members, both.checked) == (
        a.groups + b.groups,
        a.members + b.members,
        a.checked + b.checked,
    )


def _group(**changes: object) -> str | None:
    fields: dict[str, object] = {
        "name": "Erhvervsnabohjælp Ishøj Erhvervspark",
        "area": "Ishøj Erhvervspark",
        "members": 40,
        "checked": 12,
        "contact": "Ishøj Erhvervsforening",
        "start_date": date(2026, 3, 1),
        "today": TODAY,
    }
    fields.update(changes)
    return group_problem(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({}, None),
        ({"start_date": None}, None),
        ({"members": 0, "checked": 0}, None),
        ({"checked": 40}, None),
        ({"name": "  "}, "Gruppen skal have et navn"),
        ({"members": -1, "checked": 0}, "Antal virksomheder kan ikke være negativt (fik -1)"),
        (
            {"checked": 41},
            "Antal med sikringstjek (41) kan ikke være større end antal virksomheder (40)",
        ),
        ({"checked": -2}, "Antal med sikringstjek kan ikke være negativt (fik -2)"),
        ({"members": None}, "Antal virksomheder skal være et helt tal"),
        ({"members": True}, "Antal virksomheder skal være et helt tal"),
        ({"start_date": date(2026, 12, 8)}, "Startdatoen kan ikke ligge i fremtiden"),
        ({"name": "x" * 201}, "Navnet må højst være 200 tegn"),
    ],
)
def test_group_problem(changes: dict[str, object], problem: str | None) -> None:
    assert _group(**changes) == problem


@given(st.integers(-50, 200), st.integers(-50, 200))
def test_group_problem_accepts_exactly_the_possible_counts(members: int, checked: int) -> None:
    fine = _group(members=members, checked=checked) is None
    assert fine == (0 <= checked <= members)


@pytest.mark.parametrize(
    ("kind", "day", "note", "problem"),
    [
        (EventKind.CHECK, date(2026, 11, 2), "", None),
        ("møde", date(2026, 11, 2), "Opstart", None),
        ("fest", date(2026, 11, 2), "", "Typen skal være"),
        ("andet", None, "", "Aktiviteten skal have en dato"),
        ("andet", date(1999, 1, 1), "", "Datoen skal ligge mellem år 2000 og 2027"),
        ("andet", date(2026, 1, 1), "x" * 2001, "Noten må højst være 2000 tegn"),
    ],
)
def test_event_problem(kind: str, day: date | None, note: str, problem: str | None) -> None:
    found = event_problem(kind=kind, event_date=day, note=note, today=TODAY)
    assert (found is None) if problem is None else (problem in (found or ""))
