"""Headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright's sync API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: A common office laptop screen; the pages must work at this size.
VIEWPORT = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
