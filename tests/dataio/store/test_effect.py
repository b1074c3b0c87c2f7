"""'Virker partnerskabet?' read from the database: the partner's and the non-partners' quarters in,
`models.effect` on them, on a hand-made world whose answer is known.

Every municipality in the world follows one course (seasons, a fall of 1 % a quarter, the 2018 law
change, COVID-19) at its own level, with Poisson noise from a fixed seed and nothing else. Furesø
(190, partner since "2018", so from 2018K1) has 30 % fewer burglaries than that course from its
start: every weighting of the donors follows its course before the start, so the estimate is
-30 % up to the noise (-31,3 % with this seed; -32 % to -23 % and every interval covering -30 % in
seeds 15-29), and none of the placebos (24 donors treated as if they had started too) is as far
off as Furesø.
"""

from collections.abc import Collection
from datetime import UTC, date, datetime

import numpy as np
import pytest
from sqlalchemy import Engine, delete, insert, update
from sqlmodel import col

from dataio.db.engine import transaction
from dataio.errors import UnknownMunicipality
from dataio.store.areas import municipality_table, partnership_table
from dataio.store.comparison import effect_inputs, partnership_effect
from models.domain import SourceKind
from models.effect import EffectStatus
from models.periods import parse_period, quarter_range
from models.tables import BurglaryQuarter, DataSource

FURESO = 190  # partner since "2018": the start is 2018K1
AARHUS = 751  # partner since 2019-11: never a donor
GENTOFTE = 157  # a partner whose start date is not known: no estimate, and never a donor
MARIAGERFJORD = 846  # partner since 2024-09-12: 2024K3
ISHOJ = 183  # no partnership
SEASON = (1.15, 0.85, 0.90, 1.10)
EFFECT = -0.30
N_DONORS = 24


def course(period: str, position: int) -> float:
    """The one course every municipality follows: seasons, a national fall, the breaks."""
    year, quarter = parse_period(period)
    law = 1.3 if year >= 2018 else 1.0
    covid = 0.65 if year in (2020, 2021) else 1.0
    return SEASON[quarter - 1] * 0.99**position * law * covid


def donor_codes(engine: Engine) -> list[int]:
    """The first municipalities (by code) without any partnership, Ishøj among them."""
    areas = municipality_table(engine)
    codes = set(areas.loc[areas["is_municipality"].astype(bool), "code"].astype(int))
    partners = set(partnership_table(engine)["code"].astype(int))
    return sorted(codes - partners)[:N_DONORS]


def write_world(
    engine: Engine,
    *,
    first: str = "2014K1",
    last: str = "2021K4",
    treated: int = FURESO,
    start: str = "2018K1",
    demo: bool = False,
    also: Collection[int] = (AARHUS, GENTOFTE),
    seed: int = 16,
) -> list[int]:
    """Quarters first..last for the donors (levels 40, 50, ...), `treated` (level 125, 30 % fewer
    from `start`) and the other partners in `also` (on the course, no effect); the donors."""
    donors = donor_codes(engine)
    levels = {code: 40.0 + 10 * i for i, code in enumerate(donors)}
    levels |= {treated: 125.0} | {code: 100.0 for code in also}
    periods = quarter_range(first=first, last=last)
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    rows = []
    for code, level in levels.items():
        for position, period in enumerate(periods):
            after = code == treated and parse_period(period) >= parse_period(start)
            value = level * course(period, position) * (1 + EFFECT if after else 1.0)
            year, quarter = parse_period(period)
            rows.append(
                {
                    "municipality_code": code,
                    "period": period,
                    "year": year,
                    "quarter": quarter,
                    "count": int(rng.poisson(value)),
                    "provisional": False,
                    "is_demo": demo,
                    "imported_at": now,
                }
            )
    with transaction(engine) as session:
        source = DataSource(
            name="Håndlavet verden (test)",
            kind=SourceKind.FILE,
            dataset="burglary_quarter",
            rows=len(rows),
            as_of=date(2026, 1, 1),
            loaded_at=now,
            loaded_by="test",
            is_demo=demo,
        )
        session.add(source)
        session.flush()
        session.execute(insert(BurglaryQuarter), [r | {"source_id": source.id} for r in rows])
    return donors


def test_a_municipality_without_a_partnership_has_no_estimate(seeded_engine: Engine) -> None:
    write_world(seeded_engine)
    assert effect_inputs(seeded_engine, code=ISHOJ) is None
    assert partnership_effect(seeded_engine, code=ISHOJ) is None


def test_an_unknown_municipality_is_refused(seeded_engine: Engine) -> None:
    with pytest.raises(UnknownMunicipality):
        partnership_effect(seeded_engine, code=999)


def test_a_partner_without_a_start_date_has_no_estimate(seeded_engine: Engine) -> None:
    write_world(seeded_engine)
    effect = partnership_effect(seeded_engine, code=GENTOFTE)
    assert effect is not None
    assert (effect.partner_since, effect.result, effect.problem) == (None, None, None)


def test_the_inputs_compare_with_municipalities_without_any_partnership(
    seeded_engine: Engine,
) -> None:
    donors = write_world(seeded_engine)
    inputs = effect_inputs(seeded_engine, code=FURESO)
    assert inputs is not None
    assert inputs.partner_since == "2018"
    assert set(donors) <= set(inputs.donors)
    assert not {FURESO, AARHUS, GENTOFTE, MARIAGERFJORD} & set(inputs.donors)
    assert 411 not in inputs.donors  # Christiansø is not a municipality
    assert len(inputs.donors) == 98 - 18  # the 18 partnerships of the reference table
    assert set(inputs.counts["municipality_code"]) == {FURESO, *donors}  # Aarhus's not read
    assert len(inputs.counts) == (N_DONORS + 1) * 32
    assert inputs.households[FURESO] > 0 and inputs.names[FURESO] == "Furesø"


def test_a_built_in_effect_is_recovered(seeded_engine: Engine) -> None:
    donors = write_world(seeded_engine)
    effect = partnership_effect(seeded_engine, code=FURESO)
    assert effect is not None and effect.problem is None and effect.result is not None
    result = effect.result
    assert result.start_period == "2018K1"
    assert (result.pre_quarters, result.post_quarters) == (16, 16)
    assert result.estimate == pytest.approx(EFFECT, abs=0.05)
    assert result.low is not None and result.high is not None
    assert result.low < EFFECT < result.high < 0
    assert result.status is EffectStatus.FELL
    assert result.placebo_count == N_DONORS  # the other non-partners have no quarters here
    assert result.p_value == pytest.approx(1 / (N_DONORS + 1))  # no placebo is as far off
    assert {code for code, _ in result.donor_weights} <= set(donors)
    assert set(effect.donor_names) == {code for code, _ in result.donor_weights}
    assert all(name and not name.isdigit() for name in effect.donor_names.values())
    assert "sammenligning, ikke bevis for årsag" in result.explanation
    assert not effect.demo


def test_the_provisional_latest_quarter_is_left_out(seeded_engine: Engine) -> None:
    donors = write_world(seeded_engine)
    write_world(seeded_engine, first="2022K1", last="2022K1")  # one quarter more for everyone
    with transaction(seeded_engine) as session:
        session.execute(  # the latest quarter is provisional, and Furesø's looks absurd
            update(BurglaryQuarter)
            .where(col(BurglaryQuarter.period) == "2022K1")
            .values(provisional=True)
        )
        session.execute(
            update(BurglaryQuarter)
            .where(col(BurglaryQuarter.period) == "2022K1")
            .where(col(BurglaryQuarter.municipality_code) == FURESO)
            .values(count=5000)
        )
    effect = partnership_effect(seeded_engine, code=FURESO)
    assert effect is not None and effect.result is not None
    assert effect.result.series[-1].period == "2021K4"
    assert effect.result.estimate == pytest.approx(EFFECT, abs=0.05)
    assert effect.result.placebo_count == len(donors)


def test_too_few_quarters_before_the_start_is_too_early(seeded_engine: Engine) -> None:
    write_world(seeded_engine, first="2022K1", last="2025K2", treated=MARIAGERFJORD, start="2024K3")
    effect = partnership_effect(seeded_engine, code=MARIAGERFJORD)
    assert effect is not None and effect.result is not None
    result = effect.result
    assert result.status is EffectStatus.TOO_EARLY
    assert result.status.value == "for tidligt at sige"
    assert (result.pre_quarters, result.post_quarters) == (10, 4)
    assert result.estimate is None and result.donor_weights == ()
    assert "sammenligning, ikke bevis for årsag" in result.explanation


def test_demo_counts_are_labelled_as_such(seeded_engine: Engine) -> None:
    write_world(seeded_engine, demo=True)
    effect = partnership_effect(seeded_engine, code=FURESO)
    assert effect is not None and effect.demo


def test_a_gap_in_the_partners_quarters_is_said_not_raised(seeded_engine: Engine) -> None:
    write_world(seeded_engine)
    with transaction(seeded_engine) as session:
        session.execute(
            delete(BurglaryQuarter).where(
                col(BurglaryQuarter.municipality_code) == FURESO,
                col(BurglaryQuarter.period) == "2016K3",
            )
        )
    effect = partnership_effect(seeded_engine, code=FURESO)
    assert effect is not None and effect.result is None
    assert effect.problem is not None and "mangler indbrudstal for 2016K3" in effect.problem
