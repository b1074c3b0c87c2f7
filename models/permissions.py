"""Who may do what, where: the one rule book that every write and scoped read goes through."""

from dataclasses import dataclass
from enum import StrEnum

from models.errors import PermissionDenied
from models.i18n import DANISH, M_, N_, Message


class Role(StrEnum):
    """The five kinds of user."""

    ADMIN = "admin"
    PROJECT_LEADER = "project_leader"
    POLICE = "police"
    COUNCIL = "council"
    # the business association (Erhvervsforening), the partnership's third partner: its
    # business neighbour-watch groups and its own items in the plan, in one municipality
    BUSINESS = "business"


ROLE_LABELS = {  # marked for translation: the menu shows them in the user's language
    Role.ADMIN: N_("administrator"),
    Role.PROJECT_LEADER: N_("projektleder"),
    Role.POLICE: N_("politi"),
    Role.COUNCIL: N_("byråd"),
    Role.BUSINESS: N_("erhvervsforening"),
}


class Action(StrEnum):
    """Everything a user can ask to do; the words in ACTION_LABELS are shown in refusals."""

    VIEW_NATIONAL = "view_national"
    VIEW_MUNICIPALITY = "view_municipality"
    VIEW_AUDIT = "view_audit"
    CHANGE_OWN_PASSWORD = "change_own_password"
    CHANGE_OWN_SETTINGS = "change_own_settings"
    MANAGE_USERS = "manage_users"
    EDIT_NATIONAL_GOALS = "edit_national_goals"
    EDIT_LOCAL_GOALS = "edit_local_goals"
    EDIT_HELPER_GOALS = "edit_helper_goals"
    IMPORT_DATA = "import_data"
    EDIT_ACTION_PLAN = "edit_action_plan"
    EDIT_POLICE_ACTION_ITEMS = "edit_police_action_items"
    EDIT_SAFETY_WALKS = "edit_safety_walks"
    EDIT_HELPERS = "edit_helpers"
    EDIT_SURVEYS = "edit_surveys"
    EDIT_PARTNERSHIPS = "edit_partnerships"
    EDIT_MEETINGS = "edit_meetings"
    VIEW_INCIDENTS = "view_incidents"
    IMPORT_INCIDENTS = "import_incidents"
    PUBLISH_PUBLIC_VIEW = "publish_public_view"
    EDIT_PRESS_LOG = "edit_press_log"
    EDIT_STAKEHOLDERS = "edit_stakeholders"
    EDIT_BUSINESS_GROUPS = "edit_business_groups"
    EDIT_BUSINESS_ACTION_ITEMS = "edit_business_action_items"


ACTION_LABELS = {
    Action.VIEW_NATIONAL: N_("se landstallene"),
    Action.VIEW_MUNICIPALITY: N_("se kommunens data"),
    Action.VIEW_AUDIT: N_("se ændringsloggen"),
    Action.CHANGE_OWN_PASSWORD: N_("skifte egen adgangskode"),
    Action.CHANGE_OWN_SETTINGS: N_("ændre egen e-mailadresse og abonnement på månedsbrevet"),
    Action.MANAGE_USERS: N_("administrere brugere"),
    Action.EDIT_NATIONAL_GOALS: N_("ændre de nationale mål"),
    Action.EDIT_LOCAL_GOALS: N_("ændre kommunens mål"),
    Action.EDIT_HELPER_GOALS: N_("ændre kommunens mål for nabohjælpere"),
    Action.IMPORT_DATA: N_("importere data"),
    Action.EDIT_ACTION_PLAN: N_("ændre handlingsplanen"),
    Action.EDIT_POLICE_ACTION_ITEMS: N_("ændre politiets og de fælles punkter i handlingsplanen"),
    Action.EDIT_SAFETY_WALKS: N_("ændre tryghedsvandringer"),
    Action.EDIT_HELPERS: N_("ændre nabohjælpertal og rekrutteringsmål"),
    Action.EDIT_SURVEYS: N_("ændre tryghedsmålinger"),
    Action.EDIT_PARTNERSHIPS: N_("ændre partnerskabernes startdatoer"),
    Action.EDIT_MEETINGS: N_("registrere møder og beslutninger"),
    Action.VIEW_INCIDENTS: N_("se politiets hændelser (enkelte indbrud)"),
    Action.IMPORT_INCIDENTS: N_("indlæse politiets hændelser (enkelte indbrud)"),
    Action.PUBLISH_PUBLIC_VIEW: N_("slå kommunens offentlige visning til eller fra"),
    Action.EDIT_PRESS_LOG: N_("ændre presseloggen"),
    Action.EDIT_STAKEHOLDERS: N_("ændre aktørlisten og aktiviteternes partnere"),
    Action.EDIT_BUSINESS_GROUPS: N_("ændre erhvervsnabohjælpsgrupper og deres aktiviteter"),
    Action.EDIT_BUSINESS_ACTION_ITEMS: N_("ændre erhvervsforeningens punkter i handlingsplanen"),
}

# Actions every logged-in user may take, whatever the scope.
_EVERYONE = {
    Action.VIEW_NATIONAL,
    Action.VIEW_AUDIT,
    Action.CHANGE_OWN_PASSWORD,
    Action.CHANGE_OWN_SETTINGS,
}
# Municipal actions a project leader may take in their own municipality.
_PROJECT_LEADER = {
    Action.VIEW_MUNICIPALITY,
    Action.EDIT_LOCAL_GOALS,
    Action.EDIT_HELPER_GOALS,
    Action.IMPORT_DATA,
    Action.EDIT_ACTION_PLAN,
    Action.EDIT_POLICE_ACTION_ITEMS,
    Action.EDIT_SAFETY_WALKS,
    Action.EDIT_SURVEYS,
    Action.EDIT_MEETINGS,  # the partnership's project leader keeps the meetings and decisions
    Action.PUBLISH_PUBLIC_VIEW,  # the public page (dataio.public); the administrator may too
    Action.EDIT_PRESS_LOG,  # track 3 (dataio.communication): the press log ...
    Action.EDIT_STAKEHOLDERS,  # ... and the register of stakeholders, partners of plan items
    Action.EDIT_BUSINESS_GROUPS,  # with the business association (Erhvervsforening)
}
# Municipal actions the police may take in the municipalities of their own district. The guide has
# police and municipality make the plan together: the police also register safety walks (and close
# their follow-ups) and edit the joint ("fælles") items besides their own. Single incidents (the
# police's own extract) are the police's and the administrator's alone: the others see aggregates.
_POLICE = {
    Action.VIEW_MUNICIPALITY,
    Action.EDIT_POLICE_ACTION_ITEMS,
    Action.EDIT_SAFETY_WALKS,
    Action.EDIT_HELPERS,
    Action.EDIT_HELPER_GOALS,
    Action.VIEW_INCIDENTS,
    Action.IMPORT_INCIDENTS,
    # The guide's track 3 has Bo trygt's people and the police communicate constructively about
    # burglary together, and the police's own "døgnrapport" is where the local press finds most of
    # its burglary stories: the police log coverage too. The stakeholder register is the
    # municipality's list of its partners (the project leader's), so the police only read it.
    Action.EDIT_PRESS_LOG,
}
_COUNCIL = {Action.VIEW_MUNICIPALITY}
# The business association (Erhvervsforening) of one municipality: it reads the municipality's
# partnership data, keeps its business neighbour-watch groups and edits its own plan items (those
# whose organisation is "erhvervsforening"), nothing else (dataio.business, action_plans._may_edit).
_BUSINESS = {
    Action.VIEW_MUNICIPALITY,
    Action.EDIT_BUSINESS_GROUPS,
    Action.EDIT_BUSINESS_ACTION_ITEMS,
}


@dataclass(frozen=True)
class Actor:
    """The user acting, with the scope their role is bound to."""

    username: str
    role: Role
    municipality_code: int | None = None
    police_district_number: int | None = None

    def describe(self) -> str:
        """'projektleder for kommune 183' and the like, for messages."""
        return str(self.described())

    def described(self) -> Message:
        """`describe` as a Message, to render in the reader's language."""
        role = M_(ROLE_LABELS[self.role])
        if self.municipality_code is not None:
            return M_("{role} for kommune {code}", role=role, code=self.municipality_code)
        if self.police_district_number is not None:
            return M_(
                "{role} for politikreds {number}", role=role, number=self.police_district_number
            )
        return role


@dataclass(frozen=True)
class Target:
    """Where an action applies: nationally (both None) or in one municipality and its district."""

    municipality_code: int | None = None
    police_district_number: int | None = None


NATIONAL = Target()


def allows(actor: Actor, action: Action, target: Target = NATIONAL) -> bool:
    """Whether the actor may take the action on the target."""
    if actor.role is Role.ADMIN or action in _EVERYONE:
        return True
    if target.municipality_code is None:
        return False  # national writes are the administrator's
    if actor.role is Role.POLICE:
        return action in _POLICE and target.police_district_number == actor.police_district_number
    own = target.municipality_code == actor.municipality_code
    if actor.role is Role.PROJECT_LEADER:
        return own and action in _PROJECT_LEADER
    if actor.role is Role.BUSINESS:
        return own and action in _BUSINESS
    return own and action in _COUNCIL


def require(actor: Actor, action: Action, target: Target = NATIONAL, *, where: str = "") -> None:
    """Raise PermissionDenied with a Danish message unless the actor may take the action."""
    if not allows(actor, action, target):
        what = M_(ACTION_LABELS[action])
        if where:
            raise PermissionDenied(
                M_(
                    "Ingen adgang: du er {who} og må ikke {what} for {where}.",
                    who=actor.described(),
                    what=what,
                    where=where,
                )
            )
        raise PermissionDenied(
            M_("Ingen adgang: du er {who} og må ikke {what}.", who=actor.described(), what=what)
        )


def scope_problem(
    *, role: Role, municipality_code: int | None, police_district_number: int | None
) -> Message | None:
    """Why a role/scope combination is invalid (a Message, for ValidationFailed), or None."""
    if role in (Role.PROJECT_LEADER, Role.COUNCIL, Role.BUSINESS):
        if municipality_code is None or police_district_number is not None:
            return M_("Rollen {role} skal bindes til netop én kommune", role=M_(ROLE_LABELS[role]))
    elif role is Role.POLICE:
        if police_district_number is None or municipality_code is not None:
            return M_("Rollen politi skal bindes til netop én politikreds")
    elif municipality_code is not None or police_district_number is not None:
        return M_("Rollen administrator bindes ikke til en kommune eller politikreds")
    return None


def validate_scope(
    *,
    role: Role,
    municipality_code: int | None,
    police_district_number: int | None,
    lang: str = DANISH,
) -> str | None:
    """Why a role/scope combination is invalid, in the language, or None when it is fine."""
    problem = scope_problem(
        role=role,
        municipality_code=municipality_code,
        police_district_number=police_district_number,
    )
    return None if problem is None else problem.render(lang)
