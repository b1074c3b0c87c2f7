"""The report's neighbour-helper and insecurity sections (issue 5's overviews, as the report shows them).

Same contract as `dataio.meeting_pack.burglaries.burglary_section`: (engine, municipality code) in, a
`GoalSection` out. A municipality without data gets an honest "Ingen data endnu" section.
"""

from functools import partial

import pandas as pd
from sqlalchemy import Engine

from dataio.meeting_pack.charts import helper_chart, insecurity_chart
from dataio.store.neighbour_help import HelperOverview, helper_overview, helper_sources
from dataio.store.surveys import InsecurityOverview, insecurity_overview
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, translate, translator
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable, SourceLine
from models.vocabulary import NO_DATA_LABEL, TARGET_LABEL, status_label


def _sources(frame: pd.DataFrame) -> list[SourceLine]:
    return [
        SourceLine(str(r.name), pd.Timestamp(r.as_of).date(), bool(r.is_demo))
        for r in frame.itertuples()
    ]


def helper_lines(overview: HelperOverview, *, lang: str = DANISH) -> list[str]:
    """The helper card's key figures as sentences."""
    _ = translator(lang)
    result = overview.assessment
    if result.latest is None or result.as_of is None:
        return [
            _("Der er endnu ingen optællinger af nabohjælpere for {name}.").format(
                name=overview.name
            )
        ]
    lines = [
        _("Nabohjælpere pr. {date}: {count}").format(
            date=fmt_date(result.as_of, lang=lang), count=fmt_int(result.latest, lang=lang)
        ),
        _("Pr. 100 husstande: {density}").format(
            density=fmt_decimal(result.per_100_households, digits=1, lang=lang)
        )
        + (_(" (husstande tilnærmet)") if overview.households_approximate else ""),
    ]
    if result.target is not None and result.target_year is not None:
        default = _(" (standardmålår, kan ændres)") if overview.target_year_is_default else ""
        lines.append(
            _("Mål: {target} nabohjælpere i {year}{default}.").format(
                target=fmt_int(round(result.target), lang=lang),
                year=result.target_year,
                default=default,
            )
        )
    else:
        lines.append(
            _("{name} har intet rekrutteringsmål for nabohjælpere.").format(name=overview.name)
        )
    if result.baseline is not None and result.change_since_baseline is not None:
        lines.append(
            _("Siden basis ({baseline}): {change}.").format(
                baseline=fmt_int(result.baseline, lang=lang),
                change=f"{result.change_since_baseline:+d}",
            )
        )
    if result.progress is not None:
        lines.append(
            _("Fremdrift fra basis mod målet: {share}.").format(
                share=fmt_percent(result.progress, digits=0, lang=lang)
            )
        )
    if result.nabovenner is not None:
        lines.append(
            _("Nabovenner: {count} af {needed} ønskede (dækning {coverage}).").format(
                count=fmt_int(result.nabovenner, lang=lang),
                needed=fmt_int(result.nabovenner_needed, lang=lang),
                coverage=fmt_percent(result.coverage, digits=0, lang=lang),
            )
        )
    return lines


def helper_figures(overview: HelperOverview, *, lang: str = DANISH) -> list[tuple[str, Cell]]:
    """The key figures as values (as `botrygt status --json`'s "helpers" has them)."""
    _ = translator(lang)
    result = overview.assessment
    density = result.per_100_households
    return [
        (_("Seneste optælling"), result.as_of),
        (_("Nabohjælpere"), result.latest),
        (_("Pr. 100 husstande"), None if density is None else round(density, 2)),
        (_("Mål (nabohjælpere)"), None if result.target is None else round(result.target)),
        (_("Målår"), result.target_year),
        (_("Status"), status_label(result.status, lang=lang)),
    ]


def helpers_section(con: Engine, code: int, viewer: Actor, *, lang: str = DANISH) -> GoalSection:
    """Neighbour-helpers against the recruitment target."""
    _ = translator(lang)
    overview = helper_overview(con, viewer=viewer, code=code)
    result, counts = overview.assessment, overview.counts
    has_data = result.latest is not None
    rows: list[list[Cell]] = [
        [
            r.count_date,
            int(r.helpers),
            None if pd.isna(r.nabovenner) else int(r.nabovenner),
            str(r.source or ""),
            _("ja") if bool(r.is_demo) else _("nej"),
        ]
        for r in counts.itertuples()
    ]
    notes = (
        [
            _("Nabohjælpermål for {name}: {note}").format(
                name=overview.name, note=_(overview.goal_note)
            )
        ]
        if overview.goal_note
        else []
    )
    return GoalSection(
        key="helpers",
        title=_("Nabohjælpere mod rekrutteringsmålet"),
        status=result.status.value if has_data else None,
        status_label=status_label(result.status, lang=lang)
        if has_data
        else translate(lang, NO_DATA_LABEL),
        lines=helper_lines(overview, lang=lang),
        table=ReportTable(
            title=_("Nabohjælpere, {name}").format(name=overview.name),
            columns=[_("Dato"), _("Nabohjælpere"), _("Nabovenner"), _("Kilde"), _("Eksempeldata")],
            rows=rows,
        ),
        figures=helper_figures(overview, lang=lang),
        demo=overview.demo,
        sources=_sources(helper_sources(con, viewer=viewer, codes=[code])),
        notes=notes,
        chart=partial(helper_chart, overview, lang=lang) if has_data else None,
    )


def insecurity_lines(overview: InsecurityOverview, *, lang: str = DANISH) -> list[str]:
    """The insecurity card's key figures as sentences."""
    _ = translator(lang)
    result = overview.assessment
    estimate, goal = result.estimate, result.goal
    if estimate is None or result.year is None:
        return [_("Der er endnu ingen tryghedsmålinger for {name}.").format(name=overview.name)]
    lines = [
        _("Utrygge for indbrud {year}: {share} (95 %-interval {low}–{high}; {count} svar)").format(
            year=result.year,
            share=fmt_percent(estimate.share, lang=lang),
            low=fmt_percent(estimate.low, lang=lang),
            high=fmt_percent(estimate.high, lang=lang),
            count=fmt_int(estimate.n, lang=lang),
        )
        + (_(" – lille stikprøve") if estimate.small_sample else "")
    ]
    if goal is not None:
        lines.append(
            _("Mål: {target} i {year} (fra {baseline} i {baseline_year}).").format(
                target=fmt_percent(goal.target, digits=0, lang=lang),
                year=goal.target_year,
                baseline=fmt_percent(goal.baseline, digits=0, lang=lang),
                baseline_year=goal.baseline_year,
            )
        )
    if result.required is not None:
        lines.append(
            _("Det lige forløb kræver højst {share} i {year}.").format(
                share=fmt_percent(result.required, lang=lang), year=result.year
            )
        )
    if result.change is not None and result.previous_year is not None:
        change = result.change
        verdict = _("mere end tilfældigt") if change.significant else _("kan være tilfældigt")
        lines.append(
            _("Ændring siden {year}: {change} procentpoint ({verdict}).").format(
                year=result.previous_year,
                change=("+" if change.difference > 0 else "")
                + fmt_decimal(change.difference * 100, digits=1, lang=lang),
                verdict=verdict,
            )
        )
    return lines


def insecurity_figures(
    overview: InsecurityOverview, *, lang: str = DANISH
) -> list[tuple[str, Cell]]:
    """The key figures as values (as `botrygt status --json`'s "insecurity" has them)."""
    _ = translator(lang)
    result = overview.assessment
    estimate, goal = result.estimate, result.goal
    return [
        (_("Seneste måling"), result.year),
        (_("Andel utrygge"), None if estimate is None else round(estimate.share, 4)),
        (_("95 %-interval fra"), None if estimate is None else round(estimate.low, 4)),
        (_("95 %-interval til"), None if estimate is None else round(estimate.high, 4)),
        (_("Svar"), None if estimate is None else estimate.n),
        (translate(lang, TARGET_LABEL), None if goal is None else goal.target),
        (_("Status"), status_label(result.status, lang=lang)),
    ]


def insecurity_section(con: Engine, code: int, viewer: Actor, *, lang: str = DANISH) -> GoalSection:
    """The share insecure about burglary, with its interval, against the 10 % goal."""
    _ = translator(lang)
    overview = insecurity_overview(con, viewer=viewer, code=code)
    has_data = overview.assessment.estimate is not None
    rows: list[list[Cell]] = [
        [
            int(r.year),
            int(r.respondents),
            int(r.in_share),
            round(r.share * 100, 2),
            round(r.low * 100, 2),
            round(r.high * 100, 2),
            _("ja") if bool(r.small_sample) else _("nej"),
            _("ja") if bool(r.is_demo) else _("nej"),
        ]
        for r in overview.rounds.itertuples()
    ]
    return GoalSection(
        key="insecurity",
        title=_("Utryghed for indbrud mod 10 %-målet"),
        status=overview.assessment.status.value if has_data else None,
        status_label=status_label(overview.assessment.status, lang=lang)
        if has_data
        else translate(lang, NO_DATA_LABEL),
        lines=insecurity_lines(overview, lang=lang),
        table=ReportTable(
            title=_("Tryghedsmålinger, {name}").format(name=overview.name),
            columns=[
                _("År"),
                _("Svar"),
                _("Utrygge"),
                _("Andel (%)"),
                _("95 % fra (%)"),
                _("95 % til (%)"),
                _("Lille stikprøve"),
                _("Eksempeldata"),
            ],
            rows=rows,
        ),
        figures=insecurity_figures(overview, lang=lang),
        demo=overview.demo,
        sources=_sources(overview.sources),
        notes=[_("Utryghedsmål: {note}").format(note=_(overview.goal_note))]
        if overview.goal_note
        else [],
        chart=partial(insecurity_chart, overview, lang=lang) if has_data else None,
    )
