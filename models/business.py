"""Business neighbour-watch (erhvervsnabohjælp), pure: the checks on a group's and an event's
fields, in Danish, and the share of the groups' businesses with a security check (sikringstjek).

The share is counted, not estimated. Each group reports how many businesses are members and how
many of them have had a security check: complete counts of the groups' own members, not a sample
of a larger population. A confidence interval (the Wilson interval of `models.proportions`)
describes the uncertainty of a share estimated from a random sample; here there is no sampling
uncertainty to describe, so no interval is computed or shown, and the page says so
(`NO_INTERVAL_NOTE`). What the share does not say: anything about businesses outside the groups.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.i18n import DANISH, M_, N_, Message, translator

NAME_LIMIT = 200
TEXT_LIMIT = 2_000  # area, contact, an event's note
MEMBERS_LIMIT = 100_000  # more businesses than any Danish municipality's business areas hold

NO_INTERVAL_NOTE = N_(
    "Andelen er optalt, ikke estimeret: grupperne tæller alle deres medlemsvirksomheder, så der er "
    "ingen stikprøveusikkerhed og intet konfidensinterval. Den siger intet om virksomheder uden "
    "for grupperne."
)


class EventKind(StrEnum):
    """What a group did."""

    MEETING = "møde"
    WALK = "tryghedsvandring"
    CHECK = "sikringstjek"
    OTHER = "andet"


EVENT_KIND_LABELS = {  # marked: what the page shows for a kind, in the reader's language
    EventKind.MEETING: N_("Møde"),
    EventKind.WALK: N_("Tryghedsvandring"),
    EventKind.CHECK: N_("Sikringstjek"),
    EventKind.OTHER: N_("Andet"),
}


def event_kind_label(kind: str, *, lang: str = DANISH) -> str:
    """A kind as the page shows it: 'møde' -> 'Møde' (English 'Meeting'); an unknown kind as
    stored, capitalised."""
    try:
        return translator(lang)(EVENT_KIND_LABELS[EventKind(kind)])
    except ValueError:
        return str(kind).capitalize()


def group_problem(
    *,
    name: str,
    area: str,
    members: int | None,
    checked: int | None,
    contact: str,
    start_date: date | None,
    today: date,
    lang: str = DANISH,
) -> str | None:
    """Why a group's fields cannot be saved, in the language (Danish), or None when they are fine."""
    problem = group_refusal(
        name=name,
        area=area,
        members=members,
        checked=checked,
        contact=contact,
        start_date=start_date,
        today=today,
    )
    return None if problem is None else problem.render(lang)


def group_refusal(
    *,
    name: str,
    area: str,
    members: int | None,
    checked: int | None,
    contact: str,
    start_date: date | None,
    today: date,
) -> Message | None:
    """`group_problem` as a Message (the store's refusal, rendered where it is shown)."""
    if not name.strip():
        return M_("Gruppen skal have et navn")
    if len(name) > NAME_LIMIT:
        return M_("Navnet må højst være {limit} tegn", limit=NAME_LIMIT)
    for label, value in ((N_("Området"), area), (N_("Kontakten"), contact)):
        if len(value) > TEXT_LIMIT:
            return M_("{label} må højst være {limit} tegn", label=M_(label), limit=TEXT_LIMIT)
    if members is None or isinstance(members, bool) or not isinstance(members, int):
        return M_("Antal virksomheder skal være et helt tal")
    if members < 0:
        return M_("Antal virksomheder kan ikke være negativt (fik {members})", members=members)
    if members > MEMBERS_LIMIT:
        return M_(
            "Antal virksomheder må højst være {limit} (fik {members})",
            limit=MEMBERS_LIMIT,
            members=members,
        )
    if checked is None or isinstance(checked, bool) or not isinstance(checked, int):
        return M_("Antal med sikringstjek skal være et helt tal")
    if checked < 0:
        return M_("Antal med sikringstjek kan ikke være negativt (fik {checked})", checked=checked)
    if checked > members:
        return M_(
            "Antal med sikringstjek ({checked}) kan ikke være større end antal virksomheder "
            "({members})",
            checked=checked,
            members=members,
        )
    if start_date is not None and start_date > today:
        return M_("Startdatoen kan ikke ligge i fremtiden")
    return None


def event_problem(
    *, kind: str, event_date: date | None, note: str, today: date, lang: str = DANISH
) -> str | None:
    """Why an event's fields cannot be saved, in the language (Danish), or None when they are
    fine."""
    problem = event_refusal(kind=kind, event_date=event_date, note=note, today=today)
    return None if problem is None else problem.render(lang)


def event_refusal(*, kind: str, event_date: date | None, note: str, today: date) -> Message | None:
    """`event_problem` as a Message (the store's refusal, rendered where it is shown)."""
    if kind not in set(EventKind):
        return M_("Typen skal være møde, tryghedsvandring, sikringstjek eller andet")
    if event_date is None:
        return M_("Aktiviteten skal have en dato")
    if event_date.year < 2000 or event_date.year > today.year + 1:
        return M_("Datoen skal ligge mellem år 2000 og {last}", last=today.year + 1)
    if len(note) > TEXT_LIMIT:
        return M_("Noten må højst være {limit} tegn", limit=TEXT_LIMIT)
    return None


@dataclass(frozen=True)
class CheckedShare:
    """The groups' businesses with a security check: counts and the share (None without members)."""

    groups: int
    members: int
    checked: int

    @property
    def share(self) -> float | None:
        """checked / members, or None when the groups have no members."""
        return None if self.members == 0 else self.checked / self.members

    @property
    def unchecked(self) -> int:
        """Members without a security check."""
        return self.members - self.checked


def checked_share(groups: Iterable[tuple[int, int]]) -> CheckedShare:
    """The totals over the groups' (members, checked) counts, each validated (0 <= checked <=
    members); a group's share is `checked_share([(members, checked)])`."""
    count = members = checked = 0
    for group_members, group_checked in groups:
        if group_members < 0 or group_checked < 0 or group_checked > group_members:
            raise ValueError(f"ugyldige tal: {group_checked} af {group_members}")
        count += 1
        members += group_members
        checked += group_checked
    return CheckedShare(count, members, checked)
