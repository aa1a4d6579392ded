"""Build a dashboard response from raw period input: shared by the HTTP routes and the CLI, so
`tessera stats … --json` prints exactly what the API returns.

Periods are days in the owner's time zone, "today" its local date, and the answer says which zone it
used (`windows.py`). Only the modules switched on for the platform are asked: a module a platform
switched off is simply absent from its dashboards, not listed as unavailable.

A dashboard where no category could reach the database is an outage, not a dashboard: 503 with
`Retry-After`, like any request the database cannot serve, or, with `metrics.serve_stale_s` set, the
last complete answer marked stale (which is also served when every category merely ran late).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime
from typing import Any

from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.last_good import LastGood
from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.windows import DashboardWindows, PeriodQuery
from adapters.database.outages import OUTAGES
from kernel.aggregator import Dashboard, StatsAggregator
from kernel.context import MetricsContext, Owner

__all__ = ("DashboardService", "PeriodQuery")


def _body(context: MetricsContext, now: datetime, dashboard: Dashboard) -> dict[str, Any]:
    return {
        "period": PeriodOut.of(context),
        "timezone": context.timezone,
        "currency": context.currency,
        "generated_at": now,
        "categories": dashboard.categories,
        "unavailable": dashboard.unavailable,
    }


def _unreached(dashboard: Dashboard) -> bool:
    """No category answered, and none for a reason other than the database: each failed to reach it
    or ran out of time. A provider that raised anything else is a bug, answered 200 listing it."""
    return (
        not dashboard.categories
        and bool(dashboard.unavailable)
        and all(isinstance(error, OUTAGES) for error in dashboard.failed.values())
    )


def _complete(dashboard: Dashboard) -> bool:
    """Only a dashboard with every category answered is worth keeping."""
    return not dashboard.unavailable


class DashboardService:
    def __init__(
        self,
        aggregator: StatsAggregator,
        windows: DashboardWindows,
        cache: DashboardCache[Dashboard] | None = None,
        last_good: LastGood[Dashboard] | None = None,
    ) -> None:
        """`windows` resolves each owner's period, zone and currency, and the categories it may show."""
        self._aggregator = aggregator
        self._windows = windows
        self._cache = cache or DashboardCache(0)
        self._last_good = last_good or LastGood(0)

    def vendor(
        self, vendor_id: int, query: PeriodQuery, platform_id: int | None = None
    ) -> VendorDashboardOut:
        """`platform_id`: the platform the vendor is seen through (the request's), whose switches apply."""
        context, now = self._windows.context(query, self._windows.vendor_settings(vendor_id))
        only = self._windows.categories_on(platform_id)
        owner: Owner = ("vendor", vendor_id)
        key = (owner, context, only)
        dashboard = self._cache.get(
            owner, key[1:], lambda: self._aggregator.vendor_dashboard(vendor_id, context, only), _complete
        )
        return VendorDashboardOut(vendor_id=vendor_id, **self._answer(key, context, now, dashboard))

    def platform(self, platform_id: int, query: PeriodQuery) -> PlatformDashboardOut:
        context, now = self._windows.context(query, self._windows.platform_settings(platform_id))
        only = self._windows.categories_on(platform_id)
        owner: Owner = ("platform", platform_id)
        key = (owner, context, only)
        dashboard = self._cache.get(
            owner,
            key[1:],
            lambda: self._aggregator.platform_dashboard(platform_id, context, only),
            _complete,
        )
        return PlatformDashboardOut(platform_id=platform_id, **self._answer(key, context, now, dashboard))

    def _answer(
        self, key: Hashable, context: MetricsContext, now: datetime, dashboard: Dashboard
    ) -> dict[str, Any]:
        """The body. When the database answered for no category: the last good answer if young enough;
        else the outage re-raised (503), or, if every category merely ran late, the dashboard as it
        is, listing them all: a database that is slow (or a machine that is busy) is not known down."""
        if _complete(dashboard):
            self._last_good.remember(key, dashboard, now)
            return _body(context, now, dashboard)
        if not _unreached(dashboard):
            return _body(context, now, dashboard)
        remembered = self._last_good.recall(key, now)
        if remembered is None:
            for error in dashboard.failed.values():
                raise error
            return _body(context, now, dashboard)
        kept, at = remembered
        return {**_body(context, at, kept), "stale": True, "age_s": round((now - at).total_seconds(), 3)}
