"""AppTest: the Rapport page for every role that reads a municipality, and a refusal."""

import io
import re
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.meeting_pack.pack import build_report
from tests.factories import ADMIN
from tests.pages.apptest import page_text, run_page

PAGE = "pages/10_Rapport.py"
# role -> (the municipality the page opens on, its name)
OPENS_ON = {
    "admin": (183, "Ishøj"),
    "projektleder": (183, "Ishøj"),
    "politi": (165, "Albertslund"),  # the first of Københavns Vestegns Politi by name
    "byraad": (183, "Ishøj"),
}


def pack_page(user: str) -> AppTest:
    """The page with the pack asked for."""
    at = run_page(PAGE, user=user)
    assert not at.get("download_button")  # nothing is made before it is asked for
    at.button(key="make_pack").click().run()
    return at


def shown_snapshot(at: AppTest) -> str:
    match = re.search(r"Snapshot-id: `([0-9a-f]{12})`", page_text(at))
    assert match, page_text(at)
    return match.group(1)


def expected_snapshot(url: str, *, code: int | None, district: int | None, since: date) -> str:
    report = build_report(
        make_engine(url),
        viewer=ADMIN,
        municipality_code=code,
        police_district=district,
        since=since,
        today=date.today(),
    )
    return report.snapshot_id


@pytest.mark.parametrize("user", list(OPENS_ON))
def test_each_role_gets_the_pack_of_its_municipality(app_env: str, user: str) -> None:
    at = pack_page(user)
    assert not at.exception and not at.error
    assert at.title[0].value == "Rapport: mødepakken"
    code, name = OPENS_ON[user]
    assert f"Bo trygt-partnerskabet i {name}" in page_text(at)
    assert any("Eksempeldata" in w.value for w in at.warning)
    # AppTest types what get() finds as Element | Block, and a Block has no label
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == [  # type: ignore[union-attr]
        "Hent PDF",
        "Hent Excel",
        "Hent som PowerPoint (.pptx)",
    ]
    assert len(at.get("image")) == 1  # the first page as a picture
    since = date.today() - timedelta(days=30)
    assert shown_snapshot(at) == expected_snapshot(app_env, code=code, district=None, since=since)


@pytest.fixture
def deferred_downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The download buttons whose file is made when clicked: their callable, mime type and name."""
    seen: list[dict[str, Any]] = []
    register = MediaFileManager.add_deferred

    def recording(
        self: MediaFileManager,
        data_callable: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        **kwargs: Any,
    ) -> str:
        seen.append({"callable": data_callable, "mimetype": mimetype, "file_name": file_name})
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return seen


def test_the_project_leader_downloads_the_pack_as_powerpoint(
    app_env: str, deferred_downloads: list[dict[str, Any]]
) -> None:
    from pptx import Presentation

    from dataio.meeting_pack.pptx import DEMO, PPTX_MIME

    at = pack_page("projektleder")
    assert not at.exception and not at.error
    [button] = [b for b in at.get("download_button") if b.label.endswith("(.pptx)")]  # type: ignore[union-attr]
    assert button.proto.deferred_file_id  # made when clicked
    snapshot = shown_snapshot(at)
    [pptx] = [d for d in deferred_downloads if d["mimetype"] == PPTX_MIME]
    assert pptx["file_name"] == f"moedepakke-{snapshot}.pptx"
    assert PPTX_MIME == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    deck = Presentation(io.BytesIO(pptx["callable"]()))
    cover = {shape.name: shape.text_frame.text for shape in deck.slides[0].shapes}
    assert cover["Titel"] == "Mødepakke: Ishøj"
    assert cover["Snapshot"] == f"Snapshot-id: {snapshot}"
    assert cover[DEMO].startswith("EKSEMPELDATA")


def test_the_pack_is_made_only_when_asked_for(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert not at.get("download_button") and not at.get("image")
    assert "Tryk «Dan mødepakken»" in at.info[0].value


def test_a_later_meeting_date_changes_the_pack(app_env: str) -> None:
    at = pack_page("projektleder")
    before = shown_snapshot(at)
    since = date.today() - timedelta(days=7)
    at.date_input[0].set_value(since).run()
    assert not at.exception and not at.error
    after = shown_snapshot(at)
    assert after != before
    assert after == expected_snapshot(app_env, code=183, district=None, since=since)


def test_police_take_their_whole_district(app_env: str) -> None:
    at = pack_page("politi")
    at.sidebar.radio[0].set_value("Politikreds").run()
    assert not at.exception and not at.error
    assert "Bo trygt i Københavns Vestegns Politi og dens 11 kommuner" in page_text(at)
    since = date.today() - timedelta(days=30)
    assert shown_snapshot(at) == expected_snapshot(app_env, code=None, district=10, since=since)


def test_council_and_project_leader_have_no_district_choice(app_env: str) -> None:
    for user in ("byraad", "projektleder"):
        at = run_page(PAGE, user=user)
        assert not at.sidebar.radio
        assert [s.label for s in at.sidebar.selectbox] == ["Kommune"]
        assert list(at.sidebar.selectbox[0].options) == ["Ishøj (183)"]  # only their own


@pytest.fixture
def unbound_council(demo_db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of the demo database where the council member has lost their municipality (a row
    the user functions would refuse to write, as after a faulty manual repair)."""
    copy = tmp_path / "rapport.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    with make_engine(url).begin() as connection:
        connection.execute(
            text("UPDATE app_user SET municipality_code = NULL WHERE username = 'byraad'")
        )
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    return url


def test_a_user_without_the_right_is_refused(unbound_council: str) -> None:
    at = run_page(PAGE, user="byraad")
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Ingen adgang: din rolle giver ikke adgang til denne side."
    ]
    assert not at.title and not at.get("download_button") and not at.get("image")
    assert "Rapport" not in [link.proto.label for link in at.get("page_link")]
