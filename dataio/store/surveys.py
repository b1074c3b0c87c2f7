"""Survey rounds (insecurity, home protection) with their intervals, and the insecurity status."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import and_, case, func
from sqlalchemy import select as select_columns
from sqlalchemy.sql import Select
from sqlmodel import col

from dataio.db.frames import Connectable, read_frame
from dataio.errors import UnknownMunicipality
from dataio.store.access import require_read, require_read_all
from dataio.store.areas import municipality_table
from dataio.store.goals import find_goal
from models.i18n import M_, N_
from models.insecurity import InsecurityAssessment, InsecurityGoal, RoundShare, assess_insecurity
from models.permissions import Actor
from models.proportions import SMALL_SAMPLE, wilson_interval
from models.tables import (
    DataSource,
    NationalSurveyYear,
    SurveyAnswer,
    SurveyCategory,
    SurveyMeasure,
    SurveyRound,
)

INSECURITY = "utryg_indbrud"
PROTECTION = "sikring"
# The shipped measures' words (dataio/seed/reference/survey_measures.csv), marked so that a page
# can show them in the reader's language (`translate(lang, measure.label)`); stored as Danish.
MEASURE_WORDS = (
    N_("Utryghed ved indbrud"),
    N_("Hvor tryg eller utryg er du ved risikoen for indbrud i dit hjem?"),
    N_("TrygFonden / Det Kriminalpræventive Råd (kommunernes e-Boks-måling)"),
    N_("utrygge ved risikoen for indbrud"),
    N_("Sikring af hjemmet"),
    N_("Hvor godt vurderer du at dit hjem er sikret mod indbrud?"),
    N_("Det Kriminalpræventive Råd (kommunernes e-Boks-måling)"),
    N_("med et godt sikret hjem"),
    N_("Utryghed i eget nabolag"),
    N_("Føler du dig utryg i dit eget nabolag?"),
    N_("Justitsministeriet (Tryghedsundersøgelsen)"),
    N_("utrygge i eget nabolag"),
)
NO_VALID_GOAL = N_("Intet gyldigt mål for utryghed.")
# the shipped national goal's note (dataio/seed/reference.py), shown on the Tryghed page
NATIONAL_GOAL_NOTE = N_(
    "Bo trygt: kun 10 % af danskerne utrygge ved risikoen for indbrud "
    "(TrygFondens tryghedsmåling, ca. 25 % i 2008-2017). Målår ikke fastsat; 2030 er en standard."
)


@dataclass(frozen=True)
class Measure:
    """A survey measure as the pages describe it."""

    code: str
    label: str
    question: str
    owner: str
    share_label: str
    goal_indicator: str | None


@dataclass(frozen=True)
class InsecurityOverview:
    """One municipality's insecurity and protection rounds, national series, goal and status."""

    code: int
    name: str
    measure: Measure
    rounds: pd.DataFrame  # year, respondents, in_share, share, low, high, small_sample, is_demo
    protection: pd.DataFrame  # the same for the home-protection measure
    national: pd.DataFrame  # year, share, quality, note
    assessment: InsecurityAssessment
    goal_note: str
    demo: bool
    sources: pd.DataFrame


def measure(con: Connectable, code: str) -> Measure:
    """A measure's definition, as stored with the data."""
    frame = read_frame(con, select_columns(SurveyMeasure).where(col(SurveyMeasure.code) == code))
    if frame.empty:
        raise KeyError(code)
    row = frame.iloc[0]
    indicator = row["goal_indicator"]
    return Measure(
        code=code,
        label=str(row["label"]),
        question=str(row["question"]),
        owner=str(row["owner"]),
        share_label=str(row["share_label"]),
        goal_indicator=str(indicator) if isinstance(indicator, str) else None,
    )


def survey_rounds(
    con: Connectable, *, viewer: Actor, codes: list[int], measure_code: str
) -> pd.DataFrame:
    """Rounds of a measure with the answers in its share summed in SQL, and Wilson intervals."""
    require_read_all(con, viewer=viewer, codes=codes)
    in_share = func.sum(case((col(SurveyCategory.in_share), col(SurveyAnswer.count)), else_=0))
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(SurveyRound.municipality_code).label("code"),
            col(SurveyRound.year),
            col(SurveyRound.respondents),
            func.coalesce(in_share, 0).label("in_share"),
            col(SurveyRound.is_demo),
        )
        .join(SurveyAnswer, col(SurveyAnswer.round_id) == col(SurveyRound.id))
        .join(
            SurveyCategory,
            and_(
                col(SurveyCategory.measure_code) == col(SurveyRound.measure_code),
                col(SurveyCategory.code) == col(SurveyAnswer.category),
            ),
        )
        .where(
            col(SurveyRound.municipality_code).in_(codes),
            col(SurveyRound.measure_code) == measure_code,
        )
        .group_by(
            col(SurveyRound.municipality_code),
            col(SurveyRound.year),
            col(SurveyRound.respondents),
            col(SurveyRound.is_demo),
        )
        .order_by(col(SurveyRound.municipality_code), col(SurveyRound.year))
    )
    frame = read_frame(con, statement)
    frame["in_share"] = frame["in_share"].astype(int)
    frame = frame[frame["respondents"] > 0].reset_index(drop=True)
    intervals = [
        wilson_interval(int(x), int(n))
        for x, n in zip(frame["in_share"], frame["respondents"], strict=True)
    ]
    frame["share"] = frame["in_share"] / frame["respondents"]
    frame["low"] = [low for low, _ in intervals]
    frame["high"] = [high for _, high in intervals]
    frame["small_sample"] = frame["respondents"] < SMALL_SAMPLE
    return frame


def national_series(con: Connectable, *, measure_code: str) -> pd.DataFrame:
    """The national shares of a measure with their quality."""
    statement: Select[*tuple[Any, ...]] = (
        select_columns(
            col(NationalSurveyYear.year),
            col(NationalSurveyYear.share),
            col(NationalSurveyYear.respondents),
            col(NationalSurveyYear.quality),
            col(NationalSurveyYear.note),
        )
        .where(col(NationalSurveyYear.measure_code) == measure_code)
        .order_by(col(NationalSurveyYear.year))
    )
    return read_frame(con, statement)


def _goal(
    con: Connectable, *, measure_: Measure, code: int, rounds: pd.DataFrame
) -> tuple[InsecurityGoal | None, str]:
    """The goal this measure is judged against: the municipality's own, else the national one."""
    if measure_.goal_indicator is None:
        return None, f"«{measure_.label}» har intet mål: det sammenlignes ikke med 10 %-målet."
    goal = find_goal(con, indicator=measure_.goal_indicator, code=code) or find_goal(
        con, indicator=measure_.goal_indicator, code=None
    )
    if goal is None or goal.target is None or goal.target_year <= goal.baseline_year:
        return None, NO_VALID_GOAL
    baseline = goal.baseline
    if baseline is None:
        before = rounds[rounds["year"] <= goal.baseline_year]
        chosen = before.tail(1) if len(before) else rounds.head(1)
        if chosen.empty:
            return None, goal.source_note
        baseline = float(chosen["share"].iloc[0])
    return (
        InsecurityGoal(
            baseline=float(baseline),
            baseline_year=goal.baseline_year,
            target=float(goal.target),
            target_year=goal.target_year,
        ),
        goal.source_note,
    )


def insecurity_overview(con: Connectable, *, viewer: Actor, code: int) -> InsecurityOverview:
    """The Tryghed page and `botrygt status` for one municipality."""
    names = municipality_table(con).set_index("code")["name"]
    if code not in names.index:
        raise UnknownMunicipality(M_("Ukendt kommunekode: {code}", code=code))
    measure_ = measure(con, INSECURITY)
    require_read(con, viewer=viewer, municipality_code=code)
    rounds = survey_rounds(con, viewer=viewer, codes=[code], measure_code=INSECURITY)
    goal, note = _goal(con, measure_=measure_, code=code, rounds=rounds)
    assessment = assess_insecurity(
        [RoundShare(int(r.year), int(r.in_share), int(r.respondents)) for r in rounds.itertuples()],
        goal=goal,
    )
    sources = read_frame(
        con,
        select_columns(col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo))
        .join(SurveyRound, col(SurveyRound.source_id) == col(DataSource.id))
        .where(col(SurveyRound.municipality_code) == code)
        .distinct(),
    )
    return InsecurityOverview(
        code=code,
        name=str(names[code]),
        measure=measure_,
        rounds=rounds,
        protection=survey_rounds(con, viewer=viewer, codes=[code], measure_code=PROTECTION),
        national=national_series(con, measure_code=INSECURITY),
        assessment=assessment,
        goal_note=note,
        demo=bool(rounds["is_demo"].any()),
        sources=sources,
    )
