"""Hotspot detection: hand-computed grid, tails and Benjamini-Hochberg; a hand-worked scan; the
privacy rules as properties; and the simulation study of docs/hotspots.md (detection of a planted
cluster, false alarms on a background without one)."""

import json
import math
import random
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import hotspots
from models.hotspot_sim import (
    Background,
    Cluster,
    plant_cluster,
    simulate_background,
    simulate_extract,
    simulate_points,
)
from models.hotspots import (
    MIN_COUNT_FLOOR,
    Point,
    before_after,
    benjamini_hochberg,
    cell_centre,
    cell_counts,
    cell_id,
    expected_count,
    hotspot_document,
    poisson_tail,
    scan,
    window_for,
)
from models.projection import to_wgs84

UNTIL = date(2026, 12, 2)
WINDOW_FROM = date(2026, 11, 5)  # four whole weeks ending with UNTIL
ORIGIN = (706_000.0, 6_160_000.0)  # around Ishøj, UTM32


# --- grid ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "size", "expected"),
    [
        (0.0, 0.0, 250, "250m:E0N0"),
        (249.999, 249.999, 250, "250m:E0N0"),
        (250.0, 499.999, 250, "250m:E250N250"),  # on the border: the square to the right
        (711_000.0, 6_168_250.0, 250, "250m:E711000N6168250"),
        (711_249.99, 6_168_499.99, 250, "250m:E711000N6168250"),
        (711_250.0, 6_168_500.0, 250, "250m:E711250N6168500"),
        (711_499.0, 6_168_999.0, 500, "500m:E711000N6168500"),
        (711_500.0, 6_169_000.0, 500, "500m:E711500N6169000"),
    ],
)
def test_cell_id(x: float, y: float, size: int, expected: str) -> None:
    assert cell_id(x, y, size) == expected


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_position_that_is_not_a_number_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match="endeligt tal"):
        cell_id(value, 6_168_000.0, 250)


@pytest.mark.parametrize(
    ("cell", "centre"),
    [
        ("250m:E0N0", (125.0, 125.0)),
        ("250m:E711000N6168250", (711_125.0, 6_168_375.0)),
        ("500m:E711500N6169000", (711_750.0, 6_169_250.0)),
        ("1000m:E700000N6160000", (700_500.0, 6_160_500.0)),
    ],
)
def test_cell_centre(cell: str, centre: tuple[float, float]) -> None:
    assert cell_centre(cell) == centre
    assert cell_id(*centre, int(cell.split("m:")[0])) == cell


@pytest.mark.parametrize("bad", ["", "250:E0N0", "250m:E0", "0m:E0N0", "250m:E1.5N0", "x"])
def test_a_malformed_cell_id_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"(?i)felt"):
        cell_centre(bad)


# --- statistics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "mean", "tail"),
    [
        (0, 1.0, 1.0),
        (0, 0.0, 1.0),
        (1, 0.0, 0.0),
        (1, 1.0, 1 - math.exp(-1)),  # 0.6321
        (2, 1.0, 1 - 2 * math.exp(-1)),  # 0.2642
        (3, 0.5, 1 - math.exp(-0.5) * (1 + 0.5 + 0.125)),  # 0.01439
        (3, 0.1, 1 - math.exp(-0.1) * (1 + 0.1 + 0.005)),  # 0.000155
        (12, 1.1, 1 - sum(math.exp(-1.1) * 1.1**k / math.factorial(k) for k in range(12))),
    ],
)
def test_poisson_tail(count: int, mean: float, tail: float) -> None:
    assert poisson_tail(count, mean) == pytest.approx(tail, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize(
    ("p_values", "q_values"),
    [
        ([], []),
        ([0.3], [0.3]),
        # sorted 0.005 0.01 0.03 0.04 -> 4p/rank 0.02 0.02 0.04 0.04
        ([0.01, 0.04, 0.03, 0.005], [0.02, 0.04, 0.04, 0.02]),
        # 8p/rank 0.008 0.032 0.104 0.082 0.0672 0.08 0.08457 0.205, then the running minimum
        # from the largest: ranks 3 and 4 take rank 5's 0.0672
        (
            [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205],
            [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.074 * 8 / 7, 0.205],
        ),
        ([0.9, 0.8], [0.9, 0.9]),
        ([0.6, 0.7, 1.0], [1.0, 1.0, 1.0]),  # 3 * 0.6 / 1 capped at 1 ... 0.7*3/2 = 1.05
    ],
)
def test_benjamini_hochberg(p_values: list[float], q_values: list[float]) -> None:
    assert benjamini_hochberg(p_values) == pytest.approx(q_values)


def test_expected_count_blends_the_cell_with_the_municipality() -> None:
    k = hotspots.PRIOR_WEEKS
    # 10 in the baseline, municipality 0.01 per square per week
    got = expected_count(10, weeks=4, baseline_weeks=104, municipal_rate=0.01)
    assert got == pytest.approx(4 * (10 + k * 0.01) / (104 + k))
    # a square with no history is not infinitely surprising: the municipality's share
    new = expected_count(0, weeks=4, baseline_weeks=104, municipal_rate=0.05)
    assert new == pytest.approx(4 * k * 0.05 / (104 + k))
    # and with no history anywhere, the floor
    assert expected_count(0, weeks=4, baseline_weeks=104, municipal_rate=0.0) == pytest.approx(
        4 * hotspots.EXPECTED_FLOOR_PER_WEEK
    )


def test_window_is_whole_weeks_ending_with_until() -> None:
    assert window_for(UNTIL, 4) == (WINDOW_FROM, UNTIL)
    assert window_for(UNTIL, 1) == (date(2026, 11, 26), UNTIL)


# --- a scan worked by hand ----------------------------------------------------------------------

A = (706_100.0, 6_160_100.0)  # square 250m:E706000N6160000
B = (708_100.0, 6_162_100.0)
C = (710_100.0, 6_164_100.0)


def _at(position: tuple[float, float], day: date, n: int = 1) -> list[Point]:
    return [Point(day, position[0] + i, position[1]) for i in range(n)]


def hand_points() -> list[Point]:
    """A: 2 in the baseline, 12 in weeks 3-4 of the window; B: 10 in the baseline and 1 recent;
    C: no history, 3 recent (weeks 1, 2 and 4). The baseline holds 12 in 104 weeks over 3 squares,
    so the municipal rate is 12 / 312 per square per week and PRIOR_WEEKS (26) of it is 1."""
    old = date(2025, 6, 1)
    return [
        *_at(A, old, 2),
        *_at(A, WINDOW_FROM + timedelta(days=14), 6),
        *_at(A, WINDOW_FROM + timedelta(days=25), 6),
        *_at(B, old, 10),
        *_at(B, UNTIL),
        *_at(C, WINDOW_FROM),
        *_at(C, WINDOW_FROM + timedelta(days=8)),
        *_at(C, UNTIL),
        Point(UNTIL + timedelta(days=1), *A),  # after the window: ignored
        Point(date(2020, 1, 1), *B),  # before the baseline: ignored
    ]


def test_a_scan_worked_by_hand() -> None:
    assert hotspots.PRIOR_WEEKS == 26.0  # the arithmetic below relies on it
    result = scan(hand_points(), until=UNTIL)
    exp_a, exp_b, exp_c = 4 * 3 / 130, 4 * 11 / 130, 4 * 1 / 130
    p_a, p_b, p_c = poisson_tail(12, exp_a), 1 - math.exp(-exp_b), poisson_tail(3, exp_c)
    assert result.tested_cells == 3
    assert result.suppressed_cells == 1  # B, with one recent
    assert result.window_from == WINDOW_FROM
    assert result.baseline_from == WINDOW_FROM - timedelta(weeks=104)
    assert [c.cell for c in result.cells] == [cell_id(*A, 250), cell_id(*C, 250)]
    first, second = result.cells
    assert (first.recent, second.recent) == (12, 3)
    assert first.expected == pytest.approx(exp_a)
    assert second.expected == pytest.approx(exp_c)
    assert first.p_value == pytest.approx(p_a)
    assert second.p_value == pytest.approx(p_c)
    assert first.q_value == pytest.approx(3 * p_a)
    assert second.q_value == pytest.approx(1.5 * p_c)
    assert p_b > 0.25  # B's one burglary is ordinary
    assert first.hotspot and second.hotspot
    assert first.since == WINDOW_FROM + timedelta(days=14)  # weeks 3 and 4
    assert second.since == WINDOW_FROM  # weeks 1, 2 and 4 together are the most surprising
    assert (first.cluster, second.cluster) == (1, 2)  # far apart: two clusters


def test_neighbouring_hotspots_form_one_cluster() -> None:
    east = (A[0] + 250, A[1] + 250)  # the diagonal neighbour
    points = [*_at(A, WINDOW_FROM, 6), *_at(east, WINDOW_FROM, 5), *_at(C, WINDOW_FROM, 6)]
    points += _at(B, date(2025, 6, 1), 20)
    result = scan(points, until=UNTIL)
    clusters = {c.cell: c.cluster for c in result.hotspots}
    assert clusters[cell_id(*A, 250)] == clusters[cell_id(*east, 250)]
    assert clusters[cell_id(*C, 250)] != clusters[cell_id(*A, 250)]


def test_min_count_is_the_listing_threshold_not_the_test() -> None:
    result = scan(hand_points(), until=UNTIL, min_count=4)
    assert [c.recent for c in result.cells] == [12]
    assert result.suppressed_cells == 2
    assert result.tested_cells == 3


def test_an_empty_extract_gives_an_empty_scan() -> None:
    result = scan([], until=UNTIL)
    assert (result.cells, result.tested_cells, result.suppressed_cells) == ((), 0, 0)


def test_a_short_extract_shortens_the_baseline_or_is_refused() -> None:
    start = WINDOW_FROM - timedelta(weeks=10)
    result = scan(hand_points(), until=UNTIL, data_from=start)
    assert result.baseline_from == start
    with pytest.raises(ValueError, match="For lidt historik"):
        scan(hand_points(), until=UNTIL, data_from=WINDOW_FROM - timedelta(weeks=2))


@pytest.mark.parametrize("min_count", [2, 1, 0, -3])
def test_a_min_count_below_three_is_refused(min_count: int) -> None:
    assert MIN_COUNT_FLOOR == 3
    with pytest.raises(ValueError, match="mindst 3"):
        scan(hand_points(), until=UNTIL, min_count=min_count)
    with pytest.raises(ValueError, match="mindst 3"):
        cell_counts(hand_points(), start=WINDOW_FROM, end=UNTIL, min_count=min_count)
    with pytest.raises(ValueError, match="mindst 3"):
        before_after(
            hand_points(), cell="250m:E0N0", action_day=UNTIL, weeks=4, min_count=min_count
        )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weeks": 0},
        {"size_m": 0},
        {"fdr": 0.0},
        {"fdr": 1.0},
        {"baseline_weeks": 0},
        {"baseline_weeks": 3},
    ],
)
def test_bad_parameters_are_refused_in_danish(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="skal"):
        scan(hand_points(), until=UNTIL, **kwargs)  # type: ignore[arg-type]


# --- aggregates and before/after ----------------------------------------------------------------


def test_cell_counts_by_hand() -> None:
    rows, suppressed = cell_counts(hand_points(), start=WINDOW_FROM, end=UNTIL)
    a, c = cell_id(*A, 250), cell_id(*C, 250)
    assert [(row[0], row[3]) for row in rows] == [(a, 12), (c, 3)]
    assert suppressed == 1
    assert rows[0][1:3] == to_wgs84(*cell_centre(a))
    rows, suppressed = cell_counts(hand_points(), start=date(2025, 1, 1), end=UNTIL, min_count=5)
    assert [(row[0], row[3]) for row in rows] == [(a, 14), (cell_id(*B, 250), 11)]
    assert suppressed == 1


def test_before_after_by_hand() -> None:
    action = date(2026, 6, 15)
    square = cell_id(*A, 250)
    points = [
        *_at(A, action - timedelta(weeks=4)),  # first day of the before-period
        *_at(A, action - timedelta(days=1), 4),  # last day of it
        *_at(A, action, 3),  # the action day itself: neither
        *_at(A, action + timedelta(days=1), 2),  # after: 2, below 3
        *_at(A, action + timedelta(weeks=4, days=1), 5),  # past the after-period
        *_at(B, action - timedelta(days=3), 9),  # another square
    ]
    result = before_after(points, cell=square, action_day=action, weeks=4, until=UNTIL)
    assert (result.before, result.after) == (5, None)
    assert result.before_from == action - timedelta(weeks=4)
    assert result.after_to == action + timedelta(weeks=4)
    assert result.after_complete
    late = before_after(points, cell=square, action_day=action, weeks=4, until=action)
    assert not late.after_complete
    raised = before_after(points, cell=square, action_day=action, weeks=4, min_count=6)
    assert (raised.before, raised.after) == (None, None)
    with pytest.raises(ValueError, match="500 m"):
        before_after(points, cell=square, action_day=action, weeks=4, size_m=500)


def test_hotspot_document_has_the_issues_shape() -> None:
    document = hotspot_document(scan(hand_points(), until=UNTIL), 183)
    assert document["municipality"] == 183
    assert document["window"] == {"from": "2026-11-05", "to": "2026-12-02"}
    assert document["min_count"] == 3
    assert document["suppressed_cells"] == 1
    first = document["cells"][0]
    assert {"cell", "lat", "lon", "recent", "expected", "p_value", "hotspot"} <= set(first)
    assert first["recent"] == 12 and first["hotspot"] is True
    assert first["since"] == "2026-11-19"
    assert json.loads(json.dumps(document)) == document


# --- privacy and order as properties ------------------------------------------------------------

OFFSETS = st.floats(0, 249.99, allow_nan=False)


@st.composite
def extracts(draw: st.DrawFn) -> list[Point]:
    """Few squares (so counts of 3 and more happen), days over the baseline, the window and a
    little after it."""
    n = draw(st.integers(0, 60))
    points = []
    for _ in range(n):
        column, row = draw(st.integers(0, 3)), draw(st.integers(0, 2))
        recent = draw(st.booleans())
        days_back = draw(st.integers(-3, 27) if recent else st.integers(28, 760))
        points.append(
            Point(
                UNTIL - timedelta(days=days_back),
                ORIGIN[0] + column * 250 + draw(OFFSETS),
                ORIGIN[1] + row * 250 + draw(OFFSETS),
            )
        )
    return points


@settings(max_examples=60, deadline=None)
@given(extracts(), st.integers(3, 6), st.randoms(use_true_random=False))
def test_no_output_carries_a_small_count_or_an_incident_position(
    points: list[Point], min_count: int, rnd: random.Random
) -> None:
    result = scan(points, until=UNTIL, min_count=min_count, baseline_weeks=104)
    for listed in result.cells:
        assert listed.recent >= min_count
        assert (listed.x, listed.y) == cell_centre(listed.cell)
        assert (listed.lat, listed.lon) == to_wgs84(*cell_centre(listed.cell))
        assert (listed.since is None) == (listed.cluster is None) == (not listed.hotspot)
        assert not listed.hotspot or listed.q_value <= result.fdr
        assert listed.since is None or result.window_from <= listed.since <= result.window_to
    assert all(c["recent"] >= min_count for c in hotspot_document(result, 183)["cells"])
    recent = {cell_id(p.x, p.y, 250) for p in points if WINDOW_FROM <= p.day <= UNTIL}
    assert len(result.cells) + result.suppressed_cells == len(recent)
    rows, suppressed = cell_counts(points, start=WINDOW_FROM, end=UNTIL, min_count=min_count)
    assert all(count >= min_count for *_, count in rows)
    assert all((lat, lon) == to_wgs84(*cell_centre(cell)) for cell, lat, lon, _ in rows)
    assert len(rows) + suppressed == len(recent)
    action = UNTIL - timedelta(weeks=8)
    for square in {cell_id(p.x, p.y, 250) for p in points}:
        ba = before_after(points, cell=square, action_day=action, weeks=4, min_count=min_count)
        assert ba.before is None or ba.before >= min_count
        assert ba.after is None or ba.after >= min_count
    shuffled = list(points)
    rnd.shuffle(shuffled)
    assert scan(shuffled, until=UNTIL, min_count=min_count) == result


# --- the simulation study (docs/hotspots.md) ----------------------------------------------------

SEEDS = 200


def _study() -> tuple[float, float]:
    """Share of seeds whose planted cluster (12 burglaries within 125 m of a spot in an inhabited
    square, over the last four weeks) is found, and share of seeds whose background alone raises
    any hotspot."""
    found = alarms = 0
    for seed in range(SEEDS):
        rng = np.random.default_rng(seed)
        background = simulate_background(rng, origin_x=ORIGIN[0], origin_y=ORIGIN[1])
        points = simulate_points(rng, background, first=UNTIL - timedelta(weeks=108), last=UNTIL)
        alarms += bool(scan(points, until=UNTIL).hotspots)
        cluster, _ = plant_cluster(rng, Cluster(), background, until=UNTIL)
        planted = {cell_id(p.x, p.y, 250) for p in cluster}
        found += any(c.cell in planted for c in scan(points + cluster, until=UNTIL).hotspots)
    return found / SEEDS, alarms / SEEDS


def test_planted_clusters_are_found_and_backgrounds_rarely_alarm() -> None:
    detection, false_alarms = _study()
    assert detection >= 0.95  # measured 1.000 (docs/hotspots.md)
    assert false_alarms <= 0.10  # measured 0.015


def test_a_long_standing_high_square_is_not_flagged_every_month() -> None:
    flagged = 0
    for seed in range(100):
        rng = np.random.default_rng(seed)
        drawn = simulate_background(rng, origin_x=ORIGIN[0], origin_y=ORIGIN[1])
        # one square with 40 burglaries a year, about 3 every four weeks, year in year out
        background = Background(drawn.size_m, drawn.corners, (40.0, *drawn.per_year[1:]))
        points = simulate_points(rng, background, first=UNTIL - timedelta(weeks=108), last=UNTIL)
        high = cell_id(*background.corners[0], 250)
        flagged += any(c.cell == high for c in scan(points, until=UNTIL).hotspots)
    assert flagged <= 5  # measured 0 of 100


def test_the_simulator_is_seeded_and_municipality_sized() -> None:
    def draw(seed: int) -> list[Point]:
        return simulate_extract(
            np.random.default_rng(seed),
            until=UNTIL,
            origin_x=ORIGIN[0],
            origin_y=ORIGIN[1],
            cluster=Cluster(count=12),
        )

    first = draw(7)
    assert first == draw(7)
    assert first != draw(8)
    assert 500 < len(first) < 800  # 300 a year for 108 weeks (about 621) and the cluster's 12
    assert min(p.day for p in first) >= UNTIL - timedelta(weeks=108)
    assert max(p.day for p in first) <= UNTIL
    assert all(ORIGIN[0] - 250 <= p.x <= ORIGIN[0] + 10_250 for p in first)
    assert all(ORIGIN[1] - 250 <= p.y <= ORIGIN[1] + 8_250 for p in first)


def test_a_planted_cluster_lies_where_and_when_it_was_asked() -> None:
    rng = np.random.default_rng(1)
    background = simulate_background(rng, origin_x=ORIGIN[0], origin_y=ORIGIN[1])
    cluster = Cluster(count=12, radius_m=125.0, x=707_000.0, y=6_161_000.0)
    points, centre = plant_cluster(rng, cluster, background, until=UNTIL)
    assert centre == (707_000.0, 6_161_000.0)
    assert len(points) == 12
    assert all(math.dist((p.x, p.y), centre) <= 125.0 for p in points)
    assert all(WINDOW_FROM <= p.day <= UNTIL for p in points)


def test_ties_are_ordered_by_square_not_by_input_order() -> None:
    twins = [*_at(A, WINDOW_FROM, 4), *_at(C, WINDOW_FROM, 4), *_at(B, date(2025, 6, 1), 30)]
    forward = scan(twins, until=UNTIL)
    backward = scan(twins[::-1], until=UNTIL)
    assert forward == backward
    assert [c.cell for c in forward.cells] == sorted([cell_id(*A, 250), cell_id(*C, 250)])
    assert forward.cells[0].p_value == forward.cells[1].p_value


def test_cell_corners_outline_the_square_around_its_centre() -> None:
    from models.hotspots import cell_corners
    from models.projection import to_utm32

    corners = cell_corners("250m:E711000N6168250")
    assert len(corners) == 5 and corners[0] == corners[-1]
    metres = [to_utm32(lat, lon) for lon, lat in corners[:4]]
    expected = [(711000, 6168250), (711250, 6168250), (711250, 6168500), (711000, 6168500)]
    for (x, y), (ex, ey) in zip(metres, expected, strict=True):
        assert abs(x - ex) < 0.01 and abs(y - ey) < 0.01
