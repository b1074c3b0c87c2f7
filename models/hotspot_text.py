"""The hotspot lines in Danish (pure): one sentence per hotspot, the before/after comparison and its
caption, the line that says how many squares are hidden, and the method in words
(`models.hotspots`, docs/hotspots.md)."""

import pandas as pd

from models.formatting import fmt_count, fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.hotspots import BeforeAfter, Cell, HotspotScan

BEFORE_AFTER_CAPTION = "Sammenligning, ikke bevis for årsag"
SMALLEST_SHOWN_PROBABILITY = 0.001  # below this the line says "under 0,1 %"

HOTSPOT_METHOD: tuple[str, ...] = (
    "Kommunen deles i kvadratiske felter (fx 250 × 250 m); kun felter med indbrud indgår.",
    "For hvert felt sammenlignes antallet af indbrud i de seneste uger med det forventede antal ud "
    "fra feltets egne to år før og kommunens niveau.",
    "Et felt er et hotspot, når antallet er usandsynligt højt, også når man tager højde for, at "
    "mange felter undersøges på én gang.",
    "Felter med færre end 3 indbrud vises aldrig med deres antal, og kortet viser feltets midte, "
    "aldrig adressen på et indbrud.",
)


def hotspot_method(min_count: int) -> tuple[str, ...]:
    """HOTSPOT_METHOD with the minimum count in force (BOTRYGT_HOTSPOT_MIN_COUNT may raise it)."""
    return tuple(
        line.replace("færre end 3 indbrud", f"færre end {fmt_int(min_count)} indbrud")
        for line in HOTSPOT_METHOD
    )


def _weeks_phrase(weeks: int) -> str:
    return "i den seneste uge" if weeks == 1 else f"i de seneste {fmt_int(weeks)} uger"


def expected_text(expected: float) -> str:
    """'1,1', '0,03'; 'under 0,01' for less (the floor makes 0 impossible)."""
    if expected < 0.005:
        return "under 0,01"
    return fmt_decimal(expected, digits=1 if expected >= 0.1 else 2)


def probability_text(p_value: float) -> str:
    """'under 0,1 %' for a very small probability, else '2,3 %'."""
    if p_value < SMALLEST_SHOWN_PROBABILITY:
        return f"under {fmt_percent(SMALLEST_SHOWN_PROBABILITY)}"
    return fmt_percent(p_value)


def hotspot_line(cell: Cell, weeks: int) -> str:
    """'12 indbrud i de seneste 4 uger mod 1,1 forventet; sandsynlighed under 0,1 %' (and, for a
    hotspot, '; forhøjet siden 9. nov. 2026')."""
    line = (
        f"{fmt_int(cell.recent)} indbrud {_weeks_phrase(weeks)} mod {expected_text(cell.expected)} "
        f"forventet; sandsynlighed {probability_text(cell.p_value)}"
    )
    if cell.since is not None:
        line += f"; forhøjet siden {fmt_date(cell.since)}"
    return line


def suppression_line(suppressed: int, min_count: int) -> str | None:
    """'14 felter med færre end 3 indbrud er skjult'; None when none is hidden."""
    if suppressed <= 0:
        return None
    cells = fmt_count(suppressed, one="felt", many="felter")
    return f"{cells} med færre end {fmt_int(min_count)} indbrud er skjult"


def scan_summary(scan: HotspotScan) -> str:
    """'2 hotspots blandt 203 felter med indbrud, 5. nov.–2. dec. 2026' or 'Ingen hotspots …'."""
    found = len(scan.hotspots)
    head = "Ingen hotspots" if found == 0 else fmt_count(found, one="hotspot", many="hotspots")
    cells = fmt_count(scan.tested_cells, one="felt", many="felter")
    return (
        f"{head} blandt {cells} med indbrud, "
        f"{fmt_date(scan.window_from)}–{fmt_date(scan.window_to)}"
    )


def count_text(count: int | None, min_count: int) -> str:
    """'7 indbrud', or 'færre end 3 indbrud' for a suppressed count (None)."""
    if count is None:
        return f"færre end {fmt_int(min_count)} indbrud"
    return f"{fmt_int(count)} indbrud"


def before_after_line(result: BeforeAfter) -> str:
    """'4 uger før (25. okt.–21. nov. 2026): 7 indbrud; 4 uger efter (23. nov.–20. dec. 2026):
    færre end 3 indbrud', with '(perioden er ikke slut)' while the after-period runs."""
    weeks = fmt_count(result.weeks, one="uge", many="uger")
    before = count_text(result.before, result.min_count)
    after = count_text(result.after, result.min_count)
    line = (
        f"{weeks} før ({fmt_date(result.before_from)}–{fmt_date(result.before_to)}): {before}; "
        f"{weeks} efter ({fmt_date(result.after_from)}–{fmt_date(result.after_to)}): {after}"
    )
    if not result.after_complete:
        line += " (perioden er ikke slut)"
    return line


def hotspot_rows(scan: HotspotScan) -> pd.DataFrame:
    """The listed squares as the page's and the map's table: hotspots first, every count at least
    `min_count` (the scan lists no other), the square's id and never a position."""
    cells = scan.cells
    return pd.DataFrame(
        {
            "Felt": [c.cell for c in cells],
            "Hotspot": ["Ja" if c.hotspot else "Nej" for c in cells],
            "Klynge": [str(c.cluster) if c.cluster else "" for c in cells],
            "Indbrud": [fmt_int(c.recent) for c in cells],
            "Forventet": [expected_text(c.expected) for c in cells],
            "Sandsynlighed": [probability_text(c.p_value) for c in cells],
            "Forhøjet siden": [fmt_date(c.since) if c.since else "" for c in cells],
        }
    )
