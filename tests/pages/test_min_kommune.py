"""AppTest: Min kommune shows the three goals, the changes since the last meeting, the plan items
that need attention and the open follow-ups of the viewer's municipality, each linking to its page."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.seed.demo_users import DEMO_USERS
from dataio.store.action_plans import plan_items
from dataio.store.burglaries import municipality_overview
from dataio.store.walks import open_follow_ups
from models.domain import Indicator
from models.formatting import fmt_count
from models.home import follow_up_sentence, plan_attention, status_sentence
from models.vocabulary import status_label
from tests.factories import READER
from tests.pages.apptest import APP, TIMEOUT, page_text, run_page

PAGE = "pages/0_Min_kommune.py"


def _links(at: AppTest) -> dict[str, str]:
    """The page links in the main area: label -> page's URL name (the sidebar menu left out)."""
    main = at.main.get("page_link")
    return {e.proto.label.strip("*"): e.proto.page for e in main}


def test_council_sees_its_municipality_on_one_page(app_env: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.exception and not at.error
    assert at.title[0].value == "Min kommune: Ishøj"
    text = page_text(at)
    engine = make_engine(app_env)
    burglaries = municipality_overview(engine, code=183)
    status = burglaries.assessment.status
    assert status_label(status) in text
    assert status_sentence(Indicator.BURGLARIES, status) in text
    assert "Eksempeldata." in text
    assert "siden " in text and "(Sidste møde regnes som 30 dage siden.)" in text
    attention = plan_attention(
        plan_items(engine, viewer=READER, municipality_code=183), today=date.today()
    )
    assert fmt_count(len(attention.overdue), one="punkt", many="punkter") + " over fristen" in text
    follow_ups = open_follow_ups(engine, viewer=READER, municipality_code=183)
    assert follow_up_sentence(len(follow_ups)) in text
    links = _links(at)
    assert set(links) == {
        "Indbrud",
        "Nabohjælp",
        "Tryghed",
        "Siden sidste møde",
        "Handlingsplanen",
        "Åbne opfølgninger",
    }
    assert links["Indbrud"] == "Kommune"  # the page's URL name
    assert links["Tryghed"] == "Tryghed"
    assert links["Handlingsplanen"] == links["Åbne opfølgninger"] == "Handlingsplan"
    assert links["Siden sidste møde"] == "Aendringslog"
    # each link keeps the municipality
    assert all(e.proto.query_string == "kommune=183" for e in at.main.get("page_link"))


def test_council_cannot_switch_to_another_municipality(app_env: str) -> None:
    at = run_page(PAGE, user="byraad", query={"kommune": "751"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Min kommune: Ishøj"
    assert at.sidebar.selectbox[0].options == ["Ishøj (183)"]


def test_administrator_picks_any_municipality(app_env: str) -> None:
    at = run_page(PAGE, user="admin", query={"kommune": "101"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Min kommune: København"
    assert "Aarhus (751)" in at.sidebar.selectbox[0].options
    at.sidebar.selectbox[0].select(183).run()
    assert at.title[0].value == "Min kommune: Ishøj"
    assert at.query_params["kommune"] == "183"


def test_police_pick_within_their_district(app_env: str) -> None:
    at = run_page(PAGE, user="politi", query={"kommune": "751"})
    assert not at.exception and not at.error
    assert at.title[0].value == "Min kommune: Albertslund"  # the district's first, not Aarhus
    assert "Aarhus (751)" not in at.sidebar.selectbox[0].options
    assert "Ishøj (183)" in at.sidebar.selectbox[0].options


PASSWORDS = {user.username: user.password for user in DEMO_USERS}


def _login_at(path: str, username: str) -> AppTest:
    """Open the app at a page without a session and log in with the form."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    if path != "app.py":
        at.switch_page(path).run()
    name, secret = at.text_input
    name.input(username)
    secret.input(PASSWORDS[username])
    next(b for b in at.button if b.label == "Log ind").click().run()
    return at


@pytest.mark.parametrize("username", ["byraad", "projektleder"])
def test_municipal_roles_land_on_min_kommune(private_db: str, username: str) -> None:
    at = _login_at("app.py", username)
    assert not at.exception and not at.error
    assert [h.value for h in at.title] == ["Min kommune: Ishøj"]


@pytest.mark.parametrize("username", ["admin", "politi"])
def test_other_roles_land_on_the_forside(private_db: str, username: str) -> None:
    at = _login_at("app.py", username)
    assert not at.exception and not at.error
    assert at.title[0].value == "Forside: status for måltal"


def test_a_deep_link_keeps_its_page_after_logging_in(private_db: str) -> None:
    at = _login_at("pages/7_Tryghed.py", "byraad")
    assert not at.exception and not at.error
    assert at.title[0].value == "Tryghed: Ishøj"
