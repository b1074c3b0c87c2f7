"""Danish and English side by side for what Administration, Kommunikation and Erhverv build with a
`lang` (issue 18): the press log's counts and intervals, tones and event kinds, the refusals of the
press, stakeholder, group and event checks; Danish exactly as before."""

from datetime import date

import pandas as pd
import pytest

from dataio.errors import ValidationFailed
from dataio.store.users import clean_email
from models.actionplan import GOAL_LABELS, TRACK_LABELS
from models.business import (
    EventKind,
    event_kind_label,
    event_problem,
    event_refusal,
    group_problem,
)
from models.communication import (
    QuarterShare,
    part_of,
    press_problem,
    share_range,
    stakeholder_problem,
    tone_label,
    url_problem,
)
from ui.business_view import DEMO_BANNER
from ui.communication_view import MARKED_GOALS, MARKED_TRACKS
from ui.partnership_form import partnerships_in_language, users_in_language
from ui.tables import partnerships_for_display, users_for_display
from ui.text import DEMO_BUSINESS_BANNER

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("share", "danish", "english"),
    [
        (
            QuarterShare("2026K4", 1, 3, 1 / 3, 0.0615, 0.7923),
            "33,3 % (1 af 3 omtaler; 95 %-interval 6,2 % til 79,2 %)",
            "33.3 % (1 of 3 articles; 95 % interval 6.2 % to 79.2 %)",
        ),
        (
            QuarterShare("2026K4", 1, 1, 1.0, 0.2065, 1.0),
            "100,0 % (1 af 1 omtale; 95 %-interval 20,7 % til 100,0 %)",
            "100.0 % (1 of 1 article; 95 % interval 20.7 % to 100.0 %)",
        ),
        (
            QuarterShare("2026K4", 600, 1200, 0.5, 0.4718, 0.5282),
            "50,0 % (600 af 1.200 omtaler; 95 %-interval 47,2 % til 52,8 %)",
            "50.0 % (600 of 1,200 articles; 95 % interval 47.2 % to 52.8 %)",
        ),
    ],
)
def test_quarter_share_text(share: QuarterShare, danish: str, english: str) -> None:
    assert share.text() == danish
    assert share.text(lang="da") == danish
    assert share.text(lang="en") == english


def test_counts_ranges_tones_and_kinds() -> None:
    assert (part_of(1, 3), part_of(1, 3, lang="en")) == ("1 af 3", "1 of 3")
    assert part_of(1200, 3400, lang="en") == "1,200 of 3,400"
    assert share_range(0.061, 0.792) == "6,1 % til 79,2 %"
    assert share_range(0.061, 0.792, lang="en") == "6.1 % to 79.2 %"
    assert [tone_label(t) for t in ("constructive", "neutral", "negative")] == [
        "konstruktiv",
        "neutral",
        "negativ",
    ]
    assert [tone_label(t, lang="en") for t in ("constructive", "neutral", "negative")] == [
        "constructive",
        "neutral",
        "negative",
    ]
    assert [event_kind_label(k) for k in EventKind] == [
        "Møde",
        "Tryghedsvandring",
        "Sikringstjek",
        "Andet",
    ]
    assert [event_kind_label(k, lang="en") for k in EventKind] == [
        "Meeting",
        "Safety walk",
        "Security check",
        "Other",
    ]
    assert event_kind_label("ukendt art", lang="en") == "Ukendt art"  # as stored, capitalised


@pytest.mark.parametrize(
    ("check", "danish", "english"),
    [
        (
            lambda lang: url_problem("ftp://x.dk", lang=lang),
            "Linket skal være en webadresse, der begynder med https:// eller http://.",
            "The link must be a web address beginning with https:// or http://.",
        ),
        (
            lambda lang: press_problem(
                published_on=TODAY,
                medium="Ishøj Avis",
                headline="",
                url="",
                tone="constructive",
                goal=None,
                today=TODAY,
                lang=lang,
            ),
            "Overskriften skal udfyldes.",
            "The headline is required.",
        ),
        (
            lambda lang: press_problem(
                published_on=date(2026, 12, 1),
                medium="Ishøj Avis",
                headline="Nyt",
                url="",
                tone="constructive",
                goal=None,
                today=TODAY,
                lang=lang,
            ),
            "Datoen for omtalen kan ikke ligge i fremtiden.",
            "The date of the coverage cannot be in the future.",
        ),
        (
            lambda lang: stakeholder_problem(
                organisation="A",
                contact_name="",
                email="",
                phone="",
                tracks=["Spor 9"],
                note="",
                lang=lang,
            ),
            "Ukendt spor: Spor 9.",
            "Unknown track: Spor 9.",
        ),
        (
            lambda lang: group_problem(
                name="G",
                area="",
                members=3,
                checked=5,
                contact="",
                start_date=None,
                today=TODAY,
                lang=lang,
            ),
            "Antal med sikringstjek (5) kan ikke være større end antal virksomheder (3)",
            "The number with a security check (5) cannot be larger than the number of businesses (3)",
        ),
        (
            lambda lang: group_problem(
                name="G",
                area="x" * 2001,
                members=3,
                checked=1,
                contact="",
                start_date=None,
                today=TODAY,
                lang=lang,
            ),
            "Området må højst være 2000 tegn",
            "The area may be at most 2000 characters",
        ),
        (
            lambda lang: event_problem(
                kind="møde", event_date=date(1999, 1, 1), note="", today=TODAY, lang=lang
            ),
            "Datoen skal ligge mellem år 2000 og 2027",
            "The date must be between the year 2000 and 2027",
        ),
    ],
)
def test_refusals_in_both_languages(check: object, danish: str, english: str) -> None:
    assert check("da") == danish  # type: ignore[operator]
    assert check("en") == english  # type: ignore[operator]


def test_a_refusal_is_a_message_with_the_danish_text() -> None:
    refusal = event_refusal(kind="fest", event_date=TODAY, note="", today=TODAY)
    assert refusal is not None
    assert str(refusal) == "Typen skal være møde, tryghedsvandring, sikringstjek eller andet"
    assert refusal.render("en") == "The type must be meeting, safety walk, security check or other"
    with pytest.raises(ValidationFailed) as refused:
        clean_email("anne")
    assert str(refused.value) == "»anne« er ikke en e-mailadresse (fx navn@kommune.dk)"
    assert refused.value.text("en") == "»anne« is not an e-mail address (e.g. name@kommune.dk)"


def test_the_texts_marked_elsewhere_are_the_shown_ones() -> None:
    assert DEMO_BANNER == DEMO_BUSINESS_BANNER
    assert set(MARKED_TRACKS) == set(TRACK_LABELS.values())
    assert set(MARKED_GOALS) == {label for key, label in GOAL_LABELS.items() if key != "none"}


def test_administration_tables_in_english() -> None:
    users = pd.DataFrame(
        {
            "username": ["admin", "projektleder"],
            "display_name": ["Admin", "Pia"],
            "role": ["admin", "project_leader"],
            "municipality_code": [None, 183],
            "police_district_number": [None, None],
            "email": [None, "pia@ishoj.dk"],
            "active": [True, False],
            "locked_until": [None, pd.Timestamp("2026-11-23 16:20", tz="UTC")],
        }
    )
    shown = users_for_display(users, municipality_names={183: "Ishøj"}, district_names={})
    assert users_in_language(shown, users) is shown  # Danish as ui.tables makes it
    english = users_in_language(shown, users, lang="en")
    assert list(english.columns) == [
        "Username",
        "Name",
        "Role",
        "Area",
        "E-mail",
        "Active",
        "Locked until",
    ]
    assert list(english["Role"]) == ["administrator", "project leader"]
    assert list(english["Area"]) == ["all of Denmark", "Ishøj"]
    assert list(english["Active"]) == ["yes", "no"]
    assert english["Locked until"][1] == "23 Nov 2026, 17:20"
    partnerships = pd.DataFrame(
        {
            "code": [183, 101],
            "partner_since": ["2019-10", None],
            "start_date": [date(2019, 10, 1), None],
        }
    )
    shown = partnerships_for_display(partnerships, names={183: "Ishøj", 101: "København"})
    assert partnerships_in_language(shown, partnerships) is shown
    english = partnerships_in_language(shown, partnerships, lang="en")
    assert list(english.columns) == ["Municipality", "Code", "Partnership since", "First day"]
    assert english.to_dict("records") == [
        {
            "Municipality": "Ishøj",
            "Code": "183",
            "Partnership since": "2019-10",
            "First day": "1 Oct 2019",
        },
        {
            "Municipality": "København",
            "Code": "101",
            "Partnership since": "unknown",
            "First day": "–",
        },
    ]
