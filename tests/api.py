"""A test client for the real Litestar app, with the sign-in steps every API test repeats."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from adapters.container import Container
from kernel.identity import SYSTEM, Role
from modules.tenancy.schemas import UserCreate
from tests.removal import PLATFORM_OFF

PASSWORD = "correct horse battery"


class Api:
    def __init__(self, client: TestClient[Any], container: Container) -> None:
        self.client = client
        self.container = container

    def login(self, email: str, password: str = PASSWORD, host: str | None = None) -> dict[str, str]:
        headers = {"host": host} if host else {}
        response = self.client.post(
            "/api/v1/auth/token", json={"email": email, "password": password}, headers=headers
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def super_admin(self, email: str = "root@example.com") -> dict[str, str]:
        """The first super admin is made the way an operator makes it: outside the API."""
        self.container.tenancy.user_service().create(
            SYSTEM, UserCreate(email=email, password=PASSWORD, role=Role.SUPER_ADMIN)
        )
        return self.login(email)

    def post(self, path: str, headers: dict[str, str], **body: Any) -> Any:
        response = self.client.post(path, json=body, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    def platform(self, admin: dict[str, str], slug: str, domain: str | None = None) -> int:
        """A new platform; under the removability matrix, with the matrix's modules switched off."""
        created = self.post("/api/v1/admin/platforms", admin, slug=slug, name=slug.title(), domain=domain)
        for code in PLATFORM_OFF:
            path = f"/api/v1/admin/platforms/{created['id']}/modules/{code}"
            response = self.client.put(path, json={"enabled": False}, headers=admin)
            assert response.status_code == 200, response.text
        return int(created["id"])

    def vendor(self, admin: dict[str, str], slug: str, platform_ids: list[int]) -> int:
        return int(
            self.post(
                "/api/v1/admin/vendors", admin, slug=slug, name=slug.title(), platform_ids=platform_ids
            )["id"]
        )

    def three_vendors(self) -> dict[str, Any]:
        """The world most module tests start from: platforms main and eu; acme on main, bolt on both,
        crux on eu; each with a signed-in owner (keys `root`, `main`, `eu`, `acme`, `acme_owner`, …)."""
        root = self.super_admin()
        main, eu = self.platform(root, "main", "main.test"), self.platform(root, "eu", "eu.test")
        vendors = {
            "acme": self.vendor(root, "acme", [main]),
            "bolt": self.vendor(root, "bolt", [main, eu]),
            "crux": self.vendor(root, "crux", [eu]),
        }
        owners = {
            f"{name}_owner": self.user(root, f"owner@{name}.test", "vendor_owner", vendor_id=vendor_id)
            for name, vendor_id in vendors.items()
        }
        return {"root": root, "main": main, "eu": eu, **vendors, **owners}

    def user(self, admin: dict[str, str], email: str, role: str, **tenant: int) -> dict[str, str]:
        self.post("/api/v1/admin/users", admin, email=email, password=PASSWORD, role=role, **tenant)
        return self.login(email)

    def order(
        self,
        vendor: dict[str, str],
        total_cents: int,
        status: str = "paid",
        email: str = "c@example.com",
        currency: str = "EUR",
    ) -> Any:
        return self.post(
            "/api/v1/vendor/orders",
            vendor,
            customer_email=email,
            total_cents=total_cents,
            status=status,
            currency=currency,
        )

    def stats(self, path: str, headers: dict[str, str], **params: Any) -> Any:
        response = self.client.get(path, headers=headers, params=params)
        assert response.status_code == 200, response.text
        return response.json()


def figures(dashboard: dict[str, Any], category: str) -> dict[str, Any]:
    """`{key: value}` of one category, the shape most assertions want."""
    return {metric["key"]: metric["value"] for metric in dashboard["categories"][category]}


def trends(dashboard: dict[str, Any], category: str) -> dict[str, tuple[Any, Any]]:
    return {m["key"]: (m["trend"], m["trend_value"]) for m in dashboard["categories"][category]}
