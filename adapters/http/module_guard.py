"""A module switched off for a platform answers 404 on that platform only.

Each optional module's routes are mounted behind this guard. The tenant middleware has already
worked out, once per request and from a cache, which modules are on for the request's platform; the
guard only reads that answer, so it costs nothing on the event loop.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.types import Guard

from adapters.http.tenant_context import TenantContext
from kernel.errors import NotFoundError

__all__ = ("module_guard",)


def module_guard(code: str) -> Guard:
    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        tenant = connection.scope.get("state", {}).get("tenant")
        if isinstance(tenant, TenantContext) and tenant.modules is not None and code not in tenant.modules:
            raise NotFoundError(f"the '{code}' module is switched off for this platform")

    return guard
