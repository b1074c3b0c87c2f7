"""Debian's Chromium driven by playwright's sync API (never `playwright install`)."""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .appserver import ARTIFACTS

# Set to another executable to choose the browser (or a missing path to simulate "no Chromium").
CHROMIUM_ENV = "BOTRYGT_TEST_CHROMIUM"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ARTIFACTS / "screenshots"

if TYPE_CHECKING:  # importing playwright costs time in runs without browser tests
    from playwright.sync_api import Browser, Page


def chromium_path() -> str:
    """The Chromium executable to launch."""
    return os.environ.get(CHROMIUM_ENV, "/usr/bin/chromium")


def chromium_unavailable_reason() -> str | None:
    """Why the browser cannot run here, or None when it can."""
    path = chromium_path()
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        install = "Debian: apt-get install chromium fonts-noto-color-emoji"
        return f"no Chromium executable at {path} ({install})"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"python package playwright is missing ({error})"
    return None


@contextmanager
def launched_browser() -> Iterator["Browser"]:
    """Start headless Chromium for the duration of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: "Page", name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^\w.-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOTS / f"{safe_name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
