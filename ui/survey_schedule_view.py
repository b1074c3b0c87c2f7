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
from models.i18n import DANISH, translator
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
    status_word,
)
from models.vocabulary import SERIES_BLUE
from ui import flash, loaders
from ui.described import chart
from ui.figures import danish_layout
from ui.i18n import _, active_language, error_text

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
    display: pd.DataFrame,
    years: pd.Series,
    rates: dict[int, tuple[int, int]],
    *,
    lang: str = DANISH,
    share_column: str = "Andel",
) -> pd.DataFrame:
    """The rounds' display table with "Svarprocent" beside the share (`share_column`, the
    display's own heading), where a schedule counted; the new column's words in `lang`."""
    _ = translator(lang)
    texts = []
    for year in years:
        counts = rates.get(int(year))
        texts.append(
            _("{rate} ({responses} af {invitations})").format(
                rate=fmt_percent(counts[0] / counts[1], lang=lang),
                responses=fmt_int(counts[0], lang=lang),
                invitations=fmt_int(counts[1], lang=lang),
            )
            if counts
            else MISSING
        )
    shown = display.copy()
    # the display's share heading, Danish or already translated; else the rate goes last
    heading = share_column if share_column in shown.columns else _(share_column)
    at = shown.columns.get_loc(heading) + 1 if heading in shown.columns else len(shown.columns)
    shown.insert(at, _("Svarprocent"), texts)
    return shown


def latest_rate_line(years: pd.Series, rates: dict[int, tuple[int, int]]) -> None:
    """Under the status card: the latest round's response rate, when its schedule counted it."""
    if years.empty or int(years.max()) not in rates:
        return
    year = int(years.max())
    responses, invitations = rates[year]
    rate = response_rate_text(responses, invitations, lang=active_language())
    st.caption(_("Måling {year}: {rate}.").format(year=year, rate=rate))


def rate_caption(rates: dict[int, tuple[int, int]]) -> None:
    """Say what the response rate is (a count, no interval), when any round has one."""
    if rates:
        st.caption(_(RATE_NOTE))


# --- the next round ------------------------------------------------------------------------------


def _schedule_table(frame: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    _ = translator(lang)

    def day(value: object) -> str:
        return fmt_date(pd.Timestamp(str(value)).date(), lang=lang)

    def days(text: str) -> str:
        return ", ".join(fmt_date(d, lang=lang) for d in parse_dates(text))

    return pd.DataFrame(
        {
            _("År"): frame["year"].astype(str),
            _("Status"): [status_word(str(s), lang=lang) for s in frame["status"]],
            _("Invitation"): [day(v) for v in frame["invitation_date"]],
            _("Påmindelser"): [days(v) or MISSING for v in frame["reminder_dates"]],
            _("Lukker"): [day(v) for v in frame["close_date"]],
            _("Inviterede"): [
                fmt_int(v, lang=lang) if pd.notna(v) else MISSING for v in frame["invitations"]
            ],
            _("Svar"): [
                fmt_int(v, lang=lang) if pd.notna(v) else MISSING for v in frame["responses"]
            ],
            _("Svarprocent"): [
                fmt_percent(v, lang=lang) if pd.notna(v) else MISSING
                for v in frame["response_rate"]
            ],
            _("Påmindelser sendt"): [
                f"{fmt_int(n, lang=lang)} ({days(v)})" if n else "0"
                for n, v in zip(frame["reminders_sent"], frame["reminders_sent_on"], strict=True)
            ],
        }
    )


def schedule_section(actor: Actor, code: int, name: str, district: int, today: date) -> None:
    """ "Næste måling": the planned rounds for everyone; the forms for those who may edit."""
    version, lang = loaders.current_version(), active_language()
    st.subheader(_("Næste måling"))
    flash.show(AREA_SCHEDULE)
    st.caption(
        _(
            "Tryghedsmålingen sendes via e-Boks hvert andet år, med påmindelser til dem, der ikke har "
            "svaret. Her planlægges runden, og invitationer, svar og påmindelser registreres."
        )
    )
    frame = load_schedules(version, actor, code)
    if frame.empty:
        st.info(_("Der er endnu ingen planlagt måling for {name}.").format(name=name))
    else:
        with st.container(key="schedule_table"):  # a fixed handle for the browser test
            st.dataframe(_schedule_table(frame, lang=lang), hide_index=True)
        latest = frame.iloc[0]
        rate = response_rate_text(
            int(latest["responses"]) if pd.notna(latest["responses"]) else None,
            int(latest["invitations"]) if pd.notna(latest["invitations"]) else None,
            lang=lang,
        )
        if rate:
            st.markdown(_("**Måling {year}:** {rate}.").format(year=int(latest["year"]), rate=rate))
            st.caption(_(RATE_NOTE))
    if not may_edit(actor, code, district):
        st.caption(_("Projektlederen planlægger målingerne og registrerer forløbet."))
        return
    _plan_form(actor, code, load_next_round(version, actor, code, today))
    open_rounds = frame[frame["status"] != ScheduleStatus.CLOSED.value]
    if not open_rounds.empty:
        _progress_form(actor, open_rounds.iloc[0])


def _plan_form(actor: Actor, code: int, dates: RoundDates) -> None:
    expander = st.expander(_("Planlæg målingen {year}").format(year=dates.year), expanded=False)
    with expander, st.form("schedule_new", enter_to_submit=False):
        st.caption(
            _(
                "Forslaget ligger to år efter den seneste måling; påmindelsen to uger efter "
                "invitationen og lukningen fire uger efter."
            )
        )
        year = st.number_input(
            _("År"), min_value=2000, max_value=2100, value=dates.year, step=1, key="schedule_year"
        )
        left, middle, right = st.columns(3)
        invitation = left.date_input(
            _("Invitation sendes"), value=dates.invitation, format="DD.MM.YYYY", key="schedule_inv"
        )
        reminder = middle.date_input(
            _("Påmindelse"), value=dates.reminders[0], format="DD.MM.YYYY", key="schedule_rem"
        )
        close = right.date_input(
            _("Lukker"), value=dates.close, format="DD.MM.YYYY", key="schedule_close"
        )
        if st.form_submit_button(_("Planlæg målingen"), type="primary", key="schedule_create"):
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
                st.error(error_text(refused))
                return
            flash.done(_("Målingen {year} er planlagt.").format(year=int(year)), area=AREA_SCHEDULE)


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
    lang = active_language()
    st.markdown(_("**Forløbet af målingen {year}**").format(year=year))
    with st.form("schedule_progress", enter_to_submit=False):
        statuses = [s.value for s in ScheduleStatus]
        left, middle, right = st.columns(3)
        status = left.selectbox(
            _("Status"),
            statuses,
            index=statuses.index(str(row["status"])),
            format_func=lambda s: status_word(s, lang=lang),
            key="schedule_status",
        )
        invitations = middle.number_input(
            _("Inviterede (sendt)"),
            min_value=0,
            value=_optional_count(row["invitations"]),
            step=1,
            key="schedule_invitations",
        )
        responses = right.number_input(
            _("Svar"),
            min_value=0,
            value=_optional_count(row["responses"]),
            step=1,
            key="schedule_responses",
        )
        sent = st.text_input(
            _("Påmindelser sendt (datoer, fx 15.03.2027; adskil flere med komma)"),
            value=danish_dates_text(parse_dates(str(row["reminders_sent_on"]))),
            key="schedule_sent",
        )
        if st.form_submit_button(_("Gem forløbet"), type="primary", key="schedule_save"):
            try:
                sent_on = parse_danish_dates(sent, lang=lang)
            except ValueError as wrong:
                st.error(_("Påmindelser sendt: {problem}").format(problem=wrong))
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
                st.error(error_text(refused))
                return
            if not changed:
                st.info(_("Intet er ændret."))
                return
            flash.done(
                _("Forløbet af målingen {year} er gemt.").format(year=year), area=AREA_SCHEDULE
            )


# --- local questions -----------------------------------------------------------------------------


def local_rounds_table(measure: LocalMeasure, *, lang: str = DANISH) -> pd.DataFrame:
    """A local question's rounds with headings in `lang` (Danish by default)."""
    _ = translator(lang)
    rounds = measure.rounds
    return pd.DataFrame(
        {
            _("År"): rounds["year"].astype(str),
            _("Andel"): [fmt_percent(v, lang=lang) for v in rounds["share"]],
            _("95 %-interval"): [
                f"{fmt_decimal(lo * 100, lang=lang)}–{fmt_percent(hi, lang=lang)}"
                for lo, hi in zip(rounds["low"], rounds["high"], strict=True)
            ],
            _("Besvarelser"): [fmt_int(v, lang=lang) for v in rounds["respondents"]],
            _("Bemærkning"): [_("Lille stikprøve") if s else "" for s in rounds["small_sample"]],
        }
    )


def local_chart(measure: LocalMeasure, *, lang: str = DANISH) -> go.Figure:
    """A local question's share per round with its 95 % interval; no goal line (none applies).
    Words in `lang`; the question's own words as the partnership wrote them."""
    _ = translator(lang)
    rounds = measure.rounds
    figure = go.Figure()
    figure.add_scatter(
        x=rounds["year"],
        y=rounds["share"] * 100,
        mode="lines+markers",
        name=_("Andel «{label}», 95 %-interval").format(label=measure.share_label),
        line={"color": SERIES_BLUE.hex},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": (rounds["high"] - rounds["share"]) * 100,
            "arrayminus": (rounds["share"] - rounds["low"]) * 100,
            "thickness": 1.5,
        },
        customdata=rounds[["respondents"]],
        hovertemplate=_("%{x}: %{y:.1f} % (%{customdata[0]} besvarelser)") + "<extra></extra>",
    )
    figure = danish_layout(figure, y_title=_("Andel (%)"), height=300, lang=lang)
    figure.update_yaxes(range=[0, 100], ticksuffix=" %")
    figure.update_xaxes(dtick=2)
    return figure


def local_questions_section(actor: Actor, code: int, name: str, district: int) -> None:
    """ "Lokale spørgsmål": each question's share with its interval; forms for those who may edit."""
    version, lang = loaders.current_version(), active_language()
    st.subheader(_("Lokale spørgsmål"))
    flash.show(AREA_LOCAL)
    measures = load_local_measures(version, actor, code)
    editable = may_edit(actor, code, district)
    if not measures:
        st.info(_("{name} har ingen lokale spørgsmål endnu.").format(name=name))
    for measure in measures:
        st.markdown(f"**{for_markdown(measure.question)}**")
        st.caption(
            _("{note}. Svarkategorier: {categories}. Andelen tæller «{share}».").format(
                note=_(LOCAL_NOTE),
                categories=", ".join(for_markdown(c.label) for c in measure.categories),
                share=for_markdown(measure.share_label),
            )
        )
        if measure.rounds.empty:
            st.caption(_("Ingen svar registreret endnu."))
        else:
            st.dataframe(
                local_rounds_table(measure, lang=lang),
                hide_index=True,
                key=f"local_table_{measure.id}",
            )
            # needs lang: ui.described.chart (its text alternative is Danish)
            chart(local_chart(measure, lang=lang), key=f"local_chart_{measure.id}")
        if editable:
            _counts_form(actor, measure)
    if editable:
        _new_question_form(actor, code)
    else:
        st.caption(_("Projektlederen tilføjer lokale spørgsmål og registrerer svarene."))


def _counts_form(actor: Actor, measure: LocalMeasure) -> None:
    expander = st.expander(_("Registrér svar på «{question}»").format(question=measure.question))
    with expander, st.form(f"local_counts_{measure.id}", enter_to_submit=False):
        year = st.number_input(
            _("År"),
            min_value=2000,
            max_value=2100,
            value=date.today().year,
            step=1,
            key=f"local_year_{measure.id}",
        )
        counts = {
            c.label: st.number_input(
                _("Antal svar «{category}»").format(category=c.label),
                min_value=0,
                value=0,
                step=1,
                key=f"local_count_{measure.id}_{c.position}",
            )
            for c in measure.categories
        }
        if st.form_submit_button(_("Gem svarene"), key=f"local_save_{measure.id}"):
            try:
                record_local_counts(
                    loaders.engine(),
                    actor=actor,
                    measure_id=measure.id,
                    year=int(year),
                    counts={k: int(v) for k, v in counts.items()},
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            flash.done(_("Svarene for {year} er gemt.").format(year=int(year)), area=AREA_LOCAL)


def _new_question_form(actor: Actor, code: int) -> None:
    with (
        st.expander(_("Tilføj et lokalt spørgsmål")),
        st.form("local_new", enter_to_submit=False),
    ):
        question = st.text_input(_("Spørgsmål"), key="local_question")
        categories = st.text_area(
            _("Svarkategorier (én pr. linje)"),
            value=_("Ja\nNej\nVed ikke"),
            key="local_categories",
        )
        in_share = st.text_input(
            _("Kategorier, der tæller i andelen (adskil flere med komma)"), key="local_in_share"
        )
        st.caption(_(LOCAL_NOTE).capitalize() + ".")
        if st.form_submit_button(_("Tilføj spørgsmålet"), type="primary", key="local_add"):
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
                st.error(error_text(refused))
                return
            flash.done(
                _("Spørgsmålet «{question}» er tilføjet.").format(
                    question=for_markdown(question.strip())
                ),
                area=AREA_LOCAL,
            )
