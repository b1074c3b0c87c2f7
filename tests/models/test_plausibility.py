"""The plausibility rule: below half or above double the previous count asks for confirmation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.plausibility import count_doubt


@pytest.mark.parametrize(
    ("previous", "new", "doubted"),
    [
        (1388, 1, True),  # the "1.450" read as 1
        (1388, 1450, False),
        (1388, 694, False),  # exactly half is plausible
        (1388, 693, True),
        (1388, 2776, False),  # exactly double is plausible
        (1388, 2777, True),
        (1388, 0, True),
        (None, 1, False),  # nothing to compare with
        (0, 500, False),
        (10, 21, True),
    ],
)
def test_cases(previous: int | None, new: int, doubted: bool) -> None:
    assert (count_doubt(previous=previous, new=new) is not None) is doubted


def test_the_question_names_both_values_the_danish_way() -> None:
    doubt = count_doubt(previous=1388, new=1)
    assert doubt is not None and (doubt.previous, doubt.new) == (1388, 1)
    assert doubt.question == (
        "Er du sikker? Det nye tal, 1 nabohjælpere, er under halvdelen af det seneste, 1.388."
    )
    higher = count_doubt(previous=1388, new=14500)
    assert higher is not None and "over det dobbelte af det seneste, 1.388" in higher.question


@given(st.integers(1, 10**6), st.integers(0, 10**6))
def test_doubt_exactly_outside_half_to_double(previous: int, new: int) -> None:
    doubted = count_doubt(previous=previous, new=new) is not None
    assert doubted is (2 * new < previous or new > 2 * previous)
