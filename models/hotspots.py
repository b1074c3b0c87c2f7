"""Burglary hotspots on a regular UTM32 grid (pure): which grid squares saw improbably many
burglaries in the recent window against their own history and the municipality's level, with the
false-discovery rate controlled across squares, and the privacy rule that no square with fewer than
`min_count` incidents is ever listed with its count. docs/hotspots.md has the method and why.

Positions are UTM zone 32N metres (EPSG:25832). Whatever leaves this module carries cell centres
only, never an incident's position.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from models.projection import to_wgs84

MIN_COUNT_FLOOR = 3  # no square with fewer incidents than this is ever shown with its count

# Empirical-Bayes prior weight, in weeks of history: the municipality's average square counts as
# if the cell had been watched this long at that level (docs/hotspots.md, "Expected count").
PRIOR_WEEKS = 26.0
# The smallest expected count per week a square can have, so a municipality with (almost) no
# history cannot make three burglaries look infinitely surprising.
EXPECTED_FLOOR_PER_WEEK = 0.0025
# Less history than this before the window and the baseline says too little to compare against.
MIN_BASELINE_WEEKS = 4.0

_CELL_ID = re.compile(r"^(\d+)m:E(-?\d+)N(-?\d+)$")


@dataclass(frozen=True)
class Point:
    """One reported burglary, position in UTM zone 32N metres (EPSG:25832)."""

    day: date
    x: float
    y: float


@dataclass(frozen=True)
class Cell:
    """One grid square's result. `cluster` numbers neighbouring hotspot squares that belong
    together (1 is the cluster with the smallest p-value); None for a square that is no hotspot."""

    cell: str  # grid square id: f"{size_m}m:E{x0}N{y0}", x0/y0 = lower-left corner in metres
    x: float  # centre, UTM32 metres
    y: float
    lat: float  # centre in WGS84
    lon: float
    recent: int  # incidents in the recent window
    expected: float  # expected count in the window from the baseline
    p_value: float  # upper-tail probability P(X >= recent | expected)
    q_value: float  # Benjamini-Hochberg adjusted
    hotspot: bool
    since: date | None  # first day of the run of elevated weeks for a hotspot, else None
    cluster: int | None = None


@dataclass(frozen=True)
class HotspotScan:
    window_from: date  # inclusive
    window_to: date  # inclusive
    weeks: int
    size_m: int
    min_count: int
    cells: tuple[Cell, ...]  # ONLY cells with recent >= min_count, hotspots first, then p_value
    suppressed_cells: int  # cells with 1 <= recent < min_count (never listed, never their count)
    tested_cells: int  # how many cells entered the FDR family
    baseline_from: date
    fdr: float

    @property
    def hotspots(self) -> tuple[Cell, ...]:
        return tuple(cell for cell in self.cells if cell.hotspot)


@dataclass(frozen=True)
class BeforeAfter:
    """A square's counts in the `weeks` before and after an action. A count below `min_count` is
    None ("færre end 3"), never the number. The action day itself belongs to neither period."""

    cell: str
    action_day: date
    weeks: int
    min_count: int
    before_from: date
    before_to: date
    after_from: date
    after_to: date
    before: int | None
    after: int | None
    after_complete: bool  # False when the data (`until`) ends before the after-period does


# --- checks -------------------------------------------------------------------------------------


def check_min_count(min_count: int) -> None:
    """Refuse a minimum below the privacy floor (Danish message)."""
    if min_count < MIN_COUNT_FLOOR:
        raise ValueError(
            f"Mindsteantallet pr. felt skal være mindst {MIN_COUNT_FLOOR} indbrud "
            f"(fik {min_count}); færre kan pege på enkelte husstande."
        )


def _check_positive(value: int, what: str) -> None:
    if value < 1:
        raise ValueError(f"{what} skal være mindst 1 (fik {value}).")


# --- grid ---------------------------------------------------------------------------------------


def _corner(value: float, size_m: int) -> int:
    """Lower-left corner of the square holding `value`: a value on a border belongs to the square
    to its right (above)."""
    if not math.isfinite(value):
        raise ValueError(f"En position skal være et endeligt tal i meter (fik {value}).")
    return math.floor(value / size_m) * size_m


def cell_id(x: float, y: float, size_m: int) -> str:
    """'250m:E711000N6168250' for the square of side `size_m` holding (x, y)."""
    _check_positive(size_m, "Feltets størrelse i meter")
    return f"{size_m}m:E{_corner(x, size_m)}N{_corner(y, size_m)}"


def _parse(cell: str) -> tuple[int, int, int]:
    match = _CELL_ID.match(cell)
    if not match:
        raise ValueError(f"Ukendt felt-id: {cell!r} (forventet fx '250m:E711000N6168250').")
    size, x0, y0 = (int(group) for group in match.groups())
    _check_positive(size, "Feltets størrelse i meter")
    return size, x0, y0


def cell_centre(cell: str) -> tuple[float, float]:
    """The UTM32 centre (x, y) of a square from its id."""
    size, x0, y0 = _parse(cell)
    return x0 + size / 2, y0 + size / 2


def cell_corners(cell: str) -> list[tuple[float, float]]:
    """The square's outline as (lon, lat) corners, closed (the first corner again at the end), for
    drawing the square itself: a map shows the square, never a position inside it."""
    size, x0, y0 = _parse(cell)
    corners = [(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size), (x0, y0)]
    return [(lon, lat) for lat, lon in (to_wgs84(x, y) for x, y in corners)]


def _cell_wgs84(cell: str) -> tuple[float, float]:
    return to_wgs84(*cell_centre(cell))


def _count_cells(points: Iterable[Point], start: date, end: date, size_m: int) -> Counter[str]:
    return Counter(cell_id(p.x, p.y, size_m) for p in points if start <= p.day <= end)


# --- statistics ---------------------------------------------------------------------------------


def poisson_tail(count: int, mean: float) -> float:
    """P(X >= count) for X ~ Poisson(mean): the regularised lower incomplete gamma P(count, mean).
    scipy.special is imported here, not at the top: a page importing this module should not pay
    its third of a second at start-up."""
    from scipy.special import gammainc

    if count <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    return float(gammainc(count, mean))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given: q_(i) is the smallest
    m * p_(j) / j over j >= i in ascending order, capped at 1."""
    m = len(p_values)
    if m == 0:
        return []
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m)
    q[order] = np.minimum(adjusted, 1.0)
    return [float(value) for value in q]


def expected_count(
    baseline: int, *, weeks: int, baseline_weeks: float, municipal_rate: float
) -> float:
    """A square's expected count in a window of `weeks` weeks: the Gamma-Poisson posterior mean
    rate (baseline + PRIOR_WEEKS * municipal_rate) / (baseline_weeks + PRIOR_WEEKS), times the
    window, never below EXPECTED_FLOOR_PER_WEEK per week. `municipal_rate` is the municipality's
    incidents per square per week."""
    rate = (baseline + PRIOR_WEEKS * municipal_rate) / (baseline_weeks + PRIOR_WEEKS)
    return weeks * max(rate, EXPECTED_FLOOR_PER_WEEK)


def _onset(weekly: Sequence[int], expected: float) -> int:
    """The week (0-based) from which the square's counts are most surprising: the start j whose
    weeks j..end have the smallest Poisson tail against their share of the expected count (the
    earliest on a tie)."""
    weeks = len(weekly)
    best, best_p = 0, math.inf
    for start in range(weeks):
        p = poisson_tail(sum(weekly[start:]), expected * (weeks - start) / weeks)
        if p < best_p:
            best, best_p = start, p
    return best


def _clusters(hotspots: Sequence[str]) -> dict[str, int]:
    """Neighbouring hotspot squares (sharing a side or a corner) into clusters, numbered in the
    order of their first member in `hotspots` (which is sorted by p-value)."""
    corners = {cell: _parse(cell) for cell in hotspots}
    by_corner = {(x0, y0): cell for cell, (_, x0, y0) in corners.items()}
    label: dict[str, int] = {}
    next_label = 1
    for cell in hotspots:
        if cell in label:
            continue
        label[cell] = next_label
        stack = [cell]
        while stack:
            size, x0, y0 = corners[stack.pop()]
            for dx in (-size, 0, size):
                for dy in (-size, 0, size):
                    neighbour = by_corner.get((x0 + dx, y0 + dy))
                    if neighbour is not None and neighbour not in label:
                        label[neighbour] = next_label
                        stack.append(neighbour)
        next_label += 1
    return label


# --- the scan -----------------------------------------------------------------------------------


def window_for(until: date, weeks: int) -> tuple[date, date]:
    """The recent window: `weeks` whole weeks ending with `until` (both inclusive)."""
    _check_positive(weeks, "Antal uger")
    return until - timedelta(days=7 * weeks - 1), until


def scan(
    points: Sequence[Point],
    *,
    until: date,
    weeks: int = 4,
    size_m: int = 250,
    min_count: int = 3,
    baseline_weeks: int = 104,
    fdr: float = 0.05,
    data_from: date | None = None,
) -> HotspotScan:
    """Hotspots in the `weeks` weeks ending with `until` against the `baseline_weeks` before.

    `data_from` is the first day the extract covers, when it starts later than the baseline would:
    the baseline is then shortened to the data there is (at least MIN_BASELINE_WEEKS weeks).
    Incidents after `until` and before the baseline are ignored.
    """
    check_min_count(min_count)
    _check_positive(size_m, "Feltets størrelse i meter")
    if baseline_weeks < MIN_BASELINE_WEEKS:
        raise ValueError(
            f"Sammenligningsgrundlaget skal være mindst {MIN_BASELINE_WEEKS:.0f} uger "
            f"(fik {baseline_weeks})."
        )
    if not 0 < fdr < 1:
        raise ValueError(f"Andelen af falske fund skal ligge mellem 0 og 1 (fik {fdr}).")
    window_from, window_to = window_for(until, weeks)
    baseline_from = window_from - timedelta(weeks=baseline_weeks)
    if data_from is not None and data_from > baseline_from:
        baseline_from = data_from
    history_weeks = (window_from - baseline_from).days / 7
    if history_weeks < MIN_BASELINE_WEEKS:
        raise ValueError(
            f"For lidt historik: udtrækket skal dække mindst {MIN_BASELINE_WEEKS:.0f} uger før "
            f"vinduet, der begynder {window_from.isoformat()}."
        )

    baseline_counts = _count_cells(points, baseline_from, window_from - timedelta(days=1), size_m)
    recent_counts = _count_cells(points, window_from, window_to, size_m)
    family = sorted(set(baseline_counts) | set(recent_counts))
    if not family:
        return HotspotScan(
            window_from, window_to, weeks, size_m, min_count, (), 0, 0, baseline_from, fdr
        )

    municipal_rate = sum(baseline_counts.values()) / (history_weeks * len(family))
    expected = {
        cell: expected_count(
            baseline_counts[cell],
            weeks=weeks,
            baseline_weeks=history_weeks,
            municipal_rate=municipal_rate,
        )
        for cell in family
    }
    p_values = [poisson_tail(recent_counts[cell], expected[cell]) for cell in family]
    q_values = dict(zip(family, benjamini_hochberg(p_values), strict=True))
    p_by_cell = dict(zip(family, p_values, strict=True))

    listed = [cell for cell in family if recent_counts[cell] >= min_count]
    hot = {cell for cell in listed if q_values[cell] <= fdr}

    def order(cell: str) -> tuple[bool, float, int, str]:
        return (cell not in hot, p_by_cell[cell], -recent_counts[cell], cell)

    listed.sort(key=order)
    cluster_of = _clusters([cell for cell in listed if cell in hot])

    weekly: dict[str, list[int]] = defaultdict(lambda: [0] * weeks)
    for point in points:
        if window_from <= point.day <= window_to:
            key = cell_id(point.x, point.y, size_m)
            if key in hot:
                weekly[key][(point.day - window_from).days // 7] += 1

    cells = []
    for cell in listed:
        x, y = cell_centre(cell)
        lat, lon = to_wgs84(x, y)
        since = None
        if cell in hot:
            since = window_from + timedelta(weeks=_onset(weekly[cell], expected[cell]))
        cells.append(
            Cell(
                cell=cell,
                x=x,
                y=y,
                lat=lat,
                lon=lon,
                recent=recent_counts[cell],
                expected=expected[cell],
                p_value=p_by_cell[cell],
                q_value=q_values[cell],
                hotspot=cell in hot,
                since=since,
                cluster=cluster_of.get(cell),
            )
        )
    suppressed = sum(1 for count in recent_counts.values() if 1 <= count < min_count)
    return HotspotScan(
        window_from=window_from,
        window_to=window_to,
        weeks=weeks,
        size_m=size_m,
        min_count=min_count,
        cells=tuple(cells),
        suppressed_cells=suppressed,
        tested_cells=len(family),
        baseline_from=baseline_from,
        fdr=fdr,
    )


# --- aggregates ---------------------------------------------------------------------------------


def cell_counts(
    points: Sequence[Point], *, start: date, end: date, size_m: int = 250, min_count: int = 3
) -> tuple[tuple[tuple[str, float, float, int], ...], int]:
    """(cell, lat, lon, count) for the squares with at least `min_count` incidents in [start, end]
    (most first, then by id), and how many non-empty squares were suppressed for having fewer."""
    check_min_count(min_count)
    counts = _count_cells(points, start, end, size_m)
    shown = sorted(
        ((cell, count) for cell, count in counts.items() if count >= min_count),
        key=lambda item: (-item[1], item[0]),
    )
    rows = tuple((cell, *_cell_wgs84(cell), count) for cell, count in shown)
    return rows, len(counts) - len(shown)


def before_after(
    points: Sequence[Point],
    *,
    cell: str,
    action_day: date,
    weeks: int,
    size_m: int = 250,
    min_count: int = 3,
    until: date | None = None,
) -> BeforeAfter:
    """The square's counts in the `weeks` weeks before `action_day` and the `weeks` weeks after
    it; a count below `min_count` is None. `until` (the last day the data covers) marks an
    after-period that has not ended yet."""
    check_min_count(min_count)
    _check_positive(weeks, "Antal uger")
    cell_size, _, _ = _parse(cell)
    if cell_size != size_m:
        raise ValueError(f"Feltet {cell} er ikke et felt på {size_m} m.")
    before_from = action_day - timedelta(weeks=weeks)
    before_to = action_day - timedelta(days=1)
    after_from = action_day + timedelta(days=1)
    after_to = action_day + timedelta(weeks=weeks)
    mine = [p for p in points if cell_id(p.x, p.y, size_m) == cell]
    before = sum(1 for p in mine if before_from <= p.day <= before_to)
    after = sum(1 for p in mine if after_from <= p.day <= after_to)
    return BeforeAfter(
        cell=cell,
        action_day=action_day,
        weeks=weeks,
        min_count=min_count,
        before_from=before_from,
        before_to=before_to,
        after_from=after_from,
        after_to=after_to,
        before=before if before >= min_count else None,
        after=after if after >= min_count else None,
        after_complete=until is None or until >= after_to,
    )


# --- the CLI's document -------------------------------------------------------------------------


def _significant(value: float, digits: int = 3) -> float:
    """A probability to `digits` significant digits (0.0000123456 -> 1.23e-05)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")


def hotspot_document(scan_result: HotspotScan, municipality: int) -> dict[str, Any]:
    """The JSON shape `botrygt hotspots --json` prints: every listed square has `recent` at least
    `min_count`; positions are square centres."""
    return {
        "municipality": municipality,
        "window": {
            "from": scan_result.window_from.isoformat(),
            "to": scan_result.window_to.isoformat(),
        },
        "weeks": scan_result.weeks,
        "size_m": scan_result.size_m,
        "min_count": scan_result.min_count,
        "fdr": scan_result.fdr,
        "baseline_from": scan_result.baseline_from.isoformat(),
        "tested_cells": scan_result.tested_cells,
        "cells": [
            {
                "cell": cell.cell,
                "lat": round(cell.lat, 6),
                "lon": round(cell.lon, 6),
                "recent": cell.recent,
                "expected": round(cell.expected, 3),
                "p_value": _significant(cell.p_value),
                "q_value": _significant(cell.q_value),
                "hotspot": cell.hotspot,
                "since": cell.since.isoformat() if cell.since else None,
                "cluster": cell.cluster,
            }
            for cell in scan_result.cells
            if cell.recent >= scan_result.min_count
        ],
        "suppressed_cells": scan_result.suppressed_cells,
    }
