"""The pages' downloads: the dashboard and the chart's series as CSV, for the window on screen.

The same rows and the same file names as the API's `Accept: text/csv` answers
(`adapters/dashboards/csv_export.py`), streamed; the links on a page carry its window.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.response import Stream

from adapters.dashboards.csv_export import dashboard_csv, export_filename, series_csv
from adapters.http.csv_responses import csv_response
from adapters.http.dashboard_params import requested_platform, signed_in_vendor
from adapters.web.page_services import PageServices
from adapters.web.params import Day, Period, PlatformChoice
from adapters.web.period_picker import picked

__all__ = ("ExportPages",)


class ExportPages(Controller):
    include_in_schema = False

    @get("/dashboard/export.csv")
    async def vendor_dashboard(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Stream:
        vendor_id, platform_id = signed_in_vendor(request)
        answer = await pages.vendor_answer(vendor_id, platform_id, picked(period, date_from, date_to))
        return csv_response(
            dashboard_csv(answer), export_filename(await pages.vendor_name(vendor_id), answer.period)
        )

    @get("/dashboard/series.csv")
    async def vendor_series(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Stream:
        vendor_id, platform_id = signed_in_vendor(request)
        answer = await pages.vendor_series(vendor_id, platform_id, picked(period, date_from, date_to))
        return csv_response(
            series_csv(answer), export_filename(await pages.vendor_name(vendor_id), answer.period)
        )

    @get("/admin/export.csv")
    async def platform_dashboard(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        platform_id: PlatformChoice = None,
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Stream:
        target = requested_platform(request, platform_id)
        platform = await pages.platform_ref(target)
        answer = await pages.platform_answer(target, picked(period, date_from, date_to))
        return csv_response(dashboard_csv(answer), export_filename(platform.name, answer.period))

    @get("/admin/series.csv")
    async def platform_series(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        platform_id: PlatformChoice = None,
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Stream:
        target = requested_platform(request, platform_id)
        platform = await pages.platform_ref(target)
        answer = await pages.platform_series(target, picked(period, date_from, date_to))
        return csv_response(series_csv(answer), export_filename(platform.name, answer.period))
