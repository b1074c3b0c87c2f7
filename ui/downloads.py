"""Our own download of a shown table: an Excel workbook whose text cells stay text.

The tables' built-in "Download as CSV" is switched off (`client.disableDataExport` in
.streamlit/config.toml) because it writes user text raw, and a title such as "=HYPERLINK(...)"
is a formula when a spreadsheet opens the file. The workbook is made only when clicked.
"""

import re

import pandas as pd
import streamlit as st

from dataio.db.audit import AuditFilter
from dataio.db.audit_export import audit_workbook
from dataio.files.spreadsheet import XLSX_MIME, table_xlsx
from models.change_text import Names
from models.permissions import Actor
from ui.i18n import _, active_language
from ui.loaders import engine

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _file_name(title: str) -> str:
    ascii_name = title.lower().translate(_ASCII)
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") + ".xlsx"


def table_download(frame: pd.DataFrame, *, title: str, key: str) -> None:
    """A "Hent som Excel" button (in the page's language) for the table as shown (its headings
    and values as the page built them)."""
    st.download_button(
        _("Hent som Excel"),
        data=lambda: table_xlsx(frame, title=title),
        file_name=_file_name(title),
        mime=XLSX_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def audit_download(*, actor: Actor, filters: AuditFilter, names: Names, key: str) -> None:
    """ "Hent hele udvalget som Excel": every row the filters select, built when clicked, in the
    page's language."""
    lang = active_language()
    st.download_button(
        _("Hent hele udvalget som Excel"),
        data=lambda: audit_workbook(
            engine(), viewer=actor, filters=filters, names=names, lang=lang
        ),
        file_name="aendringslog.xlsx",
        mime=XLSX_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
