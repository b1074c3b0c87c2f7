"""The meeting pack in one call: the report for a scope, its PDF, its workbook, its slides and a
preview.

Used by the Rapport page and by `botrygt report`, so both give the same files for the same data.
"""

import io
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime

import pypdfium2
from sqlalchemy import Engine

from dataio.errors import ValidationFailed
from dataio.meeting_pack.content import municipality_report, police_district_report
from dataio.meeting_pack.pdf import report_pdf
from dataio.meeting_pack.pptx import report_pptx
from dataio.meeting_pack.xlsx import report_xlsx
from dataio.settings import MIN_HOTSPOT_COUNT
from models.i18n import DANISH, M_, language_of
from models.permissions import Actor
from models.report import MeetingReport


@dataclass(frozen=True)
class MeetingPack:
    """The report and the files made from it (empty bytes for a format not asked for)."""

    report: MeetingReport
    pdf: bytes
    xlsx: bytes
    preview_png: bytes | None = None
    pptx: bytes = b""


def parse_since(text: str | None) -> date | None:
    """The last meeting's date as typed (ÅÅÅÅ-MM-DD); None means the default, 30 days ago."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValidationFailed(
            M_(
                "Ugyldig dato for sidste møde: {text} (skriv ÅÅÅÅ-MM-DD, fx 2026-11-03)",
                text=repr(text),
            )
        ) from error


def build_report(
    con: Engine,
    *,
    viewer: Actor,
    municipality_code: int | None,
    police_district: int | None,
    since: date | None,
    today: date,
    now: datetime | None = None,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MeetingReport:
    """The report for a municipality or a police district, within the viewer's scope; hotspot
    squares with fewer than `hotspot_min_count` incidents are never shown (Settings).

    Its text is in `lang`; its snapshot id is always the Danish report's, so a pack read in
    English cites the same id as the Danish pack of the same numbers (and as a meeting that tied
    it): the Danish content is built for the id (a fraction of a second; no chart is drawn)."""
    lang = language_of(lang)
    if since is not None and since > today:
        raise ValidationFailed(
            M_(
                "Sidste møde ({since}) kan ikke ligge efter i dag ({today})",
                since=since.isoformat(),
                today=today.isoformat(),
            )
        )
    if municipality_code is not None:
        report = municipality_report(
            con,
            viewer=viewer,
            code=municipality_code,
            today=today,
            since=since,
            now=now,
            hotspot_min_count=hotspot_min_count,
            lang=lang,
        )
    elif police_district is None:
        raise ValidationFailed(M_("Vælg en kommune eller en politikreds"))
    else:
        report = police_district_report(
            con,
            viewer=viewer,
            district=police_district,
            today=today,
            since=since,
            now=now,
            hotspot_min_count=hotspot_min_count,
            lang=lang,
        )
    if lang == DANISH:
        return report
    danish = build_report(
        con,
        viewer=viewer,
        municipality_code=municipality_code,
        police_district=police_district,
        since=since,
        today=today,
        now=report.generated_at,
        hotspot_min_count=hotspot_min_count,
    )
    return replace(report, danish_snapshot_id=danish.snapshot_id)


def first_page_png(pdf: bytes, *, width_px: int = 900) -> bytes:
    """The PDF's first page as PNG (pdfium renders it on the server: no browser, no poppler)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=width_px / page.get_width())
        buffer = io.BytesIO()
        bitmap.to_pil().save(buffer, format="PNG")
        return buffer.getvalue()
    finally:
        document.close()


def build_pack(
    con: Engine,
    *,
    viewer: Actor,
    municipality_code: int | None,
    police_district: int | None,
    since: date | None,
    today: date,
    formats: Collection[str] = ("pdf", "xlsx"),
    preview: bool = False,
    hotspot_min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MeetingPack:
    """The report and the requested files, in `lang` (the files follow the report's language)."""
    report = build_report(
        con,
        viewer=viewer,
        municipality_code=municipality_code,
        police_district=police_district,
        since=since,
        today=today,
        hotspot_min_count=hotspot_min_count,
        lang=lang,
    )
    pdf = report_pdf(report) if "pdf" in formats or preview else b""
    return MeetingPack(
        report=report,
        pdf=pdf,
        xlsx=report_xlsx(report) if "xlsx" in formats else b"",
        preview_png=first_page_png(pdf) if preview else None,
        pptx=report_pptx(report) if "pptx" in formats else b"",
    )
