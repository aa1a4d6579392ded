"""Response bodies of the two dashboards."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from kernel.context import MetricsContext
from kernel.metrics import MetricValue

__all__ = ("PeriodOut", "PlatformDashboardOut", "VendorDashboardOut")


class PeriodOut(msgspec.Struct, kw_only=True):
    """The window the figures cover, both dates included, and the window trends compare against."""

    name: str
    date_from: date
    date_to: date
    days: int
    previous_date_from: date | None
    previous_date_to: date | None

    @classmethod
    def of(cls, context: MetricsContext) -> PeriodOut:
        trends = context.include_trends
        return cls(
            name=context.period,
            date_from=context.date_from,
            date_to=context.date_to,
            days=context.days,
            previous_date_from=context.previous_date_from if trends else None,
            previous_date_to=context.previous_date_to if trends else None,
        )


class _Dashboard(msgspec.Struct, kw_only=True):
    period: PeriodOut
    generated_at: datetime
    categories: dict[str, list[MetricValue]]
    unavailable: list[str]


class VendorDashboardOut(_Dashboard, kw_only=True):
    vendor_id: int


class PlatformDashboardOut(_Dashboard, kw_only=True):
    platform_id: int
