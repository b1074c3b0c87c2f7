"""Statistikbanken data into the database: validated first, then written all or nothing, with provenance."""

from collections.abc import Iterable, Set
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.errors import ValidationFailed
from dataio.files.imports import finish, preview_of, remove_demo_rows, source_row
from dataio.files.statistikbanken.ages import age_structure, has_single_ages, write_age_structure
from dataio.files.statistikbanken.reader import DstFile, DstTable, read_dst
from dataio.files.undo import remember
from dataio.offences.store import write_offence_quarters
from models.domain import Quality, SourceKind
from models.formatting import fmt_count, fmt_int
from models.i18n import DANISH, translate, translate_plural, translator
from models.import_diff import ImportDiff, QuarterKey, quarter_diff, quarter_spans, unconfirmed
from models.offences import DEFAULT_OFFENCES, offence_name, parse_offence_codes
from models.permissions import Action, Actor, Target, require
from models.tables import (
    BurglaryQuarter,
    DataSource,
    HouseholdYear,
    Municipality,
    NationalBurglaryYear,
)


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a preview, would do)."""

    table: str
    rows_read: int
    rows_written: int
    rows_changed: int
    municipalities: int
    periods: str
    demo_rows_removed: int
    source_id: int | None = None
    diff: ImportDiff | None = None  # STRAF11: per municipality, what happens to each quarter
    # STRAF11: rows written of each other offence code asked for (1310 ...), beside the burglaries
    other_offences: tuple[tuple[int, int], ...] = ()

    def text(self, *, planned: bool = False, lang: str = DANISH) -> str:
        """One line for the CLI and the page (planned: a preview's, in the future tense), Danish
        unless `lang` says otherwise."""
        return self._burglary_text(planned=planned, lang=lang) + self._others_text(lang)

    def _others_text(self, lang: str = DANISH) -> str:
        if not self.other_offences:
            return ""
        parts = ", ".join(
            f"{code} {offence_name(code).lower()}: {rows}" for code, rows in self.other_offences
        )
        return translate(lang, "; andre overtrædelser (rækker): {parts}").format(parts=parts)

    def _burglary_text(self, *, planned: bool, lang: str = DANISH) -> str:
        _ = translator(lang)
        municipalities = translate_plural(
            lang, "{count} kommune", "{count} kommuner", self.municipalities
        ).format(count=fmt_int(self.municipalities, lang=lang))
        head = _("{table}: {rows} rækker for {municipalities} ({periods}); ").format(
            table=self.table,
            rows=self.rows_written,
            municipalities=municipalities,
            periods=self.periods,
        )
        if self.diff is None:
            return head + _(
                "{changed} nye eller ændrede; {removed} rækker eksempeldata fjernet"
            ).format(changed=self.rows_changed, removed=self.demo_rows_removed)
        parts = self.diff.municipalities
        removed = sum(len(m.removed_demo) for m in parts)
        kept = sum(len(m.kept) for m in parts)
        quarters = translate_plural(lang, "{count} kvartal", "{count} kvartaler", removed)
        earlier = translate_plural(
            lang, "{count} tidligere indlæst kvartal", "{count} tidligere indlæste kvartaler", kept
        )
        template = (
            _(
                "{changed} nye eller ændrede; {removed} eksempeldata uden for filen fjernes; "
                "{kept} bevares"
            )
            if planned
            else _(
                "{changed} nye eller ændrede; {removed} eksempeldata uden for filen fjernet; "
                "{kept} bevaret"
            )
        )
        return head + template.format(
            changed=self.rows_changed,
            removed=quarters.format(count=fmt_int(removed, lang=lang)),
            kept=earlier.format(count=fmt_int(kept, lang=lang)),
        )


def _municipal(file: DstFile) -> pd.DataFrame:
    """The file's municipality rows with a value, as a frame."""
    rows = [
        (r.area_code, r.period, r.value)
        for r in file.rows
        if r.area_kind == "municipality" and r.value is not None
    ]
    return pd.DataFrame(rows, columns=["code", "period", "value"])


def _target(session: Session, actor: Actor, file: DstFile) -> Target:
    """A project leader may import their own municipality's rows only; anything wider is national."""
    codes = {r.area_code for r in file.rows if r.area_kind == "municipality"}
    national = any(r.area_kind != "municipality" for r in file.rows)
    if len(codes) == 1 and not national:
        municipality = session.get(Municipality, next(iter(codes)))
        target = (
            Target(municipality.code, municipality.police_district_number)
            if municipality
            else Target()
        )
    else:
        target = Target()
    require(
        actor,
        Action.IMPORT_DATA,
        target,
        where="hele landet" if target.municipality_code is None else str(target.municipality_code),
    )
    return target


def _other_offences(
    data: bytes, file: DstFile, codes: tuple[int, ...], *, since_year: int | None
) -> pd.DataFrame:
    """The file's municipality rows of the other offence codes asked for: code, offence, period,
    value. Exact codes only (a parent level such as 13 or TOT is never summed with them); the file
    passed the same checks when its burglaries were read."""
    columns = ["code", "offence", "period", "value"]
    if file.table is not DstTable.STRAF11 or not codes:
        return pd.DataFrame(columns=columns)
    others = read_dst(
        data,
        table=DstTable.STRAF11,
        offence=frozenset(codes),
        first_year=1900 if since_year else 2007,
        empty_ok=True,
    )
    rows = [
        (r.area_code, r.offence, r.period, r.value)
        for r in _since(others, since_year).rows
        if r.area_kind == "municipality" and r.value is not None
    ]
    return pd.DataFrame(rows, columns=columns)


def _periods(frame: pd.DataFrame) -> str:
    return f"{frame['period'].min()}-{frame['period'].max()}" if len(frame) else "–"


def _source(
    session: Session, *, actor: Actor, file: DstFile, file_name: str, kind: str, today: date
) -> int:
    source = source_row(
        session,
        actor=actor,
        name=f"Danmarks Statistik {file.table.value}",
        dataset=file.table.value,
        file_name=file_name,
        kind=kind,
        rows=0,  # set after writing
        rows_read=len(file.rows)
        + file.skipped_offences
        + file.skipped_anmsigt
        + file.skipped_breakdown,
        as_of=today,
    )
    return source.id or 0


def _stored_quarters(session: Session, codes: list[int]) -> dict[int, dict[str, tuple[int, bool]]]:
    """What is stored now for these municipalities: code -> period -> (count, is_demo)."""
    stored: dict[int, dict[str, tuple[int, bool]]] = {}
    for row in session.exec(
        select(BurglaryQuarter).where(col(BurglaryQuarter.municipality_code).in_(codes))
    ).all():
        stored.setdefault(row.municipality_code, {})[row.period] = (row.count, row.is_demo)
    return stored


def _diff(session: Session, frame: pd.DataFrame) -> ImportDiff:
    """Per municipality, what the file does to the stored quarters (models.import_diff's rule)."""
    file: dict[int, dict[str, int]] = {}
    for code, period, value in frame.itertuples(index=False):
        file.setdefault(int(code), {})[str(period)] = int(value)
    return quarter_diff(stored=_stored_quarters(session, sorted(file)), file=file)


def _refuse_unconfirmed(diff: ImportDiff, confirmed: Set[QuarterKey] | None) -> None:
    """A person who confirmed removals from a preview gets exactly those, or nothing at all."""
    if confirmed is None:
        return
    missing = unconfirmed(diff, confirmed)
    if missing:
        by_code: dict[int, list[str]] = {}
        for code, period in missing:
            by_code.setdefault(code, []).append(period)
        where = "; ".join(f"{code}: {quarter_spans(p)}" for code, p in sorted(by_code.items()))
        raise ValidationFailed(
            f"Indlæsningen ville fjerne {fmt_count(len(missing), one='kvartal', many='kvartaler')}, "
            f"som ikke er bekræftet ({where}). Se forhåndsvisningen igen; intet er indlæst"
        )


def _write_quarters(
    session: Session, frame: pd.DataFrame, *, source_id: int, diff: ImportDiff
) -> tuple[int, int]:
    """Replace the periods the file covers for its municipalities; drop their demo rows. (changed, demo removed)"""
    codes = [m.code for m in diff.municipalities]
    changed = sum(
        len(m.added) + len(m.replaced_demo) + len(m.replaced) for m in diff.municipalities
    )
    # When real data covers a municipality, its demo series is gone entirely (never a silent mix);
    # the diff named those quarters, and the preview showed them.
    demo_removed = remove_demo_rows(session, BurglaryQuarter, codes)
    for municipality in diff.municipalities:
        session.execute(
            delete(BurglaryQuarter).where(
                col(BurglaryQuarter.municipality_code) == municipality.code,
                col(BurglaryQuarter.period).in_(municipality.replaced + municipality.unchanged),
            )
        )
    latest = frame["period"].max()
    now = datetime.now(UTC)
    records = [
        {
            "municipality_code": int(c),
            "period": p,
            "year": int(p[:4]),
            "quarter": int(p[5]),
            "count": int(v),
            "provisional": p == latest,
            "is_demo": False,
            "source_id": source_id,
            "imported_at": now,
        }
        for c, p, v in frame.itertuples(index=False)
    ]
    session.execute(insert(BurglaryQuarter), records)
    return changed, demo_removed


def _write_national_years(session: Session, file: DstFile, *, source_id: int) -> int:
    changed = 0
    for row in file.rows:
        if row.area_kind != "country" or row.value is None:
            continue  # municipal annual figures come from the quarterly table
        current = session.get(NationalBurglaryYear, int(row.period))
        if current is None or current.count != row.value or current.quality != Quality.OFFICIAL:
            changed += 1
        session.merge(
            NationalBurglaryYear(
                year=int(row.period),
                count=int(row.value),
                quality=Quality.OFFICIAL,
                note="STRAF22, anmeldte",
                source_id=source_id,
            )
        )
    return changed


def _write_households(
    session: Session, frame: pd.DataFrame, *, source_id: int, population: bool
) -> int:
    changed = 0
    for code, period, value in frame.itertuples(index=False):
        year = int(str(period)[:4])
        current = session.get(HouseholdYear, (int(code), year))
        if population:
            if current is None or str(period)[4:] not in ("", "K1"):
                continue  # population is stored beside households, as of 1 January
            changed += current.population != value
            current.population = int(value)
            session.add(current)
            continue
        changed += current is None or current.households != value or current.approximate
        session.merge(
            HouseholdYear(
                municipality_code=int(code),
                year=year,
                households=int(value),
                population=current.population if current else None,
                approximate=False,
                source_id=source_id,
            )
        )
    if not population:
        # the approximations give way for every municipality that now has real households
        real = set(frame["code"].astype(int))
        session.execute(
            delete(HouseholdYear).where(
                col(HouseholdYear.municipality_code).in_(real), col(HouseholdYear.approximate)
            )
        )
    return changed


def _since(file: DstFile, since_year: int | None) -> DstFile:
    """The file without rows before since_year (API fetches of whole tables)."""
    if not since_year:
        return file
    return replace(file, rows=[r for r in file.rows if int(r.period[:4]) >= since_year])


def _age_frame(aged: pd.DataFrame) -> pd.DataFrame:
    """The age structure as the code, period, value frame the report and audit count."""
    return pd.DataFrame(
        {
            "code": aged["municipality_code"],
            "period": aged["year"].astype(str) + "K1",
            "value": aged["population"],
        }
    )


def _undo_table(table: DstTable, *, ages: bool = False) -> str:
    if ages:
        return "age_structure_year"
    return {DstTable.STRAF11: "burglary_quarter", DstTable.STRAF22: "national_burglary_year"}.get(
        table, "household_year"
    )


def _undo_scope(file: DstFile, frame: pd.DataFrame) -> list[int]:
    """What the import may replace: the covered municipalities, or the national years."""
    if file.table is DstTable.STRAF22:
        return sorted({int(r.period) for r in file.rows if r.area_kind == "country"})
    return sorted(set(frame["code"].astype(int))) if len(frame) else []


def import_dst(
    engine: Engine,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    table: DstTable | str | None = None,
    kind: str = SourceKind.FILE,
    today: date | None = None,
    dry_run: bool = False,
    since_year: int | None = None,
    confirmed_removals: Set[QuarterKey] | None = None,
    offences: Iterable[int] | None = None,
) -> ImportReport:
    """Read, validate and write one Statistikbanken file; on any error nothing is written.

    since_year (for API fetches of whole tables): rows before that year are skipped, not refused.
    confirmed_removals (from a person who read the preview): the (municipality, quarter) pairs they
    saw would be removed; an import that would remove any other is refused. None (scripts, the CLI)
    checks nothing, and the report still names every removed quarter.
    offences (STRAF11): the other OVERTRÆD codes stored beside the burglaries (offence_quarter),
    default models.offences.DEFAULT_OFFENCES (1310, business burglary); () for none."""
    try:
        codes = parse_offence_codes(DEFAULT_OFFENCES if offences is None else offences)
    except ValueError as refused:
        raise ValidationFailed(f"{refused}. Intet er indlæst") from None
    file = read_dst(data, table=table, first_year=1900 if since_year else 2007)
    aged = None
    if has_single_ages(
        file
    ):  # FOLK1A by ALDER: the age structure (models/expected.py's covariates)
        by_age = read_dst(
            data, table=DstTable.FOLK1A, first_year=1900 if since_year else 2007, ages=True
        )
        aged = age_structure(_since(by_age, since_year))
    others = _other_offences(data, file, codes, since_year=since_year)
    file = _since(file, since_year)
    frame = _municipal(file) if aged is None else _age_frame(aged)
    if frame.empty and not any(r.area_kind == "country" for r in file.rows):
        raise ValidationFailed("Filen indeholder ingen tal for kommuner eller hele landet")
    with transaction(engine) as session:
        _target(session, actor, file)  # refuses what the actor may not import
        periods = _periods(
            frame if len(frame) else pd.DataFrame({"period": [r.period for r in file.rows]})
        )
        source_id = _source(
            session,
            actor=actor,
            file=file,
            file_name=file_name,
            kind=kind,
            today=today or date.today(),
        )
        demo_removed = 0
        diff = _diff(session, frame) if file.table is DstTable.STRAF11 else None
        if diff is not None:
            _refuse_unconfirmed(diff, confirmed_removals)
        remember(
            session,
            source_id=source_id,
            table=_undo_table(file.table, ages=aged is not None),
            scope=_undo_scope(file, frame),
            also={"offence_quarter": sorted(set(others["code"].astype(int)))}
            if diff is not None and not others.empty
            else None,
        )
        if diff is not None:
            changed, demo_removed = _write_quarters(session, frame, source_id=source_id, diff=diff)
            write_offence_quarters(
                session,
                others,
                source_id=source_id,
                labels={code: offence_name(code) for code in codes},
            )
        elif aged is not None:
            changed, demo_removed = write_age_structure(session, aged, source_id=source_id)
        elif file.table is DstTable.STRAF22:
            changed = _write_national_years(session, file, source_id=source_id)
        else:
            changed = _write_households(
                session, frame, source_id=source_id, population=file.table is DstTable.FOLK1A
            )
        source = session.get(DataSource, source_id)
        assert source is not None
        written = (
            len(frame)
            if file.table is not DstTable.STRAF22
            else sum(r.area_kind == "country" for r in file.rows)
        )
        source.rows_changed, source.rows, source.periods = changed, written, periods
        session.add(source)
        report = ImportReport(
            file.table.value,
            source.rows_read,
            written,
            changed,
            frame["code"].nunique() if len(frame) else 0,
            periods,
            demo_removed,
            source_id,
            diff,
            tuple((int(code), int(rows)) for code, rows in others.groupby("offence").size().items())
            if diff is not None
            else (),
        )
        audit.record(
            session,
            actor=actor,
            action="data.import",
            entity="data_source",
            entity_key=str(source_id),
            summary=f"Import af {file.table.value} fra {file_name}: {report.text()}",
            before=None,
            after={"rows": len(frame), "changed": changed}
            | ({"other_offences": len(others)} if report.other_offences else {}),
            # shown to each municipality in the file, and only them (none: national figures)
            municipalities=set(frame["code"].astype(int)) if len(frame) else (),
        )
        return finish(report, dry_run=dry_run)


preview_dst = preview_of(import_dst)
