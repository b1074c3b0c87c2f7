"""The full-size dataset the benchmark measures against: national scale, every partnership busy."""

from datetime import UTC, date, datetime, timedelta
from itertools import cycle

from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import make_engine, transaction
from dataio.files.statistikbanken.importer import import_dst
from dataio.seed.demo_plan import DEMO_MUNICIPALITY
from dataio.seed.init import initialise
from dataio.store.action_plans import template
from dataio.store.users import add_user
from models.actionplan import ItemStatus
from models.permissions import Actor, Role
from models.tables import (
    ActionItem,
    ActionPlan,
    DataSource,
    HelperCount,
    Municipality,
    Partnership,
    SafetyWalk,
    SurveyAnswer,
    SurveyCategory,
    SurveyRound,
    WalkObservation,
)

ITEMS_PER_PLAN = 60
WALKS_PER_MUNICIPALITY = 20
OBSERVATIONS_PER_WALK = 3
HELPER_WEEKS = 5 * 52
SURVEY_ROUNDS = 10
BENCH_ACTOR = Actor("bench", Role.ADMIN)
SESSION_USERS = 20  # project leaders of different municipalities, for the concurrent sessions
SESSION_PASSWORD = "bench-projekt-1234"
AUDIT_ROWS = 100_000  # the change log's window holds this many rows (issue 14: Ændringslog)
STATUSES = list(ItemStatus)


def build_full_dataset(url: str, *, straf11: bytes, today: date | None = None) -> dict[str, int]:
    """Schema, reference, demo users; the full STRAF11 file; plans, walks, helpers and surveys."""
    today = today or date.today()
    engine = make_engine(url)
    try:
        initialise(engine, demo=True, today=today)
        import_dst(engine, actor=BENCH_ACTOR, data=straf11, file_name="straf11-full.csv")
        counts = {"partnership_municipalities": len(partnership_codes(engine))}
        counts["action_items"] = fill_action_plans(engine, today=today)
        counts["safety_walks"] = fill_safety_walks(engine, today=today)
        counts["helper_counts"] = fill_helper_counts(engine, today=today)
        counts["survey_rounds"] = fill_survey_rounds(engine, today=today)
        counts["session_users"] = len(add_session_users(engine))
        counts["audit_rows_added"] = fill_audit_rows(engine, AUDIT_ROWS)
    finally:
        engine.dispose()
    return counts


def partnership_codes(engine: Engine) -> list[int]:
    """The partnership municipalities and the demo's Ishøj: the ones with plans, walks, helpers, surveys."""
    with Session(engine) as session:
        codes = set(session.exec(select(Partnership.municipality_code)).all())
    return sorted(codes | {DEMO_MUNICIPALITY})


def _district(session: Session, code: int) -> int:
    municipality = session.get(Municipality, code)
    return municipality.police_district_number if municipality else 0


def fill_action_plans(engine: Engine, *, today: date) -> int:
    """60 items per partnership plan (the guide's template repeated), each with an audit row."""
    rows = list(template().itertuples())
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    written = 0
    with transaction(engine) as session:
        for code in partnership_codes(engine):
            if session.get(ActionPlan, code) is None:
                session.add(ActionPlan(municipality_code=code, created_at=now, created_by="bench"))
                session.flush()
            existing = len(
                session.exec(select(ActionItem).where(ActionItem.municipality_code == code)).all()
            )
            district = _district(session, code)
            for position, row in zip(range(existing, ITEMS_PER_PLAN), cycle(rows), strict=False):
                status = STATUSES[position % len(STATUSES)]
                due = today + timedelta(days=(position * 37) % 400 - 200)
                session.add(
                    ActionItem(
                        municipality_code=code,
                        position=position,
                        track=row.track,
                        activity_group=row.activity_group,
                        title=f"{row.title} ({position + 1})",
                        owner_name=f"Ansvarlig {position % 7 + 1}",
                        organisation=row.organisation,
                        start_date=due - timedelta(days=90),
                        due_date=due,
                        status=status,
                        progress=100 if status is ItemStatus.DONE else (position * 13) % 100,
                        goal=row.goal,
                        notes="Benchmark",
                        changed_by="bench",
                        changed_at=now - timedelta(days=position * 3),
                    )
                )
                audit.record(
                    session,
                    actor=BENCH_ACTOR,
                    action="action_item.add",
                    entity="action_item",
                    entity_key=f"{code}-{position}",
                    summary=f"Aktivitet «{row.title} ({position + 1})» tilføjet",
                    before=None,
                    after={"status": status.value},
                    municipality_code=code,
                    police_district_number=district,
                )
                written += 1
    return written


def fill_safety_walks(engine: Engine, *, today: date) -> int:
    """20 walks per partnership municipality, three observations each, some still open."""
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    written = 0
    with transaction(engine) as session:
        for code in partnership_codes(engine):
            municipality = session.get(Municipality, code)
            lat, lon = (municipality.lat, municipality.lon) if municipality else (55.6, 12.3)
            for number in range(WALKS_PER_MUNICIPALITY):
                walk = SafetyWalk(
                    municipality_code=code,
                    walk_date=today - timedelta(days=number * 30),
                    area=f"Område {number + 1}",
                    participants="Beboere, kommune, politi",
                    lat=(lat or 55.6) + (number % 5 - 2) * 0.004,
                    lon=(lon or 12.3) + (number // 5 - 2) * 0.006,
                    changed_by="bench",
                    changed_at=now - timedelta(days=number * 30),
                )
                session.add(walk)
                session.flush()
                session.execute(
                    insert(WalkObservation),
                    [
                        {
                            "walk_id": walk.id,
                            "number": n + 1,
                            "description": f"Observation {n + 1}",
                            "responsible": "Kommunen",
                            "follow_up": "Følges op",
                            "status": ("åben", "i gang", "lukket")[(number + n) % 3],
                            "row_version": 1,
                            "changed_by": "bench",
                            "changed_at": now,
                        }
                        for n in range(OBSERVATIONS_PER_WALK)
                    ],
                )
                written += 1
    return written


def _demo_source_id(session: Session, dataset: str) -> int | None:
    """The demo data source of a dataset, so that the bench rows are cited like demo rows."""
    return session.exec(
        select(DataSource.id).where(DataSource.dataset == dataset).order_by(col(DataSource.id))
    ).first()


def fill_helper_counts(engine: Engine, *, today: date) -> int:
    """Five years of weekly neighbour-helper counts per partnership municipality (replacing the
    demo's monthly ones there), growing from a level of about 6 % of households."""
    now = datetime.now(UTC)
    days = [today - timedelta(weeks=week) for week in range(HELPER_WEEKS)][::-1]
    written = 0
    with transaction(engine) as session:
        source_id = _demo_source_id(session, "helper_count")
        for code in partnership_codes(engine):
            session.execute(delete(HelperCount).where(col(HelperCount.municipality_code) == code))
            level = 300 + code % 97 * 20
            rows = [
                {
                    "municipality_code": code,
                    "count_date": day,
                    "helpers": round(level * (1.0015**week)) + week % 5,
                    "nabovenner": round(level * 0.2),
                    "source": "Benchmark",
                    "source_id": source_id,
                    "is_demo": True,
                    "changed_by": "bench",
                    "changed_at": now,
                }
                for week, day in enumerate(days)
            ]
            session.execute(insert(HelperCount), rows)
            written += len(rows)
    return written


def fill_survey_rounds(engine: Engine, *, today: date) -> int:
    """Ten yearly survey rounds of every measure per partnership municipality (replacing the
    demo's rounds there), answers spread over the measure's categories."""
    written = 0
    with transaction(engine) as session:
        source_id = _demo_source_id(session, "survey_round")
        categories: dict[str, list[str]] = {}
        for category in session.exec(select(SurveyCategory).order_by(col(SurveyCategory.position))):
            categories.setdefault(category.measure_code, []).append(category.code)
        for code in partnership_codes(engine):
            old = select(SurveyRound.id).where(col(SurveyRound.municipality_code) == code)
            session.execute(delete(SurveyAnswer).where(col(SurveyAnswer.round_id).in_(old)))
            session.execute(delete(SurveyRound).where(col(SurveyRound.municipality_code) == code))
            for year in range(today.year - SURVEY_ROUNDS + 1, today.year + 1):
                for measure, codes in categories.items():
                    counts = [40 + (code + year + i * 17) % 90 for i in range(len(codes))]
                    survey = SurveyRound(
                        municipality_code=code,
                        year=year,
                        measure_code=measure,
                        respondents=sum(counts),
                        source_id=source_id or 0,
                        is_demo=True,
                    )
                    session.add(survey)
                    session.flush()
                    session.execute(
                        insert(SurveyAnswer),
                        [
                            {"round_id": survey.id, "category": c, "count": n}
                            for c, n in zip(codes, counts, strict=True)
                        ],
                    )
                    written += 1
    return written


def session_usernames() -> list[str]:
    """The project leaders `add_session_users` creates, in order."""
    return [f"bench{number:02d}" for number in range(1, SESSION_USERS + 1)]


def add_session_users(engine: Engine) -> dict[str, int]:
    """One project leader per municipality: the plan municipalities first, then others."""
    with Session(engine) as session:
        everyone = session.exec(
            select(Municipality.code)
            .where(Municipality.is_municipality)
            .order_by(col(Municipality.code))
        ).all()
    planned = partnership_codes(engine)
    codes = [*planned, *(c for c in everyone if c not in planned)][:SESSION_USERS]
    users = dict(zip(session_usernames(), codes, strict=True))
    for username, code in users.items():
        add_user(
            engine,
            actor=BENCH_ACTOR,
            username=username,
            display_name=f"Projektleder {code}",
            role=Role.PROJECT_LEADER,
            password=SESSION_PASSWORD,
            municipality_code=code,
        )
    return users


def fill_audit_rows(engine: Engine, rows: int, *, batch: int = 10_000) -> int:
    """`rows` more audit rows of the last days (goal edits in the plan municipalities), written
    through dataio.db.audit like every change, so that the hash chain holds."""
    codes = partnership_codes(engine)
    written = 0
    while written < rows:
        with transaction(engine) as session:
            districts = {code: _district(session, code) for code in codes}
            for _ in range(min(batch, rows - written)):
                code = codes[written % len(codes)]
                audit.record(
                    session,
                    actor=BENCH_ACTOR,
                    action="goal.update",
                    entity="goal",
                    entity_key=f"{code}-burglary",
                    summary=f"Mål for indbrud ændret ({written})",
                    before={"target": written % 90},
                    after={"target": written % 90 + 1},
                    municipality_code=code,
                    police_district_number=districts[code],
                )
                written += 1
    return written
