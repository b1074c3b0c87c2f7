"""The floor app: bare Streamlit drawing our pages' recorded output (see bench/floor.py).

Started as `streamlit run bench/floor_app.py` from the repository root (so that our
.streamlit/config.toml applies), with BENCH_FLOOR_DATA naming the recording.
"""

import os
import pickle
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.floor import replay


@st.cache_resource
def recording() -> dict:
    return pickle.loads(Path(os.environ["BENCH_FLOOR_DATA"]).read_bytes())


data = recording()


def page(key: str):  # type: ignore[no-untyped-def]
    def draw() -> None:
        replay(data["pages"][key])

    draw.__name__ = f"floor_{key}"
    return draw


pages = {
    key: st.Page(page(key), title=label, url_path=key, default=(n == 0))
    for n, (key, label) in enumerate(data["labels"].items())
}
current = st.navigation(list(pages.values()), position="hidden")
with st.sidebar:
    for page_ in pages.values():
        st.page_link(page_, label=page_.title)
current.run()
