"""The effect card's lines in Danish (pure): the estimate and its interval, the placebo test, a
weak comparison, and which municipalities the comparison is made of (`models.effect`)."""

import math
from collections.abc import Mapping

from models.effect import CAVEAT, EffectResult
from models.formatting import fmt_change, fmt_count, fmt_decimal, fmt_percent, fmt_period

TOP_DONORS = 5
SMALLEST_SHOWN_WEIGHT = 0.005  # a smaller weight prints as "0 %": counted with the rest
SMALLEST_TABLE_WEIGHT = 0.0005  # a smaller weight prints as "0,0 %" in the table: left out

# How the comparison is made, for anyone who asks in the meeting (docs/effect.md in full)
EFFECT_METHOD: tuple[str, ...] = (
    "Kommunens indbrud pr. kvartal sammenlignes med en vægtet gruppe af kommuner uden "
    "partnerskab, valgt så gruppen fulgte kommunens udvikling bedst muligt før starten.",
    "Efter starten viser gruppen, hvordan indbruddene kunne have udviklet sig uden "
    "partnerskabet; forskellen er skønnet.",
    "Lovændringen i 2018 og COVID-19 ramte alle kommuner og indgår derfor i begge kurver.",
    "Intervallet kommer fra en placebotest: hver kommune uden partnerskab behandles, som om den "
    "var startet samme kvartal.",
    "Andet, der ændrede sig i kommunen fra starten, indgår også i skønnet: det er en "
    "sammenligning, ikke bevis for årsag.",
)


def estimate_line(result: EffectResult) -> str | None:
    """'-23 % (95 %-interval -41 % til -2 %)'; '(intet 95 %-interval)' with too few donors;
    None when there is no estimate (too early)."""
    if result.estimate is None:
        return None
    estimate = fmt_change(result.estimate, digits=0)
    if result.low is None or result.high is None:
        return f"{estimate} (intet 95 %-interval)"
    low = fmt_change(result.low, digits=0)
    if not math.isfinite(result.high):
        return f"{estimate} (95 %-interval {low} eller mere)"
    return f"{estimate} (95 %-interval {low} til {fmt_change(result.high, digits=0)})"


def placebo_line(result: EffectResult) -> str | None:
    """How many of the placebo runs were at least as far off as the partner, and the p-value."""
    if result.p_value is None or result.placebo_count == 0:
        return None
    as_far = round(result.p_value * (result.placebo_count + 1)) - 1
    tried = fmt_count(result.placebo_count, one="kommune", many="kommuner")
    return (
        f"Placebotest: {tried} uden partnerskab er prøvet, som om de var startet samme kvartal; "
        f"{as_far or 'ingen'} af dem afveg mindst lige så meget fra deres sammenligning "
        f"(p = {fmt_decimal(result.p_value, digits=2)})."
    )


def fit_warning(result: EffectResult) -> str | None:
    """The warning for a weak comparison before the start (None when the fit is not weak)."""
    if not result.weak_fit:
        return None
    return (
        "Svag sammenligning: før starten afveg den vægtede gruppe i gennemsnit "
        f"{fmt_percent(result.pre_rmspe)} fra kommunens niveau, mod typisk "
        f"{fmt_percent(result.typical_pre_rmspe)} for kommunerne uden partnerskab. Læs skønnet "
        "med forsigtighed."
    )


def donor_line(
    result: EffectResult, names: Mapping[int, str], *, top: int = TOP_DONORS
) -> str | None:
    """'Sammenligningsgruppen: Gladsaxe 31 %, Ballerup 22 % og 7 andre kommuner 12 %.' (the
    largest weights; what the comparison is made of, not which municipality is "like" this one)"""
    shown = [(c, w) for c, w in result.donor_weights[:top] if w >= SMALLEST_SHOWN_WEIGHT]
    if not shown:
        return None
    parts = [
        f"{names.get(code, str(code))} {fmt_percent(weight, digits=0)}" for code, weight in shown
    ]
    rest = result.donor_weights[len(shown) :]
    rest_weight = sum(weight for _, weight in rest)
    if rest and rest_weight >= SMALLEST_SHOWN_WEIGHT:
        others = fmt_count(len(rest), one="anden kommune", many="andre kommuner")
        parts.append(f"{others} {fmt_percent(rest_weight, digits=0)}")
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} og {parts[-1]}"
    return f"Sammenligningsgruppen: {listed}."


def no_partnership_line(name: str) -> str:
    """What the section says for a municipality that is not a partnership."""
    return (
        f"{name} er ikke en Bo trygt-partnerskabskommune, så der er intet skøn over, om "
        "partnerskabet virker."
    )


def no_start_line(name: str) -> str:
    """What the section says for a partnership whose start date is not known."""
    return (
        f"{name} er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke, så der er intet "
        "før og efter at sammenligne."
    )


def donor_rows(result: EffectResult, names: Mapping[int, str]) -> list[dict[str, str]]:
    """The comparison group as a table, largest weight first: the municipality, its code and its
    weight as Danes write it ('31,2 %'); weights that print as 0,0 % are left out."""
    return [
        {
            "Kommune": names.get(code, str(code)),
            "Kode": f"{code:03d}",
            "Vægt": fmt_percent(weight, digits=1),
        }
        for code, weight in result.donor_weights
        if weight >= SMALLEST_TABLE_WEIGHT
    ]


def short_verdict(result: EffectResult) -> str:
    """The Kommune page's line after the verdict's badge: the estimate with its interval since
    the start, or, without an estimate (too early), the model's own sentence."""
    estimate = estimate_line(result)
    if estimate is None:
        return result.explanation
    return (
        f"Siden {fmt_period(result.start_period)}: {estimate} mod en vægtet gruppe af kommuner "
        f"uden partnerskab; en {CAVEAT}."
    )
