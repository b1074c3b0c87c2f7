"""Demo business neighbour-watch groups for Ishøj (demo mode only), labelled "Eksempeldata": two
groups with their member and security-check counts and a few events, dated relative to today."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from models.business import EventKind
from models.tables import BusinessEvent, BusinessGroup

DEMO_MUNICIPALITY = 183
DEMO_WRITER = "botrygt demo"  # shown as "Eksempeldata (automatisk)" (models.change_text)
CONTACT = "Eksempeldata: Ishøj Erhvervsforening"
# (name, area, members, with a security check, days before today it started, events: (days
# before today, kind, note))
GROUPS = (
    (
        "Ishøj Erhvervspark",
        "Ishøj Erhvervspark",
        42,
        17,
        420,
        (
            (400, EventKind.MEETING, "Opstartsmøde med politiet"),
            (200, EventKind.CHECK, "Sikringstjek hos ti virksomheder"),
            (30, EventKind.WALK, "Aftenvandring i erhvervsparken"),
        ),
    ),
    (
        "Industrikvarteret Syd",
        "Industrikvarteret ved Ishøj Havn",
        25,
        6,
        150,
        ((140, EventKind.MEETING, "Første møde i gruppen"),),
    ),
)


def ensure_demo_business(session: Session, *, today: date) -> bool:
    """Create Ishøj's demo groups unless it has groups; returns whether it did."""
    exists = session.exec(
        select(BusinessGroup.id).where(col(BusinessGroup.municipality_code) == DEMO_MUNICIPALITY)
    ).first()
    if exists is not None:
        return False
    now = datetime.now(UTC)
    for name, area, members, checked, started, events in GROUPS:
        group = BusinessGroup(
            municipality_code=DEMO_MUNICIPALITY,
            name=name,
            area=area,
            members=members,
            businesses_checked=checked,
            contact=CONTACT,
            start_date=today - timedelta(days=started),
            changed_by=DEMO_WRITER,
            changed_at=now,
        )
        session.add(group)
        session.flush()
        for days, kind, note in events:
            session.add(
                BusinessEvent(
                    group_id=group.id or 0,
                    event_date=today - timedelta(days=days),
                    kind=kind,
                    note=note,
                    changed_by=DEMO_WRITER,
                    changed_at=now,
                )
            )
    return True
