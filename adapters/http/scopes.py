"""Request-scoped values every route handler can ask for by parameter name.

- `principal`: the signed-in user (401 without a valid token). Whether it may act on the request's
  tenant was settled before the handler by the tenant rule (`tenant_rule.py`), whatever the route.
- `tenant_context`, and from it `platform_context` and `vendor_context`: the platform and vendor
  the request is for (see `tenant_context.py`).
- `current_vendor_id`: the vendor a vendor user acts for; 403 for every other role.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from adapters.http.tenant_context import NO_TENANT, TenantContext
from contracts.tenancy import PlatformRef, VendorRef
from kernel.access import require_vendor
from kernel.errors import AuthenticationError
from kernel.identity import Principal

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


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    user = request.scope.get("user")
    if not isinstance(user, Principal):
        raise AuthenticationError("sign in first: send 'Authorization: Bearer <token>'")
    return user


def provide_platform_context(tenant_context: NamedDependency[TenantContext]) -> PlatformRef | None:
    return tenant_context.platform


def provide_vendor_context(tenant_context: NamedDependency[TenantContext]) -> VendorRef | None:
    return tenant_context.vendor


def provide_current_vendor_id(principal: NamedDependency[Principal]) -> int:
    return require_vendor(principal)
