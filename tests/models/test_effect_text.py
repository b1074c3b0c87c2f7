"""The effect card's lines and the verdict's word, shape and colour, on hand-made results."""

import dataclasses
import math

import pytest

from models.effect import EffectResult, EffectStatus
from models.effect_text import (
    EFFECT_METHOD,
    donor_line,
    donor_rows,
    estimate_line,
    fit_warning,
    no_partnership_line,
    no_start_line,
    placebo_line,
    short_verdict,
)
from models.vocabulary import EFFECT_COLOURS, EFFECT_SHAPES, effect_label, effect_mark

RESULT = EffectResult(
    status=EffectStatus.FELL,
    explanation="… en sammenligning, ikke bevis for årsag.",
    start_period="2019K4",
    pre_quarters=51,
    post_quarters=27,
    estimate=-0.2349,
    low=-0.405,
    high=-0.0249,
    p_value=3 / 81,
    placebo_rank=1,
    placebo_count=80,
    pre_rmspe=0.061,
    typical_pre_rmspe=0.058,
    weak_fit=False,
    donor_weights=(
        (159, 0.31),
        (151, 0.22),
        (101, 0.2),
        (147, 0.1),
        (167, 0.05),
        (183, 0.08),
        (175, 0.04),
    ),
    series=(),
)
NAMES = {159: "Gladsaxe", 151: "Ballerup", 101: "København", 147: "Frederiksberg", 167: "Hvidovre"}


def test_the_estimate_with_its_interval_in_danish_whole_percentages() -> None:
    assert estimate_line(RESULT) == "-23 % (95 %-interval -41 % til -2 %)"
    rose = dataclasses.replace(RESULT, estimate=0.125, low=0.004, high=0.3)
    assert estimate_line(rose) == "+13 % (95 %-interval 0 % til +30 %)"  # 0,4 % rounds to no sign


def test_an_estimate_without_an_interval_or_without_an_upper_end() -> None:
    assert estimate_line(dataclasses.replace(RESULT, low=None, high=None)) == (
        "-23 % (intet 95 %-interval)"
    )
    open_ended = dataclasses.replace(RESULT, estimate=0.5, low=0.1, high=math.inf)
    assert estimate_line(open_ended) == "+50 % (95 %-interval +10 % eller mere)"


def test_too_early_has_no_numbers() -> None:
    early = dataclasses.replace(
        RESULT,
        status=EffectStatus.TOO_EARLY,
        estimate=None,
        low=None,
        high=None,
        p_value=None,
        placebo_rank=None,
        placebo_count=0,
        pre_rmspe=None,
        typical_pre_rmspe=None,
        donor_weights=(),
    )
    assert estimate_line(early) is None
    assert placebo_line(early) is None
    assert fit_warning(early) is None
    assert donor_line(early, NAMES) is None


def test_the_placebo_line_counts_the_placebos_as_far_off() -> None:
    # p = (1 + 2) / 81: two of the 80 placebos were at least as far off
    assert placebo_line(RESULT) == (
        "Placebotest: 80 kommuner uden partnerskab er prøvet, som om de var startet samme "
        "kvartal; 2 af dem afveg mindst lige så meget fra deres sammenligning (p = 0,04)."
    )
    alone = placebo_line(dataclasses.replace(RESULT, p_value=1 / 81))
    assert alone is not None and "; ingen af dem afveg" in alone and "(p = 0,01)" in alone


def test_a_weak_comparison_is_warned_about_with_both_errors() -> None:
    assert fit_warning(RESULT) is None
    weak = dataclasses.replace(RESULT, weak_fit=True, pre_rmspe=0.214, typical_pre_rmspe=0.061)
    warning = fit_warning(weak)
    assert warning is not None and warning.startswith("Svag sammenligning")
    assert "21,4 %" in warning and "6,1 %" in warning


def test_the_top_donors_by_name_and_the_rest_together() -> None:
    assert donor_line(RESULT, NAMES) == (
        "Sammenligningsgruppen: Gladsaxe 31 %, Ballerup 22 %, København 20 %, Frederiksberg 10 %, "
        "Hvidovre 5 % og 2 andre kommuner 12 %."
    )
    assert donor_line(RESULT, NAMES, top=1) == (
        "Sammenligningsgruppen: Gladsaxe 31 % og 6 andre kommuner 69 %."
    )


def test_tiny_weights_are_counted_with_the_rest_and_a_missing_name_is_the_code() -> None:
    result = dataclasses.replace(RESULT, donor_weights=((999, 0.996), (159, 0.003), (151, 0.001)))
    assert donor_line(result, NAMES) == "Sammenligningsgruppen: 999 100 %."
    one = dataclasses.replace(RESULT, donor_weights=((159, 0.9), (151, 0.1)))
    assert donor_line(one, NAMES, top=1) == (
        "Sammenligningsgruppen: Gladsaxe 90 % og 1 anden kommune 10 %."
    )


def test_the_method_ends_with_the_caveat() -> None:
    assert "sammenligning, ikke bevis for årsag" in EFFECT_METHOD[-1]


# (status, heading, shape), written out by hand
VERDICTS = [
    (EffectStatus.FELL, "Faldet mere end sammenlignelige", "▼"),
    (EffectStatus.SAME, "Som sammenlignelige", "●"),
    (EffectStatus.ROSE, "Steget mere end sammenlignelige", "▲"),
    (EffectStatus.WEAK, "Svag sammenligning", "◆"),
    (EffectStatus.TOO_EARLY, "For tidligt at sige", "○"),
]


@pytest.mark.parametrize(("status", "heading", "shape"), VERDICTS)
def test_every_verdict_has_a_word_and_a_shape(
    status: EffectStatus, heading: str, shape: str
) -> None:
    assert effect_label(status) == heading
    assert effect_label(status.value) == heading  # the stored value reads the same
    assert effect_mark(status) == f"{shape} {heading}"


def test_shapes_and_colours_tell_every_verdict_apart() -> None:
    assert {row[0] for row in VERDICTS} == set(EffectStatus)
    assert set(EFFECT_SHAPES) == set(EFFECT_COLOURS) == set(EffectStatus)
    assert len(set(EFFECT_SHAPES.values())) == len(EffectStatus)
    assert len(set(EFFECT_COLOURS.values())) == len(EffectStatus)
    assert all(len(shape) == 1 for shape in EFFECT_SHAPES.values())


def test_the_lines_without_an_estimate_name_the_municipality() -> None:
    assert no_partnership_line("Ishøj") == (
        "Ishøj er ikke en Bo trygt-partnerskabskommune, så der er intet skøn over, om "
        "partnerskabet virker."
    )
    assert no_start_line("Gentofte").startswith("Gentofte er en Bo trygt-partnerskabskommune, men")


def test_the_donor_table_in_danish_formats_largest_first() -> None:
    tiny = dataclasses.replace(RESULT, donor_weights=(*RESULT.donor_weights, (185, 0.0004)))
    rows = donor_rows(tiny, NAMES)
    assert rows[:2] == [
        {"Kommune": "Gladsaxe", "Kode": "159", "Vægt": "31,0 %"},
        {"Kommune": "Ballerup", "Kode": "151", "Vægt": "22,0 %"},
    ]
    assert rows[-1] == {"Kommune": "175", "Kode": "175", "Vægt": "4,0 %"}  # no name: the code
    assert len(rows) == 7  # 0,04 % prints as 0,0 %: left out


def test_the_short_verdict_for_the_kommune_page() -> None:
    assert short_verdict(RESULT) == (
        "Siden 4. kvt. 2019: -23 % (95 %-interval -41 % til -2 %) mod en vægtet gruppe af "
        "kommuner uden partnerskab; en sammenligning, ikke bevis for årsag."
    )
    early = dataclasses.replace(RESULT, status=EffectStatus.TOO_EARLY, estimate=None)
    assert short_verdict(early) == RESULT.explanation  # the model's sentence, with the caveat
