"""Switching accounts off and on through the API, on both databases: who may switch whom (anyone
else's account is a 404, as if it did not exist), nobody their own, and what a switched-off account
can still do (nothing: its token is a 401, signing in too). Every body gets a 400 in words, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api import PASSWORD, Api

ADMIN, VENDOR = "/api/v1/admin/users", "/api/v1/vendor/users"
SELF = "you cannot switch your own account off: another admin of your tenant can"


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    """`three_vendors` (acme on main, bolt on main and eu, crux on eu), plus each platform's admin, an
    acme member and a second super admin; `ids` holds every account's id by the same names."""
    world = api.three_vendors()
    root = world["root"]

    def user(name: str, email: str, role: str, **tenant: int) -> None:
        world["ids"][name] = api.post(ADMIN, root, email=email, password=PASSWORD, role=role, **tenant)["id"]
        world[name] = api.login(email)

    world["ids"] = {"root": 1, "acme_owner": 2, "bolt_owner": 3, "crux_owner": 4}
    user("main_admin", "admin@main.test", "platform_admin", platform_id=world["main"])
    user("main_admin2", "admin2@main.test", "platform_admin", platform_id=world["main"])
    user("eu_admin", "admin@eu.test", "platform_admin", platform_id=world["eu"])
    user("acme_member", "staff@acme.test", "vendor_member", vendor_id=world["acme"])
    user("root2", "root2@example.com", "super_admin")
    return world


def _switch(api: Api, prefix: str, actor: dict[str, str], user_id: int, body: Any) -> tuple[int, Any]:
    response = api.client.patch(f"{prefix}/{user_id}", json=body, headers={**actor, "host": "main.test"})
    found = response.json()
    return response.status_code, found.get("is_active", found.get("detail"))


def test_a_super_admin_switches_any_account_but_its_own(api: Api, world: dict[str, Any]) -> None:
    root, ids = world["root"], world["ids"]
    for name in ("root2", "main_admin", "eu_admin", "crux_owner", "acme_member"):
        assert _switch(api, ADMIN, root, ids[name], {"is_active": False}) == (200, False), name
    assert _switch(api, ADMIN, root, ids["acme_member"], {"is_active": False}) == (200, False)  # as it is
    assert _switch(api, ADMIN, root, ids["root"], {"is_active": False}) == (409, SELF)
    assert _switch(api, ADMIN, root, ids["root"], {"is_active": True}) == (200, True)
    assert _switch(api, ADMIN, root, 999_999, {"is_active": False}) == (404, "user 999999 not found")


def test_a_platform_admin_switches_its_platforms_admins_and_its_vendors_users(
    api: Api, world: dict[str, Any]
) -> None:
    admin, ids = world["main_admin"], world["ids"]
    for name in ("main_admin2", "acme_owner", "bolt_owner", "acme_member"):
        assert _switch(api, ADMIN, admin, ids[name], {"is_active": False}) == (200, False), name
        assert _switch(api, ADMIN, admin, ids[name], {"is_active": True}) == (200, True), name
    for name in ("root", "root2", "eu_admin", "crux_owner"):  # not of its platform: as if not there
        user_id = ids[name]
        assert _switch(api, ADMIN, admin, user_id, {"is_active": False}) == (404, f"user {user_id} not found")
    assert _switch(api, ADMIN, admin, ids["main_admin"], {"is_active": False}) == (409, SELF)
    detached = api.client.delete(
        f"/api/v1/admin/platforms/{world['main']}/vendors/{world['acme']}", headers=world["root"]
    )
    assert detached.status_code == 200
    user_id = ids["acme_member"]  # its vendor left the platform: no longer the admin's to switch
    assert _switch(api, ADMIN, admin, user_id, {"is_active": False}) == (404, f"user {user_id} not found")


def test_a_vendor_owner_switches_its_vendors_users_on_the_vendor_route(
    api: Api, world: dict[str, Any]
) -> None:
    owner, ids = world["acme_owner"], world["ids"]
    assert _switch(api, VENDOR, owner, ids["acme_member"], {"is_active": False}) == (200, False)
    assert _switch(api, VENDOR, owner, ids["acme_member"], {"is_active": True}) == (200, True)
    for name in ("bolt_owner", "main_admin", "root"):
        user_id = ids[name]
        assert _switch(api, VENDOR, owner, user_id, {"is_active": False}) == (
            404,
            f"user {user_id} not found",
        )
    assert _switch(api, VENDOR, owner, ids["acme_owner"], {"is_active": False}) == (409, SELF)
    admins_only = "this needs one of the roles super_admin, platform_admin; you are vendor_owner"
    assert _switch(api, ADMIN, owner, ids["acme_member"], {"is_active": False}) == (403, admins_only)
    owners_only = (
        "this needs one of the roles super_admin, platform_admin, vendor_owner; you are vendor_member"
    )
    member = world["acme_member"]
    assert _switch(api, VENDOR, member, ids["acme_owner"], {"is_active": False}) == (403, owners_only)
    vendors_only = "this needs one of the roles vendor_member, vendor_owner; you are super_admin"
    assert _switch(api, VENDOR, world["root"], ids["acme_member"], {"is_active": False}) == (
        403,
        vendors_only,
    )


def test_a_switched_off_account_is_refused_at_its_next_request_and_at_sign_in(
    api: Api, world: dict[str, Any]
) -> None:
    member, ids = world["acme_member"], world["ids"]
    pages = "/api/v1/vendor/dashboard/stats"  # served whatever modules are installed
    assert api.client.get(pages, headers={**member, "host": "main.test"}).status_code == 200
    assert _switch(api, VENDOR, world["acme_owner"], ids["acme_member"], {"is_active": False}) == (200, False)
    refused = api.client.get(pages, headers={**member, "host": "main.test"})
    assert refused.status_code == 401
    assert refused.json()["detail"].startswith("this token no longer matches an active account")
    sign_in = api.client.post("/api/v1/auth/token", json={"email": "staff@acme.test", "password": PASSWORD})
    assert (sign_in.status_code, sign_in.json()["detail"]) == (401, "wrong email or password")
    assert _switch(api, VENDOR, world["acme_owner"], ids["acme_member"], {"is_active": True}) == (200, True)
    assert api.client.get(pages, headers={**member, "host": "main.test"}).status_code == 200  # the same token


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({}, "is_active is required"),
        ({"is_active": "no"}, "is_active must be true or false"),
        ({"is_active": None}, "is_active must be true or false"),
        ({"is_active": 0}, "is_active must be true or false"),
        ({"is_active": False, "role": "super_admin"}, "role is not a field of this request: remove it"),
        ([], "the body must be a JSON object"),
    ],
)
def test_a_body_it_cannot_use_is_a_400_naming_is_active(
    api: Api, world: dict[str, Any], body: Any, detail: str
) -> None:
    assert _switch(api, ADMIN, world["root"], world["ids"]["acme_member"], body) == (400, detail)


def test_no_body_gets_a_500(api: Api, world: dict[str, Any]) -> None:
    path = f"{ADMIN}/{world['ids']['acme_member']}"
    headers = {**world["root"], "content-type": "application/json"}
    for content in (b"", b"{", b"null", b'"false"', b"\xff\xfe", b'{"is_active": false}' * 2, b"[" * 100):
        response = api.client.patch(path, content=content, headers=headers)
        assert response.status_code == 400, (content, response.text)
    bounds = "user_id must be a whole number from 1 to 2147483647"
    for user_id in ("0", "-1", "99999999999999999999"):
        response = api.client.patch(f"{ADMIN}/{user_id}", json={"is_active": False}, headers=world["root"])
        assert (response.status_code, response.json()["detail"]) == (400, bounds), user_id
    response = api.client.patch(f"{ADMIN}/x", json={"is_active": False}, headers=world["root"])
    assert response.status_code == 404  # no such route
