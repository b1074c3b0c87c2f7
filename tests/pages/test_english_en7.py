"""AppTest: the Rapport page in English for every role that sees it, before and after the pack is
made; the pack it offers is the English one, with the Danish pack's snapshot id."""

import io
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from dataio.meeting_pack.pack import build_report
from tests.danish_left import danish_left_in
from tests.factories import ADMIN
from tests.pages.apptest import every_text, page_text, run_page, use_english

PAGE = "pages/10_Rapport.py"
# role -> the municipality the page opens on (the police: the first of their district by name)
OPENS_ON = {
    "admin": (183, "Ishøj"),
    "projektleder": (183, "Ishøj"),
    "politi": (165, "Albertslund"),
    "byraad": (183, "Ishøj"),
    "erhverv": (183, "Ishøj"),
}


def left_in(at: AppTest) -> list[str]:
    """The catalogue's Danish left on the page; the menu links' URL names (the pages' file
    names, never shown) are no text of the page."""
    texts = Counter(every_text(at))
    texts.subtract(Counter(link.proto.page for link in at.get("page_link") if link.proto.page))
    return sorted({m for text in +texts for m in danish_left_in(text)})


@pytest.mark.parametrize("user", list(OPENS_ON))
def test_the_rapport_page_in_english(private_db: str, user: str) -> None:
    use_english(private_db, user)
    at = run_page(PAGE, user=user)
    assert not at.exception and not at.error
    assert left_in(at) == []
    assert at.title[0].value == "Report: the meeting pack"
    assert "Press «Make the meeting pack»." in at.info[0].value
    at.button(key="make_pack").click().run()
    assert not at.exception and not at.error
    assert left_in(at) == []
    code, name = OPENS_ON[user]
    text = page_text(at)
    assert f"The Bo trygt partnership in {name}: {name} Municipality" in text
    assert any("Example data" in w.value for w in at.warning)
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == [  # type: ignore[union-attr]
        "Download PDF",
        "Download Excel",
        "Download as PowerPoint (.pptx)",
    ]
    [image] = at.get("image")
    [picture] = image.proto.imgs
    assert picture.caption == "The PDF's cover" and picture.alt.startswith("Preview of the cover")
    match = re.search(r"Snapshot id: `([0-9a-f]{12})`", text)
    assert match, text
    danish = build_report(
        make_engine(private_db),
        viewer=ADMIN,
        municipality_code=code,
        police_district=None,
        since=date.today() - timedelta(days=30),
        today=date.today(),
    )
    assert match.group(1) == danish.snapshot_id  # the same numbers, the same id
    assert re.search(r"Made \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\. The snapshot id", text)


def test_the_police_choose_a_district_in_english(private_db: str) -> None:
    use_english(private_db, "politi")
    at = run_page(PAGE, user="politi")
    [scope] = at.sidebar.radio
    assert scope.label == "Meeting pack for"
    assert list(scope.options) == ["Municipality", "Police district"]
    scope.set_value("Politikreds")  # the value stays the Danish key
    at.button(key="make_pack").click().run()
    assert not at.exception and not at.error
    assert left_in(at) == []
    assert "Bo trygt in Københavns Vestegns Politi and its 11 municipalities" in page_text(at)


def test_the_english_pages_slides_are_english(
    private_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's pack is made in the session's language: the slides it offers say so."""
    from pptx import Presentation

    made: list[Callable[[], Any]] = []
    register = MediaFileManager.add_deferred

    def recording(
        self: MediaFileManager, data: Callable[[], Any], *args: Any, **kwargs: Any
    ) -> str:
        made.append(data)
        return register(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    use_english(private_db, "projektleder")
    at = run_page(PAGE, user="projektleder")
    at.button(key="make_pack").click().run()
    assert not at.exception and not at.error
    [slides] = made
    deck = Presentation(io.BytesIO(slides()))
    cover = {shape.name: shape.text_frame.text for shape in deck.slides[0].shapes}
    assert cover["Titel"] == "Meeting pack: Ishøj"
    assert cover["Snapshot"].startswith("Snapshot id: ")
    assert deck.core_properties.language == "en-GB"
