"""The Rapport page's parts: choose the scope, make the meeting pack (cached), offer the files."""

from collections.abc import Callable
from datetime import date

import streamlit as st

from dataio.meeting_pack.pack import MeetingPack, build_pack
from dataio.meeting_pack.pdf import PDF_MIME
from dataio.meeting_pack.pptx import PPTX_MIME, report_pptx
from dataio.meeting_pack.xlsx import XLSX_MIME
from dataio.settings import MIN_HOTSPOT_COUNT
from models.formatting import fmt_datetime
from models.permissions import Actor, Role
from ui import loaders
from ui.page import demo_notice, municipality_picker

MUNICIPALITY, DISTRICT = "Kommune", "Politikreds"


def choose_scope(actor: Actor, version: int) -> tuple[int | None, int | None]:
    """(municipality code, None) or (None, police district): the police and the administrator
    may also take a whole district; everyone else their municipality."""
    may_take_district = actor.role is Role.ADMIN or actor.role is Role.POLICE
    kind = (
        st.sidebar.radio("Mødepakke for", [MUNICIPALITY, DISTRICT], key="report_scope")
        if may_take_district
        else MUNICIPALITY
    )
    if kind == MUNICIPALITY:
        code, _, _ = municipality_picker(actor, version)
        return code, None
    if actor.police_district_number is not None:
        return None, actor.police_district_number
    districts = loaders.load_police_districts(version)
    number = st.sidebar.selectbox(
        "Politikreds",
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
) -> MeetingPack:
    """The meeting pack with both files and the preview, per data version (the viewer is part of
    the key: the report refuses what the viewer may not read); hotspot squares of at least
    `min_count` incidents (Settings.hotspot_min_count)."""
    return build_pack(
        loaders.engine(),
        viewer=viewer,
        municipality_code=code,
        police_district=district,
        since=since,
        today=today,
        preview=True,
        hotspot_min_count=min_count,
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
) -> bytes:
    """The pack as PowerPoint, drawn from the cached pack's report (same key as `load_pack`):
    made when the download is clicked, not on every visit (the charts cost seconds)."""
    return report_pptx(load_pack(version, viewer, code, district, since, today, min_count).report)


def show_pack(pack: MeetingPack, *, slides: Callable[[], bytes]) -> None:
    """Snapshot id, demo warning, the three downloads (the slides made when clicked: `slides`)
    and the first page as a picture."""
    report = pack.report
    demo_notice(report.demo)
    st.markdown(f"**{report.partnership}**")
    st.markdown(f"Snapshot-id: `{report.snapshot_id}`")
    st.caption(
        f"Dannet {fmt_datetime(report.generated_at)}. Snapshot-id'et er en nøgle til netop disse "
        "tal (samme data giver samme id): citér det i referatet."
    )
    slug = f"moedepakke-{report.snapshot_id}"  # ASCII: every browser and mail client keeps it
    left, middle, right = st.columns(3)
    left.download_button(
        "Hent PDF", data=pack.pdf, file_name=f"{slug}.pdf", mime=PDF_MIME, key="report_pdf"
    )
    middle.download_button(
        "Hent Excel", data=pack.xlsx, file_name=f"{slug}.xlsx", mime=XLSX_MIME, key="report_xlsx"
    )
    right.download_button(
        "Hent som PowerPoint (.pptx)",
        data=slides,
        file_name=f"{slug}.pptx",
        mime=PPTX_MIME,
        key="report_pptx",
        on_click="ignore",
    )
    if pack.preview_png is not None:
        st.image(
            pack.preview_png,
            caption="PDF'ens forside",
            width=520,
            alt="Forhåndsvisning af forsiden af mødepakkens PDF; hent PDF'en for at læse den.",
        )
