"""Real headless Chromium for tests of pages, with the network cut off inside the browser.

The browser is Debian's `chromium` package, driven by Playwright for Python over the DevTools
protocol; Playwright's own browser downloads (`playwright install`) are never used, since a machine
here cannot fetch them. Without `/usr/bin/chromium` the browser tests are skipped with the reason
shown, unless TESSERA_REQUIRE_BROWSER=1 (as in CI, whose `.ci/run` installs the package), where
they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Request, Response, Route, sync_playwright

__all__ = ("CHROMIUM", "NetworkLog", "chromium_or_skip", "offline_browser")

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("TESSERA_REQUIRE_BROWSER") == "1"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})

# Headless, and nothing of Chromium's own that would reach out (updates, sync, first-run pages).
# `--no-sandbox`: the tests run as root here, where Chromium's sandbox refuses to start.
_ARGUMENTS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> Path:
    """Debian's Chromium, or skip (fail under TESSERA_REQUIRE_BROWSER=1) saying how to get it."""
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"no Chromium at {CHROMIUM}; install Debian's package (apt-get install chromium) to run it"
    if REQUIRE_BROWSER:
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass
class NetworkLog:
    """Everything a page asked for: each request, each answer's status, each failure, each block."""

    requested: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        """Let a request to this machine through; abort, and note, any other."""
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def on_request(self, request: Request) -> None:
        self.requested.append(request.url)

    def on_response(self, response: Response) -> None:
        self.statuses[response.url] = response.status

    def on_failed(self, request: Request) -> None:
        self.failed[request.url] = request.failure or "failed"

    def watch(self, context: BrowserContext) -> None:
        # On the context, not one page, so a pop-up or a second tab is cut off and recorded too.
        context.route("**/*", self.route)
        context.on("request", self.on_request)
        context.on("response", self.on_response)
        context.on("requestfailed", self.on_failed)


@contextmanager
def offline_browser(network: NetworkLog, viewport: tuple[int, int] = (1280, 900)) -> Iterator[BrowserContext]:
    """A fresh headless Chromium context that reaches only this machine, recording into `network`."""
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=_ARGUMENTS)
        try:
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            network.watch(context)
            yield context
        finally:
            browser.close()
