"""Every dashboard, series and ranking says where its figures were read and as of when they are
complete (on both databases, without a replica: the primary, as of the moment it was read), and a
cached answer keeps its own."""

from __future__ import annotations

from collections.abc import Callable

from litestar.testing import TestClient

from adapters.container import Container
from adapters.http.app import create_app
from tests.adapters.web.pages import sign_in
from tests.api import Api
from tests.fakes.clock import FrozenClock

STATS, SERIES = "/api/v1/vendor/dashboard/stats", "/api/v1/vendor/dashboard/series"
ADMIN_STATS, TOP = "/api/v1/admin/dashboard/stats", "/api/v1/admin/dashboard/top-vendors"


def _at(clock: FrozenClock) -> str:
    return clock.now().isoformat().replace("+00:00", "Z")


def test_every_answer_says_it_was_read_from_the_primary_as_of_its_reading(
    api: Api, clock: FrozenClock
) -> None:
    root = api.super_admin()
    platform = api.platform(root, "main")
    owner = api.user(root, "o@acme.test", "vendor_owner", vendor_id=api.vendor(root, "acme", [platform]))
    api.order(owner, 1500)
    answers = [
        api.stats(STATS, owner),
        api.stats(SERIES, owner, keys="orders.period_orders"),
        api.stats(ADMIN_STATS, root, platform_id=platform),
        api.stats(TOP, root, platform_id=platform),
    ]
    assert [(a["read_from"], a["fresh_as_of"], a["generated_at"]) for a in answers] == [
        ("primary", _at(clock), _at(clock))
    ] * 4


def test_a_cached_dashboard_keeps_the_freshness_of_its_reading(
    make_container: Callable[..., Container], clock: FrozenClock
) -> None:
    container = make_container({"metrics": {"cache_ttl_s": 600}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        root = api.super_admin()
        owner = api.user(
            root,
            "o@acme.test",
            "vendor_owner",
            vendor_id=api.vendor(root, "acme", [api.platform(root, "main")]),
        )
        read_at = _at(clock)
        first = api.stats(STATS, owner)
        clock.advance(seconds=30)
        again = api.stats(STATS, owner)
        assert (again["generated_at"], again["fresh_as_of"]) == (_at(clock), read_at)
        assert first["fresh_as_of"] == read_at
        api.order(owner, 1500)  # the write drops it: read again, fresh as of now
        assert api.stats(STATS, owner)["fresh_as_of"] == _at(clock)


def test_the_page_says_as_of_when_its_figures_are_when_they_were_not_read_just_now(
    make_container: Callable[..., Container], clock: FrozenClock
) -> None:
    container = make_container({"metrics": {"cache_ttl_s": 600}})
    with TestClient(create_app(container), base_url="http://testserver.local") as client:
        api = Api(client, container)
        root = api.super_admin()
        api.user(
            root,
            "o@acme.test",
            "vendor_owner",
            vendor_id=api.vendor(root, "acme", [api.platform(root, "main")]),
        )
        sign_in(client, "o@acme.test")
        first = client.get("/dashboard")
        assert (first.status_code, 'id="fresh-as-of"' in first.text) == (200, False)  # read just now
        clock.advance(seconds=30)
        again = client.get("/dashboard").text
        assert '· figures as of <time id="fresh-as-of">2026-06-15 12:00:00</time>' in again
