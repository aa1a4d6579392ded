"""The scrape's business gauges are the platform dashboard's all-time figures, on both databases:
same keys and values, money with its currency, only the modules on for each platform, none of a
period's sums; the output parses with prometheus-client's own parser; and the service's own
families (requests, dashboard categories, the cache, the fold's backlog) are there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.http.app import create_app
from tests.adapters.prometheus.figures import dashboard_figures, exported_figures
from tests.adapters.prometheus.scraping import samples, scrape
from tests.api import Api

STATS = "/api/v1/admin/dashboard/stats"


@pytest.fixture
def world(make_container: Callable[..., Any]) -> Any:
    container = make_container({"metrics": {"cache_ttl_s": 60}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        world = api.three_vendors()
        for owner, total, status, currency in [
            ("acme_owner", 1250, "paid", "EUR"),
            ("acme_owner", 4000, "pending", "EUR"),
            ("bolt_owner", 999, "paid", "USD"),
            ("crux_owner", 700, "paid", "EUR"),
        ]:
            api.order(world[owner], total, status, currency=currency)
        yield api, world


def test_the_gauges_are_the_platform_dashboards_all_time_figures(world: Any) -> None:
    api, ids = world
    families = samples(scrape(api.client.app).text)
    for slug in ("main", "eu"):
        exported = exported_figures(families, slug)
        shown = dashboard_figures(api.stats(STATS, ids["root"], platform_id=ids[slug]))
        assert exported, slug
        assert set(exported) <= set(shown)
        for key, value in exported.items():
            assert value == shown[key]["value"], (slug, key)
        money = {
            sample.labels["key"]: sample.labels["currency"]
            for sample in families["tessera_money_minor_units"]
            if sample.labels["platform"] == slug
        }
        assert money == {key: shown[key]["currency"] for key in money}
    main = exported_figures(families, "main")
    assert main["orders.total"] == 3  # acme's two and bolt's one
    assert main["orders.total_revenue"] == 5250  # EUR: acme's two; not cancelled, not refunded
    assert main["orders.total_revenue_usd"] == 999
    assert "orders.period_revenue" not in main  # a period's sum: Prometheus takes rates itself


def test_a_module_switched_off_for_a_platform_is_not_exported_for_it(world: Any) -> None:
    api, ids = world
    response = api.client.put(
        f"/api/v1/admin/platforms/{ids['eu']}/modules/orders", json={"enabled": False}, headers=ids["root"]
    )
    assert response.status_code == 200, response.text
    families = samples(scrape(api.client.app).text)
    assert not any(key.startswith("orders.") for key in exported_figures(families, "eu"))
    assert any(key.startswith("orders.") for key in exported_figures(families, "main"))


def test_the_services_own_families(world: Any) -> None:
    api, ids = world
    for _ in range(2):  # the second is a cache hit
        api.stats(STATS, ids["root"], platform_id=ids["main"])
    api.client.get("/no/such/path")
    families = samples(scrape(api.client.app).text)
    requests = {
        (s.labels["route"], s.labels["method"], s.labels["status"]): s.value
        for s in families["tessera_http_requests"]
        if s.name == "tessera_http_requests_total"
    }
    assert requests[(STATS, "GET", "200")] == 2
    assert requests[("/api/v1/vendor/orders", "POST", "201")] == 4
    assert requests[("unmatched", "GET", "404")] == 1
    latency = {
        s.labels["route"]: s.value
        for s in families["tessera_http_request_duration_seconds"]
        if s.name.endswith("_count")
    }
    assert latency[STATS] == 2
    answered = {
        s.labels["category"]: s.value
        for s in families["tessera_dashboard_category_duration_seconds"]
        if s.name.endswith("_count")
    }
    assert answered["orders"] == 1  # computed once, then cached
    cache = {s.labels["result"]: s.value for s in families["tessera_dashboard_cache_lookups"]}
    assert cache == {"hit": 1, "miss": 1}
    assert [s.value for s in families["tessera_ledger_up"]] == [1]
    [backlog] = families["tessera_ledger_unfolded_deltas"]
    assert backlog.value > 0  # no folder runs in tests
