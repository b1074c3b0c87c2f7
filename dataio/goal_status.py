"""The helper and insecurity parts of `botrygt status` (and of the meeting pack)."""

from typing import Any

from dataio import queries
from dataio.helpers import district_table, helper_overview
from dataio.queries import Connectable
from dataio.surveys import INSECURITY, insecurity_overview, national_series
from models.domain import Indicator, Status
from models.helpers import per_100_households


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def helpers_document(con: Connectable, *, code: int | None) -> dict[str, Any] | None:
    """`"helpers"`: latest count, date, density, target (as helpers) and status; null without data."""
    if code is None:
        table = district_table(con, district=None)
        table = table[table["latest"].notna()]
        if table.empty:
            return None
        households = queries.household_table(con).sort_values("year").groupby("code").tail(1)
        covered = households[households["code"].isin(table["code"])]["households"].sum()
        latest = int(table["latest"].sum())
        return {
            "latest": latest,
            "as_of": min(table["as_of"]).isoformat(),  # the oldest of the municipalities' latest
            "per_100_households": _round(per_100_households(latest, float(covered)), 2),
            "target": None,
            "status": Status.INSUFFICIENT_EVIDENCE.value,
            "demo": bool(table["demo"].any()),
        }
    overview = helper_overview(con, code=code)
    result = overview.assessment
    if result.latest is None or result.as_of is None:
        return None
    return {
        "latest": result.latest,
        "as_of": result.as_of.isoformat(),
        "per_100_households": _round(result.per_100_households, 2),
        "target": None if result.target is None else round(result.target),
        "status": result.status.value,
        "demo": overview.demo,
    }


def insecurity_document(con: Connectable, *, code: int | None) -> dict[str, Any] | None:
    """`"insecurity"`: the latest round's share, 95 % interval, respondents, goal and status."""
    if code is None:
        national = national_series(con, measure_code=INSECURITY)
        if national.empty:
            return None
        last = national.iloc[-1]
        goal = queries.find_goal(con, indicator=Indicator.INSECURITY, code=None)
        return {
            "year": int(last["year"]),
            "share": round(float(last["share"]), 4),
            "ci_low": None,  # national figures are quoted without their sample sizes
            "ci_high": None,
            "respondents": None,
            "goal": None if goal is None or goal.target is None else goal.target,
            "status": Status.INSUFFICIENT_EVIDENCE.value,
            "quality": str(last["quality"]),
            "demo": str(last["quality"]) == "demo",
        }
    overview = insecurity_overview(con, code=code)
    result = overview.assessment
    if result.estimate is None or result.year is None:
        return None
    return {
        "year": result.year,
        "share": round(result.estimate.share, 4),
        "ci_low": round(result.estimate.low, 4),
        "ci_high": round(result.estimate.high, 4),
        "respondents": result.estimate.n,
        "goal": None if result.goal is None else result.goal.target,
        "status": result.status.value,
        "demo": overview.demo,
    }


def other_goals(con: Connectable, *, code: int | None) -> dict[str, dict[str, Any] | None]:
    """Both documents, as keyword arguments for status_document."""
    return {
        "helpers": helpers_document(con, code=code),
        "insecurity": insecurity_document(con, code=code),
    }
