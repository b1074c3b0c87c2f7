"""Wilson intervals and the change test, pinned against hand-computed and published values."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.proportions import (
    SMALL_SAMPLE,
    compare_shares,
    estimate_share,
    fisher_two_sided,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # p = 0.17, z = 1.959964: centre (0.17 + z²/200) / (1 + z²/100) = 0.182207,
        # half-width z / 1.038415 * sqrt(0.17*0.83/100 + z²/40000) = 0.073273
        (17, 100, 0.108936, 0.255480),
        (0, 10, 0.0, 0.277533),  # the textbook upper bound for 0 of 10
        (10, 10, 0.722467, 1.0),
        (1, 1, 0.206549, 1.0),  # centre 2.92073/4.84146 = 0.603273, half 0.396724
        (0, 1, 0.0, 0.793451),
        (3, 5, 0.230724, 0.882379),
        (150, 600, 0.217017, 0.286164),
    ],
)
def test_wilson_interval_hand_computed(successes: int, n: int, low: float, high: float) -> None:
    assert wilson_interval(successes, n) == pytest.approx((low, high), abs=1e-6)


@pytest.mark.parametrize(("successes", "n"), [(0, 0), (-1, 10), (11, 10), (1, -5)])
def test_wilson_interval_rejects_impossible_counts(successes: int, n: int) -> None:
    with pytest.raises(ValueError):
        wilson_interval(successes, n)


def test_wilson_interval_rejects_bad_level() -> None:
    with pytest.raises(ValueError, match="Konfidensniveau"):
        wilson_interval(1, 10, level=1.0)


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda n: st.tuples(st.integers(0, n), st.just(n))
    )
)
def test_wilson_interval_contains_the_share_and_stays_in_unit_range(pair: tuple[int, int]) -> None:
    successes, n = pair
    low, high = wilson_interval(successes, n)
    assert 0.0 <= low <= successes / n <= high <= 1.0
    assert high - low > 0


def test_small_samples_are_flagged() -> None:
    assert estimate_share(5, SMALL_SAMPLE - 1).small_sample
    assert not estimate_share(5, SMALL_SAMPLE).small_sample
    assert estimate_share(25, 100).share == 0.25


def test_change_z_test_hand_computed() -> None:
    # 25 % of 200 then 15 % of 200: pooled 0.2, se sqrt(0.2*0.8*(1/200+1/200)) = 0.04, z = 2.5
    change = compare_shares((50, 200), (30, 200))
    assert change.test == "z"
    assert change.difference == pytest.approx(-0.10)
    assert change.p_value == pytest.approx(0.0124193, abs=1e-6)
    assert change.significant
    assert change.low < change.difference < change.high < 0


def test_change_interval_matches_newcombe_published_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, method 10: 56/70 - 48/80 = 0.2000,
    # 95 % interval 0.0524 to 0.3339.
    change = compare_shares((48, 80), (56, 70))
    assert change.difference == pytest.approx(0.2)
    assert (change.low, change.high) == pytest.approx((0.0524, 0.3339), abs=5e-5)


def test_change_within_chance_is_not_significant() -> None:
    # 18 % of 400 then 16 % of 400: pooled 0.17, se = 0.026561, z = 0.752977, p = 0.4515
    change = compare_shares((72, 400), (64, 400))
    assert change.p_value == pytest.approx(0.4515, abs=1e-4)
    assert not change.significant


def test_tiny_samples_use_fishers_exact_test() -> None:
    # [[1, 9], [6, 4]]: the two-sided exact p-value is 0.0573 (not significant), where the
    # z-test would claim p = 0.02.
    change = compare_shares((1, 10), (6, 10))
    assert change.test == "fisher"
    assert change.p_value == pytest.approx(0.057276, abs=1e-6)
    assert not change.significant


def test_fisher_two_sided_hand_computed() -> None:
    # [[3, 1], [1, 3]]: with 4 successes among 4 + 4 the weights C(4, k) * C(4, 4 - k) are
    # 1, 16, 36, 16, 1 (of 70); the tables no likelier than the observed 16 sum to 34.
    assert fisher_two_sided(3, 4, 1, 4) == pytest.approx(34 / 70, rel=1e-12)
    # the most likely table counts everything: p = 1
    assert fisher_two_sided(2, 4, 2, 4) == pytest.approx(1.0)
    # [[0, 5], [5, 0]]: only the two extreme tables, 1 + 1 of C(10, 5) = 252
    assert fisher_two_sided(0, 5, 5, 5) == pytest.approx(2 / 252, rel=1e-12)


def test_zero_shares_on_both_rounds_is_no_change() -> None:
    change = compare_shares((0, 300), (0, 300))
    assert change.difference == 0.0
    assert change.p_value == 1.0
    assert not change.significant


def test_all_in_share_on_both_rounds_is_no_change() -> None:
    change = compare_shares((300, 300), (250, 250))
    assert change.p_value == 1.0
    assert change.low <= 0.0 <= change.high
