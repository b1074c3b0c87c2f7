"""Reference rows for the other two goals: survey measures, national shares, helper goals."""

from datetime import datetime

from sqlmodel import Session, col, select

from models.announced import parse_helper_target
from models.domain import Indicator, ScopeKind
from models.tables import (
    Goal,
    NationalSurveyYear,
    Partnership,
    SurveyCategory,
    SurveyMeasure,
)


def load_survey_reference(session: Session, now: datetime) -> None:
    """Measures with their categories, the national series, and the partnerships' helper goals."""
    from dataio.reference import read_reference, reference_source

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
    from dataio.reference import DEFAULT_TARGET_YEAR

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
