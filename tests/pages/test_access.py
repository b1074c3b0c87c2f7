"""AppTest: the login guard on every page, each role's menu, refusals, and the forms that write."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.users import find_user, set_active
from tests.factories import ADMIN
from tests.pages.apptest import page_text, run_page
from ui.page import PAGES as MENU_PAGES
from ui.session import SESSION_KEY

ROOT = Path(__file__).resolve().parents[2]

PAGES = {
    "Min kommune": "pages/0_Min_kommune.py",
    "Forside": None,
    "Kommune": "pages/1_Kommune.py",
    "Effekt": "pages/11_Effekt.py",
    "Handlingsplan": "pages/4_Handlingsplan.py",
    "Mine opgaver": "pages/12_Mine_opgaver.py",
    "Hotspots": "pages/14_Hotspots.py",
    "Nabohjælp": "pages/6_Nabohjaelp.py",
    "Tryghed": "pages/7_Tryghed.py",
    "Rapport": "pages/10_Rapport.py",
    "Møder": "pages/13_Moeder.py",
    "Kommunikation": "pages/16_Kommunikation.py",
    "Data": "pages/5_Data.py",
    "Ændringslog": "pages/2_Aendringslog.py",
    "Mål": "pages/3_Maal.py",
    "Administration": "pages/8_Administration.py",
    "Min konto": "pages/9_Min_konto.py",
}
PUBLIC_PAGES = {"pages/15_Offentlig.py"}  # no login on purpose (tests/pages/test_offentlig.py)
MENUS = {  # written out by hand from the roles issue
    "admin": [
        "Min kommune",
        "Forside",
        "Kommune",
        "Effekt",
        "Handlingsplan",
        "Mine opgaver",
        "Hotspots",
        "Nabohjælp",
        "Tryghed",
        "Rapport",
        "Møder",
        "Kommunikation",
        "Data",
        "Mål",
        "Ændringslog",
        "Administration",
        "Min konto",
    ],
    "projektleder": [
        "Min kommune",
        "Forside",
        "Kommune",
        "Effekt",
        "Handlingsplan",
        "Mine opgaver",
        "Hotspots",
        "Nabohjælp",
        "Tryghed",
        "Rapport",
        "Møder",
        "Kommunikation",
        "Data",
        "Mål",
        "Ændringslog",
        "Min konto",
    ],
    "politi": [
        "Min kommune",
        "Forside",
        "Kommune",
        "Effekt",
        "Handlingsplan",
        "Mine opgaver",
        "Hotspots",
        "Nabohjælp",
        "Tryghed",
        "Rapport",
        "Møder",
        "Kommunikation",
        "Data",  # the police's own incident extract (and the district's helper counts)
        "Mål",  # the district's helper goals
        "Ændringslog",
        "Min konto",
    ],
    "byraad": [
        "Min kommune",
        "Forside",
        "Kommune",
        "Effekt",
        "Handlingsplan",
        "Hotspots",
        "Nabohjælp",
        "Tryghed",
        "Rapport",
        "Møder",
        "Kommunikation",
        "Ændringslog",
        "Min konto",
    ],
}


def menu(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_every_page_but_the_public_one_is_guarded_here() -> None:
    files = {str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")}
    assert files - PUBLIC_PAGES == {p for p in PAGES.values() if p is not None}
    assert not PUBLIC_PAGES & {item.path for item in MENU_PAGES.values()}  # not in any menu


@pytest.mark.parametrize("page", list(PAGES))
def test_without_login_only_the_login_form(app_env: str, page: str) -> None:
    at = run_page(PAGES[page], user=None)
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]
    assert (
        not at.title
        and not at.get("plotly_chart")
        and not at.get("deck_gl_json_chart")
        and not menu(at)
    )
    assert "Demo-tilstand" in at.info[0].value  # demo users are listed in demo mode


@pytest.mark.parametrize("user", list(MENUS))
def test_menu_shows_only_the_roles_pages(app_env: str, user: str) -> None:
    at = run_page(user=user)
    assert menu(at) == MENUS[user]


@pytest.mark.parametrize(
    ("user", "page"), [(u, p) for u in MENUS for p in PAGES if p not in MENUS[u]]
)
def test_forbidden_pages_refuse(app_env: str, user: str, page: str) -> None:
    at = run_page(PAGES[page], user=user)
    assert [e.value for e in at.error] == [
        "Ingen adgang: din rolle giver ikke adgang til denne side."
    ]
    assert not at.title and not at.get("form")
    assert [b.label for b in at.button] == ["Log ud"]  # nothing to press but the way out


@pytest.mark.parametrize(("user", "page"), [(u, p) for u in MENUS for p in MENUS[u]])
def test_allowed_pages_render_without_errors(app_env: str, user: str, page: str) -> None:
    at = run_page(PAGES[page], user=user)
    assert not at.exception and not at.error
    assert at.title and at.title[0].value.startswith(page)


def test_kommune_opens_on_the_users_own_area(app_env: str) -> None:
    assert run_page(PAGES["Kommune"], user="byraad").title[0].value == "Kommune: Ishøj"
    # police: the first municipality of Københavns Vestegns Politi in name order
    assert run_page(PAGES["Kommune"], user="politi").title[0].value == "Kommune: Albertslund"


def test_admin_adds_a_user_through_the_form(private_db: str) -> None:
    at = run_page(PAGES["Administration"], user="admin")
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Brugernavn (små bogstaver)"].input("Sofie")
    form_inputs["Navn"].input("Sofie Berg")
    at.selectbox(key="add_role").select("council")
    at.selectbox(key="add_municipality").select(183)
    form_inputs["Adgangskode (mindst 10 tegn)"].input("en-lang-kode-123")
    next(b for b in at.button if b.label == "Opret bruger").click().run()
    assert [s.value for s in at.success] == ["Brugeren sofie er oprettet."]
    user = find_user(make_engine(private_db), username="sofie")
    assert user is not None and (user.role, user.municipality_code) == ("council", 183)


def test_admin_form_errors_are_danish_and_write_nothing(private_db: str) -> None:
    at = run_page(PAGES["Administration"], user="admin")
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Brugernavn (små bogstaver)"].input("kort")
    at.selectbox(key="add_role").select("police")
    form_inputs["Adgangskode (mindst 10 tegn)"].input("en-lang-kode-123")
    next(b for b in at.button if b.label == "Opret bruger").click().run()
    assert [e.value for e in at.error] == ["Rollen politi skal bindes til netop én politikreds"]
    assert not at.exception
    assert find_user(make_engine(private_db), username="kort") is None


def test_project_leader_creates_and_saves_the_local_goal(private_db: str) -> None:
    at = run_page(PAGES["Mål"], user="projektleder")
    assert "Ishøj har intet eget indbrudsmål" in at.info[0].value
    next(b for b in at.button if b.label == "Opret eget indbrudsmål").click().run()
    assert next(s for s in at.selectbox if s.label == "Mål").options == ["Indbrud · Ishøj"]
    next(n for n in at.number_input if n.label == "Målår").set_value(2029)
    next(b for b in at.button if b.label == "Gem mål").click().run()
    assert [s.value for s in at.success] == ["Målet er gemt og skrevet i ændringsloggen."]
    log = run_page(PAGES["Ændringslog"], user="byraad")
    assert re.search(r"\d+ ændring(er)? siden", page_text(log))
    assert not log.error
    frame = log.table[0].value  # the change log is an st.table (wrapped text)
    assert "Mål for Ishøj (indbrud) ændret" in set(frame["Ændring"])
    assert "Lokalt mål for Ishøj (indbrud) oprettet" in set(frame["Ændring"])


def test_change_own_password(private_db: str) -> None:
    at = run_page(PAGES["Min konto"], user="politi")
    old, new, repeat = at.text_input[-3:]  # the e-mail form comes first
    old.input("demo-politi-1234")
    new.input("en-helt-ny-kode-9")
    repeat.input("en-anden-kode-99")
    next(b for b in at.button if b.label == "Skift adgangskode").click().run()
    assert [e.value for e in at.error] == ["De to nye adgangskoder er ikke ens."]
    old, new, repeat = at.text_input[-3:]
    old.input("demo-politi-1234")
    new.input("en-helt-ny-kode-9")
    repeat.input("en-helt-ny-kode-9")
    next(b for b in at.button if b.label == "Skift adgangskode").click().run()
    assert [s.value for s in at.success] == [
        "Adgangskoden er skiftet. Du er logget ud alle andre steder."
    ]
    at.run()  # this session goes on: it was renewed with the new sessions_valid_from
    assert at.title[0].value == "Min konto" and not at.error


def test_a_disabled_user_is_logged_out_at_once(private_db: str) -> None:
    set_active(make_engine(private_db), actor=ADMIN, username="byraad", active=False)
    at = run_page(user="byraad")
    assert not at.title and not at.get("plotly_chart")
    assert [e.value for e in at.error] == [
        "Din bruger er deaktiveret eller findes ikke længere. Kontakt administratoren."
    ]
    assert SESSION_KEY not in at.session_state  # logged out here (and the cookie deleted)
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]


def test_refuses_to_start_unsafely_outside_demo_mode(
    private_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOTRYGT_DEMO", "0")
    monkeypatch.delenv("BOTRYGT_COOKIE_KEY", raising=False)
    at = run_page(user="admin")
    assert at.error[0].value.startswith(
        "Appen kan ikke starte sikkert: BOTRYGT_COOKIE_KEY er ikke sat"
    )
    assert not at.title and not at.text_input


def test_a_helper_goal_reads_as_new_helpers_and_offers_no_reduction(app_env: str) -> None:
    at = run_page(PAGES["Mål"], user="admin")
    picker = next(s for s in at.selectbox if s.label == "Mål")
    picker.select_index(picker.options.index("Nabohjælpere · Solrød")).run()
    assert not at.exception and not at.error
    assert any("Nu: 1.275 nye nabohjælpere i 2030" in c.value for c in at.caption)
    # a level, new helpers or a share of the households: never a reduction
    [unit] = [s for s in at.selectbox if s.label == "Måltype"]
    assert unit.value == "increase" and not at.radio
    assert any(n.label == "Målniveau (nye nabohjælpere)" for n in at.text_input)
    assert not any(n.label == "Reduktion i %" for n in at.text_input)
