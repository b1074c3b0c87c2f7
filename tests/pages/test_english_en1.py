"""AppTest: the change log (Ændringslog) in English for every role that sees it: headings,
filters, paging, the table's headings, field names, values, numbers and dates; no Danish string of
the catalogue left on the page (the stored summaries are Danish data, quoted as logged)."""

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from dataio.db import audit
from dataio.db.engine import make_engine, transaction
from dataio.store.neighbour_help import add_activity, add_helper_count
from models.formatting import danish_day, fmt_date
from models.permissions import Actor, Role
from tests.danish_left import danish_left_in
from tests.pages.apptest import every_text, page_text, run_page, use_english

PAGE = "pages/2_Aendringslog.py"
ADMIN = Actor("admin", Role.ADMIN)
# the day in Denmark (the page dates and filters by Danish midnight; at 23-24 UTC that is tomorrow)
TODAY = danish_day(datetime.now(UTC))
ROLES = ["admin", "projektleder", "politi", "byraad", "erhverv"]
COLUMNS = ["Time", "Person", "Change", "Before", "After"]


def danish_left_on(at: AppTest) -> list[str]:
    """The catalogue's Danish strings left in what a person reads on the page. A menu link's
    `page` field is its address (".../Kommune", from the file name), not text a person reads:
    every_text includes it, so it is taken out here, once per link."""
    texts = Counter(every_text(at))
    texts.subtract(Counter(link.proto.page for link in at.get("page_link") if link.proto.page))
    return sorted({m for t, n in texts.items() if n > 0 for m in danish_left_in(t)})


@pytest.fixture
def log(private_db: str) -> Iterator[Engine]:
    """A helper count, a recruitment activity and three goal changes in Ishøj."""
    engine = make_engine(private_db)
    add_helper_count(
        engine, actor=ADMIN, municipality_code=183, count_date=TODAY, helpers=1450, today=TODAY
    )
    add_activity(engine, actor=ADMIN, municipality_code=183, activity_date=TODAY, kind="messe",
                 place="Ishøj Bycenter", sign_ups=14)  # fmt: skip
    with transaction(engine) as session:
        for i in range(3):
            audit.record(session, actor=ADMIN, action="goal.update", entity="goal",
                         entity_key=str(i), summary=f"Mål nr. {i} ændret",
                         before={"target_year": 2030, "target": 1200.0, "active": True},
                         after={"target_year": 2029, "target": 1000.0, "active": False},
                         municipality_code=183, police_district_number=10)  # fmt: skip
    yield engine
    engine.dispose()


@pytest.mark.parametrize("user", ROLES)
def test_change_log_in_english(log: Engine, private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(PAGE, user=user)
    assert not at.exception and not at.error
    assert danish_left_on(at) == []
    assert [t.value for t in at.title] == ["Change log"]
    text = page_text(at)
    assert "Page 1 of 1" in text
    since = date.today() - timedelta(days=30)  # the page's default, from the machine's day
    assert f"changes since {fmt_date(since, lang='en')} that" in text  # "7 Nov 2026"
    assert "that your role may see." in text
    assert [s.label for s in at.selectbox] == ["Kind of change", "Municipality", "Person"]
    assert at.selectbox[0].options[0] == "All"
    assert "Neighbour-helper count recorded" in at.selectbox[0].options
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the whole selection as Excel" in labels
    table = at.table[0].value
    assert list(table.columns) == COLUMNS
    shown = table.to_csv()
    assert "Neighbour helpers: 1,450" in shown
    assert "Type: Fair; Place: Ishøj Bycenter" in shown
    assert "Active: yes; Target level: 1,200; Target year: 2030" in shown
    assert "Goal changed (as logged in Danish: «Mål nr. 0 ændret»)" in shown
    # every cell but the logged Danish summaries is English
    for column in ["Time", "Person", "Before", "After"]:
        cells = [str(v) for v in table[column]]
        assert sorted({m for c in cells for m in danish_left_in(c)}) == [], column


def test_filtered_to_one_kind_in_english(log: Engine, private_db: str) -> None:
    use_english(private_db, "admin")
    at = run_page(PAGE, user="admin")
    at.selectbox(key="audit_action").select("helpers.count").run()
    assert not at.exception and not at.error
    assert "1 change since" in page_text(at)
    table = at.table[0].value
    assert len(table) == 1 and table["After"][0].startswith("Neighbour helpers: 1,450")


def test_nothing_in_the_period_in_english(log: Engine, private_db: str) -> None:
    use_english(private_db, "byraad")
    at = run_page(PAGE, user="byraad")
    at.date_input(key="audit_since").set_value(TODAY + timedelta(days=2)).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["No changes in the period with the chosen filters."]
    assert danish_left_on(at) == []
