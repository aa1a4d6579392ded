"""A dashboard costs a fixed, small number of SQL statements whatever the data: one, for the seven
categories on the ledger (tenancy's too) read together, plus, on a process's first request
for a platform, the lookups of the tenant and its module switches, which are then cached. Counted
on the real engines (the requests' and the dashboards' own) through the real app, on both
databases, before and after ten times more data, with the figures' deltas folded or not. The
background folder is off here: its statements are not the dashboard's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from adapters.ledger import fold_ledger
from tests.api import Api
from tests.statements import counted

VENDOR = "/api/v1/vendor/dashboard/stats"
ADMIN = "/api/v1/admin/dashboard/stats"
CATEGORIES = 7
STATEMENTS = 1


@pytest.fixture
def api(make_container: Callable[..., Container]) -> Iterator[Api]:
    container = make_container({"ledger": {"fold_interval_ms": 0}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


def _costs(api: Api, world: dict[str, Any]) -> tuple[int, int]:
    with counted(api.container.engine(), api.container.metrics_engine()) as vendor:
        dashboard = api.stats(VENDOR, world["bolt_owner"], period="90d", include_trends=True)
    assert len(dashboard["categories"]) == CATEGORIES
    with counted(api.container.engine(), api.container.metrics_engine()) as admin:
        platform = api.stats(ADMIN, world["root"], platform_id=world["eu"], period="90d", include_trends=True)
    assert len(platform["categories"]) == CATEGORIES
    assert sum("figure_totals" in statement for statement in [*vendor, *admin]) == 2  # one per dashboard
    return len(vendor), len(admin)


def _orders(api: Api, world: dict[str, Any], count: int) -> None:
    for n in range(count):
        api.order(world["bolt_owner"], 100 + n, "paid", email=f"c{n % 4}@x.test")


def test_a_dashboard_costs_the_same_few_statements_whatever_the_data(api: Api) -> None:
    world = api.three_vendors()
    _orders(api, world, 3)
    first = _costs(api, world)  # the tenant and its module switches are looked up once, then cached
    assert first[0] <= STATEMENTS + 2
    assert first[1] <= STATEMENTS + 2
    assert _costs(api, world) == (STATEMENTS, STATEMENTS)  # the token is checked without the database
    _orders(api, world, 30)
    assert _costs(api, world) == (STATEMENTS, STATEMENTS)  # the orders' deltas not folded yet
    assert fold_ledger(api.container) > 0
    assert _costs(api, world) == (STATEMENTS, STATEMENTS)
