"""AppTest: the language choice on Min konto is stored on the user, and the menu, the page titles
and Min konto follow it on the next page and in a new session; ?lang=en gives an English login
form; Danish stays the default."""

from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.store.users import find_user
from tests.pages.apptest import page_text, run_page

KONTO = "pages/9_Min_konto.py"
MIN_KOMMUNE = "pages/0_Min_kommune.py"
DANISH_MENU = ["Min kommune", "Forside", "Kommune", "Effekt", "Handlingsplan", "Mine opgaver"]
ENGLISH_MENU = ["My municipality", "Home", "Municipality", "Effect", "Action plan", "My tasks"]


def menu(at: AppTest) -> list[str]:
    """The sidebar menu's labels."""
    return [link.proto.label for link in at.sidebar.get("page_link")]


def stored_language(url: str, username: str) -> str:
    user = find_user(make_engine(url), username=username)
    assert user is not None
    return user.language


def test_danish_is_the_default(app_env: str) -> None:
    at = run_page(KONTO, user="projektleder")
    assert not at.exception and not at.error
    assert menu(at)[:6] == DANISH_MENU
    assert [t.value for t in at.title] == ["Min konto"]
    assert at.radio(key="own_language_choice").value == "da"


def test_choosing_english_is_stored_and_the_next_page_is_english(private_db: str) -> None:
    at = run_page(KONTO, user="projektleder")
    at.radio(key="own_language_choice").set_value("en")
    at = next(b for b in at.button if b.label == "Gem sprog").click().run()
    assert not at.exception and not at.error
    assert stored_language(private_db, "projektleder") == "en"
    assert [s.value for s in at.success] == [
        "Your language has been saved. The menu and the pages are now shown in English."
    ]
    # the same page, drawn again: Min konto and the menu in English
    assert [t.value for t in at.title] == ["My account"]
    assert menu(at)[:6] == ENGLISH_MENU and "My account" in menu(at)
    assert "project leader for municipality 183" in page_text(at)
    assert {s.value for s in at.subheader} >= {"Language", "E-mail and monthly brief"}
    assert [b.label for b in at.button if b.label.startswith("Log")] == ["Log out"]
    # the next page keeps the language
    at.switch_page(MIN_KOMMUNE).run()
    assert not at.exception
    assert menu(at)[:6] == ENGLISH_MENU
    # and so does a new session: the choice is the user's, not the browser's
    again = run_page(KONTO, user="projektleder")
    assert menu(again)[:6] == ENGLISH_MENU
    assert again.radio(key="own_language_choice").value == "en"
    # back to Danish
    again.radio(key="own_language_choice").set_value("da")
    again = next(b for b in again.button if b.label == "Save language").click().run()
    assert stored_language(private_db, "projektleder") == "da"
    assert [s.value for s in again.success] == [
        "Dit sprog er gemt. Menuen og siderne vises nu på dansk."
    ]
    assert menu(again)[:6] == DANISH_MENU


def test_another_users_choice_is_their_own(private_db: str) -> None:
    at = run_page(KONTO, user="byraad")
    at.radio(key="own_language_choice").set_value("en")
    next(b for b in at.button if b.label == "Gem sprog").click().run()
    assert stored_language(private_db, "byraad") == "en"
    assert stored_language(private_db, "projektleder") == "da"
    assert menu(run_page(KONTO, user="projektleder"))[:6] == DANISH_MENU


def test_the_login_form_in_english_with_lang_en(app_env: str) -> None:
    at = run_page(None, user=None, query={"lang": "en"})
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert [s.value for s in at.subheader] == ["Log in"]
    assert "Log in as one of the demo users" in "\n".join(i.value for i in at.info)
    danish = run_page(None, user=None)
    assert [t.label for t in danish.text_input] == ["Brugernavn", "Adgangskode"]
