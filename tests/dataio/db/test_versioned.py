"""Versioned writes on SQLite and PostgreSQL: an edit or a deletion happens only while the row is
at the version the person loaded; otherwise the caller's message, and nothing written."""

import pytest
from sqlalchemy import Engine

from dataio.communication.stakeholders import add_stakeholder
from dataio.db.engine import transaction
from dataio.db.versioned import Changes, delete_if_unchanged, edit_if_unchanged
from dataio.errors import ValidationFailed
from models.i18n import M_
from models.tables import Stakeholder
from tests.factories import ISHOJ, LEADER

STALE = M_("Gammel")
RACED = M_("Kapløb")


def _row(engine: Engine) -> int:
    return add_stakeholder(
        engine, actor=LEADER, code=ISHOJ, organisation="Bauhaus", contact_name="Mette"
    )


def _read(engine: Engine, key: int) -> Stakeholder | None:
    with transaction(engine) as session:
        found = session.get(Stakeholder, key)
        if found is not None:
            session.expunge(found)
        return found


def test_an_edit_writes_only_the_fields_that_differ_stamped(seeded_engine: Engine) -> None:
    key = _row(seeded_engine)
    with transaction(seeded_engine) as session:
        row = session.get(Stakeholder, key)
        assert row is not None and row.row_version == 1
        values = {"organisation": "Bauhaus", "contact_name": "Ole", "note": ""}
        changes = edit_if_unchanged(
            session, row, loaded_version=1, values=values, by="kollega", stale=STALE
        )
    assert changes == Changes(before={"contact_name": "Mette"}, after={"contact_name": "Ole"})
    after = _read(seeded_engine, key)
    assert after is not None
    assert (after.contact_name, after.row_version, after.changed_by) == ("Ole", 2, "kollega")


def test_an_edit_that_changes_nothing_writes_nothing(seeded_engine: Engine) -> None:
    key = _row(seeded_engine)
    with transaction(seeded_engine) as session:
        row = session.get(Stakeholder, key)
        same = {"organisation": "Bauhaus", "contact_name": "Mette"}
        assert (
            edit_if_unchanged(session, row, loaded_version=1, values=same, by="x", stale=STALE)
            is None
        )
    after = _read(seeded_engine, key)
    assert after is not None and (after.row_version, after.changed_by) == (1, LEADER.username)


def test_an_edit_of_a_row_that_moved_on_is_refused_with_the_callers_message(
    seeded_engine: Engine,
) -> None:
    key = _row(seeded_engine)
    with pytest.raises(ValidationFailed) as stale, transaction(seeded_engine) as session:
        row = session.get(Stakeholder, key)
        edit_if_unchanged(
            session, row, loaded_version=0, values={"note": "ny"}, by="x", stale=STALE, raced=RACED
        )
    assert stale.value.message == STALE
    # read at version 1, then another save lands before the write: the raced message
    with pytest.raises(ValidationFailed) as raced, transaction(seeded_engine) as session:
        row = session.get(Stakeholder, key)
        with transaction(seeded_engine) as rival:
            rival_row = rival.get(Stakeholder, key)
            assert rival_row is not None
            rival_row.note, rival_row.row_version = "rival", 2
        edit_if_unchanged(
            session, row, loaded_version=1, values={"note": "ny"}, by="x", stale=STALE, raced=RACED
        )
    assert raced.value.message == RACED
    after = _read(seeded_engine, key)
    assert after is not None and (after.note, after.row_version) == ("rival", 2)


def test_a_deletion_happens_only_at_the_loaded_version(seeded_engine: Engine) -> None:
    key = _row(seeded_engine)
    with transaction(seeded_engine) as session:
        assert not delete_if_unchanged(session, Stakeholder, key=key, loaded_version=2)
    assert _read(seeded_engine, key) is not None
    with transaction(seeded_engine) as session:
        assert delete_if_unchanged(session, Stakeholder, key=key, loaded_version=1)
    assert _read(seeded_engine, key) is None
    with transaction(seeded_engine) as session:  # gone: nothing to delete
        assert not delete_if_unchanged(session, Stakeholder, key=key, loaded_version=1)
