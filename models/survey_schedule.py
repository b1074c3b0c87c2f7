"""Surveys as a process: the next round's dates, the response rate and local questions' shares.

The guide has every partnership municipality run the e-Boks tryghedsmåling every second year, with
a reminder procedure, and lets the project leader add local extra questions. Pure functions here:
the default dates of the next round, the checks of a schedule (in Danish), the response rate (a
complete count of invitations and answers: no interval) and a local question's share with its
Wilson interval (a sample: with an interval). A local question is never judged against a goal.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from models.formatting import fmt_int, fmt_percent
from models.i18n import DANISH, M_, N_, Message, translate
from models.proportions import ShareEstimate, estimate_share

ROUND_INTERVAL_YEARS = 2  # the guide: "hvert andet år"
REMINDER_AFTER_DAYS = 14  # the reminder goes out this long after the invitation
OPEN_DAYS = 28  # the survey closes this long after the invitation
DEFAULT_MONTH = 3  # the guide: "i foråret"
LOCAL_NOTE = N_("lokalt spørgsmål - ikke sammenlignet med et nationalt mål")
RATE_NOTE = N_(
    "Svarprocenten er en optælling af alle inviterede og alle svar, ikke en stikprøve: "
    "den har derfor intet interval."
)


@dataclass(frozen=True)
class _Count(Message):
    """A whole number inside a Message, written the reader's way (1.200; English 1,200)."""

    value: int = 0

    def render(self, lang: str) -> str:
        """The number in `lang`."""
        return fmt_int(self.value, lang=lang)


class ScheduleStatus(StrEnum):
    """Where a survey round is."""

    PLANNED = "planlagt"
    RUNNING = "i gang"
    CLOSED = "afsluttet"


# the statuses as shown, capitalised (the enum's values are stored and stay Danish)
STATUS_WORDS = {
    ScheduleStatus.PLANNED: N_("Planlagt"),
    ScheduleStatus.RUNNING: N_("I gang"),
    ScheduleStatus.CLOSED: N_("Afsluttet"),
}


def status_word(status: str, *, lang: str = DANISH) -> str:
    """A schedule's status as shown: 'i gang' -> 'I gang' (English 'Running'); unknown: capitalised."""
    if status in {s.value for s in ScheduleStatus}:
        return translate(lang, STATUS_WORDS[ScheduleStatus(status)])
    return status.capitalize()


@dataclass(frozen=True)
class RoundDates:
    """A survey round's year and dates."""

    year: int
    invitation: date
    reminders: tuple[date, ...]
    close: date


def _same_day_in(day: date, year: int) -> date:
    """The day in another year (29 February becomes 28 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def next_round_dates(
    *,
    last_year: int | None,
    today: date,
    last_invitation: date | None = None,
    reminder_after_days: int = REMINDER_AFTER_DAYS,
    open_days: int = OPEN_DAYS,
) -> RoundDates:
    """The next round two years after the last one (never in a year already past): invited on
    the last round's day of the year (else 1 March), reminded after `reminder_after_days`, closed
    after `open_days`. An invitation that would lie before today moves to today."""
    if not 0 < reminder_after_days < open_days:
        raise ValueError("Påmindelsen skal ligge mellem invitationen og lukningen")
    year = today.year if last_year is None else last_year + ROUND_INTERVAL_YEARS
    while year < today.year:
        year += ROUND_INTERVAL_YEARS
    invitation = (
        _same_day_in(last_invitation, year)
        if last_invitation is not None
        else date(year, DEFAULT_MONTH, 1)
    )
    invitation = max(invitation, today)
    return RoundDates(
        year=year,
        invitation=invitation,
        reminders=(invitation + timedelta(days=reminder_after_days),),
        close=invitation + timedelta(days=open_days),
    )


def schedule_problem(
    *,
    year: int,
    invitation: date | None,
    reminders: Sequence[date],
    close: date | None,
    status: str,
    invitations: int | None,
    responses: int | None,
    reminders_sent: Sequence[date] = (),
) -> str | None:
    """What is wrong with a schedule, in Danish, or None."""
    problem = schedule_problem_message(
        year=year,
        invitation=invitation,
        reminders=reminders,
        close=close,
        status=status,
        invitations=invitations,
        responses=responses,
        reminders_sent=reminders_sent,
    )
    return None if problem is None else str(problem)


def schedule_problem_message(
    *,
    year: int,
    invitation: date | None,
    reminders: Sequence[date],
    close: date | None,
    status: str,
    invitations: int | None,
    responses: int | None,
    reminders_sent: Sequence[date] = (),
) -> Message | None:
    """What is wrong with a schedule, as a Message (Danish `str()`, `.render(lang)`), or None."""
    if not 2000 <= year <= 2100:
        return M_("Året skal ligge mellem 2000 og 2100 (fik {year})", year=year)
    if invitation is None or close is None:
        return M_("Angiv både invitationsdato og lukkedato")
    if invitation.year != year:
        return M_("Invitationsdatoen skal ligge i {year}", year=year)
    if close <= invitation:
        return M_("Lukkedatoen skal ligge efter invitationsdatoen")
    for day in reminders:
        if not invitation < day < close:
            return M_("En påmindelse skal ligge efter invitationen og før lukningen")
    for day in reminders_sent:
        if not invitation < day <= close:
            return M_("En sendt påmindelse skal ligge efter invitationen og senest på lukkedagen")
    if status not in {s.value for s in ScheduleStatus}:
        return M_(
            "Status skal være {statuses} (fik {status})",
            statuses=", ".join(s.value for s in ScheduleStatus),
            status=repr(status),
        )
    if invitations is not None and invitations < 0:
        return M_("Antal inviterede kan ikke være negativt")
    if responses is not None and responses < 0:
        return M_("Antal svar kan ikke være negativt")
    if responses is not None and invitations is None:
        return M_("Angiv antal inviterede, før antal svar")
    if responses is not None and invitations is not None and responses > invitations:
        return M_(
            "Der kan ikke være flere svar ({responses}) end inviterede ({invitations})",
            responses=_Count("", value=responses),
            invitations=_Count("", value=invitations),
        )
    return None


def response_rate(responses: int, invitations: int) -> float:
    """Responses per invitation, in [0, 1]; refused for impossible counts."""
    if invitations <= 0:
        raise ValueError("Antal inviterede skal være positivt")
    if not 0 <= responses <= invitations:
        raise ValueError(
            f"Antal svar ({responses}) skal ligge mellem 0 og antal inviterede ({invitations})"
        )
    return responses / invitations


def response_rate_text(
    responses: int | None, invitations: int | None, *, lang: str = DANISH
) -> str | None:
    """'Svarprocent 42,0 % (420 af 1.000 inviterede)' (English 'Response rate 42.0 % (420 of
    1,000 invited)'), or None when there is nothing to count."""
    if responses is None or invitations is None or invitations <= 0:
        return None
    rate = response_rate(responses, invitations)
    return translate(lang, "Svarprocent {rate} ({responses} af {invitations} inviterede)").format(
        rate=fmt_percent(rate, lang=lang),
        responses=fmt_int(responses, lang=lang),
        invitations=fmt_int(invitations, lang=lang),
    )


def local_measure_problem(
    question: str, categories: Sequence[str], in_share: Sequence[str]
) -> str | None:
    """What is wrong with a new local question, in Danish, or None."""
    problem = local_measure_problem_message(question, categories, in_share)
    return None if problem is None else str(problem)


def local_measure_problem_message(
    question: str, categories: Sequence[str], in_share: Sequence[str]
) -> Message | None:
    """What is wrong with a new local question, as a Message (Danish `str()`), or None."""
    if not question.strip():
        return M_("Skriv spørgsmålets tekst")
    labels = [c.strip() for c in categories if c.strip()]
    if len(labels) < 2:
        return M_("Angiv mindst to svarkategorier")
    if len(set(labels)) != len(labels):
        return M_("To svarkategorier har samme navn")
    chosen = set(in_share)
    if not chosen:
        return M_("Vælg mindst én kategori, der tæller i andelen")
    if not chosen <= set(labels):
        return M_("Andelen kan kun tælle spørgsmålets egne kategorier")
    if chosen == set(labels):
        return M_("Andelen kan ikke tælle alle kategorier (den ville altid være 100 %)")
    return None


def local_share(counts: Sequence[int], in_share: Sequence[bool]) -> ShareEstimate:
    """A local question's share in one round: the answers in the share's categories of all
    answers, with the 95 % Wilson interval."""
    if len(counts) != len(in_share):
        raise ValueError("Der skal være et antal for hver kategori")
    if any(c < 0 for c in counts):
        raise ValueError("Et antal svar kan ikke være negativt")
    total = sum(counts)
    if total <= 0:
        raise ValueError("Runden har ingen svar")
    chosen = sum(c for c, counted in zip(counts, in_share, strict=True) if counted)
    return estimate_share(chosen, total)


def parse_danish_dates(text: str, *, lang: str = DANISH) -> tuple[date, ...]:
    """'15.03.2027, 22.3.2027' -> the dates, sorted; ValueError (in `lang`, Danish by default) on
    anything else."""
    days = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        pieces = part.split(".")
        if len(pieces) != 3 or not all(p.isdigit() for p in pieces) or len(pieces[2]) != 4:
            raise ValueError(
                translate(lang, "«{part}» er ikke en dato som 15.03.2027").format(part=part)
            )
        try:
            days.append(date(int(pieces[2]), int(pieces[1]), int(pieces[0])))
        except ValueError:
            raise ValueError(
                translate(lang, "«{part}» er ikke en gyldig dato").format(part=part)
            ) from None
    return tuple(sorted(set(days)))


def danish_dates_text(days: Sequence[date]) -> str:
    """The dates as the form shows them: '15.03.2027, 22.03.2027'."""
    return ", ".join(f"{d:%d.%m.%Y}" for d in sorted(days))
