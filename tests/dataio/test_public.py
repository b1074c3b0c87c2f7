"""The public view's store (dataio.public): who may publish, the audit row, what it shows."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.errors import PermissionDenied, ValidationFailed
from dataio.public import latest_national_survey, public_view, publication, set_published
from dataio.store.areas import NOT_A_PARTNERSHIP, set_partnership_start
from models.permissions import Actor, Role
from models.proportions import wilson_interval
from models.tables import AuditEntry, NationalSurveyYear, Partnership

ISHOJ = 183
ADMIN = Actor("admin", Role.ADMIN)
LEADER = Actor("pl-ishoj", Role.PROJECT_LEADER, municipality_code=ISHOJ)
COUNCIL = Actor("byraad-ishoj", Role.COUNCIL, municipality_code=ISHOJ)
POLICE = Actor("politi-kv", Role.POLICE, police_district_number=10)
OTHER_LEADER = Actor("pl-hoersholm", Role.PROJECT_LEADER, municipality_code=223)


@pytest.fixture
def engine(seeded_engine: Engine) -> Engine:
    """The seeded database with Ishøj made a partnership (the reference list has not got it)."""
    set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        start=date(2025, 1, 1),
        seen=NOT_A_PARTNERSHIP,
        today=date(2026, 12, 2),
    )
    return seeded_engine


def _rows(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.exec(
                select(AuditEntry).where(col(AuditEntry.action) == "partnership.publish")
            ).all()
        )


def test_not_published_shows_nothing(engine: Engine) -> None:
    assert public_view(engine, code=ISHOJ) is None
    assert public_view(engine, code=999) is None  # unknown: the same answer


def test_the_project_leader_switches_it_on_and_the_admin_off(engine: Engine) -> None:
    set_published(engine, actor=LEADER, code=ISHOJ, on=True, summary="Vi går sammen.")
    view = public_view(engine, code=ISHOJ)
    assert view is not None and view.name == "Ishøj" and view.summary_markdown == "Vi går sammen."
    assert view.burglaries.code == ISHOJ  # no burglaries imported here: no year to compare
    assert view.rate is None and view.helpers is None and not view.demo
    state = publication(engine, code=ISHOJ)
    assert state is not None and state.published and state.published_by == "pl-ishoj"
    set_published(engine, actor=ADMIN, code=ISHOJ, on=False)
    assert public_view(engine, code=ISHOJ) is None
    state = publication(engine, code=ISHOJ)
    assert state is not None and state.summary == "Vi går sammen."  # kept for the next time
    rows = _rows(engine)
    assert [(r.username, r.summary) for r in rows] == [
        ("pl-ishoj", "Offentlig visning slået til for Ishøj"),
        ("admin", "Offentlig visning slået fra for Ishøj"),
    ]
    assert rows[0].municipality_code == ISHOJ and rows[0].police_district_number == 10


def test_unchanged_writes_no_audit_row(engine: Engine) -> None:
    set_published(engine, actor=LEADER, code=ISHOJ, on=False)
    assert _rows(engine) == []


@pytest.mark.parametrize("actor", [COUNCIL, POLICE, OTHER_LEADER], ids=lambda a: a.username)
def test_others_are_refused(engine: Engine, actor: Actor) -> None:
    with pytest.raises(PermissionDenied, match="må ikke slå kommunens offentlige visning til"):
        set_published(engine, actor=actor, code=ISHOJ, on=True)
    assert _rows(engine) == [] and public_view(engine, code=ISHOJ) is None


def test_no_partnership_cannot_publish(engine: Engine) -> None:
    with Session(engine) as session:
        partners = set(session.exec(select(col(Partnership.municipality_code))).all())
    assert 101 not in partners  # København
    with pytest.raises(ValidationFailed, match="ikke en partnerskabskommune"):
        set_published(engine, actor=ADMIN, code=101, on=True)
    assert _rows(engine) == []


def test_the_summary_is_escaped_and_limited(engine: Engine) -> None:
    raw = "**Fed** [link](javascript:alert(1)) <b>x</b>"
    set_published(engine, actor=LEADER, code=ISHOJ, on=True, summary=raw)
    view = public_view(engine, code=ISHOJ)
    assert view is not None
    assert view.summary_markdown.startswith("\\*\\*Fed\\*\\*")
    assert "\\[link\\]" in view.summary_markdown
    with pytest.raises(ValidationFailed, match="højst 2000 tegn"):
        set_published(engine, actor=LEADER, code=ISHOJ, on=True, summary="x" * 2001)
    state = publication(engine, code=ISHOJ)
    assert state is not None and state.summary == raw  # nothing half-written


def test_the_national_insecurity_share_is_shown_with_its_interval_when_its_size_is_known(
    engine: Engine,
) -> None:
    survey = latest_national_survey(engine)
    assert survey is not None  # the reference data: 2020, quoted without its sample size
    assert (survey.year, survey.share, survey.quality) == (2020, 0.20, "approximate")
    assert survey.low is None and survey.high is None and survey.respondents is None
    assert not survey.demo
    with Session(engine) as session:
        source = session.exec(select(NationalSurveyYear)).first()
        assert source is not None
        session.add(
            NationalSurveyYear(
                measure_code="utryg_indbrud",
                year=2026,
                share=0.15,
                respondents=2000,
                quality="official",
                source_id=source.source_id,
            )
        )
        session.commit()
    survey = latest_national_survey(engine)
    assert survey is not None and (survey.year, survey.respondents) == (2026, 2000)
    assert (survey.low, survey.high) == pytest.approx(wilson_interval(300, 2000))
    set_published(engine, actor=LEADER, code=ISHOJ, on=True)
    view = public_view(engine, code=ISHOJ)
    assert view is not None and view.survey == survey
