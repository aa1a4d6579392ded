"""The pages in a real browser: Debian's headless Chromium, cut off from every other machine, signs
in to a real `tessera serve` over the demo's data as a vendor owner and as a platform admin.

Every tile must show the JSON API's figure for the same window; picking another period changes the
figures and the chart; a module switched off for the platform takes its tiles away; signing out
leaves the pages refused. One test, as for Swagger: under xdist each test would start its own
server and browser. A screenshot of each page at 1280x800 goes to `build/screenshots/` (not
committed; the README's picture in `docs/` is one of them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.adapters.http.live_server import served
from tests.browser import NetworkLog, offline_browser

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"
_LOGIN = re.compile(r"^\s+(super_admin|platform_admin|vendor_owner)\s+(\S+)\s+(\S+)\s*$", re.MULTILINE)
_TILES = "els => els.map(e => [e.dataset.key, e.dataset.value])"


def _demo(directory: Path) -> dict[str, tuple[str, str]]:
    """The demo's database in `directory`, and its logins by role."""
    tessera = Path(sys.executable).with_name("tessera")
    database = directory / "tessera.db"
    printed = subprocess.run(  # noqa: S603
        [str(tessera), "demo", "--no-serve", "--database", str(database), "--orders", "3000"],
        capture_output=True,
        text=True,
        check=True,
        cwd=directory,
    ).stdout
    return {role: (email, password) for role, email, password in _LOGIN.findall(printed)}


def _api(base: str, login: tuple[str, str], path: str, **params: str) -> dict[str, str]:
    token = httpx.post(f"{base}/api/v1/auth/token", json={"email": login[0], "password": login[1]})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    answer = httpx.get(f"{base}{path}", params={"include_trends": "true", **params}, headers=headers)
    assert answer.status_code == 200, answer.text
    return {m["key"]: str(m["value"]) for ms in answer.json()["categories"].values() for m in ms}


def _tiles(page: Page) -> dict[str, str]:
    return dict(page.locator(".tile").evaluate_all(_TILES))


def _sign_in(page: Page, base: str, login: tuple[str, str]) -> None:
    page.goto(f"{base}/dashboard")
    assert page.url == f"{base}/sign-in"  # no session yet: sent to the form
    _shot(page, "sign-in")
    page.fill("input[name=email]", login[0])
    page.fill("input[name=password]", login[1])
    with page.expect_navigation():
        page.click("button[type=submit]")


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def _vendor_owner(page: Page, base: str, login: tuple[str, str]) -> None:
    _sign_in(page, base, login)
    assert page.url == f"{base}/dashboard"
    month = _tiles(page)
    assert month == _api(base, login, "/api/v1/vendor/dashboard/stats", period="30d")
    assert page.locator(".chart svg").count() == 2
    chart = page.locator(".chart svg").first.inner_html()
    _shot(page, "vendor-dashboard")
    with page.expect_navigation():
        page.select_option("#period", "12m")  # the picker's script sends the form
    assert "period=12m" in page.url
    year = _tiles(page)
    assert year == _api(base, login, "/api/v1/vendor/dashboard/stats", period="12m")
    assert int(year["orders.period_orders"]) > int(month["orders.period_orders"])
    assert page.locator(".chart svg").first.inner_html() != chart
    with page.expect_navigation():
        page.click("nav button")  # sign out
    page.goto(f"{base}/dashboard")
    assert page.url == f"{base}/sign-in"


def _platform_admin(page: Page, base: str, login: tuple[str, str]) -> None:
    _sign_in(page, base, login)
    assert page.url == f"{base}/admin"
    assert _tiles(page) == _api(base, login, "/api/v1/admin/dashboard/stats", period="30d")
    assert page.locator("#top-vendors tbody tr").count() >= 1
    _shot(page, "platform-dashboard")
    page.goto(f"{base}/admin/modules")
    _shot(page, "platform-modules")
    with page.expect_navigation():
        page.click("tr[data-module=orders] button")
    assert page.locator("tr[data-module=orders]").get_attribute("data-enabled") == "off"
    page.goto(f"{base}/admin")
    assert not [key for key in _tiles(page) if key.startswith("orders.")]
    assert page.locator(".chart svg").count() == 0
    page.goto(f"{base}/admin/modules")
    with page.expect_navigation():
        page.click("tr[data-module=orders] button")  # back on, for the other checks
    assert page.locator("tr[data-module=orders]").get_attribute("data-enabled") == "on"


def test_pages_in_a_real_browser(tmp_path: Path) -> None:
    logins = _demo(tmp_path)
    network = NetworkLog()
    errors: list[Any] = []
    with served(tmp_path) as base, offline_browser(network, viewport=(1280, 800)) as context:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        _vendor_owner(page, base, logins["vendor_owner"])
        context.clear_cookies()
        _platform_admin(page, base, logins["platform_admin"])
    assert errors == []
    assert network.blocked == []  # nothing asked of another machine: no CDN, no fonts
    assert not network.failed
    assert all(status < 400 for status in network.statuses.values()), network.statuses
