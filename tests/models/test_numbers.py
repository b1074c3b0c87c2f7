"""Danish counts and decimals: tables of hand-computed cases, the refusals, a round-trip property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.numbers import (
    MAX_COUNT,
    MAX_NATIONAL_COUNT,
    NumberRefused,
    check_count,
    parse_count,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1450", 1450),
        ("1.450", 1450),
        ("1 450", 1450),
        ("1\xa0450", 1450),  # a non-breaking space, as Excel and Word group thousands
        ("1\u202f450", 1450),  # a narrow one
        (" 1.450 ", 1450),
        ("1.450,0", 1450),
        ("12,00", 12),
        ("0", 0),
        ("-0", 0),
        ("007", 7),
        ("1.000.000", MAX_COUNT),
        ("999 999", 999_999),
        ("000000000000001", 1),  # leading zeros do not make a number big
    ],
)
def test_counts(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    ("text", "refusal", "message"),
    [
        ("1,5", "not whole", "«1,5» er ikke et helt tal"),
        ("1.450,5", "not whole", "«1.450,5» er ikke et helt tal"),
        ("abc", "not a number", "«abc» er ikke et helt tal"),
        ("", "not a number", "«» er ikke et helt tal"),
        ("1.5", "not a number", "«1.5» er ikke et helt tal"),  # not Danish grouping
        ("14.50", "not a number", "«14.50» er ikke et helt tal"),
        ("1.450 000", "not a number", "«1.450 000» er ikke et helt tal"),  # mixed groups
        ("1,450", "not whole", "«1,450» er ikke et helt tal"),  # English grouping
        ("+5", "not a number", "«+5» er ikke et helt tal"),
        ("١٢", "not a number", "«١٢» er ikke et helt tal"),  # digits, but not ours
        ("-3", "negative", "-3 er negativ; antal skal være 0 eller mere"),
        ("-1.450", "negative", "-1.450 er negativ; antal skal være 0 eller mere"),
        ("1.000.001", "too large", "«1.000.001» er for stort et antal (højst 1.000.000)"),
        ("3.000.000.000", "too large", "«3.000.000.000» er for stort et antal"),
        ("9" * 100_000, "too large", "«9999999999999999999…» er for stort et antal"),
    ],
)
def test_refused_counts(text: str, refusal: str, message: str) -> None:
    with pytest.raises(NumberRefused) as refused:
        parse_count(text)
    assert refused.value.refusal == refusal
    assert str(refused.value).startswith(message)
    assert isinstance(refused.value, ValueError)


def test_the_maximum_can_be_raised_for_the_whole_country() -> None:
    assert parse_count("5.932.000", maximum=MAX_NATIONAL_COUNT) == 5_932_000
    with pytest.raises(NumberRefused, match=r"højst 100\.000\.000"):
        parse_count("3.000.000.000", maximum=MAX_NATIONAL_COUNT)


def test_check_count_applies_the_same_rules_to_a_number() -> None:
    assert check_count(0) == 0 and check_count(MAX_COUNT) == MAX_COUNT
    with pytest.raises(NumberRefused, match=r"^-1 er negativ"):
        check_count(-1)
    with pytest.raises(
        NumberRefused, match=r"^«1000001» er for stort et antal \(højst 1\.000\.000\)"
    ):
        check_count(MAX_COUNT + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17,3", 17.3),
        ("17", 17.0),
        ("0,57", 0.57),
        ("-0,5", -0.5),
        ("1.234,5", 1234.5),
        ("1 234,5", 1234.5),
        ("1.234", 1234.0),  # Danish: thousands, not a decimal point
        ("100,000", 100.0),
    ],
)
def test_decimals(text: str, expected: float) -> None:
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["17.3", "abc", "", ",5", "1,2,3", "1.23,4", "17,3 %"])
def test_refused_decimals(text: str) -> None:
    with pytest.raises(NumberRefused, match="er ikke et tal"):
        parse_decimal(text)


def test_a_decimal_of_a_thousand_digits_is_refused_not_infinite() -> None:
    with pytest.raises(NumberRefused, match="for stort"):
        parse_decimal("9" * 1000)


def _grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


@given(number=st.integers(0, MAX_COUNT), separator=st.sampled_from([".", " ", "\xa0", ""]))
def test_any_count_written_the_danish_way_reads_back(number: int, separator: str) -> None:
    assert parse_count(_grouped(number, separator)) == number


@given(number=st.integers(MAX_COUNT + 1, 10**30), separator=st.sampled_from([".", " ", ""]))
def test_any_count_above_the_maximum_is_refused(number: int, separator: str) -> None:
    with pytest.raises(NumberRefused) as refused:
        parse_count(_grouped(number, separator))
    assert refused.value.refusal == "too large"


@given(whole=st.integers(-(10**9), 10**9), hundredths=st.integers(0, 99))
def test_any_decimal_written_the_danish_way_reads_back(whole: int, hundredths: int) -> None:
    sign = "-" if whole < 0 else ""
    text = f"{sign}{_grouped(abs(whole), '.')},{hundredths:02d}"
    assert parse_decimal(text) == float(f"{whole}.{hundredths:02d}")
