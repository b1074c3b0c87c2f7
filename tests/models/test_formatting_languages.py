"""Numbers and dates follow the language: Danish by default, English with lang="en"."""

from datetime import UTC, date, datetime

import pytest

from models.formatting import (
    MISSING,
    fmt_change,
    fmt_count,
    fmt_date,
    fmt_datetime,
    fmt_decimal,
    fmt_int,
    fmt_percent,
    fmt_period,
)


@pytest.mark.parametrize(
    ("lang", "whole", "decimal", "percent", "change", "day", "quarter", "moment"),
    [
        (
            "da",
            "10.000",
            "12.345,7",
            "17,3 %",
            "-5,2 %",
            "23. nov. 2026",
            "1. kvt. 2023",
            "23. nov. 2026 kl. 17.20",
        ),
        (
            "en",
            "10,000",
            "12,345.7",
            "17.3 %",
            "-5.2 %",
            "23 Nov 2026",
            "Q1 2023",
            "23 Nov 2026, 17:20",
        ),
    ],
)
def test_each_language_has_its_own_marks_and_words(
    lang: str,
    whole: str,
    decimal: str,
    percent: str,
    change: str,
    day: str,
    quarter: str,
    moment: str,
) -> None:
    assert fmt_int(10000, lang=lang) == whole
    assert fmt_decimal(12345.65, digits=1, lang=lang) == decimal
    assert fmt_percent(0.173, lang=lang) == percent
    assert fmt_change(-0.052, lang=lang) == change
    assert fmt_date(date(2026, 11, 23), lang=lang) == day
    assert fmt_period("2023K1", lang=lang) == quarter
    assert fmt_datetime(datetime(2026, 11, 23, 16, 20, tzinfo=UTC), lang=lang) == moment


def test_danish_is_the_default() -> None:
    assert fmt_int(1234567) == "1.234.567"
    assert fmt_percent(0.173) == "17,3 %"
    assert fmt_date(date(2026, 5, 1)) == "1. maj 2026"


def test_english_months_and_signs() -> None:
    months = [fmt_date(date(2026, m, 1), lang="en").split()[1] for m in range(1, 13)]
    assert months == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert fmt_change(0.03, lang="en") == "+3.0 %"
    assert fmt_change(0.0001, lang="en") == "0.0 %"  # rounds to nothing: no sign
    assert fmt_decimal(-1234.5, digits=2, lang="en") == "-1,234.50"
    assert fmt_count(1234, one="change", many="changes", lang="en") == "1,234 changes"


def test_missing_is_the_dash_in_both_and_an_unknown_language_is_danish() -> None:
    assert fmt_int(None, lang="en") == MISSING and fmt_percent(float("nan"), lang="en") == MISSING
    assert fmt_int(10000, lang="xx") == "10.000"
