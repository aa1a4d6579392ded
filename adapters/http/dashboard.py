"""The dashboards: one vendor's figures, one platform's figures, from every enabled module; their
period figures over time (series); a platform's top vendors. Each answers CSV to `Accept: text/csv`.

The handlers only decide whose dashboard it is; the services do the rest, on a dashboard thread
(`thread_pools.py`), never on the threads writes and other reads use.

Each handler takes one dependency, `dashboards`, and reads the caller and the tenant off the request:
Litestar resolves two or more dependencies of a handler as tasks of a task group, which cost about
0.1 ms of CPU a request (`bench/in_process.py`), more than the rest of the handler.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.response import Stream

from adapters.dashboards.csv_export import dashboard_csv, export_filename, series_csv
from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, TopVendorsOut, VendorSeriesOut
from adapters.dashboards.series_service import DashboardSeries
from adapters.dashboards.service import DashboardService, PeriodQuery
from adapters.http.csv_responses import as_declared, csv_response, wants_csv
from adapters.http.dashboard_params import (
    Bucket,
    DateFrom,
    DateTo,
    Keys,
    Limit,
    Period,
    PlatformId,
    Trends,
    requested_platform,
    signed_in_vendor,
)
from adapters.http.thread_pools import ThreadPools
from contracts.tenancy import TenantDirectory
from kernel.errors import NotFoundError

__all__ = ("CSV_OPT", "DashboardController", "Dashboards")

CSV_OPT = "csv"
"""A handler's `opt` key: it also answers `text/csv` (the OpenAPI document says so)."""


@dataclass(frozen=True, slots=True)
class SeriesAsked:
    """What a series request names besides the period: comma-separated keys, the bucket, CSV or JSON."""

    keys: str | None
    bucket: str | None
    csv: bool

    def key_list(self) -> list[str]:
        return [] if self.keys is None else self.keys.split(",")


class Dashboards:
    """What the dashboard routes work with, as one dependency: the services, the tenant directory
    and the dashboard threads the services run on. Each method's blocking part (the figures, the
    owner's name for a CSV's file name) runs on one dashboard thread."""

    def __init__(
        self,
        service: DashboardService,
        series: DashboardSeries,
        directory: TenantDirectory,
        pools: ThreadPools,
    ) -> None:
        self._service = service
        self._series = series
        self._directory = directory
        self._pools = pools

    async def vendor(
        self, vendor_id: int, query: PeriodQuery, platform_id: int | None, csv: bool = False
    ) -> VendorDashboardOut | Stream:
        def run() -> VendorDashboardOut | Stream:
            answer = self._service.vendor(vendor_id, query, platform_id)
            return self._vendor_csv(vendor_id, answer.period, dashboard_csv(answer)) if csv else answer

        return await self._pools.dashboard(run)

    async def platform(
        self, platform_id: int, query: PeriodQuery, csv: bool = False
    ) -> PlatformDashboardOut | Stream:
        def run() -> PlatformDashboardOut | Stream:
            name = self._platform_name(platform_id)
            answer = self._service.platform(platform_id, query)
            return (
                csv_response(dashboard_csv(answer), export_filename(name, answer.period)) if csv else answer
            )

        return await self._pools.dashboard(run)

    async def vendor_series(
        self, vendor_id: int, query: PeriodQuery, asked: SeriesAsked, platform_id: int | None
    ) -> VendorSeriesOut | Stream:
        def run() -> VendorSeriesOut | Stream:
            answer = self._series.vendor(vendor_id, query, asked.key_list(), asked.bucket, platform_id)
            return self._vendor_csv(vendor_id, answer.period, series_csv(answer)) if asked.csv else answer

        return await self._pools.dashboard(run)

    async def platform_series(
        self, platform_id: int, query: PeriodQuery, asked: SeriesAsked
    ) -> PlatformSeriesOut | Stream:
        def run() -> PlatformSeriesOut | Stream:
            name = self._platform_name(platform_id)
            answer = self._series.platform(platform_id, query, asked.key_list(), asked.bucket)
            if not asked.csv:
                return answer
            return csv_response(series_csv(answer), export_filename(name, answer.period))

        return await self._pools.dashboard(run)

    async def top_vendors(self, platform_id: int, query: PeriodQuery, limit: int) -> TopVendorsOut:
        def run() -> TopVendorsOut:
            self._platform_name(platform_id)
            return self._series.top_vendors(platform_id, query, limit)

        return await self._pools.dashboard(run)

    def _platform_name(self, platform_id: int) -> str:
        """Blocking: the look-up may read the database (it is cached). An unknown platform is a 404."""
        platform = self._directory.platform_by_id(platform_id)
        if platform is None:
            raise NotFoundError(f"platform {platform_id} not found")
        return platform.name

    def _vendor_csv(self, vendor_id: int, period: PeriodOut, lines: Iterator[str]) -> Stream:
        standing = self._directory.vendor_standing(vendor_id)
        name = standing.vendor.name if standing is not None else f"vendor-{vendor_id}"
        return csv_response(lines, export_filename(name, period))


class DashboardController(Controller):
    path = "/api/v1"
    tags = ["dashboards"]

    @get("/vendor/dashboard/stats", summary="The vendor's dashboard", opt={CSV_OPT: True})
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
        vendor_id, platform_id = signed_in_vendor(request)
        query = PeriodQuery(period, date_from, date_to, include_trends)
        return as_declared(await dashboards.vendor(vendor_id, query, platform_id, wants_csv(request)))

    @get("/admin/dashboard/stats", summary="A platform's dashboard", opt={CSV_OPT: True})
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
        target = requested_platform(request, platform_id)
        query = PeriodQuery(period, date_from, date_to, include_trends)
        return as_declared(await dashboards.platform(target, query, wants_csv(request)))

    @get("/vendor/dashboard/series", summary="The vendor's period figures over time", opt={CSV_OPT: True})
    async def vendor_series(
        self,
        request: Request[Any, Any, Any],
        dashboards: NamedDependency[Dashboards],
        keys: Keys = None,
        bucket: Bucket = None,
        period: Period = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> VendorSeriesOut:
        """Each named period figure of the signed-in vendor, a point per day, week or month; the
        points of a figure add up to its value on the dashboard for the same period."""
        vendor_id, platform_id = signed_in_vendor(request)
        query = PeriodQuery(period, date_from, date_to)
        asked = SeriesAsked(keys, bucket, wants_csv(request))
        return as_declared(await dashboards.vendor_series(vendor_id, query, asked, platform_id))

    @get("/admin/dashboard/series", summary="A platform's period figures over time", opt={CSV_OPT: True})
    async def platform_series(
        self,
        request: Request[Any, Any, Any],
        dashboards: NamedDependency[Dashboards],
        keys: Keys = None,
        bucket: Bucket = None,
        platform_id: PlatformId = None,
        period: Period = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
    ) -> PlatformSeriesOut:
        """Each named period figure of a platform, a point per day, week or month."""
        target = requested_platform(request, platform_id)
        query = PeriodQuery(period, date_from, date_to)
        asked = SeriesAsked(keys, bucket, wants_csv(request))
        return as_declared(await dashboards.platform_series(target, query, asked))

    @get("/admin/dashboard/top-vendors", summary="A platform's vendors with most revenue")
    async def top_vendors(
        self,
        request: Request[Any, Any, Any],
        dashboards: NamedDependency[Dashboards],
        platform_id: PlatformId = None,
        period: Period = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: Limit = 10,
    ) -> TopVendorsOut:
        """The platform's active vendors with most revenue in the period, in the platform's reporting
        currency, with their orders. Each vendor's days are its own local days (its ledger keeps
        them so): the platform's dates are applied to them as they are."""
        target = requested_platform(request, platform_id)
        return await dashboards.top_vendors(target, PeriodQuery(period, date_from, date_to), limit)
