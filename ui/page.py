"""The frame every page starts with: config, the role-aware menu, demo banner, a friendly error edge."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dataio.db.engine import database_unavailable
from dataio.errors import DomainError
from models.i18n import MENU, N_, NC_, translate, translate_context
from models.permissions import Action, Actor, Role, Target, allows
from models.safe_text import for_markdown
from ui import loaders
from ui.i18n import _, active_language, error_text, pgettext
from ui.text import DEMO_BANNER


def _may_edit_some_goal(actor: Actor) -> bool:
    own = Target(actor.municipality_code, actor.police_district_number)
    return (
        allows(actor, Action.EDIT_NATIONAL_GOALS)
        or (actor.municipality_code is not None and allows(actor, Action.EDIT_LOCAL_GOALS, own))
        or allows(
            actor,
            Action.EDIT_HELPER_GOALS,
            Target(actor.municipality_code or 0, own.police_district_number),
        )
    )


def reads_some_municipality(actor: Actor) -> bool:
    """Whether the actor may read any municipality's partnership data (the report is made of it)."""
    if actor.municipality_code is None and actor.police_district_number is None:
        return allows(actor, Action.VIEW_MUNICIPALITY)  # unbound: only the administrator
    # a bound role reads its own municipality, or every municipality of its police district
    # (any code stands for "a municipality of that district" to the rule book)
    own = Target(actor.municipality_code or 0, actor.police_district_number)
    return allows(actor, Action.VIEW_MUNICIPALITY, own)


@dataclass(frozen=True)
class MenuItem:
    """One page: where it is, what it is called (in Danish, the msgid in the MENU context: shown
    as `pgettext(MENU, label)`, and the page's title too), and who may open it."""

    path: str
    label: str
    icon: str
    visible: Callable[[Actor], bool]


PAGES = {
    # first in the menu: where the roles bound to one municipality land after logging in
    "min_kommune": MenuItem(
        "pages/0_Min_kommune.py",
        NC_("menu", "Min kommune"),
        ":material/house:",
        reads_some_municipality,
    ),
    "forside": MenuItem(
        "app.py",
        NC_("menu", "Forside"),
        ":material/home:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "kommune": MenuItem(
        "pages/1_Kommune.py",
        NC_("menu", "Kommune"),
        ":material/location_city:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "effekt": MenuItem(
        "pages/11_Effekt.py",
        NC_("menu", "Effekt"),
        ":material/compare_arrows:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "handlingsplan": MenuItem(
        "pages/4_Handlingsplan.py",
        NC_("menu", "Handlingsplan"),
        ":material/checklist:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "mine_opgaver": MenuItem(
        "pages/12_Mine_opgaver.py",
        NC_("menu", "Mine opgaver"),
        ":material/task_alt:",
        lambda a: a.role in {Role.ADMIN, Role.PROJECT_LEADER, Role.POLICE, Role.BUSINESS},
    ),
    "hotspots": MenuItem(
        "pages/14_Hotspots.py",
        NC_("menu", "Hotspots"),
        ":material/local_fire_department:",
        reads_some_municipality,
    ),
    "nabohjaelp": MenuItem(
        "pages/6_Nabohjaelp.py",
        NC_("menu", "Nabohjælp"),
        ":material/diversity_3:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "tryghed": MenuItem(
        "pages/7_Tryghed.py",
        NC_("menu", "Tryghed"),
        ":material/sentiment_satisfied:",
        lambda a: allows(a, Action.VIEW_NATIONAL),
    ),
    "rapport": MenuItem(
        "pages/10_Rapport.py",
        NC_("menu", "Rapport"),
        ":material/summarize:",
        reads_some_municipality,
    ),
    "moeder": MenuItem(
        "pages/13_Moeder.py", NC_("menu", "Møder"), ":material/groups:", reads_some_municipality
    ),
    "kommunikation": MenuItem(
        "pages/16_Kommunikation.py",
        NC_("menu", "Kommunikation"),
        ":material/campaign:",
        reads_some_municipality,
    ),
    # business neighbour-watch: the business association and the project leader edit, all read
    "erhverv": MenuItem(
        "pages/17_Erhverv.py",
        NC_("menu", "Erhverv"),
        ":material/storefront:",
        reads_some_municipality,
    ),
    "data": MenuItem(
        "pages/5_Data.py",
        NC_("menu", "Data"),
        ":material/database:",
        lambda a: (
            allows(a, Action.IMPORT_DATA)
            or (
                a.municipality_code is not None
                and allows(a, Action.IMPORT_DATA, Target(a.municipality_code, None))
            )
            # the police: their own extract of burglaries (and the district's helper counts)
            or (
                a.police_district_number is not None
                and allows(a, Action.IMPORT_INCIDENTS, Target(0, a.police_district_number))
            )
        ),
    ),
    "maal": MenuItem("pages/3_Maal.py", NC_("menu", "Mål"), ":material/flag:", _may_edit_some_goal),
    "aendringslog": MenuItem(
        "pages/2_Aendringslog.py",
        NC_("menu", "Ændringslog"),
        ":material/history:",
        lambda a: allows(a, Action.VIEW_AUDIT),
    ),
    "administration": MenuItem(
        "pages/8_Administration.py",
        NC_("menu", "Administration"),
        ":material/admin_panel_settings:",
        lambda a: a.role is Role.ADMIN,
    ),
    "konto": MenuItem(
        "pages/9_Min_konto.py",
        NC_("menu", "Min konto"),
        ":material/person:",
        lambda a: allows(a, Action.CHANGE_OWN_PASSWORD),
    ),
}


def home_municipality(actor: Actor, municipalities: pd.DataFrame) -> int:
    """Where a user starts: their municipality, else their district's first, else Ishøj (demo)."""
    if actor.municipality_code is not None:
        return actor.municipality_code
    in_district = municipalities[
        municipalities["police_district_number"] == actor.police_district_number
    ]
    return int(in_district["code"].iloc[0]) if len(in_district) else 183


def viewable_municipalities(actor: Actor, municipalities: pd.DataFrame) -> pd.DataFrame:
    """The municipalities whose partnership data the actor may read (scoped like writes)."""
    mask = [
        allows(actor, Action.VIEW_MUNICIPALITY, Target(int(c), int(d)))
        for c, d in zip(
            municipalities["code"], municipalities["police_district_number"], strict=True
        )
    ]
    return municipalities[mask].reset_index(drop=True)


def reads_municipality(actor: Actor, version: int, code: int) -> bool:
    """Whether the actor may read this municipality's partnership data (its plan, walks...)."""
    table = loaders.load_municipalities(version)
    district = table.loc[table["code"] == code, "police_district_number"]
    return bool(len(district)) and allows(
        actor, Action.VIEW_MUNICIPALITY, Target(code, int(district.iloc[0]))
    )


def any_municipality_picker(actor: Actor, version: int) -> tuple[int, str]:
    """A sidebar picker over all 98 municipalities (public statistics: the Kommune and Effekt
    pages), starting at the actor's own; remembered in ?kommune= so links can be shared."""
    table = loaders.load_municipalities(version)
    names = dict(zip(table["code"], table["name"], strict=True))
    codes = list(names)
    own = home_municipality(actor, table)
    wanted = st.query_params.get("kommune", str(own))
    index = (
        codes.index(int(wanted)) if wanted.isdigit() and int(wanted) in names else codes.index(own)
    )
    code = st.sidebar.selectbox(
        _("Kommune"), codes, index=index, format_func=lambda c: f"{names[c]} ({c})"
    )
    st.query_params["kommune"] = str(code)
    return int(code), str(names[code])


def municipality_picker(actor: Actor, version: int) -> tuple[int, str, int]:
    """A sidebar picker over the municipalities the actor may read; remembered in ?kommune=."""
    table = viewable_municipalities(actor, loaders.load_municipalities(version))
    codes = list(table["code"])
    own = home_municipality(actor, table)
    wanted = st.query_params.get("kommune", str(own))
    index = (
        codes.index(int(wanted)) if wanted.isdigit() and int(wanted) in codes else codes.index(own)
    )
    names = dict(zip(codes, table["name"], strict=True))
    districts = dict(zip(codes, table["police_district_number"], strict=True))
    code = int(
        st.sidebar.selectbox(
            _("Kommune"), codes, index=index, format_func=lambda c: f"{names[c]} ({c})"
        )
    )
    st.query_params["kommune"] = str(code)
    return code, str(names[code]), int(districts[code])


# The tab's icon, drawn (no font): Streamlit turns an SVG string into a data: URL, whereas a
# ":material/...:" page icon makes every browser fetch it from an outside font host.
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
    '<path d="M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5z" fill="#1f5f8b"/></svg>'
)


def start_page(title: str, *, lang: str | None = None) -> None:
    """Page config; must be the first Streamlit call of every page. The title (Danish, a menu
    label) is shown in the session's language, or in `lang` (the public page's ?lang=)."""
    shown = pgettext(MENU, title) if lang is None else translate_context(lang, MENU, title)
    st.set_page_config(page_title=f"{shown} · Bo trygt", page_icon=FAVICON, layout="wide")


def draw_menu(*, actor: Actor, display_name: str, role_label: str, demo: bool) -> None:
    """The sidebar: who is logged in, and only the pages this role may open."""
    with st.sidebar:
        st.markdown("### " + _("Bo trygt · styringsdashboard"))
        st.caption(f"{for_markdown(display_name)} · {role_label}")
        for item in PAGES.values():
            if item.visible(actor):
                st.page_link(item.path, label=pgettext(MENU, item.label), icon=item.icon)
        if demo:
            st.caption(":orange[" + _("Demo-tilstand") + "]")


def demo_notice(demo: bool, *, text: str = DEMO_BANNER, lang: str | None = None) -> None:
    """The visible 'Eksempeldata' warning wherever demo data is shown; a `text` marked for
    translation (ui.text's banners) is shown in `lang` (the public page's ?lang=), else in the
    session's language; a text the catalogue lacks is shown as given."""
    if demo:
        shown = translate(active_language() if lang is None else lang, text)
        st.warning(shown, icon=":material/science:")


DATABASE_DOWN = N_("Databasen svarer ikke lige nu; prøv igen om lidt.")
UNEXPECTED = N_(
    "Der opstod en uventet fejl. Den er logget; prøv igen, eller kontakt administratoren."
)


def explain_failure(error: Exception) -> None:
    """Show an exception the Danish way: a domain error's own words, the database being down or
    locked as such (with a button to try again), anything else as a logged plain message."""
    if isinstance(error, DomainError):
        st.error(error_text(error), icon=":material/error:")
    elif database_unavailable(error):
        logging.getLogger("botrygt").warning("Databasen svarer ikke: %s", error.__class__.__name__)
        st.error(_(DATABASE_DOWN), icon=":material/cloud_off:")
        st.button(_("Prøv igen"), key="botrygt_retry", icon=":material/refresh:")
    else:
        # Logged in full for the operator; the person at the screen gets a plain Danish message.
        logging.getLogger("botrygt").exception("Uventet fejl på siden")
        st.error(_(UNEXPECTED), icon=":material/error:")


@contextmanager
def fenced() -> Iterator[None]:
    """Everything before the page body (the login guard): any failure is explained, then stop."""
    try:
        yield
    except Exception as error:
        explain_failure(error)
        st.stop()


def guarded(render: Callable[[], None]) -> None:
    """Run a page body; a domain error becomes a Danish message, never a traceback."""
    try:
        render()
    except Exception as error:
        explain_failure(error)
