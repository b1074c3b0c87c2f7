"""The server's own HTTP side, mounted by serve.py (st.App): the login cookie and /media/ files.

- POST /api/session with a ticket (`dataio.sessions.encode_ticket`) answers with the login cookie:
  HttpOnly (no script can read it), Secure (unless BOTRYGT_COOKIE_SECURE=0 on a plain-http demo),
  SameSite=Strict, Path=/, expiring with the session. POST /api/session/end deletes it. A cookie
  written by the page's JavaScript (a Streamlit component) could never be HttpOnly.
- Every /media/ request (the Rapport page's PDF, Excel file and preview: Streamlit keeps
  downloads and images there under unguessable but unprotected URLs) must carry a login cookie
  that holds against the users table right now; otherwise 403.
- GET /kalender/<token>.ics is a user's calendar feed (their items' due dates), found by the
  secret in the address (`dataio.tasks.calendar`); an unknown token is a bare 404.
- An exception no page caught is shown as a Danish message, never Streamlit's English error page.
- The page itself (Streamlit's index.html, served for every page path) says `lang="da"` (or
  `lang="en"` when the address asks for English, `?lang=en`: the public page, or when the login
  cookie is a user's who chose English on Min konto, so that a screen reader reads English words
  with an English voice), is titled
  "Bo trygt" until the page sets its own title, and carries our few CSS rules (`PAGE_CSS`: captions
  dark enough for WCAG AA) from the first paint on, with no request of its own.
"""

import importlib
import logging
import os
import pkgutil
import re
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import streamlit as st
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dataio.db.engine import database_unavailable, make_engine
from dataio.sessions import Purpose, check_session, decode_cookie, encode_cookie, redeem_ticket
from dataio.settings import Settings
from dataio.tasks.calendar import calendar_feed
from models.i18n import DEFAULT_LANGUAGE, language_of
from ui.session import COOKIE_ROUTE, base_path, current_settings

_LOG = logging.getLogger("botrygt")
_MOUNTED = threading.Event()
_ENGINE: dict[str, Engine] = {}
_ENGINE_LOCK = threading.Lock()
MAX_TICKET_BYTES = 4096


def routes_mounted() -> bool:
    """Whether this process serves our routes (started by `streamlit run serve.py`)."""
    return _MOUNTED.is_set()


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """st.App's startup hook: from now on the cookie and /media/ are ours."""
    _MOUNTED.set()
    # after the server answers: the first page need not wait for the imports
    threading.Thread(target=warm_up, name="botrygt-warm-up", daemon=True).start()
    yield None


def warm_up() -> None:
    """Import what the pages import (every ui module: plotly, pydeck, the models) and build one
    figure (plotly loads its validators on first use), so that the first page after a start does
    not pay for them. Runs in a thread of its own while the server already answers."""
    import ui

    try:
        for module in pkgutil.iter_modules(ui.__path__):
            importlib.import_module(f"ui.{module.name}")
        import plotly.graph_objects as go

        from ui.figures import danish_layout

        danish_layout(go.Figure(go.Scatter(x=[1], y=[1])), y_title="").to_plotly_json()
    except Exception:  # a page importing the same module will show the error the Danish way
        _LOG.exception("Opvarmningen efter start fejlede")


def _engine(settings: Settings) -> Engine:
    """This side's own small pool (the script side's lives in st.cache_resource)."""
    with _ENGINE_LOCK:
        if settings.database_url not in _ENGINE:
            _ENGINE[settings.database_url] = make_engine(settings.database_url)
        return _ENGINE[settings.database_url]


def _holds(settings: Settings, token: object) -> bool:
    session = decode_cookie(token, key=settings.cookie_key)
    if session is None:
        return False
    _user, ended = check_session(_engine(settings), session)
    return ended is None


def _chosen_language(settings: Settings, token: object) -> str | None:
    """The language the cookie's user chose (Min konto), or None without a session that holds."""
    session = decode_cookie(token, key=settings.cookie_key)
    if session is None:
        return None
    user, ended = check_session(_engine(settings), session)
    return None if user is None or ended is not None else user.language


async def page_language(scope: Scope) -> str:
    """The language of the page a request opens: `?lang=` first, then the logged-in user's
    choice, else Danish (also when the database does not answer: the page itself will say so)."""
    asked = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1")).get("lang")
    if asked:
        return language_of(asked[-1])
    settings = current_settings()
    token = Request(scope).cookies.get(settings.cookie_name)
    if not token:
        return DEFAULT_LANGUAGE
    try:
        chosen = await run_in_threadpool(_chosen_language, settings, token)
    except Exception as error:
        if not database_unavailable(error):
            raise
        return DEFAULT_LANGUAGE
    return language_of(chosen)


def _cookie_options(settings: Settings) -> dict[str, Any]:
    return {"path": "/", "secure": settings.cookie_secure, "httponly": True, "samesite": "strict"}


async def _ticket(request: Request, settings: Settings, purpose: Purpose) -> Any:
    body = await request.body()
    if len(body) > MAX_TICKET_BYTES:
        return None
    return redeem_ticket(body.decode(errors="replace"), key=settings.cookie_key, purpose=purpose)


async def set_cookie(request: Request) -> Response:
    """Trade a set-cookie ticket for the login cookie, if the session still holds."""
    settings = current_settings()
    session = await _ticket(request, settings, "set-cookie")
    if session is None:
        return PlainTextResponse("Ugyldig billet.", status_code=403)
    try:
        _user, ended = await run_in_threadpool(check_session, _engine(settings), session)
    except Exception as error:
        if not database_unavailable(error):
            raise
        return PlainTextResponse("Databasen svarer ikke lige nu.", status_code=503)
    if ended is not None:
        return PlainTextResponse("Login er ikke længere gyldig.", status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    max_age = max(0, int(session.expires_at - time.time()))
    token = encode_cookie(session, key=settings.cookie_key)
    response.set_cookie(settings.cookie_name, token, max_age=max_age, **_cookie_options(settings))
    return response


async def end_cookie(request: Request) -> Response:
    """Trade an end-cookie ticket for the deletion of the login cookie."""
    settings = current_settings()
    if await _ticket(request, settings, "end-cookie") is None:
        return PlainTextResponse("Ugyldig billet.", status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(settings.cookie_name, **_cookie_options(settings))
    return response


class MediaGuard:
    """ASGI middleware: /media/ only for a request whose login cookie holds right now."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        media = f"{base_path()}media/"  # Streamlit's own static files live under /static/media/
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(media):
            settings = current_settings()
            token = Request(scope).cookies.get(settings.cookie_name)
            try:
                allowed = await run_in_threadpool(_holds, settings, token)
            except Exception as error:
                if not database_unavailable(error):
                    raise
                await PlainTextResponse("Databasen svarer ikke lige nu.", status_code=503)(
                    scope, receive, send
                )
                return
            if not allowed:
                await PlainTextResponse("Log ind for at hente filen.", status_code=403)(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)


# Captions: Streamlit draws them at 60 % opacity (3.9:1 on white, and 2.8:1 for coloured words in
# them); WCAG AA asks 4.5:1. Opaque, in a grey of 6.2:1 on white (5.5:1 on the sidebar's grey).
CAPTION_GREY = "#63615d"
# Streamlit writes "Press Enter to submit form" under a text field in English and lets nobody
# translate it; the login form keeps Enter (people press it), so the hint is hidden instead.
PAGE_CSS = (
    f'html body [data-testid="stCaptionContainer"] {{ opacity: 1; color: {CAPTION_GREY}; }}'
    ' html body [data-testid="InputInstructions"] { display: none; }'
)
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>.*?</title>", re.IGNORECASE | re.DOTALL)
# Paths that are never the page: Streamlit's assets and endpoints, our routes, /media/
_NOT_THE_PAGE = ("_stcore/", "static/", "media/", "component/", "app/static/", "api/")


def danish_page(html: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """Streamlit's index.html as we serve it: `<html lang="da">` (or the language asked for or
    chosen), our title, our CSS in <head>."""
    html = _HTML_TAG.sub(f'<html lang="{language_of(lang)}">', html, count=1)
    html = _TITLE.sub("<title>Bo trygt</title>", html, count=1)
    return html.replace("</head>", f"<style>{PAGE_CSS}</style></head>", 1)


class DanishPage:
    """ASGI middleware: the HTML page Streamlit serves for `/` and every page path, rewritten by
    `danish_page` (Streamlit's frontend never sets the document's language itself).

    The request goes on without Accept-Encoding and without conditional headers (the page is a
    few kilobytes), so the body arrives uncompressed and whole; the answer loses its ETag and
    Last-Modified, which describe Streamlit's file, not what we send."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or path.removeprefix(base_path()).startswith(_NOT_THE_PAGE)
        ):
            await self.app(scope, receive, send)
            return
        dropped = {b"accept-encoding", b"if-none-match", b"if-modified-since"}
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in dropped]
        scope = {**scope, "headers": headers}
        start: Message | None = None
        body: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                kept = dict(message.get("headers", []))
                if not kept.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)  # not the page: pass everything through untouched
                    return
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            lang = await page_language(scope)  # only for the page: no lookup for other files
            page = danish_page(b"".join(body).decode("utf-8"), lang).encode("utf-8")
            skip = {b"content-length", b"etag", b"last-modified"}
            new_headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in skip]
            new_headers.append((b"content-length", str(len(page)).encode()))
            await send({**start, "headers": new_headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, capture)


def on_script_error(error: Exception) -> bool:
    """An exception no page caught: the Danish message instead of Streamlit's English page."""
    from ui.page import explain_failure  # not at import: serve.py loads this before the runtime

    explain_failure(error)
    return True


CALENDAR_ROUTE = "kalender/{token}.ics"
DEFAULT_ORIGIN = "http://localhost:8501"  # `make run` without BOTRYGT_PUBLIC_URL


def public_url() -> str | None:
    """The app's address as people reach it (BOTRYGT_PUBLIC_URL), for links in feeds and mail."""
    return os.environ.get("BOTRYGT_PUBLIC_URL") or None


def feed_url(token: str) -> str:
    """The whole address of a calendar feed: the public address, else the one in the browser."""
    path = CALENDAR_ROUTE.replace("{token}", token)
    base = public_url()  # the app's whole address, any base path included
    if base is not None:
        return f"{base.rstrip('/')}/{path}"
    seen = urlsplit(str(st.context.url or ""))
    origin = f"{seen.scheme}://{seen.netloc}" if seen.scheme and seen.netloc else DEFAULT_ORIGIN
    return f"{origin}{base_path()}{path}"


async def calendar(request: Request) -> Response:
    """A user's calendar feed, by the secret in its address; 404 (and nothing more) otherwise."""
    settings = current_settings()
    try:
        text = await run_in_threadpool(
            calendar_feed,
            _engine(settings),
            token=str(request.path_params.get("token", "")),
            public_url=public_url(),
            now=datetime.now(UTC),
        )
    except Exception as error:
        if not database_unavailable(error):
            raise
        return PlainTextResponse("Databasen svarer ikke lige nu.", status_code=503)
    if text is None:
        return PlainTextResponse("Ikke fundet.", status_code=404)
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )


ROUTES = [
    Route(f"{base_path()}{COOKIE_ROUTE}", set_cookie, methods=["POST"]),
    Route(f"{base_path()}{COOKIE_ROUTE}/end", end_cookie, methods=["POST"]),
    Route(f"{base_path()}{CALENDAR_ROUTE}", calendar, methods=["GET"]),
]
MIDDLEWARE = [Middleware(DanishPage), Middleware(MediaGuard)]
