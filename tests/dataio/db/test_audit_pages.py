"""The change log's pages: scope, since-date and filters applied in SQL, one page and a count
(SQLite and PostgreSQL)."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, event

from dataio.db import audit
from dataio.db.audit import AuditFilter, audit_choices, audit_chunks, audit_counts, audit_page
from dataio.db.engine import transaction
from models.permissions import Actor, Role

ADMIN = Actor("admin", Role.ADMIN)
LEADER = Actor("projektleder", Role.PROJECT_LEADER, municipality_code=183)  # Ishøj, district 10
COUNCIL = Actor("byraad", Role.COUNCIL, municipality_code=165)  # Albertslund, district 10
POLICE = Actor("politi", Role.POLICE, police_district_number=10)


def write(engine: Engine, *, actor: Actor, action: str, n: int = 1, **scope: object) -> None:
    with transaction(engine) as session:
        for i in range(n):
            audit.record(
                session,
                actor=actor,
                action=action,
                entity=action.split(".")[0],
                entity_key=str(i),
                summary=f"{action} {i}",
                before=None,
                after={"helpers": i},
                **scope,  # type: ignore[arg-type]
            )


@pytest.fixture
def log(seeded_engine: Engine) -> Engine:
    """7 Ishøj item edits by the project leader, 2 Albertslund counts by the council user,
    1 import touching Ishøj and Albertslund, 2 national rows, 1 change of a user (app_user)."""
    write(seeded_engine, actor=LEADER, action="action_item.update", n=7,
          municipality_code=183, police_district_number=10)  # fmt: skip
    write(seeded_engine, actor=COUNCIL, action="helpers.count", n=2,
          municipality_code=165, police_district_number=10)  # fmt: skip
    write(seeded_engine, actor=ADMIN, action="helpers.import", municipalities=[183, 165])
    write(seeded_engine, actor=ADMIN, action="goal.update")
    write(seeded_engine, actor=ADMIN, action="user.add")
    with transaction(seeded_engine) as session:  # entity app_user: the administrator's only
        audit.record(session, actor=ADMIN, action="user.disable", entity="app_user",
                     entity_key="x", summary="", before=None, after=None)  # fmt: skip
    return seeded_engine


def test_pages_newest_first_with_a_count(log: Engine) -> None:
    first = audit_page(log, viewer=ADMIN, filters=AuditFilter(), page=1, page_size=5)
    assert (first.total, first.pages, first.page, len(first.rows)) == (13, 3, 1, 5)
    assert list(first.rows["action"][:2]) == ["user.disable", "user.add"]
    last = audit_page(log, viewer=ADMIN, filters=AuditFilter(), page=3, page_size=5)
    assert (last.page, len(last.rows)) == (3, 3)
    assert list(last.rows["summary"]) == ["action_item.update 2", "action_item.update 1",
                                          "action_item.update 0"]  # fmt: skip
    seen = {*first.rows["id"], *last.rows["id"],
            *audit_page(log, viewer=ADMIN, filters=AuditFilter(), page=2, page_size=5).rows["id"]}  # fmt: skip
    assert len(seen) == 13  # no row twice, none left out
    beyond = audit_page(log, viewer=ADMIN, filters=AuditFilter(), page=99, page_size=5)
    assert beyond.page == 3  # clamped to the last page
    assert audit_page(log, viewer=ADMIN, filters=AuditFilter(), page=0, page_size=5).page == 1


def test_display_names_come_with_the_rows(log: Engine) -> None:
    rows = audit_page(log, viewer=ADMIN, filters=AuditFilter(username="projektleder")).rows
    assert len(rows) == 7 and rows["display_name"].notna().all()
    assert (rows["display_name"] != "projektleder").all()


@pytest.mark.parametrize(
    ("viewer", "filters", "total"),
    [
        (ADMIN, AuditFilter(action="helpers.count"), 2),
        (ADMIN, AuditFilter(username="byraad"), 2),
        (ADMIN, AuditFilter(municipality_code=183), 8),  # 7 own rows and the shared import
        (ADMIN, AuditFilter(municipality_code=165), 3),
        (ADMIN, AuditFilter(municipality_code=165, action="helpers.import"), 1),
        (LEADER, AuditFilter(), 10),  # own 7, the import, the two national rows
        (COUNCIL, AuditFilter(), 5),  # own 2, the import, the two national rows
        (COUNCIL, AuditFilter(municipality_code=183), 1),  # only the shared import
        (COUNCIL, AuditFilter(action="user.add"), 1),  # a national row without entity app_user
        (COUNCIL, AuditFilter(action="user.disable"), 0),
        (POLICE, AuditFilter(), 12),  # district 10: everything but user administration
        (ADMIN, AuditFilter(since=datetime.now(UTC) + timedelta(days=1)), 0),
        (ADMIN, AuditFilter(since=datetime.now(UTC) - timedelta(days=1)), 13),
    ],
)
def test_scope_and_filters_in_sql(
    log: Engine, viewer: Actor, filters: AuditFilter, total: int
) -> None:
    page = audit_page(log, viewer=viewer, filters=filters, page_size=3)
    assert page.total == total
    assert len(page.rows) == min(3, total)
    exported = list(audit_chunks(log, viewer=viewer, filters=filters, chunk=2))
    assert sum(len(c) for c in exported) == total
    assert all(len(c) <= 2 for c in exported)
    counts = audit_counts(log, viewer=viewer, filters=filters)  # Min kommune's summary
    assert sum(counts.values()) == total and all(counts.values())


def test_counts_per_table(log: Engine) -> None:
    assert audit_counts(log, viewer=ADMIN, filters=AuditFilter(municipality_code=183)) == {
        "action_item": 7,
        "helpers": 1,  # the import that touched Ishøj and Albertslund
    }
    assert audit_counts(log, viewer=COUNCIL, filters=AuditFilter()) == {
        "helpers": 3,
        "goal": 1,
        "user": 1,
    }


def test_filter_choices_are_what_the_viewer_may_see(log: Engine) -> None:
    council = audit_choices(log, viewer=COUNCIL, since=None)
    assert council.actions == ["goal.update", "helpers.count", "helpers.import", "user.add"]
    assert council.municipality_codes == [165, 183]  # Ishøj only through the shared import
    assert set(council.usernames) == {"admin", "byraad"}
    assert all(name for name in council.usernames.values())
    admin = audit_choices(log, viewer=ADMIN, since=None)
    assert "user.disable" in admin.actions and "projektleder" in admin.usernames
    assert (
        audit_choices(log, viewer=ADMIN, since=datetime.now(UTC) + timedelta(days=1)).actions == []
    )


def test_one_page_reads_only_its_rows(log: Engine) -> None:
    """The page's select is limited in SQL: a LIMIT reaches the database."""
    statements: list[str] = []

    def remember(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(log, "before_cursor_execute", remember)
    try:
        audit_page(log, viewer=COUNCIL, filters=AuditFilter(action="helpers.count"), page_size=3)
    finally:
        event.remove(log, "before_cursor_execute", remember)
    reads = [s for s in statements if "audit_entry.summary" in s]
    assert len(reads) == 1 and "LIMIT" in reads[0].upper()
    assert all("action" in s for s in statements if "count(" in s.lower())
