"""Actions per quarter on the burglary series: grouped by kind and quarter, placed on the
quarter's count, left out where there is no count."""

from datetime import date

import pytest

from models.overlay import ActionEvent, quarter_marks, quarter_of

COUNTS = {"2024K2": 40, "2024K3": 35, "2024K4": 30}


@pytest.mark.parametrize(
    ("day", "period"),
    [(date(2024, 1, 1), "2024K1"), (date(2024, 3, 31), "2024K1"), (date(2024, 7, 1), "2024K3"),
     (date(2024, 12, 31), "2024K4")],
)  # fmt: skip
def test_quarter_of(day: date, period: str) -> None:
    assert quarter_of(day) == period


def test_actions_grouped_per_kind_and_quarter_on_the_count() -> None:
    events = [
        ActionEvent(date(2024, 8, 1), "walk", "Vejleåparken"),
        ActionEvent(date(2024, 9, 30), "walk", "Gadekæret"),
        ActionEvent(date(2024, 5, 2), "plan_done", "Informationsmøde"),
        ActionEvent(date(2024, 11, 5), "recruitment", "Stand på torvet"),
        ActionEvent(date(2023, 1, 5), "walk", "Før serien"),  # no count that quarter: left out
        ActionEvent(date(2026, 11, 5), "walk", "Ikke udkommet endnu"),
    ]
    marks = quarter_marks(events, COUNTS)
    assert [(m.kind, m.period, m.count, m.actions) for m in marks] == [
        ("plan_done", "2024K2", 40, 1),
        ("walk", "2024K3", 35, 2),
        ("recruitment", "2024K4", 30, 1),
    ]
    assert marks[1].text == "Tryghedsvandring: Gadekæret; Vejleåparken"


def test_many_actions_in_one_quarter_are_counted_after_five() -> None:
    events = [ActionEvent(date(2024, 4, d), "plan_done", f"Punkt {d}") for d in range(1, 9)]
    [mark] = quarter_marks(events, COUNTS)
    assert mark.actions == 8 and mark.text.endswith("Punkt 5 og 3 mere")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Ukendt slags aktivitet"):
        quarter_marks([ActionEvent(date(2024, 4, 1), "møde", "x")], COUNTS)


def test_kinds_in_the_same_quarter_are_stacked_above_the_count() -> None:
    events = [
        ActionEvent(date(2024, 8, 1), "recruitment", "Stand"),
        ActionEvent(date(2024, 8, 2), "walk", "Vejleåparken"),
        ActionEvent(date(2024, 8, 3), "plan_done", "Møde"),
    ]
    marks = quarter_marks(events, COUNTS)  # the top count is 40: a step of 3,2
    assert [(m.kind, m.count, m.height) for m in marks] == [
        ("plan_done", 35, 35.0),
        ("walk", 35, pytest.approx(38.2)),
        ("recruitment", 35, pytest.approx(41.4)),
    ]
