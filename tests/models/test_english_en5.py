"""The Effekt and Hotspots pages' texts in Danish and English (issue 18): the same Danish as
before, English words with English numbers and dates, and the refusals as Messages."""

import dataclasses
from datetime import date

import pandas as pd
import pytest

from dataio.errors import ValidationFailed
from dataio.store.areas import validate_start
from dataio.store.incidents.reads import check_min_count
from dataio.store.incidents.retention import retention_cutoff
from models.effect import (
    EffectResult,
    EffectStatus,
    QuarterPoint,
    estimate_effect,
    explanation_text,
)
from models.effect_text import (
    donor_line,
    donor_rows,
    effect_heading,
    effect_method,
    estimate_line,
    fit_warning,
    no_partnership_line,
    no_start_line,
    placebo_line,
    short_verdict,
)
from models.expected import ExpectedRefused, ExpectedStatus, fit_expected, status_text
from models.hotspot_actions import HotspotPlace, Proposal
from models.hotspot_text import (
    before_after_line,
    count_text,
    expected_text,
    hotspot_line,
    hotspot_method,
    hotspot_rows,
    map_alt,
    map_label,
    map_legend_words,
    place_text,
    probability_text,
    proposal_label,
    scan_summary,
    suppression_line,
    weeks_label,
)
from models.hotspots import BeforeAfter, Cell, HotspotScan
from models.vocabulary import effect_label

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
    donor_weights=((159, 0.31), (151, 0.22), (101, 0.2), (147, 0.1), (167, 0.05), (183, 0.12)),
    series=(QuarterPoint("2026K2", 2.0, 2.5, True),),
)
NAMES = {159: "Gladsaxe", 151: "Ballerup", 101: "København", 147: "Frederiksberg", 167: "Hvidovre"}


@pytest.mark.parametrize(
    ("lang", "estimate", "placebo", "donors"),
    [
        (
            "da",
            "-23 % (95 %-interval -41 % til -2 %)",
            "Placebotest: 80 kommuner uden partnerskab er prøvet, som om de var startet samme "
            "kvartal; 2 af dem afveg mindst lige så meget fra deres sammenligning (p = 0,04).",
            "Sammenligningsgruppen: Gladsaxe 31 %, Ballerup 22 %, København 20 %, Frederiksberg "
            "10 %, Hvidovre 5 % og 1 anden kommune 12 %.",
        ),
        (
            "en",
            "-23 % (95% interval -41 % to -2 %)",
            "Placebo test: 80 municipalities without a partnership were tried as if they had "
            "started in the same quarter; 2 of them deviated at least as much from their "
            "comparison (p = 0.04).",
            "The comparison group: Gladsaxe 31 %, Ballerup 22 %, København 20 %, Frederiksberg "
            "10 %, Hvidovre 5 % and 1 other municipality 12 %.",
        ),
    ],
)
def test_the_card_lines(lang: str, estimate: str, placebo: str, donors: str) -> None:
    assert estimate_line(RESULT, lang=lang) == estimate
    assert placebo_line(RESULT, lang=lang) == placebo
    assert donor_line(RESULT, NAMES, lang=lang) == donors


def test_english_card_lines_otherwise() -> None:
    assert estimate_line(dataclasses.replace(RESULT, low=None), lang="en") == (
        "-23 % (no 95% interval)"
    )
    assert estimate_line(dataclasses.replace(RESULT, high=float("inf")), lang="en") == (
        "-23 % (95% interval -41 % or more)"
    )
    weak = dataclasses.replace(RESULT, weak_fit=True, pre_rmspe=0.1234, typical_pre_rmspe=0.031)
    assert fit_warning(weak, lang="en") == (
        "Weak comparison: before the start the weighted group deviated on average 12.3 % from "
        "the municipality's level, against typically 3.1 % for the municipalities without a "
        "partnership. Read the estimate with caution."
    )
    assert str(fit_warning(weak)).startswith("Svag sammenligning")
    assert no_partnership_line("Ishøj", lang="en") == (
        "Ishøj is not a Bo trygt partnership municipality, so there is no estimate of whether "
        "the partnership works."
    )
    assert no_start_line("Gentofte", lang="en").startswith("Gentofte is a Bo trygt partnership")
    assert short_verdict(RESULT, lang="en") == (
        "Since Q4 2019: -23 % (95% interval -41 % to -2 %) against a weighted group of "
        "municipalities without a partnership; a comparison, not proof of cause."
    )
    assert len(effect_method(lang="en")) == 5
    assert effect_method(lang="en")[-1].endswith("it is a comparison, not proof of cause.")


def test_the_comparison_table_in_both_languages() -> None:
    many = dataclasses.replace(RESULT, donor_weights=((159, 0.3123),))
    assert donor_rows(many, NAMES) == [{"Kommune": "Gladsaxe", "Kode": "159", "Vægt": "31,2 %"}]
    assert donor_rows(many, NAMES, lang="en") == [
        {"Municipality": "Gladsaxe", "Code": "159", "Weight": "31.2 %"}
    ]


@pytest.mark.parametrize("status", list(EffectStatus))
def test_the_verdict_headings(status: EffectStatus) -> None:
    assert effect_heading(status) == effect_label(status)  # Danish as the vocabulary says
    english = effect_heading(status, lang="en")
    assert english != effect_label(status)
    if status is EffectStatus.TOO_EARLY:
        assert english == "Too early to say"


def _series(n: int) -> pd.DataFrame:
    periods = [f"{2010 + i // 4}K{i % 4 + 1}" for i in range(n)]
    rows = []
    for code, level in ((1, 100.0), (2, 90.0), (3, 110.0), (4, 95.0)):
        for i, period in enumerate(periods):
            wave = 10 * ((i % 4) - 1.5)
            drop = 0.7 if code == 1 and i >= 24 else 1.0
            rows.append((code, period, round((level + wave + i % 3) * drop)))
    return pd.DataFrame(rows, columns=["municipality_code", "period", "count"])


def test_the_model_sentence_in_english_is_remade_and_danish_is_unchanged() -> None:
    counts = _series(40)
    households = {1: 10_000.0, 2: 9_000.0, 3: 11_000.0, 4: 9_500.0}
    early = estimate_effect(
        counts=counts, households=households, treated=1, start_period="2019K3", donors=[2, 3, 4]
    )
    assert early.status is EffectStatus.TOO_EARLY
    assert explanation_text(early) == early.explanation
    assert explanation_text(early, lang="en").startswith("Too early to say: there are ")
    assert "Q3 2019" in explanation_text(early, lang="en")
    done = estimate_effect(
        counts=counts, households=households, treated=1, start_period="2016K1", donors=[2, 3, 4]
    )
    assert explanation_text(done) == done.explanation
    english = explanation_text(done, lang="en")
    assert english.startswith("Weak comparison: ")  # three donors: no interval
    assert english.endswith("a comparison, not proof of cause.")
    assert "kommune" not in english


def test_expected_status_words() -> None:
    assert status_text(ExpectedStatus.BELOW) == "Færre end forventet"
    assert status_text(ExpectedStatus.BELOW, lang="en") == "Fewer than expected"
    assert status_text(ExpectedStatus.AS_EXPECTED, lang="en") == "As expected"
    assert status_text(ExpectedStatus.ABOVE, lang="en") == "More than expected"


def test_refusals_are_danish_as_before_and_english_on_request() -> None:
    with pytest.raises(ExpectedRefused) as refused:
        fit_expected(pd.DataFrame({"code": [1]}), covariates=[])
    assert str(refused.value) == "Tabellen mangler kolonnerne actual, households"
    assert refused.value.text("en") == "The table lacks the columns actual, households"
    with pytest.raises(ValidationFailed) as low:
        check_min_count(2)
    assert str(low.value).startswith("Mindste antal hændelser pr. celle skal være mindst 3")
    assert low.value.text("en").startswith("The minimum number of incidents per cell")
    with pytest.raises(ValidationFailed) as months:
        retention_cutoff(date(2026, 12, 7), 0)
    assert months.value.text("en") == "The retention limit must be at least 1 month (not 0)."
    with pytest.raises(ValidationFailed) as future:
        validate_start(date(2027, 1, 1), today=date(2026, 12, 7))
    assert str(future.value) == (
        "Startdatoen 1. jan. 2027 ligger i fremtiden; den må højst være i dag (7. dec. 2026)."
    )
    assert future.value.text("en").startswith("The start date 1. jan. 2027 is in the future")


def cell(recent: int, expected: float, p_value: float, since: date | None = None) -> Cell:
    return Cell(
        cell="250m:E711000N6168250",
        x=711_125.0,
        y=6_168_375.0,
        lat=55.62,
        lon=12.26,
        recent=recent,
        expected=expected,
        p_value=p_value,
        q_value=p_value,
        hotspot=since is not None,
        since=since,
        cluster=1 if since else None,
    )


HOT = cell(1234, 1.1, 0.00001, since=date(2026, 11, 19))
QUIET = cell(3, 0.004, 0.0234)
SCAN = HotspotScan(
    window_from=date(2026, 11, 5),
    window_to=date(2026, 12, 2),
    weeks=4,
    size_m=250,
    min_count=3,
    cells=(HOT, QUIET),
    suppressed_cells=14,
    tested_cells=2030,
    baseline_from=date(2024, 11, 7),
    fdr=0.05,
)


@pytest.mark.parametrize(
    ("lang", "line", "summary", "hidden"),
    [
        (
            "da",
            "1.234 indbrud i de seneste 4 uger mod 1,1 forventet; sandsynlighed under 0,1 %; "
            "forhøjet siden 19. nov. 2026",
            "1 hotspot blandt 2.030 felter med indbrud, 5. nov. 2026–2. dec. 2026",
            "14 felter med færre end 3 indbrud er skjult",
        ),
        (
            "en",
            "1,234 burglaries in the latest 4 weeks against 1.1 expected; probability below "
            "0.1 %; elevated since 19 Nov 2026",
            "1 hotspot among 2,030 squares with burglaries, 5 Nov 2026–2 Dec 2026",
            "14 squares with fewer than 3 burglaries are hidden",
        ),
    ],
)
def test_the_hotspot_lines(lang: str, line: str, summary: str, hidden: str) -> None:
    assert hotspot_line(HOT, 4, lang=lang) == line
    assert scan_summary(SCAN, lang=lang) == summary
    assert suppression_line(14, 3, lang=lang) == hidden


def test_the_hotspot_words_in_english() -> None:
    assert hotspot_line(QUIET, 1, lang="en") == (
        "3 burglaries in the latest week against below 0.01 expected; probability 2.3 %"
    )
    assert suppression_line(1, 5, lang="en") == "1 square with fewer than 5 burglaries is hidden"
    assert suppression_line(0, 3, lang="en") is None
    assert expected_text(0.004) == "under 0,01"
    assert expected_text(0.004, lang="en") == "below 0.01"
    assert probability_text(0.0234, lang="en") == "2.3 %"
    assert count_text(None, 3, lang="en") == "fewer than 3 burglaries"
    assert count_text(1200, 3, lang="en") == "1,200 burglaries"
    assert weeks_label(4) == "4 uger" and weeks_label(1) == "1 uge"
    assert weeks_label(13, lang="en") == "13 weeks" and weeks_label(1, lang="en") == "1 week"
    assert hotspot_method(5) == tuple(
        line.replace("færre end 3 indbrud", "færre end 5 indbrud") for line in hotspot_method(3)
    )
    assert hotspot_method(5, lang="en")[-1].startswith("Squares with fewer than 5 burglaries")
    assert proposal_label(Proposal.WALK) == "Tryghedsvandring"
    assert proposal_label(Proposal.WALK, lang="en") == "Safety walk"
    assert proposal_label(Proposal.POLICE_STATION, lang="en") == "Mobile police station"
    place = HotspotPlace("250m:E700250N6170000", 55.62341, 12.28012)
    assert place_text(place) == place.words()
    assert place_text(place, lang="en") == "square 250m:E700250N6170000 (55.6234° N, 12.2801° E)"


def test_before_and_after_in_english() -> None:
    result = BeforeAfter(
        cell="250m:E711000N6168250",
        action_day=date(2026, 11, 22),
        weeks=4,
        min_count=3,
        before_from=date(2026, 10, 25),
        before_to=date(2026, 11, 21),
        after_from=date(2026, 11, 23),
        after_to=date(2026, 12, 20),
        before=7,
        after=None,
        after_complete=False,
    )
    assert before_after_line(result, lang="en") == (
        "4 weeks before (25 Oct 2026–21 Nov 2026): 7 burglaries; 4 weeks after "
        "(23 Nov 2026–20 Dec 2026): fewer than 3 burglaries (the period has not ended)"
    )


def test_the_list_and_the_map_words() -> None:
    danish = hotspot_rows(SCAN)
    english = hotspot_rows(SCAN, lang="en")
    assert list(english.columns) == [
        "Square",
        "Hotspot",
        "Cluster",
        "Burglaries",
        "Expected",
        "Probability",
        "Elevated since",
    ]
    assert danish.columns[0] == "Felt" and danish["Hotspot"].tolist() == ["Ja", "Nej"]
    assert english["Hotspot"].tolist() == ["Yes", "No"]
    assert english["Burglaries"].tolist() == ["1,234", "3"]
    assert english["Elevated since"].tolist() == ["19 Nov 2026", ""]
    assert map_label(HOT) == "Hotspot: 1.234 indbrud mod 1,1 forventet"
    assert map_label(HOT, lang="en") == "Hotspot: 1,234 burglaries against 1.1 expected"
    assert map_label(QUIET, lang="en") == "3 burglaries against below 0.01 expected"
    assert map_legend_words(3) == ("Hotspot (felt)", "Felt med mindst 3 indbrud")
    assert map_legend_words(3, lang="en") == (
        "Hotspot (square)",
        "Square with at least 3 burglaries",
    )
    assert map_alt(SCAN) == (
        "Kort over kommunen med 2 felter med mindst 3 indbrud i perioden, heraf 1 hotspot."
    )
    assert map_alt(SCAN, lang="en") == (
        "Map of the municipality with 2 squares with at least 3 burglaries in the period, of "
        "which 1 hotspot."
    )
