"""The report's goal sections: one builder per goal, each turning a municipality into a GoalSection.

A builder takes the engine and a municipality code and returns a `models.report.GoalSection`
(or None where the goal has no data yet); `dataio.meeting_pack.content.GOAL_SECTION_BUILDERS` lists them.
"""

from functools import partial

from sqlalchemy import Engine

from dataio.meeting_pack.charts import burglary_chart
from dataio.store.burglaries import BurglaryOverview, municipality_overview
from models import goal_text
from models.breaks import year_notes
from models.goal_text import burglary_count_line, burglary_rate_line
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable, SourceLine
from models.vocabulary import status_label


def burglary_lines(overview: BurglaryOverview) -> list[str]:
    """The burglary card's key figures as sentences (the Kommune page's words, models.goal_text)."""
    result = overview.assessment
    provisional = bool(
        overview.annual.loc[overview.annual["year"] == result.latest_year, "provisional"].any()
    )
    return [
        burglary_count_line(result, provisional=provisional),
        *goal_text.burglary_lines(result),
        burglary_rate_line(
            overview.per_1000_households, approximate=overview.households_approximate
        ),
    ]


def burglary_figures(overview: BurglaryOverview) -> list[tuple[str, Cell]]:
    """The key figures as values (the workbook's numbers, as `botrygt status --json` has them)."""
    result, goal = overview.assessment, overview.assessment.goal
    projection = result.projection
    required = result.required_for_latest_year
    return [
        ("Seneste hele år", result.latest_year),
        ("Indbrud i beboelser", result.latest_count),
        ("Krævet efter målforløbet (lige linje)", None if required is None else round(required)),
        (
            "Pr. 1.000 husstande",
            None
            if overview.per_1000_households is None
            else round(overview.per_1000_households, 2),
        ),
        ("Basisår", None if goal is None else goal.baseline_year),
        ("Basis", None if goal is None else round(goal.baseline)),
        ("Mål", None if goal is None else round(goal.target)),
        ("Målår", None if goal is None else goal.target_year),
        ("Fremskrevet til målåret", None if projection is None else round(projection.expected)),
        ("Fremskrevet, 95 %-interval fra", None if projection is None else round(projection.low)),
        ("Fremskrevet, 95 %-interval til", None if projection is None else round(projection.high)),
        ("Status", status_label(result.status)),
    ]


def burglary_table(overview: BurglaryOverview) -> ReportTable:
    """Annual burglaries with the required path and notes on breaks (the chart's numbers)."""
    path = {p.year: p for p in overview.assessment.path}
    provisional = set(overview.annual.loc[overview.annual["provisional"].astype(bool), "year"])
    rows: list[list[Cell]] = []
    for row in overview.annual.itertuples():
        year = int(row.year)
        point = path.get(year)
        rows.append(
            [
                year,
                int(row.count),
                None if point is None else round(point.linear),
                None if point is None else round(point.constant_rate),
                "eksempeldata" if bool(row.demo) else str(row.quality),
                "; ".join(year_notes(year, provisional_years=provisional)),
            ]
        )
    return ReportTable(
        title=f"Indbrud i beboelser pr. år, {overview.name}",
        columns=[
            "År",
            "Indbrud",
            "Krævet (lige linje)",
            "Krævet (fast procentvis fald)",
            "Kvalitet",
            "Note",
        ],
        rows=rows,
    )


def burglary_section(con: Engine, code: int, viewer: Actor) -> GoalSection:
    """Burglaries against the path to the goal: the Kommune page's card, chart and numbers."""
    overview = municipality_overview(con, code=code)
    result = overview.assessment
    notes = [b.label_da for b in overview.breaks]
    if result.goal is not None:
        notes.append(f"Indbrudsmål for {overview.name}: {result.goal.source_note}")
    if overview.households_approximate:
        notes.append(
            f"Husstande i {overview.name} er tilnærmede (befolkning / 2,13), indtil FAM55N er indlæst."
        )
    return GoalSection(
        key="burglaries",
        title="Indbrud i beboelser mod målet",
        status=result.status.value,
        status_label=status_label(result.status),
        lines=burglary_lines(overview)
        if len(overview.annual)
        else [f"Der er endnu ingen indbrudstal for {overview.name}."],
        figures=burglary_figures(overview),
        table=burglary_table(overview),
        demo=overview.demo,
        sources=[SourceLine(s.name, s.as_of, s.demo) for s in overview.sources],
        notes=notes,
        chart=partial(burglary_chart, overview) if len(overview.annual) else None,
    )
