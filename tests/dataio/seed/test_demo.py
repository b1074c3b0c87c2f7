"""The demo generator: deterministic, consistent with the national totals, plausible."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dataio.seed.demo_burglaries import allocate, build_demo_burglaries, national_totals

KNOWN = {2007: 36000, 2009: 48670, 2017: 29000, 2023: 14844}


def municipalities(n: int = 6) -> pd.DataFrame:
    """A small set of municipalities for the generator."""
    return pd.DataFrame(
        {
            "code": [101 + i for i in range(n)],
            "police_district_number": [(i % 12) + 1 for i in range(n)],
            "households": [1000 * (i + 1) for i in range(n)],
            "partner_start_year": [2019.0 if i == 0 else np.nan for i in range(n)],
        }
    )


def test_national_totals_keep_known_years_and_fill_gaps() -> None:
    totals = national_totals(known=KNOWN, last_year=2025)
    assert totals[2007] == 36000 and totals[2023] == 14844
    # log-linear between 2007 and 2009: sqrt(36000 * 48670) = sqrt(1752120000) = 41858.3
    assert totals[2008] == 41858
    # after the last known year: -3 % a year, 14844 * 0.97 = 14398.7, * 0.97 again = 13966.7
    assert (totals[2024], totals[2025]) == (14399, 13967)


@given(
    total=st.integers(min_value=0, max_value=60000),
    weights=st.lists(st.floats(min_value=0.01, max_value=1e4), min_size=1, max_size=120),
)
def test_allocate_is_exact_and_proportional(total: int, weights: list[float]) -> None:
    counts = allocate(total, np.array(weights))
    assert counts.sum() == total
    assert (counts >= 0).all()
    exact = total * np.array(weights) / np.sum(weights)
    assert np.all(np.abs(counts - exact) < 1.0 + 1e-9)


def test_generated_quarters_sum_to_the_national_totals() -> None:
    frame = build_demo_burglaries(
        municipalities=municipalities(), known=KNOWN, last_period="2024K3"
    )
    annual = frame.groupby("year")["count"].sum()
    assert annual[2017] == 29000 and annual[2023] == 14844
    assert set(frame.loc[frame["year"] == 2024, "quarter"]) == {
        1,
        2,
        3,
    }  # the year in progress stops at K3
    assert frame.loc[frame["provisional"], "period"].unique().tolist() == ["2024K3"]
    assert (frame["count"] >= 0).all()


def test_generator_is_deterministic() -> None:
    first = build_demo_burglaries(
        municipalities=municipalities(), known=KNOWN, last_period="2023K4"
    )
    second = build_demo_burglaries(
        municipalities=municipalities(), known=KNOWN, last_period="2023K4"
    )
    pd.testing.assert_frame_equal(first, second)


def test_fourth_quarter_is_the_busiest_on_average() -> None:
    frame = build_demo_burglaries(
        municipalities=municipalities(20), known=KNOWN, last_period="2023K4"
    )
    by_quarter = frame.groupby("quarter")["count"].sum()
    assert by_quarter.idxmax() == 4
    assert by_quarter[4] / by_quarter.sum() == pytest.approx(0.31, abs=0.01)


def test_larger_municipalities_have_more_burglaries() -> None:
    frame = build_demo_burglaries(
        municipalities=municipalities(), known=KNOWN, last_period="2023K4"
    )
    per_code = frame.groupby("municipality_code")["count"].sum()
    # households grow 1000..6000; district risk and local level vary, but size dominates over 17 years
    assert per_code.corr(pd.Series(range(1, 7), index=per_code.index)) > 0.5
