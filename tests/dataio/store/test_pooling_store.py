"""The pooled burglary status read from the database: once per data version, the same on the map
and the Kommune page, and (on the demo data of 7 Dec 2026) what README's "Backtest af status"
reports."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.seed.init import regenerate_demo
from dataio.store.burglaries import municipal_pooling, municipality_overview, national_overview
from dataio.store.comparison import municipality_statuses
from models.domain import Status

DEMO_DAY = date(2026, 12, 7)
COPENHAGEN, ISHOJ, LAESOE = 101, 183, 825


@pytest.fixture
def demo_engine(seeded_engine: Engine) -> Engine:
    regenerate_demo(seeded_engine, today=DEMO_DAY)
    return seeded_engine


def test_every_municipality_is_pooled_and_the_nation_is_not(demo_engine: Engine) -> None:
    pooling = municipal_pooling(demo_engine)
    assert pooling is not None
    assert len(pooling.slopes) == 98 and 411 not in pooling.slopes  # Christiansø is no municipality
    # the bigger the municipality, the more of its own trend it keeps
    weights = {code: pooling.slopes[code].own_weight for code in (COPENHAGEN, ISHOJ, LAESOE)}
    assert weights[COPENHAGEN] > weights[ISHOJ] > weights[LAESOE]
    assert national_overview(demo_engine).assessment.pooled is None


def test_the_map_and_the_kommune_page_agree(demo_engine: Engine) -> None:
    pooling = municipal_pooling(demo_engine)
    statuses = municipality_statuses(demo_engine, pooling=pooling).set_index("code")["status"]
    for code in (COPENHAGEN, ISHOJ, LAESOE, 751, 223):
        overview = municipality_overview(demo_engine, code=code, pooling=pooling)
        assert overview.assessment.status == statuses[code]
        assert overview.assessment.pooled == pooling.slopes[code]  # type: ignore[union-attr]
    # without a pooling given, both compute the same one themselves
    assert municipality_statuses(demo_engine)["status"].tolist() == statuses.tolist()
    assert (
        municipality_overview(demo_engine, code=ISHOJ).assessment.pooled
        == (
            pooling.slopes[ISHOJ]  # type: ignore[union-attr]
        )
    )


def test_the_demo_statuses_before_and_after(demo_engine: Engine) -> None:
    # README, "Backtest af status": 77 of 98 could not tell with their own trends; 27 with the
    # trend pulled towards the national one
    before = Counter(municipality_statuses(demo_engine, pool=False)["status"])
    after = Counter(municipality_statuses(demo_engine)["status"])
    assert before == {
        Status.INSUFFICIENT_EVIDENCE: 77,
        Status.OFF_TRACK: 19,
        Status.ON_TRACK: 2,
    }
    assert after == {
        Status.INSUFFICIENT_EVIDENCE: 27,
        Status.NEEDS_ACCELERATION: 67,
        Status.ON_TRACK: 4,
    }
