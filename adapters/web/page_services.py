"""What the pages work with, as one dependency: the dashboard services, the tenant directory and the
dashboard threads, plus the few facts a page needs that the API answers do not carry (names).

Everything that may read the database runs on the dashboard threads, as the API's dashboards do, never
on the event loop. A page's dashboard and its chart come from one ledger statement on one aggregator
worker: the chart's days are asked of the dashboard (`vendor_with_days`) and its points computed from
them by the series' own code. The chart and the top vendors are extras: when the database does not
answer for them (or their module is off for the platform) the page shows the dashboard without them, so
a page can still serve the dashboard's last good figures through an outage.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from adapters.container import Container
from adapters.dashboards.freshness import Sourced
from adapters.dashboards.schemas import PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, VendorSeriesOut
from adapters.dashboards.service import NO_DAYS, DayKeys
from adapters.dashboards.windows import PeriodQuery
from adapters.database.outages import OUTAGES
from adapters.http.thread_pools import ThreadPools
from adapters.web.dashboard_view import CHART_KEYS, DashboardView, dashboard_view
from adapters.web.period_picker import Picked
from contracts.cache_only import CacheMissError, cache_only
from contracts.tenancy import PlatformRef, VendorStanding
from kernel.context import Owner
from kernel.errors import InvalidInputError, NotFoundError
from kernel.identity import Principal

__all__ = ("PageServices",)

T = TypeVar("T")


class PageServices:
    def __init__(
        self,
        container: Container,
        pools: ThreadPools,
        platform_list: Callable[[Principal], Awaitable[list[Any]]],
    ) -> None:
        """Services are read from the container at each use, as the API's are, so a test that
        overrides a provider sees the override on the pages too."""
        self._platform_list = platform_list
        self._container = container
        self._pools = pools
        modules = container.enabled_modules()
        self._names = {m.metrics_category: m.name for m in modules if m.metrics_category is not None}

    def _series(self) -> Any:
        """The `DashboardSeries` service; None in a container without it."""
        providers = self._container.providers
        return self._container.dashboard_series() if "dashboard_series" in providers else None

    async def _extra(self, fn: Callable[..., T], *args: Any) -> T | None:
        """The top vendors, or None when the page must do without them: their module is off for
        the platform (a 400 for the API) or the database did not answer. A ranking kept in its
        cache is answered on the event loop (`_looked_up`): most views find it there."""
        try:
            return await self._looked_up(fn, *args)
        except InvalidInputError:
            return None
        except OUTAGES:
            return None

    async def vendor(
        self, vendor_id: int, platform_id: int | None, picked: Picked, standing: VendorStanding | None = None
    ) -> DashboardView:
        """`standing`: the signed-in vendor's, from the request's tenant context (its name)."""
        answer, line = await self._pools.dashboard(self._vendor_page, vendor_id, platform_id, picked.query)
        name = await self.vendor_name(vendor_id, standing)
        return dashboard_view(name, answer, picked, self._names, line)

    async def platform(self, platform: PlatformRef, picked: Picked) -> DashboardView:
        query, series = picked.query, self._series()
        (answer, line), top = await asyncio.gather(
            self._pools.dashboard(self._platform_page, platform.id, query),
            self._extra(series.top_vendors, platform.id, query) if series else _none(),
        )
        return dashboard_view(platform.name, answer, picked, self._names, line, top)

    def _vendor_page(
        self, vendor_id: int, platform_id: int | None, query: PeriodQuery
    ) -> tuple[VendorDashboardOut, VendorSeriesOut | None]:
        """The dashboard and its chart from one ledger statement: the chart's days are read with it."""
        series = self._series()
        wanted = _chart_keys(series, ("vendor", vendor_id), platform_id)
        service = self._container.dashboard_service()
        answer, days = service.vendor_with_days(vendor_id, query, platform_id, wanted or NO_DAYS)
        if wanted is None or days is None:
            return answer, None
        read = Sourced(days, answer.read_from, answer.fresh_as_of)  # the chart says what its dashboard says
        return answer, _chart(series.vendor, vendor_id, query, CHART_KEYS, None, platform_id, read)

    def _platform_page(
        self, platform_id: int, query: PeriodQuery
    ) -> tuple[PlatformDashboardOut, PlatformSeriesOut | None]:
        series = self._series()
        wanted = _chart_keys(series, ("platform", platform_id), platform_id)
        service = self._container.dashboard_service()
        answer, days = service.platform_with_days(platform_id, query, wanted or NO_DAYS)
        if wanted is None or days is None:
            return answer, None
        read = Sourced(days, answer.read_from, answer.fresh_as_of)
        return answer, _chart(series.platform, platform_id, query, CHART_KEYS, None, read)

    async def vendor_answer(
        self, vendor_id: int, platform_id: int | None, picked: Picked
    ) -> VendorDashboardOut:
        service = self._container.dashboard_service()
        return await self._pools.dashboard(service.vendor, vendor_id, picked.query, platform_id)

    async def platform_answer(self, platform_id: int, picked: Picked) -> PlatformDashboardOut:
        service = self._container.dashboard_service()
        return await self._pools.dashboard(service.platform, platform_id, picked.query)

    async def vendor_series(self, vendor_id: int, platform_id: int | None, picked: Picked) -> VendorSeriesOut:
        """The chart's series, for its download: a 400 naming the keys when orders is off."""
        return await self._pools.dashboard(
            self._required_series().vendor, vendor_id, picked.query, CHART_KEYS, None, platform_id
        )

    async def platform_series(self, platform_id: int, picked: Picked) -> PlatformSeriesOut:
        return await self._pools.dashboard(
            self._required_series().platform, platform_id, picked.query, CHART_KEYS
        )

    def _required_series(self) -> Any:
        series = self._series()
        if series is None:
            raise NotFoundError("this installation serves no series")
        return series

    async def vendor_name(self, vendor_id: int, standing: VendorStanding | None = None) -> str:
        """The signed-in vendor's name is in its standing, looked up for the tenant rule already."""
        if standing is not None and standing.vendor.id == vendor_id:
            return standing.vendor.name
        return await self._looked_up(self._vendor_name, vendor_id)

    def _vendor_name(self, vendor_id: int) -> str:
        standing = self._container.tenant_directory().vendor_standing(vendor_id)
        return standing.vendor.name if standing is not None else f"Vendor {vendor_id}"

    async def platform_ref(self, platform_id: int) -> PlatformRef:
        return await self._looked_up(self._platform_ref, platform_id)

    async def _looked_up(self, fn: Callable[..., T], *args: Any) -> T:
        """A tenant directory look-up, answered on the event loop from its cache: a worker thread
        only on a miss, as the tenant context's are (the hand-over cost more than the look-up)."""
        try:
            with cache_only():
                return fn(*args)
        except CacheMissError:
            return await self._pools.dashboard(fn, *args)

    def _platform_ref(self, platform_id: int) -> PlatformRef:
        platform = self._container.tenant_directory().platform_by_id(platform_id)
        if platform is None:
            raise NotFoundError(f"platform {platform_id} not found")
        return platform  # type: ignore[no-any-return]

    async def platforms(self, principal: Principal, shown: PlatformRef) -> list[Any]:
        """The platforms a super admin picks from, always with the one on screen among them."""
        listed = await self._platform_list(principal)
        return listed if any(p.id == shown.id for p in listed) else [shown, *listed]


async def _none() -> None:
    return None


def _chart(fn: Callable[..., T], *args: Any) -> T | None:
    """The chart's series from the days read, or None when the page must do without it (its
    owner's settings could not be read: the dashboard may be the last good one)."""
    try:
        return fn(*args)
    except InvalidInputError:
        return None
    except OUTAGES:
        return None


def _chart_keys(series: Any, owner: Owner, platform_id: int | None) -> DayKeys | None:
    """What the chart is computed from, or None when there is no chart (no series service, no
    ledger, or orders off for the platform): the dashboard is then read alone, as the API's is."""
    if series is None:
        return None
    try:
        return series.day_keys(CHART_KEYS, owner, platform_id)  # type: ignore[no-any-return]
    except InvalidInputError:
        return None
