"""Chromium: every page of every role's menu, loaded as a person loads it, with nothing fetched
from outside this machine, `<html lang="da">`, none of Streamlit's English words, no serious or
critical axe-core violation, and maps that draw their Danish letters. And an unchanged map is
not sent twice.

axe-core is the npm package pinned in tests/support/axe/ (`make test` runs `npm ci` there).
"""

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect

from tests.e2e.journeys import (
    APP_TIMEOUT,
    PAGE_HEADINGS,
    PAGE_PATHS,
    STREAMLIT_ENGLISH,
    login,
    menu_labels,
    open_from_menu,
    settle,
)
from tests.support.axe import axe_unavailable_reason, describe, severe_violations

pytestmark = pytest.mark.e2e

ROLES = ("admin", "projektleder", "politi", "byraad", "erhverv")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def leaves_the_machine(url: str) -> bool:
    """Whether a request goes anywhere but this machine (data: and blob: URLs go nowhere)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname not in LOCAL_HOSTS


def test_only_this_machine_counts_as_local() -> None:
    assert not leaves_the_machine("http://127.0.0.1:8501/static/js/index.js")
    assert not leaves_the_machine("ws://localhost:8501/_stcore/stream")
    assert not leaves_the_machine("data:image/svg+xml;base64,PHN2Zz4=")
    assert leaves_the_machine("https://fonts.gstatic.com/s/i/materialsymbolsrounded/24px.svg")
    assert leaves_the_machine("https://basemaps.cartocdn.com/gl/positron-gl-style/style.json")
    assert leaves_the_machine("http://127.0.0.1.example.com/x")


@pytest.fixture(scope="module")
def axe_ready() -> None:
    reason = axe_unavailable_reason()
    if reason is not None:
        from tests.conftest import _component_missing

        _component_missing("axe-core", reason)


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A 1280x720 Danish page that records every request, websocket and console warning."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="da-DK")
    page = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda ws: requests.append(ws.url))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    try:
        yield page, requests, console
    finally:
        context.close()


@pytest.mark.parametrize("user", ROLES)
def test_every_page_stays_on_the_server_in_danish_and_accessible(
    app_url: str, axe_ready: None, watched: tuple[Page, list[str], list[str]], user: str
) -> None:
    page, requests, console = watched
    page.goto(app_url + "/")
    expect(page.get_by_label("Brugernavn")).to_be_visible(timeout=APP_TIMEOUT)
    settle(page)
    problems = _check(page, "login", requests)
    login(page, app_url, user)
    settle(page)
    labels = menu_labels(page)
    assert len(labels) >= 8, labels
    for label in labels:
        page.goto(app_url + PAGE_PATHS[label])  # a full load: every request a page makes
        expect(page.get_by_role("heading", name=PAGE_HEADINGS[label]).first).to_be_visible(
            timeout=APP_TIMEOUT
        )
        settle(page)
        if page.get_by_test_id("stDeckGlJsonChart").count():
            page.wait_for_timeout(500)  # a basemap would be fetched as the map first draws
        problems += _check(page, label, requests)
    missing = [line for line in console if "Missing character" in line]
    problems += [f"deck.gl could not draw a letter: {line}" for line in missing]
    assert not problems, f"{user}:\n" + "\n".join(problems)


def _check(page: Page, label: str, requests: list[str]) -> list[str]:
    problems = [f"{label}: request off the machine: {u}" for u in requests if leaves_the_machine(u)]
    requests.clear()
    text = page.locator("body").inner_text()
    problems += [f"{label}: Streamlit's English '{w}'" for w in STREAMLIT_ENGLISH if w in text]
    lang = page.evaluate("document.documentElement.lang")
    if lang != "da":
        problems.append(f'{label}: <html lang="{lang}">, not "da"')
    violations = severe_violations(page)
    if violations:  # a violation must still be there a moment later: under load (CI's two cores)
        # axe once caught the sidebar between two paints, scrollable with its links not yet drawn
        settle(page)
        page.wait_for_timeout(1000)
        violations = severe_violations(page)
    if violations:
        problems.append(f"{label}: axe-core\n{describe(violations)}")
    return problems


def test_an_unchanged_map_is_served_from_the_message_cache(
    app_url: str, watched: tuple[Page, list[str], list[str]]
) -> None:
    """The Forside map (fixed layer ids, deterministic JSON) is sent once; on the next view of
    the page the server sends a reference to the browser's cached copy instead."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    page, _requests, _console = watched
    frames: list[bytes] = []

    def on_socket(ws: WebSocket) -> None:
        ws.on("framereceived", lambda f: frames.append(f) if isinstance(f, bytes) else None)

    page.on("websocket", on_socket)
    login(page, app_url, "admin")
    settle(page)
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_have_count(1)

    def messages(start: int) -> list[ForwardMsg]:
        return [ForwardMsg.FromString(f) for f in frames[start:]]

    def map_elements(msgs: list[ForwardMsg]) -> int:
        return sum(
            m.WhichOneof("type") == "delta"
            and m.delta.new_element.WhichOneof("type") == "deck_gl_json_chart"
            for m in msgs
        )

    first = messages(0)
    assert map_elements(first) == 1
    first_bytes = sum(len(f) for f in frames)
    open_from_menu(page, "Kommune")
    settle(page)
    start = len(frames)
    open_from_menu(page, "Forside")
    expect(page.get_by_role("heading", name=re.compile("^Kommunerne på kortet$"))).to_be_visible()
    settle(page)
    again = messages(start)
    again_bytes = sum(len(f) for f in frames[start:])
    assert map_elements(again) == 0, "the unchanged map was sent again"
    assert any(m.WhichOneof("type") == "ref_hash" for m in again)
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_have_count(1)
    # the map alone is over 200 KB; the whole second view is a small fraction of the first
    assert again_bytes < first_bytes / 5, (first_bytes, again_bytes)
