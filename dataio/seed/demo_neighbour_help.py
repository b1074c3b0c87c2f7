"""Demo helper counts, recruitment activities, survey rounds and a national insecurity series.

All of it is generated ("Eksempeldata"), flagged is_demo and cited by a demo data source.
Real imported rows are never touched: `ensure_demo_helpers` writes demo rows only where none
exist yet, `replace_demo_helpers` (botrygt demo) regenerates them beside the real ones.
"""

from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import delete, insert
from sqlmodel import Session, col, func, select

from dataio.seed.reference import DEFAULT_TARGET_YEAR
from models.domain import Indicator, Quality, ScopeKind, SourceKind
from models.i18n import N_
from models.neighbour_help import ActivityKind
from models.tables import (
    DataSource,
    Goal,
    HelperCount,
    NationalSurveyYear,
    Partnership,
    RecruitmentActivity,
    SurveyAnswer,
    SurveyRound,
)

SEED = 2026
FIRST_HELPER_YEAR = 2019
# Mean sign-ups per activity: 6 of 10 join on a neighbour's invitation, so nabo-til-nabo leads.
SIGN_UPS = {
    ActivityKind.NABO_TIL_NABO: 34,
    ActivityKind.KAMPAGNE: 22,
    ActivityKind.BORGERMOEDE: 18,
    ActivityKind.MESSE: 14,
    ActivityKind.TRYGHEDSVANDRING: 11,
    ActivityKind.MOBIL_POLITISTATION: 7,
}
PLACES = ("Rådhuset", "Biblioteket", "Idrætshallen", "Torvet", "Beboerhuset", "Skolen")
# The national share insecure about burglary in demo survey years (between the reference points
# of about 25 % in 2017 and below 20 % in 2020, then slowly falling).
NATIONAL_INSECURITY = {2018: 0.24, 2020: 0.195, 2022: 0.185, 2024: 0.175, 2026: 0.17}
INSECURITY_SPLIT = (0.22, 0.36, 0.20, 0.0, 0.0, 0.04)  # meget_tryg..ved_ikke; utryg parts set below
PROTECTION = {2018: 0.42, 2020: 0.45, 2022: 0.48, 2024: 0.51, 2026: 0.53}


def _source(session: Session, *, dataset: str, description: str, rows: int, now: datetime) -> int:
    source = DataSource(
        name=f"Eksempeldata: {description}",
        kind=SourceKind.DEMO,
        dataset=dataset,
        description=f"Genererede {description} (ikke rigtige tal)",
        rows=rows,
        as_of=now.date(),
        loaded_at=now,
        loaded_by="botrygt demo",
        is_demo=True,
    )
    session.add(source)
    session.flush()
    assert source.id is not None
    return source.id


def build_helper_counts(*, municipalities: pd.DataFrame, today: date) -> pd.DataFrame:
    """Monthly counts from January 2019: a local level, steady growth, faster in partnerships."""
    rng = np.random.default_rng(SEED)
    months = pd.date_range(date(FIRST_HELPER_YEAR, 1, 1), today, freq="MS").date
    rows = []
    for m in municipalities.itertuples():
        households = float(m.households)
        level = households * rng.uniform(0.04, 0.11)
        growth = rng.uniform(0.0, 0.03)
        start = m.partner_start_year if not pd.isna(m.partner_start_year) else None
        naboven_share = rng.uniform(0.15, 0.6)
        value = level
        for month in months:
            boost = 0.035 if start is not None and month.year >= start else 0.0
            value *= 1 + (growth + boost) / 12 + rng.normal(0, 0.004)
            helpers = max(0, round(value))
            rows.append(
                {
                    "municipality_code": int(m.code),
                    "count_date": month,
                    "helpers": helpers,
                    "nabovenner": round(households / 100 * naboven_share),
                }
            )
            naboven_share = min(1.2, naboven_share * (1 + (0.004 if boost else 0.001)))
    return pd.DataFrame(rows)


def build_activities(*, municipalities: pd.DataFrame, today: date) -> pd.DataFrame:
    """Two to six recruitment activities a year per municipality, sign-ups by type."""
    rng = np.random.default_rng(SEED + 1)
    kinds = list(SIGN_UPS)
    rows = []
    for m in municipalities.itertuples():
        for year in range(FIRST_HELPER_YEAR, today.year + 1):
            for _ in range(int(rng.integers(2, 7))):
                day = date(year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
                if day > today:
                    continue
                kind = kinds[int(rng.integers(0, len(kinds)))]
                rows.append(
                    {
                        "municipality_code": int(m.code),
                        "activity_date": day,
                        "kind": kind.value,
                        "place": str(PLACES[int(rng.integers(0, len(PLACES)))]),
                        "sign_ups": int(rng.poisson(SIGN_UPS[kind])),
                        "note": "Eksempeldata",
                    }
                )
    return pd.DataFrame(rows)


def build_survey_answers(*, municipalities: pd.DataFrame, today: date) -> pd.DataFrame:
    """Every second year, a few hundred respondents per municipality, for both measures."""
    rng = np.random.default_rng(SEED + 2)
    rows = []
    for m in municipalities.itertuples():
        offset = rng.normal(0, 0.025)
        for year, national in NATIONAL_INSECURITY.items():
            if year > today.year:
                continue
            n = int(rng.integers(200, 700))
            insecure = float(np.clip(national + offset, 0.03, 0.6))
            meget = insecure * 0.3
            rest = 1 - insecure - INSECURITY_SPLIT[5]
            probabilities = [rest * 0.28, rest * 0.46, rest * 0.26, insecure - meget, meget]
            answers = rng.multinomial(n, [*probabilities, INSECURITY_SPLIT[5]])
            codes = ("meget_tryg", "tryg", "hverken", "utryg", "meget_utryg", "ved_ikke")
            rows += [
                (int(m.code), year, "utryg_indbrud", c, int(a))
                for c, a in zip(codes, answers, strict=True)
            ]
            good = float(np.clip(PROTECTION[year] + offset, 0.1, 0.9))
            split = [good, (1 - good) * 0.6, (1 - good) * 0.3, (1 - good) * 0.1]
            protection = rng.multinomial(int(n * 0.97), split)
            rows += [
                (int(m.code), year, "sikring", c, int(a))
                for c, a in zip(
                    ("godt", "nogenlunde", "daarligt", "ved_ikke"), protection, strict=True
                )
            ]
    return pd.DataFrame(rows, columns=["code", "year", "measure", "category", "count"])


def _write_counts(
    session: Session, *, municipalities: pd.DataFrame, today: date, now: datetime
) -> int:
    counts = build_helper_counts(municipalities=municipalities, today=today)
    if counts.empty:
        return 0
    source = _source(
        session, dataset="helper_count", description="nabohjælpere", rows=len(counts), now=now
    )
    session.execute(
        insert(HelperCount),
        counts.assign(
            source="Eksempeldata",
            source_id=source,
            is_demo=True,
            changed_by="botrygt demo",
            changed_at=now,
        ).to_dict("records"),
    )
    _ensure_demo_helper_goals(session, municipalities=municipalities, now=now)
    return len(counts)


def _write_activities(
    session: Session, *, municipalities: pd.DataFrame, today: date, now: datetime
) -> int:
    frame = build_activities(municipalities=municipalities, today=today)
    if frame.empty:
        return 0
    session.execute(
        insert(RecruitmentActivity),
        frame.assign(is_demo=True, changed_by="botrygt demo", changed_at=now).to_dict("records"),
    )
    return len(frame)


def _is_empty(session: Session, table: type) -> bool:
    return not session.exec(select(func.count()).select_from(table)).one()


def ensure_demo_helpers(session: Session, *, municipalities: pd.DataFrame, today: date) -> int:
    """Write demo helpers, activities, goals and surveys where none exist; return rows written."""
    now = datetime.now(UTC)
    written = 0
    if _is_empty(session, HelperCount):
        written += _write_counts(session, municipalities=municipalities, today=today, now=now)
    if _is_empty(session, RecruitmentActivity):
        written += _write_activities(session, municipalities=municipalities, today=today, now=now)
    if _is_empty(session, SurveyRound):
        written += _write_surveys(session, municipalities=municipalities, today=today, now=now)
    return written


def _without_real_rows(session: Session, municipalities: pd.DataFrame, column: Any) -> pd.DataFrame:
    """The municipalities that have no imported or recorded (non-demo) row in the column's table."""
    real = set(session.exec(select(column).distinct()).all())
    return municipalities[~municipalities["code"].isin(real)]


def replace_demo_helpers(session: Session, *, municipalities: pd.DataFrame, today: date) -> int:
    """Regenerate the demo helper counts, activities and surveys; real rows are kept, and a
    municipality with real rows of a kind gets no demo rows of that kind."""
    now = datetime.now(UTC)
    demo_rounds = select(SurveyRound.id).where(col(SurveyRound.is_demo))
    session.execute(delete(SurveyAnswer).where(col(SurveyAnswer.round_id).in_(demo_rounds)))
    session.execute(delete(SurveyRound).where(col(SurveyRound.is_demo)))
    session.execute(delete(HelperCount).where(col(HelperCount.is_demo)))
    session.execute(delete(RecruitmentActivity).where(col(RecruitmentActivity.is_demo)))
    session.execute(
        delete(NationalSurveyYear).where(col(NationalSurveyYear.quality) == Quality.DEMO)
    )
    counts = _without_real_rows(session, municipalities, HelperCount.municipality_code)
    activities = _without_real_rows(session, municipalities, RecruitmentActivity.municipality_code)
    surveys = _without_real_rows(session, municipalities, SurveyRound.municipality_code)
    return (
        _write_counts(session, municipalities=counts, today=today, now=now)
        + _write_activities(session, municipalities=activities, today=today, now=now)
        + _write_surveys(session, municipalities=surveys, today=today, now=now)
    )


def _ensure_demo_helper_goals(
    session: Session, *, municipalities: pd.DataFrame, now: datetime
) -> None:
    """Partnership municipalities without an announced helper target get a labelled demo one."""
    have = set(
        session.exec(select(Goal.scope_code).where(col(Goal.indicator) == Indicator.HELPERS)).all()
    )
    partners = set(session.exec(select(Partnership.municipality_code)).all())
    for m in municipalities[municipalities["code"].isin(partners)].itertuples():
        if int(m.code) in have:
            continue
        # A partnership without a known start year gets 2023 as its (demo) starting point.
        start = 2023 if pd.isna(m.partner_start_year) else int(m.partner_start_year)
        session.add(
            Goal(
                scope_kind=ScopeKind.MUNICIPALITY,
                scope_code=int(m.code),
                indicator=Indicator.HELPERS,
                baseline_year=start - 1,
                target=round(float(m.households) * 0.04, -1),
                target_unit="increase",
                target_year=DEFAULT_TARGET_YEAR,
                target_year_is_default=True,
                # our words, marked: the pages show a note in the reader's language when the
                # catalogue has it (a partnership's own note is shown as typed)
                source_note=N_(
                    "EKSEMPELDATA: et opdigtet rekrutteringsmål (4 nye nabohjælpere pr. 100 "
                    "husstande), fordi partnerskabet ikke har annonceret et. Ret det under Mål."
                ),
                updated_at=now,
                updated_by="botrygt demo",
            )
        )


def _write_surveys(
    session: Session, *, municipalities: pd.DataFrame, today: date, now: datetime
) -> int:
    answers = build_survey_answers(municipalities=municipalities, today=today)
    source = _source(
        session, dataset="survey_round", description="tryghedsmålinger", rows=len(answers), now=now
    )
    rounds = answers.groupby(["code", "year", "measure"], as_index=False)["count"].sum()
    ids = {}
    for r in rounds.itertuples():
        survey = SurveyRound(
            municipality_code=int(r.code),
            year=int(r.year),
            measure_code=str(r.measure),
            respondents=int(r.count),
            source_id=source,
            is_demo=True,
        )
        session.add(survey)
        ids[(int(r.code), int(r.year), str(r.measure))] = survey
    session.flush()
    session.execute(
        insert(SurveyAnswer),
        [
            {
                "round_id": ids[(r.code, r.year, r.measure)].id,
                "category": r.category,
                "count": r.count,
            }
            for r in answers.itertuples()
        ],
    )
    national_source = _source(
        session,
        dataset="national_survey_year",
        description="landstal for utryghed",
        rows=len(NATIONAL_INSECURITY),
        now=now,
    )
    for year, share in NATIONAL_INSECURITY.items():
        if year <= today.year and session.get(NationalSurveyYear, ("utryg_indbrud", year)) is None:
            session.add(
                NationalSurveyYear(
                    measure_code="utryg_indbrud",
                    year=year,
                    share=share,
                    quality=Quality.DEMO,
                    note="Eksempeldata",
                    source_id=national_source,
                )
            )
    return len(answers)
