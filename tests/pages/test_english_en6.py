"""AppTest: Administration, Min konto, Kommunikation and Erhverv in English (issue 18), for every
role that sees them: no Danish string of the catalogue is left, the numbers are English, and the
tables' headings and shown values are English; a refusal reads in English too."""

from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dataio.communication.press import add_press_entry
from dataio.communication.stakeholders import add_stakeholder, set_item_partners
from dataio.db.engine import make_engine
from dataio.store.action_plans import plan_items
from dataio.store.areas import NOT_A_PARTNERSHIP, set_partnership_start
from tests.danish_left import danish_left_in
from tests.factories import ADMIN, ISHOJ, LEADER, READER
from tests.pages.apptest import every_text, run_page, use_english

ADMINISTRATION = "pages/8_Administration.py"
KONTO = "pages/9_Min_konto.py"
KOMMUNIKATION = "pages/16_Kommunikation.py"
ERHVERV = "pages/17_Erhverv.py"
# the roles that see each page (tests/pages/test_access.py)
READERS = ["admin", "projektleder", "politi", "byraad", "erhverv"]
USERNAMES = frozenset(READERS)  # the demo users' names (data), options of Administration's pickers


def _page_names(at: AppTest) -> list[str]:
    """The menu links' page names: the address of a page (its file's name), not text anyone reads
    (the link's label, which is read, stays in)."""
    names, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ == "PageLink":
            names.append(proto.page)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack.extend(children.values())
    return names


def _danish_left(at: AppTest, *data: str, exact: frozenset[str] = frozenset()) -> list[str]:
    """The catalogue's Danish strings left on the page, the partnership's own `data` (names typed
    by people, demo contents) taken out first, and texts that are `exact`ly such data (usernames
    as options): they are not ours to translate."""
    pages = set(_page_names(at))
    texts = [t for t in every_text(at) if t not in pages]
    for frame in (d.value for d in at.dataframe):
        texts += [str(c) for c in frame.columns]  # headings (the cells are the data's or ours)
    found = set()
    for text in texts:
        if text in exact:
            continue
        for datum in data:
            text = text.replace(datum, "")
        found.update(danish_left_in(text))
    return sorted(found)


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _press_and_partners(db_url: str) -> str:
    """Two pieces of coverage in one quarter, a stakeholder and a plan item naming it."""
    engine = make_engine(db_url)
    for headline, tone in (("Nabohjælp virker", "constructive"), ("Indbrud i Ishøj", "negative")):
        add_press_entry(
            engine,
            actor=LEADER,
            code=ISHOJ,
            published_on=date(2026, 11, 2),
            medium="Ishøj Avis",
            headline=headline,
            tone=tone,
            today=date.today(),
        )
    made = add_stakeholder(engine, actor=LEADER, code=ISHOJ, organisation="Bauhaus Ishøj")
    first = plan_items(engine, viewer=READER, municipality_code=ISHOJ).iloc[0]
    set_item_partners(engine, actor=LEADER, item_id=int(first["id"]), stakeholder_ids=[made])
    engine.dispose()
    return str(first["title"])


def _item_titles(db_url: str) -> frozenset[str]:
    """Ishøj's plan items' titles (the partnership's own words: options of the pickers)."""
    engine = make_engine(db_url)
    try:
        return frozenset(
            map(str, plan_items(engine, viewer=READER, municipality_code=ISHOJ)["title"])
        )
    finally:
        engine.dispose()


def test_administration_in_english(private_db: str) -> None:
    use_english(private_db, "admin")
    at = run_page(ADMINISTRATION, user="admin")
    assert not at.exception and not at.error
    assert _danish_left(at, exact=USERNAMES) == []
    assert [t.value for t in at.title] == ["Administration"]
    assert [t.label for t in at.tabs] == [
        "Create user",
        "Disable/enable",
        "Role and area",
        "Reset password",
        "E-mail",
        "Partnerships",
    ]
    users = _frame(at, "Username")
    assert list(users.columns) == [
        "Username",
        "Name",
        "Role",
        "Area",
        "E-mail",
        "Active",
        "Locked until",
    ]
    assert set(users["Role"]) >= {"administrator", "project leader", "council"}
    assert set(users["Active"]) <= {"yes", "no"}
    assert "all of Denmark" in set(users["Area"])
    partnerships = _frame(at, "Partnership since")
    assert list(partnerships.columns) == ["Municipality", "Code", "Partnership since", "First day"]
    # English dates: "1 Oct 2019", not "1. okt. 2019"
    days = [d for d in partnerships["First day"] if d != "–"]
    assert days and all("." not in d for d in days)
    assert "council" in at.selectbox(key="add_role").options


def test_administration_refusal_in_english(private_db: str) -> None:
    use_english(private_db, "admin")
    at = run_page(ADMINISTRATION, user="admin")
    at.text_input(key="add_username").set_value("admin")
    at.text_input(key="add_display_name").set_value("Endnu en")
    at.text_input(key="add_password").set_value("langt-nok-kodeord")
    at = at.button(key="add_save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The username admin already exists"]
    # a form's own check, in English too
    at.selectbox(key="partnership_code").set_value(ISHOJ)
    at = at.button(key="partnership_save").click().run()
    assert [e.value for e in at.error] == [
        "Choose a start date, or tick »Clear the start date«. Nothing has been saved."
    ]


@pytest.mark.parametrize("user", READERS)
def test_my_account_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(KONTO, user=user)
    assert not at.exception and not at.error
    # the language picker's label is in both languages on purpose (whoever cannot read the one
    # finds the other); the username is data
    assert _danish_left(at, user, exact=frozenset({"Sprog / Language"})) == []
    assert [t.value for t in at.title] == ["My account"]


@pytest.mark.parametrize("user", READERS)
def test_communication_in_english(private_db: str, user: str) -> None:
    title = _press_and_partners(private_db)
    use_english(private_db, user)
    at = run_page(KOMMUNIKATION, query={"kommune": str(ISHOJ)}, user=user)
    assert not at.exception and not at.error
    # the headlines are the partnership's (in the picker of the coverage to edit)
    headlines = ("Nabohjælp virker", "Indbrud i Ishøj")
    assert _danish_left(at, *headlines, exact=_item_titles(private_db)) == []
    assert [t.value for t in at.title] == ["Communication: Ishøj"]
    text = "\n".join(every_text(at))
    assert "**Q4 2026:** 50.0 % (1 of 2 articles; 95 % interval " in text
    assert "Share of constructive coverage per quarter (95 % interval)" in text
    log = _frame(at, "Headline")
    assert list(log.columns) == [
        "Date",
        "Medium",
        "Headline",
        "Tone",
        "Target",
        "Activity",
        "Link",
    ]
    assert set(log["Tone"]) == {"constructive", "negative"}
    assert set(log["Date"]) == {"2 Nov 2026"}
    tone = _frame(at, "Quarter")
    assert list(tone["Quarter"]) == ["Q4 2026"] and list(tone["Share constructive"]) == ["50.0 %"]
    register = _frame(at, "Organisation")
    assert list(register["Partner in"]) == [title]
    assert list(_frame(at, "Partners")["Partners"]) == ["Bauhaus Ishøj"]


def test_communication_refusal_in_english(private_db: str) -> None:
    use_english(private_db, "projektleder")
    at = run_page(KOMMUNIKATION, query={"kommune": str(ISHOJ)}, user="projektleder")
    at.text_input(key="press_medium").set_value("Ishøj Avis")
    at = at.button(key="press_save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The headline is required."]
    at.text_input(key="stakeholder_organisation").set_value("Bauhaus")
    at.text_input(key="stakeholder_email").set_value("ikke en adresse")
    at = at.button(key="stakeholder_save").click().run()
    assert "The e-mail address is not valid." in [e.value for e in at.error]


@pytest.mark.parametrize("user", READERS)
def test_business_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(ERHVERV, query={"kommune": str(ISHOJ)}, user=user)
    assert not at.exception and not at.error
    # the demo groups' contact names begin "Eksempeldata: " (the partnership's data, which the
    # English banner quotes as it is shown)
    assert _danish_left(at, "Eksempeldata") == []
    assert [t.value for t in at.title] == ["Business: Ishøj"]
    assert any(w.value.startswith("**Example data.**") for w in at.warning)
    groups = _frame(at, "Group")
    assert "Share with a security check" in groups.columns
    assert all("," not in s for s in groups["Share with a security check"])  # 12.5 %, not 12,5 %
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {
        "Share with a security check",
        "Businesses with a security check",
        "Businesses in the groups",
    }
    assert metrics["Share with a security check"].endswith(" %")
    assert "," not in metrics["Share with a security check"]
    events = _frame(at, "Type")
    assert set(events["Type"]) <= {"Meeting", "Safety walk", "Security check", "Other"}


def test_business_refusal_in_english(private_db: str) -> None:
    use_english(private_db, "erhverv")
    at = run_page(ERHVERV, user="erhverv")
    at.text_input(key="bg_name_0_0").set_value("Ny gruppe A/S")
    at.text_input(key="bg_members_0_0").set_value("mange")
    at = at.button(key="bg_save_0_0").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Number of businesses must be a whole number (got «mange»)"
    ]


def test_publish_form_on_min_kommune_in_english(private_db: str) -> None:
    use_english(private_db, "projektleder")
    at = run_page("pages/0_Min_kommune.py", user="projektleder")
    assert not at.exception and not at.error
    assert "Public view" in [e.label for e in at.expander]
    assert "Ishøj is not a partnership municipality and cannot have a public view." in [
        c.value for c in at.caption
    ]
    engine = make_engine(private_db)
    set_partnership_start(
        engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        start=date(2024, 1, 1),
        seen=NOT_A_PARTNERSHIP,
        today=date(2026, 12, 2),
    )
    engine.dispose()
    at = run_page("pages/0_Min_kommune.py", user="projektleder")
    assert at.toggle(key="publish_on").label == "Public view switched on"
    assert at.text_area(key="publish_summary").label == "Text for the citizens"
    at.text_area(key="publish_summary").input("Ny tekst")
    at = at.button(key="publish_save").click().run()
    assert [s.value for s in at.success] == [
        "The public view has been saved and written to the change log."
    ]


def test_a_business_group_edited_in_english(private_db: str) -> None:
    use_english(private_db, "erhverv")
    at = run_page(ERHVERV, query={"kommune": str(ISHOJ)}, user="erhverv")
    picker = at.selectbox(key="business_group_choice")
    assert picker.options[0] == "New group"
    at = picker.select_index(1).run()  # the first group
    assert not at.exception and not at.error
    assert _danish_left(at, "Eksempeldata") == []
    labels = [b.label for b in at.button]
    assert "Save the group" in labels and "Yes, delete the group" in labels
    at = next(b for b in at.button if b.label == "Save the group").click().run()
    assert [i.value for i in at.success] == ["Nothing to save: the group is unchanged."]


def test_an_e_mail_saved_in_english(private_db: str) -> None:
    use_english(private_db, "admin")
    at = run_page(ADMINISTRATION, user="admin")
    at = at.selectbox(key="email_user").set_value("politi").run()
    at.text_input(key="email_politi").set_value("politi@example.dk")
    at = at.button(key="email_save").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["The e-mail of politi has been saved."]


def test_a_wrong_password_is_refused_in_english(private_db: str) -> None:
    use_english(private_db, "politi")
    at = run_page(KONTO, user="politi")
    at.text_input(key="own_password_old").set_value("forkert-kodeord")
    at.text_input(key="own_password_new").set_value("et-nyt-langt-kodeord")
    at.text_input(key="own_password_repeat").set_value("et-nyt-langt-kodeord")
    at = at.button(key="own_password_save").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The current password is wrong"]
    at.text_input(key="own_email_address").set_value("ikke-en-adresse")
    at = at.button(key="own_email_save").click().run()
    assert [e.value for e in at.error] == [
        "The e-mail has not been saved: »ikke-en-adresse« is not an e-mail address "
        "(e.g. name@kommune.dk)."
    ]
