"""Cards, tables and forms of the Nabohjælp and Tryghed pages."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dataio.store.neighbour_help import HelperOverview, add_activity, add_helper_count
from dataio.store.surveys import InsecurityOverview
from models.domain import Status
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.goal_text import helper_lines, insecurity_lines
from models.i18n import DANISH, N_, translator
from models.neighbour_help import TARGET_UNIT_LABELS, ActivityKind, TargetUnit
from models.numbers import NumberRefused, parse_count
from models.overlay import DayMark, day_marks
from models.permissions import Actor
from models.plausibility import Doubt, count_doubt
from models.safe_text import for_markdown
from models.vocabulary import DEMO_LABEL, quality_label, status_label, status_mark, status_shape
from ui import loaders
from ui.page import reads_municipality
from ui.text import status_badge

MESSAGE_KEY = "helpers_saved_message"


def saved_message() -> None:
    """The confirmation of the last save, once."""
    if MESSAGE_KEY in st.session_state:
        st.success(st.session_state.pop(MESSAGE_KEY), icon=":material/check_circle:")


# models.neighbour_help.TARGET_UNIT_LABELS' words, marked here too (their module does not mark
# them), so that a card can say them in its language
_UNIT_WORDS = (
    N_("antal aktive nabohjælpere"),
    N_("nye nabohjælpere ud over udgangspunktet"),
    N_("andel af husstandene"),
)
BUILT_ON_DEMO = N_("Bygger på eksempeldata")
NO_GOAL = N_("Intet mål")
# models.neighbour_help.ActivityKind's values (stored Danish words), marked here for the form
_KIND_WORDS = (
    N_("borgermøde"),
    N_("tryghedsvandring"),
    N_("messe"),
    N_("mobil politistation"),
    N_("nabo-til-nabo"),
    N_("kampagne"),
)


def helper_card(overview: HelperOverview, *, lang: str = DANISH) -> None:
    """The helper goal's card for one municipality."""
    _ = translator(lang)
    result = overview.assessment
    with st.container(border=True):
        st.markdown("**" + _("Nabohjælpere: {name}").format(name=overview.name) + "**")
        if result.target is None:
            st.markdown(f"### {status_badge(None, _('Intet rekrutteringsmål'), lang=lang)}")
        else:
            st.markdown(f"### {status_badge(result.status, lang=lang)}")
        for line in helper_lines(
            result, target_year_is_default=overview.target_year_is_default, lang=lang
        ):
            st.caption(line)
        if overview.target_unit is not None:
            unit = _(TARGET_UNIT_LABELS[TargetUnit(overview.target_unit)])
            st.caption(
                _("Målet er angivet som {unit}.").format(unit=unit)
                + f" {for_markdown(_(overview.goal_note) if overview.goal_note else '')}"
            )
        if overview.households_approximate:
            st.caption(_("Husstandstallet er tilnærmet."))
        if overview.demo:
            st.caption(":orange[" + _(BUILT_ON_DEMO) + "]")


def insecurity_card(overview: InsecurityOverview, *, lang: str = DANISH) -> None:
    """The insecurity goal's card for one municipality."""
    _ = translator(lang)
    result = overview.assessment
    with st.container(border=True):
        st.markdown("**" + _("Utryghed ved indbrud: {name}").format(name=overview.name) + "**")
        st.markdown(f"### {status_badge(result.status, lang=lang)}")
        for line in insecurity_lines(result, lang=lang):
            st.caption(line)
        if overview.demo:
            st.caption(":orange[" + _(BUILT_ON_DEMO) + "]")


def first_shown(table: pd.DataFrame, *, own: int | None) -> int:
    """The municipality shown first: the user's own, else the first with a target, else the first."""
    codes = [int(c) for c in table["code"]]
    if own in codes:
        return int(own)
    with_target = table[table["target"].notna()]
    return int(with_target["code"].iloc[0]) if len(with_target) else codes[0]


def national_insecurity_card(
    document: dict[str, Any] | None, *, goal_text: str, lang: str = DANISH
) -> None:
    """The national insecurity card: the latest quoted share, honest about what it is
    (`goal_text` already in the language)."""
    _ = translator(lang)
    with st.container(border=True):
        st.markdown("**" + _("Utryghed ved indbrud") + "**")
        st.markdown(f"### {status_badge(Status.INSUFFICIENT_EVIDENCE, lang=lang)}")
        if document is None:
            st.caption(_("Der er endnu ingen tryghedsmålinger i databasen (TrygFondens måling)."))
        else:
            quality = quality_label(str(document.get("quality")), lang=lang)
            st.metric(
                _("Seneste landstal ({year})").format(year=document["year"]),
                fmt_percent(document["share"], lang=lang),
            )
            st.caption(
                _(
                    "{quality}. Landstallet citeres uden stikprøvestørrelse, så status kan ikke "
                    "afgøres for landet; se kommunernes målinger under Tryghed."
                ).format(quality=quality)
            )
        st.caption(goal_text)
        if document is not None and document.get("demo"):
            st.caption(":orange[" + _(BUILT_ON_DEMO) + "]")


def helper_table_for_display(table: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """The district table with headings and formats in the language (no numbers computed here)."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("Kommune"): table["name"],
            _("Status"): [
                _shape_word(s, lang) if isinstance(s, str) else _(NO_GOAL) for s in table["status"]
            ],
            _("Nabohjælpere"): [fmt_int(v, lang=lang) for v in table["latest"]],
            _("Pr. 100 husstande"): [
                fmt_decimal(v, lang=lang) for v in table["per_100_households"]
            ],
            _("Siden udgangspunkt"): [
                "–" if pd.isna(v) else f"{'+' if v >= 0 else ''}{fmt_int(v, lang=lang)}"
                for v in table["change_since_baseline"]
            ],
            _("Mål"): [
                fmt_int(None if pd.isna(v) else round(v), lang=lang) for v in table["target"]
            ],
            _("Fremdrift"): [
                fmt_percent(None if pd.isna(v) else v, digits=0, lang=lang)
                for v in table["progress"]
            ],
            _("Nabovenner (aktive/behov)"): [
                f"{fmt_int(a, lang=lang)} / {fmt_int(n, lang=lang)}"
                for a, n in zip(table["nabovenner"], table["nabovenner_needed"], strict=True)
            ],
            _("Dækning"): [
                fmt_percent(None if pd.isna(v) else v, digits=0, lang=lang)
                for v in table["coverage"]
            ],
            _("Opgjort"): [
                fmt_date(d, lang=lang) if isinstance(d, date) else "–" for d in table["as_of"]
            ],
            "Data": [_(DEMO_LABEL) if d else "" for d in table["demo"]],
        }
    )


def _shape_word(status: str, lang: str) -> str:
    """models.vocabulary.status_mark in the language: '● On track'."""
    if lang == DANISH:
        return status_mark(status)
    return f"{status_shape(status)} {status_label(status, lang=lang)}"


def rounds_for_display(rounds: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """Survey rounds with headings in the language: share, interval, respondents and a
    small-sample flag."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("År"): rounds["year"].astype(str),
            _("Andel"): [fmt_percent(v, lang=lang) for v in rounds["share"]],
            _("95 %-interval"): [
                f"{fmt_decimal(lo * 100, lang=lang)}–{fmt_percent(hi, lang=lang)}"
                for lo, hi in zip(rounds["low"], rounds["high"], strict=True)
            ],
            _("Besvarelser"): [fmt_int(v, lang=lang) for v in rounds["respondents"]],
            _("Bemærkning"): [
                _("Lille stikprøve") if small else "" for small in rounds["small_sample"]
            ],
            "Data": [_(DEMO_LABEL) if d else "" for d in rounds["is_demo"]],
        }
    )


def activities_for_display(frame: pd.DataFrame, *, lang: str = DANISH) -> pd.DataFrame:
    """Recent recruitment activities with headings in the language (the kind is a stored Danish
    word, said in the language where the catalogue has it)."""
    _ = translator(lang)
    return pd.DataFrame(
        {
            _("Dato"): [
                fmt_date(pd.Timestamp(d).date(), lang=lang) for d in frame["activity_date"]
            ],
            _("Kommune"): frame["name"],
            _("Type"): [_(str(k)) for k in frame["kind"]],
            _("Sted"): frame["place"],
            _("Tilmeldte"): [fmt_int(v, lang=lang) for v in frame["sign_ups"]],
            "Data": [_(DEMO_LABEL) if d else "" for d in frame["is_demo"]],
        }
    )


PENDING_KEY = "helpers_pending_count"


def latest_counts(table: pd.DataFrame) -> dict[int, int | None]:
    """Each municipality's latest helper count in the district table (what a new one is held to)."""
    return {
        int(c): None if pd.isna(v) else int(v)
        for c, v in zip(table["code"], table["latest"], strict=True)
    }


@dataclass(frozen=True)
class PendingCount:
    """A typed count waiting for "Er du sikker?" (implausible against the last one)."""

    code: int
    count_date: date
    helpers: int
    nabovenner: int | None
    source: str
    doubt: Doubt


def count_form(
    actor: Actor,
    municipalities: dict[int, str],
    *,
    today: date,
    latest: dict[int, int | None] | None = None,
    lang: str = DANISH,
) -> None:
    """Record a new helper count (police of the district and the administrator); a count below
    half or above double the municipality's latest asks for confirmation first."""
    _ = translator(lang)
    pending = st.session_state.get(PENDING_KEY)
    if isinstance(pending, PendingCount):
        _confirm_count(actor, municipalities, pending, today=today, lang=lang)
        return
    with st.form("helper_count_form", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**" + _("Registrér nyt nabohjælpertal") + "**")
        code = st.selectbox(
            _("Kommune"),
            list(municipalities),
            format_func=lambda c: municipalities[c],
            key="count_code",
        )
        # keys of their own: the labels follow the language, a widget's identity must not
        count_date = st.date_input(
            _("Opgjort pr."),
            value=today,
            max_value=today,
            format="DD.MM.YYYY",
            key="count_date",
        )
        # text, not st.number_input: a browser's number field reads "1.450" as 1,45
        helpers_text = st.text_input(
            _("Aktive nabohjælpere"), placeholder=_("fx 1.250"), key="count_helpers"
        )
        nabovenner_text = st.text_input(
            _("Aktive nabovenner (valgfrit)"), placeholder=_("fx 120"), key="count_nabovenner"
        )
        source = st.text_input(
            _("Kilde"), placeholder=_("fx Nabohjælps optælling"), key="count_source"
        )
        if st.form_submit_button(_("Gem nabohjælpertal"), type="primary", key="count_save"):
            if not helpers_text.strip():
                st.error(_("Angiv antallet af aktive nabohjælpere."))
                return
            try:
                helpers = parse_count(helpers_text)
                nabovenner = parse_count(nabovenner_text) if nabovenner_text.strip() else None
            except NumberRefused as refused:
                st.error(
                    _("Nabohjælpertallet er ikke gemt: {reason}.").format(
                        reason=for_markdown(str(refused))
                    )
                )
                return
            doubt = count_doubt(previous=(latest or {}).get(int(code)), new=helpers)
            if doubt is not None:
                st.session_state[PENDING_KEY] = PendingCount(
                    int(code), count_date, helpers, nabovenner, source, doubt
                )
                st.rerun()
            _save_count(
                actor,
                municipalities,
                PendingCount(int(code), count_date, helpers, nabovenner, source, NO_DOUBT),
                today=today,
                lang=lang,
            )


NO_DOUBT = Doubt(previous=0, new=0, question="")


def _confirm_count(
    actor: Actor,
    municipalities: dict[int, str],
    pending: PendingCount,
    *,
    today: date,
    lang: str = DANISH,
) -> None:
    """'Er du sikker?' with the previous and the new value: save it, or go back and correct it
    (the question itself is models.plausibility's, in Danish)."""
    _ = translator(lang)
    with st.container(border=True):
        st.markdown("**" + _("Registrér nyt nabohjælpertal") + "**")
        st.warning(
            _("{question} ({name}, pr. {date})").format(
                question=pending.doubt.question,
                name=municipalities[pending.code],
                date=fmt_date(pending.count_date, lang=lang),
            ),
            icon=":material/help:",
        )
        yes, no = st.columns(2)
        if yes.button(
            _("Ja, gem {count}").format(count=fmt_int(pending.helpers, lang=lang)),
            type="primary",
            key="count_confirm",
        ):
            st.session_state.pop(PENDING_KEY, None)
            _save_count(actor, municipalities, pending, today=today, lang=lang)
        if no.button(_("Nej, ret tallet"), key="count_cancel"):
            st.session_state.pop(PENDING_KEY, None)
            st.rerun()


def _save_count(
    actor: Actor,
    municipalities: dict[int, str],
    pending: PendingCount,
    *,
    today: date,
    lang: str = DANISH,
) -> None:
    _ = translator(lang)
    add_helper_count(
        loaders.engine(),
        actor=actor,
        municipality_code=pending.code,
        count_date=pending.count_date,
        helpers=pending.helpers,
        nabovenner=pending.nabovenner,
        source=pending.source,
        today=today,
    )
    loaders.after_write()
    # shown after the rerun, above the freshly read table
    st.session_state[MESSAGE_KEY] = _("Gemt: {count} nabohjælpere i {name} pr. {date}.").format(
        count=fmt_int(pending.helpers, lang=lang),
        name=municipalities[pending.code],
        date=fmt_date(pending.count_date, lang=lang),
    )
    st.rerun()


def activity_form(
    actor: Actor, municipalities: dict[int, str], *, today: date, lang: str = DANISH
) -> None:
    """Record a recruitment activity and its sign-ups (a kind is stored as its Danish word and
    shown in the language where the catalogue has it)."""
    _ = translator(lang)
    with st.form("activity_form", clear_on_submit=True, enter_to_submit=False):
        st.markdown("**" + _("Registrér rekrutteringsaktivitet") + "**")
        code = st.selectbox(
            _("Kommune"),
            list(municipalities),
            format_func=lambda c: municipalities[c],
            key="activity_code",
        )
        # keys of their own: the labels follow the language, a widget's identity must not
        activity_date = st.date_input(
            _("Dato"), value=today, format="DD.MM.YYYY", key="activity_date"
        )
        # the kinds' words as the options themselves (a format_func would hide them from tests)
        kinds = {_(k.value): k.value for k in ActivityKind}
        kind = kinds[str(st.selectbox(_("Type"), list(kinds), key="activity_kind"))]
        place = st.text_input(_("Sted"), placeholder=_("fx Ishøj Bycenter"), key="activity_place")
        sign_ups_text = st.text_input(
            _("Tilmeldte nabohjælpere"), value="0", key="activity_sign_ups"
        )
        note = st.text_input(_("Note (valgfrit)"), key="activity_note")
        if st.form_submit_button(_("Gem aktivitet"), type="primary", key="activity_save"):
            try:
                sign_ups = parse_count(sign_ups_text)
            except NumberRefused as refused:
                st.error(
                    _("Aktiviteten er ikke gemt: {reason}.").format(
                        reason=for_markdown(str(refused))
                    )
                )
                return
            add_activity(
                loaders.engine(),
                actor=actor,
                municipality_code=int(code),
                activity_date=activity_date,
                kind=str(kind),
                place=place,
                sign_ups=sign_ups,
                note=note,
            )
            loaders.after_write()
            st.session_state[MESSAGE_KEY] = _(
                "Gemt: {kind} i {name} med {count} tilmeldte."
            ).format(
                kind=_(str(kind)), name=municipalities[code], count=fmt_int(sign_ups, lang=lang)
            )
            st.rerun()


def helper_action_marks(actor: Actor, version: int, overview: HelperOverview) -> list[DayMark]:
    """The municipality's actions on its helper line, for those who may read its plan and walks."""
    if not reads_municipality(actor, version, overview.code):
        return []
    series = [
        (pd.Timestamp(day).date(), float(helpers))
        for day, helpers in zip(
            overview.counts["count_date"], overview.counts["helpers"], strict=True
        )
    ]
    return day_marks(loaders.load_action_events(version, actor, overview.code), series)
