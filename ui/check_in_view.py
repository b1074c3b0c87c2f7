"""An item's check-in form and its history (newest first), on Handlingsplan and Mine opgaver."""

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.tasks.check_ins import MAX_COMMENT, check_ins, record_check_in
from models.actionplan import ItemStatus
from models.formatting import fmt_count, fmt_date, fmt_datetime, fmt_int
from models.permissions import Actor
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.loaders import TTL_SECONDS

STATUSES = [s.value for s in ItemStatus]


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_check_ins(version: int, viewer: Actor, item_id: int) -> pd.DataFrame:
    """An item's check-ins, newest first."""
    return check_ins(loaders.engine(), viewer=viewer, item_id=item_id)


def check_in_form(row: pd.Series, *, actor: Actor, area: str) -> None:
    """Record a check-in: status, progress, a short comment, perhaps a new due date and why."""
    item_id = int(row["id"])
    status_now = str(row["status"])
    with st.form(f"check_in_{item_id}", enter_to_submit=False):
        st.markdown(f"**Statusopdatering: {for_markdown(str(row['title']))}**")
        status = st.selectbox(
            "Status",
            STATUSES,
            index=STATUSES.index(status_now) if status_now in STATUSES else 0,
            key=f"check_in_status_{item_id}",
        )
        progress = st.slider(
            "Fremdrift (%)",
            0,
            100,
            value=int(row["progress"]),
            step=5,
            key=f"check_in_progress_{item_id}",
        )
        comment = st.text_area(
            "Kort kommentar (hvad er sket?)",
            max_chars=MAX_COMMENT,
            key=f"check_in_comment_{item_id}",
        )
        new_due = st.date_input(
            "Ny frist (kun hvis fristen flyttes)",
            value=None,
            format="DD.MM.YYYY",
            key=f"check_in_due_{item_id}",
        )
        reason = st.text_input(
            "Begrundelse for ny frist", max_chars=MAX_COMMENT, key=f"check_in_reason_{item_id}"
        )
        if st.form_submit_button("Gem statusopdatering"):
            try:
                record_check_in(
                    loaders.engine(),
                    actor=actor,
                    item_id=item_id,
                    loaded_version=int(row["row_version"]),
                    status=status,
                    progress=int(progress),
                    comment=comment,
                    new_due_date=new_due,
                    due_reason=reason,
                )
            except DomainError as error:
                st.error(f"Statusopdateringen er ikke gemt: {for_markdown(str(error))}")
                return
            flash.done(
                f"Statusopdateringen for «{for_markdown(str(row['title']))}» er gemt.", area=area
            )


def history_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The check-ins as a person reads them."""
    return pd.DataFrame(
        {
            "Tidspunkt": [fmt_datetime(pd.Timestamp(t).to_pydatetime()) for t in frame["at"]],
            "Af": frame["username"],
            "Status": frame["status"].str.capitalize(),
            "Fremdrift": [f"{fmt_int(p)} %" for p in frame["progress"]],
            "Ny frist": [
                "" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date())
                for d in frame["new_due_date"]
            ],
            "Begrundelse": frame["due_reason"],
            "Kommentar": frame["comment"],
        }
    )


def history(item_id: int, *, viewer: Actor, version: int) -> None:
    """The item's check-ins in a small expander, newest first."""
    frame = load_check_ins(version, viewer, item_id)
    count = fmt_count(len(frame), one="statusopdatering", many="statusopdateringer")
    with st.expander(f"Historik ({count})"):
        if frame.empty:
            st.caption("Ingen statusopdateringer endnu.")
        else:
            st.dataframe(history_for_display(frame), hide_index=True, key=f"history_{item_id}")
