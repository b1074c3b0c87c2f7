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
from models.expected_text import status_badge as expected_badge
from models.formatting import MISSING, fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent
from models.report import DEMO_MARK, Cell, GoalSection, MeetingReport, MunicipalityPart, PlanRow
from models.vocabulary import (
    DEMO_ORANGE,
    EFFECT_COLOURS,
    EFFECT_SHAPES,
    SERIES_BLUE,
    Colour,
    effect_mark,
    status_colour,
    status_mark,
)

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
PDF_MIME = "application/pdf"
ROW_FILL = (244, 246, 249)
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 238, 244))
PLAN_BUCKETS = (
    ("overdue", "Forsinkede aktiviteter (fristen er overskredet)"),
    ("stale", "Ikke rørt i 90 dage"),
    ("done_since", "Færdige siden sidste møde"),
    ("due_soon", "Frist inden for de næste 30 dage"),
)


def cell_text(value: Cell) -> str:
    """A table value in Danish print: 10.000, 12,5, 23. nov. 2026, and – for nothing."""
    if value is None or value == "":
        return MISSING if value is None else ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value) if 1900 <= value <= 2100 else fmt_int(value)  # years print as years
    if isinstance(value, float):
        return fmt_decimal(value, digits=1)
    if isinstance(value, date):
        return fmt_date(value)
    return str(value)


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
    if section.key == EFFECT_KEY:
        if section.status is None:
            return f"{EFFECT_SHAPES[EffectStatus.TOO_EARLY]} {section.status_label}"
        return effect_mark(section.status)
    if section.key == EXPECTED_KEY and section.status is not None:
        return expected_badge(ExpectedStatus(section.status))
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
        self.set_lang("da")
        self.set_creator("Bo trygt · styringsdashboard")

    def header(self) -> None:
        if self.report.demo:
            self.set_fill_color(*DEMO_ORANGE)
            self.set_text_color(255, 255, 255)
            self.set_font(FONT, "B", 9)
            self.set_xy(0, 0)
            self.cell(
                self.w,
                8,
                f"{DEMO_MARK} – genererede eksempeltal, må ikke citeres",
                align="C",
                fill=True,
            )
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
        generated = fmt_datetime(self.report.generated_at)
        self.cell(0, 5, f"Snapshot {self.report.snapshot_id} · dannet {generated}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Side {self.page_no()} af {{nb}}", align="R")
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
        label = f"  Status: {section_mark(section)}  "
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
            self.text("Ingen.", size=9)
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
                    row.cell(cell_text(value))
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
    pdf.add_page()
    pdf.ln(8)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*SERIES_BLUE)
    pdf.multi_cell(0, 11, report.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.text(report.partnership, size=12)
    pdf.ln(4)
    pdf.text(f"Periode: siden sidste møde {fmt_date(report.since)} til {fmt_date(report.today)}")
    pdf.text(f"Dannet: {fmt_datetime(report.generated_at)}")
    pdf.text(f"Snapshot-id: {report.snapshot_id}", bold=True)
    pdf.text(
        "(en nøgle til netop disse tal: citér den i referatet; samme data giver samme id)", size=8
    )
    if report.demo:
        pdf.ln(4)
        pdf.set_fill_color(253, 236, 220)
        pdf.set_font(FONT, "B", 10)
        pdf.multi_cell(
            0,
            6,
            f"{DEMO_MARK}: {report.notes[0].split(': ', 1)[-1]}",
            fill=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            padding=2,
            align="L",
        )
    pdf.heading("Målene på ét blik", size=13, space=6)
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
    pdf.table_of(["Kommune", "Mål", "Status", "Seneste tal"], rows, widths=(30, 50, 40, 54))


def _plan(pdf: ReportPdf, part: MunicipalityPart) -> None:
    pdf.heading(f"Handlingsplanen: {part.name}", size=12)
    if not part.has_plan:
        pdf.text(f"{part.name} har ingen handlingsplan endnu.")
        return
    counts = part.plan_counts
    progress = counts.get("progress")
    pdf.text(
        f"{fmt_int(counts.get('items'))} aktiviteter, {fmt_int(counts.get('done'))} færdige, "
        f"{fmt_int(counts.get('overdue'))} forsinkede, {fmt_int(counts.get('stale'))} ikke rørt i 90 dage; "
        f"samlet fremdrift {fmt_percent(progress if isinstance(progress, float) else None, digits=0)}."
    )
    for name, title in PLAN_BUCKETS:
        rows: list[PlanRow] = getattr(part.plan, name)
        if pdf.will_page_break(30):  # a bucket's title stays with its first rows
            pdf.add_page()
        pdf.ln(1.5)
        pdf.text(f"{title} ({len(rows)})", bold=True, size=9.5)
        pdf.table_of(
            ["Aktivitet", "Spor", "Ansvarlig", "Status", "Frist"],
            [[r.title, r.track, r.owner, r.status, r.due_date] for r in rows],
            widths=(62, 24, 40, 22, 26),
        )
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.ln(1.5)
    pdf.text(f"Ændret siden sidste møde ({len(part.changes)})", bold=True, size=9.5)
    if not part.changes:
        pdf.text("Ingen ændringer i planen, vandringerne eller opfølgningerne.", size=8.5)
    for line in part.changes:
        pdf.text(f"• {line}", size=8.5)


def _part(pdf: ReportPdf, part: MunicipalityPart) -> None:
    pdf.add_page()
    pdf.heading(f"{part.name} (kommune {part.code})", size=16, space=0)
    for goal in part.goals:
        pdf.goal(goal)
    _plan(pdf, part)
    pdf.heading(f"{part.follow_ups.title}: {part.name}", size=12)
    pdf.table_of(
        part.follow_ups.columns, part.follow_ups.rows, widths=(22, 24, 8, 38, 24, 30, 14, 14)
    )


def _sources(pdf: ReportPdf, report: MeetingReport) -> None:
    pdf.heading("Datakilder og forbehold", size=14, space=6)
    pdf.table_of(
        ["Kilde", "Opgjort pr.", "Eksempeldata"],
        [[s.name, s.as_of, "ja" if s.demo else "nej"] for s in report.sources],
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
