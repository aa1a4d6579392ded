"""The worker threads blocking handlers run on, sized and kept apart so one stall cannot starve the rest.

Litestar runs a synchronous handler with `loop.run_in_executor(None, …)`: the event loop's default
executor, which asyncio sizes at `min(32, cpu_count + 4)`, six threads on a two-core machine. Under
a lock stall every write holds one of them for `database.lock_timeout_ms` and every dashboard for
its whole budget, so with 16 writers and 16 readers a dashboard queued for 18 s behind the writes.

- **requests**: the loop's default executor, which every synchronous handler and dependency uses,
  sized to the connection pool (`database.pool_size` and as many overflow): a request thread then
  never waits for a connection held by another request thread; a request beyond that waits for a
  thread, not for a connection it would time out on.
- **dashboards**: their own threads. A dashboard mostly waits for the aggregator's workers, which
  have their own pool of connections (`create_metrics_engine`), so it never queues behind writes.
- **probes**: `/ready` runs its check on one thread of its own (see `ReadinessProbe`).

`/health` and everything that needs no database run on the event loop itself and use none of these;
the threads of the first two run one step below the loop's OS priority (`thread_priority.py`).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from adapters.http.thread_priority import lower_this_threads_priority

__all__ = ("ThreadPools",)

P = ParamSpec("P")
T = TypeVar("T")


class ThreadPools:
    """Created by the app factory; `start()` and `stop()` run with the app's lifespan."""

    def __init__(self, request_threads: int, dashboard_threads: int) -> None:
        self.request_threads = request_threads
        self.dashboard_threads = dashboard_threads
        self._lock = threading.Lock()
        self._requests: ThreadPoolExecutor | None = None
        self._dashboards: ThreadPoolExecutor | None = None

    def start(self) -> None:
        """On startup, inside the running loop: its default executor becomes the request threads.
        (Served without a lifespan, requests keep asyncio's default; dashboards still get theirs.)"""
        self._requests = ThreadPoolExecutor(
            self.request_threads,
            thread_name_prefix="tessera-request",
            initializer=lower_this_threads_priority,
        )
        asyncio.get_running_loop().set_default_executor(self._requests)

    def _dashboard_threads(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._dashboards is None:
                self._dashboards = ThreadPoolExecutor(
                    self.dashboard_threads,
                    thread_name_prefix="tessera-dashboard",
                    initializer=lower_this_threads_priority,
                )
            return self._dashboards

    def in_background(self, fn: Callable[[], object]) -> None:
        """Run `fn` on a dashboard thread without waiting for it (warming the dashboards' pool up)."""
        self._dashboard_threads().submit(fn)

    def stop(self) -> None:
        """Threads still blocked finish on their own; the process does not wait for them."""
        with self._lock:
            for executor in (self._dashboards, self._requests):
                if executor is not None:
                    executor.shutdown(wait=False, cancel_futures=True)
            self._requests = self._dashboards = None

    async def dashboard(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`fn(*args, **kwargs)` on a dashboard thread, with the caller's context variables."""
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._dashboard_threads(), call)
