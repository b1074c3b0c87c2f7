"""Danish sentences about the burglary, helper and insecurity goals, shared by pages, reports and the CLI."""

import math

from models.burglaries import BurglaryAssessment
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, translator
from models.insecurity import InsecurityAssessment
from models.neighbour_help import HelperAssessment
from models.pooling import PooledSlope
from models.proportions import SMALL_SAMPLE, ShareChange


def _signed(difference: float) -> str:
    sign = "+" if difference > 0 else ("-" if difference < 0 else "±")
    return f"{sign}{fmt_decimal(abs(difference) * 100, digits=1)}"


def points(difference: float) -> str:
    """A difference of shares in percentage points with sign: -0.055 -> "-5,5 procentpoint"."""
    return f"{_signed(difference)} procentpoint"


def share_with_interval(share: float, low: float, high: float) -> str:
    """'22,1 % (95 %-interval 19,0-25,5 %)'."""
    return f"{fmt_percent(share)} (95 %-interval {fmt_decimal(low * 100)}–{fmt_percent(high)})"


def change_sentence(change: ShareChange, *, earlier: int, later: int) -> str:
    """Whether the change between two rounds is more than chance, in words."""
    direction = (
        "Faldet" if change.difference < 0 else "Steget" if change.difference > 0 else "Uændret"
    )
    verdict = (
        "mere end tilfældigheder kan forklare"
        if change.significant
        else "inden for hvad tilfældigheder kan forklare"
    )
    test = "Fishers eksakte test" if change.test == "fisher" else "z-test"
    p_value = "under 0,001" if change.p_value < 0.001 else fmt_decimal(change.p_value, digits=3)
    return (
        f"{direction} {points(change.difference).lstrip('+-±')} fra {earlier} til {later}: {verdict} "
        f"(p = {p_value}, {test}; 95 %-interval for ændringen {_signed(change.low)} til "
        f"{_signed(change.high)} procentpoint)."
    )


def insecurity_lines(result: InsecurityAssessment) -> list[str]:
    """The insecurity card's lines."""
    estimate = result.estimate
    if estimate is None or result.year is None:
        return ["Ingen måling endnu."]
    lines = [
        f"Måling {result.year}: {share_with_interval(estimate.share, estimate.low, estimate.high)}, "
        f"{fmt_int(estimate.n)} besvarelser."
    ]
    if estimate.small_sample:
        lines.append(
            f"Lille stikprøve (under {SMALL_SAMPLE} besvarelser): tallet er meget usikkert."
        )
    if result.goal is not None:
        lines.append(
            f"Mål: {fmt_percent(result.goal.target, digits=0)} i {result.goal.target_year}."
        )
    if result.required is not None:
        lines.append(
            f"Det lige målforløb kræver højst {fmt_percent(result.required)} i {result.year}."
        )
    if result.change is not None and result.previous_year is not None:
        lines.append(
            change_sentence(result.change, earlier=result.previous_year, later=result.year)
        )
    return lines


def helper_lines(result: HelperAssessment, *, target_year_is_default: bool = False) -> list[str]:
    """The helper card's lines."""
    if result.latest is None or result.as_of is None:
        return ["Ingen optælling endnu."]
    lines = [f"{fmt_int(result.latest)} nabohjælpere pr. {fmt_date(result.as_of)}."]
    if result.per_100_households is not None:
        lines.append(f"{fmt_decimal(result.per_100_households)} pr. 100 husstande.")
    if result.baseline is not None and result.change_since_baseline is not None:
        sign = "+" if result.change_since_baseline >= 0 else ""
        lines.append(
            f"{sign}{fmt_int(result.change_since_baseline)} siden udgangspunktet ({fmt_int(result.baseline)})."
        )
    if result.target is not None and result.target_year is not None:
        default = " (standardmålår, kan ændres)" if target_year_is_default else ""
        lines.append(
            f"Mål: {fmt_int(round(result.target))} nabohjælpere i {result.target_year}{default}."
        )
    if result.progress is not None:
        lines.append(f"{fmt_percent(result.progress, digits=0)} af vejen fra udgangspunkt til mål.")
    if result.projection is not None and result.target is not None:
        p = result.projection
        lines.append(
            f"Fremskrevet til {fmt_date(p.to_date)}: {fmt_int(round(p.expected))} "
            f"(95 %-interval {fmt_int(round(p.low))}–{fmt_int(round(p.high))}); "
            f"{fmt_int(round(p.per_year))} flere om året."
        )
    if result.nabovenner is not None and result.nabovenner_needed is not None:
        lines.append(
            f"Nabovenner: {fmt_int(result.nabovenner)} aktive af {fmt_int(result.nabovenner_needed)} "
            f"nødvendige (én pr. 100 husstande): dækning {fmt_percent(result.coverage, digits=0)}."
        )
    return lines


def burglary_count_line(result: BurglaryAssessment, *, provisional: bool = False) -> str:
    """The headline figure as a sentence: 'Indbrud i beboelser 2024: 1.234 (foreløbigt)'."""
    year = "" if result.latest_year is None else f" {result.latest_year}"
    return f"Indbrud i beboelser{year}: {fmt_int(result.latest_count)}" + (
        " (foreløbigt)" if provisional else ""
    )


def burglary_lines(result: BurglaryAssessment, *, lang: str = DANISH) -> list[str]:
    """The burglary card's lines under its headline figure: required level, goal, projection."""
    _ = translator(lang)

    def number(value: float) -> str:
        return fmt_int(round(value), lang=lang)

    goal = result.goal
    lines = []
    if result.required_for_latest_year is not None:
        lines.append(
            _("Målforløbet (lige linje) krævede højst {required} i {year}.").format(
                required=number(result.required_for_latest_year), year=result.latest_year
            )
        )
    if goal is not None:
        default = _(" (standardmålår, kan ændres)") if goal.target_year_is_default else ""
        lines.append(
            _(
                "Mål: fra {baseline} ({baseline_year}) til {target} i {target_year}{default}."
            ).format(
                baseline=number(goal.baseline),
                baseline_year=goal.baseline_year,
                target=number(goal.target),
                target_year=goal.target_year,
                default=default,
            )
        )
    if result.projection is not None:
        p = result.projection
        lines.append(
            _(
                "Fremskrevet til {year}: {expected} (95 %-interval {low}–{high}); "
                "tendens {change} % om året."
            ).format(
                year=p.to_year,
                expected=number(p.expected),
                low=number(p.low),
                high=number(p.high),
                change=fmt_decimal(p.annual_change * 100, digits=1, lang=lang),
            )
        )
        if result.pooled is not None:
            lines.append(pooling_line(result.pooled, lang=lang))
    return lines


def _yearly(slope: float, lang: str = DANISH) -> str:
    """A log-linear slope as a yearly change: -0.0235 -> "-2,3 % om året"."""
    _ = translator(lang)
    return _("{change} % om året").format(
        change=fmt_decimal(math.expm1(slope) * 100, digits=1, lang=lang)
    )


def pooling_line(pooled: PooledSlope, *, lang: str = DANISH) -> str:
    """How far the municipality's own trend was pulled towards the common one, in words."""
    _ = translator(lang)
    weight = pooled.own_weight
    reason = (
        _("den er usikker")
        if weight < 0.5
        else _("den er forholdsvis sikker")
        if weight < 0.9
        else _("den er sikker")
    )
    return _(
        "Tendensen er kommunens egen ({own}) trukket mod landstendensen (alle kommuners fælles "
        "tendens, {common}); den egne vejer {weight}, fordi {reason}."
    ).format(
        own=_yearly(pooled.own.slope, lang),
        common=_yearly(pooled.common.slope, lang),
        weight=fmt_percent(weight, digits=0, lang=lang),
        reason=reason,
    )


def burglary_rate_line(per_1000_households: float | None, *, approximate: bool) -> str:
    """'Pr. 1.000 husstande: 12,3', saying so when the households are approximated."""
    return f"Pr. 1.000 husstande: {fmt_decimal(per_1000_households, digits=1)}" + (
        " (husstande tilnærmet)" if approximate else ""
    )
