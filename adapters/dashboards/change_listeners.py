"""What the dashboards' two caches drop when a change is told (`contracts.change_notices`).

Whole dashboards (`metrics.cache_ttl_s`) follow the ledger: a write drops the dashboards of the
owners whose figures it moved. A tenancy change (a vendor's or platform's zone, currency or name, a
membership) may change how any of them is shown, and is rare: it drops them all. The top-vendor
ranking (`metrics.ranking_ttl_s`) deliberately does not follow writes: ranking is the one read of a
platform page that grows with the platform, and a ranking some seconds old is the price of not
ranking on every view. It shows vendors' names and counts only active members, though, so a tenancy
change drops it too. Both drop everything on `all`.
"""

from __future__ import annotations

from typing import Any

from adapters.dashboards.cache import DashboardCache
from contracts.change_notices import Change
from kernel.context import Owner

__all__ = ("DashboardsOnChange", "RankingsOnChange")


class DashboardsOnChange:
    def __init__(self, cache: DashboardCache[Any]) -> None:
        self._cache = cache

    def changed(self, change: Change) -> None:
        if change.kind == "ledger":
            owners: list[Owner] = [("vendor", i) for i in change.ids("vendor")]
            self._cache.ledger_changed(owners + [("platform", i) for i in change.ids("platform")])
        elif change.kind in ("tenancy", "all"):
            self._cache.drop_all()


class RankingsOnChange:
    def __init__(self, cache: DashboardCache[Any]) -> None:
        self._cache = cache

    def changed(self, change: Change) -> None:
        if change.kind in ("tenancy", "all"):
            self._cache.drop_all()
