"""The effect card's lines in Danish or English (pure): the estimate and its interval, the
placebo test, a weak comparison, and which municipalities the comparison is made of
(`models.effect`)."""

import math
from collections.abc import Mapping

from models.effect import CAVEAT, EffectResult, EffectStatus, explanation_text
from models.formatting import fmt_change, fmt_decimal, fmt_int, fmt_percent, fmt_period
from models.i18n import DANISH, N_, translate, translate_plural, translator

TOP_DONORS = 5
SMALLEST_SHOWN_WEIGHT = 0.005  # a smaller weight prints as "0 %": counted with the rest
SMALLEST_TABLE_WEIGHT = 0.0005  # a smaller weight prints as "0,0 %" in the table: left out

# How the comparison is made, for anyone who asks in the meeting (docs/effect.md in full)
EFFECT_METHOD: tuple[str, ...] = (
    N_(
        "Kommunens indbrud pr. kvartal sammenlignes med en vægtet gruppe af kommuner uden "
        "partnerskab, valgt så gruppen fulgte kommunens udvikling bedst muligt før starten."
    ),
    N_(
        "Efter starten viser gruppen, hvordan indbruddene kunne have udviklet sig uden "
        "partnerskabet; forskellen er skønnet."
    ),
    N_("Lovændringen i 2018 og COVID-19 ramte alle kommuner og indgår derfor i begge kurver."),
    N_(
        "Intervallet kommer fra en placebotest: hver kommune uden partnerskab behandles, som om "
        "den var startet samme kvartal."
    ),
    N_(
        "Andet, der ændrede sig i kommunen fra starten, indgår også i skønnet: det er en "
        "sammenligning, ikke bevis for årsag."
    ),
)

# The verdicts as headings (`models.vocabulary.effect_label`: the status's value, capitalised)
EFFECT_HEADINGS: dict[str, str] = {
    EffectStatus.FELL: N_("Faldet mere end sammenlignelige"),
    EffectStatus.SAME: N_("Som sammenlignelige"),
    EffectStatus.ROSE: N_("Steget mere end sammenlignelige"),
    EffectStatus.TOO_EARLY: N_("For tidligt at sige"),
    EffectStatus.WEAK: N_("Svag sammenligning"),
}


def effect_heading(status: str, *, lang: str = DANISH) -> str:
    """'Faldet mere end sammenlignelige' (`effect_label`'s words) in `lang`."""
    return translate(lang, EFFECT_HEADINGS[EffectStatus(status)])


def effect_method(*, lang: str = DANISH) -> tuple[str, ...]:
    """EFFECT_METHOD in `lang`."""
    return tuple(translate(lang, line) for line in EFFECT_METHOD)


def estimate_line(result: EffectResult, *, lang: str = DANISH) -> str | None:
    """'-23 % (95 %-interval -41 % til -2 %)'; '(intet 95 %-interval)' with too few donors;
    None when there is no estimate (too early)."""
    if result.estimate is None:
        return None
    _ = translator(lang)
    estimate = fmt_change(result.estimate, digits=0, lang=lang)
    if result.low is None or result.high is None:
        return _("{estimate} (intet 95 %-interval)").format(estimate=estimate)
    low = fmt_change(result.low, digits=0, lang=lang)
    if not math.isfinite(result.high):
        return _("{estimate} (95 %-interval {low} eller mere)").format(estimate=estimate, low=low)
    return _("{estimate} (95 %-interval {low} til {high})").format(
        estimate=estimate, low=low, high=fmt_change(result.high, digits=0, lang=lang)
    )


def placebo_line(result: EffectResult, *, lang: str = DANISH) -> str | None:
    """How many of the placebo runs were at least as far off as the partner, and the p-value."""
    if result.p_value is None or result.placebo_count == 0:
        return None
    _ = translator(lang)
    as_far = round(result.p_value * (result.placebo_count + 1)) - 1
    tried = translate_plural(
        lang, "{count} kommune", "{count} kommuner", result.placebo_count
    ).format(count=fmt_int(result.placebo_count, lang=lang))
    return _(
        "Placebotest: {tried} uden partnerskab er prøvet, som om de var startet samme kvartal; "
        "{as_far} af dem afveg mindst lige så meget fra deres sammenligning (p = {p})."
    ).format(
        tried=tried,
        as_far=as_far or _("ingen"),
        p=fmt_decimal(result.p_value, digits=2, lang=lang),
    )


def fit_warning(result: EffectResult, *, lang: str = DANISH) -> str | None:
    """The warning for a weak comparison before the start (None when the fit is not weak)."""
    if not result.weak_fit:
        return None
    return translate(
        lang,
        "Svag sammenligning: før starten afveg den vægtede gruppe i gennemsnit {fit} fra "
        "kommunens niveau, mod typisk {typical} for kommunerne uden partnerskab. Læs skønnet "
        "med forsigtighed.",
    ).format(
        fit=fmt_percent(result.pre_rmspe, lang=lang),
        typical=fmt_percent(result.typical_pre_rmspe, lang=lang),
    )


def donor_line(
    result: EffectResult, names: Mapping[int, str], *, top: int = TOP_DONORS, lang: str = DANISH
) -> str | None:
    """'Sammenligningsgruppen: Gladsaxe 31 %, Ballerup 22 % og 7 andre kommuner 12 %.' (the
    largest weights; what the comparison is made of, not which municipality is "like" this one)"""
    shown = [(c, w) for c, w in result.donor_weights[:top] if w >= SMALLEST_SHOWN_WEIGHT]
    if not shown:
        return None
    _ = translator(lang)
    parts = [
        f"{names.get(code, str(code))} {fmt_percent(weight, digits=0, lang=lang)}"
        for code, weight in shown
    ]
    rest = result.donor_weights[len(shown) :]
    rest_weight = sum(weight for _code, weight in rest)
    if rest and rest_weight >= SMALLEST_SHOWN_WEIGHT:
        others = translate_plural(
            lang, "{count} anden kommune", "{count} andre kommuner", len(rest)
        ).format(count=fmt_int(len(rest), lang=lang))
        parts.append(f"{others} {fmt_percent(rest_weight, digits=0, lang=lang)}")
    listed = (
        parts[0]
        if len(parts) == 1
        else _("{first} og {last}").format(first=", ".join(parts[:-1]), last=parts[-1])
    )
    return _("Sammenligningsgruppen: {listed}.").format(listed=listed)


def no_partnership_line(name: str, *, lang: str = DANISH) -> str:
    """What the section says for a municipality that is not a partnership."""
    return translate(
        lang,
        "{name} er ikke en Bo trygt-partnerskabskommune, så der er intet skøn over, om "
        "partnerskabet virker.",
    ).format(name=name)


def no_start_line(name: str, *, lang: str = DANISH) -> str:
    """What the section says for a partnership whose start date is not known."""
    return translate(
        lang,
        "{name} er en Bo trygt-partnerskabskommune, men startdatoen kendes ikke, så der er intet "
        "før og efter at sammenligne.",
    ).format(name=name)


DONOR_COLUMNS = (N_("Kommune"), N_("Kode"), N_("Vægt"))


def donor_rows(
    result: EffectResult, names: Mapping[int, str], *, lang: str = DANISH
) -> list[dict[str, str]]:
    """The comparison group as a table, largest weight first: the municipality, its code and its
    weight as Danes write it ('31,2 %'); weights that print as 0,0 % are left out. The column
    headings are in `lang`."""
    municipality, code_column, weight_column = (translate(lang, c) for c in DONOR_COLUMNS)
    return [
        {
            municipality: names.get(code, str(code)),
            code_column: f"{code:03d}",
            weight_column: fmt_percent(weight, digits=1, lang=lang),
        }
        for code, weight in result.donor_weights
        if weight >= SMALLEST_TABLE_WEIGHT
    ]


def short_verdict(result: EffectResult, *, lang: str = DANISH) -> str:
    """The Kommune page's line after the verdict's badge: the estimate with its interval since
    the start, or, without an estimate (too early), the model's own sentence."""
    estimate = estimate_line(result, lang=lang)
    if estimate is None:
        return explanation_text(result, lang=lang)
    _ = translator(lang)
    return _(
        "Siden {start}: {estimate} mod en vægtet gruppe af kommuner uden partnerskab; en {caveat}."
    ).format(start=fmt_period(result.start_period, lang=lang), estimate=estimate, caveat=_(CAVEAT))
