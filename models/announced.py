"""Turn the partnerships' announced targets (free text) into goal fields."""

import re
from dataclasses import dataclass
from datetime import date

_FRACTIONS = {"two thirds": 2 / 3, "half": 1 / 2, "one third": 1 / 3}


@dataclass(frozen=True)
class AnnouncedTarget:
    """Goal fields read from an announcement; None where it says nothing."""

    target: float | None = None
    target_reduction: float | None = None
    target_year: int | None = None
    years_after_start: int | None = None


def parse_burglary_target(text: str | None) -> AnnouncedTarget | None:
    """Read 'under 85 per year', '150 per year by 2023', '66% fewer', 'two thirds fewer within 5 years'."""
    if not text or not text.strip():
        return None
    lowered = text.strip().lower()
    by_year = re.search(r"\bby (\d{4})\b", lowered)
    within = re.search(r"within (\d+) years", lowered)
    level = re.search(r"(?:under )?(\d[\d,.]*) per year", lowered)
    percent = re.search(r"(\d+(?:[.,]\d+)?)\s*% fewer", lowered)
    fraction = next((v for k, v in _FRACTIONS.items() if f"{k} fewer" in lowered), None)
    result = AnnouncedTarget(
        target=float(level.group(1).replace(",", "")) if level else None,
        target_reduction=float(percent.group(1).replace(",", ".")) / 100 if percent else fraction,
        target_year=int(by_year.group(1)) if by_year else None,
        years_after_start=int(within.group(1)) if within else None,
    )
    if result.target is None and result.target_reduction is None:
        return None
    return result


def parse_partner_since(text: str | None) -> date | None:
    """First day of an announced start: '2021', '2019-10' or '2021-03-01'."""
    if not text or not text.strip():
        return None
    parts = [int(p) for p in text.strip().split("-")]
    year, month, day = [*parts, 1, 1][:3]
    return date(year, month, day)


@dataclass(frozen=True)
class AnnouncedHelperTarget:
    """A helper target read from an announcement: a number of new helpers or a household share."""

    unit: str  # models.neighbour_help.TargetUnit value
    target: float


def parse_helper_target(text: str | None) -> AnnouncedHelperTarget | None:
    """Read 'at least 2,000 new helpers', '2,000 more helpers', '60% of households in Nabohjælp'."""
    if not text or not text.strip():
        return None
    lowered = text.strip().lower()
    share = re.search(r"(\d+(?:[.,]\d+)?)\s*% of households", lowered)
    if share:
        return AnnouncedHelperTarget(
            "household_share", float(share.group(1).replace(",", ".")) / 100
        )
    more = re.search(r"(\d[\d,]*)\s+(?:new|more)\b", lowered)
    if more:
        return AnnouncedHelperTarget("increase", float(more.group(1).replace(",", "")))
    return None
