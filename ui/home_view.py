"""Min kommune: the three goals' cards, the changes since the last meeting, the plan items that
need attention and the open follow-ups, each a compact box with a link to its page, so that the
whole of it fits one 1280x720 screen."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dataio.db.audit import AuditFilter
from models.domain import Indicator
from models.formatting import danish_midnight, fmt_date, fmt_int
from models.goal_text import burglary_count_line, helper_lines, insecurity_lines
from models.home import (
    attention_line,
    change_sentence,
    change_summary,
    follow_up_sentence,
    last_meeting,
    plan_attention,
    shorten,
    status_sentence,
)
from models.i18n import N_
from models.permissions import Actor
from models.safe_text import for_markdown
from models.vocabulary import NO_DATA_LABEL, NO_GOAL_LABEL
from ui import loaders
from ui.goal_check_in_view import override_caption
from ui.i18n import _, active_language, ngettext
from ui.meeting_view import load_last_meeting
from ui.page import PAGES
from ui.text import status_badge

SHOWN = 3  # lines per box: the screen holds three of each
LINE_LIMIT = 40  # characters of a title or a follow-up, so that an entry stays within two lines
# Streamlit's top padding (6rem) would push the second row off a 720-pixel screen.
COMPACT = "<style>[data-testid='stMainBlockContainer']{padding-top:1rem}</style>"


def compact_top() -> None:
    """Less space above the heading, on this page only."""
    st.html(COMPACT)


def _link(page: str, label: str, code: int) -> None:
    """A link to the page, for the same municipality (`label` in the page's language)."""
    item = PAGES[page]
    st.page_link(
        item.path, label=f"**{label}**", icon=item.icon, query_params={"kommune": str(code)}
    )


def _goal_card(
    *,
    title: str,
    status: str | None,
    no_status: str,
    indicator: Indicator,
    fact: str,
    page: str,
    code: int,
    version: int,
) -> None:
    lang = active_language()
    with st.container(border=True):
        _link(page, _(title), code)
        st.markdown(status_badge(status, _(no_status) if status is None else None, lang=lang))
        st.caption(for_markdown(fact) + " " + status_sentence(indicator, status, lang=lang))
        override_caption(version, indicator=indicator, code=code, computed=status)


def goal_cards(actor: Actor, version: int, code: int) -> bool:
    """The three goals' status cards (the same assessments as their own pages); whether demo."""
    burglaries = loaders.load_municipality_overview(version, code)
    helpers = loaders.load_helper_overview(version, actor, code)
    insecurity = loaders.load_insecurity(version, actor, code)
    lang = active_language()
    left, middle, right = st.columns(3)
    with left:
        _goal_card(
            title=N_("Indbrud"),
            status=burglaries.assessment.status,
            indicator=Indicator.BURGLARIES,
            no_status=NO_DATA_LABEL,
            fact=burglary_count_line(burglaries.assessment, lang=lang) + ".",
            page="kommune",
            code=code,
            version=version,
        )
    with middle:
        assessment = helpers.assessment
        _goal_card(
            title=N_("Nabohjælp"),
            status=None if assessment.target is None else assessment.status,
            no_status=N_("Intet rekrutteringsmål"),
            indicator=Indicator.HELPERS,
            fact=helper_lines(assessment, lang=lang)[0],
            page="nabohjaelp",
            code=code,
            version=version,
        )
    with right:
        _goal_card(
            title=N_("Tryghed"),
            status=insecurity.assessment.status if insecurity.assessment.goal else None,
            no_status=NO_GOAL_LABEL,
            indicator=Indicator.INSECURITY,
            fact=insecurity_lines(insecurity.assessment, lang=lang)[0],
            page="tryghed",
            code=code,
            version=version,
        )
    return burglaries.demo or helpers.demo or insecurity.demo


def _box(title: str, page: str, code: int) -> DeltaGenerator:
    """A bordered box whose heading is the link to its page."""
    box = st.container(border=True)
    with box:
        _link(page, _(title), code)
    return box


def _lines(lines: list[str], *, more: int) -> None:
    """Up to SHOWN short lines, in the caption's small type, and how many more there are."""
    text = "\n".join(f"- {for_markdown(line)}" for line in lines)
    if more > 0:
        more_text = ngettext("… og {count} mere", "… og {count} flere", more).format(
            count=fmt_int(more, lang=active_language())
        )
        text += f"\n- {more_text}"
    if text:
        st.caption(text)


def since_meeting(actor: Actor, version: int, code: int, *, today: date) -> None:
    """What changed in the municipality since the last meeting (the change log, scoped): the last
    registered meeting on or before today (Møder), else 30 days ago."""
    known = load_last_meeting(version, actor, code, today + timedelta(days=1))
    since = last_meeting(today=today, known=known)
    filters = AuditFilter(since=danish_midnight(since), municipality_code=code)
    newest = loaders.load_audit_page(version, actor, filters, 1).rows["summary"][:SHOWN]
    summary = change_summary(
        loaders.load_audit_counts(version, actor, filters), latest=list(newest), since=since
    )
    with _box(N_("Siden sidste møde"), "aendringslog", code):
        assumed = _(" (Sidste møde regnes som 30 dage siden.)") if known is None else ""
        st.caption(change_sentence(summary, lang=active_language()) + assumed)
        _lines(
            [shorten(line, limit=LINE_LIMIT) for line in summary.latest],
            more=summary.total - len(summary.latest),
        )


def plan_box(actor: Actor, version: int, code: int, *, today: date) -> None:
    """The plan's overdue items and those due within 30 days."""
    items, summary, _tracks = loaders.load_plan(version, actor, code, today)
    lang = active_language()
    with _box(N_("Handlingsplanen"), "handlingsplan", code):
        if summary is None:
            st.caption(_("Kommunen har ingen handlingsplan endnu."))
        else:
            attention = plan_attention(items, today=today)
            overdue, due_soon = len(attention.overdue), len(attention.due_soon)
            st.caption(
                ngettext(
                    "{count} punkt over fristen", "{count} punkter over fristen", overdue
                ).format(count=fmt_int(overdue, lang=lang))
                + ", "
                + ngettext(
                    "{count} punkt med frist inden 30 dage.",
                    "{count} punkter med frist inden 30 dage.",
                    due_soon,
                ).format(count=fmt_int(due_soon, lang=lang))
            )
            # the most overdue first, and the next deadline, so both kinds show
            shown = [*attention.overdue[: SHOWN - 1], *attention.due_soon][:SHOWN]
            shown = (
                shown if len(shown) == SHOWN else [*attention.overdue, *attention.due_soon][:SHOWN]
            )
            _lines(
                [attention_line(i, limit=LINE_LIMIT, owner=False, lang=lang) for i in shown],
                more=len(attention.overdue) + len(attention.due_soon) - len(shown),
            )


def follow_ups_box(actor: Actor, version: int, code: int) -> None:
    """The safety walks' follow-ups not yet closed, oldest walk first."""
    _walks, follow_ups, _closed = loaders.load_walks(version, actor, code)
    lang = active_language()
    with _box(N_("Åbne opfølgninger"), "handlingsplan", code):
        st.caption(follow_up_sentence(len(follow_ups), lang=lang))
        lines = [
            f"{shorten(str(r.description), limit=LINE_LIMIT)} ({r.area}, "
            f"{fmt_date(pd.Timestamp(r.walk_date).date(), lang=lang)})"
            for r in follow_ups.head(SHOWN).itertuples()
        ]
        _lines(lines, more=len(follow_ups) - len(lines))


def attention_row(actor: Actor, version: int, code: int, *, today: date) -> None:
    """The second row: changes, plan items, follow-ups."""
    left, middle, right = st.columns(3)
    with left:
        since_meeting(actor, version, code, today=today)
    with middle:
        plan_box(actor, version, code, today=today)
    with right:
        follow_ups_box(actor, version, code)


DEMO_LINE = N_(":orange[**Eksempeldata.** Tallene er genererede eksempler og må ikke citeres.]")


def demo_line(where: DeltaGenerator, *, demo: bool) -> None:
    """The demo warning as one line under the heading (the banner's full box would not fit)."""
    if demo:
        where.markdown(f":material/science: {_(DEMO_LINE)}")
