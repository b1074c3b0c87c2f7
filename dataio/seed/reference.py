"""Load the reference data shipped in dataio/seed/reference/ (idempotent), the survey measures and
the partnerships' helper goals included."""

from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from sqlmodel import Session, col, select

from models.announced import parse_burglary_target, parse_helper_target, parse_partner_since
from models.domain import Indicator, ScopeKind, SourceKind
from models.tables import (
    DataSource,
    Goal,
    HouseholdYear,
    Municipality,
    NationalBurglaryYear,
    NationalSurveyYear,
    Partnership,
    PoliceDistrict,
    Region,
    SurveyCategory,
    SurveyMeasure,
)

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
# The seed material states no target year for the national goals: this documented default is
# stored as data (target_year_is_default) and an administrator can change it.
DEFAULT_TARGET_YEAR = 2030


def read_reference(name: str) -> pd.DataFrame:
    """One of the shipped CSV files, codes kept as text where they have leading zeros."""
    return pd.read_csv(REFERENCE_DIR / name, dtype={"region_code": str, "dagi_code": str})


def load_reference(session: Session) -> None:
    """Insert or update areas, the national series, partnerships and missing goals."""
    now = datetime.now(UTC)
    _load_areas(session)
    _load_national_series(session, now)
    _load_partnerships(session)
    _load_approximate_households(session)
    _ensure_national_goals(session, now)
    _ensure_partnership_goals(session, now)
    load_survey_reference(session, now)


def _load_areas(session: Session) -> None:
    frame = read_reference("municipalities.csv")
    for row in frame.drop_duplicates("region_code").itertuples():
        session.merge(Region(code=row.region_code, name=row.region))
    for row in frame.drop_duplicates("police_district_no").itertuples():
        session.merge(PoliceDistrict(number=int(row.police_district_no), name=row.police_district))
    session.flush()
    for row in frame.itertuples():
        session.merge(
            Municipality(
                code=int(row.code),
                dagi_code=row.dagi_code,
                name=row.name,
                region_code=row.region_code,
                police_district_number=int(row.police_district_no),
                lat=float(row.lat),
                lon=float(row.lon),
                is_municipality=bool(row.is_municipality),
            )
        )
    session.flush()


def reference_source(session: Session, *, dataset: str, description: str, rows: int) -> int:
    """The id of the data_source row for one shipped file, created once."""
    existing = session.exec(
        select(DataSource).where(
            col(DataSource.kind) == SourceKind.REFERENCE, col(DataSource.dataset) == dataset
        )
    ).first()
    if existing and existing.id is not None:
        return existing.id
    source = DataSource(
        name=f"Referencedata: {description}",
        kind=SourceKind.REFERENCE,
        dataset=dataset,
        description=description,
        rows=rows,
        as_of=date.fromtimestamp((REFERENCE_DIR / dataset).stat().st_mtime),
        loaded_at=datetime.now(UTC),
        loaded_by="botrygt init",
    )
    session.add(source)
    session.flush()
    assert source.id is not None  # assigned by the flush
    return source.id


def _load_national_series(session: Session, now: datetime) -> None:
    frame = read_reference("national_burglaries.csv")
    source = reference_source(
        session,
        dataset="national_burglaries.csv",
        description="landstal for indbrud i beboelser (Danmarks Statistik via presse og Bo trygt)",
        rows=len(frame),
    )
    for row in frame.itertuples():
        existing = session.get(NationalBurglaryYear, int(row.year))
        if existing and existing.quality == "official":
            continue  # an imported STRAF22 figure beats a quoted one
        session.merge(
            NationalBurglaryYear(
                year=int(row.year),
                count=int(row.residential_burglaries),
                quality=row.quality,
                note=row.note if isinstance(row.note, str) else "",
                source_id=source,
            )
        )


PERSONS_PER_HOUSEHOLD = 2.13  # national average, used only for the approximations
APPROXIMATION_YEAR = 2024


def _load_approximate_households(session: Session) -> None:
    """Approximate households from rounded populations, only where no real figure exists."""
    frame = read_reference("population_approx.csv")
    source = reference_source(
        session,
        dataset="population_approx.csv",
        description="tilnærmede husstande (afrundet befolkning / 2,13)",
        rows=len(frame),
    )
    have_real = {
        row.municipality_code
        for row in session.exec(
            select(HouseholdYear).where(col(HouseholdYear.approximate).is_(False))
        ).all()
    }
    for row in frame.itertuples():
        if int(row.code) in have_real:
            continue
        session.merge(
            HouseholdYear(
                municipality_code=int(row.code),
                year=APPROXIMATION_YEAR,
                households=max(1, round(row.population / PERSONS_PER_HOUSEHOLD)),
                population=int(row.population),
                approximate=True,
                source_id=source,
            )
        )
    session.flush()


def _load_partnerships(session: Session) -> None:
    frame = (
        read_reference("bo_trygt_partnerships.csv").astype(object).where(lambda f: f.notna(), None)
    )
    for row in frame.itertuples():
        session.merge(
            Partnership(
                municipality_code=int(row.municipality_code),
                partner_since=str(row.partner_since) if row.partner_since else None,
                start_date=parse_partner_since(
                    str(row.partner_since) if row.partner_since else None
                ),
                burglary_target_text=row.burglary_target,
                helper_target_text=row.helper_target,
                note=row.note or "",
            )
        )


def _goal_exists(
    session: Session, *, scope_kind: str, scope_code: int | None, indicator: str
) -> bool:
    query = select(Goal).where(col(Goal.scope_kind) == scope_kind, col(Goal.indicator) == indicator)
    query = query.where(
        col(Goal.scope_code) == scope_code
        if scope_code is not None
        else col(Goal.scope_code).is_(None)
    )
    return session.exec(query).first() is not None


def _ensure_national_goals(session: Session, now: datetime) -> None:
    """The two national goals; an administrator's later edits are never overwritten."""
    goals = [
        Goal(
            scope_kind=ScopeKind.NATIONAL,
            indicator=Indicator.BURGLARIES,
            baseline=29000,
            baseline_year=2017,
            target=10000,
            target_year=DEFAULT_TARGET_YEAR,
            target_year_is_default=True,
            source_note="Bo trygt: fra godt 29.000 (2017) til 10.000 indbrud om året. "
            "Målår ikke fastsat i kildematerialet; 2030 er en standard, som kan ændres.",
            updated_at=now,
            updated_by="botrygt init",
        ),
        Goal(
            scope_kind=ScopeKind.NATIONAL,
            indicator=Indicator.INSECURITY,
            baseline=0.25,
            baseline_year=2017,
            target=0.10,
            target_year=DEFAULT_TARGET_YEAR,
            target_year_is_default=True,
            source_note="Bo trygt: kun 10 % af danskerne utrygge ved risikoen for indbrud "
            "(TrygFondens tryghedsmåling, ca. 25 % i 2008-2017). Målår ikke fastsat; 2030 er en standard.",
            updated_at=now,
            updated_by="botrygt init",
        ),
    ]
    for goal in goals:
        if not _goal_exists(
            session, scope_kind=goal.scope_kind, scope_code=None, indicator=goal.indicator
        ):
            session.add(goal)


def _ensure_partnership_goals(session: Session, now: datetime) -> None:
    """A burglary goal for each partnership that announced one, baseline read from the data."""
    for partnership in session.exec(select(Partnership)).all():
        announced = parse_burglary_target(partnership.burglary_target_text)
        code = partnership.municipality_code
        if announced is None or partnership.start_date is None:
            continue
        if _goal_exists(
            session,
            scope_kind=ScopeKind.MUNICIPALITY,
            scope_code=code,
            indicator=Indicator.BURGLARIES,
        ):
            continue
        start_year = partnership.start_date.year
        target_year = announced.target_year or (
            start_year + announced.years_after_start if announced.years_after_start else None
        )
        session.add(
            Goal(
                scope_kind=ScopeKind.MUNICIPALITY,
                scope_code=code,
                indicator=Indicator.BURGLARIES,
                baseline=None,
                baseline_year=start_year - 1,
                target=announced.target,
                target_reduction=announced.target_reduction,
                target_year=target_year or DEFAULT_TARGET_YEAR,
                target_year_is_default=target_year is None,
                source_note=f"Annonceret ved partnerskabets start ({partnership.partner_since}): "
                f"«{partnership.burglary_target_text}». Udgangspunkt: kommunens indbrud i {start_year - 1}."
                + ("" if target_year else " Målår ikke annonceret; 2030 er en standard."),
                updated_at=now,
                updated_by="botrygt init",
            )
        )


def load_survey_reference(session: Session, now: datetime) -> None:
    """Measures with their categories, the national series, and the partnerships' helper goals."""
    for row in read_reference("survey_measures.csv").itertuples():
        session.merge(
            SurveyMeasure(
                code=row.code,
                label=row.label,
                question=row.question,
                owner=row.owner,
                share_label=row.share_label,
                goal_indicator=row.goal_indicator if isinstance(row.goal_indicator, str) else None,
                position=int(row.position),
            )
        )
    session.flush()
    for row in read_reference("survey_categories.csv").itertuples():
        session.merge(
            SurveyCategory(
                measure_code=row.measure_code,
                code=row.code,
                label=row.label,
                position=int(row.position),
                in_share=bool(row.in_share),
            )
        )
    frame = read_reference("national_surveys.csv")
    source = reference_source(
        session,
        dataset="national_surveys.csv",
        description="landstal for utryghed (TrygFonden og Justitsministeriet, som citeret)",
        rows=len(frame),
    )
    for row in frame.itertuples():
        existing = session.get(NationalSurveyYear, (row.measure_code, int(row.year)))
        if existing is not None and existing.source_id != source:
            continue  # an imported or edited figure is never overwritten by the shipped one
        session.merge(
            NationalSurveyYear(
                measure_code=row.measure_code,
                year=int(row.year),
                share=float(row.share),
                quality=row.quality,
                note=row.note,
                source_id=source,
            )
        )
    session.flush()
    _ensure_helper_goals(session, now)


def _ensure_helper_goals(session: Session, now: datetime) -> None:
    """A helper goal for each partnership that announced one (never overwriting an edited goal)."""
    from dataio.seed.reference import DEFAULT_TARGET_YEAR

    for partnership in session.exec(select(Partnership)).all():
        announced = parse_helper_target(partnership.helper_target_text)
        if announced is None or partnership.start_date is None:
            continue
        code = partnership.municipality_code
        exists = session.exec(
            select(Goal.id).where(
                col(Goal.scope_kind) == ScopeKind.MUNICIPALITY,
                col(Goal.scope_code) == code,
                col(Goal.indicator) == Indicator.HELPERS,
            )
        ).first()
        if exists is not None:
            continue
        start_year = partnership.start_date.year
        session.add(
            Goal(
                scope_kind=ScopeKind.MUNICIPALITY,
                scope_code=code,
                indicator=Indicator.HELPERS,
                baseline=None,
                baseline_year=start_year - 1,
                target=announced.target,
                target_unit=announced.unit,
                target_year=DEFAULT_TARGET_YEAR,
                target_year_is_default=True,
                source_note=f"Annonceret ved partnerskabets start ({partnership.partner_since}): "
                f"«{partnership.helper_target_text}». Udgangspunkt: nabohjælpere ved udgangen af "
                f"{start_year - 1}. Målår ikke annonceret; {DEFAULT_TARGET_YEAR} er en standard.",
                updated_at=now,
                updated_by="botrygt init",
            )
        )
