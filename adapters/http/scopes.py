"""Request-scoped values every route handler can ask for by parameter name.

- `principal`: the signed-in user. 401 without a valid token or once the account is switched off;
  403 when the request's host names another tenant than the token (another vendor for a vendor
  user, another platform for a platform admin), whatever the route.
- `tenant_context`, and from it `platform_context` and `vendor_context`: the platform and vendor
  the request is for (see `tenant_context.py`).
- `current_vendor_id`: the vendor a vendor user acts for; 403 for every other role.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from adapters.http.tenant_context import NO_TENANT, TenantContext
from kernel.access import require_vendor
from kernel.contracts.tenancy import PlatformRef, VendorRef
from kernel.errors import AuthenticationError, ForbiddenError
from kernel.identity import Principal, Role

__all__ = (
    "provide_current_vendor_id",
    "provide_platform_context",
    "provide_principal",
    "provide_tenant_context",
    "provide_vendor_context",
)


def provide_tenant_context(request: Request[Any, Any, Any]) -> TenantContext:
    tenant = request.state.get("tenant")
    return tenant if isinstance(tenant, TenantContext) else NO_TENANT


def _refuse_foreign_host(principal: Principal, tenant: TenantContext) -> None:
    vendor, platform = tenant.vendor, tenant.platform
    if principal.role.is_vendor_role and vendor is not None and vendor.id != principal.vendor_id:
        raise ForbiddenError(f"this host belongs to vendor '{vendor.slug}', not to your vendor")
    host_platform = platform if tenant.platform_from_host else None
    if principal.role is Role.PLATFORM_ADMIN and host_platform and host_platform.id != principal.platform_id:
        raise ForbiddenError(f"this host belongs to platform '{host_platform.slug}', not to yours")


def provide_principal(
    request: Request[Any, Any, Any], tenant_context: NamedDependency[TenantContext]
) -> Principal:
    user = request.scope.get("user")
    if not isinstance(user, Principal):
        raise AuthenticationError("sign in first: send 'Authorization: Bearer <token>'")
    if not tenant_context.account_active:
        raise AuthenticationError("this account has been switched off")
    _refuse_foreign_host(user, tenant_context)
    return user


def provide_platform_context(tenant_context: NamedDependency[TenantContext]) -> PlatformRef | None:
    return tenant_context.platform


def provide_vendor_context(tenant_context: NamedDependency[TenantContext]) -> VendorRef | None:
    return tenant_context.vendor


def provide_current_vendor_id(principal: NamedDependency[Principal]) -> int:
    return require_vendor(principal)
