"""The Rapport page's parts: choose the scope, make the meeting pack (cached), offer the files."""

from collections.abc import Callable
from datetime import date
from functools import partial

import streamlit as st

from dataio.meeting_pack.pack import MeetingPack, build_pack
from dataio.meeting_pack.pdf import PDF_MIME
from dataio.meeting_pack.pptx import PPTX_MIME, report_pptx
from dataio.meeting_pack.xlsx import XLSX_MIME
from dataio.settings import MIN_HOTSPOT_COUNT
from models.formatting import fmt_datetime
from models.i18n import DANISH, N_, translate
from models.permissions import Actor, Role
from ui import loaders
from ui.i18n import _, active_language
from ui.page import demo_notice, municipality_picker

MUNICIPALITY, DISTRICT = N_("Kommune"), N_("Politikreds")  # the choice's values; shown as _()


def choose_scope(actor: Actor, version: int) -> tuple[int | None, int | None]:
    """(municipality code, None) or (None, police district): the police and the administrator
    may also take a whole district; everyone else their municipality."""
    may_take_district = actor.role is Role.ADMIN or actor.role is Role.POLICE
    kind = (
        st.sidebar.radio(
            _("Mødepakke for"),
            [MUNICIPALITY, DISTRICT],
            format_func=partial(translate, active_language()),  # the language of this run
            key="report_scope",
        )
        if may_take_district
        else MUNICIPALITY
    )
    if kind == MUNICIPALITY:
        code, _name, _district = municipality_picker(actor, version)
        return code, None
    if actor.police_district_number is not None:
        return None, actor.police_district_number
    districts = loaders.load_police_districts(version)
    number = st.sidebar.selectbox(
        _("Politikreds"),
        sorted(districts),
        format_func=lambda n: f"{districts[n]} ({n})",
        key="report_district",
    )
    return None, int(number)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_pack(
    version: int,
    viewer: Actor,
    code: int | None,
    district: int | None,
    since: date,
    today: date,
    min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> MeetingPack:
    """The meeting pack with both files and the preview, per data version (the viewer is part of
    the key: the report refuses what the viewer may not read); hotspot squares of at least
    `min_count` incidents (Settings.hotspot_min_count); in `lang` (part of the key too)."""
    return build_pack(
        loaders.engine(),
        viewer=viewer,
        municipality_code=code,
        police_district=district,
        since=since,
        today=today,
        preview=True,
        hotspot_min_count=min_count,
        lang=lang,
    )


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_slides(
    version: int,
    viewer: Actor,
    code: int | None,
    district: int | None,
    since: date,
    today: date,
    min_count: int = MIN_HOTSPOT_COUNT,
    lang: str = DANISH,
) -> bytes:
    """The pack as PowerPoint, drawn from the cached pack's report (same key as `load_pack`):
    made when the download is clicked, not on every visit (the charts cost seconds)."""
    pack = load_pack(version, viewer, code, district, since, today, min_count, lang)
    return report_pptx(pack.report)


def show_pack(pack: MeetingPack, *, slides: Callable[[], bytes]) -> None:
    """Snapshot id, demo warning, the three downloads (the slides made when clicked: `slides`)
    and the first page as a picture."""
    report, lang = pack.report, active_language()
    demo_notice(report.demo, lang=lang)
    st.markdown(f"**{report.partnership}**")
    st.markdown(_("Snapshot-id: `{snapshot}`").format(snapshot=report.snapshot_id))
    st.caption(
        _(
            "Dannet {generated}. Snapshot-id'et er en nøgle til netop disse tal (samme data giver "
            "samme id): citér det i referatet."
        ).format(generated=fmt_datetime(report.generated_at, lang=lang))
    )
    slug = f"moedepakke-{report.snapshot_id}"  # ASCII: every browser and mail client keeps it
    left, middle, right = st.columns(3)
    left.download_button(
        _("Hent PDF"), data=pack.pdf, file_name=f"{slug}.pdf", mime=PDF_MIME, key="report_pdf"
    )
    middle.download_button(
        _("Hent Excel"), data=pack.xlsx, file_name=f"{slug}.xlsx", mime=XLSX_MIME, key="report_xlsx"
    )
    right.download_button(
        _("Hent som PowerPoint (.pptx)"),
        data=slides,
        file_name=f"{slug}.pptx",
        mime=PPTX_MIME,
        key="report_pptx",
        on_click="ignore",
    )
    if pack.preview_png is not None:
        st.image(
            pack.preview_png,
            caption=_("PDF'ens forside"),
            width=520,
            alt=_("Forhåndsvisning af forsiden af mødepakkens PDF; hent PDF'en for at læse den."),
        )
