"""A dashboard's period figures over time, and a platform's top vendors: what charts are drawn from.

Both read the ledger's day rows (tenancy's `read_days` and `top_vendors`), in one statement whatever
the window, then cut the days into buckets here. A point is computed from its bucket's sums by the
very row that computes the dashboard's figure from the window's (`Metric.shown`), so the points of a
key add up to that key's `/dashboard/stats` value for the same period (a derived figure, such as a
rate, is the function of each bucket's sums, like the dashboard's is of the window's).

With the dashboard cache on (`metrics.cache_ttl_s`), the series' days are kept in it beside the
dashboards, under the same owner, so the ledger's report of a write drops both at once: the
dashboard page reads a series with every dashboard, and would otherwise read the database for it
while the dashboard itself comes from the cache.

A platform's ranking is kept on its own, `metrics.ranking_ttl_s` (10 s by default), cache on or
off, and a write does not drop it: the answer's `generated_at` says when it was ranked. It is the
one read of a platform page whose cost grows with the platform (each vendor's day rows of the
window: 9 to 14 ms of PostgreSQL for 260 vendors over 30 days at xlarge, where the whole dashboard
costs about 1); a leaderboard some seconds old is what a person reads it for, and a burst of admins
opening the page ranks once (single-flight). A vendor's new name shows when the entry expires.

Each read goes where `ReadRouter` sends its owner (a replica, with `database.read_url`), and the
answer says where and how fresh (`read_from`, `fresh_as_of`, kept with the days or the ranking).

The methods block (they read the database): the HTTP routes run them on the dashboard threads, the
web pages call them directly. Bad keys or a bad bucket raise `InvalidInputError`, mapped the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from adapters.dashboards.buckets import buckets, chosen_bucket
from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.figure_keys import SeriesFigure, series_figures
from adapters.dashboards.freshness import Sourced
from adapters.dashboards.schemas import PeriodOut
from adapters.dashboards.series_lines import bucket_sums, series_line
from adapters.dashboards.series_schemas import (
    PlatformSeriesOut,
    TopVendorOut,
    TopVendorsOut,
    VendorSeriesOut,
)
from adapters.dashboards.service import DayKeys, Days
from adapters.dashboards.windows import DashboardWindows, OwnerSettings, PeriodQuery
from adapters.replica.routing import ReadRouter
from kernel.context import MetricsContext, Owner
from kernel.contracts.ledger import LedgerDayReader, RankedVendor
from kernel.contracts.sessions import InterruptibleSessions
from kernel.ledger_metrics import LedgerMetrics, in_currency

__all__ = ("DashboardSeries",)

REVENUE_FIGURE, ORDERS_FIGURE = "orders.period_revenue", "orders.period_orders"
"""The figures top vendors are ranked by and shown with: the keys these rows read, so a vendor's
revenue is counted exactly as the dashboards count it."""


class DashboardSeries:
    def __init__(
        self,
        windows: DashboardWindows,
        reads: ReadRouter,
        ledger: LedgerDayReader | None = None,
        tables: Sequence[LedgerMetrics] = (),
        cache: DashboardCache[Any] | None = None,
        rankings: DashboardCache[Any] | None = None,
    ) -> None:
        """Without a ledger (no core module) no key is a figure: every series is a 400. `cache`: the
        dashboards' own, which the ledger tells of each write; `rankings`: top vendors' own."""
        self._windows = windows
        self._reads = reads
        self._ledger = ledger
        self._tables = tuple(tables)
        self._cache: DashboardCache[Any] = cache or DashboardCache(0)
        self._rankings: DashboardCache[Any] = rankings or DashboardCache(0)
        self._keys_for: dict[tuple[frozenset[str] | None, str], tuple[str, str] | None] = {}

    def day_keys(self, keys: Sequence[str], owner: Owner, platform_id: int | None) -> DayKeys | None:
        """The ledger keys and prefixes a series of `keys` is computed from, for a dashboard to read
        per day in its own statement (`DashboardService.vendor_with_days`); None without a ledger.
        `platform_id`: whose switches apply. Raises `InvalidInputError` as `vendor` would."""
        if self._ledger is None:
            return None
        scope, owner_id = owner
        settings = (
            self._windows.vendor_settings(owner_id)
            if scope == "vendor"
            else self._windows.platform_settings(owner_id)
        )
        figures = series_figures(keys, self._tables, scope, self._windows.categories_on(platform_id))
        return _read_keys(figures, settings[1])

    def vendor(
        self,
        vendor_id: int,
        query: PeriodQuery,
        keys: Sequence[str],
        bucket: str | None = None,
        platform_id: int | None = None,
        days: Sourced[Days] | None = None,
    ) -> VendorSeriesOut:
        """`platform_id`: the platform the vendor is seen through, whose switches apply. `days`:
        the keys' days already read with the dashboard (`day_keys`), with its freshness, else they
        are read here."""
        settings = self._windows.vendor_settings(vendor_id)
        context, now = self._windows.context(query, settings)
        on = self._windows.categories_on(platform_id)
        figures = series_figures(keys, self._tables, "vendor", on)
        bucket = chosen_bucket(bucket, context.days)
        return VendorSeriesOut(
            vendor_id=vendor_id, **self._series(("vendor", vendor_id), context, now, figures, bucket, days)
        )

    def platform(
        self,
        platform_id: int,
        query: PeriodQuery,
        keys: Sequence[str],
        bucket: str | None = None,
        days: Sourced[Days] | None = None,
    ) -> PlatformSeriesOut:
        context, now = self._windows.context(query, self._windows.platform_settings(platform_id))
        on = self._windows.categories_on(platform_id)
        figures = series_figures(keys, self._tables, "platform", on)
        bucket = chosen_bucket(bucket, context.days)
        return PlatformSeriesOut(
            platform_id=platform_id,
            **self._series(("platform", platform_id), context, now, figures, bucket, days),
        )

    def top_vendors(self, platform_id: int, query: PeriodQuery, limit: int = 10) -> TopVendorsOut:
        """The platform's active vendors with most revenue in the period (in the platform's reporting
        currency), then by vendor id; vendors with neither revenue nor orders in it are left out.
        Each vendor's days are its own local days: the platform's dates are applied to them as they
        are (a vendor six hours away is ranked over its own 1 to 30 June, not the platform's)."""
        settings: OwnerSettings = self._windows.platform_settings(platform_id)
        context, now = self._windows.context(query, settings)
        keys = self._ranking_keys(self._windows.categories_on(platform_id), context.currency)
        if keys is None or self._ledger is None:
            return _ranking(platform_id, context, now, keys or ("", ""), Sourced([], "primary", now))
        ledger, wanted = self._ledger, keys

        def ranked(sessions: InterruptibleSessions) -> list[RankedVendor]:
            with sessions.open() as handle:
                return ledger.top_vendors(
                    handle.session, platform_id, wanted, context.date_from, context.date_to, limit
                )

        def read() -> TopVendorsOut:
            found, route = self._reads.read(("platform", platform_id), ranked)
            return _ranking(platform_id, context, now, wanted, Sourced.read(found, route))

        # the whole answer is kept: a view within the TTL builds nothing (the page asks on every view)
        key = ("top vendors", wanted, context.date_from, context.date_to, context.timezone, limit)
        answer: TopVendorsOut = self._rankings.get(("platform", platform_id), key, read, _always)
        return answer

    def _ranking_keys(self, on: frozenset[str] | None, currency: str) -> tuple[str, str] | None:
        """The ledger keys of revenue (in `currency`) and of orders, if orders is among the
        categories `on`; worked out once per set of categories and currency."""
        wanted = (on, currency)
        if wanted not in self._keys_for:
            rows = {
                f"{table.metrics_category}.{row.name}": row.value
                for table in self._tables
                if on is None or table.metrics_category in on
                for row in table.rows("platform")
            }
            revenue, orders = rows.get(REVENUE_FIGURE), rows.get(ORDERS_FIGURE)
            found = None
            if isinstance(revenue, str) and isinstance(orders, str):
                found = (in_currency(revenue, currency), orders)
            self._keys_for[wanted] = found
        return self._keys_for[wanted]

    def _series(
        self,
        owner: Owner,
        context: MetricsContext,
        now: datetime,
        figures: list[SeriesFigure],
        bucket: str,
        read_days: Sourced[Days] | None = None,
    ) -> dict[str, Any]:
        keys, prefixes = _read_keys(figures, context.currency)
        days: Sourced[Days] = read_days or Sourced({}, "primary", now)
        if read_days is None and self._ledger is not None:
            ledger, first, last, zone = self._ledger, context.date_from, context.date_to, context.timezone

            def days_in(sessions: InterruptibleSessions) -> dict[date, dict[str, int]]:
                with sessions.open() as handle:
                    return ledger.read_days(handle.session, owner, keys, first, last, zone, prefixes)

            def read() -> Sourced[Days]:
                return Sourced.read(*self._reads.read(owner, days_in))

            key = ("days", tuple(keys), tuple(prefixes), first, last, zone)
            days = self._cache.get(owner, key, read, _always)
        sums = bucket_sums(days.value, buckets(context.date_from, context.date_to, bucket))
        return {
            "period": PeriodOut.of(context),
            "timezone": context.timezone,
            "currency": context.currency,
            "bucket": bucket,
            "generated_at": now,
            **days.fields(),
            "series": [series_line(figure, context.currency, sums) for figure in figures],
        }


def _ranking(
    platform_id: int,
    context: MetricsContext,
    now: datetime,
    keys: tuple[str, str],
    found: Sourced[list[RankedVendor]],
) -> TopVendorsOut:
    """The answer, `keys` being the revenue and the orders key the vendors were ranked by."""
    return TopVendorsOut(
        platform_id=platform_id,
        period=PeriodOut.of(context),
        timezone=context.timezone,
        currency=context.currency,
        generated_at=now,
        **found.fields(),
        vendors=[
            TopVendorOut(
                vendor_id=vendor.vendor_id,
                name=vendor.name,
                revenue=vendor.figures[keys[0]],
                orders=vendor.figures[keys[1]],
            )
            for vendor in found.value
        ],
    )


def _read_keys(figures: list[SeriesFigure], home: str) -> DayKeys:
    """The keys, and prefixes, the figures' points are computed from: each figure's own key when
    every one is a key's sum (a month of two keys, not of every key of their table); else every key
    of their tables, since a function of several keys may read any of them."""
    if all(isinstance(figure.row.value, str) for figure in figures):
        named = {in_currency(str(figure.row.value), figure.currency or home) for figure in figures}
        return tuple(sorted(named)), ()
    tables = {id(figure.table): figure.table for figure in figures}.values()
    keys = tuple(sorted({key for table in tables for key in table.keys}))
    return keys, tuple(sorted({prefix for table in tables for prefix in table.prefixes}))


def _always(_: object) -> bool:
    """A ledger read is whole or raises: any answer may be kept."""
    return True
