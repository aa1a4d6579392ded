"""`/schema/swagger` renders in a real browser with the network cut off: what a reader without
internet sees is the whole API, not a blank page.

`test_api_docs.py` checks what the page names; only a browser shows that Swagger UI then runs,
reads the document and draws it. So a real `tessera serve` serves a migrated SQLite file, headless
Chromium (Debian's) opens the page while refusing every request that is not for this machine, and
the test reads what it drew and what it asked for. One test, not one per check: under xdist a
shared module fixture would start a server and a browser in every worker. A screenshot of the page
is left beside the server's log in the test's `tmp_path`, for a failure to be looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.adapters.http.live_server import served
from tests.browser import NetworkLog, chromium_or_skip, offline_browser

pytestmark = pytest.mark.browser

SIGN_IN = ("POST", "/api/v1/auth/token")
# Asked for only by developer tools, which headless Chromium does not open; the package ships no map.
MAY_BE_MISSING = frozenset({"/schema/swagger-ui/swagger-ui.css.map"})
_METHODS = ("get", "put", "post", "delete", "patch")
_RENDER_TIMEOUT_MS = 20_000

# Each operation Swagger UI drew: its method, its path (whole in `data-path`; the shown text has
# break hints in it) and its summary as shown.
_DRAWN_OPERATIONS = """blocks => blocks.map(block => [
    block.querySelector('.opblock-summary-method')?.textContent ?? '',
    block.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '',
    block.querySelector('.opblock-summary-description')?.textContent ?? '',
])"""


@dataclass(frozen=True)
class DrawnPage:
    """What Swagger UI drew, and what went wrong on the page while it did."""

    title: str
    operations: list[tuple[str, str, str]]
    error_panel: str
    script_errors: list[str]


def _open(context: BrowserContext, url: str, screenshot: Path) -> DrawnPage:
    """Open the page and wait for it to draw (or give up quietly: the test then says what is missing)."""
    page, script_errors = context.new_page(), []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.goto(url, wait_until="load")
    try:
        page.wait_for_selector(".opblock", timeout=_RENDER_TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=_RENDER_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pass
    page.screenshot(path=screenshot, full_page=True)
    title, error_panel = page.locator(".information-container .title"), page.locator(".errors-wrapper")
    return DrawnPage(
        title=title.inner_text() if title.count() else "",
        operations=[tuple(row) for row in page.locator(".opblock").evaluate_all(_DRAWN_OPERATIONS)],
        error_panel=error_panel.inner_text() if error_panel.count() else "",
        script_errors=script_errors,
    )


def _documented(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    return sorted(
        (method.upper(), path, item[method]["summary"])
        for path, item in document["paths"].items()
        for method in _METHODS
        if method in item
    )


def _unanswered(network: NetworkLog) -> dict[str, str]:
    """Each request that failed or got a 4xx/5xx, but for what only developer tools ask for."""
    answers = {url: f"HTTP {status}" for url, status in network.statuses.items() if status >= 400}
    missing = {url: "no answer" for url in network.requested if url not in network.statuses}
    wrong = {**missing, **answers, **network.failed}
    return {url: why for url, why in wrong.items() if urlsplit(url).path not in MAY_BE_MISSING}


def test_the_swagger_page_renders_in_chromium_with_the_network_cut_off(tmp_path: Path) -> None:
    chromium_or_skip()  # before migrating and serving, which a skip would waste
    screenshot, network = tmp_path / "swagger.png", NetworkLog()
    with served(tmp_path) as base_url:
        document = httpx.get(f"{base_url}/schema/openapi.json", timeout=10).json()
        with offline_browser(network) as context:
            drawn = _open(context, f"{base_url}/schema/swagger", screenshot)
    server = urlsplit(base_url).netloc

    # Nothing left the machine, and everything the page asked of the app was answered.
    assert network.blocked == []
    assert network.requested, "the browser asked for nothing"
    assert [url for url in network.requested if urlsplit(url).netloc != server] == []
    assert _unanswered(network) == {}
    assert drawn.script_errors == []

    # It drew the document: the title, no error panel, the sign-in operation, then every operation.
    assert drawn.title.startswith("Tessera"), f"title {drawn.title!r}; see {screenshot}"
    assert drawn.error_panel == "", f"Swagger UI reports errors; see {screenshot}"
    method, path = SIGN_IN
    summary = document["paths"][path][method.lower()]["summary"]
    assert (method, path, summary) in drawn.operations, f"sign-in not drawn; see {screenshot}"
    assert sorted(drawn.operations) == _documented(document), f"see {screenshot}"
