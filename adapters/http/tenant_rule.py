"""The tenant rule: on which platform, for which vendor, a signed-in caller may act. Written once.

The app applies this guard to every route, before the handler reads a byte of the body, so a
route added later obeys it without anyone remembering to; `tests/adapters/http/test_tenant_matrix.py`
checks every route of the app's route table against it. The tenant middleware has already worked
out, from a cache, the request's platform, the vendor its host names, the modules on for that
platform and where the caller's vendor stands now; the rule only reads that answer.

- A route's path says who it is for: `/api/v1/vendor/...` serves vendor users, `/api/v1/admin/...`
  super and platform admins (403 for any other role).
- A vendor user acts only for its own vendor, and only where that vendor is active and its
  membership of the request's platform is active (403 with the reason otherwise).
- A platform admin acts only for its own platform, whatever the host (403 on another's host, or
  when the path names another platform).
- An optional module switched off for the request's platform answers 404 there.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler

from adapters.http.tenant_context import NO_TENANT, TenantContext
from kernel.access import require_platform_access, require_role
from kernel.errors import AuthenticationError, ForbiddenError, NotFoundError
from kernel.identity import VENDOR_ROLES, Principal, Role

__all__ = ("AUDIENCES", "MODULE_OPT", "tenant_rule")

MODULE_OPT = "module"
"""The `opt` key naming the optional module a route belongs to (set on each module's router)."""

AUDIENCES: dict[str, tuple[Role, ...]] = {
    "/api/v1/vendor/": tuple(sorted(VENDOR_ROLES)),
    "/api/v1/admin/": (Role.SUPER_ADMIN, Role.PLATFORM_ADMIN),
    "/dashboard": tuple(sorted(VENDOR_ROLES)),
    "/admin": (Role.SUPER_ADMIN, Role.PLATFORM_ADMIN),
}
"""Who the routes under each path prefix serve, the API's and the pages' (`/dashboard` is a vendor's
page, `/admin` an admin's). Every other `/api/` route is public (signing in)."""


async def tenant_rule(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Async though it never awaits: Litestar runs a synchronous guard on a worker thread, and that
    hand-over cost more CPU than the rule itself (about 0.3 ms a request)."""
    found = connection.scope.get("state", {}).get("tenant")
    tenant = found if isinstance(found, TenantContext) else NO_TENANT  # outside /api/: no tenant
    user = connection.scope.get("user")
    if isinstance(user, Principal):
        _refuse_the_caller(user, tenant, connection.scope["path"], connection.path_params.get("platform_id"))
    module = handler.opt.get(MODULE_OPT)
    if module is not None and tenant.modules is not None and module not in tenant.modules:
        raise NotFoundError(f"the '{module}' module is switched off for this platform")


def _refuse_the_caller(principal: Principal, tenant: TenantContext, path: str, path_platform: object) -> None:
    """In the order a person would fix things: who you are, what you are, then where you are."""
    if not tenant.account_matches:
        raise AuthenticationError(
            "this token no longer matches an active account (switched off, or its role or tenant changed): "
            "sign in again"
        )
    for prefix, roles in AUDIENCES.items():
        if path.startswith(prefix):
            require_role(principal, *roles)
    if principal.role.is_vendor_role:
        _refuse_the_vendor(principal, tenant)
    if principal.role is not Role.PLATFORM_ADMIN:
        return
    host_platform = tenant.host_platform
    if host_platform is not None and host_platform.id != principal.platform_id:
        raise ForbiddenError(f"this host belongs to platform '{host_platform.slug}', not to yours")
    if isinstance(path_platform, int):
        require_platform_access(principal, path_platform)


def _refuse_the_vendor(principal: Principal, tenant: TenantContext) -> None:
    host_vendor, standing, platform = tenant.vendor, tenant.standing, tenant.platform
    if principal.vendor_id is None or standing is None:
        raise ForbiddenError("your account is not attached to a vendor")
    if host_vendor is not None and host_vendor.id != principal.vendor_id:
        raise ForbiddenError(f"this host belongs to vendor '{host_vendor.slug}', not to your vendor")
    vendor = standing.vendor.slug
    if not standing.vendor.is_active:
        raise ForbiddenError(f"vendor '{vendor}' is switched off")
    if platform is None:
        raise ForbiddenError(f"vendor '{vendor}' is not active on any platform")
    if not standing.is_active_on(platform.id):
        raise ForbiddenError(f"vendor '{vendor}' is not active on platform '{platform.slug}'")
