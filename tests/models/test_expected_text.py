"""The expected-versus-actual lines in Danish number formats."""

import pytest

from models.expected import Coefficient, ExpectedStatus
from models.expected_text import EXPECTED_CAVEAT, coefficient_line, expected_sentence, ratio_text


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
