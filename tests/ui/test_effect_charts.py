"""The effect chart on hand-made results: both series with the fit, the start and the placebo
band, or the actual series alone when it is too early, and its text alternative naming them."""

import pytest

from dataio.store.comparison import PartnershipEffect
from models.effect import EffectResult, EffectStatus, QuarterPoint
from models.periods import quarter_range
from ui.described import figure_numbers, figure_sentence
from ui.effect_charts import effect_chart

PERIODS = quarter_range(first="2016K1", last="2019K4")  # 16 quarters, the start in 2018K1


def _effect(*, too_early: bool, demo: bool = False) -> PartnershipEffect:
    series = tuple(
        QuarterPoint(
            period=period,
            actual=2.0 if i < 8 else 1.4,
            counterfactual=None if too_early else 2.0,
            after_start=i >= 8,
        )
        for i, period in enumerate(PERIODS)
    )
    result = EffectResult(
        status=EffectStatus.TOO_EARLY if too_early else EffectStatus.FELL,
        explanation="… en sammenligning, ikke bevis for årsag.",
        start_period="2018K1",
        pre_quarters=8,
        post_quarters=8,
        estimate=None if too_early else -0.3,
        low=None if too_early else -0.4,
        high=None if too_early else -0.2,
        p_value=None if too_early else 1 / 81,
        placebo_rank=None if too_early else 1,
        placebo_count=0 if too_early else 80,
        pre_rmspe=None if too_early else 0.05,
        typical_pre_rmspe=None if too_early else 0.05,
        weak_fit=False,
        donor_weights=() if too_early else ((159, 1.0),),
        series=series,
    )
    return PartnershipEffect(
        code=190,
        partner_since="2018",
        result=result,
        problem=None,
        donor_names={} if too_early else {159: "Gladsaxe"},
        demo=demo,
        households_approximate=False,
    )


def test_the_partner_against_its_comparison_with_the_start_and_the_breaks() -> None:
    figure = effect_chart(_effect(too_early=False, demo=True), name="Furesø")
    assert [trace.name for trace in figure.data] == [
        "Uden virkning (95 %-placebobånd), nedre grænse",  # behind the lines: drawn first
        "Uden virkning (95 %-placebobånd)",
        "Faktiske indbrud, Furesø (eksempeldata)",
        "Sammenligning: vægtede kommuner uden partnerskab (eksempeldata)",
    ]
    lower, upper = figure.data[0], figure.data[1]
    assert len(lower.x) == 8 and upper.fill == "tonexty"  # from the start only
    # 2 / ((1 - 0,2) / (1 - 0,3)) .. 2 * 8 / 7: no effect at all, by the placebo test
    assert lower.y[0] == pytest.approx(1.75) and upper.y[0] == pytest.approx(16 / 7)
    assert [a.text for a in figure.layout.annotations] == ["§ 276 a", "Partnerskabet starter"]
    starts = [s.x0 for s in figure.layout.shapes if s.type == "line"]
    assert len(starts) == 2 and len(set(starts)) == 1  # the law change and the start: 2018K1
    assert figure.layout.yaxis.title.text == "Indbrud pr. 1.000 husstande pr. kvartal"
    numbers = figure_numbers(figure)
    assert len(numbers) == 2 * 16 + 2 * 8
    sentence = figure_sentence(figure, numbers)
    assert "Faktiske indbrud, Furesø (eksempeldata): 16 punkter" in sentence
    assert "til 1. okt. 2019 1,4" in sentence and "til 1. okt. 2019 2" in sentence


def test_too_early_draws_the_partner_alone_with_its_start() -> None:
    figure = effect_chart(_effect(too_early=True), name="Furesø")
    assert [trace.name for trace in figure.data] == ["Faktiske indbrud, Furesø"]
    assert "Partnerskabet starter" in [a.text for a in figure.layout.annotations]


def test_a_name_is_text_in_the_chart() -> None:
    figure = effect_chart(_effect(too_early=False), name="<b>Furesø</b>")
    assert figure.data[2].name == "Faktiske indbrud, &lt;b&gt;Furesø&lt;/b&gt;"
