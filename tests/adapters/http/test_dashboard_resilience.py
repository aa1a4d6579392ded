"""One failing or slow provider never breaks a dashboard, on the real app and the real databases: a
ledger table that raises fails alone within the ledger's batch; a provider asked alone that sleeps
or runs away is cut off at its deadline while the ledger's batch answers."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

import pytest
from dependency_injector import providers
from litestar.testing import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from adapters.container import Container
from adapters.http.app import create_app
from tests.alone import asked_alone
from tests.api import Api, figures
from tests.fakes.providers import FailingMetrics, SleepingProvider, SlowQueryProvider

VENDOR = "/api/v1/vendor/dashboard/stats"


@pytest.fixture
def quick_api(make_container: Callable[..., Container]) -> Iterator[Api]:
    container = make_container({"metrics": {"provider_timeout_ms": 200}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        yield Api(client, container)


@pytest.fixture
def owner(quick_api: Api) -> dict[str, str]:
    root = quick_api.super_admin()
    main = quick_api.platform(root, "main")
    vendor = quick_api.vendor(root, "acme", [main])
    headers = quick_api.user(root, "owner@acme.test", "vendor_owner", vendor_id=vendor)
    quick_api.order(headers, 1500)
    return headers


def test_a_raising_provider_is_listed_and_logged_while_the_rest_answer(
    quick_api: Api, owner: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="tessera.metrics")
    with quick_api.container.tenancy.ledger_metrics.override(providers.Object(FailingMetrics("tenancy"))):
        dashboard = quick_api.stats(VENDOR, owner)
    assert dashboard["unavailable"] == ["tenancy"]
    assert "tenancy" not in dashboard["categories"]
    assert len(dashboard["categories"]) == 6  # every other module still answers
    assert figures(dashboard, "orders")["orders.total_revenue"] == 1500
    assert (
        "metrics provider 'tenancy' failed on vendor 1: RuntimeError: the warehouse is on fire" in caplog.text
    )


def test_a_provider_sleeping_past_the_timeout_is_listed(quick_api: Api, owner: dict[str, str]) -> None:
    sleeper = SleepingProvider("orders", seconds=3)
    with asked_alone(quick_api.container, sleeper):
        dashboard = quick_api.stats(VENDOR, owner)
        assert not sleeper.finished.is_set()  # answered without waiting for it
    assert dashboard["unavailable"] == ["orders"]
    assert figures(dashboard, "tenancy")["tenancy.team_members"] == 1
    assert sleeper.finished.wait(10)


def test_a_runaway_query_is_cancelled_and_its_connection_returned(
    quick_api: Api, owner: dict[str, str]
) -> None:
    """On both databases the statement is interrupted in the server, not merely abandoned."""
    runaway = SlowQueryProvider("orders")
    with asked_alone(quick_api.container, runaway):
        dashboard = quick_api.stats(VENDOR, owner)
    assert dashboard["unavailable"] == ["orders"]
    assert runaway.finished.wait(10), "the statement was not interrupted"
    assert isinstance(runaway.error, DBAPIError)
    pool = quick_api.container.metrics_engine().pool
    for _ in range(200):  # the worker returns the connection just after the provider gives up
        if pool.checkedout() == 0:  # type: ignore[attr-defined]
            break
        time.sleep(0.01)
    assert pool.checkedout() == 0  # type: ignore[attr-defined]
    with quick_api.container.metrics_engine().connect() as connection:  # and the pool still serves
        assert connection.execute(text("SELECT 1")).scalar() == 1
