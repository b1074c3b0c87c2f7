"""SQLModel tables: the schema that the alembic migrations create."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class Region(SQLModel, table=True):
    """One of the five regions (DST codes 081-085)."""

    code: str = Field(primary_key=True, max_length=3)
    name: str


class PoliceDistrict(SQLModel, table=True):
    """One of the twelve police districts (since 2007)."""

    __tablename__ = "police_district"
    number: int = Field(primary_key=True)
    name: str


class Municipality(SQLModel, table=True):
    """A municipality by its three-digit DST code (411 Christiansø is kept but flagged)."""

    code: int = Field(primary_key=True)
    dagi_code: str = Field(max_length=4)
    name: str = Field(index=True)
    region_code: str = Field(foreign_key="region.code")
    police_district_number: int = Field(foreign_key="police_district.number")
    lat: float
    lon: float
    is_municipality: bool = True


class DataSource(SQLModel, table=True):
    """A record of each batch of data: what, from where, when, how many rows."""

    __tablename__ = "data_source"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str  # models.domain.SourceKind
    dataset: str | None = None  # e.g. STRAF11, FAM55N, national_burglaries.csv
    description: str = ""
    periods: str | None = None  # e.g. "2007K1-2026K3"
    rows: int = 0  # rows kept and written
    rows_read: int = 0  # rows in the file or response, all offences included
    rows_changed: int = 0  # rows whose value was new or different
    file_name: str | None = None
    as_of: date
    loaded_at: datetime
    loaded_by: str | None = None
    is_demo: bool = False


class BurglaryQuarter(SQLModel, table=True):
    """Reported residential burglaries in one municipality in one quarter."""

    __tablename__ = "burglary_quarter"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    period: str = Field(primary_key=True, max_length=6)  # "2023K1"
    year: int = Field(index=True)
    quarter: int
    count: int
    provisional: bool = False
    is_demo: bool = False
    source_id: int = Field(foreign_key="data_source.id", index=True)
    imported_at: datetime


class OffenceQuarter(SQLModel, table=True):
    """Reported offences of one other STRAF11 offence code (OVERTRÆD, e.g. 1310 business
    burglary) in one municipality in one quarter; residential burglary (1320) stays in
    burglary_quarter. Only the exact codes asked for are stored, never a parent level."""

    __tablename__ = "offence_quarter"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    offence: int = Field(primary_key=True)  # OVERTRÆD code, e.g. 1310
    period: str = Field(primary_key=True, max_length=6)  # "2023K1"
    label: str = Field(max_length=200)  # the code's Danish name
    year: int = Field(index=True)
    quarter: int
    count: int
    provisional: bool = False
    is_demo: bool = False
    source_id: int = Field(foreign_key="data_source.id", index=True)
    imported_at: datetime


class NationalBurglaryYear(SQLModel, table=True):
    """National residential burglaries in one year, with how sure the figure is."""

    __tablename__ = "national_burglary_year"
    year: int = Field(primary_key=True)
    count: int
    quality: str  # models.domain.Quality
    note: str = ""
    source_id: int = Field(foreign_key="data_source.id")


class HouseholdYear(SQLModel, table=True):
    """Households and population of a municipality on 1 January of a year."""

    __tablename__ = "household_year"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    year: int = Field(primary_key=True)
    households: int
    population: int | None = None
    approximate: bool = False
    source_id: int = Field(foreign_key="data_source.id")


class AgeStructureYear(SQLModel, table=True):
    """A municipality's population and two age groups on 1 January (FOLK1A by ALDER, first
    quarter), the covariates of the expected-burglaries model; demo rows are generated."""

    __tablename__ = "age_structure_year"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    year: int = Field(primary_key=True)
    population: int
    aged_15_24: int
    aged_65_plus: int
    is_demo: bool = False
    source_id: int = Field(foreign_key="data_source.id")


class Goal(SQLModel, table=True):
    """A goal as data: what is measured, from what baseline, to what target, by when."""

    __table_args__ = (UniqueConstraint("scope_kind", "scope_code", "indicator"),)
    id: int | None = Field(default=None, primary_key=True)
    scope_kind: str  # models.domain.ScopeKind
    scope_code: int | None = None  # municipality code; None for national
    indicator: str  # models.domain.Indicator
    baseline: float | None = None  # None: read from the data in baseline_year
    baseline_year: int
    target: float | None = None  # an absolute level (count per year, or a share 0-1)
    target_reduction: float | None = None  # or a fraction fewer than the baseline
    target_year: int
    target_year_is_default: bool = False  # the source states no year; ours is a default
    # helpers: "level" (a number of helpers), "increase" (new helpers on top of the baseline)
    # or "household_share" (target is a share 0-1 of the municipality's households)
    target_unit: str = "level"
    source_note: str = ""
    updated_at: datetime
    updated_by: str | None = None
    row_version: int = 1  # bumped by every change: a save from an older page is refused


class Partnership(SQLModel, table=True):
    """A Bo trygt partnership municipality and what it announced."""

    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    partner_since: str | None = None  # as announced: "2019-10", "2021", "2021-03-01"
    start_date: date | None = None  # first day of partner_since
    burglary_target_text: str | None = None
    helper_target_text: str | None = None
    note: str = ""
    # the public view (dataio.public): switched on by the project leader, off by them or the admin
    published: bool = False
    published_summary: str = ""
    published_at: datetime | None = None
    published_by: str | None = None


class DataVersion(SQLModel, table=True):
    """A counter bumped by every write, so cached reads on any server can tell they are stale."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime


class AppUser(SQLModel, table=True):
    """A person who can log in; the role and its scope decide what they may see and change."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True, max_length=64)  # lower case
    display_name: str
    role: str  # models.permissions.Role
    municipality_code: int | None = Field(default=None, foreign_key="municipality.code")
    police_district_number: int | None = Field(default=None, foreign_key="police_district.number")
    password_hash: str  # bcrypt (dataio.store.users.hash_password)
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    password_changed_at: datetime
    # login cookies issued before this are refused: set on logout, password change and re-enabling
    sessions_valid_from: datetime | None = None
    created_at: datetime
    # where reminders and the monthly brief go (set by the admin or the user); None: no mail
    email: str | None = Field(default=None, max_length=254)
    # the monthly "status for måltal" brief; a user may unsubscribe (reminders of own items stay)
    brief_subscribed: bool = True
    # sha256 (hex) of the secret in the user's calendar-feed address; None: no feed
    calendar_token_hash: str | None = Field(default=None, max_length=64, index=True)
    # the interface language the user chose on Min konto (models.i18n.LANGUAGES); Danish default
    language: str = Field(default="da", max_length=2, sa_column_kwargs={"server_default": "da"})


class AuditEntry(SQLModel, table=True):
    """One write: who, when, what, and the values before and after (append-only)."""

    __tablename__ = "audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    username: str
    action: str  # e.g. "goal.update", "user.add"
    entity: str  # the table written
    entity_key: str
    municipality_code: int | None = Field(default=None, index=True)  # whose data it is
    police_district_number: int | None = None
    summary: str = ""  # a Danish line for the log
    before: str | None = None  # JSON
    after: str | None = None  # JSON
    # the hash chain (dataio.db.audit): the previous row's hash, and sha256 over this row + it
    prev_hash: str | None = None
    row_hash: str | None = None


class AuditScope(SQLModel, table=True):
    """A municipality an audit row concerns, when it concerns more than one (an import of a file
    with several municipalities): the row is shown to each of them (append-only, like the log)."""

    __tablename__ = "audit_scope"
    audit_entry_id: int = Field(foreign_key="audit_entry.id", primary_key=True)
    municipality_code: int = Field(primary_key=True, index=True)
    police_district_number: int = Field(index=True)


class ActionPlan(SQLModel, table=True):
    """A partnership's joint action plan (one per municipality)."""

    __tablename__ = "action_plan"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    created_at: datetime
    created_by: str


class ActionItem(SQLModel, table=True):
    """One activity of the plan: who, when, how far, for which goal."""

    __tablename__ = "action_item"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="action_plan.municipality_code", index=True)
    position: int = 0
    track: str  # models.actionplan.Track
    activity_group: str = ""
    title: str
    owner_name: str = ""
    owner_username: str | None = None
    organisation: str  # models.actionplan.Organisation
    start_date: date | None = None
    due_date: date | None = None
    status: str  # models.actionplan.ItemStatus
    progress: int = 0  # percent
    goal: str = "none"  # models.domain.Indicator or "none"
    notes: str = ""
    row_version: int = 1
    changed_by: str
    changed_at: datetime


class ItemCheckIn(SQLModel, table=True):
    """A dated status update of an action item by its owner or the project leader."""

    __tablename__ = "item_check_in"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="action_item.id", index=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    at: datetime
    username: str
    status: str  # models.actionplan.ItemStatus
    progress: int  # percent
    comment: str = ""
    new_due_date: date | None = None
    due_reason: str = ""  # why the due date moved (required with new_due_date)


class GoalCheckIn(SQLModel, table=True):
    """The project leader's comment on a goal for a period, and perhaps their own status for it
    with a reason: shown beside the computed status, never instead of it."""

    __tablename__ = "goal_check_in"
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    period: str  # "2026-K3" or an ISO date
    comment: str = ""
    override_status: str | None = None  # models.domain.Status
    override_reason: str = ""
    username: str
    at: datetime


class SafetyWalk(SQLModel, table=True):
    """A tryghedsvandring: when, where, who walked."""

    __tablename__ = "safety_walk"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    walk_date: date
    area: str
    participants: str = ""
    lat: float | None = None
    lon: float | None = None
    changed_by: str
    changed_at: datetime


class WalkObservation(SQLModel, table=True):
    """One row of the guide's registration table: what was seen, who follows up, and how far."""

    __tablename__ = "walk_observation"
    id: int | None = Field(default=None, primary_key=True)
    walk_id: int = Field(foreign_key="safety_walk.id", index=True)
    number: int
    description: str
    responsible: str = ""
    follow_up: str = ""
    status: str = "åben"  # åben, i gang, lukket
    status_note: str = ""  # why it was last closed or reopened (changed_by/at say who and when)
    action_item_id: int | None = Field(default=None, foreign_key="action_item.id")
    row_version: int = 1
    changed_by: str
    changed_at: datetime


class ImportUndo(SQLModel, table=True):
    """What an import replaced, so that the last import can be undone."""

    __tablename__ = "import_undo"
    source_id: int = Field(foreign_key="data_source.id", primary_key=True)
    table_name: str  # burglary_quarter, national_burglary_year or household_year
    scope: str  # JSON: the keys the import touched (municipality codes or years)
    previous: str  # JSON: the rows as they were before the import
    undone_at: datetime | None = None
    undone_by: str | None = None


class HelperCount(SQLModel, table=True):
    """Active neighbour-helpers (Nabohjælp) and Nabovenner in a municipality on a date."""

    __tablename__ = "helper_count"
    __table_args__ = (UniqueConstraint("municipality_code", "count_date"),)
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    count_date: date
    helpers: int
    nabovenner: int | None = None  # dedicated neighbour-helpers, one per ~100 households
    source: str = ""  # who counted: "Nabohjælp", "Nordsjællands Politi", ...
    source_id: int | None = Field(default=None, foreign_key="data_source.id")
    is_demo: bool = False
    changed_by: str
    changed_at: datetime


class RecruitmentActivity(SQLModel, table=True):
    """A recruitment activity and how many signed up for Nabohjælp there."""

    __tablename__ = "recruitment_activity"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    activity_date: date
    kind: str  # models.neighbour_help.ActivityKind
    place: str = ""
    sign_ups: int = 0
    note: str = ""
    is_demo: bool = False
    changed_by: str
    changed_at: datetime


class SurveyMeasure(SQLModel, table=True):
    """What a survey question measures, and the only goal it may be judged against."""

    __tablename__ = "survey_measure"
    code: str = Field(primary_key=True, max_length=32)  # "utryg_indbrud"
    label: str
    question: str
    owner: str  # who asks it: TrygFonden/DKR, Justitsministeriet
    share_label: str  # what the share counts: "utrygge ved risikoen for indbrud"
    goal_indicator: str | None = None  # models.domain.Indicator, None: no goal applies
    position: int = 0


class SurveyCategory(SQLModel, table=True):
    """One answer category of a measure; in_share marks those counted in its share."""

    __tablename__ = "survey_category"
    measure_code: str = Field(foreign_key="survey_measure.code", primary_key=True)
    code: str = Field(primary_key=True, max_length=32)
    label: str
    position: int = 0
    in_share: bool = False


class SurveyRound(SQLModel, table=True):
    """One municipality's answers to one measure in one survey year."""

    __tablename__ = "survey_round"
    __table_args__ = (UniqueConstraint("municipality_code", "year", "measure_code"),)
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    year: int
    measure_code: str = Field(foreign_key="survey_measure.code")
    respondents: int  # answers to this question, all categories
    source_id: int = Field(foreign_key="data_source.id")
    is_demo: bool = False


class SurveyAnswer(SQLModel, table=True):
    """How many answered one category in a round."""

    __tablename__ = "survey_answer"
    round_id: int = Field(foreign_key="survey_round.id", primary_key=True)
    category: str = Field(primary_key=True, max_length=32)
    count: int


class NationalSurveyYear(SQLModel, table=True):
    """A national share for a measure in a year, with how sure it is (models.domain.Quality)."""

    __tablename__ = "national_survey_year"
    measure_code: str = Field(foreign_key="survey_measure.code", primary_key=True)
    year: int = Field(primary_key=True)
    share: float
    respondents: int | None = None
    quality: str
    note: str = ""
    source_id: int = Field(foreign_key="data_source.id")


class SurveySchedule(SQLModel, table=True):
    """A municipality's survey round as a process: its dates, status and the counts of
    invitations, responses and reminders (models.survey_schedule)."""

    __tablename__ = "survey_schedule"
    __table_args__ = (UniqueConstraint("municipality_code", "year"),)
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    year: int
    invitation_date: date
    reminder_dates: str = ""  # planned reminders, ISO dates separated by commas
    close_date: date
    status: str = "planlagt"  # models.survey_schedule.ScheduleStatus
    invitations: int | None = None  # invitations sent (a complete count)
    responses: int | None = None
    reminders_sent_on: str = ""  # reminders sent, ISO dates separated by commas
    created_by: str
    changed_by: str
    changed_at: datetime
    row_version: int = 1


class LocalSurveyMeasure(SQLModel, table=True):
    """A municipality's own extra survey question (never judged against a national goal)."""

    __tablename__ = "local_survey_measure"
    __table_args__ = (UniqueConstraint("municipality_code", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    code: str = Field(max_length=32)
    question: str
    created_by: str
    created_at: datetime


class LocalSurveyCategory(SQLModel, table=True):
    """One answer category of a local question; in_share marks those counted in its share."""

    __tablename__ = "local_survey_category"
    measure_id: int = Field(foreign_key="local_survey_measure.id", primary_key=True)
    position: int = Field(primary_key=True)
    label: str
    in_share: bool = False


class LocalSurveyAnswer(SQLModel, table=True):
    """How many answered one category of a local question in one round (year)."""

    __tablename__ = "local_survey_answer"
    measure_id: int = Field(foreign_key="local_survey_measure.id", primary_key=True)
    year: int = Field(primary_key=True)
    position: int = Field(primary_key=True)
    count: int
    changed_by: str
    changed_at: datetime


class Meeting(SQLModel, table=True):
    """A partnership meeting: when, who, the agenda, the minutes and the pack it discussed."""

    __tablename__ = "meeting"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    held_on: date
    title: str
    participants: str = ""
    agenda: str = ""
    minutes: str = ""
    # the meeting pack's snapshot id (models.report.MeetingReport.snapshot_id), once tied
    pack_snapshot_id: str | None = Field(default=None, max_length=64)
    created_by: str
    created_at: datetime
    row_version: int = 1


class MeetingDecision(SQLModel, table=True):
    """One decision of a meeting, with the plan item it created or changed, if any."""

    __tablename__ = "meeting_decision"
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    position: int = 0
    text: str
    # the plan item the decision created or changed (no foreign key: an item may later be deleted)
    item_id: int | None = None
    owner_username: str | None = None
    due_date: date | None = None
    created_by: str
    created_at: datetime


class HotspotAction(SQLModel, table=True):
    """A proposal taken from the Hotspots page: which cell, what was written for it, and when, so
    the page can show the cell's counts before and after the day."""

    __tablename__ = "hotspot_action"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    cell: str = Field(max_length=40)  # models.hotspots.cell_id: the grid square, never a position
    lat: float  # the cell's centre
    lon: float
    proposal: str  # models.hotspot_actions.Proposal
    action_day: date
    action_item_id: int | None = Field(default=None, foreign_key="action_item.id")  # None: deleted
    activity_id: int | None = Field(default=None, foreign_key="recruitment_activity.id")
    walk_id: int | None = Field(default=None, foreign_key="safety_walk.id")
    created_by: str
    created_at: datetime


class MailOutbox(SQLModel, table=True):
    """One e-mail `botrygt remind` composed: queued, then sent (sent_at) or retried next run.

    The composed text is kept, so a retry sends exactly what was queued and nothing is lost."""

    __tablename__ = "mail_outbox"
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # "reminder" or "brief"
    dedupe_key: str = Field(unique=True, max_length=200)  # one mail per key, ever
    username: str = Field(index=True, max_length=64)
    address: str = Field(max_length=254)
    municipality_code: int | None = None  # the brief's partnership; None for a reminder
    fingerprint: str = ""  # a reminder's flagged items (models.reminders.fingerprint)
    subject: str
    body: str
    created_at: datetime = Field(index=True)
    sent_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None


class BriefSchedule(SQLModel, table=True):
    """When a partnership's monthly "status for måltal" brief goes out, and the last one sent."""

    __tablename__ = "brief_schedule"
    municipality_code: int = Field(foreign_key="municipality.code", primary_key=True)
    day_of_month: int | None = None  # 1-28; None: only after new quarters are imported
    last_quarter: str | None = None  # the newest burglary quarter when the last brief was queued
    last_month: str | None = None  # "2026-12": the month of the last scheduled brief
    last_brief_at: datetime | None = None


class Incident(SQLModel, table=True):
    """One reported residential burglary from the police's own extract: readable by the police of
    the district and the administrator only (dataio.store.incidents); everyone else sees counts
    per grid cell of at least the minimum count. Positions are UTM zone 32N metres (EPSG:25832)."""

    __tablename__ = "incident"
    __table_args__ = (Index("ix_incident_municipality_day", "municipality_code", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code")
    day: date
    x: float  # easting, metres
    y: float  # northing, metres
    time_of_day: str | None = Field(default=None, max_length=5)  # "HH:MM"
    offence: str | None = None  # the police's offence text or code
    address: str | None = None  # police and administrator only
    import_id: int = Field(foreign_key="data_source.id", index=True)  # the file it came from
    is_demo: bool = False
    created_at: datetime


class PressEntry(SQLModel, table=True):
    """One piece of coverage in the press log (track 3): when, where, the headline, its tone and
    the goal or plan item it concerns (dataio.communication)."""

    __tablename__ = "press_entry"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    published_on: date
    medium: str
    headline: str
    url: str = ""  # http or https only (models.communication.url_problem); "" when none
    tone: str  # models.communication.Tone
    goal: str | None = None  # a goal key of models.communication.PRESS_GOALS
    # the plan item it concerns; the link goes when the item is deleted
    item_id: int | None = Field(
        default=None, foreign_key="action_item.id", ondelete="SET NULL", index=True
    )
    created_by: str
    created_at: datetime
    changed_by: str
    changed_at: datetime
    row_version: int = 1


class Stakeholder(SQLModel, table=True):
    """An organisation the partnership works with (the guide's "aktører"), its contact and the
    tracks it takes part in; plan items name stakeholders as partners (StakeholderItem)."""

    __tablename__ = "stakeholder"
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    organisation: str
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    tracks: str = ""  # models.actionplan.Track codes, comma-separated (models.communication)
    note: str = ""
    created_by: str
    created_at: datetime
    changed_by: str
    changed_at: datetime
    row_version: int = 1


class StakeholderItem(SQLModel, table=True):
    """A plan item names a stakeholder as partner; the link goes with either of them."""

    __tablename__ = "stakeholder_item"
    stakeholder_id: int = Field(foreign_key="stakeholder.id", primary_key=True, ondelete="CASCADE")
    item_id: int = Field(
        foreign_key="action_item.id", primary_key=True, ondelete="CASCADE", index=True
    )


class BusinessGroup(SQLModel, table=True):
    """A business neighbour-watch group (erhvervsnabohjælp): businesses of one business area that
    watch out for each other, with how many are members and how many have had a security check."""

    __tablename__ = "business_group"
    __table_args__ = (
        CheckConstraint("members >= 0", name="ck_business_group_members"),
        CheckConstraint(
            "businesses_checked >= 0 AND businesses_checked <= members",
            name="ck_business_group_checked",
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    municipality_code: int = Field(foreign_key="municipality.code", index=True)
    name: str
    area: str = ""  # the business area, in words ("Ishøj Erhvervspark")
    members: int = 0  # member businesses
    businesses_checked: int = 0  # members with a security check (sikringstjek)
    contact: str = ""
    start_date: date | None = None
    row_version: int = 1
    changed_by: str
    changed_at: datetime


class BusinessEvent(SQLModel, table=True):
    """Something a business group did: a meeting, a safety walk, security checks, other."""

    __tablename__ = "business_event"
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="business_group.id", index=True)
    event_date: date
    kind: str  # models.business.EventKind
    note: str = ""
    changed_by: str
    changed_at: datetime


class BusinessGroupWalk(SQLModel, table=True):
    """A safety walk (safety_walk) in a group's business area: the walk itself stays a walk."""

    __tablename__ = "business_group_walk"
    group_id: int = Field(foreign_key="business_group.id", primary_key=True)
    walk_id: int = Field(foreign_key="safety_walk.id", primary_key=True, index=True)
    changed_by: str
    changed_at: datetime
