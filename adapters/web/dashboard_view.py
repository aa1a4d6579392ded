"""What a dashboard page shows, built from the same answers the JSON API returns.

Tiles are grouped by category in the dashboard's order, a category that failed this time is named
"temporarily unavailable" in its place, and a module switched off for the platform is simply not
in the answer, so it shows nothing at all. The chart plots orders and net revenue (refunds taken
off) per day, week or month, from the series the API serves; the platform page adds its ten
vendors with most revenue in the period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from adapters.dashboards.schemas import PeriodOut, PlatformDashboardOut, VendorDashboardOut
from adapters.dashboards.series_schemas import PlatformSeriesOut, TopVendorsOut, VendorSeriesOut
from adapters.web.chart import charts
from adapters.web.period_picker import PRESETS, Picked
from adapters.web.tiles import Tile, money, tile
from kernel.time_zones import zone

__all__ = ("CHART_KEYS", "DashboardView", "TopVendorRow", "dashboard_view")

CHART_KEYS = ("orders.period_orders", "orders.period_net_revenue")
_CHART_TITLES = {"day": "per day", "week": "per week", "month": "per month"}


@dataclass(frozen=True, slots=True)
class TileGroup:
    category: str
    name: str
    tiles: tuple[Tile, ...]
    unavailable: bool = False


@dataclass(frozen=True, slots=True)
class TopVendorRow:
    rank: int
    name: str
    revenue: str
    orders: int


@dataclass(frozen=True, slots=True)
class DashboardView:
    scope: str
    owner_name: str
    period: PeriodOut
    timezone: str
    currency: str
    computed_at: str
    picked: Picked
    groups: tuple[TileGroup, ...]
    charts: list[str] = field(default_factory=list)
    top_vendors: tuple[TopVendorRow, ...] | None = None
    ranked_at: str = ""
    """When the top vendors were ranked: they are kept some seconds (`metrics.ranking_ttl_s`)."""
    stale: bool = False
    fresh_as_of: str = ""
    """Shown when it differs from `computed_at`: figures read from the replica, or kept in the cache."""
    presets: tuple[tuple[str, str], ...] = PRESETS


def _computed_at(generated_at: datetime, timezone: str) -> str:
    return generated_at.astimezone(zone(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def _groups(
    answer: VendorDashboardOut | PlatformDashboardOut, names: dict[str, str]
) -> tuple[TileGroup, ...]:
    groups = [
        TileGroup(category, names.get(category, category.title()), tuple(tile(m) for m in metrics))
        for category, metrics in answer.categories.items()
    ]
    groups += [
        TileGroup(category, names.get(category, category.title()), (), unavailable=True)
        for category in answer.unavailable
    ]
    return tuple(groups)


def _charts(series: VendorSeriesOut | PlatformSeriesOut | None) -> list[str]:
    if series is None:
        return []
    per = _CHART_TITLES.get(series.bucket, "")
    return charts(
        [
            (
                f"{line.label.replace(' in period', '')} {per}"
                + (f" ({line.currency})" if line.currency else ""),
                [(p.date_from, p.value) for p in line.points],
                line.currency,
                series.bucket,
            )
            for line in series.series
        ]
    )


def _top(answer: TopVendorsOut | None) -> tuple[TopVendorRow, ...] | None:
    if answer is None:
        return None
    return tuple(
        TopVendorRow(rank, vendor.name, money(vendor.revenue, answer.currency), vendor.orders)
        for rank, vendor in enumerate(answer.vendors, start=1)
    )


def dashboard_view(
    owner_name: str,
    answer: VendorDashboardOut | PlatformDashboardOut,
    picked: Picked,
    category_names: dict[str, str],
    series: VendorSeriesOut | PlatformSeriesOut | None = None,
    top_vendors: TopVendorsOut | None = None,
) -> DashboardView:
    return DashboardView(
        scope="vendor" if isinstance(answer, VendorDashboardOut) else "platform",
        owner_name=owner_name,
        period=answer.period,
        timezone=answer.timezone,
        currency=answer.currency,
        computed_at=_computed_at(answer.generated_at, answer.timezone),
        picked=picked,
        groups=_groups(answer, category_names),
        charts=_charts(series),
        top_vendors=_top(top_vendors),
        ranked_at=_computed_at(top_vendors.generated_at, answer.timezone) if top_vendors else "",
        stale=answer.stale,
        fresh_as_of=_fresh_as_of(answer),
    )


def _fresh_as_of(answer: VendorDashboardOut | PlatformDashboardOut) -> str:
    """ "" when the figures are as of when they were computed (read from the primary, to the second)."""
    fresh = _computed_at(answer.fresh_as_of, answer.timezone)
    return "" if fresh == _computed_at(answer.generated_at, answer.timezone) else fresh
