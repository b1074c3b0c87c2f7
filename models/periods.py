"""Quarter periods in Danmarks Statistik notation ("2023K1")."""

import re
from datetime import date, timedelta

_PERIOD = re.compile(r"([0-9]{4})K([0-9])")
_MIN_YEAR = 1900
_MAX_YEAR = 2100


def parse_period(period: str) -> tuple[int, int]:
    """Split a period such as "2023K1" into (year, quarter), or raise ValueError."""
    match = _PERIOD.fullmatch(period) if isinstance(period, str) else None
    if match is None:
        raise ValueError(f"Ugyldig periode: {period!r} (forventet fx 2023K1)")
    year, quarter = int(match.group(1)), int(match.group(2))
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= quarter <= 4):
        raise ValueError(f"Ugyldig periode: {period!r} (forventet fx 2023K1)")
    return year, quarter


def period_of(*, year: int, quarter: int) -> str:
    """Build the period string for a year and quarter, validating both."""
    period = f"{year}K{quarter}"
    parse_period(period)
    return period


def _index(period: str) -> int:
    """Number of quarters since year 0, so periods can be compared and stepped."""
    year, quarter = parse_period(period)
    return year * 4 + quarter - 1


def _from_index(index: int) -> str:
    """Inverse of _index."""
    return period_of(year=index // 4, quarter=index % 4 + 1)


def latest_full_quarter(today: date) -> str:
    """The last quarter that ended before `today` (today itself belongs to a running quarter)."""
    current = today.year * 4 + (today.month - 1) // 3
    return _from_index(current - 1)


def quarter_range(*, first: str, last: str) -> list[str]:
    """All periods from `first` to `last` inclusive; empty if first is after last."""
    return [_from_index(i) for i in range(_index(first), _index(last) + 1)]


def quarter_start(period: str) -> date:
    """First day of the quarter."""
    year, quarter = parse_period(period)
    return date(year, 3 * quarter - 2, 1)


def quarter_end(period: str) -> date:
    """Last day of the quarter."""
    year, quarter = parse_period(period)
    if quarter == 4:
        return date(year, 12, 31)
    return date(year, 3 * quarter + 1, 1) - timedelta(days=1)
