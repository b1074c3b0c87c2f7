"""AppTest: the change log in Danish words, 200 rows a page, filters, and the viewer's scope."""

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from dataio.db import audit
from dataio.db.engine import make_engine, transaction
from dataio.store.neighbour_help import add_activity, add_helper_count
from models.permissions import Actor, Role
from tests.pages.apptest import page_text, run_page

PAGE = "pages/2_Aendringslog.py"
ADMIN = Actor("admin", Role.ADMIN)
TODAY = date.today()
# what the log stored before it spoke Danish: field codes, ISO dates, unformatted counts
CODE_WORDS = re.compile(r"helpers:|sign_ups|walk_date|kind:|place:|\d{4}-\d{2}-\d{2}|\b1450\b")


@pytest.fixture
def log(private_db: str) -> Iterator[Engine]:
    """A helper count and an activity in Ishøj, 250 rows for Ishøj and 3 for Frederiksberg."""
    engine = make_engine(private_db)
    add_helper_count(
        engine, actor=ADMIN, municipality_code=183, count_date=TODAY, helpers=1450, today=TODAY
    )
    add_activity(engine, actor=ADMIN, municipality_code=183, activity_date=TODAY, kind="messe",
                 place="Ishøj Bycenter", sign_ups=14)  # fmt: skip
    with transaction(engine) as session:
        for i, code in enumerate([183] * 250 + [147] * 3):
            audit.record(session, actor=ADMIN, action="goal.update", entity="goal",
                         entity_key=str(i), summary=f"Mål nr. {i} ændret",
                         before={"target_year": 2030}, after={"target_year": 2029},
                         municipality_code=code, police_district_number=10 if code == 183 else 1)  # fmt: skip
    yield engine
    engine.dispose()


def test_council_reads_danish_words_one_page_at_a_time(log: Engine) -> None:
    at = run_page(PAGE, user="byraad")  # Ishøj's council member
    assert not at.exception
    text = page_text(at)
    assert "Side 1 af 2" in text
    assert re.search(r"25\d ændringer siden", text)
    table = at.table[0].value
    assert list(table.columns) == ["Tidspunkt", "Person", "Ændring", "Før", "Efter"]
    assert len(table) == 200
    assert set(table["Person"]) == {"Demo Administrator"}  # a name, not a username
    assert not CODE_WORDS.search(table.to_csv())
    assert "Frederiksberg" not in table.to_csv()  # out of the council member's scope

    at.number_input(key="audit_page").set_value(2).run()
    shown = at.table[0].value.to_csv()
    assert "Side 2 af 2" in page_text(at)
    assert "Nabohjælpere: 1.450" in shown and "Type: Messe; Sted: Ishøj Bycenter" in shown
    assert not CODE_WORDS.search(shown)


def test_filters_narrow_the_selection_and_start_on_page_one(log: Engine) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception
    at.number_input(key="audit_page").set_value(2).run()
    kinds = at.selectbox[0]
    assert "Nabohjælpertal registreret" in kinds.options and "helpers.count" not in kinds.options
    kinds.select("helpers.count").run()
    table = at.table[0].value
    assert len(table) == 1 and table["Efter"][0].startswith("Nabohjælpere: 1.450")
    assert "1 ændring siden" in page_text(at) and "Side 1 af 1" in page_text(at)
    kinds.select(None).run()
    at.selectbox[1].select(147).run()  # Frederiksberg
    assert len(at.table[0].value) == 3
    assert at.selectbox[1].options[1:] == sorted(at.selectbox[1].options[1:])  # by name
    at.selectbox[2].select("admin").run()
    assert len(at.table[0].value) == 3


def test_nothing_in_the_period(log: Engine) -> None:
    at = run_page(PAGE, user="byraad")
    # the day after tomorrow: after tomorrow in Denmark too (from 23 UTC it is tomorrow there)
    at.date_input[0].set_value(TODAY + timedelta(days=2)).run()
    assert not at.exception
    assert "Ingen ændringer i perioden" in " ".join(i.value for i in at.info)
    assert not at.table
