"""What a STRAF11 import does to each municipality's quarters, computed before anything is written.

The rule (docs/import-formats.md, "Hvad en STRAF11-fil erstatter"): a file replaces exactly the
quarters it covers, per municipality. Quarters imported earlier that the file does not cover are
kept (a file with five quarters is not the whole series). Demo quarters are the exception: once real
numbers arrive for a municipality, its whole demo series goes, because made-up history joined to
real quarters would feed trends and goal baselines with invented numbers that look real. Those
removed demo quarters are named here so that the preview can show them and the import can demand
that a person confirmed exactly them.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from models.formatting import fmt_int
from models.i18n import DANISH, N_, translate, translate_plural
from models.periods import parse_period, period_of

Stored = tuple[int, bool]  # (count, is_demo) of one stored quarter
QuarterKey = tuple[int, str]  # (municipality code, period)


@dataclass(frozen=True)
class MunicipalityDiff:
    """One municipality's quarters before and after the import, sorted into what happens to each."""

    code: int
    added: tuple[str, ...]  # in the file, nothing stored
    replaced_demo: tuple[str, ...]  # in the file, a demo number stored
    replaced: tuple[str, ...]  # in the file, an imported number with another value stored
    unchanged: tuple[str, ...]  # in the file, the same imported number stored
    removed_demo: tuple[str, ...]  # demo quarters the file does not cover: deleted
    kept: tuple[str, ...]  # imported quarters the file does not cover: left as they are
    before: Mapping[str, Stored] = field(repr=False)
    after: Mapping[str, int] = field(repr=False)

    @property
    def file_quarters(self) -> int:
        """How many quarters the file has for this municipality."""
        return len(self.added) + len(self.replaced_demo) + len(self.replaced) + len(self.unchanged)


@dataclass(frozen=True)
class ImportDiff:
    """Every municipality of a STRAF11 file, by code."""

    municipalities: tuple[MunicipalityDiff, ...]

    @property
    def removed(self) -> frozenset[QuarterKey]:
        """Every (municipality, quarter) the import deletes without a new number in its place."""
        return frozenset((m.code, p) for m in self.municipalities for p in m.removed_demo)

    def of(self, code: int) -> MunicipalityDiff:
        """One municipality's part (KeyError if the file has none for it)."""
        for municipality in self.municipalities:
            if municipality.code == code:
                return municipality
        raise KeyError(code)


def _diff_one(code: int, stored: Mapping[str, Stored], file: Mapping[str, int]) -> MunicipalityDiff:
    added, replaced_demo, replaced, unchanged = [], [], [], []
    for period in sorted(file):
        current = stored.get(period)
        if current is None:
            added.append(period)
        elif current[1]:
            replaced_demo.append(period)
        elif current[0] != file[period]:
            replaced.append(period)
        else:
            unchanged.append(period)
    outside = sorted(p for p in stored if p not in file)
    removed_demo = [p for p in outside if stored[p][1]]
    kept = [p for p in outside if not stored[p][1]]
    after = {p: stored[p][0] for p in kept} | dict(file)
    return MunicipalityDiff(
        code=code,
        added=tuple(added),
        replaced_demo=tuple(replaced_demo),
        replaced=tuple(replaced),
        unchanged=tuple(unchanged),
        removed_demo=tuple(removed_demo),
        kept=tuple(kept),
        before=dict(stored),
        after=dict(sorted(after.items())),
    )


def quarter_diff(
    *, stored: Mapping[int, Mapping[str, Stored]], file: Mapping[int, Mapping[str, int]]
) -> ImportDiff:
    """What importing `file` (code -> period -> count) does to `stored` (code -> period ->
    (count, is_demo)); only the file's municipalities are touched."""
    return ImportDiff(
        tuple(_diff_one(code, stored.get(code, {}), file[code]) for code in sorted(file))
    )


def _index(period: str) -> int:
    year, quarter = parse_period(period)
    return year * 4 + quarter - 1


def _label(index: int) -> str:
    return period_of(year=index // 4, quarter=index % 4 + 1)


def quarter_spans(periods: Iterable[str]) -> str:
    """Quarters as runs: "2007K1–2025K1, 2026K3" ("" for none)."""
    indices = sorted({_index(p) for p in periods})
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(
        _label(run[0]) if len(run) == 1 else f"{_label(run[0])}–{_label(run[-1])}" for run in runs
    )


def _cell(periods: tuple[str, ...]) -> str:
    """'5 (2025K2–2026K2)', or '–' for none."""
    return f"{len(periods)} ({quarter_spans(periods)})" if periods else "–"


SUMMARY_COLUMNS = (
    N_("Kommune"),
    N_("Tilføjes"),
    N_("Erstatter eksempeldata"),
    N_("Ny værdi"),
    N_("Uændret"),
    N_("Fjernes: eksempeldata"),
    N_("Fjernes: indlæst"),
    N_("Bevares: indlæst"),
)


def summary_columns(*, lang: str = DANISH) -> list[str]:
    """The summary's column headings in the language (SUMMARY_COLUMNS are the Danish ones)."""
    return [translate(lang, column) for column in SUMMARY_COLUMNS]


def summary_rows(
    diff: ImportDiff, *, names: Mapping[int, str], lang: str = DANISH
) -> list[dict[str, str]]:
    """One row per municipality (Danish by default, headed by `summary_columns(lang=)`): each
    kind of change, counted and with its quarters."""
    unknown = translate(lang, "Ukendt")
    return [
        dict(
            zip(
                summary_columns(lang=lang),
                (
                    f"{names.get(m.code, unknown)} ({m.code})",
                    _cell(m.added),
                    _cell(m.replaced_demo),
                    _cell(m.replaced),
                    _cell(m.unchanged),
                    _cell(m.removed_demo),
                    "–",  # by the rule above an import never deletes imported quarters
                    _cell(m.kept),
                ),
                strict=True,
            )
        )
        for m in diff.municipalities
    ]


def removal_confirmation(diff: ImportDiff, *, lang: str = DANISH) -> str | None:
    """The sentence a person ticks before quarters are removed, or None when nothing is."""
    count = len(diff.removed)
    if count == 0:
        return None
    quarters = translate_plural(lang, "{count} kvartal", "{count} kvartaler", count).format(
        count=fmt_int(count, lang=lang)
    )
    return translate(lang, "Jeg har set, at {quarters} fjernes").format(quarters=quarters)


def unconfirmed(diff: ImportDiff, confirmed: Iterable[QuarterKey]) -> frozenset[QuarterKey]:
    """The quarters the import would remove that the confirmation did not name."""
    return diff.removed - frozenset(confirmed)
