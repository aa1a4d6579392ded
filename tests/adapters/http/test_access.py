"""Tenants never see each other: wrong role 403, another tenant's data 403 or 404, hosts checked."""

from __future__ import annotations

import pytest

from tests.api import PASSWORD, Api, figures

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


@pytest.fixture
def world(api: Api) -> dict:
    root = api.super_admin()
    main = api.platform(root, "main", "main.test")
    eu = api.platform(root, "eu", "eu.test")
    acme = api.vendor(root, "acme", [main])
    bolt = api.vendor(root, "bolt", [eu])
    api.post(f"/api/v1/admin/vendors/{bolt}/domains", root, domain="shop.bolt.example")
    return {
        "root": root,
        "main": main,
        "eu": eu,
        "acme": acme,
        "bolt": bolt,
        "main_admin": api.user(root, "admin@main.test", "platform_admin", platform_id=main),
        "acme_owner": api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme),
        "bolt_member": api.user(root, "staff@bolt.test", "vendor_member", vendor_id=bolt),
    }


def _status(api: Api, method: str, path: str, headers: dict, **kwargs: object) -> int:
    return api.client.request(method, path, headers=headers, **kwargs).status_code  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("who", "method", "path"),
    [
        ("acme_owner", "GET", ADMIN),
        ("main_admin", "GET", VENDOR),
        ("root", "GET", VENDOR),
        ("root", "GET", "/api/v1/vendor/orders"),
        ("acme_owner", "GET", "/api/v1/admin/platforms"),
        ("main_admin", "GET", "/api/v1/admin/platforms"),
        ("acme_owner", "GET", "/api/v1/admin/vendors"),
    ],
)
def test_the_wrong_role_is_403(api: Api, world: dict, who: str, method: str, path: str) -> None:
    response = api.client.request(method, path, headers=world[who])
    assert response.status_code == 403
    assert "needs one of the roles" in response.json()["detail"]


def test_a_platform_admin_stays_on_its_platform(api: Api, world: dict) -> None:
    admin, eu, bolt = world["main_admin"], world["eu"], world["bolt"]
    assert _status(api, "GET", ADMIN, admin, params={"platform_id": eu}) == 403
    assert _status(api, "GET", f"/api/v1/admin/vendors/{bolt}", admin) == 404  # not even its existence
    assert _status(api, "PATCH", f"/api/v1/admin/vendors/{bolt}", admin, json={"is_verified": True}) == 403
    assert _status(api, "GET", "/api/v1/admin/vendors", admin, params={"platform_id": eu}) == 403
    vendor = {"slug": "sneaky", "name": "Sneaky", "platform_ids": [eu]}
    assert _status(api, "POST", "/api/v1/admin/vendors", admin, json=vendor) == 403
    user = {"email": "x@eu.test", "password": PASSWORD, "role": "platform_admin", "platform_id": eu}
    assert _status(api, "POST", "/api/v1/admin/users", admin, json=user) == 403
    boss = {"email": "boss@main.test", "password": PASSWORD, "role": "super_admin"}
    assert _status(api, "POST", "/api/v1/admin/users", admin, json=boss) == 403
    staff = {"email": "x@bolt.test", "password": PASSWORD, "role": "vendor_member", "vendor_id": bolt}
    assert _status(api, "POST", "/api/v1/admin/users", admin, json=staff) == 404
    assert (
        _status(api, "POST", f"/api/v1/admin/platforms/{eu}/vendors", admin, json={"vendor_id": bolt}) == 403
    )
    listed = api.client.get("/api/v1/admin/vendors", headers=admin).json()
    assert [vendor["slug"] for vendor in listed["items"]] == ["acme"]


def test_a_platform_admin_may_not_use_another_platforms_host(api: Api, world: dict) -> None:
    own = api.client.get(ADMIN, headers={**world["main_admin"], "host": "main.test"})
    assert own.status_code == 200
    other = api.client.get(ADMIN, headers={**world["main_admin"], "host": "eu.test"})
    assert other.status_code == 403
    assert "belongs to platform 'eu'" in other.json()["detail"]


def test_a_super_admin_dashboard_follows_the_host_or_the_default_platform(api: Api, world: dict) -> None:
    by_host = api.stats(ADMIN, {**world["root"], "host": "eu.test"})
    assert by_host["platform_id"] == world["eu"]
    by_default = api.stats(ADMIN, world["root"])  # platform.default is "main"
    assert by_default["platform_id"] == world["main"]
    missing = api.client.get(ADMIN, headers=world["root"], params={"platform_id": 999})
    assert missing.status_code == 404


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("acme.main.test", 200),  # its own subdomain
        ("ACME.main.test:8443", 200),  # hosts are case-insensitive and may carry a port
        ("bolt.eu.test", 403),  # another vendor's subdomain
        ("shop.bolt.example", 403),  # another vendor's custom domain
        ("main.test", 200),  # a platform host names no vendor
        ("unknown.example", 200),
    ],
)
def test_a_host_naming_another_vendor_is_refused(api: Api, world: dict, host: str, status: int) -> None:
    response = api.client.get(VENDOR, headers={**world["acme_owner"], "host": host})
    assert response.status_code == status
    if status == 403:
        assert "belongs to vendor 'bolt'" in response.json()["detail"]


def test_a_vendor_member_sees_its_vendor_through_its_custom_domain(api: Api, world: dict) -> None:
    dashboard = api.stats(VENDOR, {**world["bolt_member"], "host": "shop.bolt.example"})
    assert dashboard["vendor_id"] == world["bolt"]
    assert figures(dashboard, "tenancy") == {"tenancy.team_members": 1, "tenancy.custom_domains": 1}


def test_vendors_only_ever_see_their_own_orders(api: Api, world: dict) -> None:
    api.order(world["bolt_member"], 999)
    mine = api.client.get("/api/v1/vendor/orders", headers=world["acme_owner"]).json()
    assert mine["total"] == 0
    assert figures(api.stats(VENDOR, world["acme_owner"]), "orders")["orders.total"] == 0


def test_a_vendor_user_signs_in_to_the_platform_it_comes_through(api: Api, world: dict) -> None:
    root = world["root"]
    api.client.post(
        f"/api/v1/admin/platforms/{world['eu']}/vendors", json={"vendor_id": world["acme"]}, headers=root
    )
    response = api.client.post(
        "/api/v1/auth/token",
        json={"email": "owner@acme.test", "password": PASSWORD},
        headers={"host": "eu.test"},
    )
    import jwt  # noqa: PLC0415

    from tests.database import SECRET  # noqa: PLC0415

    claims = jwt.decode(response.json()["access_token"], SECRET, algorithms=["HS256"])
    assert claims["extras"]["platform_id"] == world["eu"]


def test_a_platform_admin_cannot_pull_in_another_platforms_vendor(api: Api, world: dict) -> None:
    admin, main, bolt = world["main_admin"], world["main"], world["bolt"]
    steal = api.client.post(
        f"/api/v1/admin/platforms/{main}/vendors", json={"vendor_id": bolt}, headers=admin
    )
    assert steal.status_code == 404  # the same answer as for a vendor that does not exist
    missing = api.client.post(
        f"/api/v1/admin/platforms/{main}/vendors", json={"vendor_id": 999}, headers=admin
    )
    assert missing.json()["detail"] == "vendor 999 not found"
    assert steal.json()["detail"] == f"vendor {bolt} not found"
    bolt_now = api.client.get(f"/api/v1/admin/vendors/{bolt}", headers=world["root"]).json()
    assert bolt_now["platform_ids"] == [world["eu"]]


def test_after_a_vendor_leaves_its_former_platform_admin_can_only_bring_it_back(
    api: Api, world: dict
) -> None:
    admin, main, acme, root = world["main_admin"], world["main"], world["acme"], world["root"]
    assert _status(api, "DELETE", f"/api/v1/admin/platforms/{main}/vendors/{acme}", admin) == 200
    assert (
        _status(api, "POST", f"/api/v1/admin/vendors/{acme}/domains", admin, json={"domain": "x.acme.test"})
        == 404
    )
    user = {"email": "new@acme.test", "password": PASSWORD, "role": "vendor_member", "vendor_id": acme}
    assert _status(api, "POST", "/api/v1/admin/users", admin, json=user) == 404
    former = api.client.get(f"/api/v1/admin/vendors/{acme}", headers=admin).json()
    assert former["platform_ids"] == []  # still visible to its former platform, as a former member
    assert (
        _status(api, "POST", f"/api/v1/admin/platforms/{main}/vendors", admin, json={"vendor_id": acme})
        == 201
    )
    assert _status(api, "POST", "/api/v1/admin/users", admin, json=user) == 201
    assert api.client.get(f"/api/v1/admin/vendors/{acme}", headers=root).json()["platform_ids"] == [main]


def test_a_platform_admin_learns_nothing_of_other_platforms(api: Api, world: dict) -> None:
    root, admin, acme, eu = world["root"], world["main_admin"], world["acme"], world["eu"]
    api.post(f"/api/v1/admin/platforms/{eu}/vendors", root, vendor_id=acme)
    assert api.client.get(f"/api/v1/admin/vendors/{acme}", headers=root).json()["platform_ids"] == [1, 2]
    assert api.client.get(f"/api/v1/admin/vendors/{acme}", headers=admin).json()["platform_ids"] == [1]


def test_every_admin_route_refuses_another_platforms_host(api: Api, world: dict) -> None:
    response = api.client.get("/api/v1/admin/vendors", headers={**world["main_admin"], "host": "eu.test"})
    assert response.status_code == 403
    assert response.json()["detail"] == "this host belongs to platform 'eu', not to yours"
    orders = api.client.get("/api/v1/vendor/orders", headers={**world["acme_owner"], "host": "bolt.eu.test"})
    assert orders.status_code == 403


def test_switching_a_vendor_off_stops_its_users_at_once(api: Api, world: dict) -> None:
    owner = world["acme_owner"]
    assert api.client.get(VENDOR, headers=owner).status_code == 200
    path = f"/api/v1/admin/vendors/{world['acme']}"
    assert api.client.patch(path, json={"is_active": False}, headers=world["root"]).status_code == 200
    refused = api.client.get(VENDOR, headers=owner)
    assert (refused.status_code, refused.json()["detail"]) == (403, "vendor 'acme' is switched off")
    sign_in = api.client.post("/api/v1/auth/token", json={"email": "owner@acme.test", "password": PASSWORD})
    assert sign_in.status_code == 401


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/admin/vendors/{acme}/domains", {"domain": "shop.main.test"}),  # under a platform's domain
        ("/api/v1/admin/vendors/{acme}/domains", {"domain": "main.test"}),  # a platform's domain
        ("/api/v1/admin/vendors/{acme}/domains", {"domain": "shop.bolt.example"}),  # another vendor's
        (
            "/api/v1/admin/platforms",
            {"slug": "bolt", "name": "Bolt", "domain": "bolt.example"},
        ),  # above a vendor's
        (
            "/api/v1/admin/platforms",
            {"slug": "sub", "name": "Sub", "domain": "sub.main.test"},
        ),  # under a platform
        (
            "/api/v1/admin/platforms",
            {"slug": "top", "name": "Top", "domain": "shop.bolt.example"},
        ),  # a vendor's
    ],
)
def test_host_names_never_name_two_tenants(api: Api, world: dict, path: str, body: dict) -> None:
    response = api.client.post(path.format(acme=world["acme"]), json=body, headers=world["root"])
    assert response.status_code == 409, response.text


def _change_account(api: Api, email: str, **values: object) -> None:
    """No route changes a role or moves a user yet: the operator does it in the database, and tenancy
    forgets its cached look-ups the way its own writes do."""
    from sqlalchemy import update  # noqa: PLC0415

    from modules.tenancy.models import User  # noqa: PLC0415

    with api.container.session_factory().begin() as session:
        session.execute(update(User).where(User.email == email).values(**values))
    api.container.tenant_directory().forget()


STALE = (
    "this token no longer matches an active account (switched off, or its role or tenant changed): "
    "sign in again"
)


@pytest.mark.parametrize(
    ("who", "email", "change", "path", "after"),
    [
        ("main_admin", "admin@main.test", {"platform_id": "eu"}, ADMIN, 200),  # moved: its new platform
        (
            "main_admin",
            "admin@main.test",
            {"role": "vendor_member", "platform_id": None, "vendor_id": "acme"},
            ADMIN,
            403,
        ),
        ("acme_owner", "owner@acme.test", {"role": "vendor_member"}, VENDOR, 200),
        ("acme_owner", "owner@acme.test", {"vendor_id": "bolt"}, VENDOR, 200),  # bolt is on eu only
        ("acme_owner", "owner@acme.test", {"is_active": False}, VENDOR, None),  # cannot sign in again
    ],
)
def test_the_account_decides_not_the_token(
    api: Api, world: dict, who: str, email: str, change: dict, path: str, after: int | None
) -> None:
    """Role, vendor and platform come from the account: a token signed before a change is refused,
    and signing in again gives the account's new rights."""
    assert api.client.get(path, headers=world[who]).status_code == 200
    _change_account(api, email, **{key: world.get(value, value) for key, value in change.items()})
    refused = api.client.get(path, headers=world[who])
    assert (refused.status_code, refused.json()["detail"]) == (401, STALE)
    if after is not None:
        assert api.client.get(path, headers=api.login(email)).status_code == after
