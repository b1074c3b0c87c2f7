"""Min kommune (pure): since when "what changed" counts, the changes by topic, the plan items that
need attention, and each goal card's one sentence on what its status means."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from models.actionplan import CLOSED, is_overdue
from models.change_text import summary_text
from models.domain import Indicator, Status
from models.formatting import fmt_date, fmt_int
from models.i18n import DANISH, N_, translate_plural, translator
from models.report import DEFAULT_SINCE_DAYS, DUE_SOON_DAYS

# The topic an audit row's table belongs to, in the order Min kommune lists them.
CHANGE_TOPICS: dict[str, str] = {
    "action_plan": "handlingsplanen",
    "action_item": "handlingsplanen",
    "safety_walk": "tryghedsvandringer",
    "walk_observation": "tryghedsvandringer",
    "goal": "mål",
    "helper_count": "nabohjælp",
    "recruitment_activity": "nabohjælp",
    "survey_round": "tryghedsmålinger",
    "data_source": "data",
    "meeting": "møder",
    "meeting_decision": "møder",
}
OTHER_TOPIC = "andet"
# a topic's count as `change_sentence` says it (whole phrases, so a language can move the words)
TOPIC_COUNTS: dict[str, str] = {
    "handlingsplanen": N_("{count} i handlingsplanen"),
    "tryghedsvandringer": N_("{count} i tryghedsvandringer"),
    "mål": N_("{count} i mål"),
    "nabohjælp": N_("{count} i nabohjælp"),
    "tryghedsmålinger": N_("{count} i tryghedsmålinger"),
    "data": N_("{count} i data"),
    "møder": N_("{count} i møder"),
    "andet": N_("{count} i andet"),
}


def last_meeting(*, today: date, known: date | None = None) -> date:
    """The day "since the last meeting" counts from: the known meeting day, else 30 days ago."""
    if known is not None and known <= today:
        return known
    return today - timedelta(days=DEFAULT_SINCE_DAYS)


@dataclass(frozen=True)
class ChangeSummary:
    """What changed in one municipality since a day: the count, per topic, and the newest lines."""

    since: date
    total: int
    by_topic: dict[str, int]
    latest: list[str]


def change_summary(
    by_entity: Mapping[str, int], *, latest: Sequence[str], since: date
) -> ChangeSummary:
    """The changes in a municipality since a day, from the log's count per table (entity) and its
    newest summaries (newest first): the total, the count per topic in the page's order, and the
    newest lines as the change log reads them (Danish dates and counts, role codes in words)."""
    order = [*dict.fromkeys(CHANGE_TOPICS.values()), OTHER_TOPIC]
    counts: dict[str, int] = {}
    for entity, count in by_entity.items():
        topic = CHANGE_TOPICS.get(entity, OTHER_TOPIC)
        counts[topic] = counts.get(topic, 0) + count
    return ChangeSummary(
        since=since,
        total=sum(by_entity.values()),
        by_topic={t: counts[t] for t in order if counts.get(t)},
        latest=[summary_text(str(s)) for s in latest],
    )


def change_sentence(summary: ChangeSummary, *, lang: str = DANISH) -> str:
    """'3 ændringer siden 2. nov. 2026: 2 i handlingsplanen, 1 i mål.' (or 'Ingen ændringer ...')."""
    _ = translator(lang)
    since = fmt_date(summary.since, lang=lang)
    if summary.total == 0:
        return _("Ingen ændringer siden {date}.").format(date=since)
    parts = ", ".join(
        _(TOPIC_COUNTS.get(topic, "{count} i andet")).format(count=fmt_int(n, lang=lang))
        for topic, n in summary.by_topic.items()
    )
    word = translate_plural(lang, "ændring", "ændringer", summary.total)
    head = f"{fmt_int(summary.total, lang=lang)} {word}"
    return _("{changes} siden {date}: {parts}.").format(changes=head, date=since, parts=parts)


@dataclass(frozen=True)
class AttentionItem:
    """A plan item that needs attention: what, who, when due, and days late (<0) or left."""

    title: str
    owner: str
    due_date: date
    days_left: int


@dataclass(frozen=True)
class PlanAttention:
    """The plan's overdue items (latest first due) and those due within 30 days."""

    overdue: list[AttentionItem]
    due_soon: list[AttentionItem]


def plan_attention(items: pd.DataFrame, *, today: date) -> PlanAttention:
    """Overdue (past due, not done or cancelled) and due-soon (open, due in 0-30 days) items."""
    overdue: list[AttentionItem] = []
    due_soon: list[AttentionItem] = []
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for row in items.itertuples():
        if pd.isna(row.due_date):
            continue
        due = pd.Timestamp(row.due_date).date()
        item = AttentionItem(
            title=str(row.title),
            owner="" if pd.isna(row.owner_name) else str(row.owner_name),
            due_date=due,
            days_left=(due - today).days,
        )
        if is_overdue(status=str(row.status), due_date=due, today=today):
            overdue.append(item)
        elif str(row.status) not in CLOSED and today <= due <= soon:
            due_soon.append(item)
    return PlanAttention(
        overdue=sorted(overdue, key=lambda i: (i.due_date, i.title)),
        due_soon=sorted(due_soon, key=lambda i: (i.due_date, i.title)),
    )


def shorten(text: str, *, limit: int) -> str:
    """The text cut at a word to at most `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"


def _days(count: int, lang: str) -> str:
    """'3 dage' / '3 days' (a count and its word, as fmt_count writes it)."""
    word = translate_plural(lang, "dag", "dage", count)
    return f"{fmt_int(count, lang=lang)} {word}"


def attention_line(
    item: AttentionItem, *, limit: int = 60, owner: bool = True, lang: str = DANISH
) -> str:
    """'Titel (Ansvarlig): 3 dage over fristen' and the like (the title cut to `limit`)."""
    _ = translator(lang)
    who = f" ({item.owner})" if owner and item.owner else ""
    if item.days_left < 0:
        when = _("{days} over fristen").format(days=_days(-item.days_left, lang))
    elif item.days_left == 0:
        when = _("frist i dag")
    else:
        when = _("frist om {days}").format(days=_days(item.days_left, lang))
    return f"{shorten(item.title, limit=limit)}{who}: {when}"


def follow_up_sentence(count: int, *, lang: str = DANISH) -> str:
    """How many safety-walk follow-ups are still open, in words."""
    _ = translator(lang)
    if count == 0:
        return _("Ingen åbne opfølgninger fra tryghedsvandringer.")
    return translate_plural(
        lang,
        "{count} opfølgning fra tryghedsvandringer er ikke lukket.",
        "{count} opfølgninger fra tryghedsvandringer er ikke lukket.",
        count,
    ).format(count=fmt_int(count, lang=lang))


# What a status means, in one sentence per goal (fewer burglaries and less insecurity are
# better; more helpers are better), following models.vocabulary.STATUS_RULES.
_DIRECTION = {
    Indicator.BURGLARIES: N_("Indbruddene falder"),
    Indicator.HELPERS: N_("Antallet af nabohjælpere stiger"),
    Indicator.INSECURITY: N_("Utrygheden falder"),
}


def status_sentence(indicator: Indicator, status: str | None, *, lang: str = DANISH) -> str:
    """The one sentence under a goal's status on Min kommune."""
    _ = translator(lang)
    if status is None:
        return _("Uden mål eller tal vurderes der ikke endnu.")
    survey = indicator is Indicator.INSECURITY  # judged on the latest round, not a projection
    match Status(status):
        case Status.ON_TRACK if survey:
            return _(
                "Hele usikkerhedsintervallet for seneste måling ligger på eller under målet eller målforløbet."
            )
        case Status.ON_TRACK:
            return _("Selv den pessimistiske ende af fremskrivningen når målet.")
        case Status.NEEDS_ACCELERATION:
            return _("{direction} klart, men ikke hurtigt nok til at nå målet.").format(
                direction=_(_DIRECTION[indicator])
            )
        case Status.OFF_TRACK if survey:
            return _("Seneste måling ligger over målforløbet, og utrygheden falder ikke klart.")
        case Status.OFF_TRACK:
            return _("Selv den optimistiske ende af fremskrivningen misser målet.")
        case _:
            return _("Usikkerheden dækker både at nå og at misse målet, eller der er for få tal.")
