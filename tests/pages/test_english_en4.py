"""AppTest: the Data, Nabohjælp and Tryghed pages in English, for every role that sees them (issue 18):
no Danish string of the catalogue is left, and a bad file's errors read in English."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.danish_left import danish_left_in
from tests.pages.apptest import every_text, run_page, use_english

DATA = "pages/5_Data.py"
NABOHJAELP = "pages/6_Nabohjaelp.py"
TRYGHED = "pages/7_Tryghed.py"


def left_in(at: AppTest) -> list[str]:
    """The catalogue's Danish strings still on the page."""
    return sorted({m for t in every_text(at) for m in danish_left_in(t)})


@pytest.mark.parametrize(
    ("page", "user"),
    [(DATA, u) for u in ("admin", "projektleder", "politi")]
    + [
        (p, u)
        for p in (NABOHJAELP, TRYGHED)
        for u in ("admin", "projektleder", "politi", "byraad", "erhverv")
    ],
)
def test_probe(private_db: str, page: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(page, user=user)
    assert not at.exception and not at.error
    print(page, user, left_in(at))
    with open("/tmp/en4/probe.txt", "a") as out:
        out.write(f"{page} {user} {left_in(at)}\n")
