"""Request-scoped values every route handler can ask for by parameter name.

- `principal`: the signed-in user (401 when the request carries no valid token).
- `tenant_context`, and from it `platform_context` and `vendor_context`: the platform and vendor
  the request is for (see `tenant_context.py`).
- `current_vendor_id`: the vendor a vendor user acts for; refused (403) for other roles, and when
  the host names a different vendor than the token.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency

from adapters.http.tenant_context import NO_TENANT, TenantContext
from kernel.access import require_vendor
from kernel.contracts.tenancy import PlatformRef, VendorRef
from kernel.errors import AuthenticationError, ForbiddenError
from kernel.identity import Principal

__all__ = (
    "provide_current_vendor_id",
    "provide_platform_context",
    "provide_principal",
    "provide_tenant_context",
    "provide_vendor_context",
)


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    user = request.scope.get("user")
    if not isinstance(user, Principal):
        raise AuthenticationError("sign in first: send 'Authorization: Bearer <token>'")
    return user


def provide_tenant_context(request: Request[Any, Any, Any]) -> TenantContext:
    tenant = request.state.get("tenant")
    return tenant if isinstance(tenant, TenantContext) else NO_TENANT


def provide_platform_context(tenant_context: NamedDependency[TenantContext]) -> PlatformRef | None:
    return tenant_context.platform


def provide_vendor_context(tenant_context: NamedDependency[TenantContext]) -> VendorRef | None:
    return tenant_context.vendor


def provide_current_vendor_id(
    principal: NamedDependency[Principal], vendor_context: NamedDependency[VendorRef | None]
) -> int:
    vendor_id = require_vendor(principal)
    if vendor_context is not None and vendor_context.id != vendor_id:
        raise ForbiddenError(f"this host belongs to vendor '{vendor_context.slug}', not to your vendor")
    return vendor_id
