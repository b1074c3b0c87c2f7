"""AppTest: Min konto sets one's own e-mail and the monthly-brief subscription, refuses a bad
address in Danish without writing, and Administration sets any user's e-mail."""

from datetime import UTC, datetime

import pytest

from dataio.db.engine import make_engine
from dataio.store.users import find_user
from dataio.tasks.calendar import calendar_feed
from tests.pages.apptest import run_page

KONTO = "pages/9_Min_konto.py"
ADMINISTRATION = "pages/8_Administration.py"
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def stored(url: str, username: str) -> tuple[str | None, bool]:
    user = find_user(make_engine(url), username=username)
    assert user is not None
    return user.email, user.brief_subscribed


def test_own_email_and_brief_are_saved(private_db: str) -> None:
    at = run_page(KONTO, user="politi")
    assert at.text_input(key="own_email_address").value == "politi@demo.botrygt.invalid"
    assert at.checkbox(key="own_brief").label == "Modtag månedsbrevet 'status for måltal'"
    at.text_input(key="own_email_address").set_value("Anna.Politi@Politi.DK")
    at.checkbox(key="own_brief").uncheck()
    at = next(b for b in at.button if b.label == "Gem e-mail").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Din e-mail og dit valg om månedsbrevet er gemt."]
    assert stored(private_db, "politi") == ("Anna.Politi@politi.dk", False)


def test_a_bad_address_is_refused_in_danish_and_nothing_changes(private_db: str) -> None:
    at = run_page(KONTO, user="byraad")
    at.text_input(key="own_email_address").set_value("ikke en adresse")
    at = next(b for b in at.button if b.label == "Gem e-mail").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "E-mailen er ikke gemt: »ikke en adresse« er ikke en e-mailadresse (fx navn@kommune.dk)."
    ]
    assert stored(private_db, "byraad") == ("byraad@demo.botrygt.invalid", True)


def test_the_administrator_sets_another_users_email(private_db: str) -> None:
    at = run_page(ADMINISTRATION, user="admin")
    [users] = [d.value for d in at.dataframe if "Brugernavn" in d.value.columns]
    assert "politi@demo.botrygt.invalid" in set(users["E-mail"])
    at.selectbox(key="email_user").set_value("projektleder").run()
    assert at.text_input(key="email_projektleder").value == "projektleder@demo.botrygt.invalid"
    at.text_input(key="email_projektleder").set_value("pl@ishoj.dk")
    at = next(b for b in at.button if b.label == "Gem e-mail").click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["E-mail for projektleder er gemt."]
    assert stored(private_db, "projektleder")[0] == "pl@ishoj.dk"


def test_a_new_calendar_address_is_shown_once_and_works(
    private_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOTRYGT_PUBLIC_URL", "https://botrygt.example.invalid/")
    at = run_page(KONTO, user="politi")
    assert not at.code
    at = at.button(key="new_calendar").click().run()
    assert not at.exception and not at.error
    [address] = [c.value for c in at.code]
    prefix = "https://botrygt.example.invalid/kalender/"
    assert address.startswith(prefix) and address.endswith(".ics")
    token = address.removeprefix(prefix).removesuffix(".ics")
    feed = calendar_feed(make_engine(private_db), token=token, public_url=None, now=NOW)
    assert feed is not None and feed.startswith("BEGIN:VCALENDAR")
    again = run_page(KONTO, user="politi")  # another session: the address cannot be shown again
    assert not again.code
    assert any("Du har en kalenderadresse" in c.value for c in again.caption)
