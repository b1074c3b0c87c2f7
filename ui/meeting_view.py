"""Møder: the cached reads, the list of meetings, a meeting's view and the forms that write.

The project leader (and the administrator) registers meetings and records decisions; the police and
the council read. Every write goes through `dataio.meetings.store` with the actor, and a refusal
or an invalid value is shown where the person acted, in the reader's language; nothing is
half-written. Every label, message, number and date is in the active language (ui.i18n).
"""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.meetings.minutes import MINUTES_MIME, minutes_file_name, minutes_pdf
from dataio.meetings.store import (
    ItemChange,
    MeetingDetail,
    NewItem,
    PartnershipUser,
    create_meeting,
    decision_owners,
    draft_agenda,
    edit_meeting,
    last_meeting_date,
    meeting_detail,
    meetings,
    record_decision,
    tie_pack,
)
from models.actionplan import TRACK_LABELS, ItemStatus, Organisation, Track
from models.formatting import MISSING, fmt_date
from models.home import last_meeting
from models.i18n import N_
from models.permissions import Actor
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.i18n import _, active_language, error_text
from ui.session import current_settings

NO_OWNER = ""
UNCHANGED = ""  # the change form's "leave as it is"
FREE_TEXT = "__fritekst__"  # the owner picker's "someone without an account"
QUERY = "moede"  # ?moede=<id>: the meeting shown, so a link can be shared
# the plan's words, as the forms show them (the stored values stay Danish)
STATUS_WORDS = {
    ItemStatus.NOT_STARTED: N_("ikke startet"),
    ItemStatus.IN_PROGRESS: N_("i gang"),
    ItemStatus.DONE: N_("færdig"),
    ItemStatus.POSTPONED: N_("udskudt"),
    ItemStatus.CANCELLED: N_("aflyst"),
}
ORGANISATION_WORDS = {
    Organisation.POLICE: N_("politi"),
    Organisation.JOINT: N_("fælles"),
    Organisation.BUSINESS: N_("erhvervsforening"),
}
TRACK_WORDS = {
    Track.ORGANISATION: N_("Organisering"),
    Track.CITIZENS: N_("Spor 1: Engagering af borgerne"),
    Track.BUSINESS: N_("Spor 2: Det lokale erhvervsliv"),
    Track.PRESS: N_("Spor 3: Konstruktiv presse og kommunikation"),
}
MEETING_COLUMNS = (N_("Dato"), N_("Møde"), N_("Beslutninger"), N_("Mødepakke"))
DECISION_COLUMNS = (
    N_("Nr."),
    N_("Beslutning"),
    N_("Aktivitet i handlingsplanen"),
    N_("Ansvarlig"),
    N_("Frist"),
)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_meetings(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's meetings, newest first."""
    return meetings(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_meeting(version: int, viewer: Actor, meeting_id: int) -> MeetingDetail:
    """One meeting with its decisions."""
    return meeting_detail(loaders.engine(), viewer=viewer, meeting_id=meeting_id)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_draft_agenda(
    version: int, viewer: Actor, code: int, today: date, hotspot_min_count: int, lang: str = "da"
) -> str:
    """The agenda drafted from the status (goals, overdue items, follow-ups, changes), in `lang`."""
    return draft_agenda(
        loaders.engine(),
        viewer=viewer,
        code=code,
        today=today,
        hotspot_min_count=hotspot_min_count,
        lang=lang,
    )


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_owners(version: int, viewer: Actor, code: int) -> list[PartnershipUser]:
    """The partnership's users who can own a decision's item."""
    return decision_owners(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_last_meeting(version: int, viewer: Actor, code: int, before: date) -> date | None:
    """The day of the municipality's last meeting before `before`, or None."""
    return last_meeting_date(
        loaders.engine(), viewer=viewer, code=code, today=before - timedelta(days=1)
    )


def pack_since(actor: Actor, version: int, code: int | None, today: date) -> date:
    """The meeting pack's default "Sidste møde" (Rapport): the municipality's last meeting before
    today, else 30 days ago (a police district's pack: 30 days ago)."""
    known = None if code is None else load_last_meeting(version, actor, code, today)
    return last_meeting(today=today, known=known)


def _label(row: object, lang: str) -> str:
    return f"{fmt_date(pd.Timestamp(row.held_on).date(), lang=lang)} · {row.title}"  # type: ignore[attr-defined]


def meeting_list(listed: pd.DataFrame) -> int | None:
    """The meetings as a table and a picker (remembered in ?moede=); the chosen meeting's id."""
    lang = active_language()
    if listed.empty:
        st.info(_("Der er ikke registreret nogen møder endnu."))
        return None
    day, title, decisions, pack = (_(c) for c in MEETING_COLUMNS)
    table = pd.DataFrame(
        {
            day: [fmt_date(pd.Timestamp(d).date(), lang=lang) for d in listed["held_on"]],
            title: listed["title"],
            decisions: listed["decisions"].astype(int),
            pack: [s if isinstance(s, str) else MISSING for s in listed["pack_snapshot_id"]],
        }
    )
    with st.container(key="meeting_table"):
        st.dataframe(table, hide_index=True, width="stretch")
    labels = {int(r.id): _label(r, lang) for r in listed.itertuples()}
    wanted = st.query_params.get(QUERY, "")
    ids = list(labels)
    index = ids.index(int(wanted)) if wanted.isdigit() and int(wanted) in labels else 0
    chosen = int(
        st.selectbox(
            _("Vis mødet"), ids, index=index, format_func=labels.__getitem__, key="meeting_choice"
        )
    )
    st.query_params[QUERY] = str(chosen)
    return chosen


def new_meeting_form(actor: Actor, code: int, *, agenda: str, today: date) -> None:
    """Register a meeting: date, title, participants, and the drafted agenda to edit."""
    with st.form("new_meeting", enter_to_submit=False):
        left, right = st.columns([1, 3])
        held_on = left.date_input(_("Dato"), value=today, format="DD.MM.YYYY", key="meeting_date")
        title = right.text_input(_("Titel"), value=_("Partnerskabsmøde"), key="meeting_title")
        participants = st.text_area(_("Deltagere"), key="meeting_participants", height=68)
        st.caption(
            _(
                "Dagsordenen er foreslået ud fra status: mål, der ikke er på rette vej, forsinkede "
                "aktiviteter, åbne opfølgninger, ændringer siden sidste møde og nye hotspots i "
                "politiets udtræk. Ret den frit."
            )
        )
        text = st.text_area(_("Dagsorden"), value=agenda, height=300, key="meeting_agenda")
        if st.form_submit_button(_("Opret mødet"), type="primary", key="meeting_create"):
            try:
                made = create_meeting(
                    loaders.engine(),
                    actor=actor,
                    code=code,
                    held_on=held_on if isinstance(held_on, date) else None,
                    title=title,
                    participants=participants,
                    agenda=text,
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            st.query_params[QUERY] = str(made)
            flash.done(
                _("Mødet «{title}» er oprettet.").format(title=for_markdown(title.strip())),
                area="meetings",
            )


def _decisions_table(detail: MeetingDetail) -> None:
    if not detail.decisions:
        st.caption(_("Ingen beslutninger registreret endnu."))
        return
    lang = active_language()
    number, decision, item, owner, due = (_(c) for c in DECISION_COLUMNS)
    table = pd.DataFrame(
        {
            number: [d.position + 1 for d in detail.decisions],
            decision: [d.text for d in detail.decisions],
            item: [
                (d.item_title or _("(slettet)")) if d.item_id is not None else MISSING
                for d in detail.decisions
            ],
            owner: [d.owner or MISSING for d in detail.decisions],
            due: [
                MISSING if d.due_date is None else fmt_date(d.due_date, lang=lang)
                for d in detail.decisions
            ],
        }
    )
    with st.container(key="decision_table"):  # a fixed handle for the browser test
        st.dataframe(table, hide_index=True, width="stretch")


def meeting_view(detail: MeetingDetail, *, demo: bool) -> None:
    """A meeting as everyone reads it: participants, agenda, decisions, minutes, the pack's id."""
    meeting = detail.meeting
    lang = active_language()
    st.subheader(f"{for_markdown(meeting.title)}, {fmt_date(meeting.held_on, lang=lang)}")
    st.markdown(
        _("**Deltagere:** {names}").format(names=for_markdown(meeting.participants) or MISSING)
    )
    pack = meeting.pack_snapshot_id
    st.markdown(
        _("**Mødepakke:** snapshot {pack} (hent den på siden Rapport)").format(pack=pack)
        if pack
        else _("**Mødepakke:** ikke knyttet til mødet endnu")
    )
    st.caption(
        _("Møde-id {id} (referatet fra kommandolinjen: botrygt minutes --meeting {id})").format(
            id=meeting.id
        )
    )
    left, right = st.columns(2)
    with left:
        st.markdown("**" + _("Dagsorden") + "**")
        st.text(meeting.agenda or _("(ingen dagsorden)"))
    with right:
        st.markdown("**" + _("Referat") + "**")
        st.text(meeting.minutes or _("(intet referat endnu)"))
    st.markdown("**" + _("Beslutninger") + "**")
    _decisions_table(detail)
    st.download_button(
        _("Hent referatet (PDF)"),
        data=lambda: minutes_pdf(detail, demo=demo, lang=lang),  # made when asked for
        file_name=minutes_file_name(detail, lang=lang),
        mime=MINUTES_MIME,
        key="minutes_download",
        on_click="ignore",
        icon=":material/download:",
    )


def _organisation_word(value: str) -> str:
    """'kommune' / 'municipality': the plain word "kommune" is no msgid of its own (it is in every
    ?kommune= address, which a check for Danish left in English text would then flag)."""
    if value == Organisation.MUNICIPALITY:
        return _("Kommune").lower()
    return _(ORGANISATION_WORDS[Organisation(value)])


def decision_form(actor: Actor, detail: MeetingDetail, owners: list[PartnershipUser]) -> None:
    """Record a decision; optionally create a plan item with an owner and a due date."""
    names = {u.username: u.display_name for u in owners}
    # the options' words are made now, in the run's language: a format_func may be called later
    owner_words = {NO_OWNER: _("Ingen"), **names, FREE_TEXT: _("Andet (skriv navnet nedenfor)")}
    organisation_words = {o.value: _organisation_word(o.value) for o in Organisation}
    track_words = {t.value: _(TRACK_WORDS.get(t, TRACK_LABELS[t])) for t in Track}
    with st.form("new_decision", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**" + _("Ny beslutning") + "**")
        text = st.text_area(_("Beslutning"), key="decision_text", height=68)
        make_item = st.checkbox(_("Opret aktivitet i handlingsplanen"), key="decision_make_item")
        title = st.text_input(_("Aktivitetens titel"), key="decision_item_title")
        left, middle, right = st.columns(3)
        owner = left.selectbox(
            _("Ansvarlig"),
            [NO_OWNER, *names, FREE_TEXT],
            format_func=owner_words.__getitem__,
            key="decision_owner",
        )
        free = left.text_input(_("Ansvarlig (fritekst)"), key="decision_owner_text")
        organisation = middle.selectbox(
            _("Organisation"),
            [o.value for o in Organisation],
            index=[o.value for o in Organisation].index(Organisation.JOINT),
            format_func=organisation_words.__getitem__,
            key="decision_organisation",
        )
        track = middle.selectbox(
            _("Spor"),
            [t.value for t in Track],
            format_func=track_words.__getitem__,
            key="decision_track",
        )
        due = right.date_input(_("Frist"), value=None, format="DD.MM.YYYY", key="decision_due")
        if st.form_submit_button(_("Registrér beslutningen"), type="primary", key="decision_save"):
            new_item = None
            if make_item:
                new_item = NewItem(
                    title=title.strip() or text.strip()[:80],
                    track=str(track),
                    owner_username=owner if owner not in (NO_OWNER, FREE_TEXT) else None,
                    owner_name=free if owner == FREE_TEXT else "",
                    organisation=str(organisation),
                    due_date=due if isinstance(due, date) else None,
                )
            try:
                record_decision(
                    loaders.engine(),
                    actor=actor,
                    meeting_id=detail.meeting.id or 0,
                    text=text,
                    new_item=new_item,
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            done = (
                _(
                    "Beslutningen er registreret, og aktiviteten «{title}» står nu i "
                    "handlingsplanen."
                ).format(title=for_markdown(new_item.title))
                if new_item is not None
                else _("Beslutningen er registreret.")
            )
            flash.done(done, area="meeting")


def change_form(
    actor: Actor, detail: MeetingDetail, owners: list[PartnershipUser], items: pd.DataFrame
) -> None:
    """Record a decision that changes an existing plan item's due date, owner or status."""
    if items.empty:
        return
    names = {u.username: u.display_name for u in owners}
    labels = {int(r.id): str(r.title) for r in items.itertuples()}
    versions = {int(r.id): int(r.row_version) for r in items.itertuples()}
    owner_words = {UNCHANGED: _("Uændret"), **names}
    status_words = {UNCHANGED: _("Uændret"), **{v.value: _(STATUS_WORDS[v]) for v in ItemStatus}}
    with st.form("change_decision", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**" + _("Beslutning, der ændrer en aktivitet") + "**")
        text = st.text_area(_("Beslutning"), key="change_text", height=68)
        item_id = st.selectbox(
            _("Aktivitet"), list(labels), format_func=labels.__getitem__, key="change_item"
        )
        left, middle, right = st.columns(3)
        due = left.date_input(_("Ny frist"), value=None, format="DD.MM.YYYY", key="change_due")
        owner = middle.selectbox(
            _("Ny ansvarlig"),
            [UNCHANGED, *names],
            format_func=owner_words.__getitem__,
            key="change_owner",
        )
        status = right.selectbox(
            _("Ny status"),
            [UNCHANGED, *(s.value for s in ItemStatus)],
            format_func=status_words.__getitem__,
            key="change_status",
        )
        if st.form_submit_button(_("Registrér ændringen"), key="change_save"):
            chosen = int(item_id)
            try:
                record_decision(
                    loaders.engine(),
                    actor=actor,
                    meeting_id=detail.meeting.id or 0,
                    text=text,
                    change=ItemChange(
                        item_id=chosen,
                        loaded_version=versions[chosen],
                        due_date=due if isinstance(due, date) else None,
                        owner_username=owner or None,
                        status=status or None,
                    ),
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(
                _("Beslutningen er registreret, og «{title}» er ændret i handlingsplanen.").format(
                    title=for_markdown(labels[chosen])
                ),
                area="meeting",
            )


def edit_form(actor: Actor, detail: MeetingDetail) -> None:
    """Change the meeting's date, title, participants, agenda and minutes."""
    meeting = detail.meeting
    with st.form(f"edit_meeting_{meeting.id}", enter_to_submit=False):
        st.markdown("**" + _("Ret mødet og skriv referatet") + "**")
        left, right = st.columns([1, 3])
        held_on = left.date_input(
            _("Dato"),
            value=meeting.held_on,
            format="DD.MM.YYYY",
            key=f"meeting_edit_date_{meeting.id}",
        )
        title = right.text_input(
            _("Titel"), value=meeting.title, key=f"meeting_edit_title_{meeting.id}"
        )
        participants = st.text_area(
            _("Deltagere"),
            value=meeting.participants,
            height=68,
            key=f"meeting_edit_participants_{meeting.id}",
        )
        agenda = st.text_area(
            _("Dagsorden"),
            value=meeting.agenda,
            height=200,
            key=f"meeting_edit_agenda_{meeting.id}",
        )
        minutes = st.text_area(
            _("Referat"), value=meeting.minutes, height=200, key=f"meeting_minutes_{meeting.id}"
        )
        if st.form_submit_button(_("Gem mødet"), key=f"meeting_save_{meeting.id}"):
            try:
                edit_meeting(
                    loaders.engine(),
                    actor=actor,
                    meeting_id=meeting.id or 0,
                    loaded_version=meeting.row_version,
                    held_on=held_on if isinstance(held_on, date) else None,
                    title=title,
                    participants=participants,
                    agenda=agenda,
                    minutes=minutes,
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Mødet er gemt."), area="meeting")


def pack_button(actor: Actor, detail: MeetingDetail, *, today: date) -> None:
    """Build the meeting pack now and store its snapshot id with the meeting."""
    label = _("Knyt en ny mødepakke") if detail.meeting.pack_snapshot_id else _("Knyt mødepakken")
    if st.button(label, key="tie_pack"):
        try:
            with st.spinner(_("Danner mødepakken …")):
                snapshot = tie_pack(
                    loaders.engine(),
                    actor=actor,
                    meeting_id=detail.meeting.id or 0,
                    today=today,
                    hotspot_min_count=current_settings().hotspot_min_count,
                )
        except DomainError as refused:
            st.error(error_text(refused))
            return
        flash.done(
            _("Mødepakken (snapshot {snapshot}) er knyttet til mødet.").format(snapshot=snapshot),
            area="meeting",
        )
