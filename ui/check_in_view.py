"""An item's check-in form and its history (newest first), on Handlingsplan and Mine opgaver."""

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.tasks.check_ins import MAX_COMMENT, check_ins, record_check_in
from models.actionplan import ItemStatus, value_label
from models.formatting import fmt_date, fmt_datetime, fmt_int
from models.i18n import DANISH, translator
from models.permissions import Actor
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.i18n import _, active_language, error_text, ngettext
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
    lang = active_language()
    with st.form(f"check_in_{item_id}", enter_to_submit=False):
        st.markdown(
            _("**Statusopdatering: {title}**").format(title=for_markdown(str(row["title"])))
        )
        status = st.selectbox(
            _("Status"),
            STATUSES,
            index=STATUSES.index(status_now) if status_now in STATUSES else 0,
            format_func=lambda s: value_label(s, lang=lang),
            key=f"check_in_status_{item_id}",
        )
        progress = st.slider(
            _("Fremdrift (%)"),
            0,
            100,
            value=int(row["progress"]),
            step=5,
            key=f"check_in_progress_{item_id}",
        )
        comment = st.text_area(
            _("Kort kommentar (hvad er sket?)"),
            max_chars=MAX_COMMENT,
            key=f"check_in_comment_{item_id}",
        )
        new_due = st.date_input(
            _("Ny frist (kun hvis fristen flyttes)"),
            value=None,
            format="DD.MM.YYYY",
            key=f"check_in_due_{item_id}",
        )
        reason = st.text_input(
            _("Begrundelse for ny frist"), max_chars=MAX_COMMENT, key=f"check_in_reason_{item_id}"
        )
        if st.form_submit_button(_("Gem statusopdatering")):
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
                st.error(
                    _("Statusopdateringen er ikke gemt: {reason}").format(
                        reason=for_markdown(error_text(error))
                    )
                )
                return
            flash.done(
                _("Statusopdateringen for «{title}» er gemt.").format(
                    title=for_markdown(str(row["title"]))
                ),
                area=area,
            )


def history_for_display(frame: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """The check-ins as a person reads them."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("Tidspunkt"): [
                fmt_datetime(pd.Timestamp(t).to_pydatetime(), lang=lang) for t in frame["at"]
            ],
            _("Af"): frame["username"],
            _("Status"): [value_label(s, lang=lang).capitalize() for s in frame["status"]],
            _("Fremdrift"): [f"{fmt_int(p, lang=lang)} %" for p in frame["progress"]],
            _("Ny frist"): [
                "" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date(), lang=lang)
                for d in frame["new_due_date"]
            ],
            _("Begrundelse"): frame["due_reason"],
            _("Kommentar"): frame["comment"],
        }
    )


def history(item_id: int, *, viewer: Actor, version: int) -> None:
    """The item's check-ins in a small expander, newest first."""
    frame = load_check_ins(version, viewer, item_id)
    lang = active_language()
    label = ngettext(
        "Historik ({count} statusopdatering)", "Historik ({count} statusopdateringer)", len(frame)
    )
    with st.expander(label.format(count=fmt_int(len(frame), lang=lang))):
        if frame.empty:
            st.caption(_("Ingen statusopdateringer endnu."))
        else:
            st.dataframe(
                history_for_display(frame, lang=lang), hide_index=True, key=f"history_{item_id}"
            )
