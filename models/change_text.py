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
from models.i18n import DANISH, LANGUAGE_NAMES, N_, language_of, translate, translator
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
    "track": N_("Spor"),
    "activity_group": N_("Aktivitet"),
    "title": N_("Titel"),
    "owner_name": N_("Ansvarlig"),
    # check-ins of items and goals (dataio.tasks)
    "comment": N_("Kommentar"),
    "due_reason": N_("Begrundelse for ny frist"),
    "period": N_("Periode"),
    "override_status": N_("Projektlederens vurdering"),
    "override_reason": N_("Begrundelse for vurderingen"),
    "organisation": N_("Organisation"),
    "start_date": N_("Start"),
    "due_date": N_("Frist"),
    "status": N_("Status"),
    "progress": N_("Fremdrift"),
    "goal": N_("Mål"),
    "notes": N_("Noter"),
    "owner_username": N_("Ansvarlig (bruger)"),
    "status_note": N_("Note til status"),
    "items": N_("Aktiviteter"),
    # botrygt remind (dataio.mail): a run's counts and a partnership's day for the brief
    "reminders": N_("Påmindelser"),
    "briefs": N_("Månedsbreve"),
    "sent": N_("Sendt"),
    "failed": N_("Fejlede"),
    "day_of_month": N_("Dag i måneden for månedsbrevet"),
    # goals
    "scope_kind": N_("Niveau"),
    "scope_code": N_("Kommune"),
    "indicator": N_("Indikator"),
    "baseline": N_("Udgangspunkt"),
    "baseline_year": N_("Udgangsår"),
    "target": N_("Målniveau"),
    "target_reduction": N_("Reduktion"),
    "target_year": N_("Målår"),
    "target_year_is_default": N_("Målår sat som standard"),
    "target_unit": N_("Målets enhed"),
    "source_note": N_("Kilde"),
    # partnerships (dataio.store.areas)
    "partner_since": N_("Partnerskab siden"),
    "published": N_("Offentlig visning"),
    "published_summary": N_("Tekst til den offentlige visning"),
    # users
    "username": N_("Brugernavn"),
    "display_name": N_("Navn"),
    "role": N_("Rolle"),
    "active": N_("Aktiv"),
    "municipality_code": N_("Kommune"),
    "police_district_number": N_("Politikreds"),
    "email": N_("E-mail"),
    "brief_subscribed": N_("Modtager månedsbrevet"),
    "language": N_("Sprog"),
    # safety walks and their follow-ups
    "area": N_("Område"),
    "walk_date": N_("Dato for vandringen"),
    "follow_up": N_("Opfølgning"),
    # neighbour help
    "helpers": N_("Nabohjælpere"),
    "nabovenner": N_("Nabovenner"),
    "kind": N_("Type"),
    "place": N_("Sted"),
    "sign_ups": N_("Tilmeldte"),
    # imports and their undoing
    "rows": N_("Rækker"),
    "new": N_("Nye rækker"),
    "changed": N_("Ændrede rækker"),
    "rounds": N_("Målinger"),
    "replaced": N_("Erstattede rækker"),
    "restored": N_("Genskabte rækker"),
    # meetings and their decisions (dataio.meetings.store)
    "held_on": N_("Mødedato"),
    "participants": N_("Deltagere"),
    "agenda": N_("Dagsorden"),
    "minutes": N_("Referat"),
    "pack_snapshot_id": N_("Mødepakkens snapshot-id"),
    "text": N_("Beslutning"),
    "item_id": N_("Aktivitet i handlingsplanen"),
    "meeting_id": N_("Møde"),
    # survey rounds as a process and local questions (dataio.survey_rounds)
    "year": N_("År"),
    "invitation_date": N_("Invitationsdato"),
    "reminder_dates": N_("Planlagte påmindelser"),
    "close_date": N_("Lukkedato"),
    "invitations": N_("Inviterede"),
    "responses": N_("Svar"),
    "reminders_sent_on": N_("Påmindelser sendt"),
    "question": N_("Spørgsmål"),
    "categories": N_("Svarkategorier"),
    "in_share": N_("Tæller i andelen"),
    "answers": N_("Svar i hver kategori"),
    # business neighbour-watch groups, their events and walks (dataio.business)
    "name": N_("Gruppens navn"),
    "members": N_("Virksomheder i gruppen"),
    "businesses_checked": N_("Virksomheder med sikringstjek"),
    "contact": N_("Kontakt"),
    "event_date": N_("Dato"),
    "group_id": N_("Erhvervsgruppe"),
    "walk_id": N_("Tryghedsvandring"),
    # the police's incidents: an import's period, and what `botrygt prune` deleted
    "first": N_("Første dato"),
    "last": N_("Sidste dato"),
    "deleted": N_("Slettede hændelser"),
    "months": N_("Opbevaringsgrænse (måneder)"),
    "before": N_("Ældre end"),
    # track 3: the press log and the stakeholder register (dataio.communication)
    "published_on": N_("Dato for omtalen"),
    "medium": N_("Medie"),
    "headline": N_("Overskrift"),
    "url": N_("Link"),
    "tone": N_("Tone"),
    "contact_name": N_("Kontaktperson"),
    "phone": N_("Telefon"),
    "tracks": N_("Spor"),
    "note": N_("Note"),
    "partners": N_("Partnere"),
}

# The kinds of change, as the filter and the log name them
ACTION_NAMES: dict[str, str] = {
    "action_plan.create": N_("Handlingsplan oprettet"),
    "action_plan.import": N_("Handlingsplan importeret"),
    "action_item.create": N_("Aktivitet tilføjet"),
    "action_item.update": N_("Aktivitet ændret"),
    "action_item.delete": N_("Aktivitet slettet"),
    "mail.remind": N_("Påmindelser og månedsbreve sendt"),
    "brief.schedule": N_("Dag for månedsbrevet ændret"),
    "action_item.check_in": N_("Statusopdatering"),
    "goal.check_in": N_("Kommentar til mål"),
    "safety_walk.create": N_("Tryghedsvandring registreret"),
    "walk_observation.update": N_("Opfølgning ændret"),
    "goal.create": N_("Mål oprettet"),
    "goal.update": N_("Mål ændret"),
    "helpers.count": N_("Nabohjælpertal registreret"),
    "helpers.activity": N_("Rekrutteringsaktivitet registreret"),
    "helpers.import": N_("Nabohjælpertal importeret"),
    "survey.import": N_("Tryghedsmåling importeret"),
    "data.import": N_("Statistik importeret"),
    "incidents.import": N_("Politiets hændelser importeret"),
    "incidents.prune": N_("Gamle hændelser slettet"),
    "data.undo": N_("Import fortrudt"),
    "user.add": N_("Bruger oprettet"),
    "user.enable": N_("Bruger aktiveret"),
    "user.disable": N_("Bruger deaktiveret"),
    "user.rescope": N_("Brugers rolle ændret"),
    "user.change_password": N_("Adgangskode ændret"),
    "user.reset_password": N_("Adgangskode nulstillet"),
    "user.set_email": N_("E-mail ændret"),
    "user.set_language": N_("Sprog ændret"),
    "user.calendar_token": N_("Ny kalenderadresse"),
    "partnership.create": N_("Partnerskabskommune tilføjet"),
    "partnership.start": N_("Partnerskabets startdato ændret"),
    "partnership.publish": N_("Offentlig visning slået til/fra"),
    "meeting.create": N_("Møde oprettet"),
    "meeting.update": N_("Møde ændret"),
    "meeting.decision": N_("Beslutning registreret"),
    "survey_schedule.create": N_("Tryghedsmåling planlagt"),
    "survey_schedule.update": N_("Planlagt tryghedsmåling ændret"),
    "local_measure.create": N_("Lokalt spørgsmål tilføjet"),
    "local_measure.counts": N_("Svar på lokalt spørgsmål registreret"),
    "press.create": N_("Presseomtale registreret"),
    "press.update": N_("Presseomtale ændret"),
    "press.delete": N_("Presseomtale slettet"),
    "stakeholder.create": N_("Aktør tilføjet"),
    "stakeholder.update": N_("Aktør ændret"),
    "stakeholder.delete": N_("Aktør slettet"),
    "stakeholder.partners": N_("Partnere for en aktivitet ændret"),
    "business_group.create": N_("Erhvervsgruppe oprettet"),
    "business_group.update": N_("Erhvervsgruppe ændret"),
    "business_group.delete": N_("Erhvervsgruppe slettet"),
    "business_event.create": N_("Erhvervsgruppes aktivitet registreret"),
    "business_event.delete": N_("Erhvervsgruppes aktivitet slettet"),
    "business_walk.link": N_("Tryghedsvandring knyttet til erhvervsgruppe"),
    "business_walk.unlink": N_("Tryghedsvandring fjernet fra erhvervsgruppe"),
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
_SCOPE_KINDS = {"national": N_("hele landet"), "municipality": N_("kommune")}
_TARGET_UNITS = {
    "level": N_("antal nabohjælpere"),
    "increase": N_("nye nabohjælpere"),
    "household_share": N_("andel af husstandene"),
}
# Words other modules keep as plain Danish constants (models.actionplan, models.domain,
# models.communication, the stored codes of statuses, kinds and organisations), marked here so
# that the change log can show them in English: tests/models/test_change_text_en1 checks that
# every one of them is here. The Danish shown stays the other modules' own text.
_MARKED_ELSEWHERE = (
    # TRACK_LABELS
    N_("Organisering"),
    N_("Spor 1: Engagering af borgerne"),
    N_("Spor 2: Det lokale erhvervsliv"),
    N_("Spor 3: Konstruktiv presse og kommunikation"),
    # GOAL_LABELS
    N_("Indbrud"),
    N_("Nabohjælpere"),
    N_("Tryghed"),
    N_("Intet"),
    # INDICATOR_LABELS, capitalised as the log shows them
    N_("Utryghed"),
    # TONE_LABELS
    N_("konstruktiv"),
    N_("neutral"),
    N_("negativ"),
    # stored codes that are Danish words: item, follow-up and survey statuses, kinds of
    # recruitment and business events, organisations (shown capitalised)
    N_("ikke startet"),
    N_("i gang"),
    N_("færdig"),
    N_("udskudt"),
    N_("aflyst"),
    N_("åben"),
    N_("lukket"),
    N_("planlagt"),
    N_("afsluttet"),
    N_("borgermøde"),
    N_("tryghedsvandring"),
    N_("messe"),
    N_("mobil politistation"),
    N_("nabo-til-nabo"),
    N_("kampagne"),
    N_("møde"),
    N_("sikringstjek"),
    N_("andet"),
    N_("kommune"),
    N_("politi"),
    N_("fælles"),
    N_("erhvervsforening"),
)
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


def action_name(action: str, *, lang: str = DANISH) -> str:
    """The kind of change in the language ('goal.update' -> 'Mål ændret', English 'Goal
    changed'); an unknown code as 'Ændring' ('Change')."""
    return translate(lang, ACTION_NAMES.get(action, N_("Ændring")))


def field_name(field: str, *, lang: str = DANISH) -> str:
    """A stored field's name in the language ('walk_date' -> 'Dato for vandringen')."""
    if field in FIELD_NAMES:
        return translate(lang, FIELD_NAMES[field])
    return field.replace("_", " ").capitalize()


# writers that are no person: the demo data's seeding (dataio.seed.demo_plan.DEMO_ACTOR)
SYSTEM_NAMES = {"botrygt demo": N_("Eksempeldata (automatisk)")}


def person_name(username: str, names: Names = NO_NAMES, *, lang: str = DANISH) -> str:
    """A person's display name, or the username where none is known; a writer that is no person
    (the demo seeding, the command line) in words in the language."""
    if username in SYSTEM_NAMES:
        return translate(lang, SYSTEM_NAMES[username])
    if username.startswith("cli:"):  # cli.common.cli_actor: an administrator at the server
        return translate(lang, "Kommandolinjen ({user})").format(user=username.removeprefix("cli:"))
    return names.people.get(username) or username


def _as_date(value: str) -> date | datetime | None:
    try:
        return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: float, field: str, lang: str = DANISH) -> str:
    if field in _YEAR_FIELDS:
        return str(int(value))
    if field in _SHARE_FIELDS:
        return fmt_percent(value, digits=0, lang=lang)
    if field == "progress":
        return f"{fmt_int(value, lang=lang)} %"
    if float(value).is_integer():
        return fmt_int(value, lang=lang)
    if 0 < abs(value) < 1 and field == "target":
        return fmt_percent(value, digits=0, lang=lang)  # a share target (insecurity, households)
    return fmt_decimal(value, digits=1, lang=lang)


def _code(field: str, value: Any, names: Names, lang: str = DANISH) -> str | None:
    """A code in words, or None where the value is not one of the field's codes."""
    _ = translator(lang)
    words: dict[str, Mapping[Any, str]] = {
        "track": {t.value: _(TRACK_LABELS[t]) for t in Track},
        "goal": {key: _(label) for key, label in GOAL_LABELS.items()},
        "indicator": {i.value: _(INDICATOR_LABELS[i].capitalize()) for i in Indicator},
        "scope_kind": {key: _(label) for key, label in _SCOPE_KINDS.items()},
        "target_unit": {key: _(label) for key, label in _TARGET_UNITS.items()},
        "role": {r.value: _(ROLE_LABELS[r]).capitalize() for r in Role},
        "municipality_code": names.municipalities,
        "scope_code": names.municipalities,
        "police_district_number": names.districts,
        "owner_username": names.people,
        "override_status": {s.value: status_mark(s, lang=lang) for s in Status},
        "language": LANGUAGE_NAMES,  # each language named in itself
        "tone": {t.value: _(TONE_LABELS[t]).capitalize() for t in Tone},
    }
    table = words.get(field)
    if table is None:
        return None
    key = int(value) if field.endswith(("_code", "_number")) else value
    return table.get(key, str(value))


def value_text(field: str, value: Any, names: Names = NO_NAMES, *, lang: str = DANISH) -> str:
    """A stored value as a reader reads it: '2. dec. 2026', '1.450', 'ja', 'Spor 1: ...'
    (English: '2 Dec 2026', '1,450', 'yes', 'Track 1: ...')."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return translate(lang, "ja") if value else translate(lang, "nej")
    if field in {"municipality_code", "scope_code", "police_district_number"} and isinstance(
        value, int
    ):
        return _code(field, value, names, lang) or str(value)
    if isinstance(value, int | float):
        return _number(float(value), field, lang)
    text = str(value)
    if (coded := _code(field, text, names, lang)) is not None:
        return coded
    if field in _DATE_FIELDS or field.endswith(("_date", "_at")):
        moment = _as_date(text)
        if isinstance(moment, datetime):
            return fmt_datetime(moment, lang=lang)
        if isinstance(moment, date):
            return fmt_date(moment, lang=lang)
    if field in {"reminder_dates", "reminders_sent_on"}:  # ISO dates separated by commas
        return ", ".join(
            fmt_date(date.fromisoformat(d), lang=lang) for d in text.split(",") if d.strip()
        )
    if field == "organisation" and text not in _ORGANISATIONS:
        return text  # a stakeholder's organisation, as typed ("Ishøj Boldklub")
    if field in {"status", "kind", "organisation"}:
        # already Danish words ("i gang", "messe", "fælles"), in the language
        return translate(lang, text).capitalize()
    return text


def _values(stored: object) -> dict[str, Any]:
    """A stored JSON snapshot as a dict (None, NaN or empty as empty)."""
    if isinstance(stored, dict):
        return stored
    return json.loads(stored) if isinstance(stored, str) and stored else {}


@dataclass(frozen=True)
class FieldChange:
    """One field a write changed, in words."""

    field: str  # its name in the language
    before: str | None  # None: the field was not there before (created)
    after: str | None  # None: not there after (deleted)


def field_changes(
    before: object, after: object, names: Names = NO_NAMES, *, lang: str = DANISH
) -> list[FieldChange]:
    """The fields whose value differs between the snapshots, in the snapshots' order."""
    old, new = _values(before), _values(after)
    keys = [
        k
        for k in dict.fromkeys([*old, *new])
        if k not in IGNORED_FIELDS and (k not in old or k not in new or old[k] != new[k])
    ]
    return [
        FieldChange(
            field_name(k, lang=lang),
            value_text(k, old[k], names, lang=lang) if k in old else None,
            value_text(k, new[k], names, lang=lang) if k in new else None,
        )
        for k in keys
    ]


def change_lines(
    before: object,
    after: object,
    names: Names = NO_NAMES,
    *,
    sep: str = "\n",
    lang: str = DANISH,
) -> tuple[str, str]:
    """The Før and Efter texts: a 'Felt: værdi' part per changed field, joined by `sep` (a table
    cell in the browser collapses line breaks, so the page joins with '; ')."""
    changes = field_changes(before, after, names, lang=lang)
    return (
        sep.join(f"{c.field}: {c.before}" for c in changes if c.before is not None),
        sep.join(f"{c.field}: {c.after}" for c in changes if c.after is not None),
    )


def summary_text(summary: str, *, lang: str = DANISH) -> str:
    """A stored summary with its ISO dates as Danish dates and role codes in words.

    The summary itself is Danish text written at the time of the change (hash-chained, never
    rewritten). In another language it is shown as recorded, after the kind of change in that
    language: 'Goal changed (as logged: «Mål for Ishøj (indbrud) ændret»)'; its dates, roles and
    counts stay Danish too, so the quoted sentence reads as one."""
    text = _ISO_DATE.sub(lambda m: fmt_date(date(*map(int, m.groups()))), summary)
    text = _ROLE_CODES.sub(lambda m: ROLE_LABELS[Role(m.group(1) or m.group(2))], text)
    return _COUNT.sub(_count, text)


def change_text(action: str, summary: str, *, lang: str = DANISH) -> str:
    """What a change was, as the log's Ændring column shows it: the stored summary in Danish
    words (the kind of change where there is none); in another language the kind of change in
    it, then the Danish summary as logged."""
    if language_of(lang) == DANISH:
        return summary_text(summary) if summary else action_name(action)
    kind = action_name(action, lang=lang)
    if not summary:
        return kind
    return translate(lang, "{change} (logført: «{summary}»)").format(
        change=kind, summary=summary_text(summary)
    )


def _count(match: re.Match[str]) -> str:
    number = int(match.group(1))
    return (
        match.group(1) if len(match.group(1)) == 4 and 1900 <= number <= 2100 else fmt_int(number)
    )


def change_sentence(
    *,
    action: str,
    summary: str,
    before: object,
    after: object,
    names: Names = NO_NAMES,
    lang: str = DANISH,
) -> str:
    """One sentence for a change: the summary (in another language: the kind of change, then
    the Danish summary as logged), then what changed from what to what."""
    _ = translator(lang)
    text = change_text(action, summary, lang=lang)
    if action in SELF_DESCRIBED:
        # in another language the text ends with the logged summary's closing bracket
        endings = (".", "«", "»") if language_of(lang) == DANISH else (".", "«", "»", ")")
        return text if text.endswith(endings) else text + "."
    changes = [c for c in field_changes(before, after, names, lang=lang) if c.before is not None]
    if not changes or after is None or (isinstance(after, str) and not after):
        return text if text.endswith(".") else text + "."
    parts = [
        _("{field} fra {before} til {after}").format(
            field=c.field.lower(), before=c.before, after=c.after
        )
        if c.after is not None
        else _("{field} ({before}) fjernet").format(field=c.field.lower(), before=c.before)
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
