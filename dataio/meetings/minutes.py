"""A meeting's minutes as an A4 PDF (fpdf2, DejaVu Sans as in the meeting pack, so æøå print):
date, participants, the meeting pack's snapshot id, agenda, decisions with owners and due dates,
and the minutes' text. `botrygt minutes` and the Møder page's download make the same file.

(Word via python-docx is not installed; the minutes come as PDF only.)
"""

import re

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlalchemy import Engine

from dataio.meeting_pack.pdf import FONT, FONT_DIR, HEADINGS, PDF_MIME, ROW_FILL
from dataio.meetings.store import MeetingDetail, meeting_detail
from models.formatting import MISSING, fmt_date
from models.permissions import Actor
from models.report import DEMO_MARK
from models.vocabulary import DEMO_ORANGE, SERIES_BLUE

MINUTES_MIME = PDF_MIME


class MinutesPdf(FPDF):
    """A4 portrait; the demo band on every page in demo mode; the pack's id in the footer."""

    def __init__(self, detail: MeetingDetail, *, demo: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.detail, self.demo = detail, demo
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(f"Referat: {detail.meeting.title}")
        self.set_lang("da")
        self.set_creator("Bo trygt · styringsdashboard")

    def header(self) -> None:
        if self.demo:
            self.set_fill_color(*DEMO_ORANGE)
            self.set_text_color(255, 255, 255)
            self.set_font(FONT, "B", 9)
            self.set_xy(0, 0)
            self.cell(
                self.w, 8, f"{DEMO_MARK} – demoinstallation med eksempeldata", align="C", fill=True
            )
        self.set_text_color(110, 110, 110)
        self.set_font(FONT, "", 8)
        self.set_xy(self.l_margin, 10)
        meeting = self.detail.meeting
        self.cell(0, 5, f"Referat · {meeting.title} · {fmt_date(meeting.held_on)}"[:110])
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(110, 110, 110)
        pack = self.detail.meeting.pack_snapshot_id
        self.cell(0, 5, f"Mødepakke: snapshot {pack}" if pack else "", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Side {self.page_no()} af {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, *, size: float = 13) -> None:
        if self.will_page_break(size + 20):
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", size)
        self.set_text_color(*SERIES_BLUE)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def paragraph(self, value: str, *, size: float = 9.5, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")


def minutes_pdf(detail: MeetingDetail, *, demo: bool = False) -> bytes:
    """The minutes as PDF bytes."""
    meeting = detail.meeting
    pdf = MinutesPdf(detail, demo=demo)
    pdf.add_page()
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*SERIES_BLUE)
    pdf.multi_cell(
        0, 9, f"Referat: {meeting.title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L"
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    pdf.paragraph(f"Partnerskabet i {detail.municipality}", size=11)
    pdf.ln(2)
    pdf.paragraph(f"Dato: {fmt_date(meeting.held_on)}")
    pdf.paragraph(f"Deltagere: {meeting.participants or MISSING}")
    pack = meeting.pack_snapshot_id
    pdf.paragraph(
        f"Mødepakke: snapshot {pack} (mødepakken med netop disse tal kan dannes igen på Rapport)"
        if pack
        else "Mødepakke: ingen knyttet til mødet",
        bold=bool(pack),
    )
    pdf.heading("Dagsorden")
    pdf.paragraph(meeting.agenda or "(ingen dagsorden)")
    pdf.heading("Beslutninger")
    if not detail.decisions:
        pdf.paragraph("Ingen beslutninger registreret.")
    else:
        pdf.set_font(FONT, "", 8.5)
        pdf.set_fill_color(*ROW_FILL)
        with pdf.table(
            col_widths=(8, 70, 45, 30, 21),
            line_height=4.4,
            headings_style=HEADINGS,
            text_align="LEFT",
            padding=1,
        ) as table:
            heading = table.row()
            for column in (
                "Nr.",
                "Beslutning",
                "Aktivitet i handlingsplanen",
                "Ansvarlig",
                "Frist",
            ):
                heading.cell(column)
            for d in detail.decisions:
                row = table.row()
                row.cell(str(d.position + 1))
                row.cell(d.text)
                row.cell((d.item_title or "(slettet siden)") if d.item_id is not None else MISSING)
                row.cell(d.owner or MISSING)
                row.cell(MISSING if d.due_date is None else fmt_date(d.due_date))
    pdf.heading("Referat")
    pdf.paragraph(meeting.minutes or "(intet referat skrevet)")
    return bytes(pdf.output())


def minutes_file_name(detail: MeetingDetail) -> str:
    """'referat-2026-12-02-partnerskabsmoede.pdf'."""
    ascii_title = (
        detail.meeting.title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:40] or "moede"
    return f"referat-{detail.meeting.held_on.isoformat()}-{slug}.pdf"


def meeting_minutes(engine: Engine, *, viewer: Actor, meeting_id: int, demo: bool) -> bytes:
    """The minutes of a meeting the viewer may read, as PDF bytes."""
    return minutes_pdf(meeting_detail(engine, viewer=viewer, meeting_id=meeting_id), demo=demo)
