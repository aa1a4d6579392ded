"""Three vendors on two platforms, with pages, media and themes made at chosen instants through the API.

Today is 2026-06-15 12:00 UTC. The default 30-day window is 2026-05-17..2026-06-15 and the previous
window 2026-04-17..2026-05-16, both days included. What each owner ends up with:

- acme (main): 7 pages, 5 published (2 published in this window, 2 in the previous one);
  2 media files of 1_500_000 + 845_678 = 2_345_678 bytes; 2 themes, "Bold" active.
- bolt (main, eu): 2 pages, 1 published in this window; 1 file of 999 bytes; 1 theme, inactive.
- crux (eu): 1 page published in the previous window; 1 file of 5 GiB; no theme.
- platform main: 2 pages, 1 published in this window. Platform eu: 1 page published in the previous one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.api import Api
from tests.fakes.clock import FrozenClock

PAGES = "/api/v1/vendor/cms/pages"
MEDIA = "/api/v1/vendor/cms/media"
THEMES = "/api/v1/vendor/cms/themes"
TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
GIB = 1024**3


def platform_pages(platform_id: int) -> str:
    return f"/api/v1/admin/platforms/{platform_id}/cms/pages"


def at(
    clock: FrozenClock, year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0
) -> None:
    clock.set(datetime(year, month, day, hour, minute, second, tzinfo=UTC))


def page(api: Api, headers: dict[str, str], slug: str, status: str = "draft", path: str = PAGES) -> Any:
    return api.post(path, headers, slug=slug, title=slug.title(), body=f"About {slug}.", status=status)


def set_status(api: Api, headers: dict[str, str], page_id: int, status: str, path: str = PAGES) -> Any:
    response = api.client.patch(f"{path}/{page_id}", json={"status": status}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _acme(api: Api, clock: FrozenClock, owner: dict[str, str]) -> None:
    for when, slug, status in (
        ((2026, 3, 1, 10), "old", "published"),  # before both windows
        ((2026, 4, 17, 0, 0, 0), "prev-first", "published"),  # first second of the previous window
        ((2026, 5, 16, 23, 59, 59), "prev-last", "published"),  # last second of the previous window
        ((2026, 5, 17, 0, 0, 0), "now-first", "published"),  # first second of this window
        ((2026, 6, 1, 9), "draft", "draft"),
    ):
        at(clock, *when)
        page(api, owner, slug, status)
    at(clock, 2026, 5, 10, 9)
    late = page(api, owner, "late")  # a draft of the previous window...
    at(clock, 2026, 6, 10, 9)
    set_status(api, owner, late["id"], "published")  # ...published in this one
    at(clock, 2026, 6, 5, 9)
    withdrawn = page(api, owner, "withdrawn", "published")
    at(clock, 2026, 6, 6, 9)
    set_status(api, owner, withdrawn["id"], "draft")  # no longer published: counted nowhere
    api.post(MEDIA, owner, filename="logo.png", content_type="image/png", size_bytes=1_500_000)
    api.post(MEDIA, owner, filename="Hero Shot.jpg", content_type="Image/JPEG", size_bytes=845_678)
    api.post(THEMES, owner, name="Classic", is_active=True)
    api.post(THEMES, owner, name="Bold", is_active=True)  # switches Classic off


def _others(api: Api, clock: FrozenClock, world: dict[str, Any]) -> None:
    at(clock, 2026, 6, 1, 9)
    page(api, world["bolt_owner"], "about", "published")
    at(clock, 2026, 6, 2, 9)
    page(api, world["bolt_owner"], "faq")
    api.post(MEDIA, world["bolt_owner"], filename="a.txt", content_type="text/plain", size_bytes=999)
    api.post(THEMES, world["bolt_owner"], name="Plain")
    at(clock, 2026, 5, 1, 9)
    page(api, world["crux_owner"], "about", "published")
    api.post(MEDIA, world["crux_owner"], filename="film.mp4", content_type="video/mp4", size_bytes=5 * GIB)
    at(clock, 2026, 6, 14, 9)
    page(api, world["root"], "terms", "published", platform_pages(world["main"]))
    page(api, world["root"], "privacy", "draft", platform_pages(world["main"]))
    at(clock, 2026, 4, 20, 9)
    page(api, world["root"], "terms", "published", platform_pages(world["eu"]))


@pytest.fixture
def world(api: Api, clock: FrozenClock) -> dict[str, Any]:
    """Platforms main and eu; acme on main, bolt on main and eu, crux on eu; their CMS content."""
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    ids = {"acme": api.vendor(root, "acme", [main]), "bolt": api.vendor(root, "bolt", [main, eu])}
    ids["crux"] = api.vendor(root, "crux", [eu])
    world: dict[str, Any] = {"root": root, "main": main, "eu": eu, **ids}
    for name, vendor_id in ids.items():
        world[f"{name}_owner"] = api.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
    world["main_admin"] = api.user(root, "admin@main.test", "platform_admin", platform_id=main)
    _acme(api, clock, world["acme_owner"])
    _others(api, clock, world)
    clock.set(TODAY)
    return world
