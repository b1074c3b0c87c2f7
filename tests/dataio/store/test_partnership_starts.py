"""The administrator sets, changes and clears a partnership's start date, or makes a municipality
a partnership: validated, audited, refused for everyone else and when someone else saved first;
the effect estimate follows the stored date. On SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dataio.db.engine import data_version
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.store.areas import (
    NOT_A_PARTNERSHIP,
    PartnershipConflict,
    partnership_table,
    set_partnership_start,
)
from dataio.store.comparison import partnership_effect
from models.tables import AuditEntry
from tests.dataio.store.test_effect import EFFECT, FURESO, GENTOFTE, write_world
from tests.factories import ADMIN, COLLEAGUE, COUNCIL, LEADER, POLICE

TODAY = date(2026, 12, 7)
ISHOJ = 183


def since(engine: Engine, code: int) -> str | None:
    table = partnership_table(engine).set_index("code")
    if code not in table.index:
        return None
    value = table.at[code, "partner_since"]
    return value if isinstance(value, str) else None


def audit_rows(engine: Engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.exec(select(AuditEntry).where(AuditEntry.entity == "partnership")).all()
        )


def test_the_admin_sets_a_missing_start_and_it_is_audited(seeded_engine: Engine) -> None:
    before = data_version(seeded_engine)
    saved = set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=GENTOFTE,
        start=date(2020, 5, 1),
        seen=None,
        today=TODAY,
    )
    assert saved.changed and saved.partner_since == "2020-05-01"
    assert since(seeded_engine, GENTOFTE) == "2020-05-01"
    assert data_version(seeded_engine) > before  # the pages' caches notice
    (row,) = audit_rows(seeded_engine)
    assert (row.action, row.entity_key, row.username) == ("partnership.start", "157", "admin")
    assert "fra ingen startdato til 2020-05-01" in row.summary
    assert row.municipality_code == GENTOFTE


def test_change_and_clear(seeded_engine: Engine) -> None:
    set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=FURESO,
        start=date(2019, 1, 15),
        seen="2018",
        today=TODAY,
    )
    assert since(seeded_engine, FURESO) == "2019-01-15"
    cleared = set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=FURESO,
        start=None,
        seen="2019-01-15",
        today=TODAY,
    )
    assert cleared.changed and since(seeded_engine, FURESO) is None
    assert FURESO in set(partnership_table(seeded_engine)["code"])  # still a partnership
    assert len(audit_rows(seeded_engine)) == 2


def test_a_save_that_changes_nothing_writes_nothing(seeded_engine: Engine) -> None:
    before = data_version(seeded_engine)
    saved = set_partnership_start(
        seeded_engine, actor=ADMIN, municipality_code=GENTOFTE, start=None, seen=None, today=TODAY
    )
    assert not saved.changed and not audit_rows(seeded_engine)
    assert data_version(seeded_engine) == before


def test_a_new_partnership(seeded_engine: Engine) -> None:
    saved = set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        start=date(2025, 2, 1),
        seen=NOT_A_PARTNERSHIP,
        today=TODAY,
    )
    assert saved.changed and since(seeded_engine, ISHOJ) == "2025-02-01"
    (row,) = audit_rows(seeded_engine)
    assert row.action == "partnership.create" and row.before is None
    with pytest.raises(ValidationFailed, match="Angiv en startdato"):
        set_partnership_start(
            seeded_engine,
            actor=ADMIN,
            municipality_code=101,
            start=None,
            seen=NOT_A_PARTNERSHIP,
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (date(2026, 12, 8), "ligger i fremtiden; den må højst være i dag \\(7. dec. 2026\\)"),
        (date(2006, 12, 31), "er før 1. jan. 2007"),
    ],
)
def test_dates_out_of_range_are_refused(seeded_engine: Engine, start: date, message: str) -> None:
    with pytest.raises(ValidationFailed, match=message):
        set_partnership_start(
            seeded_engine,
            actor=ADMIN,
            municipality_code=GENTOFTE,
            start=start,
            seen=None,
            today=TODAY,
        )
    assert since(seeded_engine, GENTOFTE) is None and not audit_rows(seeded_engine)


def test_bounds_themselves_are_allowed(seeded_engine: Engine) -> None:
    for start, seen in ((date(2007, 1, 1), None), (TODAY, "2007-01-01")):
        set_partnership_start(
            seeded_engine,
            actor=ADMIN,
            municipality_code=GENTOFTE,
            start=start,
            seen=seen,
            today=TODAY,
        )
    assert since(seeded_engine, GENTOFTE) == "2026-12-07"


@pytest.mark.parametrize("actor", [LEADER, POLICE, COUNCIL])
def test_only_the_administrator(seeded_engine: Engine, actor: object) -> None:
    with pytest.raises(PermissionDenied, match="ændre partnerskabernes startdatoer"):
        set_partnership_start(
            seeded_engine,
            actor=actor,  # type: ignore[arg-type]
            municipality_code=ISHOJ,
            start=date(2025, 1, 1),
            seen=NOT_A_PARTNERSHIP,
            today=TODAY,
        )
    assert since(seeded_engine, ISHOJ) is None


def test_an_unknown_or_non_municipality_is_refused(seeded_engine: Engine) -> None:
    for code in (999, 411):  # unknown; Christiansø is not a municipality
        with pytest.raises(NotFound):
            set_partnership_start(
                seeded_engine,
                actor=ADMIN,
                municipality_code=code,
                start=date(2025, 1, 1),
                seen=NOT_A_PARTNERSHIP,
                today=TODAY,
            )


def test_a_lost_update_is_refused(seeded_engine: Engine) -> None:
    set_partnership_start(
        seeded_engine,
        actor=COLLEAGUE,
        municipality_code=GENTOFTE,
        start=date(2020, 1, 1),
        seen=None,
        today=TODAY,
    )
    with pytest.raises(PartnershipConflict, match="den er nu 2020-01-01 \\(du ville gemme 2021"):
        set_partnership_start(  # loaded before the colleague saved
            seeded_engine,
            actor=ADMIN,
            municipality_code=GENTOFTE,
            start=date(2021, 6, 1),
            seen=None,
            today=TODAY,
        )
    assert since(seeded_engine, GENTOFTE) == "2020-01-01"
    assert len(audit_rows(seeded_engine)) == 1
    set_partnership_start(  # a municipality a colleague just made a partnership
        seeded_engine,
        actor=COLLEAGUE,
        municipality_code=ISHOJ,
        start=date(2024, 1, 1),
        seen=NOT_A_PARTNERSHIP,
        today=TODAY,
    )
    with pytest.raises(PartnershipConflict):
        set_partnership_start(
            seeded_engine,
            actor=ADMIN,
            municipality_code=ISHOJ,
            start=date(2024, 4, 1),
            seen=NOT_A_PARTNERSHIP,
            today=TODAY,
        )


def test_the_effect_uses_the_edited_start(seeded_engine: Engine) -> None:
    write_world(seeded_engine)  # Furesø has 30 % fewer from 2018K1
    set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=FURESO,
        start=date(2018, 1, 1),
        seen="2018",
        today=TODAY,
    )
    effect = partnership_effect(seeded_engine, code=FURESO)
    assert effect is not None and effect.result is not None
    assert effect.partner_since == "2018-01-01" and effect.result.start_period == "2018K1"
    assert effect.result.estimate == pytest.approx(EFFECT, abs=0.05)
    set_partnership_start(  # a start two years later: a later comparison, not the same one
        seeded_engine,
        actor=ADMIN,
        municipality_code=FURESO,
        start=date(2020, 1, 1),
        seen="2018-01-01",
        today=TODAY,
    )
    later = partnership_effect(seeded_engine, code=FURESO)
    assert later is not None and later.result is not None
    assert (later.result.start_period, later.result.pre_quarters) == ("2020K1", 24)
    set_partnership_start(
        seeded_engine,
        actor=ADMIN,
        municipality_code=FURESO,
        start=None,
        seen="2020-01-01",
        today=TODAY,
    )
    cleared = partnership_effect(seeded_engine, code=FURESO)
    assert cleared is not None and cleared.result is None and cleared.partner_since is None
