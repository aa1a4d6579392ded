"""Content pages through the real API on both databases: vendors' pages and platforms' own pages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.modules.cms.conftest import PAGES, page, platform_pages, set_status


def _slugs(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["items"]]


def test_a_page_created_published_is_published_now(api: Api, world: dict) -> None:
    created = page(api, world["crux_owner"], "contact", "published")
    assert created == {
        "id": created["id"],
        "vendor_id": world["crux"],
        "platform_id": None,
        "slug": "contact",
        "title": "Contact",
        "body": "About contact.",
        "status": "published",
        "created_at": "2026-06-15T12:00:00Z",
        "published_at": "2026-06-15T12:00:00Z",
    }
    draft = api.post(PAGES, world["crux_owner"], slug="notes", title="Notes")
    assert (draft["status"], draft["published_at"], draft["body"]) == ("draft", None, "")


def test_publishing_stamps_the_time_once_and_drafting_clears_it(
    api: Api, world: dict, clock: FrozenClock
) -> None:
    draft = page(api, world["crux_owner"], "notes")
    clock.advance(hours=1)
    published = set_status(api, world["crux_owner"], draft["id"], "published")
    assert (published["status"], published["published_at"]) == ("published", "2026-06-15T13:00:00Z")
    clock.advance(hours=1)
    again = set_status(api, world["crux_owner"], draft["id"], "published")
    assert again["published_at"] == "2026-06-15T13:00:00Z"  # already out: the first time stays
    back = set_status(api, world["crux_owner"], draft["id"], "draft")
    assert (back["status"], back["published_at"], back["created_at"]) == (
        "draft",
        None,
        "2026-06-15T12:00:00Z",
    )


def test_a_slug_is_unique_per_owner(api: Api, world: dict) -> None:
    response = api.client.post(PAGES, json={"slug": "about", "title": "Again"}, headers=world["bolt_owner"])
    assert response.status_code == 409
    assert "'about'" in response.json()["detail"]
    assert page(api, world["acme_owner"], "about")["vendor_id"] == world["acme"]  # crux and bolt have one
    admin = page(api, world["root"], "about", path=platform_pages(world["main"]))
    assert (admin["platform_id"], admin["vendor_id"]) == (world["main"], None)
    twice = api.client.post(
        platform_pages(world["main"]), json={"slug": "terms", "title": "T"}, headers=world["root"]
    )
    assert twice.status_code == 409


def test_pages_are_listed_newest_first_filtered_and_paginated(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    # created: old 03-01, prev-first 04-17, late 05-10, prev-last 05-16, now-first 05-17, draft 06-01,
    # withdrawn 06-05
    assert _slugs(api.client.get(PAGES, params={"limit": 3}, headers=owner)) == [
        "withdrawn",
        "draft",
        "now-first",
    ]
    rest = api.client.get(PAGES, params={"limit": 3, "offset": 3}, headers=owner)
    assert _slugs(rest) == ["prev-last", "late", "prev-first"]
    assert (rest.json()["total"], rest.json()["limit"], rest.json()["offset"]) == (7, 3, 3)
    drafts = api.client.get(PAGES, params={"status": "draft"}, headers=owner)
    assert (_slugs(drafts), drafts.json()["total"]) == (["withdrawn", "draft"], 2)
    published = api.client.get(PAGES, params={"status": "published", "offset": 4}, headers=owner)
    assert (_slugs(published), published.json()["total"]) == (["old"], 5)


def test_a_vendor_never_reaches_another_vendors_page(api: Api, world: dict) -> None:
    bolt = api.client.get(PAGES, headers=world["bolt_owner"]).json()
    assert (bolt["total"], {p["vendor_id"] for p in bolt["items"]}) == (2, {world["bolt"]})
    acme_page = api.client.get(PAGES, headers=world["acme_owner"]).json()["items"][0]
    response = api.client.patch(
        f"{PAGES}/{acme_page['id']}", json={"status": "published"}, headers=world["bolt_owner"]
    )
    assert response.status_code == 404
    assert (
        api.client.patch(f"{PAGES}/99999", json={"status": "draft"}, headers=world["bolt_owner"]).status_code
        == 404
    )
    unchanged = api.client.get(PAGES, params={"limit": 1}, headers=world["acme_owner"]).json()["items"][0]
    assert unchanged == acme_page
    platform_page = api.client.get(platform_pages(world["main"]), headers=world["root"]).json()["items"][0]
    through_vendor = api.client.patch(
        f"{PAGES}/{platform_page['id']}", json={"status": "draft"}, headers=world["acme_owner"]
    )
    assert through_vendor.status_code == 404  # a platform's page is not a vendor's


def test_platform_pages_belong_to_the_platform(api: Api, world: dict, clock: FrozenClock) -> None:
    main = api.client.get(platform_pages(world["main"]), headers=world["main_admin"])
    assert _slugs(main) == ["privacy", "terms"]  # same instant: the later id first
    assert {p["platform_id"] for p in main.json()["items"]} == {world["main"]}
    drafts = api.client.get(platform_pages(world["main"]), params={"status": "draft"}, headers=world["root"])
    assert _slugs(drafts) == ["privacy"]
    privacy = drafts.json()["items"][0]
    clock.advance(minutes=5)
    published = set_status(
        api, world["main_admin"], privacy["id"], "published", platform_pages(world["main"])
    )
    assert published["published_at"] == "2026-06-15T12:05:00Z"
    eu_page = api.client.get(platform_pages(world["eu"]), headers=world["root"]).json()["items"][0]
    wrong = api.client.patch(
        f"{platform_pages(world['main'])}/{eu_page['id']}", json={"status": "draft"}, headers=world["root"]
    )
    assert wrong.status_code == 404  # eu's page is not main's
    created = page(api, world["main_admin"], "help", "published", platform_pages(world["main"]))
    assert (created["platform_id"], created["published_at"]) == (world["main"], "2026-06-15T12:05:00Z")


@pytest.mark.parametrize(
    ("who", "platform", "status"),
    [
        ("main_admin", "eu", 403),  # another platform's admin
        ("acme_owner", "main", 403),  # vendor users have no platform pages
        ("root", 99999, 404),  # no such platform
    ],
)
def test_platform_pages_are_for_that_platform_only(
    api: Api, world: dict, who: str, platform: str | int, status: int
) -> None:
    path = platform_pages(world[platform] if isinstance(platform, str) else platform)
    assert api.client.get(path, headers=world[who]).status_code == status
    body = {"slug": "x", "title": "X"}
    assert api.client.post(path, json=body, headers=world[who]).status_code == status
    assert api.client.patch(f"{path}/1", json={"status": "draft"}, headers=world[who]).status_code == status
    assert api.client.get(path).status_code == 401


def test_vendor_page_routes_are_for_vendor_users(api: Api, world: dict) -> None:
    for who in ("root", "main_admin"):
        assert api.client.get(PAGES, headers=world[who]).status_code == 403
        response = api.client.post(PAGES, json={"slug": "x", "title": "X"}, headers=world[who])
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"title": "T"}, "slug"),
        ({"slug": "", "title": "T"}, "slug"),
        ({"slug": "Not A Slug", "title": "T"}, "slug"),
        ({"slug": "a" * 64, "title": "T"}, "slug"),
        ({"slug": "nul\u0000", "title": "T"}, "slug"),
        ({"slug": "ok"}, "title"),
        ({"slug": "ok", "title": ""}, "title"),
        ({"slug": "ok", "title": " \t "}, "title"),
        ({"slug": "ok", "title": "x" * 201}, "title"),
        ({"slug": "ok", "title": "T", "body": "nul\u0000"}, "body"),
        ({"slug": "ok", "title": "T", "body": "x" * 100_001}, "body"),
        ({"slug": "ok", "title": "T", "status": "archived"}, "status"),
        ({"slug": "ok", "title": "T", "published_at": "2026-01-01T00:00:00Z"}, "published_at"),
    ],
)
def test_a_bad_page_is_400_naming_the_field_and_stores_nothing(
    api: Api, world: dict, body: dict, key: str
) -> None:
    for path, headers in ((PAGES, world["crux_owner"]), (platform_pages(world["eu"]), world["root"])):
        response = api.client.post(path, json=body, headers=headers)
        assert response.status_code == 400, response.text
        assert [field["key"] for field in response.json()["extra"]] == [key]
        assert api.client.get(path, headers=headers).json()["total"] == 1


def test_the_longest_body_is_accepted(api: Api, world: dict) -> None:
    created = api.post(PAGES, world["crux_owner"], slug="long", title="Long", body="é\n" * 50_000)
    assert len(created["body"]) == 100_000


@pytest.mark.parametrize(
    ("path", "params", "key"),
    [
        (PAGES, {"status": "archived"}, "status"),
        (PAGES, {"limit": 0}, "limit"),
        (PAGES, {"limit": 101}, "limit"),
        (PAGES, {"offset": -1}, "offset"),
        (PAGES, {"offset": 2**31}, "offset"),
    ],
)
def test_bad_list_parameters_are_400_naming_them(
    api: Api, world: dict, path: str, params: dict, key: str
) -> None:
    response = api.client.get(path, params=params, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
    admin = api.client.get(platform_pages(world["main"]), params=params, headers=world["root"])
    assert [field["key"] for field in admin.json()["extra"]] == [key]


@pytest.mark.parametrize(
    ("page_id", "body", "key"),
    [
        ("0", {"status": "draft"}, "page_id"),
        ("2147483648", {"status": "draft"}, "page_id"),
        ("1", {"status": "gone"}, "status"),
        ("1", {}, "status"),
        ("1", {"status": "draft", "title": "x"}, "title"),
    ],
)
def test_a_bad_status_change_is_400(api: Api, world: dict, page_id: str, body: dict, key: str) -> None:
    response = api.client.patch(f"{PAGES}/{page_id}", json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]


def test_a_bad_platform_id_is_400(api: Api, world: dict) -> None:
    for platform_id in ("0", "2147483648"):
        response = api.client.get(f"/api/v1/admin/platforms/{platform_id}/cms/pages", headers=world["root"])
        assert response.status_code == 400
        assert [field["key"] for field in response.json()["extra"]] == ["platform_id"]
