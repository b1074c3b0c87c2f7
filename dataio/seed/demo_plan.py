"""A demo action plan and safety walks for Ishøj, dated relative to today (demo mode only)."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from dataio.db import audit
from dataio.store.action_plans import template
from models.actionplan import ItemStatus
from models.permissions import Actor, Role
from models.tables import ActionItem, ActionPlan, SafetyWalk, WalkObservation

DEMO_MUNICIPALITY = 183
DEMO_ACTOR = Actor("botrygt demo", Role.ADMIN)
OWNERS = {
    "kommune": "Mette Holm (kommunen)",
    "politi": "Lars Bak (politiet)",
    "fælles": "Styregruppen",
}
# The demo users who own the municipality's and the police's items (dataio.seed.demo_users), so
# that reminders (`botrygt remind`) and Mine opgaver have owners with overdue items; the
# steering group's shared items stay free text, as for people without an account.
OWNER_USERS = {"kommune": "projektleder", "politi": "politi"}
# (status, progress, days from today to the due date, days since last change) cycling over the template
PATTERN = [
    (ItemStatus.DONE, 100, -200, 190),
    (ItemStatus.IN_PROGRESS, 60, 20, 10),
    (ItemStatus.IN_PROGRESS, 30, -15, 40),  # overdue
    (ItemStatus.NOT_STARTED, 0, 60, 120),  # stale
    (ItemStatus.DONE, 100, -40, 35),
    (ItemStatus.POSTPONED, 10, 90, 20),
    (ItemStatus.IN_PROGRESS, 80, 5, 3),
]
WALKS = [
    (
        -120,
        "Vejleåparken",
        55.612,
        12.352,
        [
            ("Mørk sti bag blok 3", "Kommunen, Vej og Park", "Ny belysning", "lukket"),
            ("Hæk skjuler indgange", "Boligselskabet", "Beskæring i foråret", "åben"),
        ],
    ),
    (
        -45,
        "Ishøj Landsby",
        55.628,
        12.336,
        [
            ("Carporte uden lys", "Grundejerforeningen", "Kampagne om udendørslys", "i gang"),
            ("Få naboer i Nabohjælp", "Politiet", "Nabo-til-nabo-rekruttering", "åben"),
        ],
    ),
    (
        -10,
        "Strandområdet",
        55.605,
        12.372,
        [("Sommerhuse tomme om vinteren", "Politiet", "Flere patruljer i weekender", "åben")],
    ),
]


def ensure_demo_plan(session: Session, *, today: date) -> bool:
    """Create Ishøj's demo plan and walks unless a plan exists; returns whether it did."""
    if session.get(ActionPlan, DEMO_MUNICIPALITY) is not None:
        return False
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    session.add(
        ActionPlan(
            municipality_code=DEMO_MUNICIPALITY,
            created_at=now - timedelta(days=400),
            created_by=DEMO_ACTOR.username,
        )
    )
    session.flush()
    for position, row in enumerate(template().itertuples()):
        status, progress, due_in, changed_ago = PATTERN[position % len(PATTERN)]
        session.add(
            ActionItem(
                municipality_code=DEMO_MUNICIPALITY,
                position=position,
                track=row.track,
                activity_group=row.activity_group,
                title=row.title,
                owner_name=OWNERS[row.organisation],
                owner_username=OWNER_USERS.get(row.organisation),
                organisation=row.organisation,
                start_date=today + timedelta(days=due_in - 90),
                due_date=today + timedelta(days=due_in),
                status=status,
                progress=progress,
                goal=row.goal,
                notes="Eksempeldata",
                changed_by=DEMO_ACTOR.username,
                changed_at=now - timedelta(days=changed_ago),
            )
        )
    for days, area, lat, lon, observations in WALKS:
        walk = SafetyWalk(
            municipality_code=DEMO_MUNICIPALITY,
            walk_date=today + timedelta(days=days),
            area=area,
            participants="Beboere, kommune, politi (eksempel)",
            lat=lat,
            lon=lon,
            changed_by=DEMO_ACTOR.username,
            changed_at=now + timedelta(days=days),
        )
        session.add(walk)
        session.flush()
        for number, (description, responsible, follow_up, state) in enumerate(
            observations, start=1
        ):
            session.add(
                WalkObservation(
                    walk_id=walk.id or 0,
                    number=number,
                    description=description,
                    responsible=responsible,
                    follow_up=follow_up,
                    status=state,
                    changed_by=DEMO_ACTOR.username,
                    changed_at=now + timedelta(days=days),
                )
            )
    audit.record(
        session,
        actor=DEMO_ACTOR,
        action="action_plan.create",
        entity="action_plan",
        entity_key=str(DEMO_MUNICIPALITY),
        summary="Eksempel-handlingsplan og tryghedsvandringer for Ishøj oprettet (demo)",
        before=None,
        after=None,
        municipality_code=DEMO_MUNICIPALITY,
        police_district_number=10,
    )
    return True
