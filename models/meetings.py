"""Meetings (pure): the agenda drafted from the partnership's status, and the checks on a meeting's
and a decision's fields, in Danish by default and in the reader's language (`lang=`).

The agenda is plain text the project leader edits before the meeting: numbered points, each with
its lines indented under it. It is composed from plain records (no database here):
`dataio.meetings.store.draft_agenda` gathers them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from models.domain import Status
from models.formatting import fmt_count, fmt_date
from models.i18n import (
    DANISH,
    M_,
    NC_,
    Message,
    translate_context,
    translate_plural,
    translator,
)
from models.vocabulary import status_label, status_mark

# The goal statuses a meeting must discuss: every status but "on track" (a goal behind its path,
# off it, or without the data to tell).
AGENDA_STATUSES = frozenset(
    {Status.OFF_TRACK, Status.NEEDS_ACCELERATION, Status.INSUFFICIENT_EVIDENCE}
)

TITLE_LIMIT = 200
TEXT_LIMIT = 20_000  # agenda, participants, minutes, a decision's text
# models.home.CHANGE_TOPICS' topics with their "i", as "2 i handlingsplanen" reads
# ("2 in the action plan"): the whole phrase is the msgid
TOPIC = "change topic"
TOPICS = (
    NC_("change topic", "i handlingsplanen"),
    NC_("change topic", "i tryghedsvandringer"),
    NC_("change topic", "i mål"),
    NC_("change topic", "i nabohjælp"),
    NC_("change topic", "i tryghedsmålinger"),
    NC_("change topic", "i data"),
    NC_("change topic", "i møder"),
    NC_("change topic", "i andet"),
)


@dataclass(frozen=True)
class AgendaGoal:
    """One goal: its name ("Indbrud") and its status (a models.domain.Status value); None: the
    goal has no target set, and is left off the agenda."""

    name: str
    status: str | None


@dataclass(frozen=True)
class AgendaItem:
    """An overdue plan item: what, who, when it was due."""

    title: str
    owner: str
    due_date: date


@dataclass(frozen=True)
class AgendaFollowUp:
    """An open follow-up from a safety walk."""

    description: str
    area: str
    walk_date: date


@dataclass(frozen=True)
class AgendaChanges:
    """What changed since the last meeting: the day counted from, and the count per topic."""

    since: date
    by_topic: Mapping[str, int]
    from_meeting: bool  # since the last registered meeting (else a default of 30 days)


def goals_to_discuss(goals: Sequence[AgendaGoal]) -> list[AgendaGoal]:
    """The goals whose status is not "on track" (and that have a status at all), in order."""
    return [g for g in goals if g.status is not None and g.status in AGENDA_STATUSES]


def _point(number: int, heading: str, lines: Sequence[str] = ()) -> str:
    return "\n".join([f"{number}. {heading}", *(f"   - {line}" for line in lines)])


def compose_agenda(
    *,
    goals: Sequence[AgendaGoal],
    overdue: Sequence[AgendaItem],
    follow_ups: Sequence[AgendaFollowUp],
    changes: AgendaChanges,
    today: date,
    hotspots: Sequence[str] = (),
    lang: str = DANISH,
) -> str:
    """The draft agenda: numbered points in the language; a point with nothing to discuss is left
    out. `hotspots` are the hotspot sentences of the police extract's newest weeks, if any."""
    _ = translator(lang)
    points: list[tuple[str, list[str]]] = [(_("Velkomst og godkendelse af dagsorden"), [])]
    since = fmt_date(changes.since, lang=lang)
    total = sum(changes.by_topic.values())
    heading = (
        _("Siden sidste møde ({since})")
        if changes.from_meeting
        else _("Siden sidste møde (de seneste 30 dage, fra {since})")
    ).format(since=since)
    if total == 0:
        points.append((heading, [_("Ingen ændringer i ændringsloggen.")]))
    else:
        parts = ", ".join(
            f"{n} {translate_context(lang, TOPIC, f'i {topic}')}"
            for topic, n in changes.by_topic.items()
            if n
        )
        count = fmt_count(
            total,
            one=translate_plural(lang, "ændring", "ændringer", 1),
            many=translate_plural(lang, "ændring", "ændringer", 2),
            lang=lang,
        )
        points.append((heading, [f"{count}: {parts}."]))
    behind = goals_to_discuss(goals)
    if behind:
        points.append(
            (
                _("Mål, der ikke er på rette vej"),
                [
                    f"{_(g.name)}: {status_mark(g.status, status_label(g.status, lang=lang))}"
                    for g in behind
                ],
            )
        )
    if overdue:
        lines = []
        for item in sorted(overdue, key=lambda i: (i.due_date, i.title)):
            late = (today - item.due_date).days
            who = _(", ansvarlig: {owner}").format(owner=item.owner) if item.owner.strip() else ""
            days = fmt_count(
                late,
                one=translate_plural(lang, "dag", "dage", 1),
                many=translate_plural(lang, "dag", "dage", 2),
                lang=lang,
            )
            lines.append(
                _("{title} (frist {due}, {days} over{who})").format(
                    title=item.title, due=fmt_date(item.due_date, lang=lang), days=days, who=who
                )
            )
        points.append((_("Forsinkede aktiviteter i handlingsplanen"), lines))
    if follow_ups:
        points.append(
            (
                _("Åbne opfølgninger fra tryghedsvandringer"),
                [
                    _("{description} ({area}, vandring {day})").format(
                        description=f.description,
                        area=f.area,
                        day=fmt_date(f.walk_date, lang=lang),
                    )
                    for f in follow_ups
                ],
            )
        )
    if hotspots:
        points.append((_("Hotspots i politiets udtræk (se siden Hotspots)"), list(hotspots)))
    points += [(_("Beslutninger: hvem gør hvad hvornår"), []), (_("Eventuelt"), [])]
    return "\n".join(_point(n, h, lines) for n, (h, lines) in enumerate(points, start=1))


def meeting_problem_message(
    *, title: str, held_on: date | None, fields: Mapping[str, str]
) -> Message | None:
    """Why a meeting cannot be saved (a Message, rendered in the reader's language), or None:
    a title, a date, texts within bounds. `fields` are named by Danish msgids (marked N_)."""
    if not title.strip():
        return M_("Mødet skal have en titel.")
    if len(title) > TITLE_LIMIT:
        return M_(
            "Titlen er for lang ({length} tegn; højst {limit}).",
            length=len(title),
            limit=TITLE_LIMIT,
        )
    if held_on is None:
        return M_("Mødet skal have en dato.")
    for name, text in fields.items():
        if len(text) > TEXT_LIMIT:
            return M_(
                "{name} er for lang ({length} tegn; højst {limit}).",
                name=M_(name),
                length=len(text),
                limit=TEXT_LIMIT,
            )
    return None


def meeting_problem(*, title: str, held_on: date | None, fields: Mapping[str, str]) -> str | None:
    """Why a meeting cannot be saved (Danish), or None: a title, a date, texts within bounds."""
    problem = meeting_problem_message(title=title, held_on=held_on, fields=fields)
    return None if problem is None else str(problem)


def decision_problem_message(text: str) -> Message | None:
    """Why a decision's text cannot be saved (a Message), or None."""
    if not text.strip():
        return M_("Beslutningen skal have en tekst.")
    if len(text) > TEXT_LIMIT:
        return M_(
            "Beslutningen er for lang ({length} tegn; højst {limit}).",
            length=len(text),
            limit=TEXT_LIMIT,
        )
    return None


def decision_problem(text: str) -> str | None:
    """Why a decision's text cannot be saved (Danish), or None."""
    problem = decision_problem_message(text)
    return None if problem is None else str(problem)
