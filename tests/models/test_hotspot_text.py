"""The hotspot lines in Danish, checked word for word."""

from datetime import date

import pytest

from models.hotspot_text import (
    BEFORE_AFTER_CAPTION,
    HOTSPOT_METHOD,
    before_after_line,
    count_text,
    expected_text,
    hotspot_line,
    hotspot_method,
    hotspot_rows,
    probability_text,
    scan_summary,
    suppression_line,
)
from models.hotspots import BeforeAfter, Cell, HotspotScan


def cell(recent: int, expected: float, p_value: float, since: date | None = None) -> Cell:
    return Cell(
        cell="250m:E711000N6168250",
        x=711_125.0,
        y=6_168_375.0,
        lat=55.62,
        lon=12.26,
        recent=recent,
        expected=expected,
        p_value=p_value,
        q_value=p_value,
        hotspot=since is not None,
        since=since,
    )


def test_the_issues_sentence() -> None:
    assert (
        hotspot_line(cell(12, 1.1, 0.00001), 4)
        == "12 indbrud i de seneste 4 uger mod 1,1 forventet; sandsynlighed under 0,1 %"
    )


def test_a_hotspot_says_since_when() -> None:
    assert hotspot_line(cell(5, 0.031, 0.0123, since=date(2026, 11, 19)), 1) == (
        "5 indbrud i den seneste uge mod 0,03 forventet; sandsynlighed 1,2 %; "
        "forhøjet siden 19. nov. 2026"
    )


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (1.14, "1,1"),
        (12.25, "12,3"),
        (0.1, "0,1"),
        (0.0949, "0,09"),
        (0.005, "0,01"),
        (0.004, "under 0,01"),
    ],
)
def test_expected_text(expected: float, text: str) -> None:
    assert expected_text(expected) == text


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.0, "under 0,1 %"), (0.000999, "under 0,1 %"), (0.001, "0,1 %"), (0.0234, "2,3 %")],
)
def test_probability_text(p: float, text: str) -> None:
    assert probability_text(p) == text


@pytest.mark.parametrize(
    ("suppressed", "min_count", "line"),
    [
        (14, 3, "14 felter med færre end 3 indbrud er skjult"),
        (1, 3, "1 felt med færre end 3 indbrud er skjult"),
        (1200, 5, "1.200 felter med færre end 5 indbrud er skjult"),
        (0, 3, None),
    ],
)
def test_suppression_line(suppressed: int, min_count: int, line: str | None) -> None:
    assert suppression_line(suppressed, min_count) == line


def test_counts_below_the_minimum_are_words_not_numbers() -> None:
    assert count_text(None, 3) == "færre end 3 indbrud"
    assert count_text(7, 3) == "7 indbrud"


def before_after_result(*, complete: bool) -> BeforeAfter:
    return BeforeAfter(
        cell="250m:E711000N6168250",
        action_day=date(2026, 11, 22),
        weeks=4,
        min_count=3,
        before_from=date(2026, 10, 25),
        before_to=date(2026, 11, 21),
        after_from=date(2026, 11, 23),
        after_to=date(2026, 12, 20),
        before=7,
        after=None,
        after_complete=complete,
    )


def test_before_after_line_and_caption() -> None:
    assert before_after_line(before_after_result(complete=True)) == (
        "4 uger før (25. okt. 2026–21. nov. 2026): 7 indbrud; "
        "4 uger efter (23. nov. 2026–20. dec. 2026): færre end 3 indbrud"
    )
    assert before_after_line(before_after_result(complete=False)).endswith(
        "færre end 3 indbrud (perioden er ikke slut)"
    )
    assert BEFORE_AFTER_CAPTION == "Sammenligning, ikke bevis for årsag"


def test_scan_summary() -> None:
    def scan_with(cells: tuple[Cell, ...]) -> HotspotScan:
        return HotspotScan(
            window_from=date(2026, 11, 5),
            window_to=date(2026, 12, 2),
            weeks=4,
            size_m=250,
            min_count=3,
            cells=cells,
            suppressed_cells=0,
            tested_cells=203,
            baseline_from=date(2024, 11, 7),
            fdr=0.05,
        )

    hot = cell(12, 1.1, 0.00001, since=date(2026, 11, 19))
    assert scan_summary(scan_with((hot, cell(3, 1.0, 0.08)))) == (
        "1 hotspot blandt 203 felter med indbrud, 5. nov. 2026–2. dec. 2026"
    )
    assert scan_summary(scan_with(())).startswith("Ingen hotspots blandt 203 felter")


def test_the_method_in_words_names_the_privacy_rule() -> None:
    assert any("færre end 3" in line for line in HOTSPOT_METHOD)
    assert hotspot_method(3) == HOTSPOT_METHOD
    raised = hotspot_method(5)
    assert any("Felter med færre end 5 indbrud vises aldrig" in line for line in raised)
    assert not any("færre end 3" in line for line in raised)


def test_hotspot_rows_as_the_table_shows_them() -> None:
    hot = cell(12, 1.1, 0.00001, since=date(2026, 11, 19))
    quiet = cell(3, 2.04, 0.35)
    result = HotspotScan(
        window_from=date(2026, 11, 5),
        window_to=date(2026, 12, 2),
        weeks=4,
        size_m=250,
        min_count=3,
        cells=(hot, quiet),
        suppressed_cells=14,
        tested_cells=203,
        baseline_from=date(2024, 11, 7),
        fdr=0.05,
    )
    rows = hotspot_rows(result)
    assert rows.to_dict("records") == [
        {
            "Felt": "250m:E711000N6168250",
            "Hotspot": "Ja",
            "Klynge": "",
            "Indbrud": "12",
            "Forventet": "1,1",
            "Sandsynlighed": "under 0,1 %",
            "Forhøjet siden": "19. nov. 2026",
        },
        {
            "Felt": "250m:E711000N6168250",
            "Hotspot": "Nej",
            "Klynge": "",
            "Indbrud": "3",
            "Forventet": "2,0",
            "Sandsynlighed": "35,0 %",
            "Forhøjet siden": "",
        },
    ]
