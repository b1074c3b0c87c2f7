"""The report's "Virker partnerskabet?" for a partnership municipality: the estimate with its
placebo interval, the verdict, how well the comparison fitted before the start, the comparison
group and the caveat, in the Effekt page's words (`models.effect_text`); None for a municipality
without a partnership, so its pack is as before.

A section like the goals' (`models.report.GoalSection`, key "effect"), so the PDF and the workbook
show it without their own code for it; only its status is an `EffectStatus` value (or None when
there is no estimate), which the PDF draws with the effect's shapes and colours.
"""

import math
from functools import partial

from sqlalchemy import Engine

from dataio.meeting_pack.charts import effect_chart
from dataio.store.areas import municipality_table
from dataio.store.comparison import PartnershipEffect, partnership_effect
from models.announced import parse_partner_since
from models.effect import explanation_text
from models.effect_text import (
    donor_line,
    estimate_line,
    fit_warning,
    no_start_line,
    placebo_line,
)
from models.formatting import fmt_date, fmt_percent, fmt_period
from models.i18n import DANISH, N_, translate, translator
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable
from models.vocabulary import effect_label

EFFECT_KEY = "effect"
EFFECT_TITLE = N_("Virker partnerskabet?")
NO_ESTIMATE_LABEL = N_("Intet skøn")
# (models.effect.CAVEAT written out: extraction reads only literals)
CAVEAT_NOTE = N_(
    "Virker partnerskabet?: kommunens indbrud sammenlignes med en vægtet gruppe af kommuner uden "
    "partnerskab (syntetisk kontrol, interval fra en placebotest). Andet, der ændrede sig i "
    "kommunen fra starten, indgår også i skønnet: det er en sammenligning, ikke bevis for årsag."
)


def fit_note(effect: PartnershipEffect, *, lang: str = DANISH) -> str | None:
    """How well the comparison followed the municipality before the start (the pre-start fit)."""
    _ = translator(lang)
    result = effect.result
    if result is None or result.pre_rmspe is None:
        return None
    typical = (
        ""
        if result.typical_pre_rmspe is None
        else _(" (typisk {share} for kommunerne uden partnerskab)").format(
            share=fmt_percent(result.typical_pre_rmspe, lang=lang)
        )
    )
    return _(
        "Før starten ({quarters} kvartaler) afveg sammenligningen i gennemsnit "
        "{share} fra kommunens niveau{typical}."
    ).format(
        quarters=result.pre_quarters,
        share=fmt_percent(result.pre_rmspe, lang=lang),
        typical=typical,
    )


def effect_lines(effect: PartnershipEffect, *, name: str, lang: str = DANISH) -> list[str]:
    """The section's sentences: start, estimate, verdict in a sentence, fit, placebo, donors
    in `lang`."""
    _ = translator(lang)
    result = effect.result
    if effect.partner_since is None:
        return [no_start_line(name, lang=lang)]
    start = parse_partner_since(effect.partner_since)
    started = effect.partner_since if start is None else fmt_date(start, lang=lang)
    if result is None:
        return [
            _("Partnerskab siden {started}.").format(started=started),
            _("Intet skøn over partnerskabets virkning: {problem}").format(problem=effect.problem),
        ]
    estimate = estimate_line(
        result, lang=lang
    )  # first: the cover's table shows each section's first line
    lines = (
        []
        if estimate is None
        else [_("Skøn: {estimate} mod sammenligningen.").format(estimate=estimate)]
    )
    lines.append(
        _("Partnerskab siden {started} (fra {period}).").format(
            started=started, period=fmt_period(result.start_period, lang=lang)
        )
    )
    lines.append(explanation_text(result, lang=lang))
    for line in (
        fit_note(effect, lang=lang),
        fit_warning(result, lang=lang),
        placebo_line(result, lang=lang),
        donor_line(result, effect.donor_names, lang=lang),
    ):
        if line is not None:
            lines.append(line)
    return lines


def effect_figures(effect: PartnershipEffect, *, lang: str = DANISH) -> list[tuple[str, Cell]]:
    """The numbers as values for the workbook (as `"partnership_effect"` in the status JSON)."""
    _ = translator(lang)
    result = effect.result
    start = None if effect.partner_since is None else parse_partner_since(effect.partner_since)

    def rounded(value: float | None) -> float | None:
        return None if value is None or not math.isfinite(value) else round(value, 4)

    return [
        (_("Startdato"), start),
        (_("Første kvartal"), None if result is None else result.start_period),
        (_("Skøn (relativ forskel)"), None if result is None else rounded(result.estimate)),
        (_("95 %-interval fra"), None if result is None else rounded(result.low)),
        (_("95 %-interval til"), None if result is None else rounded(result.high)),
        (_("Placebo-p"), None if result is None else rounded(result.p_value)),
        (_("Kvartaler før starten"), None if result is None else result.pre_quarters),
        (_("Kvartaler efter starten"), None if result is None else result.post_quarters),
        (_("Afvigelse før starten"), None if result is None else rounded(result.pre_rmspe)),
        (_("Sammenligningskommuner"), None if result is None else len(result.donor_weights)),
        (_("Vurdering"), verdict_label(effect, lang=lang)),
    ]


def verdict_label(effect: PartnershipEffect, *, lang: str = DANISH) -> str:
    """The verdict's word ('Intet skøn' without an estimate); models.vocabulary's effect words
    are translated where that module marks them."""
    result = effect.result
    if result is None:
        return translate(lang, NO_ESTIMATE_LABEL)
    return translate(lang, effect_label(result.status))


def donor_table(effect: PartnershipEffect, *, name: str, lang: str = DANISH) -> ReportTable:
    """The comparison group with its weights (shares), largest first."""
    _ = translator(lang)
    weights = () if effect.result is None else effect.result.donor_weights
    return ReportTable(
        title=_("Sammenligningsgruppen for {name}").format(name=name),
        columns=[_("Kommunekode"), _("Kommune"), _("Vægt")],
        rows=[
            [code, effect.donor_names.get(code, str(code)), round(weight, 4)]
            for code, weight in weights
        ],
    )


def effect_section(
    con: Engine, code: int, viewer: Actor, *, lang: str = DANISH
) -> GoalSection | None:
    """The section for a partnership municipality; None for any other (public statistics, the
    same for every viewer who may read the municipality's pack)."""
    effect = partnership_effect(con, code=code)
    if effect is None:
        return None
    names = municipality_table(con).set_index("code")["name"]
    name = str(names.get(code, code))
    result = effect.result
    return GoalSection(
        key=EFFECT_KEY,
        title=translate(lang, EFFECT_TITLE),
        status=None if result is None else result.status.value,
        status_label=verdict_label(effect, lang=lang),
        lines=effect_lines(effect, name=name, lang=lang),
        figures=effect_figures(effect, lang=lang),
        table=donor_table(effect, name=name, lang=lang),
        demo=effect.demo,
        sources=[],  # the quarters' sources: the burglary section lists them already
        notes=[translate(lang, CAVEAT_NOTE)],
        chart=None if result is None else partial(effect_chart, effect, name=name, lang=lang),
    )
