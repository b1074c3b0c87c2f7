"""Shared words and messages in English: status marks, plan warnings, the effect's verdict,
role/scope problems, an unknown municipality, a refused number; Danish unchanged."""

import pytest

from dataio.errors import UnknownMunicipality
from models.numbers import NumberRefused, parse_count, parse_decimal
from models.permissions import Role, scope_problem, validate_scope
from models.vocabulary import (
    NO_DATA_LABEL,
    OVERDUE_FLAG,
    STALE_FLAG,
    effect_label,
    effect_mark,
    flag_text,
    status_mark,
)

EN = "en"


def test_status_mark() -> None:
    assert status_mark("on_track") == "● På rette vej"
    assert status_mark("on_track", lang=EN) == "● On track"
    assert status_mark(None, NO_DATA_LABEL) == "◆ Ingen data endnu"
    assert status_mark(None, NO_DATA_LABEL, lang=EN).startswith("◆ ")
    assert "Ingen" not in status_mark(None, NO_DATA_LABEL, lang=EN)


@pytest.mark.parametrize(
    ("flag", "english"),
    [
        (OVERDUE_FLAG, "■ Overdue"),
        (STALE_FLAG, "▲ Not touched in 90 days"),
        (f"{OVERDUE_FLAG}, {STALE_FLAG}", "■ Overdue, ▲ Not touched in 90 days"),
        ("", ""),
    ],
)
def test_flag_text(flag: str, english: str) -> None:
    assert flag_text(flag) == flag
    assert flag_text(flag, lang=EN) == english


@pytest.mark.parametrize(
    ("status", "danish", "english"),
    [
        ("faldet mere end sammenlignelige", "▼ Faldet mere end sammenlignelige",
         "▼ Fell more than comparable municipalities"),
        ("for tidligt at sige", "○ For tidligt at sige", "○ Too early to say"),
        ("svag sammenligning", "◆ Svag sammenligning", "◆ Weak comparison"),
    ],
)  # fmt: skip
def test_effect_words(status: str, danish: str, english: str) -> None:
    assert effect_mark(status) == danish
    assert effect_mark(status, lang=EN) == english
    assert effect_label(status, lang=EN) == english[2:]


@pytest.mark.parametrize(
    ("role", "municipality", "district", "danish", "english"),
    [
        (Role.PROJECT_LEADER, None, None, "Rollen projektleder skal bindes til netop én kommune",
         "The project leader role must be bound to exactly one municipality"),
        (Role.POLICE, 183, None, "Rollen politi skal bindes til netop én politikreds",
         "The police role must be bound to exactly one police district"),
        (Role.ADMIN, 183, None, "Rollen administrator bindes ikke til en kommune eller politikreds",
         "The administrator role is not bound to a municipality or police district"),
        (Role.COUNCIL, 183, None, None, None),
    ],
)  # fmt: skip
def test_validate_scope_in_english(
    role: Role, municipality: int | None, district: int | None, danish: str, english: str
) -> None:
    scope = {"role": role, "municipality_code": municipality, "police_district_number": district}
    assert validate_scope(**scope) == danish  # type: ignore[arg-type]
    assert validate_scope(**scope, lang=EN) == english  # type: ignore[arg-type]
    problem = scope_problem(**scope)  # type: ignore[arg-type]
    assert (problem is None) if danish is None else (str(problem) == danish)


def test_unknown_municipality_in_english() -> None:
    error = UnknownMunicipality(999)
    assert str(error).startswith("Ukendt kommunekode: 999 (brug en af de 98")
    assert error.text(EN) == (
        "Unknown municipality code: 999 (use one of the 98 municipalities' three-digit DST codes,"
        " e.g. 183 for Ishøj)"
    )


@pytest.mark.parametrize(
    ("text", "danish", "english"),
    [
        ("abc", "«abc» er ikke et helt tal", "«abc» is not a whole number"),
        ("1,5", "«1,5» er ikke et helt tal", "«1,5» is not a whole number"),
        ("-3", "-3 er negativ; antal skal være 0 eller mere",
         "-3 is negative; a count must be 0 or more"),
        ("2000000", "«2000000» er for stort et antal (højst 1.000.000)",
         "«2000000» is too large a count (at most 1,000,000)"),
    ],
)  # fmt: skip
def test_refused_count_in_english(text: str, danish: str, english: str) -> None:
    with pytest.raises(NumberRefused) as refused:
        parse_count(text)
    assert str(refused.value) == danish
    assert refused.value.text() == danish
    assert refused.value.text(EN) == english


def test_refused_decimal_in_english() -> None:
    with pytest.raises(NumberRefused) as refused:
        parse_decimal("x")
    assert refused.value.why == "er ikke et tal (skriv decimaler med komma, fx 17,3)"
    assert refused.value.why_text(EN) == "is not a number (write decimals with a comma, e.g. 17,3)"
