"""The report's "Hotspots" for a municipality with police incidents: the scan of the extract's
newest weeks in the Hotspots page's words (`models.hotspot_text`), the table of listed squares, the
line saying how many squares are hidden, and the proposals taken with their square's counts before
and after ("Sammenligning, ikke bevis for årsag"); None when the municipality has no incidents, so
the pack is as before.

Aggregates only, whoever reads the pack: every count is at least `min_count` (the scan lists no
other square, before/after says "færre end N"), every place is a square's id; never an incident's
position, address or day. A section like the goals' (`models.report.GoalSection`, key "hotspots");
the PDF and the slides add its table, the workbook gives it the sheet "Hotspots <code>".
"""

from sqlalchemy import Engine

from dataio.settings import MIN_HOTSPOT_COUNT
from dataio.store.incidents.view import HotspotView, TakenAction, hotspot_view
from models.formatting import fmt_date, fmt_int
from models.hotspot_actions import PROPOSAL_LABELS, Proposal
from models.hotspot_text import (
    BEFORE_AFTER_CAPTION,
    before_after_line,
    hotspot_rows,
    scan_summary,
    suppression_line,
)
from models.i18n import DANISH, N_, translate, translate_plural, translator
from models.permissions import Actor
from models.report import Cell, GoalSection, ReportTable, SourceLine
from models.vocabulary import ALERT_RED, Colour

HOTSPOT_KEY = "hotspots"
HOTSPOT_TITLE = "Hotspots"
HOTSPOT_WEEKS = 4  # the page's default window
FOUND, NONE_FOUND = "found", "none"  # the section's status: a hotspot in the window or not
# shape and colour of the status chip, readable without colour: a hotspot is a call to act
HOTSPOT_SHAPES = {FOUND: "▲", NONE_FOUND: "●"}
HOTSPOT_COLOURS = {FOUND: ALERT_RED, NONE_FOUND: Colour(150, 150, 150)}
SOURCE_NAME = N_("Politiets udtræk af indbrud (hotspots)")
DEMO_LINE = N_(
    "Eksempeldata: indbruddene og deres hotspot er et genereret eksempel på politiets udtræk, "
    "ikke politiets tal."
)
PRIVACY_NOTE = N_(
    "Hotspots: felter med færre end {n} indbrud vises aldrig med deres antal; et felt nævnes kun "
    "ved sit id, aldrig med et enkelt indbruds sted, adresse eller dag."
)


def _taken_line(action: TakenAction, *, lang: str = DANISH) -> str:
    """'Mobil politistation ved hotspot, felt … (1. dec. 2026): 4 uger før (…): 7 indbrud; …'
    (models.hotspot_text's before-and-after in Danish until it takes a language)."""
    _ = translator(lang)
    proposal = translate(lang, PROPOSAL_LABELS[Proposal(action.proposal)])  # where marked
    title = action.title or _("{proposal} (slettet fra planen)").format(proposal=proposal)
    return f"{title} ({fmt_date(action.day, lang=lang)}): {before_after_line(action.counts, lang=lang)}"


def status_label(found: int, *, lang: str = DANISH) -> str:
    """'Ingen hotspots', '1 hotspot', '2 hotspots'."""
    if found == 0:
        return translate(lang, "Ingen hotspots")
    text = translate_plural(lang, "{count} hotspot", "{count} hotspots", found)
    return text.format(count=fmt_int(found, lang=lang))


def section_of_view(view: HotspotView, *, lang: str = DANISH) -> GoalSection | None:
    """The section made from the page's view (pure given the view); None without incidents.
    The scan's sentences (models.hotspot_text) stay Danish until that module takes a language."""
    _ = translator(lang)
    scan = view.scan
    if scan is None or view.first_day is None or view.last_day is None:
        return None
    found = len(scan.hotspots)
    lines = [scan_summary(scan, lang=lang) + "."]
    if hidden := suppression_line(scan.suppressed_cells, scan.min_count, lang=lang):
        lines.append(
            _("{hidden}: kun felter med mindst så mange indbrud vises.").format(hidden=hidden)
        )
    lines.append(
        _("Udtrækket dækker {first}–{last}; perioden er udtrækkets seneste uger.").format(
            first=fmt_date(view.first_day, lang=lang), last=fmt_date(view.last_day, lang=lang)
        )
    )
    if view.taken:
        lines.extend(_taken_line(action, lang=lang) for action in view.taken)
        lines.append(
            _(
                "{caption}: at antallet falder efter en indsats, viser ikke, at indsatsen var "
                "årsagen."
            ).format(caption=translate(lang, BEFORE_AFTER_CAPTION))
        )
    if view.demo:
        lines.append(translate(lang, DEMO_LINE))
    rows = hotspot_rows(scan, lang=lang)
    table_rows: list[list[Cell]] = [
        [translate(lang, str(v)) if v in ("Ja", "Nej") else str(v) for v in row]
        for row in rows.itertuples(index=False)
    ]
    return GoalSection(
        key=HOTSPOT_KEY,
        title=HOTSPOT_TITLE,
        status=FOUND if found else NONE_FOUND,
        status_label=status_label(found, lang=lang),
        lines=lines,
        figures=[
            (_("Periode fra"), scan.window_from),
            (_("Periode til"), scan.window_to),
            (_("Uger"), scan.weeks),
            (_("Feltstørrelse (m)"), scan.size_m),
            (_("Mindste antal indbrud pr. vist felt"), scan.min_count),
            (_("Hotspots"), found),
            (_("Viste felter"), len(scan.cells)),
            (_("Skjulte felter"), scan.suppressed_cells),
            (_("Indsatser fra hotspots"), len(view.taken)),
        ],
        table=ReportTable(
            title=_("Felter med mindst {count} indbrud ({first}–{last})").format(
                count=fmt_int(scan.min_count, lang=lang),
                first=fmt_date(scan.window_from, lang=lang),
                last=fmt_date(scan.window_to, lang=lang),
            ),
            # the Hotspots page's column names (models.hotspot_text), translated where marked
            columns=[translate(lang, str(c)) for c in rows.columns],
            rows=table_rows,
        ),
        demo=view.demo,
        sources=[SourceLine(translate(lang, SOURCE_NAME), view.last_day, view.demo)],
        notes=[translate(lang, PRIVACY_NOTE).format(n=fmt_int(scan.min_count, lang=lang))],
    )


def hotspot_section(
    con: Engine,
    code: int,
    viewer: Actor,
    *,
    min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> GoalSection | None:
    """The section for one municipality (aggregates: the same for every viewer who may read the
    municipality's pack); None when no incidents are imported for it."""
    view = hotspot_view(con, viewer=viewer, code=code, weeks=HOTSPOT_WEEKS, min_count=min_count)
    return section_of_view(view, lang=lang)
