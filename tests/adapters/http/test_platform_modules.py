"""Switching a module per platform through the real API, on both databases: the dashboards and the
module's routes change for that platform only, at once, with no restart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.api import Api, figures

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
MAIN, EU = {"host": "main.test"}, {"host": "eu.test"}


def _modules(api: Api, platform_id: int, headers: dict[str, str]) -> dict[str, dict[str, Any]]:
    response = api.client.get(f"/api/v1/admin/platforms/{platform_id}/modules", headers=headers)
    assert response.status_code == 200, response.text
    return {module["code"]: module for module in response.json()["modules"]}


def _switch(api: Api, platform_id: int, code: str, enabled: Any, headers: dict[str, str]) -> Any:
    return api.client.put(
        f"/api/v1/admin/platforms/{platform_id}/modules/{code}", json={"enabled": enabled}, headers=headers
    )


@pytest.fixture
def world(api: Api) -> dict[str, Any]:
    """acme sells on main and on eu; each platform has its admin."""
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    acme = api.vendor(root, "acme", [main, eu])
    owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
    api.order(owner, 1234)
    return {
        "root": root,
        "main": main,
        "eu": eu,
        "owner": owner,
        "main_admin": api.user(root, "admin@main.test", "platform_admin", platform_id=main),
    }


def test_listing_shows_state_requirements_and_who_needs_what(api: Api, world: dict[str, Any]) -> None:
    modules = _modules(api, world["main"], world["root"])
    assert modules["tenancy"] == {
        "code": "tenancy",
        "name": "Tenancy",
        "is_core": True,
        "requires": [],
        "required_by": [
            code for code in modules if code != "tenancy" and "tenancy" in modules[code]["requires"]
        ],
        "enabled_in_settings": True,
        "enabled": True,
        "platform_override": None,
        "metrics_category": "tenancy",
    }
    assert modules["orders"]["requires"] == ["tenancy"]
    assert modules["orders"]["enabled"] is True
    assert "orders" in modules["tenancy"]["required_by"]


def test_switching_off_removes_the_category_and_routes_for_that_platform_only(
    api: Api, world: dict[str, Any]
) -> None:
    response = _switch(api, world["main"], "orders", False, world["main_admin"])
    assert response.status_code == 200, response.text
    assert response.json()["enabled"] is False
    assert response.json()["platform_override"] is False

    on_main = api.stats(VENDOR, world["owner"] | MAIN)
    assert "orders" not in on_main["categories"]
    assert on_main["unavailable"] == []  # switched off is not "unavailable"
    assert figures(api.stats(VENDOR, world["owner"] | EU), "orders")["orders.total"] == 1
    assert "orders" not in api.stats(ADMIN, world["root"], platform_id=world["main"])["categories"]
    assert figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "orders")["orders.total"] == 1

    refused = api.client.get("/api/v1/vendor/orders", headers=world["owner"] | MAIN)
    assert refused.status_code == 404
    assert refused.json()["detail"] == "the 'orders' module is switched off for this platform"
    assert api.client.get("/api/v1/vendor/orders", headers=world["owner"] | EU).json()["total"] == 1

    assert _switch(api, world["main"], "orders", True, world["root"]).status_code == 200
    assert figures(api.stats(VENDOR, world["owner"] | MAIN), "orders")["orders.total"] == 1
    assert api.client.get("/api/v1/vendor/orders", headers=world["owner"] | MAIN).status_code == 200


def test_a_switch_reaches_a_second_app_on_the_same_database_after_the_cache_ttl(
    api: Api, world: dict[str, Any], make_container: Callable[..., Container]
) -> None:
    """Another worker process keeps its cached answer for `platform.host_cache_ttl_s`; with no cache
    it sees the switch on its next request."""
    other = make_container({"platform": {"host_cache_ttl_s": 0}})
    with TestClient(create_app(other), base_url="http://testserver.local") as client:
        assert _switch(api, world["main"], "orders", False, world["root"]).status_code == 200
        assert client.get("/api/v1/vendor/orders", headers=world["owner"] | MAIN).status_code == 404


@pytest.mark.parametrize(
    ("code", "enabled", "status", "detail"),
    [
        ("tenancy", False, 409, "'tenancy' is a core module"),
        ("reviews", True, 404, "no module 'reviews' is installed"),
        ("Orders", True, 400, "code"),
        ("orders", "yes", 400, "enabled"),
    ],
)
def test_refused_switches_change_nothing(
    api: Api, world: dict[str, Any], code: str, enabled: Any, status: int, detail: str
) -> None:
    before = _modules(api, world["main"], world["root"])
    response = _switch(api, world["main"], code, enabled, world["root"])
    assert response.status_code == status, response.text
    assert detail in response.text
    assert _modules(api, world["main"], world["root"]) == before


def test_only_the_platforms_own_admin_or_a_super_admin_may_switch(api: Api, world: dict[str, Any]) -> None:
    assert _switch(api, world["eu"], "orders", False, world["main_admin"]).status_code == 403
    assert _switch(api, world["main"], "orders", False, world["owner"]).status_code == 403
    assert (
        api.client.get(
            f"/api/v1/admin/platforms/{world['eu']}/modules", headers=world["main_admin"]
        ).status_code
        == 403
    )
    assert _switch(api, world["main"], "orders", False, {}).status_code == 401
    assert _switch(api, 999, "orders", False, world["root"]).status_code == 404
    assert figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "orders")["orders.total"] == 1


def test_a_module_off_in_settings_cannot_be_switched_on_for_a_platform(
    make_container: Callable[..., Container],
) -> None:
    container = make_container({"modules": {"orders": {"enabled": False}}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        root = api.super_admin()
        main = api.platform(root, "main", "main.test")
        assert _modules(api, main, root)["orders"]["enabled_in_settings"] is False
        response = _switch(api, main, "orders", True, root)
        assert response.status_code == 409
        assert "switched off in the settings file" in response.json()["detail"]


def test_routes_that_name_their_platform_follow_that_platforms_switch(
    api: Api, world: dict[str, Any]
) -> None:
    """The super admin's request belongs to the default platform, but these routes name another one."""
    assert _switch(api, world["eu"], "cms", False, world["root"]).status_code == 200
    page = {"slug": "terms", "title": "Terms"}
    off = api.client.post(
        f"/api/v1/admin/platforms/{world['eu']}/cms/pages", json=page, headers=world["root"]
    )
    assert off.status_code == 404
    assert off.json()["detail"] == "the 'cms' module is switched off for this platform"
    on = api.client.post(
        f"/api/v1/admin/platforms/{world['main']}/cms/pages", json=page, headers=world["root"]
    )
    assert on.status_code == 201, on.text
