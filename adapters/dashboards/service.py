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

from collections.abc import Hashable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.last_good import LastGood
from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.windows import DashboardWindows, PeriodQuery
from adapters.database.outages import OUTAGES
from kernel.aggregator import Dashboard, StatsAggregator
from kernel.context import MetricsContext, Owner

__all__ = ("NO_DAYS", "DashboardService", "DayKeys", "Days", "PeriodQuery")

DayKeys = tuple[tuple[str, ...], tuple[str, ...]]
"""Ledger keys, and key prefixes, to read per local day with a dashboard."""
Days = Mapping[date, Mapping[str, int]]
NO_DAYS: DayKeys = ((), ())


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
        return self.vendor_with_days(vendor_id, query, platform_id)[0]

    def vendor_with_days(
        self, vendor_id: int, query: PeriodQuery, platform_id: int | None = None, day_keys: DayKeys = NO_DAYS
    ) -> tuple[VendorDashboardOut, Days | None]:
        """The dashboard, and `day_keys` (keys, prefixes) per local day from the same ledger read
        (a page's chart; None when that read did not answer)."""
        context, now = self._windows.context(query, self._windows.vendor_settings(vendor_id))
        context = replace(context, day_keys=day_keys[0], day_prefixes=day_keys[1])
        only = self._windows.categories_on(platform_id)
        owner: Owner = ("vendor", vendor_id)
        key = (owner, context, only)
        dashboard = self._cache.get(
            owner, key[1:], lambda: self._aggregator.vendor_dashboard(vendor_id, context, only), _complete
        )
        body, days = self._answer(key, context, now, dashboard)
        return VendorDashboardOut(vendor_id=vendor_id, **body), days

    def platform(self, platform_id: int, query: PeriodQuery) -> PlatformDashboardOut:
        return self.platform_with_days(platform_id, query)[0]

    def platform_with_days(
        self, platform_id: int, query: PeriodQuery, day_keys: DayKeys = NO_DAYS
    ) -> tuple[PlatformDashboardOut, Days | None]:
        context, now = self._windows.context(query, self._windows.platform_settings(platform_id))
        context = replace(context, day_keys=day_keys[0], day_prefixes=day_keys[1])
        only = self._windows.categories_on(platform_id)
        owner: Owner = ("platform", platform_id)
        key = (owner, context, only)
        dashboard = self._cache.get(
            owner,
            key[1:],
            lambda: self._aggregator.platform_dashboard(platform_id, context, only),
            _complete,
        )
        body, days = self._answer(key, context, now, dashboard)
        return PlatformDashboardOut(platform_id=platform_id, **body), days

    def _answer(
        self, key: Hashable, context: MetricsContext, now: datetime, dashboard: Dashboard
    ) -> tuple[dict[str, Any], Days | None]:
        """The body. When the database answered for no category: the last good answer if young enough;
        else the outage re-raised (503), or, if every category merely ran late, the dashboard as it
        is, listing them all: a database that is slow (or a machine that is busy) is not known down."""
        if _complete(dashboard):
            self._last_good.remember(key, dashboard, now)
            return _body(context, now, dashboard), dashboard.days
        if not _unreached(dashboard):
            return _body(context, now, dashboard), dashboard.days
        remembered = self._last_good.recall(key, now)
        if remembered is None:
            for error in dashboard.failed.values():
                raise error
            return _body(context, now, dashboard), dashboard.days
        kept, at = remembered
        age = round((now - at).total_seconds(), 3)
        return {**_body(context, at, kept), "stale": True, "age_s": age}, kept.days
