"""The plan's stored words as shown, in Danish and English (models.actionplan, lang=)."""

import pytest

from models.actionplan import goal_label, value_label, warning_text
from models.check_ins import override_line


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        ("i gang", "i gang", "in progress"),
        ("ikke startet", "ikke startet", "not started"),
        ("aflyst", "aflyst", "cancelled"),
        ("Spor 2", "Spor 2", "Track 2"),
        ("Organisering", "Organisering", "Organisation"),
        ("fælles", "fælles", "joint"),
        ("erhvervsforening", "erhvervsforening", "business association"),
        ("Lars Bak", "Lars Bak", "Lars Bak"),  # the partnership's own text stays as it is
        (None, "", ""),
    ],
)
def test_value_label(value: object, danish: str, english: str) -> None:
    assert value_label(value) == danish
    assert value_label(value, lang="en") == english


@pytest.mark.parametrize(
    ("code", "danish", "english"),
    [
        ("burglaries", "Indbrud", "Burglaries"),
        ("helpers", "Nabohjælpere", "Neighbour helpers"),
        ("insecurity", "Tryghed", "Sense of safety"),
        ("none", "Intet", "None"),
        ("ukendt", "ukendt", "ukendt"),
    ],
)
def test_goal_label(code: str, danish: str, english: str) -> None:
    assert goal_label(code) == danish
    assert goal_label(code, lang="en") == english


@pytest.mark.parametrize(
    ("flags", "english"),
    [
        ("■ Forsinket", "■ Overdue"),
        ("▲ Ikke rørt i 90 dage", "▲ Not touched in 90 days"),
        ("■ Forsinket · ▲ Ikke rørt i 90 dage", "■ Overdue · ▲ Not touched in 90 days"),
        ("", ""),
        (None, ""),
    ],
)
def test_warning_text(flags: object, english: str) -> None:
    assert warning_text(flags, lang="en") == english
    assert warning_text(flags) == (flags or "")


def test_override_line_in_danish_and_english() -> None:
    danish = override_line(computed="off_track", override="on_track", reason="begrundelse")
    english = override_line(
        computed="off_track", override="on_track", reason="begrundelse", lang="en"
    )
    assert danish.startswith("Beregnet: ■ ") and "Projektlederens vurdering: ● " in danish
    assert english.startswith("Computed: ■ ") and "The project leader's assessment: ● " in english
    assert english.endswith("— »begrundelse«") and "På rette vej" not in english
