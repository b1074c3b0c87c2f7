"""Neighbour-helpers: counts, recruitment activities and the district table, read and written."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, func
from sqlalchemy import select as select_columns
from sqlalchemy.sql import Select
from sqlmodel import Session, col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import UnknownMunicipality, ValidationFailed
from dataio.store.access import municipality_target, readable, require_read, require_read_all
from dataio.store.areas import latest_households, municipality_table
from dataio.store.goals import find_goal, municipal_goals
from models.domain import Indicator
from models.i18n import M_
from models.neighbour_help import ActivityKind, HelperAssessment, assess_helpers
from models.numbers import NumberRefused, check_count
from models.permissions import Action, Actor, require
from models.tables import DataSource, HelperCount, Municipality, RecruitmentActivity


@dataclass(frozen=True)
class HelperOverview:
    """One municipality's helper series, assessment and provenance."""

    code: int
    name: str
    counts: pd.DataFrame  # count_date, helpers, nabovenner, source, is_demo
    assessment: HelperAssessment
    households_approximate: bool
    target_unit: str | None
    baseline_year: int | None
    target_year_is_default: bool
    goal_note: str
    demo: bool


def helper_counts(con: Connectable, *, viewer: Actor, codes: list[int]) -> pd.DataFrame:
    """Every count of the given municipalities, oldest first."""
    require_read_all(con, viewer=viewer, codes=codes)
    return _counts(con, codes=codes)


def _counts(con: Connectable, *, codes: list[int]) -> pd.DataFrame:
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(HelperCount.municipality_code).label("code"),
            col(HelperCount.count_date),
            col(HelperCount.helpers),
            col(HelperCount.nabovenner),
            col(HelperCount.source),
            col(HelperCount.is_demo),
        )
        .where(col(HelperCount.municipality_code).in_(codes))
        .order_by(col(HelperCount.municipality_code), col(HelperCount.count_date))
    )
    frame = read_frame(con, statement)
    frame["count_date"] = pd.to_datetime(frame["count_date"]).dt.date
    return frame


def _assess(frame: pd.DataFrame, *, households: float | None, goal: Any) -> HelperAssessment:
    counts = [(d, int(h)) for d, h in zip(frame["count_date"], frame["helpers"], strict=True)]
    nabovenner = frame["nabovenner"].dropna()
    return assess_helpers(
        counts=counts,
        nabovenner=int(nabovenner.iloc[-1]) if len(nabovenner) else None,
        households=households,
        goal_unit=goal.target_unit if goal is not None else None,
        goal_target=goal.target if goal is not None else None,
        goal_baseline=goal.baseline if goal is not None else None,
        baseline_year=goal.baseline_year if goal is not None else None,
        target_year=goal.target_year if goal is not None else None,
    )


def helper_overview(con: Connectable, *, viewer: Actor, code: int) -> HelperOverview:
    """The helper card of one municipality."""
    names = municipality_table(con).set_index("code")["name"]
    if code not in names.index:
        raise UnknownMunicipality(M_("Ukendt kommunekode: {code}", code=code))
    require_read(con, viewer=viewer, municipality_code=code)
    frame = _counts(con, codes=[code])
    latest = latest_households(con)
    households = float(latest.at[code, "households"]) if code in latest.index else None
    approximate = bool(latest.at[code, "approximate"]) if code in latest.index else False
    goal = find_goal(con, indicator=Indicator.HELPERS, code=code)
    return HelperOverview(
        code=code,
        name=str(names[code]),
        counts=frame,
        assessment=_assess(frame, households=households, goal=goal),
        households_approximate=approximate,
        target_unit=goal.target_unit if goal is not None else None,
        baseline_year=goal.baseline_year if goal is not None else None,
        target_year_is_default=bool(goal.target_year_is_default) if goal is not None else False,
        goal_note=goal.source_note if goal is not None else "",
        demo=bool(frame["is_demo"].any()),
    )


def district_table(con: Connectable, *, viewer: Actor, district: int | None) -> pd.DataFrame:
    """One row per municipality of the district (all when None): level, density, goal, status."""
    municipalities = municipality_table(con)
    municipalities = municipalities[municipalities["is_municipality"].astype(bool)]
    if district is not None:
        municipalities = municipalities[municipalities["police_district_number"] == district]
    codes = [int(c) for c in municipalities["code"]]
    counts = _counts(con, codes=codes)
    households = latest_households(con)["households"]
    goals = municipal_goals(con, indicator=Indicator.HELPERS)
    rows = []
    for m in municipalities.itertuples():
        own = counts[counts["code"] == m.code]
        result = _assess(
            own,
            households=households.get(int(m.code)),
            goal=goals.get(int(m.code)),
        )
        rows.append(
            {
                "code": int(m.code),
                "name": m.name,
                "police_district_number": int(m.police_district_number),
                "lat": m.lat,
                "lon": m.lon,
                "latest": result.latest,
                "as_of": result.as_of,
                "per_100_households": result.per_100_households,
                "baseline": result.baseline,
                "change_since_baseline": result.change_since_baseline,
                "target": result.target,
                "target_year": result.target_year,
                "progress": result.progress,
                "status": result.status.value if result.target is not None else None,
                "nabovenner": result.nabovenner,
                "nabovenner_needed": result.nabovenner_needed,
                "coverage": result.coverage,
                "demo": bool(own["is_demo"].any()),
            }
        )
    return readable(pd.DataFrame(rows), viewer=viewer)


def activities(con: Connectable, *, viewer: Actor, codes: list[int]) -> pd.DataFrame:
    """Recruitment activities of the municipalities, newest first."""
    require_read_all(con, viewer=viewer, codes=codes)
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(RecruitmentActivity.id),
            col(RecruitmentActivity.municipality_code).label("code"),
            col(Municipality.name),
            col(RecruitmentActivity.activity_date),
            col(RecruitmentActivity.kind),
            col(RecruitmentActivity.place),
            col(RecruitmentActivity.sign_ups),
            col(RecruitmentActivity.note),
            col(RecruitmentActivity.is_demo),
        )
        .join(Municipality, col(Municipality.code) == col(RecruitmentActivity.municipality_code))
        .where(col(RecruitmentActivity.municipality_code).in_(codes))
        .order_by(col(RecruitmentActivity.activity_date).desc(), col(RecruitmentActivity.id).desc())
    )
    return read_frame(con, statement)


def sign_ups_by_kind(
    con: Connectable, *, viewer: Actor, codes: list[int], today: date | None = None
) -> pd.DataFrame:
    """Per activity type: activities, sign-ups and sign-ups per activity (aggregated in SQL), of
    activities held by today: a planned one (a mobile police station proposed from a hotspot) has
    no sign-ups yet and would pull its kind's average down."""
    require_read_all(con, viewer=viewer, codes=codes)
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(RecruitmentActivity.kind),
            func.count().label("activities"),
            func.sum(RecruitmentActivity.sign_ups).label("sign_ups"),
        )
        .where(col(RecruitmentActivity.municipality_code).in_(codes))
        .where(col(RecruitmentActivity.activity_date) <= (today or date.today()))
        .group_by(col(RecruitmentActivity.kind))
    )
    frame = read_frame(con, statement)
    frame["sign_ups"] = frame["sign_ups"].fillna(0).astype(int)
    frame["per_activity"] = frame["sign_ups"] / frame["activities"]
    return frame.sort_values("per_activity", ascending=False, ignore_index=True)


def helper_sources(con: Connectable, *, viewer: Actor, codes: list[int]) -> pd.DataFrame:
    """The data sources behind the municipalities' counts (name, as_of, is_demo)."""
    require_read_all(con, viewer=viewer, codes=codes)
    statement: Select[*tuple[Any, ...]] = (
        select_columns(col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo))
        .join(HelperCount, col(HelperCount.source_id) == col(DataSource.id))
        .where(col(HelperCount.municipality_code).in_(codes))
        .distinct()
    )
    return read_frame(con, statement)


def _check_count(label: str, number: int) -> None:
    """A count from 0 to the plausible maximum (models.numbers), or a Danish refusal naming it."""
    try:
        check_count(number)
    except NumberRefused as refused:
        raise ValidationFailed(f"{label}: {refused}") from refused


def add_helper_count(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    count_date: date,
    helpers: int,
    nabovenner: int | None = None,
    source: str = "",
    today: date | None = None,
) -> None:
    """Record a count (replacing one of the same date); police of the district or admin."""
    for label, number in (("Nabohjælpere", helpers), ("Nabovenner", nabovenner)):
        if number is not None:
            _check_count(label, number)
    if count_date > (today or date.today()):
        raise ValidationFailed(M_("Datoen {day} ligger i fremtiden", day=count_date.isoformat()))
    now = datetime.now(UTC)
    with transaction(engine) as session:
        target, name = municipality_target(session, municipality_code)
        require(actor, Action.EDIT_HELPERS, target, where=name)
        existing = session.exec(
            select(HelperCount).where(
                col(HelperCount.municipality_code) == municipality_code,
                col(HelperCount.count_date) == count_date,
            )
        ).first()
        before = (
            None
            if existing is None
            else {"helpers": existing.helpers, "nabovenner": existing.nabovenner}
        )
        row = existing or HelperCount(
            municipality_code=municipality_code,
            count_date=count_date,
            helpers=helpers,
            changed_by=actor.username,
            changed_at=now,
        )
        row.helpers, row.nabovenner, row.source = helpers, nabovenner, source.strip()
        row.is_demo, row.changed_by, row.changed_at = False, actor.username, now
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="helpers.count",
            entity="helper_count",
            entity_key=f"{municipality_code}:{count_date.isoformat()}",
            summary=f"Nabohjælpere i {name} pr. {count_date.isoformat()}: {helpers}"
            + ("" if nabovenner is None else f" (nabovenner: {nabovenner})"),
            before=before,
            after={"helpers": helpers, "nabovenner": nabovenner},
            municipality_code=municipality_code,
            police_district_number=target.police_district_number,
        )


def add_activity(
    engine: Engine,
    *,
    actor: Actor,
    municipality_code: int,
    activity_date: date,
    kind: str,
    place: str,
    sign_ups: int,
    note: str = "",
) -> int:
    """Record a recruitment activity and its sign-ups; returns its id."""
    with transaction(engine) as session:
        return insert_activity(
            session,
            actor=actor,
            municipality_code=municipality_code,
            activity_date=activity_date,
            kind=kind,
            place=place,
            sign_ups=sign_ups,
            note=note,
        )


def insert_activity(
    session: Session,
    *,
    actor: Actor,
    municipality_code: int,
    activity_date: date,
    kind: str,
    place: str,
    sign_ups: int,
    note: str = "",
) -> int:
    """`add_activity` inside a transaction the caller holds (a hotspot's proposal writes the
    activity and its plan item together); returns its id."""
    if kind not in set(ActivityKind):
        raise ValidationFailed(
            M_(
                "Ukendt aktivitetstype «{kind}»: brug {kinds}",
                kind=kind,
                kinds=", ".join(k.value for k in ActivityKind),
            )
        )
    _check_count("Tilmeldte", sign_ups)
    if not place.strip():
        raise ValidationFailed(M_("Angiv stedet for aktiviteten"))
    now = datetime.now(UTC)
    target, name = municipality_target(session, municipality_code)
    require(actor, Action.EDIT_HELPERS, target, where=name)
    activity = RecruitmentActivity(
        municipality_code=municipality_code,
        activity_date=activity_date,
        kind=kind,
        place=place.strip(),
        sign_ups=sign_ups,
        note=note.strip(),
        changed_by=actor.username,
        changed_at=now,
    )
    session.add(activity)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="helpers.activity",
        entity="recruitment_activity",
        entity_key=str(activity.id),
        summary=f"Rekruttering ({kind}) i {name}, {place.strip()} {activity_date.isoformat()}: {sign_ups} tilmeldte",
        before=None,
        after={"kind": kind, "place": place.strip(), "sign_ups": sign_ups},
        municipality_code=municipality_code,
        police_district_number=target.police_district_number,
    )
    return activity.id or 0
