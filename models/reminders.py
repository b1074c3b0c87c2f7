"""The Danish text of `botrygt remind`'s mails (pure): an owner's reminder and a partnership's
monthly "status for måltal" brief.

A reminder lists the owner's items in three sections, each item once: overdue ("forsinket", with
the due date and the days late), due within `DUE_SOON_DAYS` days, and untouched for 90 days (an
overdue or due-soon item that is also untouched says so on its own line instead of appearing
twice). `fingerprint` names the flagged set, so a rerun can tell whether anything is new.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from models.actionplan import CLOSED
from models.formatting import fmt_count, fmt_date
from models.vocabulary import DEMO_LABEL

DUE_SOON_DAYS = 7
PLAN_PAGE = "Handlingsplan"  # the Streamlit page path of pages/4_Handlingsplan.py
ACCOUNT_PAGE = "Min_konto"  # pages/9_Min_konto.py: where a user unsubscribes from the brief
# A reminder whose flagged items have not changed is repeated after this many days.
REPEAT_AFTER_DAYS = 7


class Section(StrEnum):
    """Why an item is in a reminder (the first that applies, in this order)."""

    OVERDUE = "forsinket"
    DUE_SOON = "snart"
    STALE = "ikke rørt"


SECTION_HEADINGS = {
    Section.OVERDUE: "Forsinket",
    Section.DUE_SOON: f"Frist inden for {DUE_SOON_DAYS} dage",
    Section.STALE: "Ikke rørt i 90 dage",
}


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


def days_text(days: int) -> str:
    """'1 dag', '12 dage'."""
    return fmt_count(days, one="dag", many="dage")


def plan_link(public_url: str, code: int) -> str:
    """The plan page of a municipality, or '' when the app's address is not known."""
    if not public_url:
        return ""
    return f"{public_url.rstrip('/')}/{PLAN_PAGE}?kommune={code}"


def account_link(public_url: str) -> str:
    """Min konto (e-mail and the brief subscription), or '' when the address is not known."""
    return f"{public_url.rstrip('/')}/{ACCOUNT_PAGE}" if public_url else ""


def item_line(kind: Section, item: OwnedItem, *, today: date) -> str:
    """One item of a reminder, in Danish."""
    head = f"{item.municipality_name}: {item.title}"
    if kind is Section.OVERDUE and item.due_date is not None:
        late = (today - item.due_date).days
        text = f"{head}, frist {fmt_date(item.due_date)}, forsinket i {days_text(late)}"
    elif kind is Section.DUE_SOON and item.due_date is not None:
        left = (item.due_date - today).days
        when = "i dag" if left == 0 else f"om {days_text(left)}"
        text = f"{head}, frist {fmt_date(item.due_date)} ({when})"
    else:
        text = f"{head}, sidst ændret {fmt_date(item.last_touched)}"
    untouched = (today - item.last_touched).days
    if kind is not Section.STALE and item.stale:
        text += f"; ikke rørt i {days_text(untouched)}"
    elif kind is Section.STALE:
        text += f" ({days_text(untouched)} siden)"
    return text


def reminder_subject(chosen: Sequence[tuple[Section, OwnedItem]]) -> str:
    """'Bo trygt: 3 aktiviteter kræver opmærksomhed (2 forsinket)'."""
    late = sum(1 for s, _ in chosen if s is Section.OVERDUE)
    subject = (
        f"Bo trygt: {fmt_count(len(chosen), one='aktivitet', many='aktiviteter')} "
        f"{'kræver' if chosen else 'kræver ikke'} opmærksomhed"
    )
    return subject + (f" ({late} forsinket)" if late else "")


def reminder_mail(
    *,
    display_name: str,
    items: Sequence[OwnedItem],
    today: date,
    public_url: str,
    demo: bool = False,
) -> Mail | None:
    """The owner's reminder, or None when none of their items needs one."""
    chosen = flagged(items, today=today)
    if not chosen:
        return None
    lines = [f"Kære {display_name}", ""]
    if demo:
        lines += [f"{DEMO_LABEL}: aktiviteterne er eksempler fra demo-handlingsplanen.", ""]
    lines += [
        "Du står som ansvarlig for aktiviteter i Bo trygt-handlingsplanen, "
        "som trænger til opmærksomhed.",
        "",
    ]
    for kind in Section:
        mine = [item for s, item in chosen if s is kind]
        if not mine:
            continue
        lines.append(f"{SECTION_HEADINGS[kind]} ({len(mine)}):")
        for item in mine:
            lines.append(f"- {item_line(kind, item, today=today)}")
            link = plan_link(public_url, item.municipality_code)
            if link:
                lines.append(f"  {link}")
        lines.append("")
    lines += [
        "Ret status, fremdrift eller frist i handlingsplanen, så ved styregruppen, hvor "
        "aktiviteten står.",
        "",
        "-- ",
        "Du får denne mail, fordi du står som ansvarlig for aktiviteterne ovenfor i "
        "Bo trygt-dashboardet. Den sendes højst én gang om dagen: når listen har ændret sig, "
        f"eller når der er gået {REPEAT_AFTER_DAYS} dage siden sidste påmindelse.",
    ]
    return Mail(subject=reminder_subject(chosen), body="\n".join(lines) + "\n")


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


def brief_subject(content: BriefContent, *, today: date) -> str:
    """'Bo trygt: status for måltal, Ishøj, 7. dec. 2026'."""
    subject = f"Bo trygt: status for måltal, {content.municipality_name}, {fmt_date(today)}"
    return f"{subject} ({DEMO_LABEL})" if content.demo else subject


def brief_mail(content: BriefContent, *, display_name: str, today: date, public_url: str) -> Mail:
    """The monthly 'status for måltal' brief to one subscriber."""
    lines = [f"Kære {display_name}", ""]
    if content.demo:
        lines += [
            f"{DEMO_LABEL}: tallene i dette brev er genererede eksempler og må ikke citeres.",
            "",
        ]
    lines += [
        f"Her er status for måltal i Bo trygt-partnerskabet i {content.municipality_name}"
        + (f" ({content.reason})." if content.reason else "."),
        "",
        "Målene",
    ]
    for goal in content.goals:
        lines.append(f"- {goal.goal}: {goal.status}. {goal.sentence}".rstrip())
    lines += ["", f"Ændret siden {fmt_date(content.since)}"]
    if content.changes:
        lines += [f"- {change}" for change in content.changes]
        if content.more_changes > 0:
            lines.append(
                f"- … og {fmt_count(content.more_changes, one='ændring', many='ændringer')} mere "
                "i ændringsloggen"
            )
    else:
        lines.append("- Ingen ændringer.")
    lines += ["", "Forsinkede aktiviteter i handlingsplanen"]
    if content.overdue:
        for owner, items in sorted(content.overdue.items()):
            lines.append(f"{owner}:")
            for item in items:
                lines.append(f"- {item_line(Section.OVERDUE, item, today=today)}")
    else:
        lines.append("- Ingen aktiviteter er forsinkede.")
    link = plan_link(public_url, content.municipality_code)
    if link:
        lines += ["", f"Handlingsplanen: {link}"]
    account = account_link(public_url)
    lines += [
        "",
        "-- ",
        f"Du får dette brev, fordi du er bruger i Bo trygt-partnerskabet i "
        f"{content.municipality_name} og abonnerer på månedsbrevet. Afmeld det under Min konto"
        + (f": {account}" if account else " i Bo trygt-dashboardet")
        + ". Påmindelser om dine egne aktiviteter kommer stadig.",
    ]
    return Mail(subject=brief_subject(content, today=today), body="\n".join(lines) + "\n")
