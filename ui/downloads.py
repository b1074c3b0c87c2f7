"""Our own download of a shown table: an Excel workbook whose text cells stay text.

The tables' built-in "Download as CSV" is switched off (`client.disableDataExport` in
.streamlit/config.toml) because it writes user text raw, and a title such as "=HYPERLINK(...)"
is a formula when a spreadsheet opens the file. The workbook is made only when clicked.
"""

import re

import pandas as pd
import streamlit as st

from dataio.files.spreadsheet import XLSX_MIME, table_xlsx


def _file_name(title: str) -> str:
    ascii_name = title.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") + ".xlsx"


def table_download(frame: pd.DataFrame, *, title: str, key: str) -> None:
    """A "Hent som Excel" button for the table as shown (its Danish headings and values)."""
    st.download_button(
        "Hent som Excel",
        data=lambda: table_xlsx(frame, title=title),
        file_name=_file_name(title),
        mime=XLSX_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
