"""Synthetic police extracts of known truth (pure, seeded): a municipality-sized background of
burglaries with uneven but stable intensities per grid square, and optionally a planted cluster.
The hotspot tests measure detection and false alarms on it (docs/hotspots.md); the demo extract
may be drawn from it too.

Everything is drawn from the numpy Generator passed in, so a seed gives the same extract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from models.hotspots import Point

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Cluster:
    """A planted cluster: `count` burglaries spread uniformly over a disc of `radius_m` around
    (x, y), on days uniform over `days` days from `start`. None for x/y puts it at a random spot
    in a random inhabited square; None for start makes it end on the extract's last day."""

    count: int = 12
    radius_m: float = 125.0
    days: int = 28
    x: float | None = None
    y: float | None = None
    start: date | None = None


@dataclass(frozen=True)
class Background:
    """The inhabited squares: lower-left corners (UTM32 metres) and burglaries per year each."""

    size_m: int
    corners: tuple[tuple[float, float], ...]
    per_year: tuple[float, ...]


def simulate_background(
    rng: np.random.Generator,
    *,
    origin_x: float,
    origin_y: float,
    width_m: float = 10_000.0,
    height_m: float = 8_000.0,
    size_m: int = 250,
    cells: int = 300,
    per_year: float = 300.0,
    shape: float = 1.0,
) -> Background:
    """`cells` distinct inhabited squares on the `size_m` grid of the area whose lower-left corner
    is (origin_x, origin_y), with Gamma(`shape`) intensities (shape 1: a few squares carry much of
    it) scaled to `per_year` burglaries a year in all."""
    columns, rows = int(width_m // size_m), int(height_m // size_m)
    if not 0 < cells <= columns * rows:
        raise ValueError(f"Området har plads til {columns * rows} felter, ikke {cells}.")
    chosen = rng.choice(columns * rows, size=cells, replace=False)
    base_x = np.floor(origin_x / size_m) * size_m
    base_y = np.floor(origin_y / size_m) * size_m
    corners = tuple(
        (float(base_x + (i % columns) * size_m), float(base_y + (i // columns) * size_m))
        for i in chosen
    )
    weights = rng.gamma(shape, 1.0, size=cells)
    rates = weights / weights.sum() * per_year
    return Background(size_m, corners, tuple(float(rate) for rate in rates))


def simulate_points(
    rng: np.random.Generator, background: Background, *, first: date, last: date
) -> list[Point]:
    """Poisson counts per square over [first, last], each incident on a uniform day at a uniform
    position in its square."""
    days = (last - first).days + 1
    counts = rng.poisson(np.asarray(background.per_year) * days / DAYS_PER_YEAR)
    points: list[Point] = []
    for (x0, y0), count in zip(background.corners, counts, strict=True):
        offsets = rng.integers(0, days, size=count)
        xs = x0 + rng.random(count) * background.size_m
        ys = y0 + rng.random(count) * background.size_m
        points.extend(
            Point(first + timedelta(days=int(d)), float(x), float(y))
            for d, x, y in zip(offsets, xs, ys, strict=True)
        )
    return points


def plant_cluster(
    rng: np.random.Generator, cluster: Cluster, background: Background, *, until: date
) -> tuple[list[Point], tuple[float, float]]:
    """The cluster's points and its centre (UTM32)."""
    if cluster.x is None or cluster.y is None:
        x0, y0 = background.corners[int(rng.integers(len(background.corners)))]
        x = x0 + float(rng.random()) * background.size_m
        y = y0 + float(rng.random()) * background.size_m
    else:
        x, y = cluster.x, cluster.y
    start = cluster.start or until - timedelta(days=cluster.days - 1)
    radius = cluster.radius_m * np.sqrt(rng.random(cluster.count))
    angle = rng.random(cluster.count) * 2 * np.pi
    offsets = rng.integers(0, cluster.days, size=cluster.count)
    points = [
        Point(start + timedelta(days=int(d)), float(x + r * np.cos(a)), float(y + r * np.sin(a)))
        for d, r, a in zip(offsets, radius, angle, strict=True)
    ]
    return points, (x, y)


def simulate_extract(
    rng: np.random.Generator,
    *,
    until: date,
    origin_x: float,
    origin_y: float,
    width_m: float = 10_000.0,
    height_m: float = 8_000.0,
    size_m: int = 250,
    cells: int = 300,
    per_year: float = 300.0,
    days: int = 7 * 108,
    cluster: Cluster | None = None,
) -> list[Point]:
    """A police extract of `days` days ending with `until`: the background (`cells` inhabited
    squares, `per_year` burglaries a year) and, when given, a planted cluster. Sorted by day and
    position."""
    background = simulate_background(
        rng,
        origin_x=origin_x,
        origin_y=origin_y,
        width_m=width_m,
        height_m=height_m,
        size_m=size_m,
        cells=cells,
        per_year=per_year,
    )
    points = simulate_points(rng, background, first=until - timedelta(days=days - 1), last=until)
    if cluster is not None:
        points.extend(plant_cluster(rng, cluster, background, until=until)[0])
    return sorted(points, key=lambda p: (p.day, p.x, p.y))
