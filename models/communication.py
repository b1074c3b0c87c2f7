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
from models.formatting import fmt_count, fmt_int, fmt_percent
from models.i18n import DANISH, ENGLISH, M_, N_, Message, language_of, translate_plural, translator
from models.periods import period_of
from models.proportions import wilson_interval


class Tone(StrEnum):
    """How a piece of coverage talks about burglary (the guide's constructive communication)."""

    CONSTRUCTIVE = "constructive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


TONE_LABELS = {  # marked: shown in the reader's language (`tone_label`)
    Tone.CONSTRUCTIVE: N_("konstruktiv"),
    Tone.NEUTRAL: N_("neutral"),
    Tone.NEGATIVE: N_("negativ"),
}
# The goals a press entry may concern: the plan's goal keys without "none" (no goal is None)
PRESS_GOALS = {key: label for key, label in GOAL_LABELS.items() if key != "none"}
# "1 af 3", "6,1 % til 79,2 %": per language, as models.formatting's QUARTER (a catalogue entry
# "{a} af {b}" would match any Danish text with "af" in it)
PART_OF = {DANISH: "{part} af {whole}", ENGLISH: "{part} of {whole}"}
RANGE = {DANISH: "{low} til {high}", ENGLISH: "{low} to {high}"}
MAX_TEXT = 300  # headline, medium, organisation, contact: one line each
MAX_URL = 2000
MAX_NOTE = 2000


def part_of(part: int, whole: int, *, lang: str = DANISH) -> str:
    """'1 af 3' (English '1 of 3'), thousands separated as the language writes them."""
    return PART_OF[language_of(lang)].format(
        part=fmt_int(part, lang=lang), whole=fmt_int(whole, lang=lang)
    )


def share_range(low: float, high: float, *, lang: str = DANISH) -> str:
    """An interval of shares: '6,1 % til 79,2 %' (English '6.1 % to 79.2 %')."""
    return RANGE[language_of(lang)].format(
        low=fmt_percent(low, lang=lang), high=fmt_percent(high, lang=lang)
    )


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

    def text(self, *, lang: str = DANISH) -> str:
        """'33,3 % (1 af 3 omtaler; 95 %-interval 6,1 % til 79,2 %)' (English '33.3 % (1 of 3
        articles; 95 % interval 6.1 % to 79.2 %)')."""
        if lang == DANISH:  # exactly as before
            return (
                f"{fmt_percent(self.share)} ({self.constructive} af "
                f"{fmt_count(self.total, one='omtale', many='omtaler')}; 95 %-interval "
                f"{fmt_percent(self.low)} til {fmt_percent(self.high)})"
            )
        template = translate_plural(
            lang,
            "{share} ({constructive} af {total} omtale; 95 %-interval {low} til {high})",
            "{share} ({constructive} af {total} omtaler; 95 %-interval {low} til {high})",
            self.total,
        )
        return template.format(
            share=fmt_percent(self.share, lang=lang),
            constructive=fmt_int(self.constructive, lang=lang),
            total=fmt_int(self.total, lang=lang),
            low=fmt_percent(self.low, lang=lang),
            high=fmt_percent(self.high, lang=lang),
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


def tone_label(tone: str, *, lang: str = DANISH) -> str:
    """A tone's word in the language: 'konstruktiv' / 'constructive'."""
    return translator(lang)(TONE_LABELS[Tone(tone)])


def url_problem(url: str, *, lang: str = DANISH) -> str | None:
    """Why a link cannot be stored (only http and https addresses with a host), or None."""
    problem = url_refusal(url)
    return None if problem is None else problem.render(lang)


def url_refusal(url: str) -> Message | None:
    """`url_problem` as a Message, rendered in the reader's language where shown."""
    text = url.strip()
    if not text:
        return None
    if len(text) > MAX_URL:
        return M_("Linket er for langt (højst {limit} tegn).", limit=MAX_URL)
    if any(c.isspace() for c in text) or any(ord(c) < 32 for c in text):
        return M_("Linket må ikke indeholde mellemrum.")
    try:
        parts = urlsplit(text)
    except ValueError:
        return M_("Linket er ikke en gyldig webadresse.")
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return M_("Linket skal være en webadresse, der begynder med https:// eller http://.")
    return None


def _line_problem(label: str, value: str, *, required: bool) -> Message | None:
    text = value.strip()
    what = M_(label)
    if required and not text:
        return M_("{label} skal udfyldes.", label=what)
    if len(text) > MAX_TEXT:
        return M_("{label} er for lang (højst {limit} tegn).", label=what, limit=MAX_TEXT)
    if "\n" in text or "\r" in text:
        return M_("{label} skal stå på én linje.", label=what)
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
    lang: str = DANISH,
) -> str | None:
    """Why a press entry cannot be stored, in the language (Danish), or None when it can."""
    problem = press_refusal(
        published_on=published_on,
        medium=medium,
        headline=headline,
        url=url,
        tone=tone,
        goal=goal,
        today=today,
    )
    return None if problem is None else problem.render(lang)


def press_refusal(
    *,
    published_on: date | None,
    medium: str,
    headline: str,
    url: str,
    tone: str,
    goal: str | None,
    today: date,
) -> Message | None:
    """`press_problem` as a Message (the store's refusal, rendered where it is shown)."""
    if published_on is None:
        return M_("Vælg datoen for omtalen.")
    if published_on > today:
        return M_("Datoen for omtalen kan ikke ligge i fremtiden.")
    for label, value in ((N_("Mediet"), medium), (N_("Overskriften"), headline)):
        if problem := _line_problem(label, value, required=True):
            return problem
    if tone not in {t.value for t in Tone}:
        return M_("Vælg omtalens tone: konstruktiv, neutral eller negativ.")
    if goal is not None and goal not in PRESS_GOALS:
        return M_("Ukendt mål: {goal}.", goal=goal)
    return url_refusal(url)


def stakeholder_problem(
    *,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str,
    tracks: Iterable[str],
    note: str,
    lang: str = DANISH,
) -> str | None:
    """Why a stakeholder cannot be stored, in the language (Danish), or None when it can."""
    problem = stakeholder_refusal(
        organisation=organisation,
        contact_name=contact_name,
        email=email,
        phone=phone,
        tracks=tracks,
        note=note,
    )
    return None if problem is None else problem.render(lang)


def stakeholder_refusal(
    *,
    organisation: str,
    contact_name: str,
    email: str,
    phone: str,
    tracks: Iterable[str],
    note: str,
) -> Message | None:
    """`stakeholder_problem` as a Message (the store's refusal, rendered where it is shown)."""
    if problem := _line_problem(N_("Organisationen"), organisation, required=True):
        return problem
    for label, value in ((N_("Kontaktpersonen"), contact_name), (N_("Telefonnummeret"), phone)):
        if problem := _line_problem(label, value, required=False):
            return problem
    mail = email.strip()
    if mail and (len(mail) > MAX_TEXT or "@" not in mail or any(c.isspace() for c in mail)):
        return M_("E-mailadressen er ikke gyldig.")
    unknown = [t for t in tracks if t not in {track.value for track in Track}]
    if unknown:
        return M_("Ukendt spor: {tracks}.", tracks=", ".join(unknown))
    if len(note) > MAX_NOTE:
        return M_("Noten er for lang (højst {limit} tegn).", limit=MAX_NOTE)
    return None


def tracks_text(tracks: Iterable[str]) -> str:
    """The stored form of a stakeholder's tracks: the codes in the guide's order, comma-separated."""
    chosen = set(tracks)
    return ",".join(t.value for t in Track if t.value in chosen)


def tracks_of(stored: str) -> list[str]:
    """The track codes of a stored list ("Spor 1,Spor 3" -> ["Spor 1", "Spor 3"])."""
    return [t for t in (s.strip() for s in stored.split(",")) if t]
