"""A broken counter never breaks a dashboard, on the real app and databases: the process's metrics,
which are both the aggregator's observer and the dashboard cache's, raise on every dashboard call,
and the dashboards still answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from dependency_injector import providers
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from adapters.prometheus.instruments import ProcessMetrics
from kernel.contracts.dashboard_observer import FailureReason
from tests.api import Api


class BrokenMetrics(ProcessMetrics):
    """Counts requests; raises on every dashboard category and cache look-up."""

    calls = 0

    def _raise(self) -> None:
        BrokenMetrics.calls += 1
        raise RuntimeError("the counter is broken")

    def category_answered(self, category: str, seconds: float) -> None:
        self._raise()

    def category_failed(self, category: str, reason: FailureReason) -> None:
        self._raise()

    def cache_looked_up(self, hit: bool) -> None:
        self._raise()


@pytest.fixture
def api(make_container: Callable[..., Container]) -> Iterator[Api]:
    container = make_container({"metrics": {"cache_ttl_s": 60}})
    container.process_metrics.override(providers.Singleton(BrokenMetrics))
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def test_dashboards_answer_whatever_their_observers_raise(api: Api) -> None:
    world = api.three_vendors()
    api.order(world["acme_owner"], 1500)
    before = BrokenMetrics.calls
    for _ in range(2):  # a cache miss, then a hit
        vendor = api.client.get("/api/v1/vendor/dashboard/stats", headers=world["acme_owner"])
        assert vendor.status_code == 200, vendor.text
        assert vendor.json()["unavailable"] == []
    platform = api.client.get(
        "/api/v1/admin/dashboard/stats", params={"platform_id": world["main"]}, headers=world["root"]
    )
    assert platform.status_code == 200, platform.text
    assert BrokenMetrics.calls > before + 3  # each category, each look-up
