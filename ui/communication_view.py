"""Kommunikation (track 3): the cached reads, the tone chart, the press log and the stakeholder
register with their forms, and the plan items' partners.

Every write goes through `dataio.communication` with the actor; a refusal, an invalid value or a
save from an older page is shown where the person acted, in Danish, and nothing is half-written.
Typed text is shown as text: tables (st.dataframe) never render it, markdown gets `for_markdown`,
the chart's labels `for_html`; a link is only ever an http(s) address (models.communication).
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dataio.communication.press import (
    add_press_entry,
    delete_press_entry,
    edit_press_entry,
    press_entries,
    press_quarters,
)
from dataio.communication.stakeholders import (
    add_stakeholder,
    delete_stakeholder,
    edit_stakeholder,
    item_partners,
    set_item_partners,
    stakeholders,
)
from dataio.errors import DomainError
from models.actionplan import TRACK_LABELS, Track
from models.communication import (
    PRESS_GOALS,
    QuarterShare,
    Tone,
    part_of,
    share_range,
    tone_label,
    tracks_of,
)
from models.formatting import MISSING, fmt_date, fmt_percent, fmt_period
from models.i18n import DANISH, N_, translator
from models.permissions import Actor
from models.safe_text import for_markdown
from models.vocabulary import SERIES_BLUE
from ui import flash, loaders
from ui.described import cached_chart
from ui.figures import danish_layout
from ui.i18n import _, active_language, error_text

TONES = [t.value for t in Tone]
# models.actionplan's TRACK_LABELS and GOAL_LABELS are not marked there; this page shows them (the
# tracks, a press entry's goal), so they are marked here with the very same words (a test checks)
# and translated where shown
MARKED_TRACKS = (
    N_("Organisering"),
    N_("Spor 1: Engagering af borgerne"),
    N_("Spor 2: Det lokale erhvervsliv"),
    N_("Spor 3: Konstruktiv presse og kommunikation"),
)
MARKED_GOALS = (N_("Indbrud"), N_("Nabohjælpere"), N_("Tryghed"))
NO_CHOICE = 0  # the pickers' "none" (a goal, an item): ids and keys are never 0


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_press(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's press log, newest first."""
    return press_entries(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_quarters(version: int, viewer: Actor, code: int) -> list[QuarterShare]:
    """The share of constructive coverage per quarter."""
    return press_quarters(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_stakeholders(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """The municipality's stakeholders."""
    return stakeholders(loaders.engine(), viewer=viewer, code=code)


@st.cache_data(ttl=loaders.TTL_SECONDS, show_spinner=False)
def load_partners(version: int, viewer: Actor, code: int) -> pd.DataFrame:
    """Which plan items name which stakeholders as partners."""
    return item_partners(loaders.engine(), viewer=viewer, code=code)


def seen_version(key: str, loaded: int) -> int:
    """The row's version when this person first opened it for editing, kept in the session: a save
    from a form drawn before someone else's save is refused (the version moved), not written over
    theirs; a refusal forgets it, so the next save starts from the row as it is then."""
    return int(st.session_state.setdefault(key, loaded))


def _day(value: object) -> date:
    return pd.Timestamp(value).date()  # type: ignore[arg-type,unused-ignore]


def _optional_int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


# --- the tone of the coverage --------------------------------------------------------------------


def tone_figure(shares: list[QuarterShare], *, lang: str = DANISH) -> go.Figure:
    """The share of constructive coverage per quarter as bars, with the 95 % interval and counts
    (every word and number in `lang`)."""
    _ = translator(lang)  # this figure's language, not the session's
    figure = go.Figure(
        go.Bar(
            x=[fmt_period(s.period, lang=lang) for s in shares],
            y=[round(100 * s.share, 1) for s in shares],
            name=_("Andel konstruktive omtaler"),
            marker={"color": SERIES_BLUE.hex},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [round(100 * (s.high - s.share), 1) for s in shares],
                "arrayminus": [round(100 * (s.share - s.low), 1) for s in shares],
                "color": "#444444",
            },
            text=[part_of(s.constructive, s.total, lang=lang) for s in shares],
            textposition="inside",
            insidetextanchor="end",
            hovertemplate="%{x}: %{y:,.1f} % (%{text})<extra></extra>",
        )
    )
    figure.update_yaxes(range=[0, 105], ticksuffix=" %")
    figure.update_xaxes(type="category")
    return danish_layout(
        figure,
        y_title=_("Konstruktive omtaler, andel"),
        height=320,
        lang=lang,
        showlegend=False,
        title=_("Andel konstruktive omtaler pr. kvartal (95 %-interval)"),
    )


def tone_section(shares: list[QuarterShare], *, version: int = 0) -> None:
    """The guide's measure: how much of the coverage is constructive, quarter by quarter."""
    lang = active_language()
    st.subheader(_("Pressens tone"))
    if not shares:
        st.info(_("Der er ikke registreret nogen presseomtale endnu."))
        return
    latest = shares[-1]
    st.markdown(
        _("**{quarter}:** {share} var konstruktive (handlingsanvisende om indbrud).").format(
            quarter=fmt_period(latest.period, lang=lang), share=latest.text(lang=lang)
        )
    )
    cached_chart(
        lambda: tone_figure(shares, lang=lang),
        key="tone_chart",
        version=version,
        cache_key=tuple(shares),  # the figure is a function of the shares (and the language)
        lang=lang,
    )
    table = pd.DataFrame(
        {
            _("Kvartal"): [fmt_period(s.period, lang=lang) for s in shares],
            _("Konstruktive"): [s.constructive for s in shares],
            _("Omtaler i alt"): [s.total for s in shares],
            _("Andel konstruktive"): [fmt_percent(s.share, lang=lang) for s in shares],
            _("95 %-interval"): [share_range(s.low, s.high, lang=lang) for s in shares],
        }
    )
    with st.container(key="tone_table"):
        st.dataframe(table, hide_index=True, width="stretch")


# --- the press log -------------------------------------------------------------------------------


def _item_labels(items: pd.DataFrame) -> dict[int, str]:
    return {NO_CHOICE: _("Ingen")} | {
        int(i): str(t) for i, t in zip(items["id"], items["title"], strict=True)
    }


def press_table(log: pd.DataFrame) -> None:
    """The press log as a table (links as links; typed text as text)."""
    lang = active_language()
    st.subheader(_("Presselog"))
    if log.empty:
        st.caption(_("Presseloggen er tom."))
        return
    link = _("Link")
    table = pd.DataFrame(
        {
            _("Dato"): [fmt_date(_day(d), lang=lang) for d in log["published_on"]],
            _("Medie"): log["medium"],
            _("Overskrift"): log["headline"],
            _("Tone"): [tone_label(t, lang=lang) for t in log["tone"]],
            _("Mål"): [
                _(PRESS_GOALS[g]) if isinstance(g, str) and g in PRESS_GOALS else MISSING
                for g in log["goal"]
            ],
            _("Aktivitet"): [t if isinstance(t, str) else MISSING for t in log["item_title"]],
            link: [u or None for u in log["url"]],
        }
    )
    with st.container(key="press_table"):
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={link: st.column_config.LinkColumn(link, display_text=_("Åbn"))},
        )


def _press_fields(
    prefix: str, items: pd.DataFrame, today: date, row: object | None = None
) -> dict[str, object]:
    """The press form's widgets (inside a form), filled from `row` when editing."""
    labels = _item_labels(items)
    # the words of this run, looked up (AppTest calls a format_func outside the run)
    tones = {t: tone_label(t, lang=active_language()).capitalize() for t in TONES}
    goals = {NO_CHOICE: _("Intet")} | {
        n: _(label) for n, label in enumerate(PRESS_GOALS.values(), start=1)
    }
    goal_keys = [None, *PRESS_GOALS]
    left, middle, right = st.columns([1, 2, 1])
    published = left.date_input(
        _("Dato"),
        value=_day(row.published_on) if row is not None else today,  # type: ignore[attr-defined]
        max_value=today,
        format="DD.MM.YYYY",
        key=f"{prefix}_date",
    )
    medium = middle.text_input(
        _("Medie"),
        value=str(row.medium) if row is not None else "",  # type: ignore[attr-defined]
        placeholder=_("fx Ishøj Avis, TV2 Lorry, politiets døgnrapport"),
        key=f"{prefix}_medium",
    )
    tone = right.selectbox(
        _("Tone"),
        TONES,  # type: ignore[arg-type,unused-ignore]
        index=TONES.index(str(row.tone)) if row is not None else 0,  # type: ignore[attr-defined]
        format_func=lambda t: tones[t],
        key=f"{prefix}_tone",
    )
    headline = st.text_input(
        _("Overskrift"),
        value=str(row.headline) if row is not None else "",  # type: ignore[attr-defined]
        key=f"{prefix}_headline",
    )
    url = st.text_input(
        _("Link (valgfrit, https://...)"),
        value=str(row.url) if row is not None else "",  # type: ignore[attr-defined]
        key=f"{prefix}_url",
    )
    left, right = st.columns(2)
    goal_now = row.goal if row is not None and isinstance(row.goal, str) else None  # type: ignore[attr-defined]
    goal = left.selectbox(
        _("Handler om målet"),
        list(goals),
        index=goal_keys.index(goal_now) if goal_now in goal_keys else 0,
        format_func=goals.__getitem__,
        key=f"{prefix}_goal",
    )
    item_now = _optional_int(row.item_id) if row is not None else None  # type: ignore[attr-defined]
    choices = list(labels)
    item = right.selectbox(
        _("Handler om aktiviteten"),
        choices,
        index=choices.index(item_now) if item_now in choices else 0,
        format_func=labels.__getitem__,
        key=f"{prefix}_item",
    )
    return {
        "published_on": published if isinstance(published, date) else None,
        "medium": medium,
        "headline": headline,
        "url": url,
        "tone": tone,
        "goal": goal_keys[int(goal)],
        "item_id": None if int(item) == NO_CHOICE else int(item),
    }


def new_press_form(actor: Actor, code: int, items: pd.DataFrame, *, today: date) -> None:
    """Log a piece of coverage."""
    with st.form("press_new", enter_to_submit=False):
        values = _press_fields("press", items, today)
        if st.form_submit_button(_("Gem omtalen"), type="primary", key="press_save"):
            try:
                add_press_entry(loaders.engine(), actor=actor, code=code, today=today, **values)  # type: ignore[arg-type]
            except DomainError as refused:
                st.error(error_text(refused))
                return
            headline = for_markdown(str(values["headline"]).strip())
            flash.done(
                _("Omtalen «{headline}» er gemt i presseloggen.").format(headline=headline),
                area="press",
            )


def edit_press_form(actor: Actor, log: pd.DataFrame, items: pd.DataFrame, *, today: date) -> None:
    """Change or delete an entry of the log (refused when someone else saved it meanwhile)."""
    if log.empty:
        st.caption(_("Der er ingen omtaler at rette endnu."))
        return
    lang = active_language()
    labels = {
        int(r.id): f"{fmt_date(_day(r.published_on), lang=lang)} · {r.medium} · {r.headline}"
        for r in log.itertuples()
    }
    chosen = int(
        st.selectbox(_("Omtale"), list(labels), format_func=labels.__getitem__, key="press_pick")
    )
    row = next(r for r in log.itertuples() if int(r.id) == chosen)
    seen = f"press_seen_{chosen}"
    version = seen_version(seen, int(row.row_version))
    with st.form(f"press_edit_{chosen}", enter_to_submit=False):
        values = _press_fields(f"press_edit_{chosen}", items, today, row)
        save, remove = st.columns(2)
        saved = save.form_submit_button(_("Gem ændringerne"), type="primary", key="press_update")
        deleted = remove.form_submit_button(_("Slet omtalen"), key="press_delete")
    if not (saved or deleted):
        return
    try:
        if deleted:
            delete_press_entry(
                loaders.engine(), actor=actor, entry_id=chosen, loaded_version=version
            )
        else:
            edit_press_entry(
                loaders.engine(),
                actor=actor,
                entry_id=chosen,
                loaded_version=version,
                today=today,
                **values,  # type: ignore[arg-type]
            )
    except DomainError as refused:
        st.session_state.pop(seen, None)  # the next save starts from the row as it is now
        st.error(error_text(refused))
        return
    st.session_state.pop(seen, None)
    done = _("Omtalen «{headline}» er slettet.") if deleted else _("Omtalen «{headline}» er gemt.")
    flash.done(done.format(headline=for_markdown(str(row.headline))), area="press")


# --- the stakeholder register --------------------------------------------------------------------


def _track_label(track: str) -> str:
    return _(TRACK_LABELS[Track(track)])


def _tracks_words(stored: str) -> str:
    return ", ".join(_track_label(t) for t in tracks_of(stored)) or MISSING


def stakeholder_table(register: pd.DataFrame, partners: pd.DataFrame) -> None:
    """The register: organisation, contact, tracks, and the plan items naming each as partner."""
    st.subheader(_("Aktører"))
    if register.empty:
        st.caption(_("Der er ingen aktører på listen endnu."))
        return
    items_of = (
        partners.groupby("stakeholder_id")["item_title"].apply(lambda t: ", ".join(map(str, t)))
        if not partners.empty
        else pd.Series(dtype=str)
    )
    table = pd.DataFrame(
        {
            _("Organisation"): register["organisation"],
            _("Kontaktperson"): [c or MISSING for c in register["contact_name"]],
            _("E-mail"): [e or MISSING for e in register["email"]],
            _("Telefon"): [p or MISSING for p in register["phone"]],
            _("Spor"): [_tracks_words(str(t)) for t in register["tracks"]],
            _("Partner i"): [items_of.get(int(i), MISSING) for i in register["id"]],
            _("Note"): [n or MISSING for n in register["note"]],
        }
    )
    with st.container(key="stakeholder_table"):
        st.dataframe(table, hide_index=True, width="stretch")


def _stakeholder_fields(prefix: str, row: object | None = None) -> dict[str, object]:
    def now(field: str) -> str:
        return str(getattr(row, field)) if row is not None else ""

    track_words = {t.value: _track_label(t.value) for t in Track}  # the words of this run
    left, right = st.columns(2)
    organisation = left.text_input(
        _("Organisation"),
        value=now("organisation"),
        placeholder=_("fx grundejerforening, byggemarked, boldklub"),
        key=f"{prefix}_organisation",
    )
    contact = right.text_input(
        _("Kontaktperson"), value=now("contact_name"), key=f"{prefix}_contact"
    )
    left, right = st.columns(2)
    email = left.text_input(_("E-mail (valgfrit)"), value=now("email"), key=f"{prefix}_email")
    phone = right.text_input(_("Telefon (valgfrit)"), value=now("phone"), key=f"{prefix}_phone")
    tracks = st.multiselect(
        _("Spor"),
        [t.value for t in Track],
        default=tracks_of(now("tracks")),
        format_func=track_words.__getitem__,
        placeholder=_("Vælg spor"),
        key=f"{prefix}_tracks",
    )
    note = st.text_area(_("Note"), value=now("note"), height=68, key=f"{prefix}_note")
    return {
        "organisation": organisation,
        "contact_name": contact,
        "email": email,
        "phone": phone,
        "tracks": tracks,
        "note": note,
    }


def new_stakeholder_form(actor: Actor, code: int) -> None:
    """Add a stakeholder to the register."""
    with st.form("stakeholder_new", enter_to_submit=False):
        values = _stakeholder_fields("stakeholder")
        if st.form_submit_button(_("Tilføj aktøren"), type="primary", key="stakeholder_save"):
            try:
                add_stakeholder(loaders.engine(), actor=actor, code=code, **values)  # type: ignore[arg-type]
            except DomainError as refused:
                st.error(error_text(refused))
                return
            name = for_markdown(str(values["organisation"]).strip())
            flash.done(_("Aktøren «{name}» er tilføjet.").format(name=name), area="stakeholders")


def edit_stakeholder_form(actor: Actor, register: pd.DataFrame) -> None:
    """Change or delete a stakeholder (refused when someone else saved it meanwhile)."""
    if register.empty:
        return
    labels = {int(r.id): str(r.organisation) for r in register.itertuples()}
    chosen = int(
        st.selectbox(
            _("Aktør"), list(labels), format_func=labels.__getitem__, key="stakeholder_pick"
        )
    )
    row = next(r for r in register.itertuples() if int(r.id) == chosen)
    seen = f"stakeholder_seen_{chosen}"
    version = seen_version(seen, int(row.row_version))
    with st.form(f"stakeholder_edit_{chosen}", enter_to_submit=False):
        values = _stakeholder_fields(f"stakeholder_edit_{chosen}", row)
        save, remove = st.columns(2)
        saved = save.form_submit_button(
            _("Gem ændringerne"), type="primary", key="stakeholder_update"
        )
        deleted = remove.form_submit_button(_("Slet aktøren"), key="stakeholder_delete")
    if not (saved or deleted):
        return
    try:
        if deleted:
            delete_stakeholder(
                loaders.engine(), actor=actor, stakeholder_id=chosen, loaded_version=version
            )
        else:
            edit_stakeholder(
                loaders.engine(),
                actor=actor,
                stakeholder_id=chosen,
                loaded_version=version,
                **values,  # type: ignore[arg-type]
            )
    except DomainError as refused:
        st.session_state.pop(seen, None)  # the next save starts from the row as it is now
        st.error(error_text(refused))
        return
    st.session_state.pop(seen, None)
    done = _("Aktøren «{name}» er slettet.") if deleted else _("Aktøren «{name}» er gemt.")
    flash.done(done.format(name=for_markdown(labels[chosen])), area="stakeholders")


# --- plan items' partners ------------------------------------------------------------------------


def partners_table(partners: pd.DataFrame) -> None:
    """The plan items that name partners, with their partners."""
    if partners.empty:
        st.caption(_("Ingen aktiviteter i handlingsplanen har partnere endnu."))
        return
    grouped = partners.groupby(["item_id", "item_title"], sort=False)["organisation"].apply(
        lambda names: ", ".join(map(str, names))
    )
    table = pd.DataFrame(
        {
            _("Aktivitet"): [title for _id, title in grouped.index],
            _("Partnere"): list(grouped.values),
        }
    )
    with st.container(key="partners_table"):
        st.dataframe(table, hide_index=True, width="stretch")


def partners_form(
    actor: Actor, items: pd.DataFrame, register: pd.DataFrame, partners: pd.DataFrame
) -> None:
    """Name the stakeholders a plan item works with."""
    if items.empty:
        st.caption(_("Kommunen har ingen handlingsplan endnu."))
        return
    if register.empty:
        st.caption(_("Tilføj aktører ovenfor; så kan aktiviteterne nævne dem som partnere."))
        return
    titles = {int(i): str(t) for i, t in zip(items["id"], items["title"], strict=True)}
    item = int(
        st.selectbox(
            _("Aktivitet i handlingsplanen"),
            list(titles),
            format_func=titles.__getitem__,
            key="partner_item",
        )
    )
    names = {int(i): str(o) for i, o in zip(register["id"], register["organisation"], strict=True)}
    current = [int(s) for s in partners.loc[partners["item_id"] == item, "stakeholder_id"]]
    with st.form(f"partners_{item}", enter_to_submit=False):
        chosen = st.multiselect(
            _("Partnere"),
            list(names),
            default=[s for s in current if s in names],
            format_func=names.__getitem__,
            placeholder=_("Vælg aktører"),
            key=f"partner_ids_{item}",
        )
        if st.form_submit_button(_("Gem partnerne"), type="primary", key="partners_save"):
            try:
                changed = set_item_partners(
                    loaders.engine(), actor=actor, item_id=item, stakeholder_ids=chosen
                )
            except DomainError as refused:
                st.error(error_text(refused))
                return
            if not changed:
                st.info(_("Partnerne er uændrede; intet er gemt."))
                return
            title = for_markdown(titles[item])
            flash.done(_("Partnerne for «{title}» er gemt.").format(title=title), area="partners")


def plan_partners(actor: Actor, version: int, code: int) -> None:
    """On Handlingsplan: the items' partners from the stakeholder register (nothing when none)."""
    partners = load_partners(version, actor, code)
    if partners.empty:
        return
    with st.expander(_("Partnere (aktører fra siden Kommunikation)"), icon=":material/handshake:"):
        partners_table(partners)
