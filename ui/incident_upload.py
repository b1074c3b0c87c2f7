"""The Data page's upload of the police's incident extract: for the police (the municipalities of
their district) and the administrator only. Pick the municipality, upload, read the preview (the
real import rolled back), then import. The preview shows counts and the period, never positions."""

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.files.incidents import import_incidents, preview_incidents
from models.i18n import N_
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from ui import loaders
from ui.i18n import _, active_language
from ui.uploads import read_once

KEY = "incidents"
CAPTION = N_(
    "Politiets eget udtræk af anmeldte indbrud i beboelse for én kommune: CSV eller Excel med "
    "kolonnerne dato (DD-MM-ÅÅÅÅ eller ÅÅÅÅ-MM-DD) og lat;lon (WGS84) eller x;y (UTM zone 32N, "
    "EPSG:25832), gerne også klokkeslaet, overtraedelse og adresse. Filens periode (første til "
    "sidste dato) erstatter kommunens hændelser i perioden. Enkelte hændelser ses kun af politiet "
    "i kredsen og administratoren; alle andre ser kun felter med mindst 3 indbrud."
)


def may_import_incidents(actor: Actor) -> bool:
    """The administrator, and the police (in the municipalities of their district)."""
    return allows(actor, Action.IMPORT_INCIDENTS) or (
        actor.police_district_number is not None
        and allows(actor, Action.IMPORT_INCIDENTS, Target(0, actor.police_district_number))
    )


def municipality_choices(actor: Actor, municipalities: pd.DataFrame) -> dict[int, str]:
    """Code -> name of the municipalities the actor may import an extract for."""
    return {
        int(code): str(name)
        for code, name, district in zip(
            municipalities["code"],
            municipalities["name"],
            municipalities["police_district_number"],
            strict=True,
        )
        if allows(actor, Action.IMPORT_INCIDENTS, Target(int(code), int(district)))
    }


def incident_upload_section(actor: Actor) -> None:
    """Upload the police's extract for one municipality, see what it would do, then import it."""
    if not may_import_incidents(actor):
        return
    lang = active_language()
    st.subheader(_("Politiets hændelser (enkelte indbrud)"))
    done = st.session_state.pop(f"{KEY}_result", None)
    if done is not None:
        st.success(for_markdown(done))
    choices = municipality_choices(actor, loaders.load_municipalities(loaders.current_version()))
    code = st.selectbox(
        _("Kommune"),
        list(choices),
        format_func=lambda c: f"{choices[c]} ({c})",
        key=f"{KEY}_municipality",
    )
    generation = st.session_state.get(f"{KEY}_generation", 0)
    uploaded = st.file_uploader(
        _("Politiets udtræk: CSV eller Excel"),
        type=["csv", "txt", "xlsx"],
        key=f"{KEY}_upload_{generation}",
    )
    st.caption(_(CAPTION))
    if uploaded is None or code is None:
        return
    data = uploaded.getvalue()

    def preview() -> tuple[bool, str]:
        try:
            report = preview_incidents(
                loaders.engine(),
                actor=actor,
                municipality_code=code,
                data=data,
                file_name=uploaded.name,
            )
        except DomainError as error:
            return False, f"{error.text(lang)}\n\n{_('Intet er indlæst.')}"
        return True, _("Forhåndsvisning: {report}.").format(report=report.text(lang=lang))

    with st.spinner(_("Læser og kontrollerer filen …")):
        ok, message = read_once(
            uploaded,
            purpose=f"{KEY}_{code}_{lang}",  # the message is in the reader's language
            version=loaders.current_version(),
            read=preview,
        )
    if not ok:
        st.error(for_markdown(message).replace("\n", "  \n"))
        return
    st.info(for_markdown(message))
    if st.button(_("Indlæs udtrækket"), type="primary", key=f"{KEY}_import"):
        report = import_incidents(
            loaders.engine(),
            actor=actor,
            municipality_code=code,
            data=data,
            file_name=uploaded.name,
        )
        loaders.after_write()
        st.session_state[f"{KEY}_generation"] = generation + 1
        st.session_state[f"{KEY}_result"] = _("Indlæst: {report}.").format(
            report=report.text(lang=lang)
        )
        st.rerun()
