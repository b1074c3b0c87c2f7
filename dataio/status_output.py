"""`botrygt status`: the overview as one JSON object, or as a short Danish table."""

from typing import Any

from dataio.status import BurglaryOverview
from models.actionplan import PlanSummary
from models.formatting import fmt_decimal, fmt_int
from models.trends import status_label_da


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def plan_document(summary: PlanSummary | None) -> dict[str, Any] | None:
    """The action plan's counts and progress (null where no plan exists)."""
    if summary is None:
        return None
    progress = None if summary.progress is None else round(summary.progress, 3)
    return {
        "items": summary.items,
        "done": summary.done,
        "overdue": summary.overdue,
        "stale": summary.stale,
        "progress": progress,
    }


def status_document(
    overview: BurglaryOverview,
    *,
    action_plan: PlanSummary | None = None,
    helpers: dict[str, Any] | None = None,
    insecurity: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The stable JSON shape (later keys may be added, none renamed)."""
    result = overview.assessment
    goal = result.goal
    projection = result.projection
    return {
        "scope": {"kind": overview.scope_kind.value, "code": overview.code, "name": overview.name},
        "burglaries": {
            "latest_year": result.latest_year,
            "latest_year_provisional": bool(
                overview.annual.loc[
                    overview.annual["year"] == result.latest_year, "provisional"
                ].any()
            ),
            "count": result.latest_count,
            "per_1000_households": _round(overview.per_1000_households, 2),
            "households_approximate": overview.households_approximate,
            "goal": None
            if goal is None
            else {
                "baseline_year": goal.baseline_year,
                "baseline": round(goal.baseline),
                "target": round(goal.target),
                "target_year": goal.target_year,
                "target_year_is_default": goal.target_year_is_default,
                "inherited_from_national": goal.inherited_from_national,
            },
            "required_for_latest_year": None
            if result.required_for_latest_year is None
            else round(result.required_for_latest_year),
            "projection": None
            if projection is None
            else {
                "year": projection.to_year,
                "expected": round(projection.expected),
                "low": round(projection.low),
                "high": round(projection.high),
                "annual_change": round(projection.annual_change, 4),
            },
            "status": result.status.value,
        },
        "action_plan": plan_document(action_plan),
        "helpers": helpers,
        "insecurity": insecurity,
        "data": {
            "demo": overview.demo
            or bool(helpers and helpers.get("demo"))
            or bool(insecurity and insecurity.get("demo")),
            "sources": [
                {"name": s.name, "as_of": s.as_of.isoformat(), "demo": s.demo}
                for s in overview.sources
            ],
        },
    }


def status_text(overview: BurglaryOverview) -> str:
    """A short Danish table for the terminal."""
    result = overview.assessment
    goal = result.goal
    lines = [
        f"{overview.name}" + ("  (EKSEMPELDATA)" if overview.demo else ""),
        f"  Indbrud i beboelser {result.latest_year}: {fmt_int(result.latest_count)}",
        f"  Pr. 1.000 husstande:        {fmt_decimal(overview.per_1000_households, digits=1)}"
        + (" (tilnærmet)" if overview.households_approximate else ""),
    ]
    if goal is not None:
        lines += [
            f"  Mål: {fmt_int(round(goal.baseline))} ({goal.baseline_year}) → {fmt_int(round(goal.target))} ({goal.target_year})"
            + (" – målåret er en standard" if goal.target_year_is_default else ""),
        ]
        if result.required_for_latest_year is not None:
            lines.append(
                f"  Krævet niveau {result.latest_year}:      {fmt_int(round(result.required_for_latest_year))}"
            )
    lines.append(f"  Status: {status_label_da(result.status)}")
    lines += [f"  Kilde: {s.name}, {s.as_of.isoformat()}" for s in overview.sources]
    return "\n".join(lines)
