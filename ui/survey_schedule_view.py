"""Tryghed: the survey as a process (the next round, its counts, the response rate) and local
questions (their shares with intervals, never against a national goal), with the forms that write.

The project leader (and the administrator) plans rounds, records invitations, responses and
reminders, adds local questions and enters their counts; the police and the council read. Every
write goes through `dataio.survey_rounds` with the actor; a refusal or an invalid value is shown
where the person acted, in Danish, and nothing is half-written.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dataio.errors import DomainError
from dataio.survey_rounds.local import (
    LocalMeasure,
    add_local_measure,
    local_measures,
    record_local_counts,
)
from dataio.survey_rounds.schedule import (
    ScheduleInput,
    create_schedule,
    next_round,
    parse_dates,
    response_rates,
    schedules,
    update_schedule,
)
from models.formatting import MISSING, fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from models.survey_schedule import (
    LOCAL_NOTE,
    RATE_NOTE,
    RoundDates,
    ScheduleStatus,
    danish_dates_text,
    parse_danish_dates,
    response_rate_text,
)
from models.vocabulary import SERIES_BLUE
from ui import flash, loaders
from ui.described import chart
from ui.figures import danish_layout

AREA_SCHEDULE = "survey_schedule"
AREA_LOCAL = "local_questions"


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_schedules(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's scheduled rounds, newest first."""
    return schedules(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_response_rates(version: int, viewer: Actor, code: int) -> dict[int, tuple[int, int]]:
    """Year -> (responses, invitations) of the rounds with both counts."""
    return response_rates(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_next_round(version: int, viewer: Actor, code: int, today: date) -> RoundDates:
    """The default dates of the next round."""
    return next_round(loaders.engine(), viewer=viewer, code=code, today=today)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_local_measures(version: int, viewer: Actor, code: int) -> list[LocalMeasure]:
    """The municipality's local questions with their rounds' shares."""
    return local_measures(loaders.engine(), viewer=viewer, code=code)


def may_edit(actor: Actor, code: int, district: int) -> bool:
    """Whether the actor may plan rounds and add local questions for the municipality."""
    return allows(actor, Action.EDIT_SURVEYS, Target(code, district))


# --- the response rate beside the share --------------------------------------------------------


def with_response_rate(
    display: pd.DataFrame, years: pd.Series, rates: dict[int, tuple[int, int]]
) -> pd.DataFrame:
    """The rounds' display table with "Svarprocent" beside the share, where a schedule counted."""
    texts = []
    for year in years:
        counts = rates.get(int(year))
        texts.append(
            f"{fmt_percent(counts[0] / counts[1])} ({fmt_int(counts[0])} af {fmt_int(counts[1])})"
            if counts
            else MISSING
        )
    shown = display.copy()
    shown.insert(shown.columns.get_loc("Andel") + 1, "Svarprocent", texts)
    return shown


def latest_rate_line(years: pd.Series, rates: dict[int, tuple[int, int]]) -> None:
    """Under the status card: the latest round's response rate, when its schedule counted it."""
    if years.empty or int(years.max()) not in rates:
        return
    year = int(years.max())
    responses, invitations = rates[year]
    st.caption(f"Måling {year}: {response_rate_text(responses, invitations)}.")


def rate_caption(rates: dict[int, tuple[int, int]]) -> None:
    """Say what the response rate is (a count, no interval), when any round has one."""
    if rates:
        st.caption(RATE_NOTE)


# --- the next round ------------------------------------------------------------------------------


def _schedule_table(frame: pd.DataFrame) -> pd.DataFrame:
    def day(value: object) -> str:
        return fmt_date(pd.Timestamp(str(value)).date())

    return pd.DataFrame(
        {
            "År": frame["year"].astype(str),
            "Status": [str(s).capitalize() for s in frame["status"]],
            "Invitation": [day(v) for v in frame["invitation_date"]],
            "Påmindelser": [
                ", ".join(fmt_date(d) for d in parse_dates(t)) or MISSING
                for t in frame["reminder_dates"]
            ],
            "Lukker": [day(v) for v in frame["close_date"]],
            "Inviterede": [fmt_int(v) if pd.notna(v) else MISSING for v in frame["invitations"]],
            "Svar": [fmt_int(v) if pd.notna(v) else MISSING for v in frame["responses"]],
            "Svarprocent": [
                fmt_percent(v) if pd.notna(v) else MISSING for v in frame["response_rate"]
            ],
            "Påmindelser sendt": [
                f"{fmt_int(n)} ({', '.join(fmt_date(d) for d in parse_dates(t))})" if n else "0"
                for n, t in zip(frame["reminders_sent"], frame["reminders_sent_on"], strict=True)
            ],
        }
    )


def schedule_section(actor: Actor, code: int, name: str, district: int, today: date) -> None:
    """ "Næste måling": the planned rounds for everyone; the forms for those who may edit."""
    version = loaders.current_version()
    st.subheader("Næste måling")
    flash.show(AREA_SCHEDULE)
    st.caption(
        "Tryghedsmålingen sendes via e-Boks hvert andet år, med påmindelser til dem, der ikke har "
        "svaret. Her planlægges runden, og invitationer, svar og påmindelser registreres."
    )
    frame = load_schedules(version, actor, code)
    if frame.empty:
        st.info(f"Der er endnu ingen planlagt måling for {name}.")
    else:
        with st.container(key="schedule_table"):  # a fixed handle for the browser test
            st.dataframe(_schedule_table(frame), hide_index=True)
        latest = frame.iloc[0]
        rate = response_rate_text(
            int(latest["responses"]) if pd.notna(latest["responses"]) else None,
            int(latest["invitations"]) if pd.notna(latest["invitations"]) else None,
        )
        if rate:
            st.markdown(f"**Måling {int(latest['year'])}:** {rate}.")
            st.caption(RATE_NOTE)
    if not may_edit(actor, code, district):
        st.caption("Projektlederen planlægger målingerne og registrerer forløbet.")
        return
    _plan_form(actor, code, load_next_round(version, actor, code, today))
    open_rounds = frame[frame["status"] != ScheduleStatus.CLOSED.value]
    if not open_rounds.empty:
        _progress_form(actor, open_rounds.iloc[0])


def _plan_form(actor: Actor, code: int, dates: RoundDates) -> None:
    expander = st.expander(f"Planlæg målingen {dates.year}", expanded=False)
    with expander, st.form("schedule_new", enter_to_submit=False):
        st.caption(
            "Forslaget ligger to år efter den seneste måling; påmindelsen to uger efter "
            "invitationen og lukningen fire uger efter."
        )
        year = st.number_input(
            "År", min_value=2000, max_value=2100, value=dates.year, step=1, key="schedule_year"
        )
        left, middle, right = st.columns(3)
        invitation = left.date_input(
            "Invitation sendes", value=dates.invitation, format="DD.MM.YYYY", key="schedule_inv"
        )
        reminder = middle.date_input(
            "Påmindelse", value=dates.reminders[0], format="DD.MM.YYYY", key="schedule_rem"
        )
        close = right.date_input(
            "Lukker", value=dates.close, format="DD.MM.YYYY", key="schedule_close"
        )
        if st.form_submit_button("Planlæg målingen", type="primary", key="schedule_create"):
            try:
                create_schedule(
                    loaders.engine(),
                    actor=actor,
                    code=code,
                    values=ScheduleInput(
                        year=int(year),
                        invitation_date=invitation if isinstance(invitation, date) else None,
                        close_date=close if isinstance(close, date) else None,
                        reminder_dates=(reminder,) if isinstance(reminder, date) else (),
                    ),
                )
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done(f"Målingen {int(year)} er planlagt.", area=AREA_SCHEDULE)


def _optional_count(value: object) -> int | None:
    """A stored count or None (2000.0 where another round's None made the column float)."""
    return None if value is None or pd.isna(value) else int(float(str(value)))


def _shown_version(row: pd.Series) -> int:
    """The version the form was drawn from: as it was when "Gem forløbet" was pressed (so a save
    from an older page is refused, not written over another person's save), else as now."""
    seen_key = f"schedule_seen_{int(row['id'])}"
    seen = st.session_state.get(seen_key)
    pressed = bool(st.session_state.get("schedule_save"))
    version = seen if pressed and isinstance(seen, int) else int(row["row_version"])
    st.session_state[seen_key] = version
    return version


def _progress_form(actor: Actor, row: pd.Series) -> None:
    year = int(row["year"])
    loaded_version = _shown_version(row)
    st.markdown(f"**Forløbet af målingen {year}**")
    with st.form("schedule_progress", enter_to_submit=False):
        statuses = [s.value for s in ScheduleStatus]
        left, middle, right = st.columns(3)
        status = left.selectbox(
            "Status",
            statuses,
            index=statuses.index(str(row["status"])),
            format_func=str.capitalize,
            key="schedule_status",
        )
        invitations = middle.number_input(
            "Inviterede (sendt)",
            min_value=0,
            value=_optional_count(row["invitations"]),
            step=1,
            key="schedule_invitations",
        )
        responses = right.number_input(
            "Svar",
            min_value=0,
            value=_optional_count(row["responses"]),
            step=1,
            key="schedule_responses",
        )
        sent = st.text_input(
            "Påmindelser sendt (datoer, fx 15.03.2027; adskil flere med komma)",
            value=danish_dates_text(parse_dates(str(row["reminders_sent_on"]))),
            key="schedule_sent",
        )
        if st.form_submit_button("Gem forløbet", type="primary", key="schedule_save"):
            try:
                sent_on = parse_danish_dates(sent)
            except ValueError as wrong:
                st.error(f"Påmindelser sendt: {wrong}")
                return
            try:
                changed = update_schedule(
                    loaders.engine(),
                    actor=actor,
                    schedule_id=int(row["id"]),
                    loaded_version=loaded_version,
                    values=ScheduleInput(
                        year=year,
                        invitation_date=pd.Timestamp(str(row["invitation_date"])).date(),
                        close_date=pd.Timestamp(str(row["close_date"])).date(),
                        reminder_dates=parse_dates(str(row["reminder_dates"])),
                        status=str(status),
                        invitations=None if invitations is None else int(invitations),
                        responses=None if responses is None else int(responses),
                        reminders_sent_on=sent_on,
                    ),
                )
            except DomainError as refused:
                st.error(str(refused))
                return
            if not changed:
                st.info("Intet er ændret.")
                return
            flash.done(f"Forløbet af målingen {year} er gemt.", area=AREA_SCHEDULE)


# --- local questions -----------------------------------------------------------------------------


def local_rounds_table(measure: LocalMeasure) -> pd.DataFrame:
    """A local question's rounds with Danish headings."""
    rounds = measure.rounds
    return pd.DataFrame(
        {
            "År": rounds["year"].astype(str),
            "Andel": [fmt_percent(v) for v in rounds["share"]],
            "95 %-interval": [
                f"{fmt_decimal(lo * 100)}–{fmt_percent(hi)}"
                for lo, hi in zip(rounds["low"], rounds["high"], strict=True)
            ],
            "Besvarelser": [fmt_int(v) for v in rounds["respondents"]],
            "Bemærkning": ["Lille stikprøve" if s else "" for s in rounds["small_sample"]],
        }
    )


def local_chart(measure: LocalMeasure) -> go.Figure:
    """A local question's share per round with its 95 % interval; no goal line (none applies)."""
    rounds = measure.rounds
    figure = go.Figure()
    figure.add_scatter(
        x=rounds["year"],
        y=rounds["share"] * 100,
        mode="lines+markers",
        name=f"Andel «{measure.share_label}», 95 %-interval",
        line={"color": SERIES_BLUE.hex},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (rounds["high"] - rounds["share"]) * 100,
            "arrayminus": (rounds["share"] - rounds["low"]) * 100,
            "thickness": 1.5,
        },
        customdata=rounds[["respondents"]],
        hovertemplate="%{x}: %{y:.1f} % (%{customdata[0]} besvarelser)<extra></extra>",
    )
    figure = danish_layout(figure, y_title="Andel (%)", height=300)
    figure.update_yaxes(range=[0, 100], ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure


def local_questions_section(actor: Actor, code: int, name: str, district: int) -> None:
    """ "Lokale spørgsmål": each question's share with its interval; forms for those who may edit."""
    version = loaders.current_version()
    st.subheader("Lokale spørgsmål")
    flash.show(AREA_LOCAL)
    measures = load_local_measures(version, actor, code)
    editable = may_edit(actor, code, district)
    if not measures:
        st.info(f"{name} har ingen lokale spørgsmål endnu.")
    for measure in measures:
        st.markdown(f"**{for_markdown(measure.question)}**")
        st.caption(
            f"{LOCAL_NOTE}. Svarkategorier: "
            + ", ".join(for_markdown(c.label) for c in measure.categories)
            + f". Andelen tæller «{for_markdown(measure.share_label)}»."
        )
        if measure.rounds.empty:
            st.caption("Ingen svar registreret endnu.")
        else:
            st.dataframe(
                local_rounds_table(measure), hide_index=True, key=f"local_table_{measure.id}"
            )
            chart(local_chart(measure), key=f"local_chart_{measure.id}")
        if editable:
            _counts_form(actor, measure)
    if editable:
        _new_question_form(actor, code)
    else:
        st.caption("Projektlederen tilføjer lokale spørgsmål og registrerer svarene.")


def _counts_form(actor: Actor, measure: LocalMeasure) -> None:
    expander = st.expander(f"Registrér svar på «{measure.question}»")
    with expander, st.form(f"local_counts_{measure.id}", enter_to_submit=False):
        year = st.number_input(
            "År",
            min_value=2000,
            max_value=2100,
            value=date.today().year,
            step=1,
            key=f"local_year_{measure.id}",
        )
        counts = {
            c.label: st.number_input(
                f"Antal svar «{c.label}»",
                min_value=0,
                value=0,
                step=1,
                key=f"local_count_{measure.id}_{c.position}",
            )
            for c in measure.categories
        }
        if st.form_submit_button("Gem svarene", key=f"local_save_{measure.id}"):
            try:
                record_local_counts(
                    loaders.engine(),
                    actor=actor,
                    measure_id=measure.id,
                    year=int(year),
                    counts={k: int(v) for k, v in counts.items()},
                )
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done(f"Svarene for {int(year)} er gemt.", area=AREA_LOCAL)


def _new_question_form(actor: Actor, code: int) -> None:
    with st.expander("Tilføj et lokalt spørgsmål"), st.form("local_new", enter_to_submit=False):
        question = st.text_input("Spørgsmål", key="local_question")
        categories = st.text_area(
            "Svarkategorier (én pr. linje)", value="Ja\nNej\nVed ikke", key="local_categories"
        )
        in_share = st.text_input(
            "Kategorier, der tæller i andelen (adskil flere med komma)", key="local_in_share"
        )
        st.caption(LOCAL_NOTE.capitalize() + ".")
        if st.form_submit_button("Tilføj spørgsmålet", type="primary", key="local_add"):
            try:
                add_local_measure(
                    loaders.engine(),
                    actor=actor,
                    code=code,
                    question=question,
                    categories=categories.splitlines(),
                    in_share=[p for p in (s.strip() for s in in_share.split(",")) if p],
                )
            except DomainError as refused:
                st.error(str(refused))
                return
            flash.done(
                f"Spørgsmålet «{for_markdown(question.strip())}» er tilføjet.", area=AREA_LOCAL
            )
