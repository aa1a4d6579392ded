"""The dashboard cache switched on (`metrics.cache_ttl_s`), through the real app on both databases:
repeated requests run the providers once; a write shows at once, on the vendor's and its platforms'
dashboards; a degraded answer is not kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from dependency_injector import providers
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from kernel.context import MetricsContext, Scope
from kernel.contracts.ledger import LedgerReading
from kernel.ledger_metrics import LedgerMetrics
from kernel.metrics import MetricValue
from tests.api import Api, figures

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"


class _Counting(LedgerMetrics):
    """A module's real metrics table, counting how often the ledger's batch asks it; it can be told
    to fail on the vendor dashboard."""

    def __init__(self, real: LedgerMetrics) -> None:
        super().__init__(real.metrics_category)
        self.real, self.keys, self.calls, self.fail = real, real.keys, 0, False

    def metrics(self, scope: Scope, reading: LedgerReading, context: MetricsContext) -> list[MetricValue]:
        self.calls += 1
        if self.fail and scope == "vendor":
            raise RuntimeError("the warehouse is on fire")
        return self.real.metrics(scope, reading, context)


@pytest.fixture
def cached(make_container: Callable[..., Container]) -> Iterator[tuple[Api, _Counting, _Counting]]:
    """Orders and tenancy counted (tables are fixed when the app first builds a dashboard)."""
    container = make_container({"metrics": {"cache_ttl_s": 600}})
    orders, tenancy = (
        _Counting(container.orders.ledger_metrics()),
        _Counting(container.tenancy.ledger_metrics()),
    )
    with (
        container.orders.ledger_metrics.override(providers.Object(orders)),
        container.tenancy.ledger_metrics.override(providers.Object(tenancy)),
        TestClient(create_app(container), base_url="http://testserver.local") as client,
    ):
        yield Api(client, container), orders, tenancy


def test_repeated_requests_run_the_providers_once_and_writes_show_at_once(
    cached: tuple[Api, _Counting, _Counting],
) -> None:
    api, counting, _ = cached
    world = api.three_vendors()
    api.order(world["bolt_owner"], 1500)
    for _ in range(3):
        assert figures(api.stats(VENDOR, world["bolt_owner"]), "orders")["orders.total"] == 1
        assert (
            figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "orders")["orders.total"] == 1
        )
    assert counting.calls == 2

    api.order(world["bolt_owner"], 500)  # bolt is on main and eu: both platforms' answers go
    assert figures(api.stats(VENDOR, world["bolt_owner"]), "orders")["orders.total"] == 2
    assert figures(api.stats(ADMIN, world["root"], platform_id=world["eu"]), "orders")["orders.total"] == 2
    assert counting.calls == 4
    api.stats(VENDOR, world["bolt_owner"], period="7d")  # another period is another answer
    assert counting.calls == 5


def test_a_degraded_dashboard_is_not_kept(cached: tuple[Api, _Counting, _Counting]) -> None:
    api, orders, tenancy = cached
    world = api.three_vendors()
    tenancy.fail = True
    assert api.stats(VENDOR, world["acme_owner"])["unavailable"] == ["tenancy"]
    tenancy.fail = False
    assert api.stats(VENDOR, world["acme_owner"])["unavailable"] == []
    assert api.stats(VENDOR, world["acme_owner"])["unavailable"] == []
    assert (orders.calls, tenancy.calls) == (2, 2)


SERIES = "/api/v1/vendor/dashboard/series"
TOP = "/api/v1/admin/dashboard/top-vendors"


@pytest.fixture
def cached_api(make_container: Callable[..., Container]) -> Iterator[Api]:
    """The cache on, every module's table as it is (the series read their rows)."""
    container = make_container({"metrics": {"cache_ttl_s": 600}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def test_a_series_is_kept_beside_the_dashboards_and_a_write_drops_it_but_not_the_ranking(
    cached_api: Api,
) -> None:
    """The dashboard page reads a series with every dashboard: kept under the same owners, so the
    ledger's report of a write drops it with the dashboards. The ranking is kept its own
    `metrics.ranking_ttl_s` (10 s by default), writes or not, and says when it was ranked."""
    api = cached_api
    world = api.three_vendors()
    api.order(world["bolt_owner"], 1500)

    def charted() -> int:
        answer = api.stats(SERIES, world["bolt_owner"], keys="orders.period_orders")
        return sum(point["value"] for point in answer["series"][0]["points"])

    def ranked() -> tuple[list[tuple[int, int]], str]:
        answer = api.stats(TOP, world["root"], platform_id=world["eu"])
        return [(vendor["vendor_id"], vendor["orders"]) for vendor in answer["vendors"]], answer[
            "generated_at"
        ]

    assert charted() == charted() == 1
    first = ranked()
    assert first[0] == [(world["bolt"], 1)]
    api.order(world["bolt_owner"], 500)  # bolt is on eu: the platform's entries go too
    assert charted() == 2
    assert ranked() == first
