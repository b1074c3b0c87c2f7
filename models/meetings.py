"""Meetings (pure): the agenda drafted from the partnership's status, and the checks on a meeting's
and a decision's fields, in Danish.

The agenda is plain text the project leader edits before the meeting: numbered points, each with
its lines indented under it. It is composed from plain records (no database here):
`dataio.meetings.store.draft_agenda` gathers them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from models.domain import Status
from models.formatting import fmt_count, fmt_date
from models.vocabulary import status_mark

# The goal statuses a meeting must discuss: every status but "on track" (a goal behind its path,
# off it, or without the data to tell).
AGENDA_STATUSES = frozenset(
    {Status.OFF_TRACK, Status.NEEDS_ACCELERATION, Status.INSUFFICIENT_EVIDENCE}
)

TITLE_LIMIT = 200
TEXT_LIMIT = 20_000  # agenda, participants, minutes, a decision's text


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
) -> str:
    """The draft agenda: numbered Danish points; a point with nothing to discuss is left out.
    `hotspots` are the hotspot sentences of the police extract's newest weeks, if any."""
    points: list[tuple[str, list[str]]] = [("Velkomst og godkendelse af dagsorden", [])]
    since = fmt_date(changes.since)
    total = sum(changes.by_topic.values())
    heading = (
        f"Siden sidste møde ({since})"
        if changes.from_meeting
        else f"Siden sidste møde (de seneste 30 dage, fra {since})"
    )
    if total == 0:
        points.append((heading, ["Ingen ændringer i ændringsloggen."]))
    else:
        parts = ", ".join(f"{n} i {topic}" for topic, n in changes.by_topic.items() if n)
        count = fmt_count(total, one="ændring", many="ændringer")
        points.append((heading, [f"{count}: {parts}."]))
    behind = goals_to_discuss(goals)
    if behind:
        points.append(
            (
                "Mål, der ikke er på rette vej",
                [f"{g.name}: {status_mark(g.status)}" for g in behind],
            )
        )
    if overdue:
        lines = []
        for item in sorted(overdue, key=lambda i: (i.due_date, i.title)):
            late = (today - item.due_date).days
            who = f", ansvarlig: {item.owner}" if item.owner.strip() else ""
            days = fmt_count(late, one="dag", many="dage")
            lines.append(f"{item.title} (frist {fmt_date(item.due_date)}, {days} over{who})")
        points.append(("Forsinkede aktiviteter i handlingsplanen", lines))
    if follow_ups:
        points.append(
            (
                "Åbne opfølgninger fra tryghedsvandringer",
                [
                    f"{f.description} ({f.area}, vandring {fmt_date(f.walk_date)})"
                    for f in follow_ups
                ],
            )
        )
    if hotspots:
        points.append(("Hotspots i politiets udtræk (se siden Hotspots)", list(hotspots)))
    points += [("Beslutninger: hvem gør hvad hvornår", []), ("Eventuelt", [])]
    return "\n".join(_point(n, h, lines) for n, (h, lines) in enumerate(points, start=1))


def meeting_problem(*, title: str, held_on: date | None, fields: Mapping[str, str]) -> str | None:
    """Why a meeting cannot be saved (Danish), or None: a title, a date, texts within bounds."""
    if not title.strip():
        return "Mødet skal have en titel."
    if len(title) > TITLE_LIMIT:
        return f"Titlen er for lang ({len(title)} tegn; højst {TITLE_LIMIT})."
    if held_on is None:
        return "Mødet skal have en dato."
    for name, text in fields.items():
        if len(text) > TEXT_LIMIT:
            return f"{name} er for lang ({len(text)} tegn; højst {TEXT_LIMIT})."
    return None


def decision_problem(text: str) -> str | None:
    """Why a decision's text cannot be saved (Danish), or None."""
    if not text.strip():
        return "Beslutningen skal have en tekst."
    if len(text) > TEXT_LIMIT:
        return f"Beslutningen er for lang ({len(text)} tegn; højst {TEXT_LIMIT})."
    return None
