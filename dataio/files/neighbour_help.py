"""Neighbour-helper counts from a file (kommune;dato;nabohjælpere;nabovenner;kilde), all or nothing."""

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from dataio.errors import ValidationFailed
from dataio.files.imports import (
    FileImport,
    Parsed,
    Written,
    first_rows,
    preview_of,
    remove_demo_rows,
)
from dataio.files.tabular import (
    Column,
    Row,
    find_municipality,
    parse_count,
    parse_date,
    read_rows,
    text_cell,
)
from models.formatting import fmt_date, fmt_int
from models.i18n import DANISH, M_, N_, translate_plural, translator
from models.permissions import Action, Actor
from models.tables import HelperCount, Municipality

DATASET = "nabohjælpere"
KOMMUNE = Column("municipality", "kommune", ("kommunekode", "kommunenavn"))
DATO = Column("date", "dato", ("optællingsdato", "date"))
HELPERS = Column("helpers", "nabohjælpere", ("nabohjaelper", "nabohjalpere", "antal nabohjælpere"))
NABOVENNER = Column("nabovenner", "nabovenner", ("naboven", "antal nabovenner"), required=False)
KILDE = Column("source", "kilde", ("optalt af",), required=False)
COLUMNS = (KOMMUNE, DATO, HELPERS, NABOVENNER, KILDE)


@dataclass(frozen=True)
class HelperRow:
    """One validated count, with the row it came from."""

    number: int
    municipality_code: int
    municipality_name: str
    count_date: date
    helpers: int
    nabovenner: int | None
    source: str
    change: str = ""  # "ny", "ændret" or "uændret", set when compared with the database


@dataclass(frozen=True)
class HelperImportReport:
    """What a helper import did (or, for a preview, would do)."""

    rows: int
    new: int
    changed: int
    unchanged: int
    municipalities: int
    first: date
    last: date
    demo_rows_removed: int
    source_id: int | None = None
    lines: tuple[HelperRow, ...] = field(default=(), repr=False)

    def text(self, *, lang: str = DANISH) -> str:
        """One line for the CLI and the page (Danish unless `lang` says otherwise)."""
        _ = translator(lang)
        span = fmt_date(self.first, lang=lang)
        if self.last != self.first:
            span = _("{first} til {last}").format(first=span, last=fmt_date(self.last, lang=lang))

        def n(count: int, words: str) -> str:
            return words.format(count=fmt_int(count, lang=lang))

        return _(
            "Nabohjælpere: {rows} for {municipalities} ({span}); {new}, {changed}, "
            "{unchanged}; {removed} eksempeldata fjernet"
        ).format(
            rows=n(self.rows, translate_plural(lang, "{count} række", "{count} rækker", self.rows)),
            municipalities=n(
                self.municipalities,
                translate_plural(lang, "{count} kommune", "{count} kommuner", self.municipalities),
            ),
            span=span,
            new=n(self.new, translate_plural(lang, "{count} ny", "{count} nye", self.new)),
            changed=n(
                self.changed,
                translate_plural(lang, "{count} ændret", "{count} ændrede", self.changed),
            ),
            unchanged=n(
                self.unchanged,
                translate_plural(lang, "{count} uændret", "{count} uændrede", self.unchanged),
            ),
            removed=n(
                self.demo_rows_removed,
                translate_plural(lang, "{count} række", "{count} rækker", self.demo_rows_removed),
            ),
        )


def _validated(rows: list[Row], lookup: dict[str, Municipality], today: date) -> list[HelperRow]:
    seen: dict[tuple[int, date], int] = {}
    result = []
    for row in rows:
        cells, number = row.cells, row.number
        municipality = find_municipality(lookup, cells["municipality"], row=number, column=KOMMUNE)
        day = parse_date(cells["date"], row=number, column=DATO, today=today)
        key = (municipality.code, day)
        if key in seen:
            raise ValidationFailed(
                M_(
                    "Række {number}: {municipality} den {day} står også i række {other}; hver "
                    "kommune og dato må kun stå én gang",
                    number=number,
                    municipality=municipality.name,
                    day=day.isoformat(),
                    other=seen[key],
                )
            )
        seen[key] = number
        nabovenner = cells.get("nabovenner")
        result.append(
            HelperRow(
                number,
                municipality.code,
                municipality.name,
                day,
                parse_count(cells["helpers"], row=number, column=HELPERS),
                None
                if nabovenner is None
                else parse_count(nabovenner, row=number, column=NABOVENNER),
                text_cell(cells.get("source")),
            )
        )
    return result


def parse_helpers(data: bytes, *, lookup: dict[str, Municipality], today: date) -> list[HelperRow]:
    """Every row of the file, validated (raises ValidationFailed naming row and column)."""
    return _validated(read_rows(data, COLUMNS), lookup, today)


def _write(
    session: Session, parsed: Parsed[list[HelperRow]], *, actor: Actor, source_id: int
) -> Written[HelperImportReport]:
    """Replace the file's (municipality, date) rows and drop those municipalities' demo rows."""
    lines = parsed.content
    codes = sorted({line.municipality_code for line in lines})
    existing = {
        (r.municipality_code, r.count_date): r
        for r in session.exec(
            select(HelperCount).where(col(HelperCount.municipality_code).in_(codes))
        ).all()
    }
    marked = [
        _compare(line, existing.get((line.municipality_code, line.count_date))) for line in lines
    ]
    demo_removed = remove_demo_rows(session, HelperCount, codes)
    for code in codes:
        days = [line.count_date for line in lines if line.municipality_code == code]
        session.execute(
            delete(HelperCount).where(
                col(HelperCount.municipality_code) == code, col(HelperCount.count_date).in_(days)
            )
        )
    now = datetime.now(UTC)
    records: list[dict[str, Any]] = [
        {
            "municipality_code": line.municipality_code,
            "count_date": line.count_date,
            "helpers": line.helpers,
            "nabovenner": line.nabovenner,
            "source": line.source,
            "source_id": source_id,
            "is_demo": False,
            "changed_by": actor.username,
            "changed_at": now,
        }
        for line in lines
    ]
    session.execute(insert(HelperCount), records)
    return _written(parsed, marked, demo_removed=demo_removed, source_id=source_id)


def _written(
    parsed: Parsed[list[HelperRow]], marked: list[HelperRow], *, demo_removed: int, source_id: int
) -> Written[HelperImportReport]:
    changes = [line.change for line in marked]
    days = [line.count_date for line in marked]
    report = HelperImportReport(
        rows=len(marked),
        new=changes.count("ny"),
        changed=changes.count("ændret"),
        unchanged=changes.count("uændret"),
        municipalities=len(parsed.first_rows),
        first=min(days),
        last=max(days),
        demo_rows_removed=demo_removed,
        source_id=source_id,
        lines=tuple(marked),
    )
    first, last = min(days).isoformat(), max(days).isoformat()
    return Written(
        report,
        periods=first if first == last else f"{first} til {last}",
        changed=report.new + report.changed,
        after={"rows": report.rows, "new": report.new, "changed": report.changed},
    )


def _compare(line: HelperRow, current: HelperCount | None) -> HelperRow:
    if current is None or current.is_demo:
        change = N_("ny")
    elif (current.helpers, current.nabovenner, current.source) == (
        line.helpers,
        line.nabovenner,
        line.source,
    ):
        change = N_("uændret")
    else:
        change = N_("ændret")
    return replace(line, change=change)


def _read(
    data: bytes, *, session: Session, lookup: dict[str, Municipality], today: date
) -> Parsed[list[HelperRow]]:
    lines = parse_helpers(data, lookup=lookup, today=today)
    firsts = first_rows((line.municipality_code, line.number) for line in lines)
    return Parsed(lines, rows=len(lines), first_rows=firsts)


HELPER_FILES: FileImport[list[HelperRow], HelperImportReport] = FileImport(
    name="Nabohjælpere (fil)",
    dataset=DATASET,
    action=Action.EDIT_HELPERS,
    audit_action="helpers.import",
    entity="helper_count",
    what="nabohjælpertal",
    read=_read,
    write=_write,
)
import_helpers = HELPER_FILES.run
"""Read, validate and write one file; on any error nothing is written."""
preview_helpers = preview_of(import_helpers)
