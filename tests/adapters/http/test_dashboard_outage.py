"""A dashboard none of whose categories could reach the database is an outage: 503 with
Retry-After, or, with `metrics.serve_stale_s`, the last complete answer marked stale with its age.

The providers' sessions are swapped for ones that cannot connect (`UnreachableSessions`), through
the container, while the tenant look-ups (cached) still answer: exactly the dashboards' side of an
outage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from dependency_injector import providers
from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.api import Api
from tests.fakes.clock import FrozenClock
from tests.fakes.providers import FailingMetrics
from tests.fakes.sessions import StalledSessions, UnreachableSessions

VENDOR = "/api/v1/vendor/dashboard/stats"
UNAVAILABLE = {
    "status_code": 503,
    "detail": "the database is not answering: nothing was changed; try again in 5 seconds",
    "extra": None,
}


@pytest.fixture
def world(make_container: Callable[..., Container]) -> Iterator[Callable[..., tuple[Api, dict[str, str]]]]:
    opened: list[TestClient[Any]] = []

    def make(**metrics: Any) -> tuple[Api, dict[str, str]]:
        container = make_container({"metrics": metrics})
        client = TestClient(create_app(container), base_url="http://testserver.local").__enter__()
        opened.append(client)
        api = Api(client, container)
        root = api.super_admin()
        acme = api.vendor(root, "acme", [api.platform(root, "main")])
        owner = api.user(root, "owner@acme.test", "vendor_owner", vendor_id=acme)
        api.order(owner, 1500)
        return api, owner

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def _rebuild_dashboards(container: Container) -> None:
    """The aggregator and the read router hold the sessions and providers they were built with: build
    them (and the service) again."""
    container.dashboard_service.reset()
    container.read_router.reset()
    container.aggregator.shutdown()


@contextmanager
def unreachable(container: Container, sessions: object | None = None) -> Iterator[None]:
    with container.metrics_sessions.override(providers.Object(sessions or UnreachableSessions())):
        _rebuild_dashboards(container)
        yield
    _rebuild_dashboards(container)


def test_no_category_reaching_the_database_is_503_with_retry_after(world) -> None:
    api, owner = world()
    with unreachable(api.container):
        answer = api.client.get(VENDOR, headers=owner)
    assert (answer.status_code, answer.json(), answer.headers["retry-after"]) == (503, UNAVAILABLE, "5")


def test_a_bug_in_every_provider_is_still_a_200_listing_them(world) -> None:
    """Only the database not answering is an outage; a provider that raises anything else is a bug."""
    api, owner = world()
    container = api.container
    for definition in container.enabled_modules():
        if definition.metrics_category is not None:
            code = getattr(container, definition.code)
            code.ledger_metrics.override(providers.Object(FailingMetrics(definition.metrics_category)))
    _rebuild_dashboards(container)
    dashboard = api.stats(VENDOR, owner)
    assert dashboard["categories"] == {}
    assert len(dashboard["unavailable"]) == 7


def test_with_serve_stale_the_last_complete_answer_is_served_marked_with_its_age(
    world, clock: FrozenClock
) -> None:
    api, owner = world(serve_stale_s=600)
    fresh = api.stats(VENDOR, owner)
    assert (fresh["stale"], fresh["age_s"], fresh["unavailable"]) == (False, None, [])
    clock.advance(seconds=90)
    with unreachable(api.container):
        stale = api.stats(VENDOR, owner)
        assert (stale["stale"], stale["age_s"]) == (True, 90.0)
        assert stale["categories"] == fresh["categories"]
        assert stale["generated_at"] == fresh["generated_at"]  # when the figures were computed
        clock.advance(seconds=600)  # older than serve_stale_s: an outage again
        assert api.client.get(VENDOR, headers=owner).status_code == 503


@pytest.mark.parametrize("serve_stale_s", [0, 600])
def test_every_category_running_late_is_a_200_listing_them_or_the_stale_answer(world, serve_stale_s) -> None:
    """Late is not known down (a busy machine, a slow database): all listed, or the stale answer."""
    stalled = StalledSessions()
    api, owner = world(serve_stale_s=serve_stale_s, provider_timeout_ms=200)
    complete = api.stats(VENDOR, owner)  # an answer to remember
    try:
        with unreachable(api.container, stalled):
            late = api.stats(VENDOR, owner)
    finally:
        stalled.release.set()
    if serve_stale_s:
        assert (late["stale"], late["categories"], late["unavailable"]) == (True, complete["categories"], [])
    else:
        assert (late["stale"], late["categories"], len(late["unavailable"])) == (False, {}, 7)
