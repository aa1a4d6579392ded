"""What each dashboard cache drops for each kind of change: dashboards follow the ledger's owners,
the ranking only tenancy changes; both drop everything on `all`, and neither cares for switches or
accounts (a switched-off module is left out when a dashboard is asked, not when it is kept)."""

from __future__ import annotations

from typing import Any

from adapters.dashboards.cache import DashboardCache
from adapters.dashboards.change_listeners import DashboardsOnChange, RankingsOnChange
from contracts.change_notices import Change
from kernel.context import Owner

OWNERS: list[Owner] = [("vendor", 1), ("vendor", 2), ("platform", 1)]


def _kept(cache: DashboardCache[Any]) -> list[Owner]:
    """The owners whose entry is answered without computing."""
    computed: list[Owner] = []
    for owner in OWNERS:

        def compute(owner: Owner = owner) -> Owner:
            computed.append(owner)
            return owner

        cache.get(owner, "k", compute, lambda _: True)
    return [owner for owner in OWNERS if owner not in computed]


def _filled() -> DashboardCache[Any]:
    cache: DashboardCache[Any] = DashboardCache(60)
    _kept(cache)
    return cache


def test_dashboards_drop_the_owners_a_write_moved_and_everything_on_a_tenancy_change() -> None:
    for change, kept in (
        (Change.ledger([("vendor", 2), ("platform", 1)]), [("vendor", 1)]),
        (Change.switch(1), OWNERS),
        (Change.account(1), OWNERS),
        (Change.tenancy(), []),
        (Change.everything(), []),
    ):
        cache = _filled()
        DashboardsOnChange(cache).changed(change)
        assert _kept(cache) == kept, change


def test_the_ranking_ignores_writes_and_drops_on_tenancy_changes() -> None:
    for change, kept in (
        (Change.ledger([("vendor", 2), ("platform", 1)]), OWNERS),
        (Change.switch(1), OWNERS),
        (Change.tenancy(), []),
        (Change.everything(), []),
    ):
        cache = _filled()
        RankingsOnChange(cache).changed(change)
        assert _kept(cache) == kept, change
