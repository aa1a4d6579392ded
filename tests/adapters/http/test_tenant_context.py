"""The tenant middleware resolves on the event loop while every look-up is cached, on a worker
thread when one has to read: a cached answer costs no thread hand-over, a miss never blocks the loop."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from adapters.http.tenant_context import TenantContext, TenantContextMiddleware
from contracts.cache_only import refuse_to_block
from contracts.tenancy import HostMatch, PlatformRef, VendorRef, VendorStanding
from kernel.identity import Principal

MAIN = PlatformRef(1, "main", "Main", "main.test")


class _Directory:
    """Refuses to block on a key it has not seen (as a real cache's miss would read), and records
    which thread each look-up ran on."""

    def __init__(self) -> None:
        self.cached: set[str] = set()
        self.threads: list[int] = []

    def _lookup(self, key: str) -> None:
        self.threads.append(threading.get_ident())
        if key not in self.cached:
            refuse_to_block()
            self.cached.add(key)

    def platform_by_id(self, platform_id: int) -> PlatformRef | None:
        self._lookup(f"id:{platform_id}")
        return MAIN if platform_id == MAIN.id else None

    def platform_by_slug(self, slug: str) -> PlatformRef | None:
        self._lookup(f"slug:{slug}")
        return MAIN if slug == MAIN.slug else None

    def vendor_by_slug(self, slug: str) -> VendorRef | None:
        return None

    def resolve_host(self, host: str) -> HostMatch:
        self._lookup(f"host:{host}")
        return HostMatch(platform=MAIN) if host == MAIN.domain else HostMatch()

    def account(self, user_id: int) -> Principal | None:
        return None

    def vendor_standing(self, vendor_id: int) -> VendorStanding | None:
        return None

    def forget(self) -> None:
        self.cached.clear()


def _request(middleware: TenantContextMiddleware, host: str) -> tuple[TenantContext, int]:
    """The context the next app saw, and the event loop's thread."""
    seen: list[TenantContext] = []

    async def next_app(scope: Any, _receive: Any, _send: Any) -> None:
        seen.append(scope["state"]["tenant"])

    async def call() -> int:
        scope: Any = {"type": "http", "path": "/api/v1/x", "headers": [(b"host", host.encode())]}
        await middleware.handle(scope, None, None, next_app)  # type: ignore[arg-type]
        return threading.get_ident()

    loop_thread = asyncio.run(call())
    return seen[0], loop_thread


def test_a_miss_is_resolved_on_a_worker_thread_then_hits_on_the_event_loop() -> None:
    directory = _Directory()
    middleware = TenantContextMiddleware(directory, "main")
    first, loop_thread = _request(middleware, "main.test")
    assert first.platform == MAIN
    assert first.host_platform == MAIN
    assert directory.threads[0] == loop_thread  # tried on the loop, refused
    assert directory.threads[-1] != loop_thread  # answered on a worker thread
    directory.threads.clear()
    second, loop_thread = _request(middleware, "main.test")
    assert second == first
    assert directory.threads == [loop_thread]


def test_a_host_seen_for_the_first_time_goes_to_a_worker_thread_again() -> None:
    directory = _Directory()
    middleware = TenantContextMiddleware(directory, "main")
    _request(middleware, "main.test")
    directory.threads.clear()
    other, loop_thread = _request(middleware, "elsewhere.test")
    assert (other.platform, other.host_platform) == (MAIN, None)  # the default platform
    assert directory.threads[0] == loop_thread
    assert directory.threads[-1] != loop_thread
