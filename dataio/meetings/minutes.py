"""A meeting's minutes as an A4 PDF (fpdf2, DejaVu Sans as in the meeting pack, so æøå print):
date, participants, the meeting pack's snapshot id, agenda, decisions with owners and due dates,
and the minutes' text. `botrygt minutes` and the Møder page's download make the same file, in
the command's or the page's language (the meeting's own texts stay as written).

(Word via python-docx is not installed; the minutes come as PDF only.)
"""

import re

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlalchemy import Engine

from dataio.meeting_pack.pdf import FONT, FONT_DIR, HEADINGS, PDF_MIME, ROW_FILL
from dataio.meetings.store import MeetingDetail, meeting_detail
from models.formatting import MISSING, fmt_date
from models.i18n import DANISH, N_, language_of, translate_context, translator
from models.permissions import Actor
from models.vocabulary import DEMO_ORANGE, SERIES_BLUE

MINUTES_MIME = PDF_MIME
# models.report.DEMO_MARK ("EKSEMPELDATA"), marked here so the English band says "EXAMPLE DATA"
DEMO_BAND_MARK = N_("EKSEMPELDATA")


class MinutesPdf(FPDF):
    """A4 portrait; the demo band on every page in demo mode; the pack's id in the footer."""

    def __init__(self, detail: MeetingDetail, *, demo: bool, lang: str = DANISH) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.detail, self.demo = detail, demo
        self.language = language_of(lang)
        self._ = translator(self.language)
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(self._("Referat: {title}").format(title=detail.meeting.title))
        self.set_lang(self.language)
        self.set_creator(self._("Bo trygt · styringsdashboard"))

    def header(self) -> None:
        _ = self._
        if self.demo:
            self.set_fill_color(*DEMO_ORANGE)
            self.set_text_color(255, 255, 255)
            self.set_font(FONT, "B", 9)
            self.set_xy(0, 0)
            band = _("{mark} – demoinstallation med eksempeldata").format(mark=_(DEMO_BAND_MARK))
            self.cell(self.w, 8, band, align="C", fill=True)
        self.set_text_color(110, 110, 110)
        self.set_font(FONT, "", 8)
        self.set_xy(self.l_margin, 10)
        meeting = self.detail.meeting
        line = _("Referat · {title} · {day}").format(
            title=meeting.title, day=fmt_date(meeting.held_on, lang=self.language)
        )
        self.cell(0, 5, line[:110])
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        _ = self._
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(110, 110, 110)
        pack = self.detail.meeting.pack_snapshot_id
        self.cell(
            0, 5, _("Mødepakke: snapshot {pack}").format(pack=pack) if pack else "", align="L"
        )
        self.set_x(self.l_margin)
        page = _("Side {page} af {pages}").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 5, page, align="R")
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


MINUTES_COLUMNS = (
    N_("Nr."),
    N_("Beslutning"),
    N_("Aktivitet i handlingsplanen"),
    N_("Ansvarlig"),
    N_("Frist"),
)


def minutes_pdf(detail: MeetingDetail, *, demo: bool = False, lang: str = DANISH) -> bytes:
    """The minutes as PDF bytes, in the language (the meeting's own texts as written)."""
    _ = translator(lang)
    meeting = detail.meeting
    pdf = MinutesPdf(detail, demo=demo, lang=lang)
    pdf.add_page()
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*SERIES_BLUE)
    pdf.multi_cell(
        0,
        9,
        _("Referat: {title}").format(title=meeting.title),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
        align="L",
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    pdf.paragraph(_("Partnerskabet i {name}").format(name=detail.municipality), size=11)
    pdf.ln(2)
    pdf.paragraph(_("Dato: {day}").format(day=fmt_date(meeting.held_on, lang=lang)))
    pdf.paragraph(_("Deltagere: {names}").format(names=meeting.participants or MISSING))
    pack = meeting.pack_snapshot_id
    pdf.paragraph(
        _(
            "Mødepakke: snapshot {pack} (mødepakken med netop disse tal kan dannes igen på Rapport)"
        ).format(pack=pack)
        if pack
        else _("Mødepakke: ingen knyttet til mødet"),
        bold=bool(pack),
    )
    pdf.heading(_("Dagsorden"))
    pdf.paragraph(meeting.agenda or _("(ingen dagsorden)"))
    pdf.heading(_("Beslutninger"))
    if not detail.decisions:
        pdf.paragraph(_("Ingen beslutninger registreret."))
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
            for column in MINUTES_COLUMNS:
                heading.cell(_(column))
            for d in detail.decisions:
                row = table.row()
                row.cell(str(d.position + 1))
                row.cell(d.text)
                row.cell(
                    (d.item_title or _("(slettet siden)")) if d.item_id is not None else MISSING
                )
                row.cell(d.owner or MISSING)
                row.cell(MISSING if d.due_date is None else fmt_date(d.due_date, lang=lang))
    pdf.heading(_("Referat"))
    pdf.paragraph(meeting.minutes or _("(intet referat skrevet)"))
    return bytes(pdf.output())


def minutes_file_name(detail: MeetingDetail, *, lang: str = DANISH) -> str:
    """'referat-2026-12-02-partnerskabsmoede.pdf' (English 'minutes-2026-12-02-….pdf')."""
    ascii_title = (
        detail.meeting.title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:40] or "moede"
    word = translate_context(lang, "file name", "referat")
    return f"{word}-{detail.meeting.held_on.isoformat()}-{slug}.pdf"


def meeting_minutes(
    engine: Engine, *, viewer: Actor, meeting_id: int, demo: bool, lang: str = DANISH
) -> bytes:
    """The minutes of a meeting the viewer may read, as PDF bytes in the language."""
    detail = meeting_detail(engine, viewer=viewer, meeting_id=meeting_id)
    return minutes_pdf(detail, demo=demo, lang=lang)
