"""The status of a scope as one JSON-ready document: `botrygt status --json`, pages and the pack."""

import math
from datetime import date
from typing import Any

from sqlalchemy import Engine

from dataio.db.frames import Connectable
from dataio.offences.store import offence_document
from dataio.store.action_plans import plan_summary, require_read
from dataio.store.areas import latest_households
from dataio.store.burglaries import BurglaryOverview, municipality_overview, national_overview
from dataio.store.comparison import PartnershipEffect, partnership_effect
from dataio.store.expected import expected_document
from dataio.store.goals import find_goal
from dataio.store.neighbour_help import district_table, helper_overview
from dataio.store.surveys import INSECURITY, insecurity_overview, national_series
from dataio.tasks.goal_check_ins import goal_override, override_document
from models.actionplan import PlanSummary
from models.announced import parse_partner_since
from models.domain import Indicator, Status
from models.effect import EffectStatus
from models.formatting import fmt_decimal, fmt_int
from models.i18n import DANISH, translate, translator
from models.neighbour_help import per_100_households
from models.permissions import Actor
from models.report import DEMO_MARK
from models.vocabulary import status_label, status_mark


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def helpers_document(con: Connectable, *, viewer: Actor, code: int | None) -> dict[str, Any] | None:
    """`"helpers"`: latest count, date, density, target (as helpers) and status; null without data."""
    if code is None:
        table = district_table(con, viewer=viewer, district=None)
        table = table[table["latest"].notna()]
        if table.empty:
            return None
        households = latest_households(con)["households"]
        covered = households[households.index.isin(table["code"])].sum()
        latest = int(table["latest"].sum())
        return {
            "latest": latest,
            "as_of": min(table["as_of"]).isoformat(),  # the oldest of the municipalities' latest
            "per_100_households": _round(per_100_households(latest, float(covered)), 2),
            "target": None,
            "status": Status.INSUFFICIENT_EVIDENCE.value,
            "demo": bool(table["demo"].any()),
        }
    overview = helper_overview(con, viewer=viewer, code=code)
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


def national_insecurity_document(con: Connectable) -> dict[str, Any] | None:
    """`"insecurity"` for Denmark: the latest quoted national share (public, no viewer needed)."""
    national = national_series(con, measure_code=INSECURITY)
    if national.empty:
        return None
    last = national.iloc[-1]
    goal = find_goal(con, indicator=Indicator.INSECURITY, code=None)
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


def insecurity_document(
    con: Connectable, *, viewer: Actor, code: int | None
) -> dict[str, Any] | None:
    """`"insecurity"`: the latest round's share, 95 % interval, respondents, goal and status."""
    if code is None:
        return national_insecurity_document(con)
    overview = insecurity_overview(con, viewer=viewer, code=code)
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


def other_goals(
    con: Connectable, *, viewer: Actor, code: int | None
) -> dict[str, dict[str, Any] | None]:
    """Both documents, as keyword arguments for status_document."""
    return {
        "helpers": helpers_document(con, viewer=viewer, code=code),
        "insecurity": insecurity_document(con, viewer=viewer, code=code),
    }


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


EFFECT_METHOD_CODE = "synthetic_control"  # models.effect: a synthetic control with placebo runs
EFFECT_STATUS_CODES = {
    EffectStatus.FELL: "fell",
    EffectStatus.SAME: "same",
    EffectStatus.ROSE: "rose",
    EffectStatus.TOO_EARLY: "too_early",
    EffectStatus.WEAK: "weak",
}


def _finite(value: float | None, digits: int) -> float | None:
    """Rounded; None for a missing or unbounded end (JSON has no infinity)."""
    return None if value is None or not math.isfinite(value) else round(value, digits)


def effect_document(effect: PartnershipEffect | None) -> dict[str, Any] | None:
    """`"partnership_effect"`: the estimate (relative difference against the synthetic
    comparison, -0.42 is 42 % fewer), its 95 % placebo interval, the placebo p-value and the
    number of donors with weight; null without a partnership or a start date. Too few quarters:
    `"status": "too_early"` with what is known; data the model refuses: `"no_estimate"`."""
    if effect is None or effect.partner_since is None:
        return None
    start = parse_partner_since(effect.partner_since)
    document: dict[str, Any] = {
        "start": None if start is None else start.isoformat(),
        "method": EFFECT_METHOD_CODE,
        "demo": effect.demo,
    }
    result = effect.result
    if result is None:
        return document | {"status": "no_estimate", "problem": effect.problem}
    return document | {
        "status": EFFECT_STATUS_CODES[result.status],
        "start_period": result.start_period,
        "pre_quarters": result.pre_quarters,
        "post_quarters": result.post_quarters,
        "estimate": _finite(result.estimate, 4),
        "low": _finite(result.low, 4),
        "high": _finite(result.high, 4),
        "p_value": _finite(result.p_value, 4),
        "donors": len(result.donor_weights),
        "placebos": result.placebo_count,
        "weak_fit": result.weak_fit,
    }


def status_document(
    overview: BurglaryOverview,
    *,
    action_plan: PlanSummary | None = None,
    helpers: dict[str, Any] | None = None,
    insecurity: dict[str, Any] | None = None,
    expected: dict[str, Any] | None = None,
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
        "expected": expected,  # burglaries against what the conditions predict (models.expected)
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


def status_text(overview: BurglaryOverview, *, lang: str = DANISH) -> str:
    """A short table for the terminal, in `lang` (Danish by default)."""
    _ = translator(lang)
    result = overview.assessment
    goal = result.goal
    lines = [
        f"{overview.name}" + (f"  ({translate(lang, DEMO_MARK)})" if overview.demo else ""),
        "  "
        + _("Indbrud i beboelser {year}: {count}").format(
            year=result.latest_year, count=fmt_int(result.latest_count, lang=lang)
        ),
        "  "
        + _("Pr. 1.000 husstande:        {rate}").format(
            rate=fmt_decimal(overview.per_1000_households, digits=1, lang=lang)
        )
        + (_(" (tilnærmet)") if overview.households_approximate else ""),
    ]
    if goal is not None:
        lines += [
            "  "
            + _("Mål: {baseline} ({baseline_year}) → {target} ({target_year})").format(
                baseline=fmt_int(round(goal.baseline), lang=lang),
                baseline_year=goal.baseline_year,
                target=fmt_int(round(goal.target), lang=lang),
                target_year=goal.target_year,
            )
            + (_(" – målåret er en standard") if goal.target_year_is_default else ""),
        ]
        if result.required_for_latest_year is not None:
            lines.append(
                "  "
                + _("Krævet niveau {year}:      {required}").format(
                    year=result.latest_year,
                    required=fmt_int(round(result.required_for_latest_year), lang=lang),
                )
            )
    mark = status_mark(result.status, status_label(result.status, lang=lang))
    lines.append("  " + _("Status: {mark}").format(mark=mark))
    lines += [
        "  " + _("Kilde: {name}, {date}").format(name=s.name, date=s.as_of.isoformat())
        for s in overview.sources
    ]
    return "\n".join(lines)


def scope_status_document(
    engine: Engine, *, viewer: Actor, code: int | None, today: date
) -> dict[str, Any]:
    """`botrygt status --json` for a municipality (within the viewer's scope) or the nation."""
    goals = other_goals(engine, viewer=viewer, code=code)
    if code is None:
        national = status_document(
            national_overview(engine), helpers=goals["helpers"], insecurity=goals["insecurity"]
        )
        national = with_overrides(engine, national, code=None)
        return national | {
            "partnership_effect": None,  # a municipality's partnership only
            "business_burglaries": offence_document(engine, code=None),
        }
    require_read(engine, viewer=viewer, municipality_code=code)
    document = status_document(
        municipality_overview(engine, code=code),
        action_plan=plan_summary(engine, viewer=viewer, municipality_code=code, today=today),
        helpers=goals["helpers"],
        insecurity=goals["insecurity"],
        expected=expected_document(engine, code=code),
    )
    document["partnership_effect"] = effect_document(partnership_effect(engine, code=code))
    # STRAF11 1310 beside the burglaries (dataio.offences); "burglaries" is not touched by it
    document["business_burglaries"] = offence_document(engine, code=code)
    return with_overrides(engine, document, code=code)


def with_overrides(
    con: Connectable, document: dict[str, Any], *, code: int | None
) -> dict[str, Any]:
    """The computed statuses stay as they are; a goal the project leader has given their own
    status (with a reason) gets an "override" key beside its "status"."""
    for key, indicator in (
        ("burglaries", Indicator.BURGLARIES),
        ("helpers", Indicator.HELPERS),
        ("insecurity", Indicator.INSECURITY),
    ):
        override = override_document(goal_override(con, indicator=indicator, code=code))
        if override is not None and isinstance(document.get(key), dict):
            document[key] = document[key] | {"override": override}
    return document
