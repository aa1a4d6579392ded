"""Media files and themes through the real API on both databases."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import Api
from tests.modules.cms.conftest import GIB, MEDIA, THEMES


def _themes(api: Api, owner: dict[str, str]) -> list[tuple[str, bool]]:
    page = api.client.get(THEMES, headers=owner).json()
    return [(theme["name"], theme["is_active"]) for theme in page["items"]]


def _activate(api: Api, owner: dict[str, str], theme_id: Any) -> Any:
    return api.client.post(f"{THEMES}/{theme_id}/activate", headers=owner)


def test_media_metadata_is_recorded_with_a_lower_case_type(api: Api, world: dict) -> None:
    created = api.post(
        MEDIA,
        world["bolt_owner"],
        filename="Price list (2026).PDF",
        content_type="Application/PDF",
        size_bytes=0,
    )
    assert created == {
        "id": created["id"],
        "vendor_id": world["bolt"],
        "filename": "Price list (2026).PDF",
        "content_type": "application/pdf",
        "size_bytes": 0,
        "created_at": "2026-06-15T12:00:00Z",
    }


def test_media_are_listed_newest_first_for_their_vendor_only(api: Api, world: dict) -> None:
    page = api.client.get(MEDIA, params={"limit": 1}, headers=world["acme_owner"]).json()
    assert (page["total"], [m["filename"] for m in page["items"]]) == (2, ["Hero Shot.jpg"])
    rest = api.client.get(MEDIA, params={"limit": 1, "offset": 1}, headers=world["acme_owner"]).json()
    assert [(m["filename"], m["content_type"], m["size_bytes"]) for m in rest["items"]] == [
        ("logo.png", "image/png", 1_500_000)
    ]
    crux = api.client.get(MEDIA, headers=world["crux_owner"]).json()
    assert [(m["vendor_id"], m["size_bytes"]) for m in crux["items"]] == [(world["crux"], 5 * GIB)]


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "../etc/passwd", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "a\\b.png", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "..", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "nul\u0000.png", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "line\n.png", "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "x" * 256, "content_type": "image/png", "size_bytes": 1}, "filename"),
        ({"filename": "a.png", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "png", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/png; q=1", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/png/x", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/" + "p" * 127, "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/png\n", "size_bytes": 1}, "content_type"),
        ({"filename": "a.png", "content_type": "image/png"}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": -1}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": 5 * GIB + 1}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": 10**30}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": 1.5}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": "1"}, "size_bytes"),
        ({"filename": "a.png", "content_type": "image/png", "size_bytes": 1, "url": "x"}, "url"),
    ],
)
def test_bad_media_is_400_naming_the_field_and_stores_nothing(
    api: Api, world: dict, body: dict, key: str
) -> None:
    response = api.client.post(MEDIA, json=body, headers=world["crux_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
    assert api.client.get(MEDIA, headers=world["crux_owner"]).json()["total"] == 1


def test_creating_an_active_theme_switches_the_previous_one_off(api: Api, world: dict) -> None:
    assert _themes(api, world["acme_owner"]) == [("Bold", True), ("Classic", False)]
    api.post(THEMES, world["acme_owner"], name="Summer", is_active=True)
    assert _themes(api, world["acme_owner"]) == [("Summer", True), ("Bold", False), ("Classic", False)]
    draft = api.post(THEMES, world["acme_owner"], name="Winter")
    assert (draft["is_active"], draft["vendor_id"], draft["created_at"]) == (
        False,
        world["acme"],
        "2026-06-15T12:00:00Z",
    )
    assert [active for _, active in _themes(api, world["acme_owner"])].count(True) == 1


def test_activating_a_theme_switches_the_previous_one_off(api: Api, world: dict) -> None:
    classic = api.client.get(THEMES, headers=world["acme_owner"]).json()["items"][1]
    response = _activate(api, world["acme_owner"], classic["id"])
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["is_active"]) == ("Classic", True)
    assert _themes(api, world["acme_owner"]) == [("Bold", False), ("Classic", True)]
    again = _activate(api, world["acme_owner"], classic["id"])  # already active: nothing changes
    assert (again.status_code, _themes(api, world["acme_owner"])) == (
        200,
        [("Bold", False), ("Classic", True)],
    )
    bolt = api.client.get(THEMES, headers=world["bolt_owner"]).json()["items"][0]
    assert _activate(api, world["bolt_owner"], bolt["id"]).json()["is_active"] is True
    assert _themes(api, world["acme_owner"]) == [("Bold", False), ("Classic", True)]  # acme untouched


def test_another_vendors_theme_is_not_found_and_stays_as_it_is(api: Api, world: dict) -> None:
    acme = api.client.get(THEMES, headers=world["acme_owner"]).json()["items"]
    for theme in acme:
        response = _activate(api, world["crux_owner"], theme["id"])
        assert response.status_code == 404
    assert _activate(api, world["crux_owner"], 99999).status_code == 404
    assert _themes(api, world["acme_owner"]) == [("Bold", True), ("Classic", False)]
    crux = api.client.get(THEMES, headers=world["crux_owner"]).json()
    assert (crux["items"], crux["total"]) == ([], 0)


def test_themes_are_paginated(api: Api, world: dict) -> None:
    page = api.client.get(THEMES, params={"limit": 1, "offset": 1}, headers=world["acme_owner"]).json()
    assert ([t["name"] for t in page["items"]], page["total"], page["limit"], page["offset"]) == (
        ["Classic"],
        2,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "nul\u0000"}, "name"),
        ({"name": "Ok", "is_active": "yes"}, "is_active"),
        ({"name": "Ok", "is_active": 1}, "is_active"),
        ({"name": "Ok", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_theme_is_400_naming_the_field(api: Api, world: dict, body: dict, key: str) -> None:
    response = api.client.post(THEMES, json=body, headers=world["acme_owner"])
    assert response.status_code == 400, response.text
    assert [field["key"] for field in response.json()["extra"]] == [key]
    assert _themes(api, world["acme_owner"]) == [("Bold", True), ("Classic", False)]


@pytest.mark.parametrize("theme_id", ["0", "-1", "2147483648"])
def test_a_bad_theme_id_is_400(api: Api, world: dict, theme_id: str) -> None:
    response = _activate(api, world["acme_owner"], theme_id)
    assert response.status_code == 400
    assert [field["key"] for field in response.json()["extra"]] == ["theme_id"]


@pytest.mark.parametrize(
    ("path", "body"),
    [(MEDIA, {"filename": "a.png", "content_type": "image/png", "size_bytes": 1}), (THEMES, {"name": "T"})],
)
def test_media_and_themes_are_for_vendor_users(api: Api, world: dict, path: str, body: dict) -> None:
    for who in ("root", "main_admin"):
        assert api.client.get(path, headers=world[who]).status_code == 403
        assert api.client.post(path, json=body, headers=world[who]).status_code == 403
    assert api.client.post(f"{THEMES}/1/activate", headers=world["root"]).status_code == 403
    assert api.client.get(path).status_code == 401
    for params, key in (({"limit": 0}, "limit"), ({"offset": -1}, "offset")):
        response = api.client.get(path, params=params, headers=world["acme_owner"])
        assert [field["key"] for field in response.json()["extra"]] == [key]
