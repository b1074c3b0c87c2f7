"""The meeting pack as a 16:9 PowerPoint deck (python-pptx), from the same `MeetingReport` as the
PDF and the workbook, so the three cannot disagree.

Every figure is real text in a text box or a table cell (a deck read back with python-pptx gives
the numbers), the charts are the PDF's matplotlib PNGs (`charts.py`, not redrawn), and every slide
carries a footer with the snapshot id and, when the pack shows demo data, the "EKSEMPELDATA" box.

python-pptx cannot measure text, so the slides are laid out from an estimate of how much room a
text takes (`text_height`): text boxes get a font size that fits, and long tables and lists are
split over several slides ("(2/3)") so no row is lost and nothing runs off the slide.
"""

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from dataio.meeting_pack.charts import figure_png
from dataio.meeting_pack.effect import EFFECT_KEY
from dataio.meeting_pack.expected import EXPECTED_KEY
from dataio.meeting_pack.hotspots import HOTSPOT_KEY
from dataio.meeting_pack.pdf import (
    PLAN_BUCKETS,
    SNAPSHOT_EXPLAINED,
    cell_text,
    demo_band,
    overview_columns,
    period_line,
    plan_columns,
    plan_summary_line,
    plan_table_rows,
    section_colour,
    section_mark,
    source_columns,
)
from models.formatting import fmt_datetime
from models.i18n import DANISH, N_, translate, translator
from models.report import DEMO_MARK, Cell, GoalSection, MeetingReport, MunicipalityPart, demo_mark
from models.vocabulary import DEMO_ORANGE, SERIES_BLUE, Colour

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.5
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TITLE_TOP, TITLE_HEIGHT = 0.3, 0.8
BODY_TOP = 1.25
FOOTER_TOP, FOOTER_HEIGHT = 6.95, 0.38
BODY_BOTTOM = FOOTER_TOP - 0.1
TABLE_SIZE = 11  # points
CELL_PADDING = 0.1  # inches, top plus bottom of a table cell
GREY = Colour(110, 110, 110)
DEMO_FOOTER = f"{DEMO_MARK} – genererede eksempeltal, må ikke citeres"  # demo_band(lang=)
CAUSE_CAVEAT = N_("sammenligning, ikke bevis for årsag")
LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}  # the deck's language, as Office names it

# the shapes' names, so a reader (and the tests) can find a slide's parts
TITLE, STATUS, FIGURES, CHART, TABLE, TEXT, DEMO, FOOTER = (
    "Titel",
    "Status",
    "Nøgletal",
    "Diagram",
    "Tabel",
    "Tekst",
    "Eksempeldata",
    "Sidefod",
)


def _rgb(colour: Colour) -> RGBColor:
    return RGBColor(colour.red, colour.green, colour.blue)


def line_count(text: str, *, width: float, size: float) -> int:
    """How many lines a text wraps to in a box `width` inches wide at `size` points (an estimate
    that errs on the wide side: an average character is taken as 0.55 em)."""
    per_line = max(1, int(width * 72 / (0.55 * size)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def text_height(lines: Sequence[str], *, width: float, size: float, spacing: float = 0.0) -> float:
    """Inches the paragraphs take at `size` points (1.2 line height, `spacing` points between)."""
    rows = sum(line_count(line, width=width - 0.2, size=size) for line in lines)
    return (rows * 1.2 * size + spacing * max(0, len(lines) - 1)) / 72 + 0.15


def fitting_size(
    lines: Sequence[str],
    *,
    width: float,
    height: float,
    sizes: Sequence[float] = (16, 14, 13, 12, 11, 10, 9, 8),
    spacing: float = 4.0,
) -> float:
    """The largest font size at which the paragraphs fit the box (the smallest when none does)."""
    for size in sizes:
        if text_height(lines, width=width, size=size, spacing=spacing) <= height:
            return size
    return sizes[-1]


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in inches."""

    left: float
    top: float
    width: float
    height: float


def _text_box(
    slide: Slide,
    box: Box,
    lines: Sequence[str],
    *,
    name: str,
    size: float,
    bold: bool = False,
    colour: Colour | None = None,
    align: PP_ALIGN | None = None,
    spacing: float = 4.0,
) -> None:
    shape = slide.shapes.add_textbox(
        Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Inches(0.1)
    frame.margin_top = frame.margin_bottom = Inches(0.05)
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if index:
            paragraph.space_before = Pt(spacing)
        if align is not None:
            paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.rgb = _rgb(colour)


def _slide(deck: Deck, title: str) -> Slide:
    """A blank slide with its title (the size shrinks for a long title)."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # the blank layout
    size = fitting_size([title], width=CONTENT_WIDTH, height=TITLE_HEIGHT, sizes=(26, 22, 18, 16))
    _text_box(
        slide,
        Box(MARGIN, TITLE_TOP, CONTENT_WIDTH, TITLE_HEIGHT),
        [title],
        name=TITLE,
        size=size,
        bold=True,
        colour=SERIES_BLUE,
    )
    return slide


def _table(
    slide: Slide,
    top: float,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
) -> None:
    """A table whose row heights are the estimate `_row_height` gives (header bold)."""
    heights = [_row_height(columns, widths), *(_row_height(r, widths) for r in rows)]
    frame = slide.shapes.add_table(
        len(rows) + 1,
        len(columns),
        Inches(MARGIN),
        Inches(top),
        Inches(sum(widths)),
        Inches(sum(heights)),
    )
    frame.name = TABLE
    table = frame.table
    for index, width in enumerate(widths):
        table.columns[index].width = Inches(width)
    for index, height in enumerate(heights):
        table.rows[index].height = Inches(height)
    for row_index, values in enumerate([list(columns), *rows]):
        for column_index, value in enumerate(values):
            cell = table.cell(row_index, column_index)
            cell.margin_top = cell.margin_bottom = Inches(CELL_PADDING / 2)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            paragraph = cell.text_frame.paragraphs[0]
            run = paragraph.add_run()
            run.text = value
            run.font.size = Pt(TABLE_SIZE)
            run.font.bold = row_index == 0


def _row_height(values: Sequence[str], widths: Sequence[float]) -> float:
    lines = max(
        line_count(v, width=w - 0.2, size=TABLE_SIZE) for v, w in zip(values, widths, strict=True)
    )
    return lines * 1.2 * TABLE_SIZE / 72 + CELL_PADDING + 0.05


def _scaled(weights: Sequence[float]) -> list[float]:
    """Column widths in inches that fill the content width in the given proportions."""
    total = sum(weights)
    return [CONTENT_WIDTH * w / total for w in weights]


def split_rows(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    room: float,
    first_room: float | None = None,
) -> list[list[Sequence[str]]]:
    """The rows in runs that each fit `room` inches (`first_room` for the first) under a header
    row: at least one row a run, and at least one run (empty for no rows)."""
    header = _row_height(["x"] * len(widths), widths)
    runs: list[list[Sequence[str]]] = [[]]
    used, limit = 0.0, (room if first_room is None else first_room) - header
    for row in rows:
        height = _row_height(row, widths)
        if runs[-1] and used + height > limit:
            runs.append([])
            used, limit = 0.0, room - header
        runs[-1].append(row)
        used += height
    return runs


def _numbered(title: str, index: int, count: int) -> str:
    return title if count == 1 else f"{title} ({index}/{count})"


def _table_slides(
    deck: Deck,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    weights: Sequence[float],
    *,
    intro: Sequence[str] = (),
    lang: str = DANISH,
) -> None:
    """The table over as many slides as it needs, the header on each; `intro` above the first."""
    widths = _scaled(weights)
    texts = [[cell_text(v, lang=lang) for v in row] for row in rows]
    intro_height = text_height(intro, width=CONTENT_WIDTH, size=14) if intro else 0.0
    room = BODY_BOTTOM - BODY_TOP
    runs = split_rows(texts, widths, room=room, first_room=room - intro_height)
    for index, run in enumerate(runs, start=1):
        slide = _slide(deck, _numbered(title, index, len(runs)))
        top = BODY_TOP
        if intro and index == 1:
            _text_box(
                slide,
                Box(MARGIN, top, CONTENT_WIDTH, intro_height),
                intro,
                name=TEXT,
                size=14,
            )
            top += intro_height
        if run:
            _table(slide, top, columns, run, widths)
        elif not intro:
            _text_box(
                slide,
                Box(MARGIN, top, CONTENT_WIDTH, 0.5),
                [translate(lang, "Ingen.")],
                name=TEXT,
                size=14,
            )


def _list_slides(deck: Deck, title: str, lines: Sequence[str], *, size: float = 13) -> None:
    """Bullet lines over as many slides as they need."""
    room = BODY_BOTTOM - BODY_TOP
    runs: list[list[str]] = [[]]
    for line in lines:
        bullet = f"• {line}"
        if runs[-1] and text_height([*runs[-1], bullet], width=CONTENT_WIDTH, size=size) > room:
            runs.append([])
        runs[-1].append(bullet)
    for index, run in enumerate(runs, start=1):
        slide = _slide(deck, _numbered(title, index, len(runs)))
        height = min(room, text_height(run, width=CONTENT_WIDTH, size=size))
        _text_box(slide, Box(MARGIN, BODY_TOP, CONTENT_WIDTH, height), run, name=TEXT, size=size)


# -- the slides ----------------------------------------------------------------------------


def _cover(deck: Deck, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text_box(
        slide,
        Box(MARGIN, 1.0, CONTENT_WIDTH, 1.1),
        [report.title],
        name=TITLE,
        size=fitting_size([report.title], width=CONTENT_WIDTH, height=1.1, sizes=(40, 34, 28)),
        bold=True,
        colour=SERIES_BLUE,
    )
    _text_box(
        slide,
        Box(MARGIN, 2.2, CONTENT_WIDTH, 0.9),
        [report.partnership],
        name="Partnerskab",
        size=fitting_size(
            [report.partnership], width=CONTENT_WIDTH, height=0.9, sizes=(20, 16, 14, 12)
        ),
    )
    facts = [
        period_line(report),
        _("Dannet: {generated}").format(generated=fmt_datetime(report.generated_at, lang=lang)),
    ]
    _text_box(slide, Box(MARGIN, 3.2, CONTENT_WIDTH, 0.8), facts, name="Periode", size=14)
    _text_box(
        slide,
        Box(MARGIN, 4.05, CONTENT_WIDTH, 0.5),
        [_("Snapshot-id: {snapshot}").format(snapshot=report.snapshot_id)],
        name="Snapshot",
        size=18,
        bold=True,
    )
    _text_box(
        slide,
        Box(MARGIN, 4.55, CONTENT_WIDTH, 0.4),
        [translate(lang, SNAPSHOT_EXPLAINED)],
        name="Snapshot-forklaring",
        size=11,
        colour=GREY,
    )
    if report.demo:
        note = f"{demo_mark(lang=lang)}: {report.notes[0].split(': ', 1)[-1]}"
        box = Box(MARGIN, 5.15, CONTENT_WIDTH, 1.1)
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE,
            Inches(box.left),
            Inches(box.top),
            Inches(box.width),
            Inches(box.height),
        )
        shape.name = "Eksempeldata-note"
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(253, 236, 220)
        shape.line.fill.background()
        frame = shape.text_frame
        frame.word_wrap = True
        run = frame.paragraphs[0].add_run()
        run.text = note
        run.font.size = Pt(
            fitting_size([note], width=box.width, height=box.height, sizes=(14, 12, 11))
        )
        run.font.bold = True
        run.font.color.rgb = RGBColor(0, 0, 0)


def _overview(deck: Deck, report: MeetingReport) -> None:
    lang = report.lang
    rows: list[list[Cell]] = [
        [part.name, goal.title, section_mark(goal), goal.lines[0] if goal.lines else ""]
        for part in report.parts
        for goal in part.goals
    ]
    _table_slides(
        deck,
        translate(lang, "Målene på ét blik"),
        overview_columns(lang=lang),
        rows,
        (30, 50, 40, 54),
        lang=lang,
    )


def _status_card(slide: Slide, section: GoalSection, top: float, *, lang: str = DANISH) -> float:
    """The coloured chip with shape and word; returns its bottom."""
    label = translate(lang, "Status: {mark}").format(mark=section_mark(section))
    width = min(CONTENT_WIDTH, 0.5 + len(label) * 16 * 0.6 / 72)
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(MARGIN), Inches(top), Inches(width), Inches(0.5)
    )
    shape.name = STATUS
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(section_colour(section))
    shape.line.fill.background()
    frame = shape.text_frame
    frame.word_wrap = False
    frame.margin_left = frame.margin_right = Inches(0.15)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = label
    run.font.size = Pt(16)
    run.font.bold = True
    run.font.color.rgb = RGBColor(255, 255, 255)
    return top + 0.5


def _goal(deck: Deck, part: MunicipalityPart, section: GoalSection, *, lang: str = DANISH) -> None:
    """Status card, key figures and the PDF's chart (to the right, when the goal has one)."""
    slide = _slide(deck, f"{part.name}: {section.title}")
    top = _status_card(slide, section, BODY_TOP, lang=lang) + 0.2
    figure = section.chart() if section.chart is not None else None
    text_width = CONTENT_WIDTH
    if figure is not None:
        inches_wide, inches_high = (float(v) for v in figure.get_size_inches())
        chart_width = 7.2
        chart_height = chart_width * inches_high / inches_wide
        left = SLIDE_WIDTH - MARGIN - chart_width
        picture = slide.shapes.add_picture(
            io.BytesIO(figure_png(figure)),
            Inches(left),
            Inches(top),
            Inches(chart_width),
            Inches(chart_height),
        )
        picture.name = CHART
        text_width = left - MARGIN - 0.2
    height = BODY_BOTTOM - top
    lines = section.lines or [translate(lang, "Ingen tal endnu.")]
    # the caveat in the language, or in Danish from a text that does not take a language yet
    caveats = {CAUSE_CAVEAT, translate(lang, CAUSE_CAVEAT)}

    def cautious(text: str) -> bool:
        return any(caveat in text for caveat in caveats)

    if section.key in (EFFECT_KEY, EXPECTED_KEY) and not any(cautious(x) for x in lines):
        lines = [*lines, *(note for note in section.notes if cautious(note))]
    size = fitting_size(lines, width=text_width, height=height)
    _text_box(slide, Box(MARGIN, top, text_width, height), lines, name=FIGURES, size=size)
    if section.key == HOTSPOT_KEY and section.table.rows:  # the listed squares, as in the PDF
        _table_slides(
            deck,
            f"{part.name}: {section.table.title}",
            section.table.columns,
            section.table.rows,
            (46, 16, 14, 16, 20, 28, 34),
            lang=lang,
        )


def _plan(deck: Deck, part: MunicipalityPart, *, lang: str = DANISH) -> None:
    _ = translator(lang)
    title = _("Handlingsplanen: {name}").format(name=part.name)
    if not part.has_plan:
        slide = _slide(deck, title)
        _text_box(
            slide,
            Box(MARGIN, BODY_TOP, CONTENT_WIDTH, 0.6),
            [_("{name} har ingen handlingsplan endnu.").format(name=part.name)],
            name=TEXT,
            size=16,
        )
        return
    summary = plan_summary_line(part.plan_counts, lang=lang)
    buckets: list[list[Cell]] = [
        [translate(lang, name), len(getattr(part.plan, key))] for key, name in PLAN_BUCKETS
    ]
    buckets.append([_("Ændret siden sidste møde"), len(part.changes)])
    buckets.append([part.follow_ups.title, len(part.follow_ups.rows)])
    _table_slides(
        deck,
        title,
        [_("Til mødet"), _("Antal")],
        buckets,
        (80, 20),
        intro=[summary],
        lang=lang,
    )
    for key, name in PLAN_BUCKETS:
        rows = getattr(part.plan, key)
        if rows:
            _table_slides(
                deck,
                f"{part.name}: {translate(lang, name)}",
                plan_columns(lang=lang),
                plan_table_rows(rows, lang=lang),
                (62, 24, 40, 22, 26),
                lang=lang,
            )
    if part.changes:
        _list_slides(
            deck,
            _("{name}: ændret siden sidste møde").format(name=part.name),
            part.changes,
            size=12,
        )
    if part.follow_ups.rows:
        _table_slides(
            deck,
            f"{part.follow_ups.title}: {part.name}",
            part.follow_ups.columns,
            part.follow_ups.rows,
            (22, 24, 8, 38, 24, 30, 14, 14),
            lang=lang,
        )


def _sources(deck: Deck, report: MeetingReport) -> None:
    _, lang = translator(report.lang), report.lang
    rows: list[list[Cell]]
    if report.demo:  # the PDF's columns
        columns, weights = source_columns(lang=lang), [110, 34, 30]
        rows = [[s.name, s.as_of, _("ja") if s.demo else _("nej")] for s in report.sources]
    else:  # no demo column in a deck without demo data: the word appears nowhere
        columns, weights = source_columns(lang=lang, demo=False), [110, 34]
        rows = [[s.name, s.as_of] for s in report.sources]
    _table_slides(deck, _("Datakilder"), columns, rows, weights, lang=lang)
    if report.notes:
        _list_slides(deck, _("Forbehold"), report.notes, size=12)


def _footers(deck: Deck, report: MeetingReport) -> None:
    """On every slide: the snapshot and the slide number; the demo box when the pack shows demo."""
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        if report.demo:
            box = Box(MARGIN, FOOTER_TOP, 6.3, FOOTER_HEIGHT)
            shape = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE,
                Inches(box.left),
                Inches(box.top),
                Inches(box.width),
                Inches(box.height),
            )
            shape.name = DEMO
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(DEMO_ORANGE)
            shape.line.fill.background()
            frame = shape.text_frame
            frame.margin_top = frame.margin_bottom = Inches(0.02)
            run = frame.paragraphs[0].add_run()
            run.text = demo_band(lang=report.lang)
            run.font.size = Pt(12)
            run.font.bold = True
            run.font.color.rgb = RGBColor(255, 255, 255)
        _text_box(
            slide,
            Box(SLIDE_WIDTH - MARGIN - 5.5, FOOTER_TOP, 5.5, FOOTER_HEIGHT),
            [
                translate(report.lang, "Snapshot {snapshot} · side {number} af {total}").format(
                    snapshot=report.snapshot_id, number=number, total=total
                )
            ],
            name=FOOTER,
            size=10,
            colour=GREY,
            align=PP_ALIGN.RIGHT,
        )


def report_pptx(report: MeetingReport) -> bytes:
    """The meeting pack as .pptx bytes: cover, the goals at a glance, per municipality a slide
    per goal and the plan's slides, then the sources and caveats."""
    deck = Presentation()
    deck.slide_width = Emu(Inches(SLIDE_WIDTH))
    deck.slide_height = Emu(Inches(SLIDE_HEIGHT))
    deck.core_properties.title = report.title
    deck.core_properties.subject = f"Snapshot {report.snapshot_id}"
    deck.core_properties.language = LANGUAGE_TAGS.get(report.lang, "da-DK")
    _cover(deck, report)
    _overview(deck, report)
    for part in report.parts:
        for goal in part.goals:
            _goal(deck, part, goal, lang=report.lang)
        _plan(deck, part, lang=report.lang)
    _sources(deck, report)
    _footers(deck, report)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
