"""The hotspot lines in Danish or English (pure): one sentence per hotspot, the before/after
comparison and its caption, the line that says how many squares are hidden, the map's words, and
the method in words (`models.hotspots`, docs/hotspots.md)."""

import pandas as pd

from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.hotspot_actions import PROPOSAL_LABELS, HotspotPlace, Proposal
from models.hotspots import BeforeAfter, Cell, HotspotScan
from models.i18n import DANISH, N_, translate, translate_plural, translator

BEFORE_AFTER_CAPTION = N_("Sammenligning, ikke bevis for årsag")
SMALLEST_SHOWN_PROBABILITY = 0.001  # below this the line says "under 0,1 %"

HOTSPOT_METHOD: tuple[str, ...] = (
    N_("Kommunen deles i kvadratiske felter (fx 250 × 250 m); kun felter med indbrud indgår."),
    N_(
        "For hvert felt sammenlignes antallet af indbrud i de seneste uger med det forventede "
        "antal ud fra feltets egne to år før og kommunens niveau."
    ),
    N_(
        "Et felt er et hotspot, når antallet er usandsynligt højt, også når man tager højde for, "
        "at mange felter undersøges på én gang."
    ),
    N_(
        "Felter med færre end 3 indbrud vises aldrig med deres antal, og kortet viser feltets "
        "midte, aldrig adressen på et indbrud."
    ),
)
# the last line with the minimum count in force as a field (BOTRYGT_HOTSPOT_MIN_COUNT)
_SUPPRESSION_METHOD = N_(
    "Felter med færre end {count} indbrud vises aldrig med deres antal, og kortet viser feltets "
    "midte, aldrig adressen på et indbrud."
)


def hotspot_method(min_count: int, *, lang: str = DANISH) -> tuple[str, ...]:
    """HOTSPOT_METHOD with the minimum count in force (BOTRYGT_HOTSPOT_MIN_COUNT may raise it),
    in `lang`."""
    *first, _last = HOTSPOT_METHOD
    last = translate(lang, _SUPPRESSION_METHOD).format(count=fmt_int(min_count, lang=lang))
    return (*(translate(lang, line) for line in first), last)


def weeks_label(weeks: int, *, lang: str = DANISH) -> str:
    """The Hotspots page's period: '4 uger' / '4 weeks'."""
    return translate_plural(lang, "{count} uge", "{count} uger", weeks).format(
        count=fmt_int(weeks, lang=lang)
    )


def _weeks_phrase(weeks: int, lang: str = DANISH) -> str:
    if weeks == 1:
        return translate(lang, "i den seneste uge")
    return translate(lang, "i de seneste {weeks} uger").format(weeks=fmt_int(weeks, lang=lang))


def expected_text(expected: float, *, lang: str = DANISH) -> str:
    """'1,1', '0,03'; 'under 0,01' for less (the floor makes 0 impossible)."""
    if expected < 0.005:
        return translate(lang, "under {value}").format(value=fmt_decimal(0.01, digits=2, lang=lang))
    return fmt_decimal(expected, digits=1 if expected >= 0.1 else 2, lang=lang)


def probability_text(p_value: float, *, lang: str = DANISH) -> str:
    """'under 0,1 %' for a very small probability, else '2,3 %'."""
    if p_value < SMALLEST_SHOWN_PROBABILITY:
        return translate(lang, "under {value}").format(
            value=fmt_percent(SMALLEST_SHOWN_PROBABILITY, lang=lang)
        )
    return fmt_percent(p_value, lang=lang)


def hotspot_line(cell: Cell, weeks: int, *, lang: str = DANISH) -> str:
    """'12 indbrud i de seneste 4 uger mod 1,1 forventet; sandsynlighed under 0,1 %' (and, for a
    hotspot, '; forhøjet siden 9. nov. 2026')."""
    _ = translator(lang)
    line = _(
        "{count} indbrud {weeks} mod {expected} forventet; sandsynlighed {probability}"
    ).format(
        count=fmt_int(cell.recent, lang=lang),
        weeks=_weeks_phrase(weeks, lang),
        expected=expected_text(cell.expected, lang=lang),
        probability=probability_text(cell.p_value, lang=lang),
    )
    if cell.since is not None:
        line += _("; forhøjet siden {day}").format(day=fmt_date(cell.since, lang=lang))
    return line


def suppression_line(suppressed: int, min_count: int, *, lang: str = DANISH) -> str | None:
    """'14 felter med færre end 3 indbrud er skjult'; None when none is hidden."""
    if suppressed <= 0:
        return None
    return translate_plural(
        lang,
        "{count} felt med færre end {least} indbrud er skjult",
        "{count} felter med færre end {least} indbrud er skjult",
        suppressed,
    ).format(count=fmt_int(suppressed, lang=lang), least=fmt_int(min_count, lang=lang))


def scan_summary(scan: HotspotScan, *, lang: str = DANISH) -> str:
    """'2 hotspots blandt 203 felter med indbrud, 5. nov.–2. dec. 2026' or 'Ingen hotspots …'."""
    _ = translator(lang)
    found = len(scan.hotspots)
    head = (
        _("Ingen hotspots")
        if found == 0
        else translate_plural(lang, "{count} hotspot", "{count} hotspots", found).format(
            count=fmt_int(found, lang=lang)
        )
    )
    cells = translate_plural(lang, "{count} felt", "{count} felter", scan.tested_cells).format(
        count=fmt_int(scan.tested_cells, lang=lang)
    )
    return _("{head} blandt {cells} med indbrud, {first}–{last}").format(
        head=head,
        cells=cells,
        first=fmt_date(scan.window_from, lang=lang),
        last=fmt_date(scan.window_to, lang=lang),
    )


def count_text(count: int | None, min_count: int, *, lang: str = DANISH) -> str:
    """'7 indbrud', or 'færre end 3 indbrud' for a suppressed count (None)."""
    if count is None:
        return translate(lang, "færre end {count} indbrud").format(
            count=fmt_int(min_count, lang=lang)
        )
    return translate(lang, "{count} indbrud").format(count=fmt_int(count, lang=lang))


def before_after_line(result: BeforeAfter, *, lang: str = DANISH) -> str:
    """'4 uger før (25. okt.–21. nov. 2026): 7 indbrud; 4 uger efter (23. nov.–20. dec. 2026):
    færre end 3 indbrud', with '(perioden er ikke slut)' while the after-period runs."""
    _ = translator(lang)
    weeks = translate_plural(lang, "{count} uge", "{count} uger", result.weeks).format(
        count=fmt_int(result.weeks, lang=lang)
    )
    line = _(
        "{weeks} før ({before_from}–{before_to}): {before}; "
        "{weeks} efter ({after_from}–{after_to}): {after}"
    ).format(
        weeks=weeks,
        before_from=fmt_date(result.before_from, lang=lang),
        before_to=fmt_date(result.before_to, lang=lang),
        before=count_text(result.before, result.min_count, lang=lang),
        after_from=fmt_date(result.after_from, lang=lang),
        after_to=fmt_date(result.after_to, lang=lang),
        after=count_text(result.after, result.min_count, lang=lang),
    )
    if not result.after_complete:
        line += " " + _("(perioden er ikke slut)")
    return line


HOTSPOT_COLUMNS = (
    N_("Felt"),
    N_("Hotspot"),
    N_("Klynge"),
    N_("Indbrud"),
    N_("Forventet"),
    N_("Sandsynlighed"),
    N_("Forhøjet siden"),
)


def hotspot_rows(scan: HotspotScan, *, lang: str = DANISH) -> pd.DataFrame:
    """The listed squares as the page's and the map's table: hotspots first, every count at least
    `min_count` (the scan lists no other), the square's id and never a position; the headings and
    words in `lang`."""
    _ = translator(lang)
    cells = scan.cells
    yes, no = _("Ja"), _("Nej")
    columns = [_(c) for c in HOTSPOT_COLUMNS]
    values = [
        [c.cell for c in cells],
        [yes if c.hotspot else no for c in cells],
        [str(c.cluster) if c.cluster else "" for c in cells],
        [fmt_int(c.recent, lang=lang) for c in cells],
        [expected_text(c.expected, lang=lang) for c in cells],
        [probability_text(c.p_value, lang=lang) for c in cells],
        [fmt_date(c.since, lang=lang) if c.since else "" for c in cells],
    ]
    return pd.DataFrame(dict(zip(columns, values, strict=True)))


# models.hotspot_actions.PROPOSAL_LABELS, marked here so the catalogue has them (`proposal_label`)
PROPOSAL_WORDS: dict[str, str] = {
    Proposal.POLICE_STATION: N_("Mobil politistation"),
    Proposal.WALK: N_("Tryghedsvandring"),
    Proposal.RECRUITMENT: N_("Rekruttering til Nabohjælp"),
}
assert PROPOSAL_WORDS == PROPOSAL_LABELS


def proposal_label(proposal: str, *, lang: str = DANISH) -> str:
    """'Mobil politistation' (PROPOSAL_LABELS) in `lang`."""
    return translate(lang, PROPOSAL_LABELS[Proposal(proposal)])


def place_text(place: HotspotPlace, *, lang: str = DANISH) -> str:
    """`HotspotPlace.words()` in `lang`: 'felt 250m:E700250N6170000 (55,6234° N, 12,2801° Ø)'."""
    return translate(lang, "felt {cell} ({lat}° N, {lon}° Ø)").format(
        cell=place.cell,
        lat=fmt_decimal(place.lat, digits=4, lang=lang),
        lon=fmt_decimal(place.lon, digits=4, lang=lang),
    )


def map_label(cell: Cell, *, lang: str = DANISH) -> str:
    """A square's tooltip on the map: 'Hotspot: 12 indbrud mod 1,1 forventet' (`ui.maps`)."""
    _ = translator(lang)
    line = _("{count} indbrud mod {expected} forventet").format(
        count=fmt_int(cell.recent, lang=lang), expected=expected_text(cell.expected, lang=lang)
    )
    return _("Hotspot: {line}").format(line=line) if cell.hotspot else line


def map_legend_words(min_count: int, *, lang: str = DANISH) -> tuple[str, str]:
    """The map legend's two words: the hotspot square, and a square shown with its count."""
    _ = translator(lang)
    return _("Hotspot (felt)"), _("Felt med mindst {count} indbrud").format(
        count=fmt_int(min_count, lang=lang)
    )


def map_alt(scan: HotspotScan, *, lang: str = DANISH) -> str:
    """The map's text alternative: how many squares it shows, and how many are hotspots."""
    return translate(
        lang,
        "Kort over kommunen med {cells} med mindst {least} indbrud i perioden, heraf {found}.",
    ).format(
        cells=translate_plural(lang, "{count} felt", "{count} felter", len(scan.cells)).format(
            count=fmt_int(len(scan.cells), lang=lang)
        ),
        least=fmt_int(scan.min_count, lang=lang),
        found=translate_plural(
            lang, "{count} hotspot", "{count} hotspots", len(scan.hotspots)
        ).format(count=fmt_int(len(scan.hotspots), lang=lang)),
    )
