"""What the pages work with, as one dependency: the dashboard services, the tenant directory and
the dashboard threads, plus the few facts a page needs that the API answers do not carry (names).

Everything that may read the database runs on the dashboard threads, as the API's dashboards do,
never on the event loop. The chart and the top vendors are extras: when the database does not
answer for them (or their module is off for the platform) the page shows the dashboard without
them, so a page can still serve the dashboard's last good figures through an outage.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from adapters.container import Container
from adapters.dashboards.schemas import PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, VendorSeriesOut
from adapters.database.outages import OUTAGES
from adapters.http.thread_pools import ThreadPools
from adapters.web.dashboard_view import CHART_KEYS, DashboardView, dashboard_view
from adapters.web.period_picker import Picked
from contracts.tenancy import PlatformRef
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
        """A chart's series or the top vendors, or None when the page must do without them: their
        module is off for the platform (the series names no figure: a 400 for the API) or the
        database did not answer."""
        try:
            return await self._pools.dashboard(fn, *args)
        except InvalidInputError:
            return None
        except OUTAGES:
            return None

    async def vendor(self, vendor_id: int, platform_id: int | None, picked: Picked) -> DashboardView:
        query, series = picked.query, self._series()
        answer, name, line = await asyncio.gather(
            self.vendor_answer(vendor_id, platform_id, picked),
            self.vendor_name(vendor_id),
            self._extra(series.vendor, vendor_id, query, CHART_KEYS, None, platform_id)
            if series
            else _none(),
        )
        return dashboard_view(name, answer, picked, self._names, line)

    async def platform(self, platform_id: int, picked: Picked) -> DashboardView:
        query, series = picked.query, self._series()
        platform = await self.platform_ref(platform_id)
        answer, line, top = await asyncio.gather(
            self.platform_answer(platform_id, picked),
            self._extra(series.platform, platform_id, query, CHART_KEYS) if series else _none(),
            self._extra(series.top_vendors, platform_id, query) if series else _none(),
        )
        return dashboard_view(platform.name, answer, picked, self._names, line, top)

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

    async def vendor_name(self, vendor_id: int) -> str:
        return await self._pools.dashboard(self._vendor_name, vendor_id)

    def _vendor_name(self, vendor_id: int) -> str:
        standing = self._container.tenant_directory().vendor_standing(vendor_id)
        return standing.vendor.name if standing is not None else f"Vendor {vendor_id}"

    async def platform_ref(self, platform_id: int) -> PlatformRef:
        return await self._pools.dashboard(self._platform_ref, platform_id)

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
