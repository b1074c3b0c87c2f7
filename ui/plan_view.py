"""The Handlingsplan page's sections: creation, the editable table, conflicts, follow-ups and walks."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dataio.store.action_plans import (
    COLUMN_LABELS,
    EDITABLE,
    ItemEdit,
    SaveResult,
    create_plan,
    save_changes,
    template,
)
from dataio.store.walks import (
    NewObservation,
    add_walk,
    follow_up_to_item,
    set_observation_status,
)
from models.actionplan import (
    GOAL_CHOICES,
    ItemStatus,
    Organisation,
    PlanSummary,
    Track,
    value_label,
    warning_text,
)
from models.errors import DomainError
from models.formatting import fmt_date, fmt_int, fmt_percent
from models.i18n import DANISH, N_, translate, translator
from models.numbers import NumberRefused, parse_decimal
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_html, for_markdown
from ui import flash, loaders
from ui.charts import gantt_chart, track_progress_chart
from ui.downloads import table_download
from ui.editing import apply_editor_state, edits_between, same_rows
from ui.figures import PLOTLY_SEPARATORS
from ui.i18n import _, active_language, error_text, ngettext


def gantt_figure(items: pd.DataFrame, *, today: date, lang: str = DANISH) -> go.Figure:
    """The plan on a timeline (ui.charts.gantt_chart), with its words, dates and numbers in `lang`:
    statuses in the legend, the hover's dates and headings, the month ticks and "I dag"."""
    figure = gantt_chart(items, today=today)
    if lang == DANISH:
        return figure
    _ = translator(lang)
    for trace in figure.data:
        status = value_label(trace.name, lang=lang)
        starts = [pd.Timestamp(b) for b in trace.base]
        ends = [
            s + pd.Timedelta(milliseconds=float(x)) for s, x in zip(starts, trace.x, strict=True)
        ]
        trace.customdata = [
            [
                f"{fmt_date(s.date(), lang=lang)} – {fmt_date(e.date(), lang=lang)}",
                owner,
                for_html(value_label(track, lang=lang)),
                title,
            ]
            for s, e, (_span, owner, track, title) in zip(
                starts, ends, trace.customdata, strict=True
            )
        ]
        trace.name = status
        trace.hovertemplate = (
            "%{customdata[3]}<br>%{customdata[0]}<br>"
            + _("Ansvarlig: {owner}").format(owner="%{customdata[1]}")
            + "<br>"
            + _("Spor: {track}").format(track="%{customdata[2]}")
            + "<extra>"
            + for_html(status)
            + "</extra>"
        )
    axis = figure.layout.xaxis
    if axis.tickvals is not None and axis.ticktext is not None:
        axis.ticktext = [
            label if label.isdigit() else _tick(date.fromisoformat(str(day)[:10]), label, lang)
            for day, label in zip(axis.tickvals, axis.ticktext, strict=True)
        ]
    for note in figure.layout.annotations:
        if note.text == TODAY:
            note.text = _(TODAY)
    figure.update_layout(legend_title_text=_("Status"), separators=PLOTLY_SEPARATORS[lang])
    return figure


TODAY = N_("I dag")  # ui.charts.gantt_chart's label on the line for today


def _tick(day: date, danish: str, lang: str) -> str:
    """A date axis tick of models.ticks in `lang`: a month ('okt. 2026') or a whole date."""
    whole = fmt_date(day, lang=lang)
    return whole if danish == fmt_date(day) else whole.split(" ", 1)[1]


def progress_figure(progress: dict[str, float | None], *, lang: str = DANISH) -> go.Figure:
    """Average progress per track (ui.charts.track_progress_chart) with its words in `lang`."""
    figure = track_progress_chart(progress)
    if lang == DANISH:
        return figure
    for trace in figure.data:
        trace.y = [value_label(track, lang=lang) for track in trace.y]
    figure.update_xaxes(title=translate(lang, "Fremdrift (%)"))
    figure.update_layout(separators=PLOTLY_SEPARATORS[lang])
    return figure


def refused_number(refused: NumberRefused, *, lang: str = DANISH) -> str:
    """Why a position was not read as a number, in `lang` (NumberRefused's own text is Danish)."""
    return translate(lang, "«{value}» er ikke et tal skrevet som 55,6123").format(
        value=refused.shown
    )


@contextmanager
def refusals_in_language() -> Iterator[None]:
    """A write's refusal (a DomainError) in the reader's language, shown as ui.page.explain_failure
    shows it (an error, and the page stops there); in Danish it is left to explain_failure."""
    try:
        yield
    except DomainError as error:
        if active_language() == DANISH:
            raise
        st.error(error_text(error), icon=":material/error:")
        st.stop()


def may_edit_plan(actor: Actor, target: Target) -> bool:
    """Whether the actor may change anything in this plan (police: their own items)."""
    return (
        allows(actor, Action.EDIT_ACTION_PLAN, target)
        or allows(actor, Action.EDIT_BUSINESS_ACTION_ITEMS, target)
        or allows(actor, Action.EDIT_POLICE_ACTION_ITEMS, target)
    )


def creation_form(actor: Actor, code: int, name: str) -> None:
    """No plan yet: offer the guide's template to trim."""
    rows = template()
    lang = active_language()
    with st.form("create_plan"):
        st.markdown(
            _(
                "**{name} har ingen handlingsplan.** Vælg aktiviteterne fra Bo trygts skabelon (alle er valgt); datoer og ansvarlige sætter I bagefter."
            ).format(name=name)
        )
        chosen = st.multiselect(
            _("Aktiviteter fra skabelonen"),
            list(rows.index),
            default=list(rows.index),
            format_func=lambda i: f"{value_label(rows.track[i], lang=lang)} · {rows.title[i]}",
            placeholder=_("Vælg aktiviteter"),
            select_all=False,  # its "Select all" cannot be said in Danish
            key="create_plan_items",
        )
        if st.form_submit_button(_("Opret handlingsplan")):
            with refusals_in_language():
                count = create_plan(
                    loaders.engine(), actor=actor, municipality_code=code, template_rows=chosen
                )
            flash.done(
                _("Handlingsplanen er oprettet med {count} aktiviteter.").format(
                    count=fmt_int(count, lang=lang)
                )
            )


def summary_metrics(summary: PlanSummary) -> None:
    """The plan at a glance."""
    lang = active_language()
    columns = st.columns(5)
    columns[0].metric(_("Aktiviteter"), fmt_int(summary.items, lang=lang))
    columns[1].metric(_("Færdige"), fmt_int(summary.done, lang=lang))
    columns[2].metric(_("Forsinkede"), fmt_int(summary.overdue, lang=lang))
    columns[3].metric(_("Ikke rørt i 90 dage"), fmt_int(summary.stale, lang=lang))
    columns[4].metric(_("Fremdrift"), fmt_percent(summary.progress, digits=0, lang=lang))


# Pixels of the columns a project leader works in: together with the row marker they fit the
# page's 820 px at a 1280 px window, so nothing of them is behind a horizontal scroll
WIDTHS = {"title": 210, "owner_name": 120, "due_date": 88, "status": 92, "progress": 110,
          "advarsel": 150}  # fmt: skip


def column_labels(lang: str = DANISH) -> dict[str, str]:
    """The table's column headings (dataio.store.action_plans.COLUMN_LABELS) in `lang`."""
    return {key: translate(lang, label) for key, label in COLUMN_LABELS.items()}


def _column_config(lang: str = DANISH) -> dict[str, Any]:
    labels = column_labels(lang)
    # the stored values stay Danish; only what the cell shows is in the reader's language
    shown: Any = None if lang == DANISH else (lambda value: value_label(value, lang=lang))
    return {
        "track": st.column_config.SelectboxColumn(
            labels["track"], options=[t.value for t in Track], required=True, format_func=shown
        ),
        "activity_group": st.column_config.TextColumn(labels["activity_group"]),
        "title": st.column_config.TextColumn(labels["title"], required=True, width=WIDTHS["title"]),
        "owner_name": st.column_config.TextColumn(labels["owner_name"], width=WIDTHS["owner_name"]),
        "organisation": st.column_config.SelectboxColumn(
            labels["organisation"],
            options=[o.value for o in Organisation],
            required=True,
            format_func=shown,
        ),
        "start_date": st.column_config.DateColumn(labels["start_date"], format="DD.MM.YYYY"),
        "due_date": st.column_config.DateColumn(
            labels["due_date"], format="DD.MM.YYYY", width=WIDTHS["due_date"]
        ),
        "status": st.column_config.SelectboxColumn(
            labels["status"],
            options=[s.value for s in ItemStatus],
            required=True,
            width=WIDTHS["status"],
            format_func=shown,
        ),
        "progress": st.column_config.NumberColumn(
            labels["progress"],
            min_value=0,
            max_value=100,
            step=5,
            width=WIDTHS["progress"],
        ),
        "goal": st.column_config.SelectboxColumn(labels["goal"], options=list(GOAL_CHOICES)),
        "notes": st.column_config.TextColumn(labels["notes"]),
        "advarsel": st.column_config.TextColumn(
            translate(lang, WARNING), disabled=True, width=WIDTHS["advarsel"]
        ),
    }


WARNING = N_("Advarsel")
COLUMNS = ["advarsel", *EDITABLE]  # the warning first, then what a person edits
# What a project leader works in, visible at 1280 px without scrolling; the rest behind a toggle
COMPACT = ["title", "owner_name", "due_date", "status", "progress", "advarsel"]
MORE = ["title", "owner_name", "due_date", "status", "progress", "advarsel", "track",
        "activity_group", "organisation", "start_date", "goal", "notes"]  # fmt: skip
DRAFTS = "plan_drafts"  # municipality code -> Draft: unsaved edits, kept when the person leaves
GENERATION = "plan_generation"  # bumped whenever the editor must start over from new rows
SHOW_MORE = "plan_show_more"  # set by a run that needs the wider editor on the next run
EDITOR_KEY = "plan_editor_key"  # the live editor's key (the page tests write its state)


@dataclass
class Draft:
    """The editor's rows as loaded (ids, versions), the rows it was drawn from, and its edits."""

    base: pd.DataFrame
    data: pd.DataFrame
    state: dict[str, Any] = field(default_factory=dict)
    restored: bool = False  # carried over from an earlier visit: say so in a banner

    def seen(self) -> pd.DataFrame:
        """The rows as the person sees them now."""
        return apply_editor_state(self.data, self.state)

    def edits(self) -> list[ItemEdit]:
        """What saving would write (nothing, without a comparison of every cell, when the editor
        shows the rows as loaded and the person has not touched it: most runs of the page)."""
        untouched = not any(
            self.state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")
        )
        if untouched and self.data is self.base:
            return []
        return edits_between(self.base, self.seen())


def _draft(code: int, shown: pd.DataFrame, key: str) -> tuple[Draft, str]:
    """This run's draft and editor key: carry unsaved edits over to a fresh editor (back from
    another page, columns toggled), or start over from the rows as stored when nothing is unsaved."""
    state = st.session_state
    drafts: dict[int, Draft] = state.setdefault(DRAFTS, {})
    draft, live = drafts.get(code), state.get(key)
    if draft is not None and live is not None:
        draft.state = dict(live)
    if draft is not None and live is None and draft.edits():
        draft = Draft(base=draft.base, data=draft.seen(), restored=True)
    elif draft is None or (not draft.edits() and not same_rows(draft.base, shown)):
        if draft is not None:  # new rows: a new editor (old positions must not be replayed)
            state[GENERATION] = state.get(GENERATION, 0) + 1
            key = editor_key_now(more=key.endswith("more"))
        draft = Draft(base=shown, data=shown)
    drafts[code] = draft
    return draft, key


def plan_table(shown: pd.DataFrame, *, editable: bool, actor: Actor, code: int) -> None:
    """The plan as an editable table with one Save (read-only for those who may not edit)."""
    lang = active_language()
    if lang != DANISH and "advarsel" in shown.columns:  # not edited: its words may be translated
        shown = shown.assign(advarsel=[warning_text(w, lang=lang) for w in shown["advarsel"]])
    visible = [c for c in COLUMNS if c in shown.columns]
    top = st.columns([3, 1])
    if st.session_state.pop(SHOW_MORE, False):  # asked for by the last run (a new row needs Spor)
        st.session_state["plan_more_columns"] = True
    more = top[1].toggle(_("Flere kolonner"), key="plan_more_columns")
    with top[0]:
        table_download(
            shown_for_download(shown[visible], lang=lang),
            title=_("Handlingsplan"),
            key="plan_download",
        )
    order = MORE if more else COMPACT
    if not editable:
        st.dataframe(
            shown,
            column_order=order,
            column_config=_column_config(lang),
            hide_index=True,
            height=520,
            key="plan_view",
        )
        return
    draft, key = _draft(code, shown, editor_key_now(more=more))
    st.session_state[EDITOR_KEY] = key
    if draft.restored:
        unsaved_banner(draft, actor=actor, code=code)
    with st.container(key="plan_table"):  # a fixed handle for the browser tests
        st.data_editor(
            draft.data,
            column_order=order,
            column_config=_column_config(lang),
            hide_index=True,
            num_rows="dynamic",
            height=520,
            key=key,
        )
    draft.state = dict(st.session_state.get(key) or {})
    save, discard, _rest = st.columns([1, 1, 3])
    if save.button(_("Gem ændringer"), type="primary", key="plan_save"):
        if not more and (untracked := new_rows_without_track(draft.edits())):
            ask_for_track(untracked)
        save_draft(draft, actor=actor, code=code)
    if draft.edits() and discard.button(_("Kassér ændringer"), key="plan_discard"):
        discard_draft(code)
    flash.show("plan")
    result = st.session_state.pop("plan_result", None)
    if result is not None:
        report_save(result)  # below the table: the table itself does not move


def shown_for_download(frame: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """The table as downloaded: headings, and in another language its tracks, statuses and
    organisations, as shown."""
    if lang != DANISH:
        frame = frame.assign(
            **{
                c: [value_label(v, lang=lang) for v in frame[c]]
                for c in ("track", "status", "organisation")
                if c in frame.columns
            }
        )
    return frame.rename(columns=column_labels(lang))


def new_rows_without_track(edits: list[ItemEdit]) -> list[str]:
    """The titles of new rows that have no Spor (a column the compact view hides)."""
    return [e.label for e in edits if e.id is None and "track" not in (e.values or {})]


def ask_for_track(titles: list[str]) -> None:
    """Show the Spor column (the edits carry over to the wider editor) and say what is missing."""
    st.session_state[SHOW_MORE] = True
    named = ", ".join(f"«{for_markdown(t)}»" for t in titles)
    flash.ask(
        _("Vælg Spor for {named} i kolonnen Spor, og gem igen. Intet er gemt endnu.").format(
            named=named
        ),
        area="plan",
    )


def unsaved_banner(draft: Draft, *, actor: Actor, code: int) -> None:
    """Back on the page with edits that were never saved: say so, and offer Gem and Kassér."""
    count = len(draft.edits())
    rows = ngettext("{count} række", "{count} rækker", count).format(
        count=fmt_int(count, lang=active_language())
    )
    with st.container(border=True):
        st.warning(
            _("Du har ændringer, der ikke er gemt ({rows}). De står i tabellen herunder.").format(
                rows=rows
            ),
            icon=":material/edit_note:",
        )
        left, right, _rest = st.columns([1, 1, 3])
        if left.button(_("Gem"), type="primary", key="plan_banner_save"):
            save_draft(draft, actor=actor, code=code)
        if right.button(_("Kassér"), key="plan_banner_discard"):
            discard_draft(code)


def save_draft(draft: Draft, *, actor: Actor, code: int) -> None:
    """Save the edits; the result (conflicts included) is shown on the next run, which draws a
    fresh editor from the stored rows, so nothing the person typed is replayed onto new data."""
    with refusals_in_language():
        result = save_changes(
            loaders.engine(), actor=actor, municipality_code=code, edits=draft.edits()
        )
    st.session_state[DRAFTS].pop(code, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state["plan_result"] = result
    loaders.after_write()
    st.rerun()


def discard_draft(code: int) -> None:
    """Drop the unsaved edits and show the plan as stored."""
    st.session_state[DRAFTS].pop(code, None)
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    flash.done(
        _("Dine ændringer er kasseret; tabellen viser planen, som den er gemt."),
        kind="info",
        area="plan",
    )


def editor_key_now(*, more: bool = False) -> str:
    """The editor's key; it changes after every save, and with the columns shown."""
    return f"plan_editor_{st.session_state.get(GENERATION, 0)}_{'more' if more else 'few'}"


def report_save(result: SaveResult) -> None:
    """Say what was saved, and show both versions of every row someone else changed meanwhile."""
    lang = active_language()
    labels = column_labels(lang)
    if result.saved:
        st.success(
            ngettext(
                "{count} ændring gemt og skrevet i ændringsloggen.",
                "{count} ændringer gemt og skrevet i ændringsloggen.",
                result.saved,
            ).format(count=fmt_int(result.saved, lang=lang))
        )
    if not result.conflicts:
        return
    st.warning(
        _(
            "{count} række(r) blev ikke gemt, fordi en anden har ændret dem, siden du hentede siden. Dine værdier står herunder: indtast dem igen, hvis de stadig skal gælde."
        ).format(count=fmt_int(len(result.conflicts), lang=lang))
    )
    rows = [
        {
            _("Aktivitet"): c.title,
            _("Dine ændringer"): ", ".join(
                f"{labels.get(k, k)}: {value_label(v, lang=lang)}" for k, v in c.yours.items()
            ),
            _("Gemt af"): f"{c.changed_by}, {fmt_date(c.changed_at, lang=lang)}",
            _("Gemte værdier"): ", ".join(
                f"{labels.get(k, k)}: {value_label(v, lang=lang)}"
                for k, v in c.theirs.items()
                if k in c.yours
            ),
        }
        for c in result.conflicts
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="conflicts")


FOLLOW_UP_HEADINGS = {
    "walk_date": N_("Dato"),
    "area": N_("Område"),
    "number": N_("Nr."),
    "description": N_("Beskrivelse"),
    "responsible": N_("Ansvarlig"),
    "follow_up": N_("Opfølgning"),
    "status": N_("Status"),
    "in_plan": N_("I planen"),
}
# a follow-up's stored status, as shown
FOLLOW_UP_STATUSES = (N_("åben"), N_("lukket"))


def _follow_up_label(row: Any, lang: str = DANISH) -> str:
    """'Vejleåparken 1. okt. 2026, nr. 2: Mørk sti' (options are plain text)."""
    day = fmt_date(pd.Timestamp(row.walk_date).date(), lang=lang)
    return translate(lang, "{area} {day}, nr. {number}: {description}").format(
        area=row.area, day=day, number=row.number, description=row.description
    )


def follow_ups_section(
    follow_ups: pd.DataFrame, closed: pd.DataFrame, *, actor: Actor, target: Target
) -> None:
    """Open follow-ups from safety walks: turn one into a plan item, close one, reopen one."""
    lang = active_language()
    st.subheader(_("Åbne opfølgninger fra tryghedsvandringer"))
    flash.show("follow_ups")
    if follow_ups.empty:
        st.caption(_("Ingen åbne opfølgninger."))
    else:
        follow_up_frame = follow_ups_for_display(follow_ups, lang=lang)
        with st.container(key="follow_ups_table"):
            st.dataframe(follow_up_frame, hide_index=True, key="follow_ups")
        table_download(follow_up_frame, title=_("Åbne opfølgninger"), key="follow_ups_download")
    candidates = follow_ups[follow_ups["action_item_id"].isna()]
    if allows(actor, Action.EDIT_ACTION_PLAN, target) and not candidates.empty:
        to_plan_form(candidates, actor=actor)
    if allows(actor, Action.EDIT_SAFETY_WALKS, target):
        if not follow_ups.empty:
            close_form(follow_ups, actor=actor)
        if not closed.empty:
            reopen_form(closed, actor=actor)


def follow_ups_for_display(follow_ups: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """The open follow-ups as a person reads them: headings, dates and words in `lang`."""
    shown = follow_ups.assign(
        walk_date=[fmt_date(pd.Timestamp(d).date(), lang=lang) for d in follow_ups["walk_date"]],
        in_plan=[
            translate(lang, "ja") if pd.notna(i) else translate(lang, "nej")
            for i in follow_ups["action_item_id"]
        ],
    )
    if lang != DANISH:
        shown = shown.assign(
            status=[
                translate(lang, s) if s in FOLLOW_UP_STATUSES else value_label(s, lang=lang)
                for s in shown["status"]
            ]
        )
    headings = {key: translate(lang, label) for key, label in FOLLOW_UP_HEADINGS.items()}
    return shown[list(FOLLOW_UP_HEADINGS)].rename(columns=headings)


def to_plan_form(candidates: pd.DataFrame, *, actor: Actor) -> None:
    """Turn an open follow-up into a plan item (the counters above change at once)."""
    lang = active_language()
    with st.form("to_plan"):
        labels = {int(r.id): _follow_up_label(r, lang) for r in candidates.itertuples()}
        chosen = st.selectbox(
            _("Sæt en opfølgning i handlingsplanen"),
            list(labels),
            format_func=labels.__getitem__,
            key="to_plan_choice",
        )
        if st.form_submit_button(_("Sæt i handlingsplanen")):
            with refusals_in_language():
                follow_up_to_item(loaders.engine(), actor=actor, observation_id=int(chosen))
            flash.done(_("Opfølgningen er nu en aktivitet i handlingsplanen."), area="follow_ups")


def close_form(follow_ups: pd.DataFrame, *, actor: Actor) -> None:
    """Close an open follow-up, with a note saying why (audited: who and when are recorded)."""
    lang = active_language()
    with st.form("close_follow_up", clear_on_submit=True):
        labels = {int(r.id): _follow_up_label(r, lang) for r in follow_ups.itertuples()}
        versions = dict(zip(follow_ups["id"].astype(int), follow_ups["row_version"], strict=True))
        chosen = st.selectbox(
            _("Luk en opfølgning"), list(labels), format_func=labels.__getitem__, key="close_choice"
        )
        note = st.text_input(_("Note (hvad er gjort?)"), key="close_note")
        if st.form_submit_button(_("Luk opfølgning")):
            with refusals_in_language():
                set_observation_status(
                    loaders.engine(),
                    actor=actor,
                    observation_id=int(chosen),
                    loaded_version=int(versions[int(chosen)]),
                    status="lukket",
                    note=note,
                )
            flash.done(
                _("Opfølgningen er lukket: {follow_up}.").format(
                    follow_up=for_markdown(labels[int(chosen)])
                ),
                area="follow_ups",
            )


def reopen_form(closed: pd.DataFrame, *, actor: Actor) -> None:
    """The follow-ups closed lately, with note, who and when; reopen one with a note."""
    lang = active_language()
    with st.expander(
        _("Lukkede opfølgninger ({count} senest lukkede)").format(
            count=fmt_int(len(closed), lang=lang)
        )
    ):
        st.dataframe(
            pd.DataFrame(
                {
                    _("Opfølgning"): [_follow_up_label(r, lang) for r in closed.itertuples()],
                    _("Note"): closed["status_note"],
                    _("Lukket af"): closed["changed_by"],
                    _("Lukket"): [
                        fmt_date(pd.Timestamp(d).date(), lang=lang) for d in closed["changed_at"]
                    ],
                }
            ),
            hide_index=True,
            key="closed_follow_ups",
        )
        with st.form("reopen_follow_up", clear_on_submit=True):
            labels = {int(r.id): _follow_up_label(r, lang) for r in closed.itertuples()}
            versions = dict(zip(closed["id"].astype(int), closed["row_version"], strict=True))
            chosen = st.selectbox(
                _("Genåbn en opfølgning"),
                list(labels),
                format_func=labels.__getitem__,
            )
            note = st.text_input(_("Note (hvorfor genåbnes den?)"), key="reopen_note")
            if st.form_submit_button(_("Genåbn opfølgning")):
                with refusals_in_language():
                    set_observation_status(
                        loaders.engine(),
                        actor=actor,
                        observation_id=int(chosen),
                        loaded_version=int(versions[int(chosen)]),
                        status="åben",
                        note=note,
                    )
                flash.done(
                    _("Opfølgningen er genåbnet: {follow_up}.").format(
                        follow_up=for_markdown(labels[int(chosen)])
                    ),
                    area="follow_ups",
                )


def walk_form(actor: Actor, code: int) -> None:
    """Register a walk with its observations (the guide's registration table)."""
    lang = active_language()
    with (
        st.expander(_("Registrér en tryghedsvandring")),
        st.form("walk_form", clear_on_submit=True, enter_to_submit=False),
    ):
        walk_date = st.date_input(
            _("Dato"), value=date.today(), format="DD.MM.YYYY", key="walk_form_date"
        )
        area = st.text_input(_("Område"), key="walk_form_area")
        participants = st.text_input(_("Deltagere"), key="walk_form_participants")
        # text read the Danish way ("55,6123"), not a browser number field
        lat_text = st.text_input(
            _("Breddegrad (valgfri)"), placeholder=_("fx 55,6123"), key="walk_form_lat"
        )
        lon_text = st.text_input(
            _("Længdegrad (valgfri)"), placeholder=_("fx 12,3512"), key="walk_form_lon"
        )
        # the columns keep their Danish names (read below); their headings are in `lang`
        observations = st.data_editor(
            pd.DataFrame({"Beskrivelse": [""], "Ansvarlig": [""], "Opfølgning": [""]}),
            num_rows="dynamic",
            hide_index=True,
            column_config={
                name: st.column_config.TextColumn(translate(lang, name))
                for name in ("Beskrivelse", "Ansvarlig", "Opfølgning")
            }
            if lang != DANISH
            else None,
            key="observations_editor",
        )
        if st.form_submit_button(_("Registrér vandring")):
            try:
                lat = parse_decimal(lat_text) if lat_text.strip() else None
                lon = parse_decimal(lon_text) if lon_text.strip() else None
            except NumberRefused as refused:
                reason = str(refused) if lang == DANISH else refused_number(refused, lang=lang)
                st.error(
                    _("Vandringen er ikke registreret: {reason}.").format(
                        reason=for_markdown(reason)
                    )
                )
                return
            rows = [
                NewObservation(str(r.Beskrivelse), str(r.Ansvarlig or ""), str(r.Opfølgning or ""))
                for r in observations.itertuples()
                if str(r.Beskrivelse or "").strip()
            ]
            with refusals_in_language():
                add_walk(
                    loaders.engine(),
                    actor=actor,
                    municipality_code=code,
                    walk_date=walk_date,
                    area=area,
                    participants=participants,
                    lat=lat,
                    lon=lon,
                    observations=rows,
                )
            flash.done(
                ngettext(
                    "Vandringen i {area} er registreret med {count} observation.",
                    "Vandringen i {area} er registreret med {count} observationer.",
                    len(rows),
                ).format(area=for_markdown(area), count=fmt_int(len(rows), lang=lang)),
                area="follow_ups",
            )
