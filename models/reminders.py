"""The text of `botrygt remind`'s mails (pure): an owner's reminder and a partnership's monthly
"status for måltal" brief, each in its recipient's language (`lang`, Danish by default).

A reminder lists the owner's items in three sections, each item once: overdue ("forsinket", with
the due date and the days late), due within `DUE_SOON_DAYS` days, and untouched for 90 days (an
overdue or due-soon item that is also untouched says so on its own line instead of appearing
twice). `fingerprint` names the flagged set, so a rerun can tell whether anything is new.
"""

import hashlib
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from models.actionplan import CLOSED
from models.formatting import fmt_count, fmt_date
from models.i18n import DANISH, N_, translate_plural, translator
from models.vocabulary import DEMO_LABEL

DUE_SOON_DAYS = 7
T = TypeVar("T")
PLAN_PAGE = "Handlingsplan"  # the Streamlit page path of pages/4_Handlingsplan.py
ACCOUNT_PAGE = "Min_konto"  # pages/9_Min_konto.py: where a user unsubscribes from the brief
# A reminder whose flagged items have not changed is repeated after this many days.
REPEAT_AFTER_DAYS = 7


class Section(StrEnum):
    """Why an item is in a reminder (the first that applies, in this order)."""

    OVERDUE = "forsinket"
    DUE_SOON = "snart"
    STALE = "ikke rørt"


_HEADINGS = {
    Section.OVERDUE: N_("Forsinket"),
    Section.DUE_SOON: N_("Frist inden for {days} dage"),
    Section.STALE: N_("Ikke rørt i 90 dage"),
}
SECTION_HEADINGS = {kind: text.format(days=DUE_SOON_DAYS) for kind, text in _HEADINGS.items()}


def section_heading(kind: Section, *, lang: str = DANISH) -> str:
    """A section's heading in the language: 'Forsinket' / 'Overdue'."""
    return translator(lang)(_HEADINGS[kind]).format(days=DUE_SOON_DAYS)


def in_language(function: Callable[..., T], *args: object, lang: str, **kwargs: object) -> T:
    """`function(*args, **kwargs)`, with `lang=lang` when the function takes a language: for text
    from other modules that do not (yet) all have one; without it their text stays Danish."""
    try:
        takes = "lang" in inspect.signature(function).parameters
    except (TypeError, ValueError):
        takes = False
    return function(*args, **kwargs, lang=lang) if takes else function(*args, **kwargs)


@dataclass(frozen=True)
class OwnedItem:
    """One of an owner's plan items with the plan's flags (dataio.store.action_plans.with_flags)."""

    item_id: int
    municipality_code: int
    municipality_name: str
    title: str
    status: str
    due_date: date | None
    last_touched: date
    overdue: bool
    stale: bool


@dataclass(frozen=True)
class Mail:
    """A composed mail: subject and plain-text body."""

    subject: str
    body: str


def is_due_soon(*, status: str, due_date: date | None, today: date) -> bool:
    """Open, and due today or within DUE_SOON_DAYS days (never overdue: that is its own flag)."""
    return (
        due_date is not None
        and status not in CLOSED
        and today <= due_date <= today + timedelta(days=DUE_SOON_DAYS)
    )


def section(item: OwnedItem, *, today: date) -> Section | None:
    """The section an item is listed in, or None when it needs no reminder."""
    if item.overdue:
        return Section.OVERDUE
    if is_due_soon(status=item.status, due_date=item.due_date, today=today):
        return Section.DUE_SOON
    if item.stale:
        return Section.STALE
    return None


def flagged(items: Sequence[OwnedItem], *, today: date) -> list[tuple[Section, OwnedItem]]:
    """The items that need a reminder, by section (in order), then by due date and title."""
    chosen = [(s, item) for item in items if (s := section(item, today=today)) is not None]
    order = list(Section)
    return sorted(
        chosen,
        key=lambda pair: (
            order.index(pair[0]),
            pair[1].due_date or date.max,
            pair[1].title,
            pair[1].item_id,
        ),
    )


def fingerprint(chosen: Sequence[tuple[Section, OwnedItem]]) -> str:
    """The flagged set as a short stable key: the same items in the same sections, the same key."""
    text = ";".join(sorted(f"{item.item_id}:{s.value}" for s, item in chosen))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def days_text(days: int, *, lang: str = DANISH) -> str:
    """'1 dag', '12 dage' (English '1 day', '12 days')."""
    _ = translator(lang)
    return fmt_count(
        days,
        one=translate_plural(lang, "dag", "dage", 1),
        many=translate_plural(lang, "dag", "dage", 2),
        lang=lang,
    )


def plan_link(public_url: str, code: int) -> str:
    """The plan page of a municipality, or '' when the app's address is not known."""
    if not public_url:
        return ""
    return f"{public_url.rstrip('/')}/{PLAN_PAGE}?kommune={code}"


def account_link(public_url: str) -> str:
    """Min konto (e-mail and the brief subscription), or '' when the address is not known."""
    return f"{public_url.rstrip('/')}/{ACCOUNT_PAGE}" if public_url else ""


def item_line(kind: Section, item: OwnedItem, *, today: date, lang: str = DANISH) -> str:
    """One item of a reminder, in the language."""
    _ = translator(lang)
    head = f"{item.municipality_name}: {item.title}"
    if kind is Section.OVERDUE and item.due_date is not None:
        late = (today - item.due_date).days
        text = _("{head}, frist {due}, forsinket i {late}").format(
            head=head, due=fmt_date(item.due_date, lang=lang), late=days_text(late, lang=lang)
        )
    elif kind is Section.DUE_SOON and item.due_date is not None:
        left = (item.due_date - today).days
        text = (
            _("{head}, frist {due} (i dag)") if left == 0 else _("{head}, frist {due} (om {days})")
        ).format(head=head, due=fmt_date(item.due_date, lang=lang), days=days_text(left, lang=lang))
    else:
        text = _("{head}, sidst ændret {day}").format(
            head=head, day=fmt_date(item.last_touched, lang=lang)
        )
    untouched = (today - item.last_touched).days
    if kind is not Section.STALE and item.stale:
        text += _("; ikke rørt i {days}").format(days=days_text(untouched, lang=lang))
    elif kind is Section.STALE:
        text += _(" ({days} siden)").format(days=days_text(untouched, lang=lang))
    return text


def reminder_subject(chosen: Sequence[tuple[Section, OwnedItem]], *, lang: str = DANISH) -> str:
    """'Bo trygt: 3 aktiviteter kræver opmærksomhed (2 forsinket)'."""
    _ = translator(lang)
    late = sum(1 for s, _item in chosen if s is Section.OVERDUE)
    count = fmt_count(len(chosen), one=_("aktivitet"), many=_("aktiviteter"), lang=lang)
    subject = (
        _("Bo trygt: {count} kræver opmærksomhed")
        if chosen
        else _("Bo trygt: {count} kræver ikke opmærksomhed")
    ).format(count=count)
    return subject + (_(" ({late} forsinket)").format(late=late) if late else "")


def reminder_mail(
    *,
    display_name: str,
    items: Sequence[OwnedItem],
    today: date,
    public_url: str,
    demo: bool = False,
    lang: str = DANISH,
) -> Mail | None:
    """The owner's reminder in their language, or None when none of their items needs one."""
    _ = translator(lang)
    chosen = flagged(items, today=today)
    if not chosen:
        return None
    lines = [_("Kære {name}").format(name=display_name), ""]
    if demo:
        lines += [
            _("{demo}: aktiviteterne er eksempler fra demo-handlingsplanen.").format(
                demo=_(DEMO_LABEL)
            ),
            "",
        ]
    lines += [
        _(
            "Du står som ansvarlig for aktiviteter i Bo trygt-handlingsplanen, "
            "som trænger til opmærksomhed."
        ),
        "",
    ]
    for kind in Section:
        mine = [item for s, item in chosen if s is kind]
        if not mine:
            continue
        lines.append(f"{section_heading(kind, lang=lang)} ({len(mine)}):")
        for item in mine:
            lines.append(f"- {item_line(kind, item, today=today, lang=lang)}")
            link = plan_link(public_url, item.municipality_code)
            if link:
                lines.append(f"  {link}")
        lines.append("")
    lines += [
        _(
            "Ret status, fremdrift eller frist i handlingsplanen, så ved styregruppen, hvor "
            "aktiviteten står."
        ),
        "",
        "-- ",
        _(
            "Du får denne mail, fordi du står som ansvarlig for aktiviteterne ovenfor i "
            "Bo trygt-dashboardet. Den sendes højst én gang om dagen: når listen har ændret sig, "
            "eller når der er gået {days} dage siden sidste påmindelse."
        ).format(days=REPEAT_AFTER_DAYS),
    ]
    return Mail(subject=reminder_subject(chosen, lang=lang), body="\n".join(lines) + "\n")


# --- the monthly brief -------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalLine:
    """One goal's status in the brief: its name, the status word and the cards' sentences."""

    goal: str  # "Indbrud", "Nabohjælp", "Tryghed"
    status: str  # the status mark in words ("● På rette vej") or why there is none
    sentence: str


@dataclass(frozen=True)
class BriefContent:
    """Everything one partnership's brief says (read by dataio.mail.brief)."""

    municipality_code: int
    municipality_name: str
    goals: list[GoalLine]
    since: date
    changes: list[str]  # the change log's sentences since the last brief, newest first
    more_changes: int  # how many more changes there are than listed
    overdue: dict[str, list[OwnedItem]] = field(default_factory=dict)  # owner name -> items
    demo: bool = False
    reason: str = ""  # why it is sent now: new quarters, or the partnership's day of the month


def brief_subject(content: BriefContent, *, today: date, lang: str = DANISH) -> str:
    """'Bo trygt: status for måltal, Ishøj, 7. dec. 2026'."""
    _ = translator(lang)
    subject = _("Bo trygt: status for måltal, {name}, {day}").format(
        name=content.municipality_name, day=fmt_date(today, lang=lang)
    )
    return f"{subject} ({_(DEMO_LABEL)})" if content.demo else subject


def brief_mail(
    content: BriefContent,
    *,
    display_name: str,
    today: date,
    public_url: str,
    lang: str = DANISH,
) -> Mail:
    """The monthly 'status for måltal' brief to one subscriber, in their language (`content`'s
    goals and reason are read in the same language: dataio.mail.brief.brief_content(lang=))."""
    _ = translator(lang)
    lines = [_("Kære {name}").format(name=display_name), ""]
    if content.demo:
        lines += [
            _("{demo}: tallene i dette brev er genererede eksempler og må ikke citeres.").format(
                demo=_(DEMO_LABEL)
            ),
            "",
        ]
    opening = (
        _("Her er status for måltal i Bo trygt-partnerskabet i {name} ({reason}).")
        if content.reason
        else _("Her er status for måltal i Bo trygt-partnerskabet i {name}.")
    )
    lines += [
        opening.format(name=content.municipality_name, reason=content.reason),
        "",
        _("Målene"),
    ]
    for goal in content.goals:
        lines.append(f"- {goal.goal}: {goal.status}. {goal.sentence}".rstrip())
    lines += ["", _("Ændret siden {day}").format(day=fmt_date(content.since, lang=lang))]
    if content.changes:
        lines += [f"- {change}" for change in content.changes]
        if content.more_changes > 0:
            more = fmt_count(
                content.more_changes,
                one=translate_plural(lang, "ændring", "ændringer", 1),
                many=translate_plural(lang, "ændring", "ændringer", 2),
                lang=lang,
            )
            lines.append(_("- … og {count} mere i ændringsloggen").format(count=more))
    else:
        lines.append(_("- Ingen ændringer."))
    lines += ["", _("Forsinkede aktiviteter i handlingsplanen")]
    if content.overdue:
        for owner, items in sorted(content.overdue.items()):
            lines.append(f"{owner}:")
            for item in items:
                lines.append(f"- {item_line(Section.OVERDUE, item, today=today, lang=lang)}")
    else:
        lines.append(_("- Ingen aktiviteter er forsinkede."))
    link = plan_link(public_url, content.municipality_code)
    if link:
        lines += ["", _("Handlingsplanen: {link}").format(link=link)]
    account = account_link(public_url)
    unsubscribe = (
        _(
            "Du får dette brev, fordi du er bruger i Bo trygt-partnerskabet i {name} og abonnerer "
            "på månedsbrevet. Afmeld det under Min konto: {link}. Påmindelser om dine egne "
            "aktiviteter kommer stadig."
        )
        if account
        else _(
            "Du får dette brev, fordi du er bruger i Bo trygt-partnerskabet i {name} og abonnerer "
            "på månedsbrevet. Afmeld det under Min konto i Bo trygt-dashboardet. Påmindelser om "
            "dine egne aktiviteter kommer stadig."
        )
    )
    lines += ["", "-- ", unsubscribe.format(name=content.municipality_name, link=account)]
    return Mail(
        subject=brief_subject(content, today=today, lang=lang), body="\n".join(lines) + "\n"
    )
