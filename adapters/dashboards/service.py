"""Build a dashboard response from raw period input: shared by the HTTP routes and the CLI, so
`tessera stats … --json` prints exactly what the API returns.

Periods are days in the owner's time zone, "today" its local date, and the answer says which zone it
used (`windows.py`). Only the modules switched on for the platform are asked: a module a platform
switched off is simply absent from its dashboards, not listed as unavailable.

A dashboard where no category could reach the database is an outage, not a dashboard: 503 with
`Retry-After`, like any request the database cannot serve, or, with `metrics.serve_stale_s` set, the
last complete answer marked stale (which is also served when every category merely ran late).

Each dashboard reads where `ReadRouter` sends it (a replica, with `database.read_url`) and says so,
with how fresh its figures are (`read_from`, `fresh_as_of`, kept with it in the cache). A dashboard
the replica let down (a category unreachable or late there) is read again on the primary.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.freshness import Sourced
from adapters.dashboards.last_good import LastGood
from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.windows import DashboardWindows, PeriodQuery
from adapters.database.outages import OUTAGES
from adapters.replica.routing import ReadRouter
from kernel.aggregator import Dashboard, StatsAggregator
from kernel.context import MetricsContext, Owner
from kernel.contracts.sessions import InterruptibleSessions

__all__ = ("NO_DAYS", "DashboardService", "DayKeys", "Days", "PeriodQuery")

DayKeys = tuple[tuple[str, ...], tuple[str, ...]]
"""Ledger keys, and key prefixes, to read per local day with a dashboard."""
Days = Mapping[date, Mapping[str, int]]
NO_DAYS: DayKeys = ((), ())


def _body(context: MetricsContext, now: datetime, read: Sourced[Dashboard]) -> dict[str, Any]:
    dashboard = read.value
    return {
        "period": PeriodOut.of(context),
        "timezone": context.timezone,
        "currency": context.currency,
        "generated_at": now,
        **read.fields(),
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


def _complete(read: Sourced[Dashboard]) -> bool:
    """Only a dashboard with every category answered is worth keeping."""
    return not read.value.unavailable


def _let_down(dashboard: Dashboard) -> tuple[bool, Exception | None]:
    """Did a category fail for want of the database (unreachable, or late), and with what error?"""
    failures = [dashboard.failed.get(category) for category in dashboard.unavailable]
    outages = [error for error in failures if error is None or isinstance(error, OUTAGES)]
    return bool(outages), next((error for error in outages if error is not None), None)


class DashboardService:
    def __init__(
        self,
        aggregator: StatsAggregator,
        windows: DashboardWindows,
        reads: ReadRouter,
        cache: DashboardCache[Sourced[Dashboard]] | None = None,
        last_good: LastGood[Sourced[Dashboard]] | None = None,
    ) -> None:
        """`windows` resolves each owner's period, zone and currency, and the categories it may show;
        `reads` says where each dashboard reads."""
        self._aggregator = aggregator
        self._windows = windows
        self._reads = reads
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
            owner,
            key[1:],
            lambda: self._read(
                owner, lambda sessions: self._aggregator.vendor_dashboard(vendor_id, context, only, sessions)
            ),
            _complete,
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
            lambda: self._read(
                owner,
                lambda sessions: self._aggregator.platform_dashboard(platform_id, context, only, sessions),
            ),
            _complete,
        )
        body, days = self._answer(key, context, now, dashboard)
        return PlatformDashboardOut(platform_id=platform_id, **body), days

    def _read(
        self, owner: Owner, collect: Callable[[InterruptibleSessions], Dashboard]
    ) -> Sourced[Dashboard]:
        """The dashboard from where the router sends it; again from the primary if the replica let
        it down (a provider's budget is its own on each, so this may take two budgets, once per
        replica failure: the monitor then skips the replica until it finds it well)."""
        route = self._reads.route(owner)
        dashboard = collect(route.sessions)
        if route.read_from == "replica":
            let_down, error = _let_down(dashboard)
            if let_down:
                self._reads.replica_failed(error)
                route = self._reads.primary()
                dashboard = collect(route.sessions)
        return Sourced.read(dashboard, route)

    def _answer(
        self, key: Hashable, context: MetricsContext, now: datetime, read: Sourced[Dashboard]
    ) -> tuple[dict[str, Any], Days | None]:
        """The body. When the database answered for no category: the last good answer if young enough;
        else the outage re-raised (503), or, if every category merely ran late, the dashboard as it
        is, listing them all: a database that is slow (or a machine that is busy) is not known down."""
        dashboard = read.value
        if _complete(read):
            self._last_good.remember(key, read, now)
            return _body(context, now, read), dashboard.days
        if not _unreached(dashboard):
            return _body(context, now, read), dashboard.days
        remembered = self._last_good.recall(key, now)
        if remembered is None:
            for error in dashboard.failed.values():
                raise error
            return _body(context, now, read), dashboard.days
        kept, at = remembered
        age = round((now - at).total_seconds(), 3)
        return {**_body(context, at, kept), "stale": True, "age_s": age}, kept.value.days
