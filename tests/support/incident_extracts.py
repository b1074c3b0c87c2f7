"""Police extracts for tests: the demo extract as the police's CSV (the fixture in
tests/data/imports/incidents_ishoj_demo.csv is written from it), and small extracts built from
rows in any of the accepted layouts, so a test can corrupt one cell and know where.

Regenerate the fixture: `python -m tests.support.incident_extracts`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dataio.seed.demo_incidents import demo_incident_csv, demo_incidents
from models.projection import to_wgs84

TODAY = date(2026, 12, 2)  # the demo's "today" in the fixture
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "imports" / "incidents_ishoj_demo.csv"


@dataclass(frozen=True)
class ExtractRow:
    """One row as a test writes it: the day, a UTM32 position, and the optional columns."""

    day: date
    x: float
    y: float
    time_of_day: str | None = None
    offence: str | None = None
    address: str | None = None


def inside_positions() -> list[tuple[float, float]]:
    """UTM32 positions known to be inside Ishøj (the demo extract's, rounded to the metre)."""
    return sorted({(round(i.x), round(i.y)) for i in demo_incidents(today=TODAY)})


def extract(
    rows: Sequence[ExtractRow],
    *,
    layout: str = "latlon",  # or "xy"
    separator: str = ";",
    encoding: str = "utf-8-sig",  # or "utf-8", "cp1252"
    iso_dates: bool = False,
) -> bytes:
    """The rows as a CSV extract (header row 1, data from row 2)."""
    position = ["lat", "lon"] if layout == "latlon" else ["x", "y"]
    header = ["dato", *position, "klokkeslaet", "overtraedelse", "adresse"]
    lines = [separator.join(header)]
    for row in rows:
        if layout == "latlon":
            lat, lon = to_wgs84(row.x, row.y)
            where = [f"{lat:.7f}", f"{lon:.7f}"]
        else:
            where = [f"{row.x:.2f}", f"{row.y:.2f}"]
        day = row.day.isoformat() if iso_dates else f"{row.day:%d-%m-%Y}"
        cells = [day, *where, row.time_of_day or "", row.offence or "", row.address or ""]
        lines.append(separator.join(cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def write_fixture() -> Path:
    FIXTURE.write_bytes(demo_incident_csv(today=TODAY))
    return FIXTURE


if __name__ == "__main__":
    print(write_fixture())
