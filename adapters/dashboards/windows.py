"""Whose days and money a dashboard counts in, and which categories it may show: shared by the
dashboards, the series and the top vendors, so all of them read the same window for the same input.

Periods are days in the owner's time zone (the vendor's for a vendor dashboard, the platform's for a
platform dashboard): "today" is the owner's local date. Money is in the owner's reporting currency.
Only the categories of the modules switched on for the platform count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from contracts.currencies import DEFAULT_CURRENCY
from contracts.module_switches import ModuleSwitches
from contracts.tenancy import TenantDirectory
from kernel.clock import Clock
from kernel.context import MetricsContext
from kernel.module import ModuleDefinition
from kernel.period import resolve_period
from kernel.time_zones import DEFAULT_TIME_ZONE, zone

__all__ = ("DashboardWindows", "OwnerSettings", "PeriodQuery")

OwnerSettings = tuple[str, str]
"""`(time zone, reporting currency)` of a dashboard's owner."""


@dataclass(frozen=True, slots=True)
class PeriodQuery:
    """The period as the user typed it; resolved against today's date when the dashboard is built."""

    period: str | None = None  # None: the default period, and the only one date_from may come with
    date_from: date | None = None
    date_to: date | None = None
    include_trends: bool = False


class DashboardWindows:
    def __init__(
        self,
        clock: Clock,
        modules: Sequence[ModuleDefinition] = (),
        switches: ModuleSwitches | None = None,
        tenants: TenantDirectory | None = None,
    ) -> None:
        """`tenants` tells each owner's time zone; without it (no core module) every period is UTC."""
        self._clock = clock
        self._categories = {m.code: m.metrics_category for m in modules if m.metrics_category is not None}
        self._switches = switches
        self._tenants = tenants

    def vendor_settings(self, vendor_id: int) -> OwnerSettings:
        """The vendor's time zone and reporting currency."""
        standing = None if self._tenants is None else self._tenants.vendor_standing(vendor_id)
        if standing is None:
            return DEFAULT_TIME_ZONE, DEFAULT_CURRENCY
        return standing.vendor.timezone, standing.vendor.currency

    def platform_settings(self, platform_id: int) -> OwnerSettings:
        platform = None if self._tenants is None else self._tenants.platform_by_id(platform_id)
        return (
            (DEFAULT_TIME_ZONE, DEFAULT_CURRENCY)
            if platform is None
            else (platform.timezone, platform.currency)
        )

    def categories_on(self, platform_id: int | None) -> frozenset[str] | None:
        """The categories on for the platform; `None` (ask all) without a platform or without switches."""
        if platform_id is None or self._switches is None:
            return None
        on = self._switches.enabled_codes(platform_id)
        return frozenset(category for code, category in self._categories.items() if code in on)

    def context(self, query: PeriodQuery, owner: OwnerSettings) -> tuple[MetricsContext, datetime]:
        """The window `query` names in the owner's days, and the moment it was resolved."""
        now, (timezone, currency) = self._clock.now(), owner
        context = resolve_period(
            today=now.astimezone(zone(timezone)).date(),
            timezone=timezone,
            period=query.period,
            date_from=query.date_from,
            date_to=query.date_to,
            include_trends=query.include_trends,
        )
        return replace(context, currency=currency), now
