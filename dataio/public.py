"""The public view (pages/15_Offentlig.py, `botrygt publish`): what a partnership shows citizens.

A partnership chooses to publish: its project leader switches the view on or off and writes the
summary; the administrator may switch it off (and on). Nobody else may.

`public_view` reads ONLY public statistics, and only by the underlying public reads, never by a
read that takes `viewer=` (so there is no "public actor" with rights to stretch): the burglary
overview against the goal (`municipality_overview`: burglaries, goals, areas, households,
sources), the rate against similar municipalities (`rate_comparison`), the latest neighbour-helper
count with helpers per 100 households (the helper_count table: counts the police and Nabohjælp
publish), the latest published national share of the insecurity measure (TrygFonden's, the one the
10 % goal is judged against: `national_survey_year` and `survey_measure`, reference data) with its
95 % Wilson interval when its sample size is published, and the published summary. A
municipality's own survey rounds are left out: in this code base they are partnership data
(`dataio.store.surveys.survey_rounds` takes a viewer). Never the action plan, walks, incidents, users, the change log, meetings or mail: the
test tests/pages/test_offentlig.py records every SQL statement of the page and checks.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import select as select_columns
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import ValidationFailed
from dataio.store.access import municipality_target
from dataio.store.areas import latest_households
from dataio.store.burglaries import BurglaryOverview, municipality_overview
from dataio.store.comparison import RateComparison, rate_comparison
from dataio.store.surveys import INSECURITY, measure, national_series
from models.domain import Quality
from models.i18n import M_, N_
from models.permissions import Action, Actor, require
from models.proportions import wilson_interval
from models.safe_text import for_markdown
from models.tables import HelperCount, Partnership

MAX_SUMMARY = 2000
NOT_PUBLISHED = N_("Kommunen har ikke en offentlig visning")


@dataclass(frozen=True)
class Publication:
    """Whether a partnership publishes, and its summary as written (for the form)."""

    code: int
    published: bool
    summary: str
    published_at: datetime | None
    published_by: str | None


@dataclass(frozen=True)
class PublicHelpers:
    """The latest neighbour-helper count: the number and per 100 households."""

    count_date: date
    helpers: int
    per_100_households: float | None
    demo: bool


@dataclass(frozen=True)
class PublicSurvey:
    """The latest published national share of the insecurity measure, with its 95 % Wilson
    interval when the sample size is published (low, high and respondents None otherwise)."""

    measure_label: str
    owner: str
    year: int
    share: float
    low: float | None
    high: float | None
    respondents: int | None
    quality: str  # models.domain.Quality
    demo: bool


@dataclass(frozen=True)
class PublicView:
    """Everything the public page shows, nothing else."""

    code: int
    name: str
    burglaries: BurglaryOverview
    rate: RateComparison | None
    helpers: PublicHelpers | None
    survey: PublicSurvey | None
    summary_markdown: str  # the published summary, escaped for markdown (shown literally)
    demo: bool


def publication(con: Connectable, *, code: int) -> Publication | None:
    """The partnership's publishing state; None when the municipality is no partnership."""
    if isinstance(con, Session):
        row = con.get(Partnership, code)
    else:
        with Session(con) as session:
            row = session.get(Partnership, code)
    if row is None:
        return None
    return Publication(
        code=code,
        published=bool(row.published),
        summary=row.published_summary or "",
        published_at=row.published_at,
        published_by=row.published_by,
    )


def set_published(
    engine: Engine, *, actor: Actor, code: int, on: bool, summary: str | None = None
) -> None:
    """Switch the public view on or off, and (with `summary`) change its text; audited.

    The project leader of the municipality and the administrator may; others are refused. A
    municipality without a partnership cannot publish."""
    if summary is not None:
        summary = summary.strip()
        if len(summary) > MAX_SUMMARY:
            raise ValidationFailed(
                M_(
                    "Teksten til den offentlige visning er {length} tegn; højst {limit} tegn er "
                    "tilladt.",
                    length=len(summary),
                    limit=MAX_SUMMARY,
                )
            )
    with transaction(engine) as session:
        target, name = municipality_target(session, code)
        require(actor, Action.PUBLISH_PUBLIC_VIEW, target, where=name)
        row = session.get(Partnership, code)
        if row is None:
            raise ValidationFailed(
                M_(
                    "{name} er ikke en partnerskabskommune og kan ikke have en offentlig visning.",
                    name=name,
                )
            )
        before = {"published": bool(row.published), "published_summary": row.published_summary}
        new_summary = row.published_summary if summary is None else summary
        if before == {"published": on, "published_summary": new_summary}:
            return  # nothing to change: no audit row
        row.published = on
        row.published_summary = new_summary
        if on:
            row.published_at = datetime.now(UTC)
            row.published_by = actor.username
        session.add(row)
        if before["published"] != on:
            text = f"Offentlig visning slået {'til' if on else 'fra'} for {name}"
        else:
            text = f"Teksten til den offentlige visning for {name} ændret"
        audit.record(
            session,
            actor=actor,
            action="partnership.publish",
            entity="partnership",
            entity_key=str(code),
            summary=text,
            before=before,
            after={"published": on, "published_summary": new_summary},
            municipality_code=code,
            police_district_number=target.police_district_number,
        )


def _latest_helpers(con: Connectable, *, code: int) -> PublicHelpers | None:
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(HelperCount.count_date), col(HelperCount.helpers), col(HelperCount.is_demo)
        )
        .where(col(HelperCount.municipality_code) == code)
        .order_by(col(HelperCount.count_date).desc())
        .limit(1)
    )
    frame = read_frame(con, statement)
    if frame.empty:
        return None
    row = frame.iloc[0]
    households = latest_households(con)
    helpers = int(row["helpers"])
    per_100 = (
        100.0 * helpers / float(households.at[code, "households"])
        if code in households.index and float(households.at[code, "households"]) > 0
        else None
    )
    count_date = row["count_date"]
    return PublicHelpers(
        count_date=count_date
        if isinstance(count_date, date)
        else date.fromisoformat(str(count_date)[:10]),
        helpers=helpers,
        per_100_households=per_100,
        demo=bool(row["is_demo"]),
    )


def latest_national_survey(con: Connectable) -> PublicSurvey | None:
    """The insecurity measure's latest national share (public reference data, no viewer)."""
    national = national_series(con, measure_code=INSECURITY)
    if national.empty:
        return None
    row = national.iloc[-1]
    share = float(row["share"])
    raw = row["respondents"]
    respondents = None if raw is None or raw != raw or int(raw) <= 0 else int(raw)
    low = high = None
    if respondents is not None:
        low, high = wilson_interval(round(share * respondents), respondents)
    about = measure(con, INSECURITY)
    return PublicSurvey(
        measure_label=about.label,
        owner=about.owner,
        year=int(row["year"]),
        share=share,
        low=low,
        high=high,
        respondents=respondents,
        quality=str(row["quality"]),
        demo=str(row["quality"]) == Quality.DEMO,
    )


def public_view(con: Connectable, *, code: int) -> PublicView | None:
    """The public page of a municipality; None when it does not publish (or is unknown)."""
    state = publication(con, code=code)
    if state is None or not state.published:
        return None
    burglaries = municipality_overview(con, code=code)
    year = burglaries.assessment.latest_year
    rate = None if year is None else rate_comparison(con, code=code, year=year)
    helpers = _latest_helpers(con, code=code)
    survey = latest_national_survey(con)
    return PublicView(
        code=code,
        name=burglaries.name,
        burglaries=burglaries,
        rate=rate,
        helpers=helpers,
        survey=survey,
        summary_markdown=for_markdown(state.summary) if state.summary else "",
        demo=burglaries.demo
        or (helpers is not None and helpers.demo)
        or (survey is not None and survey.demo),
    )
