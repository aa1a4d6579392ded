"""Bad input gets a 400 that names the parameter, or the status that fits, and changes nothing."""

from __future__ import annotations

import pytest

from tests.api import PASSWORD, Api

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


@pytest.fixture
def world(api: Api) -> dict:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    acme = api.vendor(root, "acme", [main])
    return {
        "root": root,
        "main": main,
        "acme": acme,
        "owner": api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme),
    }


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"period": "abc"}, "period"),
        ({"period": "9999d"}, "period"),
        ({"period": "0d"}, "period"),
        ({"date_from": "2026-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2026-06-10", "date_to": "2026-06-01"}, "date_from"),
        ({"date_from": "1900-01-01"}, "date_from"),
        ({"include_trends": "maybe"}, "include_trends"),
    ],
)
def test_bad_dashboard_parameters_are_400_naming_them(api: Api, world: dict, params: dict, key: str) -> None:
    for path, headers in ((VENDOR, world["owner"]), (ADMIN, world["root"])):
        response = api.client.get(path, params=params, headers=headers)
        assert response.status_code == 400, response.text
        body = response.json()
        assert [field["key"] for field in body["extra"]] == [key]
        assert key in body["detail"]


@pytest.mark.parametrize("platform_id", ["0", "-1", "abc", "2147483648", "99999999999999999999"])
def test_bad_ids_are_400(api: Api, world: dict, platform_id: str) -> None:
    response = api.client.get(ADMIN, params={"platform_id": platform_id}, headers=world["root"])
    assert response.status_code == 400
    assert response.json()["extra"][0]["key"] == "platform_id"
    path = api.client.get(f"/api/v1/admin/vendors/{platform_id}", headers=world["root"])
    assert path.status_code in (400, 404)  # a non-integer does not match the route at all


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ({"customer_email": "c@example.com", "total_cents": -1}, "total_cents"),
        ({"customer_email": "c@example.com", "total_cents": 10**13}, "total_cents"),
        ({"customer_email": "c@example.com", "total_cents": 1.5}, "total_cents"),
        ({"customer_email": "c@example.com", "total_cents": 100, "currency": "XYZ"}, "currency"),
        ({"customer_email": "c@example.com", "total_cents": 100, "status": "lost"}, "status"),
        ({"customer_email": "not an email", "total_cents": 100}, "customer_email"),
        ({"customer_email": "nul\u0000@example.com", "total_cents": 100}, "customer_email"),
        ({"customer_email": "c@example.com"}, "total_cents"),
        ({"customer_email": "c@example.com", "total_cents": 1, "discount": 5}, "discount"),
    ],
)
def test_a_bad_order_is_400_and_stores_nothing(api: Api, world: dict, body: dict, key: str) -> None:
    response = api.client.post("/api/v1/vendor/orders", json=body, headers=world["owner"])
    assert response.status_code == 400, response.text
    assert key in response.json()["detail"]
    assert api.client.get("/api/v1/vendor/orders", headers=world["owner"]).json()["total"] == 0


def test_a_body_that_is_not_json_is_400(api: Api, world: dict) -> None:
    response = api.client.post(
        "/api/v1/vendor/orders",
        content=b"{not json",
        headers={**world["owner"], "content-type": "application/json"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("path", "body", "status", "key"),
    [
        ("/api/v1/admin/platforms", {"slug": "Bad Slug", "name": "x"}, 400, "slug"),
        ("/api/v1/admin/platforms", {"slug": "ok", "name": "   "}, 400, "name"),
        (
            "/api/v1/admin/platforms",
            {"slug": "ok", "name": "Ok", "domain": "no_underscores.test"},
            400,
            "domain",
        ),
        ("/api/v1/admin/platforms", {"slug": "main", "name": "Again"}, 409, None),
        ("/api/v1/admin/platforms", {"slug": "other", "name": "Other", "domain": "main.test"}, 409, None),
        ("/api/v1/admin/vendors", {"slug": "v", "name": "V", "platform_ids": []}, 400, "platform_ids"),
        ("/api/v1/admin/vendors", {"slug": "v", "name": "V", "platform_ids": [999]}, 404, None),
        ("/api/v1/admin/vendors", {"slug": "acme", "name": "Acme", "platform_ids": [1]}, 409, None),
        (
            "/api/v1/admin/users",
            {"email": "u@x.test", "password": PASSWORD, "role": "vendor_owner"},
            400,
            "vendor_id",
        ),
        (
            "/api/v1/admin/users",
            {"email": "u@x.test", "password": PASSWORD, "role": "platform_admin"},
            400,
            "platform_id",
        ),
        (
            "/api/v1/admin/users",
            {"email": "u@x.test", "password": "short", "role": "super_admin"},
            400,
            "password",
        ),
        ("/api/v1/admin/users", {"email": "u@x.test", "password": PASSWORD, "role": "king"}, 400, "role"),
        (
            "/api/v1/admin/users",
            {"email": "ROOT@example.com", "password": PASSWORD, "role": "super_admin"},
            409,
            None,
        ),
    ],
)
def test_bad_admin_writes_change_nothing(
    api: Api, world: dict, path: str, body: dict, status: int, key: str | None
) -> None:
    def counts() -> tuple[int, int]:
        platforms = api.client.get("/api/v1/admin/platforms", headers=world["root"]).json()["total"]
        vendors = api.client.get("/api/v1/admin/vendors", headers=world["root"]).json()["total"]
        return platforms, vendors

    before = counts()
    response = api.client.post(path, json=body, headers=world["root"])
    assert response.status_code == status, response.text
    if key is not None:
        assert [field["key"] for field in response.json()["extra"]] == [key]
    assert counts() == before


def test_attaching_twice_is_a_conflict(api: Api, world: dict) -> None:
    path = f"/api/v1/admin/platforms/{world['main']}/vendors"
    response = api.client.post(path, json={"vendor_id": world["acme"]}, headers=world["root"])
    assert response.status_code == 409
    assert response.json()["detail"] == f"vendor {world['acme']} is already on platform {world['main']}"


def test_unknown_routes_and_methods_answer_in_the_error_shape(api: Api, world: dict) -> None:
    missing = api.client.get("/api/v1/nothing", headers=world["root"])
    assert missing.status_code == 404
    assert set(missing.json()) == {"status_code", "detail", "extra"}
    wrong = api.client.delete("/api/v1/vendor/dashboard/stats", headers=world["owner"])
    assert wrong.status_code == 405


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (
            {"email": "nul\u0000@example.com", "password": PASSWORD},
            400,
        ),  # PostgreSQL would refuse to compare it
        ({"email": "root@example.com", "password": "nul\u0000"}, 400),
        ({"email": "x" * 300 + "@example.com", "password": PASSWORD}, 400),
        ({"email": "root@example.com", "password": "short"}, 401),  # no length rule at sign-in
    ],
)
def test_sign_in_input_never_reaches_the_database_malformed(
    api: Api, world: dict, body: dict, status: int
) -> None:
    assert api.client.post("/api/v1/auth/token", json=body).status_code == status


@pytest.mark.parametrize("host", ["-x-.test", "a" * 300 + ".test", "[::1]:8000", "127.0.0.1:8000", ""])
def test_odd_host_headers_name_no_tenant(api: Api, world: dict, host: str) -> None:
    response = api.client.get(VENDOR, headers={**world["owner"], "host": host})
    assert response.status_code == 200
    assert response.json()["vendor_id"] == world["acme"]
