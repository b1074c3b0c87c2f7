"""What the tests build again and again: one actor per role and scope, plans, walks, counts, rounds.

The actors carry the demo users' names (`admin`, `projektleder`, `politi`, `byraad`), so a test may
log in as them or look up their demo password; their scope is the demo's: Ishøj (183) in Københavns
Vestegns Politi (district 10). The builders write through the store functions, with rights and
audit, as a person would.
"""

from datetime import UTC, date, datetime

from sqlalchemy import Engine, text

from dataio.db.engine import transaction
from dataio.store.action_plans import ItemEdit, create_plan, plan_items, template
from dataio.store.goals import GoalChange
from dataio.store.neighbour_help import add_helper_count
from dataio.store.walks import NewObservation, add_walk
from models.permissions import Actor, Role
from models.tables import DataSource, SurveyAnswer, SurveyRound

ISHOJ = 183  # in Københavns Vestegns Politi
KOBENHAVN = 101  # in Københavns Politi (district 11)
VESTEGN = 10  # Københavns Vestegns Politi: Ishøj, Albertslund, Vallensbæk and eight more
OSTJYLLAND = 2  # Østjyllands Politi: Aarhus and others, none of them in the demo's scope

ADMIN = Actor(username="admin", role=Role.ADMIN)
READER = Actor(username="læser", role=Role.ADMIN)  # reads of partnership data take a viewer
COLLEAGUE = Actor(username="kollega", role=Role.ADMIN)  # a second administrator, for conflicts
LEADER = Actor(username="projektleder", role=Role.PROJECT_LEADER, municipality_code=ISHOJ)
OTHER_LEADER = Actor(username="kbh", role=Role.PROJECT_LEADER, municipality_code=KOBENHAVN)
POLICE = Actor(username="politi", role=Role.POLICE, police_district_number=VESTEGN)
OTHER_POLICE = Actor(username="aarhus", role=Role.POLICE, police_district_number=OSTJYLLAND)
COUNCIL = Actor(username="byraad", role=Role.COUNCIL, municipality_code=ISHOJ)
BUSINESS = Actor(username="erhverv", role=Role.BUSINESS, municipality_code=ISHOJ)
OTHER_BUSINESS = Actor(username="erhverv_kbh", role=Role.BUSINESS, municipality_code=KOBENHAVN)


def row_count(engine: Engine, table: str) -> int:
    """The number of rows in a table."""
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def make_plan(
    engine: Engine,
    *,
    actor: Actor = LEADER,
    municipality_code: int = ISHOJ,
    template_rows: list[int] | None = None,
) -> int:
    """A plan from the guide's template rows (all 28 unless told); returns the number of items."""
    rows = list(range(len(template()))) if template_rows is None else template_rows
    return create_plan(engine, actor=actor, municipality_code=municipality_code, template_rows=rows)


def item_edit(engine: Engine, which: str, /, **values: object) -> ItemEdit:
    """An edit of Ishøj's plan item titled `which`, as loaded now, setting `values`."""
    items = plan_items(engine, viewer=READER, municipality_code=ISHOJ)
    row = items[items["title"] == which].iloc[0]
    return ItemEdit(
        id=int(row["id"]), loaded_version=int(row["row_version"]), values=values, label=which
    )


def make_walk(
    engine: Engine,
    *,
    actor: Actor = LEADER,
    municipality_code: int = ISHOJ,
    walk_date: date = date(2026, 10, 1),
    area: str = "Vejleåparken",
    lat: float | None = 55.61,
    lon: float | None = 12.35,
    observations: list[NewObservation] | None = None,
) -> int:
    """A walk in Vejleåparken; unless told, with two open observations (a dark path, a hedge)."""
    if observations is None:
        observations = [
            NewObservation("Mørk sti", "Kommunen", "Lys"),
            NewObservation("Høj hæk", "Boligselskabet"),
        ]
    return add_walk(
        engine,
        actor=actor,
        municipality_code=municipality_code,
        walk_date=walk_date,
        area=area,
        lat=lat,
        lon=lon,
        observations=observations,
    )


def add_count(
    engine: Engine,
    *,
    actor: Actor = ADMIN,
    municipality_code: int = ISHOJ,
    count_date: date,
    helpers: int,
    nabovenner: int | None = None,
    today: date = date(2026, 12, 1),
) -> None:
    """A helper count, recorded as on `today` (counts may not lie after it)."""
    add_helper_count(
        engine,
        actor=actor,
        municipality_code=municipality_code,
        count_date=count_date,
        helpers=helpers,
        nabovenner=nabovenner,
        today=today,
    )


def add_survey_round(
    engine: Engine,
    *,
    municipality_code: int = ISHOJ,
    year: int,
    measure_code: str = "utryg_indbrud",
    answers: dict[str, int],
) -> None:
    """A survey round with its answers by category, from a data source of its own."""
    with transaction(engine) as session:
        source = DataSource(
            name="test", kind="file", as_of=date(2026, 1, 1), loaded_at=datetime.now(UTC)
        )
        session.add(source)
        session.flush()
        survey = SurveyRound(
            municipality_code=municipality_code,
            year=year,
            measure_code=measure_code,
            respondents=sum(answers.values()),
            source_id=source.id or 0,
        )
        session.add(survey)
        session.flush()
        for category, count in answers.items():
            session.add(SurveyAnswer(round_id=survey.id or 0, category=category, count=count))


def insecurity_answers(*, utryg: int, meget_utryg: int, rest: int) -> dict[str, int]:
    """Answers to `utryg_indbrud`: the insecure two categories, and `rest` secure or unsure."""
    return {"tryg": rest - 10, "ved_ikke": 10, "utryg": utryg, "meget_utryg": meget_utryg}


def goal_change(
    *,
    baseline: float | None = 29000.0,
    baseline_year: int = 2017,
    target: float | None = 10000.0,
    target_reduction: float | None = None,
    target_year: int = 2030,
    source_note: str = "",
) -> GoalChange:
    """A goal as entered: the seeded national burglary goal (29.000 in 2017 to 10.000 in 2030)."""
    return GoalChange(
        baseline=baseline,
        baseline_year=baseline_year,
        target=target,
        target_reduction=target_reduction,
        target_year=target_year,
        source_note=source_note,
    )
