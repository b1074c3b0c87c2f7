"""Track 3, communication: the press log's tone and its share of constructive coverage per quarter,
and the rules for a press entry and a stakeholder (pure).

The Bo trygt guide asks a partnership to "måle på omfanget af konstruktiv presse" in its local
media and to list the "aktører" relevant for which activities. A press entry has a tone
(constructive, neutral, negative); `quarterly_shares` counts, per calendar quarter, the constructive
entries among all, with a 95 % Wilson interval (models.proportions), so a quarter of three articles
does not read as certain as one of thirty.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from urllib.parse import urlsplit

from models.actionplan import GOAL_LABELS, Track
from models.formatting import fmt_count, fmt_percent
from models.periods import period_of
from models.proportions import wilson_interval


class Tone(StrEnum):
    """How a piece of coverage talks about burglary (the guide's constructive communication)."""

    CONSTRUCTIVE = "constructive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


TONE_LABELS = {
    Tone.CONSTRUCTIVE: "konstruktiv",
    Tone.NEUTRAL: "neutral",
    Tone.NEGATIVE: "negativ",
}
# The goals a press entry may concern: the plan's goal keys without "none" (no goal is None)
PRESS_GOALS = {key: label for key, label in GOAL_LABELS.items() if key != "none"}
MAX_TEXT = 300  # headline, medium, organisation, contact: one line each
MAX_URL = 2000
MAX_NOTE = 2000


def quarter_of(day: date) -> str:
    """The calendar quarter of a day in Danmarks Statistik notation: 2026-11-23 -> "2026K4"."""
    return period_of(year=day.year, quarter=(day.month - 1) // 3 + 1)


@dataclass(frozen=True)
class QuarterShare:
    """One quarter of the press log: constructive entries among all, with the 95 % interval."""

    period: str  # "2026K4"
    constructive: int
    total: int
    share: float
    low: float
    high: float

    def text(self) -> str:
        """'33,3 % (1 af 3 omtaler; 95 %-interval 6,1 % til 79,2 %)'."""
        return (
            f"{fmt_percent(self.share)} ({self.constructive} af "
            f"{fmt_count(self.total, one='omtale', many='omtaler')}; 95 %-interval "
            f"{fmt_percent(self.low)} til {fmt_percent(self.high)})"
        )


def quarterly_shares(entries: Iterable[tuple[date, str]]) -> list[QuarterShare]:
    """Per quarter with at least one entry, oldest first: the share of constructive entries.

    `entries` are (date, tone) pairs; a tone that is not one of `Tone` raises ValueError."""
    totals: Counter[str] = Counter()
    constructive: Counter[str] = Counter()
    for day, tone in entries:
        Tone(tone)  # ValueError on an unknown tone
        period = quarter_of(day)
        totals[period] += 1
        constructive[period] += tone == Tone.CONSTRUCTIVE
    shares = []
    for period in sorted(totals):
        n, x = totals[period], constructive[period]
        low, high = wilson_interval(x, n)
        shares.append(QuarterShare(period, x, n, x / n, low, high))
    return shares


def url_problem(url: str) -> str | None:
    """Why a link cannot be stored (only http and https addresses with a host), or None."""
    text = url.strip()
    if not text:
        return None
    if len(text) > MAX_URL:
        return f"Linket er for langt (højst {MAX_URL} tegn)."
    if any(c.isspace() for c in text) or any(ord(c) < 32 for c in text):
        return "Linket må ikke indeholde mellemrum."
    try:
        parts = urlsplit(text)
    except ValueError:
        return "Linket er ikke en gyldig webadresse."
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return "Linket skal være en webadresse, der begynder med https:// eller http://."
    return None


def _line_problem(label: str, value: str, *, required: bool) -> str | None:
    text = value.strip()
    if required and not text:
        return f"{label} skal udfyldes."
    if len(text) > MAX_TEXT:
        return f"{label} er for lang (højst {MAX_TEXT} tegn)."
    if "\n" in text or "\r" in text:
        return f"{label} skal stå på én linje."
    return None


def press_problem(
    *,
    published_on: date | None,
    medium: str,
    headline: str,
    url: str,
    tone: str,
    goal: str | None,
    today: date,
) -> str | None:
    """Why a press entry cannot be stored, in Danish, or None when it can."""
    if published_on is None:
        return "Vælg datoen for omtalen."
    if published_on > today:
        return "Datoen for omtalen kan ikke ligge i fremtiden."
    for label, value in (("Mediet", medium), ("Overskriften", headline)):
        if problem := _line_problem(label, value, required=True):
            return problem
    if tone not in {t.value for t in Tone}:
        return "Vælg omtalens tone: konstruktiv, neutral eller negativ."
    if goal is not None and goal not in PRESS_GOALS:
        return f"Ukendt mål: {goal}."
    return url_problem(url)


def stakeholder_problem(
    *,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str,
    tracks: Iterable[str],
    note: str,
) -> str | None:
    """Why a stakeholder cannot be stored, in Danish, or None when it can."""
    if problem := _line_problem("Organisationen", organisation, required=True):
        return problem
    for label, value in (("Kontaktpersonen", contact_name), ("Telefonnummeret", phone)):
        if problem := _line_problem(label, value, required=False):
            return problem
    mail = email.strip()
    if mail and (len(mail) > MAX_TEXT or "@" not in mail or any(c.isspace() for c in mail)):
        return "E-mailadressen er ikke gyldig."
    unknown = [t for t in tracks if t not in {track.value for track in Track}]
    if unknown:
        return f"Ukendt spor: {', '.join(unknown)}."
    if len(note) > MAX_NOTE:
        return f"Noten er for lang (højst {MAX_NOTE} tegn)."
    return None


def tracks_text(tracks: Iterable[str]) -> str:
    """The stored form of a stakeholder's tracks: the codes in the guide's order, comma-separated."""
    chosen = set(tracks)
    return ",".join(t.value for t in Track if t.value in chosen)


def tracks_of(stored: str) -> list[str]:
    """The track codes of a stored list ("Spor 1,Spor 3" -> ["Spor 1", "Spor 3"])."""
    return [t for t in (s.strip() for s in stored.split(",")) if t]
