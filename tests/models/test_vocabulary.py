"""The one vocabulary: every status has a word, a colour and a shape; qualities and plan statuses
have theirs; colours print as plotly, matplotlib and CSS want them."""

import pytest

from models.actionplan import ItemStatus
from models.domain import Quality, Status
from models.vocabulary import (
    ITEM_STATUS_COLOURS,
    NO_DATA_LABEL,
    QUALITY_COLOURS,
    QUALITY_LABELS,
    SERIES_BLUE,
    STATUS_COLOURS,
    STATUS_LABELS,
    STATUS_RULES,
    STATUS_SHAPES,
    Colour,
    quality_colour,
    quality_label,
    status_colour,
    status_label,
    status_mark,
    status_shape,
)

# (status, word, colour, shape), written out by hand: the expected values are not read back
# from the module under test
STATUSES = [
    (Status.ON_TRACK, "På rette vej", (26, 150, 65), "●"),
    (Status.NEEDS_ACCELERATION, "Kræver ekstra indsats", (235, 160, 0), "▲"),
    (Status.OFF_TRACK, "Ikke på rette vej", (200, 40, 40), "■"),
    (Status.INSUFFICIENT_EVIDENCE, "Utilstrækkeligt grundlag", (150, 150, 150), "◆"),
]


def test_the_table_covers_every_status() -> None:
    assert {row[0] for row in STATUSES} == set(Status)
    assert set(STATUS_LABELS) == set(STATUS_COLOURS) == set(STATUS_SHAPES) == set(Status)


@pytest.mark.parametrize(("status", "word", "colour", "shape"), STATUSES)
def test_every_status_has_a_word_a_colour_and_a_shape(
    status: Status, word: str, colour: tuple[int, int, int], shape: str
) -> None:
    assert status_label(status) == word
    assert status_label(status.value) == word  # the stored value reads the same
    assert status_colour(status) == colour
    assert status_shape(status) == shape
    assert status_mark(status) == f"{shape} {word}"


def test_shapes_and_colours_tell_every_status_apart() -> None:
    assert len(set(STATUS_SHAPES.values())) == len(Status)
    assert len(set(STATUS_COLOURS.values())) == len(Status)


@pytest.mark.parametrize("shape", list(STATUS_SHAPES.values()))
def test_shapes_are_geometric_characters_not_emoji(shape: str) -> None:
    assert len(shape) == 1
    assert 0x25A0 <= ord(shape) <= 0x25FF  # Unicode's Geometric Shapes block
    assert ord(shape) not in {0x25AA, 0x25AB, 0x25B6, 0x25C0, 0x25FB, 0x25FC, 0x25FD, 0x25FE}


def test_no_data_is_drawn_as_insufficient_evidence_with_its_own_word() -> None:
    assert status_colour(None) == (150, 150, 150)
    assert status_shape(None) == "◆"
    assert status_label(None) == "Utilstrækkeligt grundlag"
    assert status_mark(None, NO_DATA_LABEL) == "◆ Ingen data endnu"
    assert status_mark(Status.ON_TRACK, "Mål nået") == "● Mål nået"


def test_an_unknown_status_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError):
        status_label("great")


def test_the_status_rules_use_the_status_words() -> None:
    assert STATUS_RULES == (
        "Når målåret er nået, afgør det seneste års tal (med statistisk usikkerhed) status.",
        "Under tre brugbare år: utilstrækkeligt grundlag.",
        "En kommunes egen tendens trækkes mod landstendensen (alle kommuners fælles tendens) i "
        "forhold til, hvor usikker den egne tendens er: en lille kommunes usikre tendens trækkes "
        "meget, en stor kommunes sikre tendens næsten ikke. Usikkerheden om begge tæller med i "
        "intervallet.",
        "På rette vej: selv den pessimistiske ende af fremskrivningen når målet.",
        "Kræver ekstra indsats: tallet falder klart, men ikke hurtigt nok til at nå målet.",
        "Ikke på rette vej: selv den optimistiske ende af fremskrivningen misser målet.",
        "Utilstrækkeligt grundlag: usikkerheden dækker både at nå og at misse målet.",
    )


@pytest.mark.parametrize(
    ("quality", "label", "hex_colour"),
    [
        (Quality.OFFICIAL, "Danmarks Statistik", "#1f5f8b"),
        (Quality.REPORTED, "Danmarks Statistik (citeret)", "#1f5f8b"),
        (Quality.SUM_OF_QUARTERS, "Sum af kvartaler", "#4a7fa8"),
        (Quality.APPROXIMATE, "Omtrentligt tal", "#9dbbd3"),
        (Quality.DEMO, "Eksempeldata", "#b5b5b5"),
    ],
)
def test_every_quality_has_a_label_and_a_colour(
    quality: Quality, label: str, hex_colour: str
) -> None:
    assert quality_label(quality) == label
    assert quality_colour(quality).hex == hex_colour


def test_the_quality_tables_cover_every_quality_and_fall_back_openly() -> None:
    assert set(QUALITY_LABELS) == set(QUALITY_COLOURS) == set(Quality)
    assert quality_label("estimate") == "estimate"  # an unknown code is shown, not hidden
    assert quality_colour("estimate") == SERIES_BLUE


def test_every_plan_status_has_a_colour() -> None:
    assert set(ITEM_STATUS_COLOURS) == set(ItemStatus)
    assert ITEM_STATUS_COLOURS[ItemStatus.DONE] == STATUS_COLOURS[Status.ON_TRACK]


@pytest.mark.parametrize(
    ("colour", "hex_colour", "alpha", "rgba"),
    [
        (Colour(230, 120, 20), "#e67814", 0.15, "rgba(230,120,20,0.15)"),
        (Colour(0, 0, 0), "#000000", 1.0, "rgba(0,0,0,1)"),
        (Colour(255, 255, 255), "#ffffff", 0.5, "rgba(255,255,255,0.5)"),
        (Colour(31, 95, 139), "#1f5f8b", 0.08, "rgba(31,95,139,0.08)"),
    ],
)
def test_colours_print_for_plotly_matplotlib_and_css(
    colour: Colour, hex_colour: str, alpha: float, rgba: str
) -> None:
    assert colour.hex == hex_colour
    assert colour.rgba(alpha) == rgba


def test_a_colour_is_a_plain_tuple_for_fpdf_and_pydeck() -> None:
    colour = Colour(26, 150, 65)
    assert colour == (26, 150, 65)
    assert [*colour, 210] == [26, 150, 65, 210]
