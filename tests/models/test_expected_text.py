"""The expected-versus-actual lines in Danish number formats."""

import pytest

from models.expected import Coefficient, ExpectedStatus
from models.expected_text import (
    EXPECTED_CAVEAT,
    coefficient_line,
    counts_in_words,
    expected_sentence,
    model_line,
    rank_line,
    ratio_text,
    status_badge,
)


@pytest.mark.parametrize(
    ("status", "ending"),
    [
        (ExpectedStatus.BELOW, "færre end forventet."),
        (ExpectedStatus.AS_EXPECTED, "som forventet."),
        (ExpectedStatus.ABOVE, "flere end forventet."),
    ],
)
def test_the_sentence(status: ExpectedStatus, ending: str) -> None:
    text = expected_sentence(
        year=2025, actual=1069, expected=1260.25, low=900, high=1650, status=status
    )
    assert text == f"I 2025: 1.069 indbrud, forventet 1.260,3 (95 %-interval 900-1.650): {ending}"


def test_ratio_and_coefficients() -> None:
    assert ratio_text(0.854) == "0,85 gange det forventede"
    line = coefficient_line(Coefficient("share_65_plus", -0.378, -5.0613, 4.305))
    assert line == "Andel 65 år og derover: -0,38 (95 %-interval -5,06 til 4,31)"
    assert coefficient_line(Coefficient("other", 1, 0, 2)).startswith("other: 1,00")
    assert "ikke bevis for årsag" in EXPECTED_CAVEAT


@pytest.mark.parametrize(
    ("status", "badge"),
    [
        (ExpectedStatus.BELOW, "▼ Færre end forventet"),
        (ExpectedStatus.AS_EXPECTED, "● Som forventet"),
        (ExpectedStatus.ABOVE, "▲ Flere end forventet"),
    ],
)
def test_the_badge_has_a_shape_and_a_word(status: ExpectedStatus, badge: str) -> None:
    assert status_badge(status) == badge


def test_rank_model_and_counts() -> None:
    assert rank_line(rank=12, total=98) == (
        "Nr. 12 af 98 kommuner efter forholdet mellem faktiske og forventede indbrud "
        "(nr. 1 har færrest i forhold til det forventede)."
    )
    line = model_line(year=2025, municipalities=1098, dispersion=0.1249)
    assert line.startswith("Modellen er tilpasset på 1.098 kommuners indbrud i 2025")
    assert line.endswith("Spredningsparameter 0,12 (0 = Poisson).")
    assert counts_in_words(below=3, as_expected=94, above=1) == (
        "3 kommuner har færre indbrud end forventet, 94 som forventet og 1 flere end forventet."
    )
    assert counts_in_words(below=1, as_expected=1000, above=0).startswith("1 kommune har færre")
    assert "1.000 som forventet" in counts_in_words(below=1, as_expected=1000, above=0)


def test_the_lines_in_english_with_english_numbers() -> None:
    from models.expected import Coefficient
    from models.expected_text import (
        coefficient_line,
        counts_in_words,
        expected_caveat,
        model_line,
        rank_line,
        ratio_text,
    )

    assert (
        expected_sentence(
            year=2025,
            actual=1069,
            expected=960.54,
            low=24,
            high=1116,
            status=ExpectedStatus.AS_EXPECTED,
            lang="en",
        )
        == "In 2025: 1,069 burglaries, expected 960.5 (95 % interval 24-1,116): as expected."
    )
    assert ratio_text(0.854, lang="en") == "0.85 times the expected"
    assert status_badge(ExpectedStatus.BELOW, lang="en") == "▼ Fewer than expected"
    assert rank_line(rank=12, total=98, lang="en").startswith("No. 12 of 98 municipalities")
    assert counts_in_words(below=1, as_expected=1096, above=3, lang="en") == (
        "1 municipality has fewer burglaries than expected, 1,096 as expected and 3 more than "
        "expected."
    )
    assert counts_in_words(below=2, as_expected=1, above=0, lang="en").startswith(
        "2 municipalities have"
    )
    line = coefficient_line(Coefficient("share_65_plus", -0.381, -5.06, 4.314), lang="en")
    assert line == "Share aged 65 and over: -0.38 (95 % interval -5.06 to 4.31)"
    assert "Dispersion parameter 0.12" in model_line(
        year=2025, municipalities=98, dispersion=0.123, lang="en"
    )
    assert expected_caveat(lang="en").endswith("not proof of cause.")
