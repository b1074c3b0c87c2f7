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
from models.burglaries import source_note_text
from models.goal_text import burglary_count_line, burglary_rate_line
from models.i18n import DANISH, translate, translator
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable, SourceLine
from models.vocabulary import TARGET_LABEL, status_label


def burglary_lines(overview: BurglaryOverview, *, lang: str = DANISH) -> list[str]:
    """The burglary card's key figures as sentences (the Kommune page's words, models.goal_text;
    its count and rate lines in Danish until they take a language)."""
    result = overview.assessment
    provisional = bool(
        overview.annual.loc[overview.annual["year"] == result.latest_year, "provisional"].any()
    )
    return [
        burglary_count_line(result, provisional=provisional, lang=lang),
        *goal_text.burglary_lines(result, lang=lang),
        burglary_rate_line(
            overview.per_1000_households, approximate=overview.households_approximate, lang=lang
        ),
    ]


def burglary_figures(overview: BurglaryOverview, *, lang: str = DANISH) -> list[tuple[str, Cell]]:
    """The key figures as values (the workbook's numbers, as `botrygt status --json` has them)."""
    _ = translator(lang)
    result, goal = overview.assessment, overview.assessment.goal
    projection = result.projection
    required = result.required_for_latest_year
    return [
        (_("Seneste hele år"), result.latest_year),
        (_("Indbrud i beboelser"), result.latest_count),
        (_("Krævet efter målforløbet (lige linje)"), None if required is None else round(required)),
        (
            _("Pr. 1.000 husstande"),
            None
            if overview.per_1000_households is None
            else round(overview.per_1000_households, 2),
        ),
        (_("Basisår"), None if goal is None else goal.baseline_year),
        (_("Basis"), None if goal is None else round(goal.baseline)),
        (translate(lang, TARGET_LABEL), None if goal is None else round(goal.target)),
        (_("Målår"), None if goal is None else goal.target_year),
        (_("Fremskrevet til målåret"), None if projection is None else round(projection.expected)),
        (
            _("Fremskrevet, 95 %-interval fra"),
            None if projection is None else round(projection.low),
        ),
        (
            _("Fremskrevet, 95 %-interval til"),
            None if projection is None else round(projection.high),
        ),
        (_("Status"), status_label(result.status, lang=lang)),
    ]


def burglary_table(overview: BurglaryOverview, *, lang: str = DANISH) -> ReportTable:
    """Annual burglaries with the required path and notes on breaks (the chart's numbers; the
    notes are models.breaks', in Danish until it takes a language)."""
    _ = translator(lang)
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
                _("eksempeldata") if bool(row.demo) else str(row.quality),
                "; ".join(year_notes(year, provisional_years=provisional, lang=lang)),
            ]
        )
    return ReportTable(
        title=_("Indbrud i beboelser pr. år, {name}").format(name=overview.name),
        columns=[
            _("År"),
            _("Indbrud"),
            _("Krævet (lige linje)"),
            _("Krævet (fast procentvis fald)"),
            _("Kvalitet"),
            _("Note"),
        ],
        rows=rows,
    )


def burglary_section(con: Engine, code: int, viewer: Actor, *, lang: str = DANISH) -> GoalSection:
    """Burglaries against the path to the goal: the Kommune page's card, chart and numbers."""
    _ = translator(lang)
    overview = municipality_overview(con, code=code)
    result = overview.assessment
    notes = [translate(lang, b.label_da) for b in overview.breaks]  # marked by models.breaks
    if result.goal is not None:
        notes.append(
            _("Indbrudsmål for {name}: {note}").format(
                name=overview.name, note=source_note_text(result.goal, lang=lang)
            )
        )
    if overview.households_approximate:
        notes.append(
            _(
                "Husstande i {name} er tilnærmede (befolkning / 2,13), indtil FAM55N er indlæst."
            ).format(name=overview.name)
        )
    return GoalSection(
        key="burglaries",
        title=_("Indbrud i beboelser mod målet"),
        status=result.status.value,
        status_label=status_label(result.status, lang=lang),
        lines=burglary_lines(overview, lang=lang)
        if len(overview.annual)
        else [_("Der er endnu ingen indbrudstal for {name}.").format(name=overview.name)],
        figures=burglary_figures(overview, lang=lang),
        table=burglary_table(overview, lang=lang),
        demo=overview.demo,
        sources=[SourceLine(s.name, s.as_of, s.demo) for s in overview.sources],
        notes=notes,
        chart=partial(burglary_chart, overview, lang=lang) if len(overview.annual) else None,
    )
