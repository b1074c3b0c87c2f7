"""A browserless Streamlit client: the frontend's websocket protocol, spoken by a script.

It does what Chromium does for our app, as recorded from a real Chromium session (the frames
Playwright saw on /_stcore/stream): it opens `/_stcore/stream` with the cookies the browser has,
sends `rerun_script` (BackMsg) with the page's `page_script_hash`, its `cached_message_hashes` and
the `context_info` a browser sends, and reads the ForwardMsgs back. It keeps the frontend's
message cache: a cacheable message is kept under its hash, a `ref_hash` message is answered from
the cache, and an entry not used for `max_cached_message_age` script runs is dropped, so that the
server's cache behaves as it does for a browser.

Login is the app's own round trip: the login form's widgets (found by their labels in the deltas)
are sent as the browser sends them when "Log ind" is pressed; the page then hands over a one-time
ticket in a `<script>` element (ui.session.send_pending), which the client POSTs to /api/session
as the page's JavaScript does; ui.web answers with the HttpOnly login cookie. A reconnect with that
cookie is a logged-in tab (ui.session.current_user), as a reload is in a browser.

A view is a sidebar click (an `st.page_link` of the menu): its figures are the script runs it
caused, the bytes received, and the time from the click to the end of the last run.
"""

import asyncio
import contextlib
import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.RootContainer_pb2 import RootContainer
from websockets.asyncio.client import ClientConnection, connect

STREAM = "_stcore/stream"
SIDEBAR = RootContainer.SIDEBAR  # the first part of a delta path: the menu lives there
QUIET_S = 1.0  # no new run for this long after a run ended: the view is over
TIMEOUT_S = 120.0
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_FETCH = re.compile(r"fetch\((\"[^\"]*\"), \{method: 'POST', body: (\"[^\"]*\")")


class ClientError(RuntimeError):
    """The server did not answer as a browser would see it answer."""


@dataclass
class View:
    """One view: what a sidebar click (or the first page of a tab) cost."""

    page: str
    runs: int
    bytes: int
    latency_ms: float
    messages: int
    exceptions: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    message: ForwardMsg
    last_run: int


class MessageCache:
    """The frontend's ForwardMsg cache (frontend/lib ForwardMessageCache)."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] = {}
        self.run_count = 0

    def resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """A message as the app sees it: a reference replaced by the cached message."""
        if msg.WhichOneof("type") == "ref_hash":
            entry = self.entries.get(msg.ref_hash)
            if entry is None:
                raise ClientError(f"server referred to uncached message {msg.ref_hash}")
            entry.last_run = self.run_count
            full = ForwardMsg()
            full.CopyFrom(entry.message)
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            self.entries[msg.hash] = _Entry(msg, self.run_count)
        return msg

    def script_finished(self, max_age: int) -> None:
        """A successful run ended: age the cache, drop what no recent run used."""
        self.run_count += 1
        self.entries = {
            h: e for h, e in self.entries.items() if e.last_run + max_age >= self.run_count
        }

    def hashes(self) -> list[str]:
        return list(self.entries)


def post_ticket(base_url: str, route: str, ticket: str, cookies: dict[str, str]) -> dict[str, str]:
    """The page's fetch(route, {method: 'POST', body: ticket}); returns the cookies it set."""
    request = urllib.request.Request(
        base_url.rstrip("/") + route,
        data=ticket.encode(),
        method="POST",
        headers={"Content-Type": "text/plain", "Cookie": cookie_header(cookies)},
    )
    try:
        with _NO_PROXY.open(request, timeout=30) as response:
            headers = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        raise ClientError(f"{route} answered {error.code}") from error
    found = {}
    for header in headers:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        expired = "max-age=0" in header.lower() or value in ("", '""')
        found[name.strip()] = "" if expired else value
    return found


def get_page(url: str, cookies: dict[str, str]) -> dict[str, str]:
    """The browser loading the page (index.html) before it opens the websocket: the cookies the
    answer sets (Streamlit's XSRF cookie; a load balancer's affinity cookie, bench.scale)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie_header(cookies)})
    with _NO_PROXY.open(request, timeout=TIMEOUT_S) as response:
        response.read()
        headers = response.headers.get_all("Set-Cookie") or []
    return {h.partition("=")[0].strip(): h.partition("=")[2].split(";", 1)[0] for h in headers}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items() if v)


class StreamlitSession:
    """One browser tab: a websocket to the server, its message cache, its current page."""

    def __init__(self, base_url: str, *, cookies: dict[str, str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookies: dict[str, str] = dict(cookies or {})
        self.cache = MessageCache()
        self.max_age = 2
        self.ws: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.path = "/"
        self.query = ""
        self.page_hash = ""
        self.menu: dict[str, str] = {}  # label -> page_script_hash (the sidebar's page links)
        self.paths: dict[str, str] = {}  # page_script_hash -> url_pathname
        self.widgets: dict[str, Any] = {}  # label -> element proto (text inputs, buttons)
        self.tickets: list[tuple[str, str]] = []
        self.exceptions: list[str] = []
        self.texts: list[str] = []
        self._runs = 0
        self._bytes = 0
        self._messages = 0
        self._running = False
        self._last_change = time.monotonic()
        self._last_finish = 0.0
        self._changed = asyncio.Event()
        self._closed: BaseException | None = None

    # --- the connection -------------------------------------------------------------------
    async def open(self, path: str = "/", query: str = "") -> View:
        """Connect as a new tab on `path` and wait for its first page to be drawn."""
        self.path, self.query = path, query
        page = f"{self.base_url}{path}" + (f"?{query}" if query else "")
        self.cookies |= await asyncio.to_thread(get_page, page, self.cookies)
        split = urlsplit(self.base_url)
        scheme = "wss" if split.scheme == "https" else "ws"
        headers = {"Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = cookie_header(self.cookies)
        self.ws = await connect(
            f"{scheme}://{split.netloc}{split.path}/{STREAM}",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers=headers,
            max_size=None,
            open_timeout=TIMEOUT_S,
            ping_interval=None,
            proxy=None,
        )
        self.reader = asyncio.create_task(self._read())
        return await self._rerun("", label="(start)", query=query)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.reader

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for data in self.ws:
                if isinstance(data, str):
                    continue
                self._bytes += len(data)
                self._messages += 1
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(self.cache.resolve(msg))
        except BaseException as error:  # closed: wake whoever waits
            self._closed = error
            self._changed.set()
            raise

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        now = time.monotonic()
        if kind == "new_session":
            self.max_age = msg.new_session.config.max_cached_message_age or 2
            self._running = True
            self._last_change = now
        elif kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash
            for page in msg.navigation.app_pages:
                path = "" if page.is_default else page.url_pathname
                self.paths[page.page_script_hash] = path
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "session_status_changed":
            self._running = msg.session_status_changed.script_is_running
            self._last_change = now
        elif kind == "script_finished":
            status = msg.script_finished
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                self._runs += 1
                self._last_finish = now
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.cache.script_finished(self.max_age)
            self._last_change = now
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            path = msg.metadata.delta_path
            self._element(msg.delta.new_element, sidebar=bool(path) and path[0] == SIDEBAR)
        self._changed.set()

    def _element(self, element: Any, *, sidebar: bool) -> None:
        kind = element.WhichOneof("type")
        if kind == "page_link" and sidebar:  # the menu; not the links inside a page (Min kommune)
            link = element.page_link
            self.menu[link.label] = link.page_script_hash
        elif kind in ("text_input", "button"):
            widget = getattr(element, kind)
            self.widgets[widget.label] = widget
        elif kind == "html":
            self.tickets += [
                (json.loads(r), json.loads(t)) for r, t in _FETCH.findall(element.html.body)
            ]
        elif kind == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert":
            self.texts.append(element.alert.body)
        elif kind == "heading":
            self.texts.append(element.heading.body)

    # --- what the frontend sends ----------------------------------------------------------
    def _context(self) -> ContextInfo:
        query = f"?{self.query}" if self.query else ""
        return ContextInfo(
            timezone="UTC",
            timezone_offset=0,
            locale="da-DK",
            url=f"{self.base_url}{self.path}{query}",
            is_embedded=False,
            color_scheme="light",
        )

    async def _rerun(
        self,
        page_hash: str,
        *,
        label: str,
        query: str = "",
        widgets: list[Any] | None = None,
        quiet: float = QUIET_S,
    ) -> View:
        """Send a rerun_script as the frontend does and wait until the runs it caused are over."""
        assert self.ws is not None
        msg = BackMsg()
        state = msg.rerun_script
        state.widget_states.SetInParent()
        for widget in widgets or []:
            state.widget_states.widgets.append(widget)
        if page_hash:
            state.page_script_hash = page_hash
        if query:
            state.query_string = query
        state.cached_message_hashes.extend(self.cache.hashes())
        state.context_info.CopyFrom(self._context())
        runs, received, messages = self._runs, self._bytes, self._messages
        self.exceptions, self.texts = [], []
        started = time.monotonic()
        self._last_change = started
        self._running = True  # until the server says otherwise
        await self.ws.send(msg.SerializeToString())
        await self._wait_quiet(started, runs, quiet)
        return View(
            page=label,
            runs=self._runs - runs,
            bytes=self._bytes - received,
            latency_ms=round((self._last_finish - started) * 1000, 1),
            messages=self._messages - messages,
            exceptions=list(self.exceptions),
        )

    async def _wait_quiet(self, started: float, runs_before: int, quiet: float = QUIET_S) -> None:
        deadline = started + TIMEOUT_S
        while True:
            if self._closed is not None:
                raise ClientError(f"websocket closed: {self._closed!r}")
            now = time.monotonic()
            done = self._runs > runs_before and not self._running
            if done and now - self._last_change >= quiet:
                return
            if now > deadline:
                raise ClientError(f"no end of the script run within {TIMEOUT_S:.0f} s")
            self._changed.clear()
            wait = quiet - (now - self._last_change) if done else deadline - now
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=max(0.01, wait))

    async def click(self, label: str, *, quiet: float | None = None) -> View:
        """Click the sidebar link `label` (st.page_link): the frontend's page change. The view is
        over when no run has started for `quiet` seconds after the last one ended."""
        if label not in self.menu:
            raise ClientError(f"no menu link {label!r} (menu: {sorted(self.menu)})")
        page_hash = self.menu[label]
        view = await self._rerun(page_hash, label=label, quiet=QUIET_S if quiet is None else quiet)
        self.path = "/" + self.paths.get(page_hash, "")
        return view

    async def login(self, username: str, password: str) -> bool:
        """Fill and submit the login form; on success trade the ticket for the login cookie."""
        try:
            name, secret = self.widgets["Brugernavn"], self.widgets["Adgangskode"]
            submit = self.widgets["Log ind"]
        except KeyError as missing:
            raise ClientError(f"no login form on the page (missing {missing})") from None
        states = []
        for widget, value in ((name, username), (secret, password)):
            state = _widget_state(widget.id)
            state.string_value = value
            states.append(state)
        pressed = _widget_state(submit.id)
        pressed.trigger_value = True
        states.append(pressed)
        self.tickets = []
        await self._rerun(self.page_hash, label="(login)", widgets=states)
        set_cookie = [(r, t) for r, t in self.tickets if not r.endswith("/end")]
        if not set_cookie:
            return False
        for route, ticket in set_cookie:
            got = await asyncio.to_thread(post_ticket, self.base_url, route, ticket, self.cookies)
            self.cookies |= got
        return any(self.cookies.values())


def _widget_state(widget_id: str) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=widget_id)


async def logged_in(
    base_url: str, username: str, password: str, *, query: str = ""
) -> StreamlitSession:
    """A tab that logged in through the login form and then reconnected with its cookie (as a
    reload does), opened on the start page with `query`."""
    first = StreamlitSession(base_url)
    await first.open("/")
    try:
        if not await first.login(username, password):
            raise ClientError(f"login as {username} failed: {first.texts}")
    finally:
        await first.close()
    tab = StreamlitSession(base_url, cookies=first.cookies)
    view = await tab.open("/", query=query)
    if not tab.menu:
        raise ClientError(f"the cookie did not log {username} in: {tab.texts} {view}")
    return tab
