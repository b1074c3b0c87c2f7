"""`"partnership_effect"` in the status document, on hand-made results: an estimate, too early,
an estimate the model refused, and no start date."""

import dataclasses
import json
import math

from dataio.status_document import effect_document
from dataio.store.comparison import PartnershipEffect
from models.effect import EffectResult, EffectStatus

RESULT = EffectResult(
    status=EffectStatus.FELL,
    explanation="… en sammenligning, ikke bevis for årsag.",
    start_period="2021K1",
    pre_quarters=56,
    post_quarters=22,
    estimate=-0.42123,
    low=-0.55,
    high=-0.27,
    p_value=1 / 81,
    placebo_rank=1,
    placebo_count=80,
    pre_rmspe=0.05,
    typical_pre_rmspe=0.06,
    weak_fit=False,
    donor_weights=tuple((code, 0.05) for code in range(101, 121)),
    series=(),
)
EFFECT = PartnershipEffect(
    code=269,
    partner_since="2021-03-01",
    result=RESULT,
    problem=None,
    donor_names={},
    demo=False,
    households_approximate=False,
)


def test_an_estimate() -> None:
    document = effect_document(EFFECT)
    assert document is not None
    assert {k: document[k] for k in ("start", "estimate", "low", "high", "method", "donors")} == {
        "start": "2021-03-01",
        "estimate": -0.4212,
        "low": -0.55,
        "high": -0.27,
        "method": "synthetic_control",
        "donors": 20,
    }
    assert document["p_value"] == 0.0123 and document["status"] == "fell"
    json.dumps(document, allow_nan=False)


def test_a_month_or_a_year_alone_starts_on_its_first_day() -> None:
    for since, start in (("2019-10", "2019-10-01"), ("2018", "2018-01-01")):
        document = effect_document(dataclasses.replace(EFFECT, partner_since=since))
        assert document is not None and document["start"] == start


def test_too_early_has_what_is_known() -> None:
    early = dataclasses.replace(
        RESULT,
        status=EffectStatus.TOO_EARLY,
        pre_quarters=70,
        post_quarters=2,
        estimate=None,
        low=None,
        high=None,
        p_value=None,
        placebo_count=0,
        donor_weights=(),
    )
    document = effect_document(dataclasses.replace(EFFECT, result=early))
    assert document is not None
    assert document["status"] == "too_early" and document["start"] == "2021-03-01"
    assert (document["pre_quarters"], document["post_quarters"]) == (70, 2)
    assert document["estimate"] is None and document["low"] is None and document["donors"] == 0


def test_an_open_upper_end_is_null_not_infinity() -> None:
    open_ended = dataclasses.replace(RESULT, status=EffectStatus.ROSE, high=math.inf)
    document = effect_document(dataclasses.replace(EFFECT, result=open_ended))
    assert document is not None and document["high"] is None
    json.dumps(document, allow_nan=False)


def test_no_start_date_or_no_partnership_is_null_and_a_refusal_says_why() -> None:
    assert effect_document(None) is None
    assert effect_document(dataclasses.replace(EFFECT, partner_since=None, result=None)) is None
    refused = dataclasses.replace(EFFECT, result=None, problem="Kommune 269 mangler indbrudstal")
    document = effect_document(refused)
    assert document is not None
    assert (document["status"], document["problem"]) == (
        "no_estimate",
        "Kommune 269 mangler indbrudstal",
    )
