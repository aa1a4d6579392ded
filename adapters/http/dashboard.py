"""The two dashboards: one vendor's figures, one platform's figures, from every enabled module.

The handlers only decide whose dashboard it is; the dashboard service and the aggregator do the rest,
on a dashboard thread (`thread_pools.py`), never on the threads writes and other reads use.

Each handler takes one dependency, `dashboards`, and reads the caller and the tenant off the request:
Litestar resolves two or more dependencies of a handler as tasks of a task group, which cost about
0.1 ms of CPU a request (`bench/in_process.py`), more than the rest of the handler.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from adapters.dashboards.schemas import PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.service import DashboardService, PeriodQuery
from adapters.http.scopes import provide_principal, provide_tenant_context
from adapters.http.tenant_context import TenantContext
from adapters.http.thread_pools import ThreadPools
from contracts.fields import MAX_ID
from contracts.tenancy import TenantDirectory
from kernel.access import own_platform, require_platform_access, require_role, require_vendor
from kernel.errors import InvalidInputError, NotFoundError
from kernel.identity import Principal, Role
from kernel.period import EARLIEST_DATE, MAX_DAYS, PERIOD_PATTERN

__all__ = ("DashboardController", "Dashboards", "target_platform")

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


class Dashboards:
    """What the dashboard routes work with, as one dependency: the service, the tenant directory
    and the dashboard threads the service runs on."""

    def __init__(self, service: DashboardService, directory: TenantDirectory, pools: ThreadPools) -> None:
        self._service = service
        self._directory = directory
        self._pools = pools

    async def vendor(self, vendor_id: int, query: PeriodQuery, platform_id: int | None) -> VendorDashboardOut:
        return await self._pools.dashboard(self._service.vendor, vendor_id, query, platform_id)

    async def platform(self, platform_id: int, query: PeriodQuery) -> PlatformDashboardOut:
        return await self._pools.dashboard(
            _platform_dashboard, self._directory, self._service, platform_id, query
        )


class DashboardController(Controller):
    path = "/api/v1"
    tags = ["dashboards"]

    @get("/vendor/dashboard/stats", summary="The vendor's dashboard")
    async def vendor_stats(
        self,
        request: Request[Any, Any, Any],
        dashboards: NamedDependency[Dashboards],
        period: Period = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        include_trends: Trends = False,
    ) -> VendorDashboardOut:
        """The signed-in vendor's figures from every module on for the request's platform."""
        vendor_id = require_vendor(provide_principal(request))
        platform = provide_tenant_context(request).platform
        query = PeriodQuery(period, date_from, date_to, include_trends)
        return await dashboards.vendor(vendor_id, query, platform.id if platform else None)

    @get("/admin/dashboard/stats", summary="A platform's dashboard")
    async def platform_stats(
        self,
        request: Request[Any, Any, Any],
        dashboards: NamedDependency[Dashboards],
        platform_id: PlatformId = None,
        period: Period = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        include_trends: Trends = False,
    ) -> PlatformDashboardOut:
        """A platform's figures: a platform admin's own platform; any platform for a super admin."""
        principal, tenant = provide_principal(request), provide_tenant_context(request)
        target = target_platform(principal, tenant, platform_id)
        query = PeriodQuery(period, date_from, date_to, include_trends)
        return await dashboards.platform(target, query)


def _platform_dashboard(
    directory: TenantDirectory, service: DashboardService, platform_id: int, query: PeriodQuery
) -> PlatformDashboardOut:
    """Blocking: the platform's look-up may read the database (it is cached)."""
    if directory.platform_by_id(platform_id) is None:
        raise NotFoundError(f"platform {platform_id} not found")
    return service.platform(platform_id, query)


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
