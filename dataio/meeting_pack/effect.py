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
from models.effect import CAVEAT
from models.effect_text import (
    donor_line,
    estimate_line,
    fit_warning,
    no_start_line,
    placebo_line,
)
from models.formatting import fmt_date, fmt_percent, fmt_period
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable
from models.vocabulary import effect_label

EFFECT_KEY = "effect"
EFFECT_TITLE = "Virker partnerskabet?"
NO_ESTIMATE_LABEL = "Intet skøn"
CAVEAT_NOTE = (
    "Virker partnerskabet?: kommunens indbrud sammenlignes med en vægtet gruppe af kommuner uden "
    "partnerskab (syntetisk kontrol, interval fra en placebotest). Andet, der ændrede sig i "
    f"kommunen fra starten, indgår også i skønnet: det er en {CAVEAT}."
)


def fit_note(effect: PartnershipEffect) -> str | None:
    """How well the comparison followed the municipality before the start (the pre-start fit)."""
    result = effect.result
    if result is None or result.pre_rmspe is None:
        return None
    typical = (
        ""
        if result.typical_pre_rmspe is None
        else f" (typisk {fmt_percent(result.typical_pre_rmspe)} for kommunerne uden partnerskab)"
    )
    return (
        f"Før starten ({result.pre_quarters} kvartaler) afveg sammenligningen i gennemsnit "
        f"{fmt_percent(result.pre_rmspe)} fra kommunens niveau{typical}."
    )


def effect_lines(effect: PartnershipEffect, *, name: str) -> list[str]:
    """The section's sentences: start, estimate, verdict in a sentence, fit, placebo, donors."""
    result = effect.result
    if effect.partner_since is None:
        return [no_start_line(name)]
    start = parse_partner_since(effect.partner_since)
    started = effect.partner_since if start is None else fmt_date(start)
    if result is None:
        return [
            f"Partnerskab siden {started}.",
            f"Intet skøn over partnerskabets virkning: {effect.problem}",
        ]
    estimate = estimate_line(result)  # first: the cover's table shows each section's first line
    lines = [] if estimate is None else [f"Skøn: {estimate} mod sammenligningen."]
    lines.append(f"Partnerskab siden {started} (fra {fmt_period(result.start_period)}).")
    lines.append(result.explanation)
    for line in (
        fit_note(effect),
        fit_warning(result),
        placebo_line(result),
        donor_line(result, effect.donor_names),
    ):
        if line is not None:
            lines.append(line)
    return lines


def effect_figures(effect: PartnershipEffect) -> list[tuple[str, Cell]]:
    """The numbers as values for the workbook (as `"partnership_effect"` in the status JSON)."""
    result = effect.result
    start = None if effect.partner_since is None else parse_partner_since(effect.partner_since)

    def rounded(value: float | None) -> float | None:
        return None if value is None or not math.isfinite(value) else round(value, 4)

    return [
        ("Startdato", start),
        ("Første kvartal", None if result is None else result.start_period),
        ("Skøn (relativ forskel)", None if result is None else rounded(result.estimate)),
        ("95 %-interval fra", None if result is None else rounded(result.low)),
        ("95 %-interval til", None if result is None else rounded(result.high)),
        ("Placebo-p", None if result is None else rounded(result.p_value)),
        ("Kvartaler før starten", None if result is None else result.pre_quarters),
        ("Kvartaler efter starten", None if result is None else result.post_quarters),
        ("Afvigelse før starten", None if result is None else rounded(result.pre_rmspe)),
        ("Sammenligningskommuner", None if result is None else len(result.donor_weights)),
        ("Vurdering", NO_ESTIMATE_LABEL if result is None else effect_label(result.status)),
    ]


def donor_table(effect: PartnershipEffect, *, name: str) -> ReportTable:
    """The comparison group with its weights (shares), largest first."""
    weights = () if effect.result is None else effect.result.donor_weights
    return ReportTable(
        title=f"Sammenligningsgruppen for {name}",
        columns=["Kommunekode", "Kommune", "Vægt"],
        rows=[
            [code, effect.donor_names.get(code, str(code)), round(weight, 4)]
            for code, weight in weights
        ],
    )


def effect_section(con: Engine, code: int, viewer: Actor) -> GoalSection | None:
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
        title=EFFECT_TITLE,
        status=None if result is None else result.status.value,
        status_label=NO_ESTIMATE_LABEL if result is None else effect_label(result.status),
        lines=effect_lines(effect, name=name),
        figures=effect_figures(effect),
        table=donor_table(effect, name=name),
        demo=effect.demo,
        sources=[],  # the quarters' sources: the burglary section lists them already
        notes=[CAVEAT_NOTE],
        chart=None if result is None else partial(effect_chart, effect, name=name),
    )
