"""Rates per 1,000 households, year-on-year changes, annual totals and peer groups."""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from models.periods import parse_period, period_of


def _usable_households(households: float | None) -> bool:
    """Whether a household figure can divide: present, finite (pandas gives NaN) and positive."""
    return households is not None and math.isfinite(households) and households > 0


def rate_per_1000(*, count: float, households: float | None) -> float | None:
    """Count per 1,000 households; None when the household figure is missing or not positive."""
    if households is None or not _usable_households(households):
        return None
    return count / households * 1000


def same_quarter_change(
    *, counts: Mapping[str, int], period: str
) -> tuple[int | None, float | None]:
    """Absolute and relative change against the same quarter a year earlier."""
    # Comparing with the same quarter (not the previous one) removes the seasonal pattern:
    # burglaries peak in the dark winter quarters.
    year, quarter = parse_period(period)
    current = counts.get(period)
    earlier = counts.get(period_of(year=year - 1, quarter=quarter))
    if current is None or earlier is None:
        return None, None
    change = current - earlier
    return change, (change / earlier if earlier != 0 else None)


def annual_totals(counts: Mapping[str, int]) -> dict[int, int]:
    """Sum of quarters per year, only for years with all four quarters (a partial year is none)."""
    totals: dict[int, int] = defaultdict(int)
    quarters: dict[int, set[int]] = defaultdict(set)
    for period, count in counts.items():
        year, quarter = parse_period(period)
        totals[year] += count
        quarters[year].add(quarter)
    return {year: totals[year] for year in sorted(totals) if len(quarters[year]) == 4}


def peer_group(*, code: int, households_by_code: Mapping[int, float], size: int = 10) -> list[int]:
    """The `size` municipalities nearest in log(households) to `code`, ties broken by code."""
    # Without data on density or urbanisation, similar size is the best proxy we have for
    # comparable municipalities; the log scale makes 10,000 vs 20,000 as far apart as
    # 50,000 vs 100,000. Municipalities without a usable household figure are left out.
    own = households_by_code.get(code)
    if own is None or not _usable_households(own):
        return []
    candidates = [
        (abs(math.log(households) - math.log(own)), other)
        for other, households in households_by_code.items()
        if other != code and _usable_households(households)
    ]
    return [other for _, other in sorted(candidates)[: max(size, 0)]]


def group_rate_per_1000(
    *,
    counts_by_code: Mapping[int, float],
    households_by_code: Mapping[int, float],
    codes: Iterable[int],
) -> float | None:
    """Pooled rate of a group: total count / total households * 1000 over codes in both maps."""
    # Pooling (not averaging the members' rates) weights each municipality by its size, so a
    # small island's volatile rate cannot swing the group figure.
    present = [
        code
        for code in set(codes)
        if code in counts_by_code and _usable_households(households_by_code.get(code))
    ]
    households = sum(households_by_code[code] for code in present)
    return rate_per_1000(count=sum(counts_by_code[code] for code in present), households=households)
