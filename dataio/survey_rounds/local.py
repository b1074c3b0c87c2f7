"""Local extra questions: a municipality's own survey measures and their counts per round.

The project leader adds a question with its answer categories and which of them count in its
share, and enters a round's counts per category; each round's share comes with its 95 % Wilson
interval (models.survey_schedule.local_share). A local question has no goal: it is never compared
with a national one. The national measures (dataio.store.surveys) are untouched.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy import select as select_columns
from sqlmodel import col, select

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.db.frames import Connectable, read_frame
from dataio.errors import NotFound, ValidationFailed
from dataio.store.access import municipality_target, require_read
from models.formatting import fmt_int
from models.i18n import M_
from models.permissions import Action, Actor, require
from models.survey_schedule import local_measure_problem_message, local_share
from models.tables import LocalSurveyAnswer, LocalSurveyCategory, LocalSurveyMeasure


@dataclass(frozen=True)
class LocalCategory:
    """One answer category of a local question."""

    position: int
    label: str
    in_share: bool


@dataclass(frozen=True)
class LocalMeasure:
    """A local question with its categories and its rounds' shares."""

    id: int
    code: str
    question: str
    created_by: str
    categories: tuple[LocalCategory, ...]
    # year, respondents, in_share, share, low, high, small_sample; one row per round
    rounds: pd.DataFrame

    @property
    def share_label(self) -> str:
        """The categories the share counts, in words: 'Nej' or 'Nej og Ved ikke'."""
        labels = [c.label for c in self.categories if c.in_share]
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " og " + labels[-1]


def _slug(question: str) -> str:
    """A short code from the question's words (ascii, lower case)."""
    plain = unicodedata.normalize("NFKD", question.lower().replace("ø", "oe").replace("æ", "ae"))
    plain = plain.replace("å", "aa").encode("ascii", "ignore").decode()
    return (re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "spoergsmaal")[:24]


def local_measures(con: Connectable, *, viewer: Actor, code: int) -> list[LocalMeasure]:
    """The municipality's local questions, oldest first, each with its rounds' shares."""
    require_read(con, viewer=viewer, municipality_code=code)
    measures = read_frame(
        con,
        select_columns(
            col(LocalSurveyMeasure.id),
            col(LocalSurveyMeasure.code),
            col(LocalSurveyMeasure.question),
            col(LocalSurveyMeasure.created_by),
        )
        .where(col(LocalSurveyMeasure.municipality_code) == code)
        .order_by(col(LocalSurveyMeasure.id)),
    )
    if measures.empty:
        return []
    ids = [int(i) for i in measures["id"]]
    categories = read_frame(
        con,
        select_columns(
            col(LocalSurveyCategory.measure_id),
            col(LocalSurveyCategory.position),
            col(LocalSurveyCategory.label),
            col(LocalSurveyCategory.in_share),
        )
        .where(col(LocalSurveyCategory.measure_id).in_(ids))
        .order_by(col(LocalSurveyCategory.measure_id), col(LocalSurveyCategory.position)),
    )
    answers = read_frame(
        con,
        select_columns(
            col(LocalSurveyAnswer.measure_id),
            col(LocalSurveyAnswer.year),
            col(LocalSurveyAnswer.position),
            col(LocalSurveyAnswer.count),
        )
        .where(col(LocalSurveyAnswer.measure_id).in_(ids))
        .order_by(col(LocalSurveyAnswer.year), col(LocalSurveyAnswer.position)),
    )
    found = []
    for row in measures.itertuples():
        own = categories[categories["measure_id"] == row.id]
        cats = tuple(
            LocalCategory(int(c.position), str(c.label), bool(c.in_share)) for c in own.itertuples()
        )
        found.append(
            LocalMeasure(
                id=int(row.id),
                code=str(row.code),
                question=str(row.question),
                created_by=str(row.created_by),
                categories=cats,
                rounds=_rounds(answers[answers["measure_id"] == row.id], cats),
            )
        )
    return found


def _rounds(answers: pd.DataFrame, categories: Sequence[LocalCategory]) -> pd.DataFrame:
    """One row per year with the share and its Wilson interval."""
    counted = {c.position: c.in_share for c in categories}
    rows = []
    for year, group in answers.groupby("year", sort=True):
        counts = [int(c) for c in group["count"]]
        if sum(counts) <= 0:
            continue
        estimate = local_share(counts, [counted.get(int(p), False) for p in group["position"]])
        rows.append(
            {
                "year": int(str(year)),
                "respondents": estimate.n,
                "in_share": estimate.successes,
                "share": estimate.share,
                "low": estimate.low,
                "high": estimate.high,
                "small_sample": estimate.small_sample,
            }
        )
    columns = ["year", "respondents", "in_share", "share", "low", "high", "small_sample"]
    return pd.DataFrame(rows, columns=columns)


def add_local_measure(
    engine: Engine,
    *,
    actor: Actor,
    code: int,
    question: str,
    categories: Sequence[str],
    in_share: Sequence[str],
) -> int:
    """Add a local question with its categories (in order); returns its id."""
    labels = [c.strip() for c in categories if c.strip()]
    chosen = [c.strip() for c in in_share]
    with transaction(engine) as session:
        target, name = municipality_target(session, code)
        require(actor, Action.EDIT_SURVEYS, target, where=name)
        problem = local_measure_problem_message(question, labels, chosen)
        if problem is not None:
            raise ValidationFailed(problem)
        slug = base = _slug(question)
        taken = set(
            session.exec(
                select(LocalSurveyMeasure.code).where(LocalSurveyMeasure.municipality_code == code)
            ).all()
        )
        number = 2
        while slug in taken:
            slug, number = f"{base}_{number}", number + 1
        measure = LocalSurveyMeasure(
            municipality_code=code,
            code=slug,
            question=question.strip(),
            created_by=actor.username,
            created_at=datetime.now(UTC),
        )
        session.add(measure)
        session.flush()
        for position, label in enumerate(labels):
            session.add(
                LocalSurveyCategory(
                    measure_id=measure.id or 0,
                    position=position,
                    label=label,
                    in_share=label in chosen,
                )
            )
        audit.record(
            session,
            actor=actor,
            action="local_measure.create",
            entity="local_survey_measure",
            entity_key=str(measure.id),
            summary=f"Lokalt spørgsmål «{measure.question}» tilføjet",
            before=None,
            after={
                "question": measure.question,
                "categories": ", ".join(labels),
                "in_share": ", ".join(c for c in labels if c in chosen),
            },
            municipality_code=code,
            police_district_number=target.police_district_number,
        )
        return measure.id or 0


def record_local_counts(
    engine: Engine,
    *,
    actor: Actor,
    measure_id: int,
    year: int,
    counts: Mapping[str, int],
) -> None:
    """Enter (or replace) a round's counts per category of a local question."""
    if not 2000 <= year <= 2100:
        raise ValidationFailed(M_("Året skal ligge mellem 2000 og 2100 (fik {year})", year=year))
    with transaction(engine) as session:
        measure = session.get(LocalSurveyMeasure, measure_id)
        if measure is None:
            raise NotFound(M_("Ukendt lokalt spørgsmål: {id}", id=measure_id))
        target, name = municipality_target(session, measure.municipality_code)
        require(actor, Action.EDIT_SURVEYS, target, where=name)
        categories = session.exec(
            select(LocalSurveyCategory)
            .where(LocalSurveyCategory.measure_id == measure_id)
            .order_by(col(LocalSurveyCategory.position))
        ).all()
        unknown = set(counts) - {c.label for c in categories}
        if unknown:
            raise ValidationFailed(
                M_("Ukendt svarkategori: {categories}", categories=", ".join(sorted(unknown)))
            )
        values = {c.label: int(counts.get(c.label, 0)) for c in categories}
        if any(v < 0 for v in values.values()):
            raise ValidationFailed(M_("Et antal svar kan ikke være negativt"))
        if sum(values.values()) == 0:
            raise ValidationFailed(M_("Angiv mindst ét svar"))
        old = session.exec(
            select(LocalSurveyAnswer).where(
                LocalSurveyAnswer.measure_id == measure_id, LocalSurveyAnswer.year == year
            )
        ).all()
        labels = {c.position: c.label for c in categories}
        before = {labels.get(a.position, str(a.position)): a.count for a in old}
        for answer in old:
            session.delete(answer)
        session.flush()
        now = datetime.now(UTC)
        for category in categories:
            session.add(
                LocalSurveyAnswer(
                    measure_id=measure_id,
                    year=year,
                    position=category.position,
                    count=values[category.label],
                    changed_by=actor.username,
                    changed_at=now,
                )
            )
        audit.record(
            session,
            actor=actor,
            action="local_measure.counts",
            entity="local_survey_measure",
            entity_key=str(measure_id),
            summary=f"Svar på «{measure.question}» i {year} registreret",
            before={"year": year, "answers": _answers_text(before)} if before else None,
            after={"year": year, "answers": _answers_text(values)},
            municipality_code=measure.municipality_code,
            police_district_number=target.police_district_number,
        )


def _answers_text(values: Mapping[str, int]) -> str:
    return ", ".join(f"{label}: {fmt_int(count)}" for label, count in values.items())
