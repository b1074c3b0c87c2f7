"""Actions per quarter on the burglary series: grouped by kind and quarter, placed on the
quarter's count, left out where there is no count."""

from datetime import date

import pytest

from models.overlay import ActionEvent, day_marks, quarter_marks, quarter_of, value_on

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


HELPERS = [(date(2024, 1, 1), 100.0), (date(2024, 1, 31), 130.0), (date(2024, 3, 1), 130.0)]


@pytest.mark.parametrize(
    ("day", "value"),
    [
        (date(2024, 1, 1), 100.0),  # a count's own day
        (date(2024, 1, 11), 110.0),  # a third of the way from 100 to 130
        (date(2024, 1, 31), 130.0),
        (date(2024, 2, 15), 130.0),  # flat between equal counts
        (date(2024, 3, 1), 130.0),
        (date(2023, 12, 31), None),  # before the first count
        (date(2024, 3, 2), None),  # after the last
    ],
)
def test_value_on_the_line_between_counts(day: date, value: float | None) -> None:
    assert value_on(day, HELPERS) == (pytest.approx(value) if value is not None else None)


def test_value_on_an_empty_series_is_none() -> None:
    assert value_on(date(2024, 1, 1), []) is None


def test_day_marks_on_the_helper_line_stacked_and_clipped() -> None:
    events = [
        ActionEvent(date(2024, 1, 11), "recruitment", "Stand på torvet"),
        ActionEvent(date(2024, 1, 11), "police_station", "Ishøj Bycenter"),
        ActionEvent(date(2024, 1, 11), "recruitment", "Nabo til nabo"),
        ActionEvent(date(2024, 2, 1), "walk", "Vejleåparken"),
        ActionEvent(date(2024, 6, 1), "walk", "Efter seneste optælling"),
    ]
    marks = day_marks(events, HELPERS)  # top value 130: a step of 10,4
    assert [(m.kind, m.day, m.value, m.height, m.actions) for m in marks] == [
        ("walk", date(2024, 2, 1), 130.0, 130.0, 1),
        ("police_station", date(2024, 1, 11), pytest.approx(110.0), pytest.approx(110.0), 1),
        ("recruitment", date(2024, 1, 11), pytest.approx(110.0), pytest.approx(120.4), 2),
    ]
    assert marks[2].text == "Rekrutteringsaktivitet (Nabohjælp): Nabo til nabo; Stand på torvet"
    assert marks[1].text == "Mobil politistation: Ishøj Bycenter"


def test_day_marks_refuse_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="Ukendt slags aktivitet"):
        day_marks([ActionEvent(date(2024, 1, 5), "møde", "x")], HELPERS)
