"""An uploaded file is read once, not on every rerun while it sits in the uploader.

Every widget click reruns the page, and an uploader keeps its file: without this, a workbook (or a
Statistikbanken file's dry-run import) would be parsed again on each click; a 112 KB workbook
with 21.7 MB of sheet XML took 25 s a parse. The result (or the Danish refusal) is kept in the
session per purpose, for that file and data version only.
"""

from collections.abc import Callable
from typing import Any, TypeVar, cast

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dataio.errors import DomainError

T = TypeVar("T")
_STORE = "upload_results"


Store = dict[str, tuple[Any, bool, Any]]


def remembered(store: Store, *, purpose: str, key: Any, read: Callable[[], T]) -> T:
    """read() once per (purpose, key): the result, or the same Danish refusal, from the store."""
    kept = store.get(purpose)
    if kept is None or kept[0] != key:
        try:
            kept = (key, True, read())
        except DomainError as refused:  # a refusal is an answer too: kept, not recomputed
            kept = (key, False, refused)
        store[purpose] = kept  # one file per purpose: the previous one is let go
    _, ok, value = kept
    if not ok:
        raise cast(DomainError, value)
    return cast(T, value)


def read_once(
    upload: UploadedFile, *, purpose: str, read: Callable[[], T], version: int | None = None
) -> T:
    """read() for this upload (and data version), computed the first time, then kept."""
    store: Store = st.session_state.setdefault(_STORE, {})
    return remembered(store, purpose=purpose, key=(upload.file_id, version), read=read)
