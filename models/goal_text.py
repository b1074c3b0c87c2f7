"""Danish sentences about the burglary, helper and insecurity goals, shared by pages, reports and the CLI."""

import math

from models.burglaries import BurglaryAssessment
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, translate, translator
from models.insecurity import InsecurityAssessment
from models.neighbour_help import HelperAssessment
from models.pooling import PooledSlope
from models.proportions import SMALL_SAMPLE, ShareChange


def _signed(difference: float, lang: str = DANISH) -> str:
    sign = "+" if difference > 0 else ("-" if difference < 0 else "±")
    return f"{sign}{fmt_decimal(abs(difference) * 100, digits=1, lang=lang)}"


def points(difference: float, *, lang: str = DANISH) -> str:
    """A difference of shares in percentage points with sign: -0.055 -> "-5,5 procentpoint"."""
    return translate(lang, "{points} procentpoint").format(points=_signed(difference, lang))


def share_with_interval(share: float, low: float, high: float, *, lang: str = DANISH) -> str:
    """'22,1 % (95 %-interval 19,0-25,5 %)'."""
    return translate(lang, "{share} (95 %-interval {low}–{high})").format(
        share=fmt_percent(share, lang=lang),
        low=fmt_decimal(low * 100, lang=lang),
        high=fmt_percent(high, lang=lang),
    )


def change_sentence(change: ShareChange, *, earlier: int, later: int, lang: str = DANISH) -> str:
    """Whether the change between two rounds is more than chance, in words."""
    _ = translator(lang)
    direction = (
        _("Faldet")
        if change.difference < 0
        else _("Steget")
        if change.difference > 0
        else _("Uændret")
    )
    verdict = (
        _("mere end tilfældigheder kan forklare")
        if change.significant
        else _("inden for hvad tilfældigheder kan forklare")
    )
    test = _("Fishers eksakte test") if change.test == "fisher" else "z-test"
    p_value = (
        _("under 0,001")
        if change.p_value < 0.001
        else fmt_decimal(change.p_value, digits=3, lang=lang)
    )
    return _(
        "{direction} {points} fra {earlier} til {later}: {verdict} "
        "(p = {p_value}, {test}; 95 %-interval for ændringen {low} til "
        "{high} procentpoint)."
    ).format(
        direction=direction,
        points=points(change.difference, lang=lang).lstrip("+-±"),
        earlier=earlier,
        later=later,
        verdict=verdict,
        p_value=p_value,
        test=test,
        low=_signed(change.low, lang),
        high=_signed(change.high, lang),
    )


def insecurity_lines(result: InsecurityAssessment, *, lang: str = DANISH) -> list[str]:
    """The insecurity card's lines."""
    _ = translator(lang)
    estimate = result.estimate
    if estimate is None or result.year is None:
        return [_("Ingen måling endnu.")]
    lines = [
        _("Måling {year}: {share}, {respondents} besvarelser.").format(
            year=result.year,
            share=share_with_interval(estimate.share, estimate.low, estimate.high, lang=lang),
            respondents=fmt_int(estimate.n, lang=lang),
        )
    ]
    if estimate.small_sample:
        lines.append(
            _("Lille stikprøve (under {limit} besvarelser): tallet er meget usikkert.").format(
                limit=SMALL_SAMPLE
            )
        )
    if result.goal is not None:
        lines.append(
            _("Mål: {target} i {year}.").format(
                target=fmt_percent(result.goal.target, digits=0, lang=lang),
                year=result.goal.target_year,
            )
        )
    if result.required is not None:
        lines.append(
            _("Det lige målforløb kræver højst {required} i {year}.").format(
                required=fmt_percent(result.required, lang=lang), year=result.year
            )
        )
    if result.change is not None and result.previous_year is not None:
        lines.append(
            change_sentence(
                result.change, earlier=result.previous_year, later=result.year, lang=lang
            )
        )
    return lines


def helper_lines(
    result: HelperAssessment, *, target_year_is_default: bool = False, lang: str = DANISH
) -> list[str]:
    """The helper card's lines."""
    _ = translator(lang)

    def number(value: float) -> str:
        return fmt_int(value, lang=lang)

    if result.latest is None or result.as_of is None:
        return [_("Ingen optælling endnu.")]
    lines = [
        _("{count} nabohjælpere pr. {date}.").format(
            count=number(result.latest), date=fmt_date(result.as_of, lang=lang)
        )
    ]
    if result.per_100_households is not None:
        lines.append(
            _("{rate} pr. 100 husstande.").format(
                rate=fmt_decimal(result.per_100_households, lang=lang)
            )
        )
    if result.baseline is not None and result.change_since_baseline is not None:
        sign = "+" if result.change_since_baseline >= 0 else ""
        lines.append(
            _("{change} siden udgangspunktet ({baseline}).").format(
                change=sign + number(result.change_since_baseline),
                baseline=number(result.baseline),
            )
        )
    if result.target is not None and result.target_year is not None:
        default = _(" (standardmålår, kan ændres)") if target_year_is_default else ""
        lines.append(
            _("Mål: {target} nabohjælpere i {year}{default}.").format(
                target=number(round(result.target)), year=result.target_year, default=default
            )
        )
    if result.progress is not None:
        lines.append(
            _("{progress} af vejen fra udgangspunkt til mål.").format(
                progress=fmt_percent(result.progress, digits=0, lang=lang)
            )
        )
    if result.projection is not None and result.target is not None:
        p = result.projection
        lines.append(
            _(
                "Fremskrevet til {date}: {expected} (95 %-interval {low}–{high}); "
                "{per_year} flere om året."
            ).format(
                date=fmt_date(p.to_date, lang=lang),
                expected=number(round(p.expected)),
                low=number(round(p.low)),
                high=number(round(p.high)),
                per_year=number(round(p.per_year)),
            )
        )
    if result.nabovenner is not None and result.nabovenner_needed is not None:
        lines.append(
            _(
                "Nabovenner: {active} aktive af {needed} nødvendige (én pr. 100 husstande): "
                "dækning {coverage}."
            ).format(
                active=number(result.nabovenner),
                needed=number(result.nabovenner_needed),
                coverage=fmt_percent(result.coverage, digits=0, lang=lang),
            )
        )
    return lines


def burglary_count_line(
    result: BurglaryAssessment, *, provisional: bool = False, lang: str = DANISH
) -> str:
    """The headline figure as a sentence: 'Indbrud i beboelser 2024: 1.234 (foreløbigt)'."""
    _ = translator(lang)
    year = "" if result.latest_year is None else f" {result.latest_year}"
    return _("Indbrud i beboelser{year}: {count}").format(
        year=year, count=fmt_int(result.latest_count, lang=lang)
    ) + (_(" (foreløbigt)") if provisional else "")


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


def burglary_rate_line(
    per_1000_households: float | None, *, approximate: bool, lang: str = DANISH
) -> str:
    """'Pr. 1.000 husstande: 12,3', saying so when the households are approximated."""
    _ = translator(lang)
    return _("Pr. 1.000 husstande: {rate}").format(
        rate=fmt_decimal(per_1000_households, digits=1, lang=lang)
    ) + (_(" (husstande tilnærmet)") if approximate else "")
