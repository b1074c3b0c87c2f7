"""The draft agenda composed from plain records, and the meeting's checks (hand-computed)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain import Status
from models.meetings import (
    TEXT_LIMIT,
    AgendaChanges,
    AgendaFollowUp,
    AgendaGoal,
    AgendaItem,
    compose_agenda,
    decision_problem,
    goals_to_discuss,
    meeting_problem,
)

TODAY = date(2026, 12, 2)
NO_CHANGES = AgendaChanges(since=date(2026, 11, 2), by_topic={}, from_meeting=False)


@pytest.mark.parametrize(
    ("statuses", "listed"),
    [
        ((Status.ON_TRACK, Status.ON_TRACK, Status.ON_TRACK), []),
        ((Status.OFF_TRACK, Status.ON_TRACK, None), ["Indbrud"]),
        ((Status.NEEDS_ACCELERATION, Status.INSUFFICIENT_EVIDENCE, None), ["Indbrud", "Nabohjælp"]),
        ((None, None, None), []),  # no goals set: nothing to discuss
        ((Status.ON_TRACK, Status.OFF_TRACK, Status.OFF_TRACK), ["Nabohjælp", "Tryghed"]),
    ],
)
def test_goals_to_discuss(statuses: tuple[str | None, ...], listed: list[str]) -> None:
    goals = [
        AgendaGoal(n, s) for n, s in zip(("Indbrud", "Nabohjælp", "Tryghed"), statuses, strict=True)
    ]
    assert [g.name for g in goals_to_discuss(goals)] == listed


def test_the_whole_agenda_as_written_by_hand() -> None:
    agenda = compose_agenda(
        goals=[
            AgendaGoal("Indbrud", Status.OFF_TRACK),
            AgendaGoal("Nabohjælp", Status.ON_TRACK),
            AgendaGoal("Tryghed", None),
        ],
        overdue=[
            AgendaItem("Lys i stierne", "", date(2026, 11, 30)),
            AgendaItem("Nabohjælp-stand", "Kim", date(2026, 11, 1)),
        ],
        follow_ups=[AgendaFollowUp("Mørk sti", "Vejleåparken", date(2026, 10, 1))],
        changes=AgendaChanges(
            since=date(2026, 11, 3),
            by_topic={"handlingsplanen": 2, "mål": 1},
            from_meeting=True,
        ),
        today=TODAY,
    )
    assert agenda == (
        "1. Velkomst og godkendelse af dagsorden\n"
        "2. Siden sidste møde (3. nov. 2026)\n"
        "   - 3 ændringer: 2 i handlingsplanen, 1 i mål.\n"
        "3. Mål, der ikke er på rette vej\n"
        "   - Indbrud: ■ Ikke på rette vej\n"
        "4. Forsinkede aktiviteter i handlingsplanen\n"
        "   - Nabohjælp-stand (frist 1. nov. 2026, 31 dage over, ansvarlig: Kim)\n"
        "   - Lys i stierne (frist 30. nov. 2026, 2 dage over)\n"
        "5. Åbne opfølgninger fra tryghedsvandringer\n"
        "   - Mørk sti (Vejleåparken, vandring 1. okt. 2026)\n"
        "6. Beslutninger: hvem gør hvad hvornår\n"
        "7. Eventuelt"
    )


def test_an_agenda_with_nothing_to_discuss_keeps_the_fixed_points() -> None:
    agenda = compose_agenda(goals=[], overdue=[], follow_ups=[], changes=NO_CHANGES, today=TODAY)
    assert agenda == (
        "1. Velkomst og godkendelse af dagsorden\n"
        "2. Siden sidste møde (de seneste 30 dage, fra 2. nov. 2026)\n"
        "   - Ingen ændringer i ændringsloggen.\n"
        "3. Beslutninger: hvem gør hvad hvornår\n"
        "4. Eventuelt"
    )


def test_one_day_over_and_one_change_are_singular() -> None:
    agenda = compose_agenda(
        goals=[],
        overdue=[AgendaItem("Plakat", "Politiet", date(2026, 12, 1))],
        follow_ups=[],
        changes=AgendaChanges(date(2026, 11, 3), {"møder": 1}, from_meeting=True),
        today=TODAY,
    )
    assert "   - 1 ændring: 1 i møder." in agenda
    assert "   - Plakat (frist 1. dec. 2026, 1 dag over, ansvarlig: Politiet)" in agenda


@given(
    st.lists(st.sampled_from([*Status, None]), max_size=3),
    st.lists(st.integers(min_value=1, max_value=400), max_size=6),
)
def test_points_are_numbered_one_to_n_and_every_overdue_item_is_listed(
    statuses: list[str | None], days_over: list[int]
) -> None:
    overdue = [
        AgendaItem(f"Punkt {n}", "", date.fromordinal(TODAY.toordinal() - d))
        for n, d in enumerate(days_over)
    ]
    agenda = compose_agenda(
        goals=[AgendaGoal(f"Mål {n}", s) for n, s in enumerate(statuses)],
        overdue=overdue,
        follow_ups=[],
        changes=NO_CHANGES,
        today=TODAY,
    )
    numbers = [int(line.split(".")[0]) for line in agenda.splitlines() if line[0].isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))
    for item in overdue:
        assert agenda.count(f"   - {item.title} (frist ") == 1
    behind = [s for s in statuses if s is not None and s != Status.ON_TRACK]
    assert ("Mål, der ikke er på rette vej" in agenda) == bool(behind)


@pytest.mark.parametrize(
    ("title", "held_on", "fields", "problem"),
    [
        ("Styregruppemøde", TODAY, {}, None),
        ("  ", TODAY, {}, "Mødet skal have en titel."),
        ("Møde", None, {}, "Mødet skal have en dato."),
        ("x" * 201, TODAY, {}, "Titlen er for lang (201 tegn; højst 200)."),
        (
            "Møde",
            TODAY,
            {"Referatet": "x" * (TEXT_LIMIT + 1)},
            f"Referatet er for lang ({TEXT_LIMIT + 1} tegn; højst {TEXT_LIMIT}).",
        ),
    ],
)
def test_meeting_problem(
    title: str, held_on: date | None, fields: dict[str, str], problem: str | None
) -> None:
    assert meeting_problem(title=title, held_on=held_on, fields=fields) == problem


def test_decision_problem() -> None:
    assert decision_problem("Politiet går en tur") is None
    assert decision_problem(" \n") == "Beslutningen skal have en tekst."
    assert decision_problem("x" * (TEXT_LIMIT + 1)) is not None


def test_new_hotspots_are_a_point_of_their_own_before_the_decisions() -> None:
    line = "250m:E712250N6169000: 12 indbrud i de seneste 4 uger mod 0,02 forventet"
    agenda = compose_agenda(
        goals=[], overdue=[], follow_ups=[], changes=NO_CHANGES, today=TODAY, hotspots=[line]
    )
    points = [x for x in agenda.splitlines() if x[0].isdigit()]
    assert points[-3] == "3. Hotspots i politiets udtræk (se siden Hotspots)"
    assert f"   - {line}" in agenda
    without = compose_agenda(goals=[], overdue=[], follow_ups=[], changes=NO_CHANGES, today=TODAY)
    assert "Hotspots" not in without
