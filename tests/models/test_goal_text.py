"""The burglary card's sentences, the same on the Kommune page, in the meeting pack and the CLI."""

from dataclasses import replace

import pytest

from models.burglaries import BurglaryAssessment, ResolvedGoal
from models.domain import Status
from models.goal_text import burglary_count_line, burglary_lines, burglary_rate_line
from models.trends import Projection


def goal(baseline: float, baseline_year: int, target: float, target_year: int) -> ResolvedGoal:
    return ResolvedGoal(baseline, baseline_year, target, target_year, False, source_note="")


NATIONAL = replace(goal(29000, 2017, 10000, 2030), target_year_is_default=True)
HORSHOLM = goal(140, 2020, 85, 2026)
RISING = goal(500, 2018, 300, 2028)


def projected(year: int, expected: float, low: float, high: float, change: float) -> Projection:
    return Projection(year, expected, low, high, change, change - 0.02, change + 0.02, (2022, 2023))


def assessed(
    goal: ResolvedGoal | None,
    year: int,
    count: int,
    required: float | None,
    projection: Projection | None,
    status: Status,
) -> BurglaryAssessment:
    return BurglaryAssessment(goal, year, count, required, projection, status)


# (assessment, the lines under the headline figure), one case per status; the text is written
# out by hand
CASES = [
    (
        assessed(
            NATIONAL,
            2024,
            9000,
            18769.2,
            projected(2030, 7000.4, 6000.2, 7999.8, -0.062),
            Status.ON_TRACK,
        ),
        [
            "Målforløbet (lige linje) krævede højst 18.769 i 2024.",
            "Mål: fra 29.000 (2017) til 10.000 i 2030 (standardmålår, kan ændres).",
            "Fremskrevet til 2030: 7.000 (95 %-interval 6.000–8.000); tendens -6,2 % om året.",
        ],
    ),
    (
        assessed(
            HORSHOLM,
            2024,
            130,
            103.33,
            projected(2026, 118.4, 104.6, 133.9, -0.048),
            Status.NEEDS_ACCELERATION,
        ),
        [
            "Målforløbet (lige linje) krævede højst 103 i 2024.",
            "Mål: fra 140 (2020) til 85 i 2026.",
            "Fremskrevet til 2026: 118 (95 %-interval 105–134); tendens -4,8 % om året.",
        ],
    ),
    (
        assessed(
            RISING, 2024, 560, 380.0, projected(2028, 640.2, 580.7, 705.4, 0.034), Status.OFF_TRACK
        ),
        [
            "Målforløbet (lige linje) krævede højst 380 i 2024.",
            "Mål: fra 500 (2018) til 300 i 2028.",
            "Fremskrevet til 2028: 640 (95 %-interval 581–705); tendens 3,4 % om året.",
        ],
    ),
    (  # the target year is reached: the latest count decides, there is nothing to project
        assessed(NATIONAL, 2030, 10150, 10000.0, None, Status.INSUFFICIENT_EVIDENCE),
        [
            "Målforløbet (lige linje) krævede højst 10.000 i 2030.",
            "Mål: fra 29.000 (2017) til 10.000 i 2030 (standardmålår, kan ændres).",
        ],
    ),
    (  # no goal: the card has its figure and nothing more to say
        assessed(None, 2024, 75, None, None, Status.INSUFFICIENT_EVIDENCE),
        [],
    ),
]


def test_the_cases_cover_every_status() -> None:
    assert {result.status for result, _ in CASES} == set(Status)


@pytest.mark.parametrize(("result", "lines"), CASES)
def test_burglary_lines(result: BurglaryAssessment, lines: list[str]) -> None:
    assert burglary_lines(result) == lines


@pytest.mark.parametrize(
    ("result", "provisional", "line"),
    [
        (CASES[0][0], False, "Indbrud i beboelser 2024: 9.000"),
        (CASES[1][0], True, "Indbrud i beboelser 2024: 130 (foreløbigt)"),
        (
            BurglaryAssessment(None, None, None, None, None, Status.INSUFFICIENT_EVIDENCE),
            False,
            "Indbrud i beboelser: –",
        ),
    ],
)
def test_burglary_count_line(result: BurglaryAssessment, provisional: bool, line: str) -> None:
    assert burglary_count_line(result, provisional=provisional) == line


@pytest.mark.parametrize(
    ("rate", "approximate", "line"),
    [
        (12.345, False, "Pr. 1.000 husstande: 12,3"),
        (4.04, True, "Pr. 1.000 husstande: 4,0 (husstande tilnærmet)"),
        (None, False, "Pr. 1.000 husstande: –"),
    ],
)
def test_burglary_rate_line(rate: float | None, approximate: bool, line: str) -> None:
    assert burglary_rate_line(rate, approximate=approximate) == line
