"""FOLK1A by ALDER (single years of age) into the age structure the expected-burglaries model uses:
population, 15-24-year-olds and 65+ per municipality on 1 January (the first quarter).

The ALDER levels (`IALT` and `0`..`125`) follow the documented layout; they were not checked
against the live tableinfo (no network where this was built), so the checks below are on what
the model needs: the total and every year from 15 to 24 and from 65 to 99 (older years are added
when present)."""

import pandas as pd
from sqlmodel import Session

from dataio.errors import ValidationFailed
from dataio.files.imports import remove_demo_rows
from dataio.files.statistikbanken.reader import DstFile, DstTable
from models.tables import AgeStructureYear

YOUNG = range(15, 25)
OLD_REQUIRED = range(65, 100)


def has_single_ages(file: DstFile) -> bool:
    """A FOLK1A file with an ALDER column of which more than the total was left out."""
    columns = {name.casefold() for name in file.breakdown_columns}
    return file.table is DstTable.FOLK1A and "alder" in columns and file.skipped_breakdown > 0


def age_structure(file: DstFile) -> pd.DataFrame | None:
    """municipality_code, year, population, aged_15_24, aged_65_plus from a file read with
    ages=True; only first quarters (1 January). None when no municipality's year is complete (a
    file of totals with a few breakdown rows, read as before); ValidationFailed (Danish) when some
    are complete and others are not (an age file with gaps)."""
    rows = [
        (r.area_code, int(r.period[:4]), r.age, r.value)
        for r in file.rows
        if r.area_kind == "municipality" and r.value is not None and r.period.endswith("K1")
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows, columns=["code", "year", "age", "value"])
    result = []
    gaps = []
    for (code, year), group in frame.groupby(["code", "year"], sort=True):
        total = group.loc[group["age"].isna(), "value"]
        by_age = group.dropna(subset=["age"]).set_index(group["age"].dropna().astype(int))["value"]
        needed = set(YOUNG) | set(OLD_REQUIRED)
        if total.empty or not needed <= set(by_age.index):
            gaps.append(f"{code} ({year})")
            continue
        result.append(
            {
                "municipality_code": int(code),
                "year": int(year),
                "population": int(total.iloc[0]),
                "aged_15_24": int(by_age[list(YOUNG)].sum()),
                "aged_65_plus": int(by_age[by_age.index >= 65].sum()),
            }
        )
    if not result:
        return None
    if gaps:
        shown = ", ".join(gaps[:10]) + (f" og {len(gaps) - 10} flere" if len(gaps) > 10 else "")
        raise ValidationFailed(
            "Aldersfordelingen er ufuldstændig (der skal være «I alt» og hver alder 15-24 og "
            f"65-99) for {shown}; hent FOLK1A med ALDER=*. Intet er indlæst"
        )
    return pd.DataFrame(result)


def write_age_structure(
    session: Session, frame: pd.DataFrame, *, source_id: int
) -> tuple[int, int]:
    """Replace the covered municipalities' years; their demo rows go entirely. (changed, demo removed)"""
    codes = sorted(set(frame["municipality_code"].astype(int)))
    demo_removed = remove_demo_rows(session, AgeStructureYear, codes)
    changed = 0
    for row in frame.itertuples(index=False):
        current = session.get(AgeStructureYear, (row.municipality_code, row.year))
        values = (row.population, row.aged_15_24, row.aged_65_plus)
        if current is None or (
            (current.population, current.aged_15_24, current.aged_65_plus) != values
        ):
            changed += 1
        session.merge(
            AgeStructureYear(
                municipality_code=int(row.municipality_code),
                year=int(row.year),
                population=int(row.population),
                aged_15_24=int(row.aged_15_24),
                aged_65_plus=int(row.aged_65_plus),
                is_demo=False,
                source_id=source_id,
            )
        )
    return changed, demo_removed
