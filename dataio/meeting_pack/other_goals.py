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
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable, SourceLine
from models.vocabulary import NO_DATA_LABEL, status_label


def _sources(frame: pd.DataFrame) -> list[SourceLine]:
    return [
        SourceLine(str(r.name), pd.Timestamp(r.as_of).date(), bool(r.is_demo))
        for r in frame.itertuples()
    ]


def helper_lines(overview: HelperOverview) -> list[str]:
    """The helper card's key figures as sentences."""
    result = overview.assessment
    if result.latest is None or result.as_of is None:
        return [f"Der er endnu ingen optællinger af nabohjælpere for {overview.name}."]
    lines = [
        f"Nabohjælpere pr. {fmt_date(result.as_of)}: {fmt_int(result.latest)}",
        f"Pr. 100 husstande: {fmt_decimal(result.per_100_households, digits=1)}"
        + (" (husstande tilnærmet)" if overview.households_approximate else ""),
    ]
    if result.target is not None and result.target_year is not None:
        default = " (standardmålår, kan ændres)" if overview.target_year_is_default else ""
        lines.append(
            f"Mål: {fmt_int(round(result.target))} nabohjælpere i {result.target_year}{default}."
        )
    else:
        lines.append(f"{overview.name} har intet rekrutteringsmål for nabohjælpere.")
    if result.baseline is not None and result.change_since_baseline is not None:
        lines.append(
            f"Siden basis ({fmt_int(result.baseline)}): {result.change_since_baseline:+d}."
        )
    if result.progress is not None:
        lines.append(f"Fremdrift fra basis mod målet: {fmt_percent(result.progress, digits=0)}.")
    if result.nabovenner is not None:
        lines.append(
            f"Nabovenner: {fmt_int(result.nabovenner)} af {fmt_int(result.nabovenner_needed)} ønskede "
            f"(dækning {fmt_percent(result.coverage, digits=0)})."
        )
    return lines


def helper_figures(overview: HelperOverview) -> list[tuple[str, Cell]]:
    """The key figures as values (as `botrygt status --json`'s "helpers" has them)."""
    result = overview.assessment
    density = result.per_100_households
    return [
        ("Seneste optælling", result.as_of),
        ("Nabohjælpere", result.latest),
        ("Pr. 100 husstande", None if density is None else round(density, 2)),
        ("Mål (nabohjælpere)", None if result.target is None else round(result.target)),
        ("Målår", result.target_year),
        ("Status", status_label(result.status)),
    ]


def helpers_section(con: Engine, code: int, viewer: Actor) -> GoalSection:
    """Neighbour-helpers against the recruitment target."""
    overview = helper_overview(con, viewer=viewer, code=code)
    result, counts = overview.assessment, overview.counts
    has_data = result.latest is not None
    rows: list[list[Cell]] = [
        [
            r.count_date,
            int(r.helpers),
            None if pd.isna(r.nabovenner) else int(r.nabovenner),
            str(r.source or ""),
            "ja" if bool(r.is_demo) else "nej",
        ]
        for r in counts.itertuples()
    ]
    notes = (
        [f"Nabohjælpermål for {overview.name}: {overview.goal_note}"] if overview.goal_note else []
    )
    return GoalSection(
        key="helpers",
        title="Nabohjælpere mod rekrutteringsmålet",
        status=result.status.value if has_data else None,
        status_label=status_label(result.status) if has_data else NO_DATA_LABEL,
        lines=helper_lines(overview),
        table=ReportTable(
            title=f"Nabohjælpere, {overview.name}",
            columns=["Dato", "Nabohjælpere", "Nabovenner", "Kilde", "Eksempeldata"],
            rows=rows,
        ),
        figures=helper_figures(overview),
        demo=overview.demo,
        sources=_sources(helper_sources(con, viewer=viewer, codes=[code])),
        notes=notes,
        chart=partial(helper_chart, overview) if has_data else None,
    )


def insecurity_lines(overview: InsecurityOverview) -> list[str]:
    """The insecurity card's key figures as sentences."""
    result = overview.assessment
    estimate, goal = result.estimate, result.goal
    if estimate is None or result.year is None:
        return [f"Der er endnu ingen tryghedsmålinger for {overview.name}."]
    lines = [
        f"Utrygge for indbrud {result.year}: {fmt_percent(estimate.share)} "
        f"(95 %-interval {fmt_percent(estimate.low)}–{fmt_percent(estimate.high)}; "
        f"{fmt_int(estimate.n)} svar)" + (" – lille stikprøve" if estimate.small_sample else "")
    ]
    if goal is not None:
        lines.append(
            f"Mål: {fmt_percent(goal.target, digits=0)} i {goal.target_year} "
            f"(fra {fmt_percent(goal.baseline, digits=0)} i {goal.baseline_year})."
        )
    if result.required is not None:
        lines.append(
            f"Det lige forløb kræver højst {fmt_percent(result.required)} i {result.year}."
        )
    if result.change is not None and result.previous_year is not None:
        change = result.change
        verdict = "mere end tilfældigt" if change.significant else "kan være tilfældigt"
        lines.append(
            f"Ændring siden {result.previous_year}: {'+' if change.difference > 0 else ''}"
            f"{fmt_decimal(change.difference * 100, digits=1)} "
            f"procentpoint ({verdict})."
        )
    return lines


def insecurity_figures(overview: InsecurityOverview) -> list[tuple[str, Cell]]:
    """The key figures as values (as `botrygt status --json`'s "insecurity" has them)."""
    result = overview.assessment
    estimate, goal = result.estimate, result.goal
    return [
        ("Seneste måling", result.year),
        ("Andel utrygge", None if estimate is None else round(estimate.share, 4)),
        ("95 %-interval fra", None if estimate is None else round(estimate.low, 4)),
        ("95 %-interval til", None if estimate is None else round(estimate.high, 4)),
        ("Svar", None if estimate is None else estimate.n),
        ("Mål", None if goal is None else goal.target),
        ("Status", status_label(result.status)),
    ]


def insecurity_section(con: Engine, code: int, viewer: Actor) -> GoalSection:
    """The share insecure about burglary, with its interval, against the 10 % goal."""
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
            "ja" if bool(r.small_sample) else "nej",
            "ja" if bool(r.is_demo) else "nej",
        ]
        for r in overview.rounds.itertuples()
    ]
    return GoalSection(
        key="insecurity",
        title="Utryghed for indbrud mod 10 %-målet",
        status=overview.assessment.status.value if has_data else None,
        status_label=status_label(overview.assessment.status) if has_data else NO_DATA_LABEL,
        lines=insecurity_lines(overview),
        table=ReportTable(
            title=f"Tryghedsmålinger, {overview.name}",
            columns=[
                "År",
                "Svar",
                "Utrygge",
                "Andel (%)",
                "95 % fra (%)",
                "95 % til (%)",
                "Lille stikprøve",
                "Eksempeldata",
            ],
            rows=rows,
        ),
        figures=insecurity_figures(overview),
        demo=overview.demo,
        sources=_sources(overview.sources),
        notes=[f"Utryghedsmål: {overview.goal_note}"] if overview.goal_note else [],
        chart=partial(insecurity_chart, overview) if has_data else None,
    )
