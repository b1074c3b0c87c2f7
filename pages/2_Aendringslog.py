"""Ændringslog: every change, who made it and the values before and after, within the viewer's
scope; filtered and paged in the database (200 rows a page), the whole selection as Excel."""

from datetime import date, timedelta

import streamlit as st

from dataio.db.audit import AuditFilter
from models.change_text import Names, action_name, person_name
from models.formatting import danish_midnight, fmt_count, fmt_date, fmt_int
from models.i18n import N_
from models.permissions import Actor
from ui import loaders
from ui.auth import require
from ui.built_once import built_once
from ui.downloads import audit_download
from ui.i18n import _, active_language, ngettext, pgettext
from ui.page import guarded
from ui.tables import audit_for_display, markdown_cells

PAGE_KEY = "audit_page"
ALL = N_("Alle")  # no filter


def _first_page() -> None:
    """A new filter starts on page 1."""
    st.session_state[PAGE_KEY] = 1


def render(actor: Actor) -> None:
    """The page body."""
    lang = active_language()
    st.title(pgettext("menu", "Ændringslog"))
    everything = _(ALL)
    version = loaders.current_version()
    municipalities = loaders.load_municipalities(version)
    when, kind, where, who = st.columns(4)
    since_day = when.date_input(
        _("Ændringer siden (fx sidste møde)"),
        value=date.today() - timedelta(days=30),
        format="DD.MM.YYYY",
        on_change=_first_page,
        key="audit_since",
    )
    since = danish_midnight(since_day)
    choices = loaders.load_audit_choices(version, actor, since)
    names = Names(
        municipalities=dict(zip(municipalities["code"], municipalities["name"], strict=True)),
        districts=loaders.load_police_districts(version),
        people=choices.usernames,
    )

    def place(code: int | None) -> str:
        return everything if code is None else names.municipalities.get(code, str(code))

    def shown_person(username: str) -> str:
        """A person's name; a writer that is no person (the demo seeding) in the language."""
        known = choices.usernames[username]
        return person_name(username, lang=lang) if known == person_name(username) else known

    codes = sorted(choices.municipality_codes, key=place)
    action = kind.selectbox(
        _("Slags ændring"),
        [None, *choices.actions],
        format_func=lambda a: everything if a is None else action_name(a, lang=lang),
        on_change=_first_page,
        key="audit_action",
    )
    code = where.selectbox(
        _("Kommune"),
        [None, *codes],
        format_func=place,
        on_change=_first_page,
        key="audit_municipality",
    )
    username = who.selectbox(
        _("Person"),
        [None, *choices.usernames],
        format_func=lambda u: everything if u is None else shown_person(u),
        on_change=_first_page,
        key="audit_person",
    )
    filters = AuditFilter(since=since, action=action, municipality_code=code, username=username)
    page = loaders.load_audit_page(version, actor, filters, int(st.session_state.get(PAGE_KEY, 1)))
    count = fmt_count(
        page.total,
        one=ngettext("ændring", "ændringer", 1),
        many=ngettext("ændring", "ændringer", 2),
        lang=lang,
    )
    st.caption(
        _("{count} siden {day}, som din rolle må se.").format(
            count=count, day=fmt_date(since_day, lang=lang)
        )
    )
    if page.total == 0:
        st.info(_("Ingen ændringer i perioden med de valgte filtre."))
        return
    st.session_state[PAGE_KEY] = page.page  # clamped: the selection may have shrunk
    paging, of, download = st.columns([1, 2, 2], vertical_alignment="bottom")
    paging.number_input(_("Side"), min_value=1, max_value=page.pages, step=1, key=PAGE_KEY)
    of.markdown(
        _("Side {page} af {pages}").format(
            page=fmt_int(page.page, lang=lang), pages=fmt_int(page.pages, lang=lang)
        )
    )
    with download:
        audit_download(actor=actor, filters=filters, names=names, key="audit_download")
    shown = built_once(  # the page's 200 rows in words, once per data version, choice, language
        lambda: markdown_cells(audit_for_display(page.rows, names=names, lang=lang)),
        key="audit_table",
        version=version,
        cache_key=(actor, filters, page.page, lang),
    )
    st.table(shown)


guard = require("aendringslog", title="Ændringslog")
guarded(lambda: render(guard.actor))
