"""Survey shares with their uncertainty: Wilson intervals and the test of a change between rounds."""

import math
from dataclasses import dataclass

from scipy.special import ndtr, ndtri

SMALL_SAMPLE = 100  # below this many respondents a share is flagged as uncertain on every page


def _z(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise ValueError(f"Konfidensniveau skal ligge mellem 0 og 1, fik {level}")
    return float(ndtri(1 - (1 - level) / 2))


def fisher_two_sided(x1: int, n1: int, x2: int, n2: int) -> float:
    """Fisher's exact test of the 2x2 table [[x1, n1 - x1], [x2, n2 - x2]], two-sided as in
    scipy.stats.fisher_exact: the probability, with the margins fixed, of every table no more
    likely than the observed one (with scipy's relative tolerance of 1e-7). Exact integers: the
    hypergeometric weights C(n1, k) * C(n2, s - k) share the denominator C(n1 + n2, s)."""
    successes = x1 + x2
    weights = [
        math.comb(n1, k) * math.comb(n2, successes - k)
        for k in range(max(0, successes - n2), min(n1, successes) + 1)
    ]
    observed = math.comb(n1, x1) * math.comb(n2, x2)
    tail = sum(w for w in weights if w * 10_000_000 <= observed * 10_000_001)
    return min(1.0, tail / math.comb(n1 + n2, successes))


def _check(successes: int, n: int) -> None:
    if n <= 0:
        raise ValueError(f"Antal besvarelser skal være positivt, fik {n}")
    if not 0 <= successes <= n:
        raise ValueError(f"Antallet ({successes}) skal ligge mellem 0 og antal besvarelser ({n})")


def wilson_interval(successes: int, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a share: stays inside [0, 1] and is honest at 0 % and 100 %."""
    _check(successes, n)
    z = _z(level)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # Exact ends where the share is 0 or 1 (the formula gives them up to rounding).
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class ShareEstimate:
    """A share from a sample, with its 95 % interval and whether the sample is small."""

    successes: int
    n: int
    share: float
    low: float
    high: float
    small_sample: bool


def estimate_share(successes: int, n: int, *, level: float = 0.95) -> ShareEstimate:
    """Share, Wilson interval and small-sample flag in one."""
    low, high = wilson_interval(successes, n, level=level)
    return ShareEstimate(successes, n, successes / n, low, high, n < SMALL_SAMPLE)


@dataclass(frozen=True)
class ShareChange:
    """The change from one round to the next and whether it is more than chance."""

    difference: float  # later share minus earlier share
    low: float  # Newcombe's hybrid score interval for the difference
    high: float
    p_value: float
    test: str  # "z" (two-proportion z-test) or "fisher" (exact, for small expected counts)
    significant: bool


def compare_shares(
    earlier: tuple[int, int], later: tuple[int, int], *, level: float = 0.95
) -> ShareChange:
    """Two independent samples (successes, n): the difference, its interval, and a test."""
    (x1, n1), (x2, n2) = earlier, later
    _check(x1, n1)
    _check(x2, n2)
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1, level=level)
    l2, u2 = wilson_interval(x2, n2, level=level)
    difference = p2 - p1
    # Newcombe (1998), method 10: combine the two Wilson intervals.
    low = difference - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    high = difference + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    pooled = (x1 + x2) / (n1 + n2)
    expected = [pooled * n1, (1 - pooled) * n1, pooled * n2, (1 - pooled) * n2]
    if min(expected) < 5:
        # The normal approximation is poor with few expected answers: Fisher's exact test.
        p_value = fisher_two_sided(x1, n1, x2, n2)
        test = "fisher"
    elif pooled in (0.0, 1.0):
        p_value, test = 1.0, "z"
    else:
        se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        p_value = float(2 * ndtr(-abs(difference) / se))
        test = "z"
    return ShareChange(difference, low, high, p_value, test, p_value < 1 - level)
