"""What the dashboard routes take: their query parameters, declared once, and whose platform an
admin's dashboard is."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request
from litestar.openapi.spec import Example
from litestar.params import QueryParameter

from adapters.dashboards.figure_keys import MAX_KEYS
from adapters.http.scopes import provide_principal, provide_tenant_context
from adapters.http.tenant_context import TenantContext
from contracts.fields import MAX_ID
from kernel.access import own_platform, require_platform_access, require_role, require_vendor
from kernel.errors import InvalidInputError
from kernel.identity import Principal, Role
from kernel.period import EARLIEST_DATE, MAX_DAYS, PERIOD_PATTERN

__all__ = (
    "Bucket",
    "DateFrom",
    "DateTo",
    "Keys",
    "Limit",
    "Period",
    "PlatformId",
    "Trends",
    "requested_platform",
    "signed_in_vendor",
    "target_platform",
)

Period = Annotated[
    str | None,
    QueryParameter(
        description="Length of the window ending today (or on date_to): a number and d, w, m or y; "
        "30d when left out. Not with date_from",
        pattern=PERIOD_PATTERN,
    ),
]
DateFrom = Annotated[
    date | None,
    QueryParameter(
        description=(
            f"First day included (ISO date, from {EARLIEST_DATE}); not with period. "
            f"The range up to date_to spans at most {MAX_DAYS:,} days"
        )
    ),
]
DateTo = Annotated[
    date | None,
    QueryParameter(description=f"Last day included (ISO date, from {EARLIEST_DATE}); defaults to today"),
]
Trends = Annotated[bool, QueryParameter(description="Compare with the previous period of the same length")]
PlatformId = Annotated[
    int | None, QueryParameter(ge=1, le=MAX_ID, description="Any platform (super_admin only)")
]
Keys = Annotated[
    str | None,
    QueryParameter(
        required=True,  # and None by default: the service says it is required, in a sentence
        description=f"Comma-separated keys of period figures (at most {MAX_KEYS}), as the dashboard "
        "publishes them; money in another currency ends in its code (orders.period_revenue_usd)",
        examples=[Example(value="orders.period_orders,orders.period_net_revenue")],
        max_length=2000,
    ),
]
Bucket = Annotated[
    str | None,
    QueryParameter(
        description="day, week (Monday to Sunday) or month; left out: day up to 31 days, week up to "
        "182, month beyond",
        max_length=10,
    ),
]
Limit = Annotated[int, QueryParameter(ge=1, le=50, description="How many vendors, 1 to 50")]


def target_platform(principal: Principal, tenant: TenantContext, requested: int | None) -> int:
    """Whose platform dashboard this is: the caller's own, or, for a super admin, any named one
    (else the platform of the request's host, else the default platform)."""
    require_role(principal, Role.SUPER_ADMIN, Role.PLATFORM_ADMIN)
    if principal.role is Role.PLATFORM_ADMIN:
        target = requested if requested is not None else own_platform(principal)
    elif requested is not None:
        target = requested
    elif tenant.platform is not None:
        target = tenant.platform.id
    else:
        raise InvalidInputError(
            "platform_id", "name the platform: no platform matches this host or the default"
        )
    require_platform_access(principal, target)
    return target


def requested_platform(request: Request[Any, Any, Any], requested: int | None) -> int:
    """`target_platform` for the request's caller and tenant: the API's dashboards and the pages."""
    return target_platform(provide_principal(request), provide_tenant_context(request), requested)


def signed_in_vendor(request: Request[Any, Any, Any]) -> tuple[int, int | None]:
    """The signed-in vendor user's vendor, and the platform the request sees it through."""
    platform = provide_tenant_context(request).platform
    return require_vendor(provide_principal(request)), platform.id if platform else None
