"""The meeting pack as an A4 PDF (fpdf2): real text in DejaVu Sans, charts from matplotlib.

Every page carries the "EKSEMPELDATA" band when the report shows demo data, and the snapshot id
in its footer, so a printed page can be traced to the numbers it showed.
"""

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from dataio.meeting_pack.charts import figure_png
from dataio.meeting_pack.effect import EFFECT_KEY
from dataio.meeting_pack.expected import EXPECTED_KEY
from dataio.meeting_pack.hotspots import HOTSPOT_COLOURS, HOTSPOT_KEY, HOTSPOT_SHAPES
from models.effect import EffectStatus
from models.expected import ExpectedStatus
from models.expected_text import STATUS_COLOUR as EXPECTED_COLOURS
from models.expected_text import STATUS_SHAPE as EXPECTED_SHAPES
from models.formatting import MISSING, fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent
from models.i18n import DANISH, N_, translate, translate_context, translator
from models.report import (
    Cell,
    GoalSection,
    MeetingReport,
    MunicipalityPart,
    PlanRow,
    demo_mark,
    plan_value_text,
)
from models.vocabulary import (
    DEMO_ORANGE,
    EFFECT_COLOURS,
    EFFECT_SHAPES,
    SERIES_BLUE,
    Colour,
    status_colour,
    status_mark,
)

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
PDF_MIME = "application/pdf"
ROW_FILL = (244, 246, 249)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 238, 244))
# (the titles marked: shown as translate(report.lang, title))
PLAN_BUCKETS = (
    ("overdue", N_("Forsinkede aktiviteter (fristen er overskredet)")),
    ("stale", N_("Ikke rørt i 90 dage")),
    ("done_since", N_("Færdige siden sidste møde")),
    ("due_soon", N_("Frist inden for de næste 30 dage")),
)


def cell_text(value: Cell, *, lang: str = DANISH) -> str:
    """A table value in the language's print: 10.000, 12,5, 23. nov. 2026 (English 10,000, 12.5,
    23 Nov 2026), and – for nothing."""
    if value is None or value == "":
        return MISSING if value is None else ""
    if isinstance(value, bool):
        return translate(lang, "ja") if value else translate(lang, "nej")
    if isinstance(value, int):
        # years print as years
        return str(value) if 1900 <= value <= 2100 else fmt_int(value, lang=lang)
    if isinstance(value, float):
        return fmt_decimal(value, digits=1, lang=lang)
    if isinstance(value, date):
        return fmt_date(value, lang=lang)
    return str(value)


def demo_band(*, lang: str = DANISH) -> str:
    """The band on every page (and slide): 'EKSEMPELDATA – genererede eksempeltal, …'."""
    return translate(lang, "{mark} – genererede eksempeltal, må ikke citeres").format(
        mark=demo_mark(lang=lang)
    )


def section_colour(section: GoalSection) -> Colour:
    """A goal's status colour; the effect's verdict in the effect's colours (grey: no estimate);
    expected against actual in its own (green fewer, grey as, red more than expected)."""
    if section.key == EFFECT_KEY:
        status = EffectStatus.TOO_EARLY if section.status is None else section.status
        return EFFECT_COLOURS[EffectStatus(status)]
    if section.key == EXPECTED_KEY and section.status is not None:
        return EXPECTED_COLOURS[ExpectedStatus(section.status)]
    if section.key == HOTSPOT_KEY and section.status in HOTSPOT_COLOURS:
        return HOTSPOT_COLOURS[section.status]
    return status_colour(section.status)


def section_mark(section: GoalSection) -> str:
    """Shape and word: a goal's status, or the effect's verdict ('▼ Faldet mere end ...')."""
    if section.key == EFFECT_KEY:  # the label is the verdict's word (effect_label) or "Intet skøn"
        status = EffectStatus.TOO_EARLY if section.status is None else EffectStatus(section.status)
        return f"{EFFECT_SHAPES[status]} {section.status_label}"
    if section.key == EXPECTED_KEY and section.status is not None:  # the label: STATUS_TEXT's
        return f"{EXPECTED_SHAPES[ExpectedStatus(section.status)]} {section.status_label}"
    if section.key == HOTSPOT_KEY and section.status in HOTSPOT_SHAPES:
        return f"{HOTSPOT_SHAPES[section.status]} {section.status_label}"
    return status_mark(section.status, section.status_label)


class ReportPdf(FPDF):
    """A4 portrait with the demo band and the snapshot footer on every page."""

    def __init__(self, report: MeetingReport) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report = report
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(report.title)
        self.set_lang(report.lang)
        self.tr = translator(report.lang)  # `_` for this report's language
        self.set_creator(translate(report.lang, "Bo trygt · styringsdashboard"))

    def header(self) -> None:
        if self.report.demo:
            self.set_fill_color(*DEMO_ORANGE)
            self.set_text_color(255, 255, 255)
            self.set_font(FONT, "B", 9)
            self.set_xy(0, 0)
            self.cell(self.w, 8, demo_band(lang=self.report.lang), align="C", fill=True)
        self.set_text_color(110, 110, 110)
        self.set_font(FONT, "", 8)
        self.set_xy(self.l_margin, 10)
        self.cell(0, 5, f"{self.report.title} · {self.report.partnership}"[:110])
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(110, 110, 110)
        _ = self.tr
        generated = fmt_datetime(self.report.generated_at, lang=self.report.lang)
        self.cell(
            0,
            5,
            _("Snapshot {snapshot} · dannet {generated}").format(
                snapshot=self.report.snapshot_id, generated=generated
            ),
            align="L",
        )
        self.set_x(self.l_margin)
        # {nb} is fpdf2's alias for the page count: put back after format
        page = _("Side {page} af {pages}").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, page, align="R")
        self.set_text_color(0, 0, 0)

    # -- building blocks ------------------------------------------------------------------

    def heading(self, text: str, *, size: float = 14, space: float = 3) -> None:
        if self.will_page_break(size + 20):
            self.add_page()
        self.ln(space)
        self.set_font(FONT, "B", size)
        self.set_text_color(*SERIES_BLUE)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def text(self, value: str, *, size: float = 9.5, bold: bool = False) -> None:  # type: ignore[override]
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")

    def status_chip(self, section: GoalSection) -> None:
        self.set_fill_color(*section_colour(section))
        self.set_text_color(255, 255, 255)
        self.set_font(FONT, "B", 10)
        _ = self.tr
        label = "  " + _("Status: {mark}").format(mark=section_mark(section)) + "  "
        self.cell(
            self.get_string_width(label) + 2,
            7,
            label,
            fill=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def table_of(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float] | None = None,
    ) -> None:
        if not rows:
            self.text(translate(self.report.lang, "Ingen."), size=9)
            return
        self.set_font(FONT, "", 8)
        self.set_fill_color(*ROW_FILL)  # fpdf2 fills the rows' text with the current colour
        with self.table(
            col_widths=tuple(widths) if widths else None,
            line_height=4.2,
            headings_style=HEADINGS,
            text_align="LEFT",
            padding=1,
            cell_fill_color=ROW_FILL,
            cell_fill_mode=TableCellFillMode.ROWS,
        ) as table:
            heading = table.row()
            for column in columns:
                heading.cell(column)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(cell_text(value, lang=self.report.lang))
        self.ln(2)

    def goal(self, section: GoalSection) -> None:
        """Heading, status, key figures and chart, kept together on one page."""
        figure = section.chart() if section.chart is not None else None
        width = self.w - self.l_margin - self.r_margin
        height = 0.0
        if figure is not None:
            inches_wide, inches_high = figure.get_size_inches()
            height = width * float(inches_high) / float(inches_wide)
        if self.will_page_break(24 + 4.8 * len(section.lines) + height):
            self.add_page()
        self.heading(section.title, size=12)
        self.status_chip(section)
        for line in section.lines:
            self.text(line)
        self.ln(1)
        if figure is not None:
            self.image(io.BytesIO(figure_png(figure)), x=self.l_margin, w=width, h=height)
            self.ln(2)
        if section.key == HOTSPOT_KEY:  # the listed squares: id and counts, never a position
            self.text(section.table.title, bold=True, size=9.5)
            self.table_of(
                section.table.columns, section.table.rows, widths=(46, 16, 14, 16, 20, 28, 34)
            )


def _cover(pdf: ReportPdf, report: MeetingReport) -> None:
    _, lang = pdf.tr, report.lang
    pdf.add_page()
    pdf.ln(8)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*SERIES_BLUE)
    pdf.multi_cell(0, 11, report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.text(report.partnership, size=12)
    pdf.ln(4)
    pdf.text(period_line(report))
    pdf.text(
        _("Dannet: {generated}").format(generated=fmt_datetime(report.generated_at, lang=lang))
    )
    pdf.text(_("Snapshot-id: {snapshot}").format(snapshot=report.snapshot_id), bold=True)
    pdf.text(translate(lang, SNAPSHOT_EXPLAINED), size=8)
    if report.demo:
        pdf.ln(4)
        pdf.set_fill_color(253, 236, 220)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(
            0,
            6,
            f"{demo_mark(lang=lang)}: {report.notes[0].split(': ', 1)[-1]}",
            fill=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            padding=2,
            align="L",
        )
    pdf.heading(_("Målene på ét blik"), size=13, space=6)
    rows: list[list[Cell]] = [
        [
            part.name,
            goal.title,
            section_mark(goal),
            goal.lines[0] if goal.lines else "",
        ]
        for part in report.parts
        for goal in part.goals
    ]
    pdf.table_of(overview_columns(lang=lang), rows, widths=(30, 50, 40, 54))


SNAPSHOT_EXPLAINED = N_(
    "(en nøgle til netop disse tal: citér den i referatet; samme data giver samme id)"
)


def period_line(report: MeetingReport) -> str:
    """'Periode: siden sidste møde 3. nov. 2026 til 3. dec. 2026' (PDF and slides)."""
    return translate(report.lang, "Periode: siden sidste møde {since} til {today}").format(
        since=fmt_date(report.since, lang=report.lang),
        today=fmt_date(report.today, lang=report.lang),
    )


def overview_columns(*, lang: str = DANISH) -> list[str]:
    """The columns of 'Målene på ét blik'."""
    _ = translator(lang)
    return [_("Kommune"), translate_context(lang, "rapport", "Mål"), _("Status"), _("Seneste tal")]


def plan_columns(*, lang: str = DANISH) -> list[str]:
    """The columns of a plan bucket's table (PDF and slides)."""
    _ = translator(lang)
    return [_("Aktivitet"), _("Spor"), _("Ansvarlig"), _("Status"), _("Frist")]


def plan_table_rows(rows: list[PlanRow], *, lang: str = DANISH) -> list[list[Cell]]:
    """A bucket's items as the PDF's and the slides' rows (status and track in the language)."""
    return [
        [
            r.title,
            plan_value_text(r.track, lang=lang),
            r.owner,
            plan_value_text(r.status, lang=lang),
            r.due_date,
        ]
        for r in rows
    ]


def plan_summary_line(counts: dict[str, int | float | None], *, lang: str = DANISH) -> str:
    """'12 aktiviteter, 3 færdige, 1 forsinkede, 2 ikke rørt i 90 dage; samlet fremdrift 40 %.'"""
    progress = counts.get("progress")
    return translate(
        lang,
        "{items} aktiviteter, {done} færdige, {overdue} forsinkede, {stale} ikke rørt i 90 dage; "
        "samlet fremdrift {progress}.",
    ).format(
        items=fmt_int(counts.get("items"), lang=lang),
        done=fmt_int(counts.get("done"), lang=lang),
        overdue=fmt_int(counts.get("overdue"), lang=lang),
        stale=fmt_int(counts.get("stale"), lang=lang),
        progress=fmt_percent(
            progress if isinstance(progress, float) else None, digits=0, lang=lang
        ),
    )


def _plan(pdf: ReportPdf, part: MunicipalityPart) -> None:
    _, lang = pdf.tr, pdf.report.lang
    pdf.heading(_("Handlingsplanen: {name}").format(name=part.name), size=12)
    if not part.has_plan:
        pdf.text(_("{name} har ingen handlingsplan endnu.").format(name=part.name))
        return
    pdf.text(plan_summary_line(part.plan_counts, lang=lang))
    for name, title in PLAN_BUCKETS:
        rows: list[PlanRow] = getattr(part.plan, name)
        if pdf.will_page_break(30):  # a bucket's title stays with its first rows
            pdf.add_page()
        pdf.ln(1.5)
        pdf.text(f"{translate(lang, title)} ({len(rows)})", bold=True, size=9.5)
        pdf.table_of(
            plan_columns(lang=lang),
            plan_table_rows(rows, lang=lang),
            widths=(62, 24, 40, 22, 26),
        )
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(1.5)
    pdf.text(
        _("Ændret siden sidste møde ({count})").format(count=len(part.changes)),
        bold=True,
        size=9.5,
    )
    if not part.changes:
        pdf.text(_("Ingen ændringer i planen, vandringerne eller opfølgningerne."), size=8.5)
    for line in part.changes:
        pdf.text(f"• {line}", size=8.5)


def _part(pdf: ReportPdf, part: MunicipalityPart) -> None:
    pdf.add_page()
    pdf.heading(
        translate(pdf.report.lang, "{name} (kommune {code})").format(
            name=part.name, code=part.code
        ),
        size=16,
        space=0,
    )
    for goal in part.goals:
        pdf.goal(goal)
    _plan(pdf, part)
    pdf.heading(f"{part.follow_ups.title}: {part.name}", size=12)
    pdf.table_of(
        part.follow_ups.columns, part.follow_ups.rows, widths=(22, 24, 8, 38, 24, 30, 14, 14)
    )


def source_columns(*, lang: str = DANISH, demo: bool = True) -> list[str]:
    """The sources table's columns (the demo column only where it is wanted)."""
    _ = translator(lang)
    return [_("Kilde"), _("Opgjort pr."), *([_("Eksempeldata")] if demo else [])]


def _sources(pdf: ReportPdf, report: MeetingReport) -> None:
    _ = pdf.tr
    pdf.heading(_("Datakilder og forbehold"), size=14, space=6)
    pdf.table_of(
        source_columns(lang=report.lang),
        [[s.name, s.as_of, _("ja") if s.demo else _("nej")] for s in report.sources],
        widths=(110, 34, 30),
    )
    for note in report.notes:
        pdf.text(f"• {note}", size=8.5)


def report_pdf(report: MeetingReport) -> bytes:
    """The meeting pack as PDF bytes."""
    pdf = ReportPdf(report)
    _cover(pdf, report)
    for part in report.parts:
        _part(pdf, part)
    _sources(pdf, report)
    return bytes(pdf.output())
