"""An audit row in Danish: field names, values in words and numbers as Danes write them (pure).

The log stores what each write changed as JSON with the table's field names ("helpers": 1450,
"walk_date": "2026-12-02"). The change log, its Excel export and the meeting pack show it through
this module: `FIELD_NAMES` has a Danish name for every field any audited write stores
(tests/dataio/test_audited_fields.py runs every audited write and fails on a field missing here),
`value_text` writes a value by its field, and `change_lines` gives the Før and Efter texts of only
the fields that changed. Stored summaries were written once and are hash-chained, so they are not
rewritten in the database; `summary_text` turns the ISO dates and codes in them into words.
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from models.actionplan import GOAL_LABELS, TRACK_LABELS, Organisation, Track
from models.communication import TONE_LABELS, Tone
from models.domain import INDICATOR_LABELS, Indicator, Status
from models.formatting import MISSING, fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent
from models.i18n import LANGUAGE_NAMES
from models.permissions import ROLE_LABELS, Role
from models.vocabulary import status_mark

# Bookkeeping every write sets: it says nothing the row's time and person do not say already.
IGNORED_FIELDS = frozenset(
    {
        "id",
        "updated_at",
        "updated_by",
        "changed_at",
        "changed_by",
        "password_changed_at",
        "sessions_valid_from",
        "row_version",
        "created_at",
        "failed_logins",
        "locked_until",
    }
)

FIELD_NAMES: dict[str, str] = {
    # action-plan items (dataio.store.action_plans.EDITABLE)
    "track": "Spor",
    "activity_group": "Aktivitet",
    "title": "Titel",
    "owner_name": "Ansvarlig",
    # check-ins of items and goals (dataio.tasks)
    "comment": "Kommentar",
    "due_reason": "Begrundelse for ny frist",
    "period": "Periode",
    "override_status": "Projektlederens vurdering",
    "override_reason": "Begrundelse for vurderingen",
    "organisation": "Organisation",
    "start_date": "Start",
    "due_date": "Frist",
    "status": "Status",
    "progress": "Fremdrift",
    "goal": "Mål",
    "notes": "Noter",
    "owner_username": "Ansvarlig (bruger)",
    "status_note": "Note til status",
    "items": "Aktiviteter",
    # botrygt remind (dataio.mail): a run's counts and a partnership's day for the brief
    "reminders": "Påmindelser",
    "briefs": "Månedsbreve",
    "sent": "Sendt",
    "failed": "Fejlede",
    "day_of_month": "Dag i måneden for månedsbrevet",
    # goals
    "scope_kind": "Niveau",
    "scope_code": "Kommune",
    "indicator": "Indikator",
    "baseline": "Udgangspunkt",
    "baseline_year": "Udgangsår",
    "target": "Målniveau",
    "target_reduction": "Reduktion",
    "target_year": "Målår",
    "target_year_is_default": "Målår sat som standard",
    "target_unit": "Målets enhed",
    "source_note": "Kilde",
    # partnerships (dataio.store.areas)
    "partner_since": "Partnerskab siden",
    "published": "Offentlig visning",
    "published_summary": "Tekst til den offentlige visning",
    # users
    "username": "Brugernavn",
    "display_name": "Navn",
    "role": "Rolle",
    "active": "Aktiv",
    "municipality_code": "Kommune",
    "police_district_number": "Politikreds",
    "email": "E-mail",
    "brief_subscribed": "Modtager månedsbrevet",
    "language": "Sprog",
    # safety walks and their follow-ups
    "area": "Område",
    "walk_date": "Dato for vandringen",
    "follow_up": "Opfølgning",
    # neighbour help
    "helpers": "Nabohjælpere",
    "nabovenner": "Nabovenner",
    "kind": "Type",
    "place": "Sted",
    "sign_ups": "Tilmeldte",
    # imports and their undoing
    "rows": "Rækker",
    "new": "Nye rækker",
    "changed": "Ændrede rækker",
    "rounds": "Målinger",
    "replaced": "Erstattede rækker",
    "restored": "Genskabte rækker",
    # meetings and their decisions (dataio.meetings.store)
    "held_on": "Mødedato",
    "participants": "Deltagere",
    "agenda": "Dagsorden",
    "minutes": "Referat",
    "pack_snapshot_id": "Mødepakkens snapshot-id",
    "text": "Beslutning",
    "item_id": "Aktivitet i handlingsplanen",
    "meeting_id": "Møde",
    # survey rounds as a process and local questions (dataio.survey_rounds)
    "year": "År",
    "invitation_date": "Invitationsdato",
    "reminder_dates": "Planlagte påmindelser",
    "close_date": "Lukkedato",
    "invitations": "Inviterede",
    "responses": "Svar",
    "reminders_sent_on": "Påmindelser sendt",
    "question": "Spørgsmål",
    "categories": "Svarkategorier",
    "in_share": "Tæller i andelen",
    "answers": "Svar i hver kategori",
    # business neighbour-watch groups, their events and walks (dataio.business)
    "name": "Gruppens navn",
    "members": "Virksomheder i gruppen",
    "businesses_checked": "Virksomheder med sikringstjek",
    "contact": "Kontakt",
    "event_date": "Dato",
    "group_id": "Erhvervsgruppe",
    "walk_id": "Tryghedsvandring",
    # the police's incidents: an import's period, and what `botrygt prune` deleted
    "first": "Første dato",
    "last": "Sidste dato",
    "deleted": "Slettede hændelser",
    "months": "Opbevaringsgrænse (måneder)",
    "before": "Ældre end",
    # track 3: the press log and the stakeholder register (dataio.communication)
    "published_on": "Dato for omtalen",
    "medium": "Medie",
    "headline": "Overskrift",
    "url": "Link",
    "tone": "Tone",
    "contact_name": "Kontaktperson",
    "phone": "Telefon",
    "tracks": "Spor",
    "note": "Note",
    "partners": "Partnere",
}

# The kinds of change, as the filter and the log name them
ACTION_NAMES: dict[str, str] = {
    "action_plan.create": "Handlingsplan oprettet",
    "action_plan.import": "Handlingsplan importeret",
    "action_item.create": "Aktivitet tilføjet",
    "action_item.update": "Aktivitet ændret",
    "action_item.delete": "Aktivitet slettet",
    "mail.remind": "Påmindelser og månedsbreve sendt",
    "brief.schedule": "Dag for månedsbrevet ændret",
    "action_item.check_in": "Statusopdatering",
    "goal.check_in": "Kommentar til mål",
    "safety_walk.create": "Tryghedsvandring registreret",
    "walk_observation.update": "Opfølgning ændret",
    "goal.create": "Mål oprettet",
    "goal.update": "Mål ændret",
    "helpers.count": "Nabohjælpertal registreret",
    "helpers.activity": "Rekrutteringsaktivitet registreret",
    "helpers.import": "Nabohjælpertal importeret",
    "survey.import": "Tryghedsmåling importeret",
    "data.import": "Statistik importeret",
    "incidents.import": "Politiets hændelser importeret",
    "incidents.prune": "Gamle hændelser slettet",
    "data.undo": "Import fortrudt",
    "user.add": "Bruger oprettet",
    "user.enable": "Bruger aktiveret",
    "user.disable": "Bruger deaktiveret",
    "user.rescope": "Brugers rolle ændret",
    "user.change_password": "Adgangskode ændret",
    "user.reset_password": "Adgangskode nulstillet",
    "user.set_email": "E-mail ændret",
    "user.set_language": "Sprog ændret",
    "user.calendar_token": "Ny kalenderadresse",
    "partnership.create": "Partnerskabskommune tilføjet",
    "partnership.start": "Partnerskabets startdato ændret",
    "partnership.publish": "Offentlig visning slået til/fra",
    "meeting.create": "Møde oprettet",
    "meeting.update": "Møde ændret",
    "meeting.decision": "Beslutning registreret",
    "survey_schedule.create": "Tryghedsmåling planlagt",
    "survey_schedule.update": "Planlagt tryghedsmåling ændret",
    "local_measure.create": "Lokalt spørgsmål tilføjet",
    "local_measure.counts": "Svar på lokalt spørgsmål registreret",
    "press.create": "Presseomtale registreret",
    "press.update": "Presseomtale ændret",
    "press.delete": "Presseomtale slettet",
    "stakeholder.create": "Aktør tilføjet",
    "stakeholder.update": "Aktør ændret",
    "stakeholder.delete": "Aktør slettet",
    "stakeholder.partners": "Partnere for en aktivitet ændret",
    "business_group.create": "Erhvervsgruppe oprettet",
    "business_group.update": "Erhvervsgruppe ændret",
    "business_group.delete": "Erhvervsgruppe slettet",
    "business_event.create": "Erhvervsgruppes aktivitet registreret",
    "business_event.delete": "Erhvervsgruppes aktivitet slettet",
    "business_walk.link": "Tryghedsvandring knyttet til erhvervsgruppe",
    "business_walk.unlink": "Tryghedsvandring fjernet fra erhvervsgruppe",
}

# changes whose stored summary already says what changed, from what to what
SELF_DESCRIBED = frozenset({"action_item.check_in", "goal.check_in"})

# the tables of a municipality's plan: its items, safety walks and their follow-ups
PLAN_ENTITIES = ("action_plan", "action_item", "safety_walk", "walk_observation")

_YEAR_FIELDS = frozenset({"baseline_year", "target_year", "year"})
_DATE_FIELDS = frozenset(
    {
        "start_date",
        "due_date",
        "walk_date",
        "held_on",
        "first",
        "last",
        "before",
        "published_on",
        "event_date",
    }
)
_SHARE_FIELDS = frozenset({"target_reduction"})
_ORGANISATIONS = frozenset(o.value for o in Organisation)  # a plan item's owner: kommune, ...
_SCOPE_KINDS = {"national": "hele landet", "municipality": "kommune"}
_TARGET_UNITS = {
    "level": "antal nabohjælpere",
    "increase": "nye nabohjælpere",
    "household_share": "andel af husstandene",
}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ROLES = "|".join(r.value for r in Role)
_ROLE_CODES = re.compile(rf"(?<=\()({_ROLES})(?=\))|(?<=rollen )({_ROLES})\b")
# a count of 1.000 or more in a summary ("...: 1450"); 4-digit numbers from 1900 to 2100 are years
_COUNT = re.compile(r"(?<![\w.,«-])(\d{4,})(?![\w.,»-])")


@dataclass(frozen=True)
class Names:
    """What codes stand for: municipality and police district names, people's display names."""

    municipalities: Mapping[int, str]
    districts: Mapping[int, str]
    people: Mapping[str, str]


NO_NAMES = Names({}, {}, {})


def action_name(action: str) -> str:
    """The kind of change in Danish ('goal.update' -> 'Mål ændret'); an unknown code as 'Ændring'."""
    return ACTION_NAMES.get(action, "Ændring")


def field_name(field: str) -> str:
    """A stored field's Danish name ('walk_date' -> 'Dato for vandringen')."""
    return FIELD_NAMES.get(field, field.replace("_", " ").capitalize())


# writers that are no person: the demo data's seeding (dataio.seed.demo_plan.DEMO_ACTOR)
SYSTEM_NAMES = {"botrygt demo": "Eksempeldata (automatisk)"}


def person_name(username: str, names: Names = NO_NAMES) -> str:
    """A person's display name, or the username where none is known."""
    known = names.people.get(username) or SYSTEM_NAMES.get(username)
    if known:
        return known
    if username.startswith("cli:"):  # cli.common.cli_actor: an administrator at the server
        return f"Kommandolinjen ({username.removeprefix('cli:')})"
    return username


def _as_date(value: str) -> date | datetime | None:
    try:
        return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: float, field: str) -> str:
    if field in _YEAR_FIELDS:
        return str(int(value))
    if field in _SHARE_FIELDS:
        return fmt_percent(value, digits=0)
    if field == "progress":
        return f"{fmt_int(value)} %"
    if float(value).is_integer():
        return fmt_int(value)
    if 0 < abs(value) < 1 and field == "target":
        return fmt_percent(value, digits=0)  # a share target (insecurity, households)
    return fmt_decimal(value, digits=1)


def _code(field: str, value: Any, names: Names) -> str | None:
    """A code in words, or None where the value is not one of the field's codes."""
    words: dict[str, Mapping[Any, str]] = {
        "track": {t.value: TRACK_LABELS[t] for t in Track},
        "goal": GOAL_LABELS,
        "indicator": {i.value: INDICATOR_LABELS[i].capitalize() for i in Indicator},
        "scope_kind": _SCOPE_KINDS,
        "target_unit": _TARGET_UNITS,
        "role": {r.value: ROLE_LABELS[r].capitalize() for r in Role},
        "municipality_code": names.municipalities,
        "scope_code": names.municipalities,
        "police_district_number": names.districts,
        "owner_username": names.people,
        "override_status": {s.value: status_mark(s) for s in Status},
        "language": LANGUAGE_NAMES,
        "tone": {t.value: TONE_LABELS[t].capitalize() for t in Tone},
    }
    table = words.get(field)
    if table is None:
        return None
    key = int(value) if field.endswith(("_code", "_number")) else value
    return table.get(key, str(value))


def value_text(field: str, value: Any, names: Names = NO_NAMES) -> str:
    """A stored value as a reader reads it: '2. dec. 2026', '1.450', 'ja', 'Spor 1: ...'."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if field in {"municipality_code", "scope_code", "police_district_number"} and isinstance(
        value, int
    ):
        return _code(field, value, names) or str(value)
    if isinstance(value, int | float):
        return _number(float(value), field)
    text = str(value)
    if (coded := _code(field, text, names)) is not None:
        return coded
    if field in _DATE_FIELDS or field.endswith(("_date", "_at")):
        moment = _as_date(text)
        if isinstance(moment, datetime):
            return fmt_datetime(moment)
        if isinstance(moment, date):
            return fmt_date(moment)
    if field in {"reminder_dates", "reminders_sent_on"}:  # ISO dates separated by commas
        return ", ".join(fmt_date(date.fromisoformat(d)) for d in text.split(",") if d.strip())
    if field == "organisation" and text not in _ORGANISATIONS:
        return text  # a stakeholder's organisation, as typed ("Ishøj Boldklub")
    if field in {"status", "kind", "organisation"}:
        return text.capitalize()  # already Danish words ("i gang", "messe", "fælles")
    return text


def _values(stored: object) -> dict[str, Any]:
    """A stored JSON snapshot as a dict (None, NaN or empty as empty)."""
    if isinstance(stored, dict):
        return stored
    return json.loads(stored) if isinstance(stored, str) and stored else {}


@dataclass(frozen=True)
class FieldChange:
    """One field a write changed, in words."""

    field: str  # its Danish name
    before: str | None  # None: the field was not there before (created)
    after: str | None  # None: not there after (deleted)


def field_changes(before: object, after: object, names: Names = NO_NAMES) -> list[FieldChange]:
    """The fields whose value differs between the snapshots, in the snapshots' order."""
    old, new = _values(before), _values(after)
    keys = [
        k
        for k in dict.fromkeys([*old, *new])
        if k not in IGNORED_FIELDS and (k not in old or k not in new or old[k] != new[k])
    ]
    return [
        FieldChange(
            field_name(k),
            value_text(k, old[k], names) if k in old else None,
            value_text(k, new[k], names) if k in new else None,
        )
        for k in keys
    ]


def change_lines(
    before: object, after: object, names: Names = NO_NAMES, *, sep: str = "\n"
) -> tuple[str, str]:
    """The Før and Efter texts: a 'Felt: værdi' part per changed field, joined by `sep` (a table
    cell in the browser collapses line breaks, so the page joins with '; ')."""
    changes = field_changes(before, after, names)
    return (
        sep.join(f"{c.field}: {c.before}" for c in changes if c.before is not None),
        sep.join(f"{c.field}: {c.after}" for c in changes if c.after is not None),
    )


def summary_text(summary: str) -> str:
    """A stored summary with its ISO dates as Danish dates and role codes in words."""
    text = _ISO_DATE.sub(lambda m: fmt_date(date(*map(int, m.groups()))), summary)
    text = _ROLE_CODES.sub(lambda m: ROLE_LABELS[Role(m.group(1) or m.group(2))], text)
    return _COUNT.sub(_count, text)


def _count(match: re.Match[str]) -> str:
    number = int(match.group(1))
    return (
        match.group(1) if len(match.group(1)) == 4 and 1900 <= number <= 2100 else fmt_int(number)
    )


def change_sentence(
    *, action: str, summary: str, before: object, after: object, names: Names = NO_NAMES
) -> str:
    """One Danish sentence for a change: the summary, then what changed from what to what."""
    text = summary_text(summary) if summary else action_name(action)
    if action in SELF_DESCRIBED:
        return text if text.endswith((".", "«", "»")) else text + "."
    changes = [c for c in field_changes(before, after, names) if c.before is not None]
    if not changes or after is None or (isinstance(after, str) and not after):
        return text if text.endswith(".") else text + "."
    parts = [
        f"{c.field.lower()} fra {c.before} til {c.after}"
        if c.after is not None
        else f"{c.field.lower()} ({c.before}) fjernet"
        for c in changes
    ]
    return f"{text}: {'; '.join(parts)}."


def _moved(field: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> str | None:
    """'Fremdrift 40 % → 60 %' where the field changed, else None."""
    old, new = before.get(field), after.get(field)
    if old == new or (isinstance(old, date) and str(old) == str(new)):
        return None
    return f"{field_name(field)} {value_text(field, old)} → {value_text(field, new)}"


def check_in_summary(
    *,
    title: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    comment: str,
    due_reason: str = "",
) -> str:
    """An item's check-in in one line: 'Statusopdatering af «Titel»: Fremdrift 40 % → 60 %,
    »Møde med boligforeningen holdt«' (what did not change is left out)."""
    parts = [p for f in ("status", "progress") if (p := _moved(f, before, after))]
    if due := _moved("due_date", before, after):
        parts.append(f"{due} ({due_reason})" if due_reason else due)
    if comment:
        parts.append(f"»{comment}«")
    return f"Statusopdatering af «{title}»: " + (", ".join(parts) or "uændret")


def goal_check_in_summary(
    *, goal: str, period: str, comment: str, override_status: str | None, reason: str
) -> str:
    """A goal's check-in in one line: 'Kommentar til målet for Ishøj (indbrud), 2026-K3:
    »...«; projektlederens vurdering: ● På rette vej (»begrundelse«)'."""
    parts = [f"»{comment}«"] if comment else []
    if override_status:
        parts.append(f"projektlederens vurdering: {status_mark(override_status)} (»{reason}«)")
    return f"Kommentar til {goal}, {period}: " + ("; ".join(parts) or "uden tekst")
