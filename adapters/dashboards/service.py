"""Build a dashboard response from raw period input: shared by the HTTP routes and the CLI, so
`tessera stats … --json` prints exactly what the API returns.

Periods are days in the owner's time zone (the vendor's for a vendor dashboard, the platform's for a
platform dashboard): "today" is the owner's local date, and the answer says which zone it used.

Only the modules switched on for the platform are asked: a module a platform switched off is simply
absent from its dashboards, not listed as unavailable.

A dashboard where no category could reach the database is an outage, not a dashboard: 503 with
`Retry-After`, like any request the database cannot serve, or, with `metrics.serve_stale_s` set, the
last complete answer marked stale (which is also served when every category merely ran late).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.last_good import LastGood
from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.database.outages import OUTAGES
from contracts.currencies import DEFAULT_CURRENCY
from contracts.module_switches import ModuleSwitches
from contracts.tenancy import TenantDirectory
from kernel.aggregator import Dashboard, StatsAggregator
from kernel.clock import Clock
from kernel.context import MetricsContext, Owner
from kernel.module import ModuleDefinition
from kernel.period import resolve_period
from kernel.time_zones import DEFAULT_TIME_ZONE, zone

__all__ = ("DashboardService", "PeriodQuery")


@dataclass(frozen=True, slots=True)
class PeriodQuery:
    """The period as the user typed it; resolved against today's date when the dashboard is built."""

    period: str | None = None  # None: the default period, and the only one date_from may come with
    date_from: date | None = None
    date_to: date | None = None
    include_trends: bool = False


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
        clock: Clock,
        modules: Sequence[ModuleDefinition] = (),
        switches: ModuleSwitches | None = None,
        cache: DashboardCache[Dashboard] | None = None,
        last_good: LastGood[Dashboard] | None = None,
        tenants: TenantDirectory | None = None,
    ) -> None:
        """`tenants` tells each owner's time zone; without it (no core module) every period is UTC."""
        self._aggregator = aggregator
        self._cache = cache or DashboardCache(0)
        self._last_good = last_good or LastGood(0)
        self._clock = clock
        self._categories = {m.code: m.metrics_category for m in modules if m.metrics_category is not None}
        self._switches = switches
        self._tenants = tenants

    def _vendor_zone(self, vendor_id: int) -> tuple[str, str]:
        """The vendor's time zone and reporting currency."""
        standing = None if self._tenants is None else self._tenants.vendor_standing(vendor_id)
        if standing is None:
            return DEFAULT_TIME_ZONE, DEFAULT_CURRENCY
        return standing.vendor.timezone, standing.vendor.currency

    def _platform_zone(self, platform_id: int) -> tuple[str, str]:
        platform = None if self._tenants is None else self._tenants.platform_by_id(platform_id)
        return (
            (DEFAULT_TIME_ZONE, DEFAULT_CURRENCY)
            if platform is None
            else (platform.timezone, platform.currency)
        )

    def _only(self, platform_id: int | None) -> frozenset[str] | None:
        """The categories on for the platform; `None` (ask all) without a platform or without switches."""
        if platform_id is None or self._switches is None:
            return None
        on = self._switches.enabled_codes(platform_id)
        return frozenset(category for code, category in self._categories.items() if code in on)

    def _context(
        self, query: PeriodQuery, owner_settings: tuple[str, str]
    ) -> tuple[MetricsContext, datetime]:
        now, (timezone, currency) = self._clock.now(), owner_settings
        context = resolve_period(
            today=now.astimezone(zone(timezone)).date(),
            timezone=timezone,
            period=query.period,
            date_from=query.date_from,
            date_to=query.date_to,
            include_trends=query.include_trends,
        )
        return replace(context, currency=currency), now

    def vendor(
        self, vendor_id: int, query: PeriodQuery, platform_id: int | None = None
    ) -> VendorDashboardOut:
        """`platform_id`: the platform the vendor is seen through (the request's), whose switches apply."""
        context, now = self._context(query, self._vendor_zone(vendor_id))
        only = self._only(platform_id)
        owner: Owner = ("vendor", vendor_id)
        key = (owner, context, only)
        dashboard = self._cache.get(
            owner, key[1:], lambda: self._aggregator.vendor_dashboard(vendor_id, context, only), _complete
        )
        return VendorDashboardOut(vendor_id=vendor_id, **self._answer(key, context, now, dashboard))

    def platform(self, platform_id: int, query: PeriodQuery) -> PlatformDashboardOut:
        context, now = self._context(query, self._platform_zone(platform_id))
        only = self._only(platform_id)
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
