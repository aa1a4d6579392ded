"""What the pages work with, as one dependency: the dashboard services, the tenant directory and
the dashboard threads, plus the few facts a page needs that the API answers do not carry (names)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from adapters.container import Container
from adapters.dashboards.schemas import PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, VendorSeriesOut
from adapters.dashboards.service import DashboardService
from adapters.http.thread_pools import ThreadPools
from adapters.web.dashboard_view import CHART_KEYS, DashboardView, dashboard_view
from adapters.web.period_picker import Picked
from contracts.module_switches import ModuleSwitches
from contracts.tenancy import PlatformRef, TenantDirectory
from kernel.errors import NotFoundError
from kernel.identity import Principal
from kernel.module import ModuleDefinition

__all__ = ("PageServices",)

_CHARTED = CHART_KEYS[0].split(".", 1)[0]


class PageServices:
    def __init__(
        self,
        container: Container,
        pools: ThreadPools,
        platform_list: Callable[[Principal], Awaitable[list[Any]]],
    ) -> None:
        """Services are read from the container at each use, as the API's are, so a test that
        overrides a provider sees the override on the pages too."""
        self.platforms = platform_list
        self._container = container
        self._pools = pools
        modules: Sequence[ModuleDefinition] = container.enabled_modules()
        self._names = {m.metrics_category: m.name for m in modules if m.metrics_category is not None}
        self._codes = {m.metrics_category: m.code for m in modules if m.metrics_category is not None}

    @property
    def _dashboards(self) -> DashboardService:
        return self._container.dashboard_service()

    @property
    def _series(self) -> Any:
        """The `DashboardSeries` service; None in a container without it."""
        providers = self._container.providers
        return self._container.dashboard_series() if "dashboard_series" in providers else None

    @property
    def _switches(self) -> ModuleSwitches | None:
        providers = self._container.providers
        return self._container.module_switches() if "module_switches" in providers else None

    @property
    def _directory(self) -> TenantDirectory:
        return self._container.tenant_directory()  # type: ignore[no-any-return]

    def _charted(self, platform_id: int | None) -> bool:
        """Whether the charted figures' module is on (where it is off, the page shows nothing of it)."""
        code = self._codes.get(_CHARTED)
        if self._series is None or code is None:
            return False
        return (
            platform_id is None or self._switches is None or code in self._switches.enabled_codes(platform_id)
        )

    async def vendor(self, vendor_id: int, platform_id: int | None, picked: Picked) -> DashboardView:
        query = picked.query
        asked: list[Any] = [self._pools.dashboard(self._dashboards.vendor, vendor_id, query, platform_id)]
        if self._charted(platform_id):
            asked.append(
                self._pools.dashboard(self._series.vendor, vendor_id, query, CHART_KEYS, None, platform_id)
            )
        answer, *series = await asyncio.gather(*asked)
        return dashboard_view(self.vendor_name(vendor_id), answer, picked, self._names, *series)

    async def platform(self, platform: PlatformRef, picked: Picked) -> DashboardView:
        query = picked.query
        asked: list[Any] = [self._pools.dashboard(self._dashboards.platform, platform.id, query)]
        if self._charted(platform.id):
            asked.append(self._pools.dashboard(self._series.platform, platform.id, query, CHART_KEYS))
            asked.append(self._pools.dashboard(self._series.top_vendors, platform.id, query))
        answer, *rest = await asyncio.gather(*asked)
        series, top = [*rest, None, None][:2]
        return dashboard_view(platform.name, answer, picked, self._names, series, top)

    async def vendor_answer(
        self, vendor_id: int, platform_id: int | None, picked: Picked
    ) -> VendorDashboardOut:
        return await self._pools.dashboard(self._dashboards.vendor, vendor_id, picked.query, platform_id)

    async def platform_answer(self, platform_id: int, picked: Picked) -> PlatformDashboardOut:
        return await self._pools.dashboard(self._dashboards.platform, platform_id, picked.query)

    def vendor_name(self, vendor_id: int) -> str:
        standing = self._directory.vendor_standing(vendor_id)
        return standing.vendor.name if standing is not None else f"Vendor {vendor_id}"

    async def vendor_series(self, vendor_id: int, platform_id: int | None, picked: Picked) -> VendorSeriesOut:
        """The chart's series; a 400 naming the keys when their module is off (as the API's is)."""
        series = self._series
        if series is None:
            raise NotFoundError("this installation serves no series")
        return await self._pools.dashboard(
            series.vendor, vendor_id, picked.query, CHART_KEYS, None, platform_id
        )

    async def platform_series(self, platform_id: int, picked: Picked) -> PlatformSeriesOut:
        series = self._series
        if series is None:
            raise NotFoundError("this installation serves no series")
        return await self._pools.dashboard(series.platform, platform_id, picked.query, CHART_KEYS)

    def platform_ref(self, platform_id: int) -> PlatformRef:
        platform = self._directory.platform_by_id(platform_id)
        if platform is None:
            raise NotFoundError(f"platform {platform_id} not found")
        return platform
