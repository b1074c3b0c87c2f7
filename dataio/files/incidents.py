"""The police's own extract of reported residential burglaries (dato; lat/lon or x/y; klokkeslaet;
overtraedelse; adresse), for one municipality, all or nothing.

Every row is checked before anything is written, and every problem is listed by row and column
(up to MAX_LISTED of them): dates that are not dates or lie in the future, positions that are not
numbers, UTM metres in the lat/lon columns (or degrees in x/y), positions outside Denmark or
outside the municipality (models.boundary: inside the shipped, simplified boundary or within
BOUNDARY_TOLERANCE_M of it). Positions are stored in UTM zone 32N metres (EPSG:25832); lat/lon
are converted on import. Re-importing a period (the file's first to last date) replaces the
municipality's incidents in it; real rows replace the demo extract. Provenance (data_source) and
one audit row, as for every import. Only the police of the district and the administrator may
import (Action.IMPORT_INCIDENTS).
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, delete, insert
from sqlmodel import col

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import ValidationFailed
from dataio.files.cells import NotADate, NotText, cell_date, decode
from dataio.files.imports import finish, preview_of, remove_demo_rows, source_row
from dataio.files.tabular import Column, Row, problem, read_rows, text_cell
from dataio.seed.geo import municipality_shapes
from dataio.store.access import municipality_target
from models.boundary import BOUNDARY_TOLERANCE_M, Ring, utm_rings, within
from models.formatting import fmt_date, fmt_int
from models.i18n import DANISH, M_, N_, Message, translate_plural, translator
from models.permissions import Action, Actor, require
from models.projection import looks_like_utm32, looks_like_wgs84, to_utm32
from models.tables import Incident

DATASET = "politiets hændelser"
SOURCE_NAME = "Politiets hændelser (fil)"
MAX_LISTED = 50  # problems listed in one refusal; the rest are counted
DATO = Column("date", "dato", ("date", "gerningsdato", "anmeldelsesdato", "gerningsdag"))
LAT = Column("lat", "lat", ("latitude", "breddegrad"), required=False)
LON = Column("lon", "lon", ("lng", "longitude", "laengdegrad"), required=False)
X = Column("x", "x", ("easting", "utm x", "x koordinat", "oest"), required=False)
Y = Column("y", "y", ("northing", "utm y", "y koordinat", "nord"), required=False)
KLOKKESLAET = Column(
    "time", "klokkeslaet", ("klokkeslæt", "kl", "tid", "tidspunkt", "time"), required=False
)
OVERTRAEDELSE = Column(
    "offence",
    "overtraedelse",
    ("overtrædelse", "offence", "gerningskode", "kode", "forhold"),
    required=False,
)
ADRESSE = Column("address", "adresse", ("address", "gerningssted"), required=False)
COLUMNS = (DATO, LAT, LON, X, Y, KLOKKESLAET, OVERTRAEDELSE, ADRESSE)
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.][0-9]{2})?")
_ENCODINGS = {
    "utf-16": N_("Filen er gemt som UTF-16 (Unicode-tekst)"),
    "binary": N_("Filen indeholder NUL-tegn (den er ikke tekst, men heller ikke en .xlsx-fil)"),
    "broken utf-8": N_("Filen starter som UTF-8 (med BOM), men byte {byte} er ikke gyldig UTF-8"),
    "unknown encoding": N_("Filens tegnsæt er hverken UTF-8 eller Windows-1252"),
}


@dataclass(frozen=True)
class _Day(Message):
    """A date inside a Message, written the reader's way (1. nov. 2026; English 1 Nov 2026)."""

    day: date = date(2000, 1, 1)

    def render(self, lang: str) -> str:
        """The date in `lang`."""
        return fmt_date(self.day, lang=lang)


@dataclass(frozen=True)
class _Refusal(Message):
    """The file's problems, one per line under a head counting them, in the reader's language."""

    problems: tuple[Message | str, ...] = ()
    total: int = 0

    def render(self, lang: str) -> str:
        """The refusal in `lang` ('Filen er ikke indlæst (3 fejl; intet er skrevet):' ...)."""
        _ = translator(lang)

        def errors(count: int) -> str:
            return translate_plural(lang, "{count} fejl", "{count} fejl", count).format(
                count=fmt_int(count, lang=lang)
            )

        lines = [
            _("Filen er ikke indlæst ({errors}; intet er skrevet):").format(
                errors=errors(self.total)
            )
        ]
        lines += [p.render(lang) if isinstance(p, Message) else p for p in self.problems]
        if (more := self.total - len(self.problems)) > 0:
            lines.append(_("… og {errors} mere").format(errors=errors(more)))
        return "\n".join(lines)


@dataclass(frozen=True)
class IncidentRow:
    """One validated incident, with the row it came from; the position in UTM32 metres."""

    number: int
    day: date
    x: float
    y: float
    time_of_day: str | None
    offence: str | None
    address: str | None


@dataclass(frozen=True)
class IncidentImportReport:
    """What an incident import did (or, for a preview, would do)."""

    municipality_code: int
    municipality_name: str
    rows: int
    first: date
    last: date
    replaced: int  # earlier imported incidents in the file's period, now replaced
    demo_rows_removed: int
    source_id: int | None = None

    def text(self, *, lang: str = DANISH) -> str:
        """One line for the command line and the page (Danish unless `lang` says otherwise)."""
        _ = translator(lang)
        span = fmt_date(self.first, lang=lang)
        if self.last != self.first:
            span = _("{first} til {last}").format(first=span, last=fmt_date(self.last, lang=lang))

        def n(count: int, words: str) -> str:
            return words.format(count=fmt_int(count, lang=lang))

        return _(
            "Politiets hændelser for {municipality}: {rows} ({span}); {replaced} i perioden "
            "erstattet; {removed} eksempeldata fjernet"
        ).format(
            municipality=self.municipality_name,
            rows=n(
                self.rows,
                translate_plural(lang, "{count} hændelse", "{count} hændelser", self.rows),
            ),
            span=span,
            replaced=n(
                self.replaced,
                translate_plural(
                    lang, "{count} tidligere hændelse", "{count} tidligere hændelser", self.replaced
                ),
            ),
            removed=n(
                self.demo_rows_removed,
                translate_plural(lang, "{count} række", "{count} rækker", self.demo_rows_removed),
            ),
        )


# ----------------------------------------------------------------------------------- the cells


def _check_text(data: bytes) -> None:
    """Name the encoding of a text file that is neither UTF-8 nor Windows-1252."""
    if not data.strip() or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return  # empty, or a workbook: read_rows says what is wrong with those
    try:
        decode(data)
    except NotText as refused:
        raise ValidationFailed(
            M_(
                "{problem}; gem den som «CSV UTF-8» eller «Excel-projektmappe (.xlsx)» og prøv igen.",
                problem=M_(_ENCODINGS[refused.refusal], byte=refused.byte),
            )
        ) from refused


def _number(value: Any, *, row: int, column: Column) -> float:
    """A coordinate: an Excel number, or text with a decimal point or comma ("55,6134")."""
    if value is None:
        raise problem(row, column, M_("mangler"))
    if isinstance(value, bool):
        raise problem(row, column, f"«{value}» er ikke et tal")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).replace(" ", "").replace("\u00a0", "")
        if "," in text and "." in text:  # the last one is the decimal mark
            text = (
                text.replace(".", "").replace(",", ".")
                if text.rfind(",") > text.rfind(".")
                else text.replace(",", "")
            )
        else:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise problem(row, column, M_("«{value}» er ikke et tal", value=value)) from None
    if not math.isfinite(number):
        raise problem(row, column, f"«{value}» er ikke et tal")
    return number


def _decimal(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".").replace(".", ",")


def _shown(a: float, b: float) -> str:
    return f"({_decimal(a)}; {_decimal(b)})"


def _position(cells: dict[str, Any], *, row: int, utm: bool) -> tuple[float, float]:
    """(x, y) in UTM32 metres from the row's x/y or lat/lon columns."""
    if utm:
        x, y = _number(cells["x"], row=row, column=X), _number(cells["y"], row=row, column=Y)
        if looks_like_wgs84(x, y) or looks_like_wgs84(y, x) or (abs(x) <= 180 and abs(y) <= 90):
            raise problem(
                row,
                "x/y",
                M_(
                    "{position} ligner grader (bredde- og længdegrad) i kolonnerne x/y; "
                    "skriv dem i kolonnerne lat og lon",
                    position=_shown(x, y),
                ),
            )
        if not looks_like_utm32(x, y):
            why = (
                M_(
                    "{position} ser ud til at være byttet om (x er østlig, y er nordlig)",
                    position=_shown(x, y),
                )
                if looks_like_utm32(y, x)
                else M_(
                    "{position} ligger ikke i Danmark i UTM zone 32N (EPSG:25832)",
                    position=_shown(x, y),
                )
            )
            raise problem(row, "x/y", why)
        return x, y
    lat, lon = (
        _number(cells["lat"], row=row, column=LAT),
        _number(cells["lon"], row=row, column=LON),
    )
    if looks_like_utm32(lat, lon) or looks_like_utm32(lon, lat) or abs(lat) > 90 or abs(lon) > 180:
        raise problem(
            row,
            "lat/lon",
            M_(
                "{position} ligner UTM-koordinater (meter) i kolonnerne lat/lon; "
                "skriv UTM32-koordinater (EPSG:25832) i kolonnerne x og y",
                position=_shown(lat, lon),
            ),
        )
    if not looks_like_wgs84(lat, lon):
        why = (
            M_(
                "{position} ser ud til at være byttet om (lat er breddegraden, ca. 55, lon "
                "længdegraden, ca. 12)",
                position=_shown(lat, lon),
            )
            if looks_like_wgs84(lon, lat)
            else M_("{position} ligger ikke i Danmark", position=_shown(lat, lon))
        )
        raise problem(row, "lat/lon", why)
    return to_utm32(lat, lon)


def _day(value: Any, *, row: int, today: date) -> date:
    if value is None:
        raise problem(row, DATO, M_("mangler (skriv fx 24-11-2026 eller 2026-11-24)"))
    try:
        day = cell_date(value)
    except NotADate:
        raise problem(
            row,
            DATO,
            M_("«{value}» er ikke en dato (skriv fx 24-11-2026 eller 2026-11-24)", value=value),
        ) from None
    if day > today:
        raise problem(
            row,
            DATO,
            M_(
                "{day} ligger i fremtiden (i dag er {today})",
                day=_Day("", day=day),
                today=_Day("", day=today),
            ),
        )
    if day < date(2000, 1, 1):
        raise problem(row, DATO, M_("{day} ligger før 2000", day=_Day("", day=day)))
    return day


def _time_of_day(value: Any, *, row: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    match = _TIME.fullmatch(str(value).strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise problem(
            row, KLOKKESLAET, M_("«{value}» er ikke et klokkeslæt (skriv fx 14:30)", value=value)
        )
    return f"{int(match[1]):02d}:{match[2]}"


def _offence(value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text_cell(value, limit=100) or None


# ------------------------------------------------------------------------------------ the file


def _layout(rows: list[Row]) -> bool:
    """Whether positions are x/y (UTM32) rather than lat/lon; refused when neither pair is there."""
    present = set(rows[0].cells)
    if {"x", "y"} <= present:
        return True
    if {"lat", "lon"} <= present:
        return False
    raise ValidationFailed(
        M_(
            "Overskriftsrækken: positionen mangler. Filen skal have kolonnerne «lat» og «lon» "
            "(WGS84, fx 55,6134 og 12,3521) eller «x» og «y» (UTM zone 32N, EPSG:25832, i meter)."
        )
    )


@lru_cache(maxsize=8)
def municipality_rings(municipality: int) -> tuple[Ring, ...]:
    """The municipality's shipped boundary in UTM32 metres (read and projected once per process)."""
    shape = municipality_shapes().get(municipality)
    return tuple(utm_rings(shape)) if shape else ()


def parse_incidents(
    data: bytes, *, rings: tuple[Ring, ...], place: str, today: date
) -> list[IncidentRow]:
    """Every row of the file, validated; ValidationFailed listing each problem by row and column.

    rings: the municipality's boundary (municipality_rings); place: its name, for messages."""
    _check_text(data)
    rows = read_rows(data, COLUMNS)
    utm = _layout(rows)
    problems: list[Message | str] = []
    lines: list[IncidentRow] = []
    for row in rows:
        cells, number = row.cells, row.number
        found: list[Message | str] = []
        day = position = clock = None
        for check in ("date", "position", "time"):
            try:
                if check == "date":
                    day = _day(cells["date"], row=number, today=today)
                elif check == "position":
                    position = _position(cells, row=number, utm=utm)
                else:
                    clock = _time_of_day(cells.get("time"), row=number)
            except ValidationFailed as refused:
                found.append(refused.message or str(refused))
        if found or day is None or position is None:
            problems.extend(found)
            continue
        lines.append(
            IncidentRow(
                number,
                day,
                position[0],
                position[1],
                clock,
                _offence(cells.get("offence")),
                text_cell(cells.get("address")) or None,
            )
        )
    inside = within(rings, [line.x for line in lines], [line.y for line in lines])
    columns = "x/y" if utm else "lat/lon"
    for line, ok in zip(lines, inside, strict=True):
        if not ok:
            outside = problem(
                line.number,
                columns,
                M_(
                    "positionen ligger uden for {place} (mere end {metres} m fra kommunegrænsen)",
                    place=place,
                    metres=fmt_int(BOUNDARY_TOLERANCE_M),
                ),
            )
            problems.append(outside.message or str(outside))
    if problems:
        problems.sort(key=lambda p: _row_of(str(p)))
        raise ValidationFailed(
            _Refusal("", problems=tuple(problems[:MAX_LISTED]), total=len(problems))
        )
    return lines


def _row_of(message: str) -> int:
    match = re.match(r"Række ([0-9]+)", message)
    return int(match[1]) if match else 0


# ----------------------------------------------------------------------------------- the write


def import_incidents(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    data: bytes,
    file_name: str,
    today: date | None = None,
    dry_run: bool = False,
) -> IncidentImportReport:
    """Read, validate and write one extract for one municipality; on any error nothing is written.

    The file's period (first to last date) replaces the municipality's incidents in it, in the
    same transaction; the municipality's demo incidents are removed."""
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.IMPORT_INCIDENTS, target, where=name)
        lines = parse_incidents(
            data,
            rings=municipality_rings(municipality_code),
            place=name,
            today=today or date.today(),
        )
        source = source_row(
            session,
            actor=actor,
            name=SOURCE_NAME,
            dataset=DATASET,
            file_name=file_name,
            rows=len(lines),
        )
        assert source.id is not None
        first, last = min(line.day for line in lines), max(line.day for line in lines)
        demo_removed = remove_demo_rows(session, Incident, [municipality_code])
        replaced = session.execute(
            delete(Incident).where(
                col(Incident.municipality_code) == municipality_code,
                col(Incident.day) >= first,
                col(Incident.day) <= last,
            )
        )
        replaced_count = int(replaced.rowcount or 0)  # type: ignore[attr-defined]
        now = datetime.now(UTC)
        session.execute(
            insert(Incident),
            [
                {
                    "municipality_code": municipality_code,
                    "day": line.day,
                    "x": line.x,
                    "y": line.y,
                    "time_of_day": line.time_of_day,
                    "offence": line.offence,
                    "address": line.address,
                    "import_id": source.id,
                    "is_demo": False,
                    "created_at": now,
                }
                for line in lines
            ],
        )
        report = IncidentImportReport(
            municipality_code=municipality_code,
            municipality_name=name,
            rows=len(lines),
            first=first,
            last=last,
            replaced=replaced_count,
            demo_rows_removed=demo_removed,
            source_id=source.id,
        )
        source.periods = (
            first.isoformat() if first == last else f"{first.isoformat()} til {last.isoformat()}"
        )
        source.rows_changed = len(lines)
        session.add(source)
        audit.record(
            session,
            actor=actor,
            action="incidents.import",
            entity="incident",
            entity_key=str(source.id),
            summary=f"Import af politiets hændelser fra {file_name}: {report.text()}",
            before=None,
            after={
                "rows": report.rows,
                "replaced": report.replaced,
                "first": first.isoformat(),
                "last": last.isoformat(),
            },
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )
        return finish(report, dry_run=dry_run)


preview_incidents = preview_of(import_incidents)
"""What the import would do, found by doing it and rolling it all back."""
